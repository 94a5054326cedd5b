"""Notice a new day while a plan is open: what depends on the date (stale key results, the
status expected by date, the latest day a check-in may take) is worked out again then, not at
the next change.

A single-shot timer is set for just after the next local midnight and set again each time it
fires. It waits at most an hour at a time: a computer asleep at midnight stops the timer's clock,
and the hour also follows a change of time zone or of the system's clock. The day itself is
`okrdesk.clock.today()`, so tests set it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from okrdesk import clock

LONGEST_WAIT_MS = 60 * 60 * 1000
PAST_MIDNIGHT_MS = 1000  # wake a little after it, so the new date has surely begun


def ms_to_next_midnight(now: datetime) -> int:
    """Milliseconds from `now` (aware, local) to the next local midnight, through a change of
    summer time too."""
    midnight = datetime.combine(now.date() + timedelta(days=1), time()).astimezone()
    return max(int((midnight - now).total_seconds() * 1000), 0)


class DayWatch(QObject):
    day_began = Signal(object)  # the new date

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.day: date = clock.today()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # a second early or late is fine
        self.timer.timeout.connect(self.check)
        self.arm()

    def arm(self) -> None:
        wait = ms_to_next_midnight(datetime.now().astimezone()) + PAST_MIDNIGHT_MS
        self.timer.start(min(wait, LONGEST_WAIT_MS))

    def check(self) -> None:
        """Tell of a new day if the date has moved on, and wait for the next."""
        today = clock.today()
        if today != self.day:
            self.day = today
            self.day_began.emit(today)
        self.arm()
