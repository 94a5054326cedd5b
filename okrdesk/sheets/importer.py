"""Importing a workbook into a plan: the org chart first, then the OKR rows, in one transaction
(one undo step). Every problem is collected; if there is any, nothing is written and
`SheetImportError` lists them all, each naming its sheet, row and column."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from okrdesk import limits
from okrdesk.interchange.placing import write_plan_file
from okrdesk.model import TABLES
from okrdesk.ops.checks import text
from okrdesk.ops.setup import DEFAULT_LEVELS, new_plan
from okrdesk.sheets.bulk import collector_paused
from okrdesk.sheets.guess import guess_mapping, guess_org_mapping, resolve_mapping
from okrdesk.sheets.model import (
    OKR_SHEET,
    ORG_SHEET,
    Field,
    ImportPreview,
    Mapping,
    OrgField,
    Sheet,
    SheetImportError,
    SheetProblem,
    Workbook,
)
from okrdesk.sheets.okr_rows import read_rows
from okrdesk.sheets.okr_write import write_rows
from okrdesk.sheets.org_rows import import_org, level_names
from okrdesk.sheets.plan_lookup import PlanLookup, cycle_name
from okrdesk.sheets.plan_sheets import (
    AFTER_ROWS,
    BEFORE_ROWS,
    insert_sheets,
    is_plan_export,
)
from okrdesk.sheets.records import Records
from okrdesk.storage import ChangeSet, Plan
from okrdesk.storage.conflicts import ROW_CONFLICTS, conflict_reason
from okrdesk.storage.transaction import Transaction

# A mapping as column indexes (`Mapping`), or as header texts (a saved mapping).
GivenMapping = Mapping | dict[str, str] | None
_CACHE_KIB = 256 * 1024  # pages SQLite may keep while rebuilding a plan, at most
_OKR_SIGNS = (Field.OWNER, Field.OWNER_EMAIL, Field.TYPE, Field.PARENT, Field.TARGET,
              Field.CYCLE)


@collector_paused()
def import_workbook(plan: Plan, workbook: Workbook, *, okr_mapping: GivenMapping = None,
                    org_mapping: GivenMapping = None, sheet: str | None = None) -> ChangeSet:
    """Import the workbook's org chart and OKRs into `plan`: one change set, or
    `SheetImportError` with every problem and nothing written."""
    with plan.change(f"Import {workbook.path.name}") as tx:
        problems, _ = _import(tx, workbook, okr_mapping, org_mapping, sheet)
        if problems:
            raise SheetImportError(problems)
    return tx.changeset()


class _Previewed(Exception):
    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview


@collector_paused()
def preview_import(plan: Plan | None, workbook: Workbook, *, okr_mapping: GivenMapping = None,
                   org_mapping: GivenMapping = None, sheet: str | None = None) -> ImportPreview:
    """What importing would create, update and refuse, with nothing written. Without a plan,
    what a new plan made from the workbook would hold."""
    if plan is None and sheet is None and is_plan_export(workbook):
        return _preview_rebuild(workbook, okr_mapping, org_mapping)
    if plan is None:
        levels, year = _new_plan_shape(workbook, sheet)
        with tempfile.TemporaryDirectory() as folder, new_plan(
                Path(folder) / "preview.okr", name="Preview", levels=levels, year=year) as fresh:
            return preview_import(fresh, workbook, okr_mapping=okr_mapping,
                                  org_mapping=org_mapping, sheet=sheet)
    try:
        with plan.change("Preview import") as tx:
            problems, notes = _import(tx, workbook, okr_mapping, org_mapping, sheet)
            raise _Previewed(_preview(tx.changeset(), problems, notes))
    except _Previewed as done:
        return done.preview


def _preview_rebuild(workbook: Workbook, okr_mapping: GivenMapping,
                     org_mapping: GivenMapping) -> ImportPreview:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "preview.okr"
        try:
            _rebuild(target, workbook, None, okr_mapping, org_mapping)
        except SheetImportError as error:
            return ImportPreview(problems=error.problems)
        with Plan.open(target, read_only=True) as built, built.read() as connection:
            created = {table: int(connection.exec_driver_sql(
                f"SELECT count(*) FROM {table}").scalar_one()) for table in TABLES}
    return ImportPreview(created={table: count for table, count in created.items() if count})


@collector_paused()
def new_plan_from_workbook(workbook: Workbook, plan_path: Path | str, *, name: str | None = None,
                           okr_mapping: GivenMapping = None, org_mapping: GivenMapping = None,
                           sheet: str | None = None, overwrite: bool = False) -> Path:
    """A new plan file made from the workbook, written whole or not at all: levels from the
    sheet (else the five defaults), the year its cycles name. A workbook with problems
    leaves no file."""
    def build(temporary: Path) -> None:
        if is_plan_export(workbook) and sheet is None:
            _rebuild(temporary, workbook, name, okr_mapping, org_mapping)
            return
        levels, year = _new_plan_shape(workbook, sheet)
        with new_plan(temporary, name=name or workbook.path.stem or "Imported plan",
                      levels=levels, year=year) as plan:
            import_workbook(plan, workbook, okr_mapping=okr_mapping, org_mapping=org_mapping,
                            sheet=sheet)

    return write_plan_file(Path(plan_path), build, overwrite=overwrite,
                           sources=(workbook.path,))


def _rebuild(temporary: Path, workbook: Workbook, name: str | None,
             okr_mapping: GivenMapping, org_mapping: GivenMapping) -> None:
    """The plan an OKR Desk export was made from, with its ids, times and every table."""
    plan_name = text(name, "plan name", limits.PLAN_NAME) if name is not None else None
    with Plan.create(temporary) as plan:
        try:
            with plan.change(f"Import {workbook.path.name}") as tx, tx.batched_inserts():
                # The whole plan is written in this one transaction: room for its pages, so
                # SQLite does not spill them to the file and read them back (the file is new).
                tx.connection.exec_driver_sql(f"PRAGMA cache_size = -{_CACHE_KIB}")
                problems: list[SheetProblem] = []
                insert_sheets(tx, workbook, BEFORE_ROWS, problems)
                if plan_name is not None:
                    named = tx.rows("settings", key="plan_name")
                    if named:
                        tx.update("settings", named[0]["id"], value=plan_name)
                    else:
                        tx.insert("settings", key="plan_name", value=plan_name)
                records = Records(workbook)
                if not problems:
                    found, _ = _import(tx, workbook, okr_mapping, org_mapping, None,
                                       records=records)
                    problems.extend(found)
                insert_sheets(tx, workbook, AFTER_ROWS, problems)
                problems.extend(records.problems)
                records.apply(tx)
                if problems:
                    raise SheetImportError(problems)
        except ROW_CONFLICTS as error:
            reason = conflict_reason(error)
            raise SheetImportError([SheetProblem(workbook.path.name, None, None,
                                                 f"its rows contradict each other ({reason})")]
                                   ) from None


def _import(tx: Transaction, workbook: Workbook, okr_mapping: GivenMapping,
            org_mapping: GivenMapping, sheet: str | None, *,
            records: Records | None = None) -> tuple[list[SheetProblem], list[str]]:
    """`records`: a whole plan rebuilt (okrdesk.sheets.records)."""
    problems: list[SheetProblem] = []
    okr_sheet, org_sheet = choose_sheets(workbook, sheet, problems)
    lookup = PlanLookup(tx, records=records)
    if records is None and sheet is None and is_plan_export(workbook):
        unread = [s.name for s in workbook.sheets if s is not okr_sheet and s is not org_sheet]
        lookup.notes.append(f"only the OKRs and the org chart are imported into an existing "
                            f"plan; the sheets {', '.join(unread)} rebuild a whole plan when "
                            f"imported as a new one")
    if org_sheet is not None:
        mapping = _mapping(org_sheet, org_mapping, guess_org_mapping, OrgField, problems)
        if OrgField.NAME not in mapping:
            problems.append(_no_column(org_sheet, "names of people and teams"))
        else:
            import_org(lookup, org_sheet, mapping, problems)
    if okr_sheet is not None:
        mapping = _mapping(okr_sheet, okr_mapping, guess_mapping, Field, problems)
        if Field.TITLE not in mapping:
            problems.append(_no_column(okr_sheet, "titles of objectives and key results"))
        else:
            write_rows(lookup, read_rows(tx, okr_sheet, mapping, problems))
    order = {sheet.name: index for index, sheet in enumerate(workbook.sheets)}
    problems.sort(key=lambda problem: (order.get(problem.sheet, -1), problem.row or 0))
    return problems, lookup.notes


def choose_sheets(workbook: Workbook, sheet: str | None,
                  problems: list[SheetProblem]) -> tuple[Sheet | None, Sheet | None]:
    """(the OKR sheet, the org chart sheet) of a workbook; either may be absent."""
    where = workbook.path.name
    if sheet is not None:
        chosen = workbook.sheet(sheet)
        if chosen is None:
            names = ", ".join(repr(s.name) for s in workbook.sheets) or "none"
            problems.append(SheetProblem(where, None, None,
                                         f"there is no sheet named {sheet!r}; sheets: {names}"))
            return None, None
        return (None, chosen) if is_org_chart(chosen) else (chosen, None)
    org = workbook.sheet(ORG_SHEET) or next(
        (s for s in workbook.sheets if is_org_chart(s)), None)
    okr = workbook.sheet(OKR_SHEET) or next(
        (s for s in workbook.sheets if s is not org and s.rows), None)
    if okr is None and org is None:
        problems.append(SheetProblem(where, None, None, "the file holds no rows to import"))
    return okr, org


def is_org_chart(sheet: Sheet) -> bool:
    if sheet.name.casefold() == ORG_SHEET.casefold():
        return True
    if sheet.name.casefold() == OKR_SHEET.casefold():
        return False
    okr, org = guess_mapping(sheet.headers), guess_org_mapping(sheet.headers)
    # A column the org chart claims ("Kind": person or team) is no sign of OKRs.
    org_columns = set(org.values())
    return OrgField.MANAGER in org and not any(
        sign in okr and okr[sign] not in org_columns for sign in _OKR_SIGNS)


def _mapping(sheet: Sheet, given: GivenMapping, guess: Callable[[Sequence[str]], Mapping],
             known: Iterable[str], problems: list[SheetProblem]) -> Mapping:
    if not given:
        return guess(sheet.headers)
    if all(isinstance(value, int) for value in given.values()):
        return {key: int(value) for key, value in given.items()}
    names = {key: str(value) for key, value in given.items()}
    mapping, found = resolve_mapping(names, sheet.headers, sheet.name,
                                     [str(member) for member in known])
    problems.extend(found)
    return mapping


def _no_column(sheet: Sheet, what: str) -> SheetProblem:
    headers = ", ".join(repr(h) for h in sheet.headers[:30]) or "none"
    return SheetProblem(sheet.name, sheet.header_row, None,
                        f"no column holds the {what}; the headers are: {headers}")


def _preview(changes: ChangeSet, problems: list[SheetProblem], notes: list[str]) -> ImportPreview:
    created_ids = {(c.table, c.row_id) for c in changes if c.before is None}
    created = Counter(c.table for c in changes if c.before is None and c.after is not None)
    updated = Counter(table for table, _ in {(c.table, c.row_id) for c in changes
                                             if c.before is not None and c.after is not None
                                             and (c.table, c.row_id) not in created_ids})
    return ImportPreview(dict(created), dict(updated), problems, notes)


def _new_plan_shape(workbook: Workbook, sheet: str | None) -> tuple[tuple[str, ...], int]:
    """The levels (the sheet's, else the defaults) and first year of a plan made from it."""
    okr, org = choose_sheets(workbook, sheet, [])
    names: dict[str, str] = {}
    if org is not None:
        for level in level_names(org, guess_org_mapping(org.headers)):
            if not limits.limit_of("levels", "name").problem(level):
                names.setdefault(level.casefold(), level)
    year = 2027
    if okr is not None:
        mapping = guess_mapping(okr.headers)
        years = []
        for row in okr.rows:
            for column, into in ((Field.LEVEL, "level"), (Field.CYCLE, "cycle")):
                index = mapping.get(column)
                cell = row.cells[index] if index is not None and index < len(row.cells) else None
                text = str(cell).strip() if cell not in (None, "") else ""
                if text and into == "level" and not limits.limit_of("levels", "name").problem(
                        text):
                    names.setdefault(text.casefold(), text)
                elif text and (found := re.match(r"^(\d{4})", cycle_name(text))):
                    years.append(int(found[1]))
        year = min((y for y in years if 1900 <= y <= 2999), default=year)
    defaults = {level.casefold() for level in DEFAULT_LEVELS}
    levels = DEFAULT_LEVELS if set(names) <= defaults else tuple(names.values())
    return levels, year
