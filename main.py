"""Start the OKR Desk desktop app."""

from okrdesk_ui.app import main

if __name__ == "__main__":  # map workers are spawned processes that re-import this file
    raise SystemExit(main())
