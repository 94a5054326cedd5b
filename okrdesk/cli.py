"""The `okrdesk` command line: demo, check, export, import, map, scorecard, diff, draft. The
installed command starts the desktop app instead when given no command or a plan file
(okrdesk_ui.launcher).

Errors are one line on stderr, `okrdesk: error: ...`, with exit status 1 (2 for a wrong
command line, 130 when interrupted); never a traceback. A refused spreadsheet lists its problems
below that line, one a line. Everything printed goes through
`okrdesk.terminal.say`, which escapes control characters a plan may hold; a reader that goes
away (`okrdesk check plan | head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from okrdesk import PLAN_SUFFIX
from okrdesk.errors import ChoiceError, OkrDeskError
from okrdesk.formats import JSON_FORMAT_VERSION, SCHEMA_VERSION
from okrdesk.interrupts import InterruptWatch
from okrdesk.terminal import OutputClosed, complain, say

PROG = "okrdesk"
COMMANDS = ("demo", "check", "export", "import", "map", "scorecard", "diff", "draft", "merge",
            "history")
EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130
DEBUG = "OKRDESK_DEBUG"
SHEET_IMPORT_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")  # .txt stays JSON
SHEET_EXPORT_SUFFIXES = (".csv", ".xlsx")
SHEET_PROBLEMS_SHOWN = 50


class UsageError(Exception):
    """The command line does not make sense; argparse has printed the usage."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        complain(f"{PROG}: error: {message}")
        raise UsageError(message)


