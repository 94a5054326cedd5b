"""Where a plan opened for reading is read: in place while another program writes it, else
from a private copy (so neither the file nor its folder changes), else, when there is no room
for a copy and no log beside it, the file itself opened immutable.

Both ways of reading a plan (a Plan opened read-only, and `reading.read_plan` with sqlite3
alone) choose the place here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrdesk.errors import StorageError
from okrdesk.storage.connect import plan_uri
from okrdesk.storage.lock import held_elsewhere
from okrdesk.storage.private_copy import PrivateCopy, pending_logs


@dataclass(frozen=True)
class ReadingPlace:
    path: Path  # the file to connect to
    live: bool  # another program writes the plan: read in place, read-only
    inspect_only: bool  # the plan itself, immutable: no room for a copy, no log beside it
    copy: PrivateCopy | None

    def uri(self) -> str:
        return plan_uri(self.path, read_only=self.live, inspect_only=self.inspect_only)

    def discard(self) -> None:
        if self.copy is not None:
            self.copy.discard()


def reading_place(path: Path) -> ReadingPlace:
    """Where to read the plan at `path` (its header already checked)."""
    if held_elsewhere(path):
        return ReadingPlace(path, live=True, inspect_only=False, copy=None)
    copy = private_copy(path)
    if copy is None:
        return ReadingPlace(path, live=False, inspect_only=True, copy=None)
    return ReadingPlace(copy.path, live=False, inspect_only=False, copy=copy)


def private_copy(path: Path) -> PrivateCopy | None:
    """A private copy; None if there is no room for one and the file alone says it all."""
    try:
        return PrivateCopy(path)
    except OSError as error:
        if pending_logs(path):
            raise StorageError(f"{path.name}: cannot be read: there is no room for a private "
                               f"copy to read it by ({error.strerror or error})") from None
        return None
