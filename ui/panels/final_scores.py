"""The final score an objective or key result was given when its cycle closed, in words for the
inspector's read-only line (empty when it has none)."""

from __future__ import annotations

from okrdesk.snapshot import Snapshot

from ..translation import QT_TR_NOOP, tr

REFLECTIONS = (("achieved", QT_TR_NOOP("Achieved")), ("learned", QT_TR_NOOP("Learned")),
               ("decided", QT_TR_NOOP("Decided")))


def objective_score_text(snapshot: Snapshot, objective_id: str) -> str:
    score = snapshot.objective_scores.get(objective_id)
    if score is None:
        return ""
    lines = [_score_line(score.value, score.note)]
    lines += [f"{tr(name)}: {text}" for key, name in REFLECTIONS
              if (text := str(getattr(score, key)).strip())]
    return "\n".join(lines)


def key_result_score_text(snapshot: Snapshot, kr_id: str) -> str:
    score = snapshot.kr_scores.get(kr_id)
    return _score_line(score.value, score.note) if score is not None else ""


def _score_line(value: float, note: str) -> str:
    line = tr("Final score {score}").format(score=f"{value:.1f}" if round(value, 1) == value
                                            else f"{value:.2f}")
    return f"{line} — {note}" if note.strip() else line
