"""Outlines pasted from e-mails and documents: what becomes an objective or a key result, what
is skipped with a warning, and the written-back shape reading the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrdesk.authoring import OutlineObjective, format_outline, parse_outline
from okrdesk.authoring.bounds import LINE_MAX_CHARS, OUTLINE_MAX_CHARS
from okrdesk.authoring.outline_lines import clean_title

Shape = list[tuple[str, list[str]]]

TWO: Shape = [("Grow revenue", ["Raise NPS from 30 to 45", "Win 30 Fortune 500 companies"]),
              ("Build the team", ["Hire 5 engineers"])]

# name -> pasted text, objectives read, lines warned about
PASTES: dict[str, tuple[str, Shape, list[int]]] = {
    "indented with spaces and tabs": (
        "Grow revenue\n    Raise NPS from 30 to 45\n\tWin 30 Fortune 500 companies\n"
        "Build the team\n  Hire 5 engineers\n", TWO, []),
    "heading, numbers and bullets": (
        "Q3 OKRs:\n\n1. Grow revenue\n   - Raise NPS from 30 to 45\n"
        "   - Win 30 Fortune 500 companies\n2. Build the team\n   - Hire 5 engineers\n",
        TWO, [1]),
    "numbered key results at the margin": (
        "Grow revenue\n1. Raise NPS from 30 to 45\n2. Win 30 Fortune 500 companies\n"
        "Build the team\n1) Hire 5 engineers\n", TWO, []),
    "labels": (
        "O1: Grow revenue\nKR1: Raise NPS from 30 to 45\nKR2: Win 30 Fortune 500 companies\n"
        "Objective 2 - Build the team\nKey result: Hire 5 engineers\n", TWO, []),
    "bullets with labels": (
        "* Objective: Grow revenue\n  - KR1: Raise NPS from 30 to 45\n"
        "  - KR 2) Win 30 Fortune 500 companies\n* Objective: Build the team\n"
        "  - KR1.1 Hire 5 engineers\n", TWO, []),
    "markdown headings": (
        "# Q3 OKRs\n\n## Grow revenue\n- Raise NPS from 30 to 45\n"
        "- Win 30 Fortune 500 companies\n## Build the team\n- Hire 5 engineers\n", TWO, [1]),
    "nested bullets": (
        "- Grow revenue\n  - Raise NPS from 30 to 45\n  - Win 30 Fortune 500 companies\n"
        "    - call 100 prospects a week\n- Build the team\n  - Hire 5 engineers\n", TWO, [4]),
    "letters and roman numerals": (
        "A. Grow revenue\n   i. Raise NPS from 30 to 45\n   ii. Win 30 Fortune 500 companies\n"
        "B. Build the team\n   iii. Hire 5 engineers\n", TWO, []),
    "numbered levels": (
        "1 Grow revenue\n1.1 Raise NPS from 30 to 45\n1.2 Win 30 Fortune 500 companies\n"
        "2 Build the team\n2.1 Hire 5 engineers\n", [
            ("1 Grow revenue", ["Raise NPS from 30 to 45", "Win 30 Fortune 500 companies"]),
            ("2 Build the team", ["Hire 5 engineers"])], []),
    "paragraphs of plain lines": (
        "Grow revenue\nRaise NPS from 30 to 45\nWin 30 Fortune 500 companies\n\n\n"
        "Build the team\nHire 5 engineers\n", TWO, []),
    "Windows line ends, bullets from Word, trailing spaces": (
        "Grow revenue  \r\n\uf0b7\tRaise NPS from 30 to 45 \r\n"
        "\uf0b7\tWin 30 Fortune 500 companies\r\n\r\nBuild the team\r\n"
        "\u2022 Hire 5 engineers\t\r\n", TWO, []),
    "e-mail with dashes and a sign-off": (
        "Hi all, our plan:\n\nGrow revenue\n  – Raise NPS from 30 to 45\n"
        "  – Win 30 Fortune 500 companies\nBuild the team\n  – Hire 5 engineers\n\n"
        "Thanks,\nSam\n", [*TWO, ("Thanks,", []), ("Sam", [])], [1, 9, 10]),
    "bold markdown and underlined heading": (
        "Marketing OKRs\n==============\n**Grow revenue**\n  - Raise NPS from 30 to 45\n"
        "  - Win 30 Fortune 500 companies\n**Build the team**\n  - Hire 5 engineers\n",
        TWO, [1]),
    "objectives only": (
        "1. Grow revenue\n2. Build the team\n", [("Grow revenue", []),
                                                ("Build the team", [])], []),
    "key results before any objective": (
        "  - Stray result\nGrow revenue\n  - Raise NPS from 30 to 45\n"
        "  - Win 30 Fortune 500 companies\nBuild the team\n  - Hire 5 engineers\n", TWO, [1]),
    "empty items": (
        "Grow revenue\n  -\n  - Raise NPS from 30 to 45\n  - Win 30 Fortune 500 companies\n"
        "KR1:\nBuild the team\n  - Hire 5 engineers\n", TWO, [2, 5]),
    "hostile": (
        "Grow\x00 revenue\u202e\n  - " + "x" * (LINE_MAX_CHARS + 1) + "\n"
        "  - Raise NPS from 30 to 45\n  - Win 30 Fortune 500 companies\n"
        "Build the team 🚀\n  - “Hire” 5 engineers — إلى\n", [
            ("Grow revenue", ["Raise NPS from 30 to 45", "Win 30 Fortune 500 companies"]),
            ("Build the team 🚀", ["“Hire” 5 engineers — إلى"])], [1, 2]),
    "empty": ("", [], []),
    "blank lines only": ("\n \r\n\t\n", [], []),
}


def shape(objectives: list[OutlineObjective]) -> Shape:
    return [(o.title, o.key_results) for o in objectives]


@pytest.mark.parametrize("name", PASTES)
def test_pastes(name: str) -> None:
    text, expected, warned = PASTES[name]
    result = parse_outline(text)
    assert shape(result.objectives) == expected
    assert [w.line for w in result.warnings] == warned, [str(w) for w in result.warnings]


@pytest.mark.parametrize("name", PASTES)
def test_pastes_read_the_same_once_written_back(name: str) -> None:
    read = parse_outline(PASTES[name][0]).objectives
    assert shape(parse_outline(format_outline(read)).objectives) == shape(read)


def test_lines_are_numbered_from_one() -> None:
    text, _, _ = PASTES["heading, numbers and bullets"]
    assert [o.line for o in parse_outline(text).objectives] == [3, 6]


def test_warnings_name_the_line_and_the_problem() -> None:
    text, _, _ = PASTES["hostile"]
    warnings = [str(w) for w in parse_outline(text).warnings]
    assert warnings == [
        "Line 1: control or hidden characters removed.",
        f"Line 2: longer than {LINE_MAX_CHARS:,} characters ({LINE_MAX_CHARS + 5:,}): "
        "skipped.",
    ]
    nested = [str(w) for w in parse_outline(PASTES["nested bullets"][0]).warnings]
    assert nested == ["Line 4: “call 100 prospects a week” is nested under a key result: "
                      "skipped (a key result has no parts)."]


def test_odd_objectives_without_key_results_are_named() -> None:
    result = parse_outline("Grow revenue\n  - Win 30 customers\nBuild the team\n")
    assert [str(w) for w in result.warnings] == [
        "Line 3: “Build the team” has no key results under it."]


def test_an_outline_beyond_the_limit_is_not_read() -> None:
    result = parse_outline("Grow\n  - Win 30\n" * (OUTLINE_MAX_CHARS // 10))
    assert result.objectives == []
    assert str(result.warnings[0]).startswith(
        f"The outline is longer than {OUTLINE_MAX_CHARS:,} characters")


def test_format_writes_a_plain_outline() -> None:
    objectives = [OutlineObjective(title, krs) for title, krs in TWO]
    assert format_outline(objectives) == (
        "Grow revenue\n  - Raise NPS from 30 to 45\n  - Win 30 Fortune 500 companies\n\n"
        "Build the team\n  - Hire 5 engineers\n")
    assert format_outline([]) == ""


def test_format_labels_titles_that_would_read_as_markers() -> None:
    objectives = [OutlineObjective("1. Grow revenue", ["- Raise NPS", "KR1: Win 30"]),
                  OutlineObjective("Build the team", ["---"])]
    text = format_outline(objectives)
    assert text == ("Objective: 1. Grow revenue\n  - - Raise NPS\n  - Key result: KR1: Win 30\n\n"
                    "Objective: Build the team\n  - ---\n")
    assert shape(parse_outline(text).objectives) == shape(objectives)


def test_format_keeps_a_heading_like_first_objective() -> None:
    objectives = [OutlineObjective("Q3 OKRs:"), OutlineObjective("Grow revenue", ["Win 30"])]
    assert shape(parse_outline(format_outline(objectives)).objectives) == shape(objectives)


_LINES = st.sampled_from([
    "Grow revenue", "- Raise NPS", "  - Win 30", "\t* Hire", "1. Build", "a) x", "O1: Grow",
    "KR1: Win", "# Head", "## Obj", "---", "", "   ", "o sub", "Objective: ", "Q3 OKRs:",
    "Key result: - x", "1.1 Raise", "\x00bad", "\u202eevil", "x" * (LINE_MAX_CHARS + 1),
    "    deeper", "\u00a0\u00a0nbsp", "**Bold**",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.one_of(_LINES, st.text(max_size=8)), max_size=15)
                 .map("\n".join), st.lists(_LINES, max_size=15).map("\r\n".join)))
def test_any_paste_reads_the_same_once_written_back(text: str) -> None:
    read = parse_outline(text)
    assert all(o.title and all(o.key_results) for o in read.objectives)
    assert shape(parse_outline(format_outline(read.objectives)).objectives) == \
        shape(read.objectives)


_PIECES = st.sampled_from(["- ", "1. ", "O1: ", "KR: ", "# ", "o ", "---", "Q3 OKRs:", "a) ",
                           "1.1 ", "Objective", "**", ":", "Grow", " ", "x", "\t"])
_TITLES = st.lists(st.one_of(_PIECES, st.text(max_size=5)), min_size=1, max_size=6) \
    .map("".join).map(clean_title).filter(bool)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TITLES, st.lists(_TITLES, max_size=4)), max_size=5))
def test_any_objectives_written_out_read_back(items: Shape) -> None:
    objectives = [OutlineObjective(title, krs) for title, krs in items]
    assert shape(parse_outline(format_outline(objectives)).objectives) == items
