"""Map benchmark: alignment maps of the demo plan and of synthetic plans, timed end to end.

    .venv/bin/python bench/bench_maps.py [--objectives 100 500 2000] [--page A3] [--repeat 3]
    .venv/bin/python bench/bench_maps.py --wide   # pages and fill, before and after

"map" is okrdesk.maps.render_map writing one PDF: the worker process started, the plan opened,
the pages planned, laid out and drawn, and the pages joined. "plain dot" lays out and draws the
same pages' DOT with Graphviz through pygraphviz, one `dot` run per page and nothing else. The
ratio is map / plain dot. "process" is the processor time of this process and the worker (and
the helper process that draws every other page on a machine of two or more cores), "plain proc"
that of plain dot; both less sensitive to a busy machine. `--one-process` has every map draw its
pages in one process, as on a machine of one core. Medians in seconds. Workers come from a fork
server that the first map of a program starts; "first map" times that start, and "fresh program"
the demo map drawn by `okrdesk map` in a new process (which forks its worker from itself: no
fork server) against plain Graphviz drawing its pages in a new process, with what starting
Python, importing the command's modules and importing the map worker's modules take on their own
(`--fresh` runs only this part). "joining" times the pages of the largest map joined into one
PDF, as the map does and with pypdf.

Every map worker imports this script again (it is the program's main module, which
multiprocessing loads in its workers), so the plan generators, which load SQLAlchemy, are
imported where they are used: at the top they added about 0.3 s to every map, which neither
the app (main.py imports nothing) nor the command pays.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import forkserver
from pathlib import Path

import pygraphviz as pgv

from okrdesk.maps import MapRequest, render_map
from okrdesk.maps.book import draw_book
from okrdesk.maps.twocores import cores
from okrdesk.maps.view import select_view
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

OBJECTIVES_PER_PERSON = 3.0  # about three objectives per person in okrdesk.synthetic


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
            + fork_server_children())


def fork_server_children() -> float:
    """Processor time of the map workers, which are children of the fork server."""
    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime, cstime


def fresh_program(plan: Path, request: MapRequest, folder: Path, repeat: int) -> None:
    """The demo map drawn by `okrdesk map` in a new process, and its pages by plain Graphviz
    in a new process: what a one-off map from the command line costs."""
    _, sources = page_sources(plan, request)
    for n, (source, engine) in enumerate(sources):
        (folder / f"page-{n:03d}.{engine}.gv").write_text(source, encoding="utf-8")
    plain = ("import pathlib, sys, pygraphviz as pgv\n"
             "for page in sorted(pathlib.Path(sys.argv[1]).glob('page-*.gv')):\n"
             "    n2 = page.suffixes[0] == '.nop2'\n"
             "    pgv.AGraph(string=page.read_text()).draw(str(page.with_suffix('.pdf')),"
             " format='pdf', prog='neato' if n2 else 'dot', args='-n2' if n2 else '')\n")
    command = [str(Path(sys.executable).with_name("okrdesk")), "map", str(plan), "-o",
               str(folder / "fresh.pdf"), "--page", request.page]
    if request.cycle:
        command += ["--cycle", request.cycle]
    ours, theirs = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", plain, str(folder)], check=True,
                       capture_output=True)
        theirs.append(time.perf_counter() - start)
    mine, plain_s = statistics.median(ours), statistics.median(theirs)
    print(f"fresh program: okrdesk map {mine:.2f} s, python + pygraphviz {plain_s:.2f} s, "
          f"ratio {mine / plain_s:.2f}")
    starts = {what: statistics.median(timed_run([sys.executable, "-c", code])
                                      for _ in range(repeat))
              for what, code in (("python", "pass"), ("python + pygraphviz", "import pygraphviz"),
                                 ("python + the command's imports",
                                  "import okrdesk_ui.launcher, okrdesk.maps.command"),
                                 ("python + the map worker's imports",
                                  "import okrdesk.maps.worker"))}
    print("  of which starting: " + ", ".join(f"{what} {seconds:.2f} s"
                                               for what, seconds in starts.items()))
    heavy = subprocess.run(
        [sys.executable, "-c", "import sys, okrdesk.maps.worker; print(sorted({m.split('.')[0] "
         "for m in sys.modules} & {'sqlalchemy', 'PySide6', 'filelock'}))"],
        check=True, capture_output=True, text=True).stdout.strip()
    print(f"  the map worker's modules load SQLAlchemy, Qt or filelock: {heavy}")


def timed_run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def joining(path: Path, page: str, repeat: int) -> None:
    """The drawn pages of one map joined into one PDF: without parsing them, and by pypdf."""
    from pypdf import PdfReader, PdfWriter

    from okrdesk.maps.pdfjoin import join_plain_pdfs

    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        cycle = busiest_cycle(Snapshot.load(connection))
    request = MapRequest(cycle=cycle, page=page).checked(Path("map.pdf"))
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        view = select_view(Snapshot.load(connection), request)
    drawn = draw_book(view, "pdf").pages

    def with_pypdf(documents: list[bytes]) -> bytes:
        writer = PdfWriter()
        for data in documents:
            for one in PdfReader(io.BytesIO(data), strict=False).pages:
                writer.add_page(one)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    times = {}
    for name, join in (("plain", join_plain_pdfs), ("pypdf", with_pypdf)):
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            join(drawn)
            runs.append(time.perf_counter() - start)
        times[name] = statistics.median(runs)
    print(f"joining {len(drawn)} pages: {times['plain']:.3f} s without parsing them, "
          f"{times['pypdf']:.3f} s with pypdf")


def busiest_cycle(snapshot: Snapshot) -> str:
    counts = Counter(o.cycle_id for o in snapshot.objectives.values())
    return snapshot.cycles[counts.most_common(1)[0][0]].name


def page_sources(path: Path, request: MapRequest) -> tuple[int, list[tuple[str, str]]]:
    """The objectives shown and the final DOT of every page with its Graphviz engine, as the
    map draws them (the detail pages come positioned, for `nop2`; the overview and index are
    laid out by `dot`)."""
    request = request.checked(Path("map.pdf"))
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    view = select_view(snapshot, request)
    return len(view.objective_ids), draw_book(view, "pdf").sources


def plain_dot(sources: list[tuple[str, str]], folder: Path) -> None:
    for n, (source, engine) in enumerate(sources):
        prog, args = ("neato", "-n2") if engine == "nop2" else (engine, "")
        pgv.AGraph(string=source).draw(str(folder / f"plain-{n}.pdf"), format="pdf", prog=prog,
                                       args=args)


# Pages and fill of the earlier paginator (one rank per level; removed once the booklet
# replaced it), measured by this bench on the same plans: (plan, paper) -> (pages, fill).
BEFORE = {
    ("demo", "A4"): (15, 0.69), ("demo", "A3 landscape"): (6, 0.71),
    ("demo", "poster"): (3, 0.16),
    ("wide 29, 3 levels", "A4"): (14, 0.53), ("wide 29, 3 levels", "A3 landscape"): (6, 0.60),
    ("wide 110, 3 levels", "A4"): (56, 0.49), ("wide 110, 3 levels", "A3 landscape"): (22, 0.53),
    ("wide 110, 3 levels", "poster"): (10, 0.15),
    ("wide 128, 4 levels", "A4"): (59, 0.52), ("wide 128, 4 levels", "A3 landscape"): (26, 0.59),
    ("wide 128, 4 levels", "poster"): (10, 0.26),
}


def page_figures(path: Path, page: str, landscape: bool = False) -> dict[str, float]:
    """Pages and fill of the booklet of `path` (book.py). Fill: the share of the paper inside
    the margins that the laid-out boxes take (the title block, each placed subtree's block and
    an index set on the page), at the scale the page prints."""
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    request = MapRequest(cycle=busiest_cycle(snapshot), page=page,
                         landscape=landscape).checked(Path("map.pdf"))
    view = select_view(snapshot, request)
    book = draw_book(view, "pdf")
    return {"objectives": len(view.objective_ids), "pages": len(book.pages),
            "detail": len(book.fill), "fill": statistics.mean(book.fill),
            "lowest": min(book.fill), "extra": book.overview + book.index,
            "index_on_last": float(book.index_on_last)}


def wide_report(folder: Path) -> None:
    """Pages and fill on wide, shallow plans and the demo, against the earlier paginator's."""
    from okrdesk.demo import build_demo
    from okrdesk.synthetic_wide import wide_plan

    plans = [("demo", build_demo(folder / "demo-pages.okr"))]
    for levels, objectives in ((3, 29), (3, 110), (4, 128)):
        plans.append((f"wide {objectives}, {levels} levels",
                      wide_plan(folder / f"wide-{levels}-{objectives}.okr", levels=levels,
                                objectives=objectives)))
    print(f"{'plan':<24} {'paper':<14} {'objectives':>10} {'before':>7} {'fill':>5} "
          f"{'after':>6} {'detail':>7} {'fill':>5} {'lowest':>7}")
    for name, path in plans:
        for page, landscape in (("A4", False), ("A3", True), ("poster", False)):
            row = page_figures(path, page, landscape)
            paper = f"{page}{' landscape' if landscape else ''}"
            pages, fill = BEFORE.get((name, paper), (0, 0.0))
            before = f"{pages:>7} {fill:>5.0%}" if pages else f"{'-':>7} {'-':>5}"
            print(f"{name:<24} {paper:<14} {row['objectives']:>10.0f} {before} "
                  f"{row['pages']:>6.0f} {row['detail']:>7.0f} "
                  f"{row['fill']:>5.0%} {row['lowest']:>7.0%}", flush=True)


