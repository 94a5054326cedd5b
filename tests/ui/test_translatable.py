"""The app's words go through Qt's translation: an installed translator reaches the menus, the
commands, the docks, the inspector and the health panel, both a translator that marks every text
and the real pipeline (pyside6-lupdate extracts the texts, lrelease builds the .qm file); and no
literal text is handed straight to a Qt text setter in the app's source."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import okrdesk_ui
import pytest
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures

MARK = "⟦"
UI = Path(okrdesk_ui.__file__).parent
TOOLS = Path(sys.executable).parent


class MarkingTranslator(QTranslator):
    """Every text, in every context, comes back between ⟦ ⟧."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"{MARK}{source}⟧"


def extracted_translator(folder: Path) -> QTranslator:
    """What a translator's workflow makes of the app: lupdate reads the source, lrelease writes
    every (still untranslated) text as ⟦ + the English, a stand-in for a real translation."""
    ts, qm = folder / "okrdesk.ts", folder / "okrdesk.qm"
    sources = [str(path) for path in sorted(UI.rglob("*.py"))]
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(ts)], check=True,
                   capture_output=True)
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-markuntranslated", MARK, str(ts),
                    "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


@pytest.fixture(params=["marking", "lupdate"])
def translator(request: pytest.FixtureRequest, tmp_path: Path,
               qapp: QApplication) -> Iterator[QTranslator]:
    installed = (MarkingTranslator() if request.param == "marking"
                 else extracted_translator(tmp_path))
    assert QCoreApplication.installTranslator(installed)
    yield installed
    QCoreApplication.removeTranslator(installed)


@pytest.fixture
def translated_window(translator: QTranslator, window: MainWindow) -> MainWindow:
    """The window is made after the translator is installed (fixture order)."""
    return window


def untranslated(texts: list[str]) -> list[str]:
    return [text for text in texts if not text.startswith(MARK)]


def test_the_window_speaks_through_the_translator(translated_window: MainWindow) -> None:
    window = translated_window
    assert window.document is not None
    menus = [action.text() for action in window.menuBar().actions()]
    assert len(menus) >= 5 and untranslated(menus) == []
    commands = [window.commands.action(key) for key in window.commands]
    assert len(commands) > 40
    assert untranslated([action.text() for action in commands]) == []
    assert untranslated([action.toolTip() for action in commands
                         if action.toolTip() != action.text().replace("&", "")]) == []
    assert untranslated([dock.windowTitle() for dock in window.docks.values()]) == []
    assert untranslated([window.windowTitle(), window.saved_label.text()]) == []
    assert untranslated([window.tabs.tabText(i) for i in range(window.tabs.count())]) == []


def test_the_inspector_and_the_health_panel_are_translated(
        translated_window: MainWindow) -> None:
    window = translated_window
    document = window.document
    assert document is not None
    assert untranslated([window.inspector.empty.text()]) == []
    objective_id = next(iter(document.snapshot.objectives))
    document.select("objectives", objective_id)
    form = window.inspector.objective_form
    fields = [form.title, form.description, form.owner, form.cycle, form.commitment,
              form.visibility, form.status]
    assert untranslated([field.accessibleName() for field in fields]) == []
    assert untranslated([form.heading.text(), form.commitment.currentText()]) == []
    headings = [label.text() for label in form.findChildren(QLabel, "panelHeading")]
    assert len(headings) >= 3 and untranslated(headings) == []
    kr_id = next(iter(document.snapshot.key_results))
    document.select("key_results", kr_id)
    kr_form = window.inspector.key_result_form
    assert untranslated([kr_form.heading.text(), kr_form.kind.currentText(),
                         kr_form.delete.text(), kr_form.title.accessibleName()]) == []
    health = window.health
    columns = [health.levels.horizontalHeaderItem(i).text()
               for i in range(health.levels.columnCount())]
    assert len(columns) == 8 and untranslated(columns) == []
    attention = [health.attention.headerItem().text(0),
                 *(health.attention.topLevelItem(i).text(0)
                   for i in range(health.attention.topLevelItemCount()))]
    assert untranslated(attention) == []
    summaries = [health.summary.text(), health.functions.text(), health.gauge.toolTip()]
    assert untranslated(summaries) == []
    assert untranslated([label.text() for label in health.findChildren(QLabel, "panelHeading")
                         ]) == []


def test_without_a_translator_the_words_stay_english(window: MainWindow) -> None:
    assert window.docks["health"].windowTitle() == "Alignment health"
    assert window.commands.action("edit.undo").text() == "&Undo"


# -- the source -------------------------------------------------------------------------------

