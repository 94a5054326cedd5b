"""`python -m okrdesk`: the same as the `okrdesk` command."""

import sys

from okrdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
