"""Numbers typed into the inspector are read, and shown, the way the system's locale writes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.fields import format_number, parse_number
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from okrdesk.errors import OperationRefused
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import read_one

TARGET_SQL = "SELECT target_value FROM key_results WHERE id = :i"
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def locale() -> Iterator[None]:
    """The locale is set per test; the system's comes back afterwards."""
    yield
    QLocale.setDefault(QLocale.system())


@pytest.mark.parametrize(("text", "english", "german"), [
    ("1,000", 1000.0, 1.0),  # a thousand in English; one, with a decimal comma, in German
    ("1.5", 1.5, 1.5),  # German cannot read it; the C locale can
    ("1 000", 1000.0, 1000.0),
    ("1\u202f000", 1000.0, 1000.0),  # narrow no-break space, as French writes it
    ("1.000,5", None, 1000.5),
    ("12%", 12.0, 12.0),
    ("-3", -3.0, -3.0),
    ("", None, None),
])
def test_numbers_are_read_in_the_locale(text: str, english: float | None,
                                        german: float | None) -> None:
    for locale, expected in ((ENGLISH, english), (GERMAN, german)):
        if expected is None and text:
            with pytest.raises(OperationRefused):
                parse_number(text, "target", locale)
        else:
            assert parse_number(text, "target", locale) == expected


@pytest.mark.parametrize("text", ["lots", "1,2,3", "inf", "nan", "12 apples"])
def test_words_and_endless_numbers_are_refused_with_the_reason(text: str) -> None:
    with pytest.raises(OperationRefused, match="target must be") as refused:
        parse_number(text, "target", GERMAN)
    assert text in str(refused.value)


def test_numbers_are_shown_in_the_locale() -> None:
    assert format_number(1234567.5, ENGLISH) == "1,234,567.5"
    assert format_number(1234567.5, GERMAN) == "1.234.567,5"
    assert format_number(2027, GERMAN) == "2027"  # no groups below ten thousand
    assert format_number(0.1 + 0.2, GERMAN) == "0,3"
    assert format_number(None, GERMAN) == ""
    for value in (1234567.5, 0.25, 12345.0, -7.0):
        for locale in (ENGLISH, GERMAN):
            assert parse_number(format_number(value, locale), "x", locale) == value


def first_metric_kr(window: MainWindow) -> str:
    assert window.document is not None
    return next(kr.id for kr in window.document.snapshot.key_results.values()
                if kr.kind == "increase")


def type_target(window: MainWindow, text: str) -> None:
    field = window.inspector.key_result_form.target
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def test_a_german_planner_types_targets(window: MainWindow, demo_plan: Path,
                                        locale: None) -> None:
    QLocale.setDefault(GERMAN)
    kr_id = first_metric_kr(window)
    assert window.document is not None
    window.document.select("key_results", kr_id)
    target = window.inspector.key_result_form.target
    type_target(window, "1 000")
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == 1000.0
    type_target(window, "12.500,5")
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == 12500.5
    assert target.text() == "12.500,5"
    type_target(window, "1,000")
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == 1.0


def test_an_english_planner_types_a_thousand(window: MainWindow, demo_plan: Path,
                                             locale: None) -> None:
    QLocale.setDefault(ENGLISH)
    kr_id = first_metric_kr(window)
    assert window.document is not None
    window.document.select("key_results", kr_id)
    type_target(window, "1,000")
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == 1000.0
    type_target(window, "12%")
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == 12.0


def test_garbage_is_refused_and_the_field_keeps_the_old_value(
    window: MainWindow, demo_plan: Path, qtbot: QtBot, locale: None,
) -> None:
    QLocale.setDefault(ENGLISH)
    kr_id = first_metric_kr(window)
    assert window.document is not None
    window.document.select("key_results", kr_id)
    before = read_one(demo_plan, TARGET_SQL, i=kr_id)
    with qtbot.waitSignal(window.document.refused) as refused:
        type_target(window, "about 3k")
    assert "The target value must be a number such as 1,500.5, not “about 3k”" in refused.args[0]
    assert read_one(demo_plan, TARGET_SQL, i=kr_id) == before
    assert window.inspector.key_result_form.target.text() == format_number(before)  # type: ignore[arg-type]
    assert window.document.undo_stack.count() == 0
