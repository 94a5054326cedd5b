"""Errors of the JSON interchange: each names the problem and where it is in the file."""

from __future__ import annotations

from okrdesk.errors import OkrDeskError


class InterchangeError(OkrDeskError):
    """A JSON plan file cannot be read, or a plan cannot be written as one."""


class NewerFormatError(InterchangeError):
    """The JSON file was written by a newer OKR Desk."""
