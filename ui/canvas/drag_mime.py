"""What a drag on or onto the canvas carries: an objective or a key result, as QMimeData with the
point the mouse holds it by. The same types let other panels drag to and from the canvas."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF

OBJECTIVE_MIME = "application/x-okrdesk-objective"
KEY_RESULT_MIME = "application/x-okrdesk-key-result"


def objective_mime(objective_id: str, hotspot: QPointF | None = None) -> QMimeData:
    """Mime data of a dragged objective card; `hotspot` is where the mouse holds the card."""
    return _mime(OBJECTIVE_MIME, objective_id, hotspot)


def key_result_mime(kr_id: str) -> QMimeData:
    return _mime(KEY_RESULT_MIME, kr_id, None)


def _mime(kind: str, row_id: str, hotspot: QPointF | None) -> QMimeData:
    mime = QMimeData()
    spot = [hotspot.x(), hotspot.y()] if hotspot is not None else [0.0, 0.0]
    mime.setData(kind, json.dumps({"id": row_id, "hotspot": spot}).encode())
    mime.setText(row_id)
    return mime


def dragged(mime: QMimeData) -> tuple[str, str, QPointF] | None:
    """(mime kind, id, hotspot) of what a drag carries, or None if it is nothing of ours."""
    for kind in (OBJECTIVE_MIME, KEY_RESULT_MIME):
        if mime.hasFormat(kind):
            try:
                payload = json.loads(bytes(mime.data(kind).data()).decode())
                x, y = payload["hotspot"]
                return kind, str(payload["id"]), QPointF(float(x), float(y))
            except (ValueError, KeyError, TypeError):
                return None
    return None
