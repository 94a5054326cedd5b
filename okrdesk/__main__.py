"""`python -m okrdesk`: the command line of the core, without the desktop app."""

import sys

from okrdesk.cli import main
from okrdesk.interrupts import quiet_from_now_on

if __name__ == "__main__":
    status = main()
    quiet_from_now_on()
    sys.exit(status)
