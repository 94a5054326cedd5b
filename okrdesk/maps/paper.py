"""Placing a drawing on the paper: how much it is shrunk, and where it sits.

Graphviz's `viewport` places the drawing: shrunk if needed, centred across and set at the top
margin, so every page has exactly the paper's size.
"""

from __future__ import annotations

from okrdesk.maps.request import MARGIN_PT


def print_scale(size: tuple[float, float], paper: tuple[float, float]) -> float:
    """How much a drawing is shrunk to fit the paper inside the margins (1.0: not at all)."""
    return min(1.0, (paper[0] - 2 * MARGIN_PT) / size[0], (paper[1] - 2 * MARGIN_PT) / size[1])


def viewport(box: tuple[float, float, float, float], paper: tuple[float, float]) -> str:
    """Graphviz `viewport` value: the paper's size, the scale, and the point of the drawing at
    the paper's centre, chosen so the drawing is centred across and starts at the top margin."""
    left, bottom, right, top = box
    scale = print_scale((right - left, top - bottom), paper)
    centre_x = (left + right) / 2
    centre_y = top - (paper[1] / 2 - MARGIN_PT) / scale
    return f"{paper[0]:.2f},{paper[1]:.2f},{scale:.5f},{centre_x:.2f},{centre_y:.2f}"
