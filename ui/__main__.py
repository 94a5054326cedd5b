"""`python -m okrdesk_ui`: the same as the installed `okrdesk` command."""

import sys

from .launcher import main

if __name__ == "__main__":
    sys.exit(main())