# Qt calls whose text arguments a reader sees: every positional argument is checked (an index,
# a widget or an icon is no text), as are the keywords in TEXT_KEYWORDS.
TEXT_SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "addMenu", "showMessage", "setHeaderLabels",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setTitle", "setTabText", "addTab",
    "insertTab", "setLabelText", "setInformativeText", "setDetailedText", "setAccessibleName",
    "setAccessibleDescription", "addRow", "setEmptyLabel", "setIconText", "addButton",
    "setCancelButtonText", "setOkButtonText", "drawText", "addSimpleText", "setNameFilter",
}
TEXT_CLASSES = {
    "QAction", "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QMenu", "QDockWidget", "QCommandLinkButton", "QMessageBox", "QToolBar",
    "QGraphicsSimpleTextItem", "QGraphicsTextItem", "QTreeWidgetItem", "QListWidgetItem",
    "QStandardItem", "QProgressDialog",
}
STATIC_DIALOGS = {"QMessageBox", "QInputDialog", "QFileDialog"}  # QMessageBox.warning(...) etc.
# The app's own helpers: the position of their text argument.
TEXT_HELPERS = {"label": 0, "add_field": 1, "named": 2, "addItem": 0, "show_error": 0}
TEXT_KEYWORDS = {"text", "title", "tip", "tooltip", "placeholder", "message", "caption",
                 "placeholderText", "toolTip", "statusTip", "windowTitle"}
TRANSLATING = {"tr", "translate"}
COMMAND_KEY = re.compile(r"[a-z_]+(\.[a-z_]+)+")  # commands.add("objective.delete", text, ...)

# Texts handed to a setter as they are, each with its reason. (file, text)
ALLOWED: dict[tuple[str, str], str] = {
    ("objective_form.py", "f'<a href=\"original\">{escape(text)}</a>'"):
        "a link around a text translated where it is made (copied_from_text)",
}
# Modules that are not part of the running app.
NOT_THE_APP = {"screenshots.py": "makes the documentation's pictures from a script"}


def _call_name(call: ast.Call) -> tuple[str | None, str | None]:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id, None
    if isinstance(func, ast.Attribute):
        return func.attr, func.value.id if isinstance(func.value, ast.Name) else None
    return None, None


def _bare_text(node: ast.expr) -> bool:
    """A literal with words in it, an f-string, or a list/choice/sum of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_bare_text(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _bare_text(node.left) or _bare_text(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_bare_text(element) for element in node.elts)
    if isinstance(node, ast.IfExp):
        return _bare_text(node.body) or _bare_text(node.orelse)
    return False


def _text_arguments(call: ast.Call) -> list[ast.expr]:
    name, owner = _call_name(call)
    args: list[ast.expr] = list(call.args)
    keywords = [keyword.value for keyword in call.keywords if keyword.arg in TEXT_KEYWORDS]
    if name in TEXT_SETTERS or name in TEXT_CLASSES or owner in STATIC_DIALOGS:
        return args + keywords
    if name in TEXT_HELPERS:
        position = TEXT_HELPERS[name]
        return ([args[position]] if len(args) > position else []) + keywords
    first = args[0] if args else None
    if (isinstance(first, ast.Constant) and isinstance(first.value, str)
            and COMMAND_KEY.fullmatch(first.value)):
        return args[1:2] + keywords  # a command's text, after its key
    return keywords


def untranslated_texts(path: Path) -> list[str]:
    """`line: text` for each literal text given to a Qt text setter without tr(), and for each
    tr() of an f-string (its key would change with every value)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name, _owner = _call_name(node)
        if name in TRANSLATING:
            found += [(arg.lineno, f"tr(f-string) {ast.unparse(arg)}") for arg in node.args
                      if isinstance(arg, ast.JoinedStr)]
            if isinstance(node.func, ast.Name) and name == "tr" and len(node.args) > 1:
                # lupdate reads a free tr(a, b) as the text a with the comment b
                found.append((node.lineno, f"tr(context, text) {ast.unparse(node)}"))
            continue
        for arg in _text_arguments(node):
            if not _bare_text(arg):
                continue
            text = arg.value if isinstance(arg, ast.Constant) else ast.unparse(arg)
            if (path.name, text) not in ALLOWED:
                found.append((arg.lineno, text if isinstance(arg, ast.JoinedStr) else repr(text)))
    return [f"{line}: {text}" for line, text in sorted(found)]


def app_sources() -> list[Path]:
    return [path for path in sorted(UI.rglob("*.py")) if path.name not in NOT_THE_APP]


def test_no_literal_text_reaches_a_qt_setter_untranslated() -> None:
    problems = {str(path.relative_to(UI)): found for path in app_sources()
                if (found := untranslated_texts(path))}
    assert problems == {}


def test_free_texts_are_translated_where_lupdate_files_them() -> None:
    """lupdate files a free tr() under the empty context; a module that defines its own tr()
    with a class name would look where lupdate put nothing."""
    own = [str(path.relative_to(UI)) for path in app_sources()
           if path.name != "translation.py" and re.search(r"^def tr\(", path.read_text(),
                                                           re.MULTILINE)]
    assert own == []


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'button = QPushButton("Save", parent)\n'
        'button.setToolTip(f"Save {name}")\n'
        'box.setText(self.tr("Fine"))\n'
        'QMessageBox.warning(parent, "Oops", message)\n'
        'commands.add("plan.save", "&Save", save, tip=tr("Saves"))\n'
        'label.setText(tr(f"{count} objectives"))\n'
        'widget.setObjectName("saveButton")\n'
        'label.setText("—")\n'
        'words = tr("outline", "increase")\n', encoding="utf-8")
    assert untranslated_texts(sample) == [
        "1: 'Save'", "2: f'Save {name}'", "4: 'Oops'", "5: '&Save'",
        "6: tr(f-string) f'{count} objectives'",
        "9: tr(context, text) tr('outline', 'increase')"]