class _Version(argparse.Action):
    """Prints the version and the file formats this version reads."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        from okrdesk import __version__

        say(f"{PROG} {__version__} (plan format {SCHEMA_VERSION}, "
            f"JSON format {JSON_FORMAT_VERSION})")
        parser.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    with InterruptWatch() as interrupts:
        try:
            status = _run(arguments)
            sys.stdout.flush()  # what argparse printed (--help) fails here, not at exit
            return status
        except (OutputClosed, BrokenPipeError):
            return _output_closed()
        except KeyboardInterrupt:
            return _interrupted()
        except Exception as error:
            if interrupts.received:  # a statement stopped by Ctrl-C fails on its way out
                return _interrupted()
            if os.environ.get(DEBUG) and not isinstance(error, OkrDeskError | OSError):
                raise
            return _fail(_problem(error), *_problem_list(error))


def _run(arguments: list[str]) -> int:
    try:
        parser = build_parser(with_maps=bool(arguments) and arguments[0] == "map")
        args = parser.parse_args(arguments)
        handler = args.handler
        status: int = handler(args)
        return status
    except UsageError:
        return EXIT_USAGE
    except SystemExit as leaving:  # --help and --version
        code = leaving.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)


def build_parser(*, with_maps: bool = False) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Plan OKRs and align them across an organisation. With no command (or "
                    f"with a {PLAN_SUFFIX} file), the desktop app starts.",
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the version and the file formats it reads, and exit")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True,
                                     parser_class=_Parser)

    demo = commands.add_parser("demo", help="write the demo plan to a file")
    demo.add_argument("plan", type=Path, metavar="PLAN", help=f"the new plan (*{PLAN_SUFFIX})")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser("check", help="print a plan's health figures and findings")
    check.add_argument("plan", type=Path, metavar="PLAN")
    check.add_argument("--cycle", metavar="NAME",
                       help="a cycle by name, such as 2027-Q1 (default: the year around "
                       "today, else the next one, else the latest)")
    check.add_argument("--json", action="store_true", help="print one JSON document")
    check.add_argument("--strict", action="store_true",
                       help="exit with status 1 when there are quality findings or "
                            "alignments that do not run upwards")
    check.set_defaults(handler=_check)

    export = commands.add_parser("export", help="export a whole plan as JSON, CSV or XLSX")
    export.add_argument("plan", type=Path, metavar="PLAN")
    export.add_argument("-o", "--output", type=Path, required=True,
                        metavar="FILE.json|FILE.csv|FILE.xlsx",
                        help="the file to write, in the format its suffix names ('-' for JSON "
                             "on standard output)")
    export.set_defaults(handler=_export)

    load = commands.add_parser("import",
                               help="make a new plan from a JSON export or a spreadsheet")
    load.add_argument("source", type=Path, metavar="FILE.json|FILE.csv|FILE.xlsx")
    load.add_argument("-o", "--output", type=Path, required=True, metavar="PLAN",
                      help=f"the new plan (*{PLAN_SUFFIX})")
    load.add_argument("--force", action="store_true", help="replace an existing plan file")
    sheets = load.add_argument_group("spreadsheets (docs/SPREADSHEETS.md)")
    sheets.add_argument("--sheet", metavar="NAME",
                        help="the sheet holding the OKRs (default: 'OKRs', else the first)")
    sheets.add_argument("--map", type=Path, metavar="MAPPING.json",
                        help="which column holds which field, as saved by --save-map or the app")
    sheets.add_argument("--save-map", type=Path, metavar="MAPPING.json",
                        help="write the mapping used (guessed or given) for later imports")
    sheets.add_argument("--dry-run", action="store_true",
                        help="print what would be created, updated and refused; write nothing")
    load.set_defaults(handler=_import)

    maps = commands.add_parser("map", help="draw alignment maps (PDF, SVG, PNG, DOT)")
    if with_maps:
        _add_map_arguments(maps)
    else:
        maps.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        maps.set_defaults(handler=_maps_missing)

    scorecard = commands.add_parser(
        "scorecard", help="print scorecards or 16:9 slides of a cycle as PDF")
    _add_command_arguments(scorecard, "okrdesk.scorecards.command")

    diff = commands.add_parser(
        "diff", help="what was added, removed, changed and re-aligned between two plans or "
                     "two cycles of one plan (exit 0: none, 1: some, 2: an error)")
    _add_command_arguments(diff, "okrdesk.compare.command")

    draft = commands.add_parser(
        "draft", help="take one person's or team's part of a plan out as a draft to work on "
                      "apart and merge back later")
    _add_command_arguments(draft, "okrdesk.drafts.command")

    merge = commands.add_parser(
        "merge", help="merge a draft back into its plan (conflicts stop it with exit 1 "
                      "unless --take settles them)")
    _add_command_arguments(merge, "okrdesk.merge_command")

    history = commands.add_parser(
        "history", help="list the changes kept in a plan file, newest first, or compact them")
    _add_command_arguments(history, "okrdesk.history_command")
    return parser


# -- commands ------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    from okrdesk.demo import build_demo

    _refuse_existing(args.plan, args.force)
    path = build_demo(args.plan, overwrite=args.force)
    say(f"Wrote the demo plan to {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    import json

    from okrdesk import clock
    from okrdesk.analytics import health, quality_findings
    from okrdesk.analytics.rhythm import rhythm_report
    from okrdesk.check_ins import last_check_in_times
    from okrdesk.check_report import check_document, check_lines, cycle_id_named
    from okrdesk.check_rhythm import rhythm_lines
    from okrdesk.snapshot import Snapshot
    from okrdesk.storage import Plan

    with Plan.open(args.plan, read_only=True) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        last_check_ins = last_check_in_times(plan)
    cycle_id = cycle_id_named(snapshot, args.cycle)
    report = health(snapshot, cycle_id)
    findings = quality_findings(snapshot, cycle_id)
    rhythm = rhythm_report(snapshot, cycle_id, last_check_ins, clock.today())
    if args.json:
        document = check_document(args.plan, snapshot, cycle_id, report, findings)
        document["rhythm"] = rhythm.to_dict()
        say(*json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).split("\n"))
    else:
        say(*check_lines(args.plan, snapshot, cycle_id, report, findings),
            *rhythm_lines(snapshot, rhythm))
    return EXIT_ERROR if args.strict and (findings or report.downward_links) else 0


def _export(args: argparse.Namespace) -> int:
    from okrdesk.interchange import canonical_json, export_plan, write_export

    if args.output.suffix.lower() in SHEET_EXPORT_SUFFIXES:
        from okrdesk.sheets.companions import org_chart_path
        from okrdesk.sheets.write import write_workbook

        path = write_workbook(args.plan, args.output)
        beside = (f" and its other sheets beside it ({org_chart_path(path).name}, …)"
                  if path.suffix == ".csv" else "")
        say(f"Exported {args.plan} to {path}{beside}")
        return 0
    if str(args.output) == "-":
        say(*canonical_json(export_plan(args.plan)).removesuffix("\n").split("\n"))
        return 0
    path = write_export(args.plan, args.output)
    say(f"Exported {args.plan} to {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from okrdesk.interchange import import_plan

    if args.source.suffix.lower() in SHEET_IMPORT_SUFFIXES:
        from okrdesk.sheets.command import import_sheet

        return import_sheet(args)
    sheet_options = [option for option, given in (
        ("--sheet", args.sheet), ("--map", args.map), ("--save-map", args.save_map),
        ("--dry-run", args.dry_run)) if given]
    if sheet_options:
        raise OkrDeskError(f"{', '.join(sheet_options)} only apply to a spreadsheet "
                           f"(.csv, .tsv, .xlsx or .xlsm), not to {args.source.name}")
    _refuse_existing(args.output, args.force)
    path = import_plan(args.source, args.output, overwrite=args.force)
    say(f"Imported {args.source} into the new plan {path}")
    return 0


def _maps_missing(args: argparse.Namespace) -> int:
    reason = getattr(args, "missing_reason", "")
    raise OkrDeskError("alignment maps are not available in this installation"
                       + (f" ({reason})" if reason else ""))


def _add_map_arguments(parser: argparse.ArgumentParser) -> None:
    try:
        command = importlib.import_module("okrdesk.maps.command")
    except ImportError as error:
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        parser.set_defaults(handler=_maps_missing)
        parser.set_defaults(missing_reason=str(error))
        return
    command.add_arguments(parser)
    parser.set_defaults(handler=command.run)


def _add_command_arguments(parser: argparse.ArgumentParser, module: str) -> None:
    """A command that lives in a module of its own (`add_arguments`, `run`), imported only
    when the command line is read (scorecards load reportlab only once they draw)."""
    command = importlib.import_module(module)
    command.add_arguments(parser)
    parser.set_defaults(handler=command.run)


# -- errors --------------------------------------------------------------------------------


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OkrDeskError(f"{path} already exists; use --force to replace it")


def _fail(message: str, *details: str) -> int:
    complain(f"{PROG}: error: {message}", *details)
    return EXIT_ERROR


def _interrupted() -> int:
    complain(f"{PROG}: interrupted")
    return EXIT_INTERRUPTED


def _output_closed() -> int:
    """Python's advice for a reader that went away: no message, exit status 1, and standard
    output pointed at the null device so that the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_ERROR


