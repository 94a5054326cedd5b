"""Python's cycle collector and the plan opened at start-up.

The snapshot and the scene are built with the collector paused (`okrdesk.snapshot.gc_paused`),
which leaves their objects in its oldest generation; its next full pass then walks all of them,
a few million objects on a plan of 10,000 people: 0.2-0.5 s in which the window does not answer,
and nothing freed. `freeze_opened_plan`, run once the window's first frame is drawn, moves every
object made so far out of the collector's generations (`gc.freeze()`), so no pass walks them.
Frozen objects are still freed when nothing refers to them; only garbage in reference cycles
among them would stay. So opening another plan in the window (`thaw`) puts them back, and the
collector frees what the first plan leaves behind as it did before; the start-up's freeze is
not done again.
"""

from __future__ import annotations

import gc

_state = {"frozen": False, "done": False}  # frozen now; frozen once in this program


def freeze_opened_plan() -> None:
    """Keep every object made so far out of the collector's passes (once per program)."""
    if not _state["done"] and gc.isenabled():
        gc.freeze()
        _state.update(frozen=True, done=True)


def thaw() -> None:
    """Back into the collector's care (its oldest generation), once another plan is opened."""
    if _state["frozen"]:
        gc.unfreeze()
        _state["frozen"] = False


def is_frozen() -> bool:
    return _state["frozen"]
