"""The About dialog: versions, and every bundled component's licence readable inside it."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

import pygraphviz
import PySide6
from okrdesk_ui.about import (
    MISSING_TEXTS,
    AboutDialog,
    bundled_components,
    license_text,
    show_about,
)
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

import okrdesk

REQUIRED = {"Qt", "PySide6 (Qt for Python)", "Graphviz", "SQLAlchemy", "pypdf", "filelock",
            "Python"}


def version_label(dialog: AboutDialog, name: str) -> str:
    label = dialog.findChild(QLabel, f"version:{name}")
    assert label is not None, name
    return label.text()


def test_dialog_shows_the_versions_of_okr_desk_and_its_runtime(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    title = dialog.findChild(QLabel, "aboutTitle")
    assert title is not None
    assert f"Version {okrdesk.__version__}" in title.text()
    assert version_label(dialog, "Qt") == qVersion()
    assert version_label(dialog, "PySide6") == PySide6.__version__
    assert version_label(dialog, "Python") == platform.python_version()
    assert version_label(dialog, "Graphviz") == pygraphviz.__graphviz_version__
    assert version_label(dialog, "SQLAlchemy") == metadata.version("SQLAlchemy")
    assert version_label(dialog, "PyPDF") == metadata.version("pypdf")
    assert version_label(dialog, "filelock") == metadata.version("filelock")
    assert version_label(dialog, "python-calamine") == metadata.version("python-calamine")
    assert version_label(dialog, "rustpy-xlsxwriter") == metadata.version("rustpy-xlsxwriter")


def test_every_required_component_has_a_licence_listed() -> None:
    names = {component.name for component in bundled_components()}
    assert names >= REQUIRED


def test_each_licence_text_is_present_and_not_a_placeholder() -> None:
    for component in bundled_components():
        text = license_text(component)
        assert MISSING_TEXTS not in text, component.name
        assert len(text) > 500, component.name


def test_choosing_a_component_shows_its_licence_text(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.select_component("Qt")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    assert "Version 3, 29 June 2007" in dialog.licence_text.toPlainText()
    dialog.select_component("Graphviz")
    assert "Eclipse Public License - v 2.0" in dialog.licence_text.toPlainText()
    dialog.select_component("SQLAlchemy")
    text = dialog.licence_text.toPlainText()
    assert "Permission is hereby granted, free of charge" in text
    assert "Eclipse" not in text


def test_clicking_in_the_list_changes_the_text(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [component.name for component in dialog.components]
    target = rows.index("pypdf")
    item = dialog.licence_list.item(target)
    dialog.licence_list.scrollToItem(item)
    rect = dialog.licence_list.visualItemRect(item)
    qtbot.mouseClick(dialog.licence_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.licence_list.currentRow() == target
    assert "pypdf: BSD-3-Clause" in dialog.licence_text.toPlainText()


def test_show_about_opens_over_its_parent_and_closes(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = show_about(parent)
    assert dialog.isVisible()
    assert dialog.parent() is parent
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        dialog.reject()


def test_licence_texts_are_the_ones_installed_with_each_component() -> None:
    folder = Path(__file__).resolve().parents[2] / "resources" / "licenses"
    for dist, installed, bundled in [
        ("SQLAlchemy", "LICENSE", "sqlalchemy-LICENSE.txt"),
        ("pypdf", "LICENSE", "pypdf-LICENSE.txt"),
        ("filelock", "LICENSE", "filelock-LICENSE.txt"),
        ("alembic", "LICENSE", "alembic-LICENSE.txt"),
        ("pygraphviz", "LICENSE.graphviz", "graphviz-LICENSE.txt"),
        ("pygraphviz", "LICENSE", "pygraphviz-LICENSE.txt"),
    ]:
        files = metadata.distribution(dist).files or []
        source = next(f for f in files if f.name == installed and ".dist-info" in str(f.parent))
        assert (folder / bundled).read_bytes() == Path(str(source.locate())).read_bytes(), bundled
