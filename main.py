"""Start the OKR Desk desktop app."""

from ui.app import main

raise SystemExit(main())
