"""File > New plan: one dialog for what a plan needs, from a starter or another plan's cycle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from okrdesk import PLAN_SUFFIX
from okrdesk.errors import OkrDeskError
from okrdesk.limits import FIRST_YEAR, LAST_YEAR
from okrdesk.starters import (
    BuiltPlan,
    NewPlan,
    PlanSource,
    ShippedStarter,
    Starter,
    build_plan,
    read_plan_source,
    shipped_starters,
)

from ..files import plan_filter
from ..translation import tr
from .name_list import NameList
from .widgets import counted, named, problem_label


class NewPlanDialog(QDialog):
    """Asks for the plan; on Create builds the file. `built` is the plan made, else None."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPlanDialog")
        self.setWindowTitle(self.tr("New plan"))
        self.folder = folder
        self.built: BuiltPlan | None = None
        self.source: PlanSource | None = None
        self._path_typed = False
        self._replace_allowed: Path | None = None
        try:
            self.starters: list[ShippedStarter] = shipped_starters()
        except OkrDeskError as error:
            self.starters = []
            self._starter_problem = str(error)
        else:
            self._starter_problem = ""

        self.from_starter = QRadioButton(self.tr("A &starter"), self)
        self.from_plan = QRadioButton(self.tr("Another plan's &cycle"), self)
        choice = QButtonGroup(self)
        for button in (self.from_starter, self.from_plan):
            choice.addButton(button)
            button.setAccessibleName(button.text().replace("&", ""))
        self.starter_choice = named(QComboBox(self), "starterChoice", self.tr("Starter"))
        for item in self.starters:
            self.starter_choice.addItem(item.starter.title, item.key)
        self.starter_about = QLabel(self)
        self.starter_about.setObjectName("starterAbout")
        self.starter_about.setWordWrap(True)
        self.plan_path = named(QLineEdit(self), "sourcePlanPath", self.tr("Other plan"))
        self.plan_path.setPlaceholderText(self.tr("a plan file (.okr)"))
        self.plan_browse = named(QPushButton(self.tr("Browse…"), self), "sourcePlanBrowse",
                                       self.tr("Choose the other plan"))
        self.cycle_choice = named(QComboBox(self), "cycleChoice", self.tr("Cycle to carry over"))

        self.company = named(QLineEdit(self), "companyName", self.tr("Company name"))
        self.company.setPlaceholderText(self.tr("for example Acme 2027"))
        self.year = named(QSpinBox(self), "yearBox", self.tr("Year"))
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(QDate.currentDate().year())
        self.levels = NameList(self.tr("level"), self.tr("Levels"), self)
        self.functions = NameList(self.tr("function"), self.tr("Functions"), self)
        self.levels.keeps = self._level_keeps
        self.people = named(QCheckBox(self), "examplePeople", self.tr("Add the example people"))
        self.save_path = named(QLineEdit(self), "savePath", self.tr("Save as"))
        self.save_browse = named(QPushButton(self.tr("Browse…"), self), "saveBrowse",
                                       self.tr("Choose where to save the plan"))
        self.problem = problem_label(self, "newPlanProblem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(self.tr("Create plan"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createPlanButton")
        self.create_button.setDefault(True)
        self._lay_out()

        self.from_starter.toggled.connect(self._mode_changed)
        self.starter_choice.currentIndexChanged.connect(lambda _i: self._starter_changed())
        self.plan_browse.clicked.connect(self._browse_source)
        self.plan_path.editingFinished.connect(lambda: self.read_source(self.plan_path.text()))
        self.cycle_choice.currentIndexChanged.connect(lambda _i: self._cycle_changed())
        self.company.textChanged.connect(lambda _t: self._suggest_path())
        self.save_path.textEdited.connect(self._path_edited)
        self.save_browse.clicked.connect(self._browse_save)
        self.levels.problem.connect(self.problem.setText)
        self.functions.problem.connect(self.problem.setText)
        self.people.toggled.connect(lambda _on: self.problem.clear())
        self.buttons.accepted.connect(self.create_plan)
        self.buttons.rejected.connect(self.reject)

        self.from_starter.setChecked(True)
        self.from_starter.setEnabled(bool(self.starters))
        if not self.starters:
            self.from_plan.setChecked(True)
            self.problem.setText(self._starter_problem)
        self._starter_changed()
        self._mode_changed()
        self._suggest_path()
        self.company.setFocus()

    # -- what the dialog asks -----------------------------------------------------------------

    def starter(self) -> Starter | None:
        if self.from_plan.isChecked():
            return self.source.starter if self.source is not None else None
        index = self.starter_choice.currentIndex()
        return self.starters[index].starter if 0 <= index < len(self.starters) else None

    def request(self) -> NewPlan | None:
        starter = self.starter()
        if starter is None:
            return None
        carrying = self.from_plan.isChecked() and self.source is not None
        return NewPlan(self.company.text().strip(), self.year.value(), starter,
                       self.levels.chosen(), self.functions.chosen(),
                       with_people=self.people.isChecked(),
                       source=self.source if carrying else None,
                       carry_cycle_id=self.cycle_choice.currentData() if carrying else None)

    def target(self) -> Path | None:
        text = self.save_path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        return path if path.suffix else path.with_suffix(PLAN_SUFFIX)

    def create_plan(self) -> None:
        """Build the plan file; on a refusal say why and stay open."""
        request, path = self.request(), self.target()
        if request is None:
            self.problem.setText(self.tr("Choose a plan file to start from, and one of its "
                                         "cycles.") if self.from_plan.isChecked()
                                 else self.tr("Choose a starter."))
            return
        if path is None:
            self.problem.setText(self.tr("Say where to save the plan."))
            self.save_path.setFocus()
            return
        try:
            self.built = build_plan(path, request, overwrite=path == self._replace_allowed)
        except OkrDeskError as error:
            self.problem.setText(str(error))
            return
        self.accept()

    def read_source(self, text: str) -> bool:
        """Take the levels, functions, people and cycles of the plan at `text`."""
        text = text.strip()
        if not text:
            return False
        path = Path(text).expanduser()
        if self.source is not None and self.source.path == path:
            return True
        try:
            source = read_plan_source(path)
        except OkrDeskError as error:
            self.problem.setText(str(error))
            return False
        self.source = source
        self.plan_path.setText(str(path))
        self.cycle_choice.blockSignals(True)
        self.cycle_choice.clear()
        for cycle in source.cycles:
            count = counted(cycle.objectives, self.tr("objective"), self.tr("objectives"))
            self.cycle_choice.addItem(f"{cycle.name} — {count}", cycle.id)
        busiest = max(range(len(source.cycles)), default=0,
                      key=lambda i: (source.cycles[i].objectives, -i))
        self.cycle_choice.setCurrentIndex(busiest)
        self.cycle_choice.blockSignals(False)
        self.from_plan.setChecked(True)
        self.problem.clear()
        self._take_starter(source.starter)
        if not self.company.isModified():
            self.company.setText(source.starter.title)
        self._cycle_changed()
        return True

    # -- reacting -------------------------------------------------------------------------------

    def _mode_changed(self) -> None:
        by_starter = self.from_starter.isChecked()
        self.starter_choice.setEnabled(by_starter)
        for widget in (self.plan_path, self.plan_browse, self.cycle_choice):
            widget.setEnabled(not by_starter)
        self.people.setVisible(by_starter)
        starter = self.starter()
        if starter is not None:
            self._take_starter(starter)
        self.problem.clear()

    def _starter_changed(self) -> None:
        starter = self.starter() if self.from_starter.isChecked() else None
        index = self.starter_choice.currentIndex()
        if 0 <= index < len(self.starters):
            self.starter_about.setText(self.starters[index].starter.description)
        if starter is not None:
            self._take_starter(starter)

    def _take_starter(self, starter: Starter) -> None:
        self.levels.set_names(starter.levels)
        self.functions.set_names(starter.functions)
        count = len(starter.people)
        self.people.setText(self.tr("Add the starter's example people (%n)", "", count))
        self.people.setEnabled(count > 0)
        self.people.setChecked(False)

    def _cycle_changed(self) -> None:
        if self.source is None or self.cycle_choice.currentData() is None:
            return
        cycle = self.source.cycle(str(self.cycle_choice.currentData()))
        year = _year_of(self.source, cycle.id)
        if year is not None and year < LAST_YEAR:
            self.year.setValue(year + 1)

    def _level_keeps(self, was: str) -> str:
        starter = self.starter()
        if starter is None or not (self.people.isChecked() or self.from_plan.isChecked()):
            return ""
        names = [person.name for person in starter.people_at(was)]
        if not names:
            return ""
        shown = ", ".join(names[:3]) + (self.tr(" and others") if len(names) > 3 else "")
        return self.tr("The level %1 has people (%2): keep it, or rename it.").replace(
            "%1", was).replace("%2", shown)

    def _suggest_path(self) -> None:
        if self._path_typed:
            return
        name = _file_name(self.company.text()) or self.tr("New plan")
        self.save_path.setText(str(self.folder / f"{name}{PLAN_SUFFIX}"))

    def _path_edited(self, _text: str) -> None:
        self._path_typed = True
        self._replace_allowed = None

    def _browse_source(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Start from another plan"),
                                              str(self.folder), plan_filter())
        if name:
            self.read_source(name)

    def _browse_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the new plan as"),
                                              self.save_path.text(), plan_filter())
        if name:
            path = Path(name) if Path(name).suffix else Path(name).with_suffix(PLAN_SUFFIX)
            self.save_path.setText(str(path))
            self._path_typed = True
            self._replace_allowed = path  # the file dialog asked before replacing

    # -- layout ---------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        start = QGridLayout()
        start.addWidget(self.from_starter, 0, 0)
        start.addWidget(self.starter_choice, 0, 1, 1, 2)
        start.addWidget(self.starter_about, 1, 1, 1, 2)
        start.addWidget(self.from_plan, 2, 0)
        start.addWidget(self.plan_path, 2, 1)
        start.addWidget(self.plan_browse, 2, 2)
        start.addWidget(QLabel(self.tr("Cycle to carry over:"), self), 3, 0,
                        Qt.AlignmentFlag.AlignRight)
        start.addWidget(self.cycle_choice, 3, 1, 1, 2)
        start.setColumnStretch(1, 1)
        form = QFormLayout()
        form.addRow(self.tr("Company &name:"), self.company)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_row.addWidget(QLabel(self.tr("its four quarters and a backlog are made for it"),
                                  self), 1)
        form.addRow(_buddy(self.tr("&Year:"), self.year, self), year_row)
        lists = QGridLayout()
        lists.addWidget(QLabel(self.tr("Levels, the top first:"), self), 0, 0)
        lists.addWidget(QLabel(self.tr("Functions:"), self), 0, 1)
        lists.addWidget(self.levels, 1, 0)
        lists.addWidget(self.functions, 1, 1)
        save = QHBoxLayout()
        save.addWidget(self.save_path, 1)
        save.addWidget(self.save_browse)
        save_form = QFormLayout()
        save_form.addRow(_buddy(self.tr("Save &as:"), self.save_path, self), save)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Start from"), self))
        layout.addLayout(start)
        layout.addWidget(_heading(self.tr("The plan"), self))
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.people)
        layout.addLayout(save_form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(720, 620)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _buddy(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def _file_name(text: str) -> str:
    """A plan's name as a file name: characters that file systems refuse left out."""
    kept = "".join(c for c in text.strip() if c not in '<>:"/\\|?*' and c.isprintable())
    return kept.strip(" .")[:120]


def _year_of(source: PlanSource, cycle_id: str) -> int | None:
    cycle = source.cycle(cycle_id)
    year = source.snapshot.cycles.get(cycle.parent_id or "") or cycle
    for text in (year.starts_on or "", year.name):
        if text[:4].isdigit():
            return int(text[:4])
    return None


def ask_new_plan(parent: QWidget, folder: Path) -> BuiltPlan | None:
    """Show the dialog; the plan it built, or None if it was cancelled."""
    dialog = NewPlanDialog(folder, parent)
    try:
        dialog.exec()
        return dialog.built
    finally:
        dialog.deleteLater()


def built_message(built: BuiltPlan) -> str:
    """What the status bar says about a plan just made."""
    text = tr("{name} is ready").format(name=built.path.name)
    if built.carried:
        text += (tr(", with {n} objective carried over") if built.carried == 1 else
                 tr(", with {n} objectives carried over")).format(n=built.carried)
    if built.left_behind:
        count = len(built.left_behind)
        text += (tr("; {n} link to objectives outside that cycle was left behind")
                 if count == 1 else
                 tr("; {n} links to objectives outside that cycle were left behind")
                 ).format(n=count)
    return text + "."