def measure(name: str, path: Path, page: str, repeat: int, folder: Path, *,
            first: bool = False) -> dict[str, float]:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        cycle = busiest_cycle(Snapshot.load(connection))
    request = MapRequest(cycle=cycle, page=page)
    objectives, sources = page_sources(path, request)
    ours, plain, cpu, plain_cpu = [], [], [], []
    for run in range(repeat):
        start_cpu, start = cpu_seconds(), time.perf_counter()
        result = render_map(path, request, folder / "map.pdf", timeout_s=600)
        ours.append(time.perf_counter() - start)
        if run == 0 and first:
            print(f"first map (starts the fork server): {ours[0]:.2f} s", flush=True)
        cpu.append(cpu_seconds() - start_cpu)
        start, start_cpu = time.perf_counter(), time.process_time()
        plain_dot(sources, folder)
        plain.append(time.perf_counter() - start)
        plain_cpu.append(time.process_time() - start_cpu)
    row = {"objectives": objectives, "pages": result.page_count,
           "map": statistics.median(ours), "plain": statistics.median(plain),
           "cpu": statistics.median(cpu), "plain_cpu": statistics.median(plain_cpu)}
    row["ratio"] = row["map"] / row["plain"]
    print(f"{name:<16} {objectives:>10} {row['pages']:>6} {row['map']:>8.2f} "
          f"{row['plain']:>10.2f} {row['ratio']:>6.2f} {row['cpu']:>8.2f} "
          f"{row['plain_cpu']:>10.2f}", flush=True)
    return row


