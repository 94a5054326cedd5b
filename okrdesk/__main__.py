"""`python -m okrdesk`: the command line of the core, without the desktop app."""

import sys

from okrdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
