"""File > New plan: the dialog driven with real keys and clicks, from a starter and from another
plan's cycle; the plan file made is reopened and checked."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.dialogs.new_plan import NewPlanDialog
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.core.builders import small_org

from .dialog_driving import choose, click, in_next_dialog, reopened, type_into, type_text
from .test_window_support import data_home, demo_plan, demo_template, window

__all__ = ["data_home", "demo_plan", "demo_template", "window"]


def list_editor(dialog: NewPlanDialog) -> QLineEdit:
    editors = [e for e in dialog.levels.names.viewport().findChildren(QLineEdit)
               if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_a_plan_from_the_startup_starter_with_its_levels_edited(
        window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "acme.okr"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPlanDialog)
        choose(dialog.starter_choice, "Three")
        assert [n.name for n in dialog.levels.chosen()] == ["Founders", "Leads", "Team"]
        type_into(dialog.company, "Acme “Rockets” 🚀")
        type_into(dialog.year.lineEdit(), "2029")
        names = dialog.levels.names
        names.setCurrentRow(0)
        QTest.keyClick(names, Qt.Key.Key_F2)  # rename Founders in place
        editor = list_editor(dialog)
        type_text(editor, "Board")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        click(dialog.levels.add_button)  # a new level at the bottom, named in place
        editor = list_editor(dialog)
        QTest.keyClicks(editor, "Interns")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        click(dialog.levels.up_button)
        type_into(dialog.save_path, str(target))
        click(dialog.create_button)

    errors = in_next_dialog(fill)
    window.commands.action("file.new").trigger()
    assert errors == []
    assert window.document is not None and window.document.plan.path == target
    plan = reopened(target)
    assert plan.setting("plan_name") == "Acme “Rockets” 🚀"
    assert [level.name for level in plan.ordered_levels()] == ["Board", "Leads", "Interns",
                                                               "Team"]
    assert sorted(c.name for c in plan.cycles.values()) == [
        "2029", "2029-Q1", "2029-Q2", "2029-Q3", "2029-Q4", "Backlog"]
    assert plan.units == {}
    assert "acme.okr is ready" in window.statusBar().currentMessage()


def test_a_level_with_example_people_cannot_be_removed(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = NewPlanDialog(tmp_path)
    qtbot.addWidget(dialog)
    choose(dialog.starter_choice, "Three")
    click(dialog.people)
    assert dialog.people.isChecked()
    dialog.levels.names.setCurrentRow(1)
    click(dialog.levels.remove_button)
    assert "Noa Lindqvist" in dialog.problem.text()
    assert len(dialog.levels.chosen()) == 3
    type_into(dialog.company, "Acme")
    click(dialog.create_button)
    assert dialog.built is not None and dialog.built.people == 3
    assert dialog.built.path == tmp_path / "Acme.okr"


def test_an_existing_file_is_not_replaced_and_the_dialog_says_why(
        qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "taken.okr").write_text("keep me")
    dialog = NewPlanDialog(tmp_path)
    qtbot.addWidget(dialog)
    type_into(dialog.company, "Taken")
    type_into(dialog.save_path, "taken")
    click(dialog.create_button)
    assert "already exists" in dialog.problem.text()
    assert (tmp_path / "taken.okr").read_text() == "keep me"
    assert dialog.built is None


def test_a_plan_carried_over_from_another_plans_quarter(qtbot: QtBot, tmp_path: Path) -> None:
    with small_org(tmp_path / "old.okr") as org:
        top = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q2")
        org.key_result(top, "Win 30 customers", kind="increase", start_value=0,
                       target_value=30)
        child = org.objective("Kim Park", "Open Lyon", cycle="2027-Q2")
        org.align_up(child, top)
        org.objective("Alex Chen", "Win Europe")
    dialog = NewPlanDialog(tmp_path)
    qtbot.addWidget(dialog)
    click(dialog.from_plan)
    type_into(dialog.plan_path, str(tmp_path / "old.okr"))
    QTest.keyClick(dialog.plan_path, Qt.Key.Key_Return)
    assert dialog.source is not None
    choose(dialog.cycle_choice, "2027-Q2")
    assert dialog.year.value() == 2028
    assert dialog.company.text() == "Test plan"
    type_into(dialog.company, "Test plan 2028")
    type_into(dialog.save_path, str(tmp_path / "new.okr"))
    click(dialog.create_button)
    assert dialog.built is not None and dialog.built.carried == 2
    plan = reopened(tmp_path / "new.okr")
    copies = {o.title: o for o in plan.objectives.values()}
    assert set(copies) == {"Grow EU sales", "Open Lyon"}
    assert {plan.cycles[o.cycle_id].name for o in copies.values()} == {"2028-Q2"}
    assert copies["Grow EU sales"].copied_from_id == top
    aligned = plan.key_results[copies["Open Lyon"].parent_kr_id or ""]
    assert aligned.objective_id == copies["Grow EU sales"].id
    assert len(plan.units) == 7


def test_a_file_that_is_not_a_plan_is_named_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "notes.okr").write_text("not a plan")
    dialog = NewPlanDialog(tmp_path)
    qtbot.addWidget(dialog)
    click(dialog.from_plan)
    type_into(dialog.plan_path, str(tmp_path / "notes.okr"))
    QTest.keyClick(dialog.plan_path, Qt.Key.Key_Return)
    assert "notes.okr" in dialog.problem.text() and dialog.source is None
    click(dialog.create_button)
    assert "Choose a plan file" in dialog.problem.text()
