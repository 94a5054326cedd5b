"""Guessing which column holds which field, and saved mappings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrdesk.sheets.guess import (
    MappingFileError,
    guess_mapping,
    guess_org_mapping,
    load_mapping,
    named_mapping,
    resolve_mapping,
    save_mapping,
)
from okrdesk.sheets.model import OKR_HEADERS, ORG_HEADERS, Field, OrgField


def test_okr_desk_headers_map_exactly() -> None:
    assert guess_mapping(list(OKR_HEADERS.values())) == {
        field.value: index for index, field in enumerate(OKR_HEADERS)}
    assert guess_org_mapping(list(ORG_HEADERS.values())) == {
        field.value: index for index, field in enumerate(ORG_HEADERS)}


def test_other_tools_headers_ignore_case_spaces_and_punctuation() -> None:
    headers = ["GOAL NAME", "Goal-Type", "parent_goal", "Owner Email", "Assignee",
               "Start Value", "Target value", "Progress", "Metric unit", "Due date",
               "Time period", "Team name", "Notes", "Something else"]
    assert guess_mapping(headers) == {
        Field.TITLE: 0, Field.TYPE: 1, Field.PARENT: 2, Field.OWNER_EMAIL: 3, Field.OWNER: 4,
        Field.START: 5, Field.TARGET: 6, Field.CURRENT: 7, Field.UNIT: 8, Field.ENDS_ON: 9,
        Field.CYCLE: 10, Field.TEAM: 11, Field.DESCRIPTION: 12}
    assert guess_org_mapping(["Full name", "Work e-mail", "Job title", "Reports to"]) == {
        OrgField.NAME: 0, OrgField.EMAIL: 1, OrgField.ROLE: 2, OrgField.MANAGER: 3}
    assert guess_org_mapping(["Name", "E-mail address"])[OrgField.EMAIL] == 1


def test_a_column_serves_one_field() -> None:
    mapping = guess_mapping(["Objective", "Key result", "Title"])
    assert mapping == {Field.TITLE: 2}


def test_saved_mappings_round_trip_and_are_checked(tmp_path: Path) -> None:
    headers = ["Goal", "Who"]
    names = named_mapping({"title": 0, "owner": 1}, headers)
    path = save_mapping(names, tmp_path / "map.json")
    assert load_mapping(path) == {"title": "Goal", "owner": "Who"}
    mapping, problems = resolve_mapping({"title": "goal", "owner": "Owner", "colour": "Who"},
                                        headers, "OKRs", [f.value for f in Field])
    assert mapping == {"title": 0}
    assert [str(p) for p in problems] == [
        "sheet 'OKRs', column Owner: the mapping names this column, but the sheet has no such "
        "header",
        "sheet 'OKRs': the mapping names an unknown field 'colour'; known: " +
        ", ".join(sorted(f.value for f in Field))]
    (tmp_path / "bad.json").write_text(json.dumps(["title"]), encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"bad\.json: a column mapping is a JSON object"):
        load_mapping(tmp_path / "bad.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"broken\.json: cannot be read"):
        load_mapping(tmp_path / "broken.json")
