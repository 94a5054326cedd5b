"""The ways a map can fail, each with a message a planner can act on."""

from __future__ import annotations

from okrdesk.errors import ChoiceError, OkrDeskError


class MapRequestError(OkrDeskError):
    """The map asked for does not make sense for this plan (unknown cycle, bad level range...)."""


class AmbiguousObjective(MapRequestError, ChoiceError):
    """Several objectives have the title asked for; each is listed with its id and owner."""


class MapRenderError(OkrDeskError):
    """Graphviz could not draw the map: it crashed, hung, or the output could not be written."""


class MapCancelled(MapRenderError):
    """The map was cancelled while it was being drawn; its worker process was stopped."""
