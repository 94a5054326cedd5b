"""The About dialog: the version of OKR Desk and of what it is built on, and their licences.

Licence texts travel in the `resources.licenses` package and are read with importlib.resources,
so the dialog reads them the same way from a source checkout and from the bundle.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from importlib import metadata, resources

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import okrdesk

from .translation import QT_TR_NOOP, tr

LICENSES = "okrdesk_resources.licenses"
ICON = ("okrdesk_resources.icons", "png/okrdesk-64.png")
SUMMARY = QT_TR_NOOP("Plan OKRs and align them across an organisation, offline.")
MISSING_TEXTS = QT_TR_NOOP("The licence texts are missing from this installation of OKR Desk.")


@dataclass(frozen=True, slots=True)
class Component:
    """Something OKR Desk bundles: its name, licence (SPDX) and the files of its licence texts."""

    name: str
    license: str
    files: tuple[str, ...]
    url: str
    distribution: str


def bundled_components() -> list[Component]:
    """The components listed in the licence index; empty when the index is missing."""
    try:
        raw = resources.files(LICENSES).joinpath("index.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    return [
        Component(
            name=entry["name"],
            license=entry["license"],
            files=tuple(entry["files"]),
            url=entry["url"],
            distribution=entry["dist"],
        )
        for entry in json.loads(raw)
    ]


def license_text(component: Component) -> str:
    """The licence texts of a component, each under a heading naming its file."""
    folder = resources.files(LICENSES)
    parts = [f"{component.name}: {component.license}\n{component.url}"]
    for name in component.files:
        try:
            text = folder.joinpath(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            text = tr(MISSING_TEXTS)
        parts.append(f"{'=' * 72}\n{name}\n{'=' * 72}\n\n{text}")
    return "\n\n".join(parts)


def graphviz_version() -> str:
    try:
        import pygraphviz
    except ImportError:  # a broken Graphviz must not stop the dialog from opening
        return tr("not available")
    return str(pygraphviz.__graphviz_version__)


def distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "bundled"


def component_versions() -> dict[str, str]:
    """Versions of the runtime pieces, in the order the dialog shows them."""
    return {
        "OKR Desk": okrdesk.__version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
        "Graphviz": graphviz_version(),
        "SQLAlchemy": distribution_version("SQLAlchemy"),
        "Alembic": distribution_version("alembic"),
        "PyPDF": distribution_version("pypdf"),
        "filelock": distribution_version("filelock"),
        "python-calamine": distribution_version("python-calamine"),
        "rustpy-xlsxwriter": distribution_version("rustpy-xlsxwriter"),
        "PyGraphviz": distribution_version("pygraphviz"),
    }


class AboutDialog(QDialog):
    """Version, runtime versions and a browsable list of the bundled components' licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About OKR Desk"))
        self.setObjectName("aboutDialog")
        self.resize(760, 560)
        self.versions = component_versions()
        self.components = bundled_components()

        self.licence_list = QListWidget()
        self.licence_list.setObjectName("licenceList")
        self.licence_text = QPlainTextEdit()
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setReadOnly(True)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.licence_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.licence_list.currentRowChanged.connect(self._show_licence)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addLayout(self._version_form())
        layout.addWidget(QLabel(self.tr("Bundled components and their licences:")))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.licence_list)
        splitter.addWidget(self.licence_text)
        splitter.setSizes([220, 540])
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(buttons)
        self._fill_licences()

    def _header(self) -> QHBoxLayout:
        icon = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(resources.files(ICON[0]).joinpath(ICON[1]).read_bytes())
        icon.setPixmap(pixmap)
        title = QLabel(self.tr("<h2>OKR Desk</h2><p>Version {version}</p><p>{summary}</p>")
                       .format(version=okrdesk.__version__, summary=tr(SUMMARY)))
        title.setObjectName("aboutTitle")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(icon, alignment=Qt.AlignmentFlag.AlignTop)
        row.addWidget(title, stretch=1)
        return row

    def _version_form(self) -> QFormLayout:
        form = QFormLayout()
        for name, version in self.versions.items():
            if name == "OKR Desk":
                continue
            value = QLabel(version)
            value.setObjectName(f"version:{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{name}:", value)
        return form

    def _fill_licences(self) -> None:
        if not self.components:
            self.licence_text.setPlainText(tr(MISSING_TEXTS))
            return
        for component in self.components:
            item = QListWidgetItem(f"{component.name} ({component.license})")
            item.setData(Qt.ItemDataRole.UserRole, component.name)
            self.licence_list.addItem(item)
        self.licence_list.setCurrentRow(0)

    def _show_licence(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.licence_text.setPlainText(license_text(self.components[row]))
            self.licence_text.moveCursor(QTextCursor.MoveOperation.Start)

    def select_component(self, name: str) -> None:
        """Show the licence of the component called `name`."""
        for row, component in enumerate(self.components):
            if component.name == name:
                self.licence_list.setCurrentRow(row)
                return
        raise KeyError(name)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog over `parent` without blocking; it is deleted when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