def main() -> None:
    from okrdesk.demo import build_demo
    from okrdesk.synthetic import generate_plan

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--page", default="A3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wide", action="store_true",
                        help="pages and fill before and after on wide plans and the demo only")
    parser.add_argument("--fresh", action="store_true",
                        help="only the demo drawn by `okrdesk map` in a new process")
    parser.add_argument("--one-process", action="store_true",
                        help="the map's pages drawn in one process, not two (as on one core)")
    args = parser.parse_args()
    if args.one_process:
        os.environ["OKRDESK_MAP_PROCESSES"] = "1"  # inherited by every map worker
    if args.fresh:
        with tempfile.TemporaryDirectory() as temporary:
            demo = build_demo(Path(temporary) / "demo.okr")
            with Plan.open(demo, read_only=True) as plan, plan.read() as connection:
                cycle = busiest_cycle(Snapshot.load(connection))
            print(f"page {args.page}, {args.repeat} runs each, load average "
                  f"{os.getloadavg()[0]:.1f}; times in seconds (medians)")
            fresh_program(demo, MapRequest(cycle=cycle, page=args.page), Path(temporary),
                          args.repeat)
        return
    if args.wide:
        with tempfile.TemporaryDirectory() as temporary:
            wide_report(Path(temporary))
        return
    pages = "one process" if args.one_process else f"up to two processes, {cores()} cores"
    print(f"page {args.page}, {args.repeat} runs each, pages drawn in {pages}, load average "
          f"{os.getloadavg()[0]:.1f}; times in seconds (medians)")
    print(f"{'plan':<16} {'objectives':>10} {'pages':>6} {'map':>8} {'plain dot':>10} "
          f"{'ratio':>6} {'process':>8} {'plain proc':>10}")
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        demo = build_demo(folder / "demo.okr")
        rows.append(measure("demo", demo, args.page, args.repeat, folder, first=True))
        for wanted in args.objectives:
            people = max(5, round(wanted / OBJECTIVES_PER_PERSON))
            path = generate_plan(folder / f"synthetic-{wanted}.okr", people, seed=1)
            rows.append(measure(f"synthetic {wanted}", path, args.page, args.repeat, folder))
        with Plan.open(demo, read_only=True) as plan, plan.read() as connection:
            cycle = busiest_cycle(Snapshot.load(connection))
        fresh_program(demo, MapRequest(cycle=cycle, page=args.page), folder, args.repeat)
        joining(path if args.objectives else demo, args.page, args.repeat)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    under = [row for row in rows if row["map"] < 10.0]
    if under:
        largest = max(under, key=lambda row: row["objectives"])
        print(f"largest map drawn in under 10 s: {largest['objectives']:.0f} objectives, "
              f"{largest['pages']:.0f} pages, {largest['map']:.2f} s")


if __name__ == "__main__":
    main()
