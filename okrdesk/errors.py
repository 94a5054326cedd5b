"""Errors a planner can read: each names the problem, never a traceback."""

from __future__ import annotations

from pathlib import Path


class OkrDeskError(Exception):
    """Base of every error the app shows to a user as a message."""


class PlanFileError(OkrDeskError):
    """A file cannot be opened as a plan; the file is left untouched."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


class NewerPlanError(PlanFileError):
    """The plan was written by a newer OKR Desk than this one."""


class PlanLockedError(PlanFileError):
    """Another window or process has the plan open for writing."""


class ReadOnlyPlanError(OkrDeskError):
    """A change was asked of a plan opened read-only."""


class OperationRefused(OkrDeskError):
    """An operation would break the plan; the reason is for a planner."""


class StaleChangeError(OperationRefused):
    """An undo or redo no longer matches the plan (it changed meanwhile)."""


class NotFoundError(OperationRefused):
    """An id or title names nothing in the plan."""


class StorageError(OkrDeskError):
    """The disk refused a read or a write (full, read-only, I/O error); the plan file holds
    everything committed before it, and the change that failed was not applied."""


class ChoiceError(OkrDeskError):
    """A name fits several things: the message's first line says so and asks for an id, each
    further line is one of the choices (its id first)."""

    def __init__(self, problem: str, choices: list[str] | None = None) -> None:
        self.choices = list(choices or [])
        super().__init__("\n".join([problem, *(f"  {choice}" for choice in self.choices)]))
