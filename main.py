"""Start the OKR Desk desktop app."""

from okrdesk_ui.launcher import start_app

if __name__ == "__main__":  # worker processes re-import this file, so it loads no Qt itself
    raise SystemExit(start_app())
