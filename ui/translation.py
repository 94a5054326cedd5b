"""Text for translation outside the methods of a QObject.

pyside6-lupdate files `self.tr("…")` under the class's name, and a free `tr("…")` call or a
`QT_TR_NOOP("…")` mark under the empty context. This `tr` asks for the text in that same empty
context, so what lupdate extracts is what the app looks up. Inside a QObject subclass,
`self.tr("…")` is the rule; a text marked with `QT_TR_NOOP` is translated with this `tr` wherever
it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

FREE_CONTEXT = ""


def tr(text: str) -> str:
    """`text` in the reader's language, when a translation is installed."""
    return QCoreApplication.translate(FREE_CONTEXT, text)


def QT_TR_NOOP(text: str) -> str:
    """Marks a text kept in a constant, under the name lupdate looks for; `tr()` translates
    it where it is shown."""
    return text

