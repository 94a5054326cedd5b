"""Ctrl-C lands wherever the program is; inside a callback whose errors Python ignores (a weakref
callback run by the garbage collector) the KeyboardInterrupt would be lost and the command would
run on to the end. The watch raises it again once the callback has returned."""

from __future__ import annotations

import signal
import sys
import time
import weakref

import pytest

from okrdesk.interrupts import InterruptWatch


class Thing:
    pass


def interrupted_inside(_ref: object) -> None:
    signal.raise_signal(signal.SIGINT)
    for _ in range(1000):  # the handler runs here, inside the callback
        pass


def test_an_interrupt_lost_in_a_callback_is_raised_again() -> None:
    with pytest.raises(KeyboardInterrupt), InterruptWatch() as watch:
        thing = Thing()
        kept = weakref.ref(thing, interrupted_inside)
        del thing  # the callback runs now, and the handler's KeyboardInterrupt is ignored there
        time.sleep(1)  # the command's work goes on: the interrupt comes back within it
    assert watch.received and kept() is None


def test_the_watch_gives_the_hooks_back() -> None:
    before_handler, before_hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    with InterruptWatch():
        pass
    assert signal.getsignal(signal.SIGINT) is before_handler
    assert sys.unraisablehook is before_hook
