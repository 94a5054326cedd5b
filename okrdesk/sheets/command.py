"""`okrdesk import FILE.csv|FILE.xlsx -o PLAN`: a new plan from a spreadsheet, or with
`--dry-run` only the preview of what the import would create, update and refuse."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrdesk.errors import OkrDeskError
from okrdesk.sheets.companions import companions_beside, read_with_companions
from okrdesk.sheets.guess import guess_mapping, load_mapping, named_mapping, save_mapping
from okrdesk.sheets.importer import choose_sheets, new_plan_from_workbook, preview_import
from okrdesk.sheets.model import ImportPreview, Workbook
from okrdesk.terminal import say


def import_sheet(args: argparse.Namespace) -> int:
    source: Path = args.source
    output: Path = args.output
    if not args.dry_run and output.exists() and not args.force:
        raise OkrDeskError(f"{output} already exists; use --force to replace it")
    workbook = read_with_companions(source, sheet=args.sheet)
    beside = companions_beside(source) if args.sheet is None else {}
    if beside:
        say(f"Reading the sheets beside it too: {', '.join(p.name for p in beside.values())}")
    mapping = load_mapping(args.map) if args.map is not None else None  # {field: header}
    if args.save_map is not None:
        _save_mapping(workbook, args.sheet, mapping, args.save_map)
    if args.dry_run:
        preview = preview_import(None, workbook, okr_mapping=mapping, sheet=args.sheet)
        say(*preview_lines(source, preview))
        return 1 if preview.problems else 0
    path = new_plan_from_workbook(workbook, output, okr_mapping=mapping, sheet=args.sheet,
                                  overwrite=args.force)
    say(f"Imported {source} into the new plan {path}")
    return 0


def _save_mapping(workbook: Workbook, sheet_name: str | None, given: dict[str, str] | None,
                  path: Path) -> None:
    """The mapping given, else the one guessed from the OKR sheet's headers."""
    sheet, _org = choose_sheets(workbook, sheet_name, [])
    if sheet is None:
        raise OkrDeskError(f"{workbook.path.name}: no sheet of OKRs whose mapping to save")
    save_mapping(given if given is not None else
                 named_mapping(guess_mapping(sheet.headers), sheet.headers), path)
    say(f"Wrote the column mapping of sheet {sheet.name!r} to {path}")


def preview_lines(source: Path, preview: ImportPreview) -> list[str]:
    """The dry run's report: what would be created, updated and refused."""
    lines = [f"Dry run of {source}: nothing was written."]
    lines.append(f"Would create: {_counts(preview.created)}")
    lines.append(f"Would update: {_counts(preview.updated)}")
    lines += [f"  {note}" for note in preview.notes]
    if preview.problems:
        count = len(preview.problems)
        lines.append(f"Refused ({count} problem{'s' if count != 1 else ''}):")
        lines += [f"  {problem}" for problem in preview.problems]
    else:
        lines.append("No problems: the import would succeed.")
    return lines


def _counts(by_table: dict[str, int]) -> str:
    shown = [f"{count} {table.replace('_', ' ')}" for table, count in sorted(by_table.items())
             if count]
    return ", ".join(shown) or "nothing"
