"""What the import dialog says the import would do: a sentence of what it creates and updates
(or that problems stop it), and the list of problems and notes."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

from okrdesk.sheets import ImportPreview

from ..translation import QT_TR_NOOP, tr
from .widgets import counted

PROBLEMS_SHOWN = 500
TABLE_NAMES = {
    "objectives": (QT_TR_NOOP("objective"), QT_TR_NOOP("objectives")),
    "key_results": (QT_TR_NOOP("key result"), QT_TR_NOOP("key results")),
    "units": (QT_TR_NOOP("person or team"), QT_TR_NOOP("people and teams")),
    "levels": (QT_TR_NOOP("level"), QT_TR_NOOP("levels")),
    "functions": (QT_TR_NOOP("function"), QT_TR_NOOP("functions")),
    "cycles": (QT_TR_NOOP("cycle"), QT_TR_NOOP("cycles")),
}


def summary_text(preview: ImportPreview) -> str:
    created = counted_rows(preview.created) or tr("nothing")
    updated = counted_rows(preview.updated) or tr("nothing")
    text = tr("Import would create {created} and update {updated}, in one step that "
              "Undo takes back.").format(created=created, updated=updated)
    if preview.problems:
        count = len(preview.problems)
        text = tr("{problems} must be fixed in the sheet or the mapping before "
                  "anything is imported; nothing was changed.").format(
            problems=counted(count, tr("problem"), tr("problems")))
    return text


def list_problems(problems: QListWidget, preview: ImportPreview) -> None:
    """The first PROBLEMS_SHOWN problems, then the notes; the list hides while it is empty."""
    for problem in preview.problems[:PROBLEMS_SHOWN]:
        problems.addItem(str(problem))
    if len(preview.problems) > PROBLEMS_SHOWN:
        problems.addItem(tr("… and {0} more").format(len(preview.problems) - PROBLEMS_SHOWN))
    for note in preview.notes:
        problems.addItem(note)
    problems.setVisible(problems.count() > 0)


def counted_rows(by_table: dict[str, int]) -> str:
    """"2 objectives, 5 key results" for the tables with rows."""
    parts = []
    for table, count in by_table.items():
        if count:
            one, many = TABLE_NAMES.get(table, (table.replace("_", " "),) * 2)
            parts.append(counted(count, tr(one), tr(many)))
    return ", ".join(parts)
