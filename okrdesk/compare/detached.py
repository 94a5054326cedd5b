"""A snapshot that holds still while the app's own moves on: for comparing in another thread.

Keeping a snapshot current replaces rows whole (Snapshot.apply) and changes its indexes' lists
in place, so copying the tables and those lists is enough; the rows themselves are shared.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

from okrdesk.snapshot import Snapshot

_INDEXES = ("krs_of", "aligned_to_kr")


def detached(snapshot: Snapshot) -> Snapshot:
    """A copy of `snapshot` no later change to it reaches."""
    tables = {f.name: dict(getattr(snapshot, f.name)) for f in fields(Snapshot)
              if f.name not in _INDEXES}
    indexes = {name: defaultdict(list, {key: list(ids) for key, ids in
                                        getattr(snapshot, name).items()})
               for name in _INDEXES}
    return Snapshot(**tables, **indexes)