def _problem(error: Exception) -> str:
    from okrdesk.sheets.model import SheetImportError

    if isinstance(error, SheetImportError | ChoiceError):  # the first line; the rest follow
        return str(error).split("\n", 1)[0]
    if isinstance(error, OkrDeskError):
        return str(error)
    if isinstance(error, OSError):
        return _os_problem(error)
    from sqlalchemy.exc import DBAPIError

    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, sqlite3.Error):  # the SQL of the statement is no help to anyone
        return f"the plan file could not be read or written: {original}"
    return f"unexpected {type(error).__name__}: {error} (set {DEBUG}=1 for details)"[:600]


def _problem_list(error: Exception) -> list[str]:
    """Every problem of a refused spreadsheet on a line of its own (a line break inside one,
    from a header, is escaped like any other); the choices of a name that fits several."""
    from okrdesk.sheets.model import SheetImportError

    if isinstance(error, ChoiceError):
        return str(error).split("\n")[1:]  # one message across a map's worker process
    if not isinstance(error, SheetImportError):
        return []
    shown = [f"  {problem}" for problem in error.problems[:SHEET_PROBLEMS_SHOWN]]
    hidden = len(error.problems) - SHEET_PROBLEMS_SHOWN
    return shown + ([f"  … and {hidden} more"] if hidden > 0 else [])


def _os_problem(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


if __name__ == "__main__":
    sys.exit(main())
