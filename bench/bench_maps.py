"""Map benchmark: alignment maps of the demo plan and of synthetic plans, timed end to end.

    .venv/bin/python bench/bench_maps.py [--objectives 100 500 2000] [--page A3] [--repeat 3]

"map" is okrdesk.maps.render_map writing one PDF: the worker process started, the plan opened,
the pages planned, laid out and drawn, and the pages joined. "plain dot" lays out and draws the
same pages' DOT with Graphviz through pygraphviz, one `dot` run per page and nothing else. The
ratio is map / plain dot. "process" is the processor time of this process and the worker, less
sensitive to a busy machine. Medians in seconds. Workers come from a fork server that the first
map of a program starts; "first map" times that start, and "fresh program" the demo map drawn
by `okrdesk map` in a new process against plain Graphviz drawing its pages in a new process.
"""

from __future__ import annotations

import argparse
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

from okrdesk.demo import build_demo
from okrdesk.maps import MapRequest, render_map
from okrdesk.maps.dot import page_dot
from okrdesk.maps.layout import PageLayouts
from okrdesk.maps.paginate import Paginator
from okrdesk.maps.view import select_view
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

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
    for n, source in enumerate(sources):
        (folder / f"page-{n}.gv").write_text(source, encoding="utf-8")
    plain = ("import pathlib, sys, pygraphviz as pgv\n"
             "for page in sorted(pathlib.Path(sys.argv[1]).glob('page-*.gv')):\n"
             "    pgv.AGraph(string=page.read_text()).draw(str(page.with_suffix('.pdf')),"
             " format='pdf', prog='dot')\n")
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


def busiest_cycle(snapshot: Snapshot) -> str:
    counts = Counter(o.cycle_id for o in snapshot.objectives.values())
    return snapshot.cycles[counts.most_common(1)[0][0]].name


def page_sources(path: Path, request: MapRequest) -> tuple[int, list[str]]:
    """The objectives shown and the final DOT of every page, as the map draws them."""
    request = request.checked(Path("map.pdf"))
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        snapshot = Snapshot.load(connection)
    view = select_view(snapshot, request)
    layouts = PageLayouts(view)
    pages, _ = Paginator(view).paginate(request.layout_budget(), layouts.measure)
    count = len(pages)
    return len(view.objective_ids), [page_dot(view, page, n if count > 1 else None)
                                     for n, page in enumerate(pages, start=1)]


def plain_dot(sources: list[str], folder: Path) -> None:
    for n, source in enumerate(sources):
        pgv.AGraph(string=source).draw(str(folder / f"plain-{n}.pdf"), format="pdf", prog="dot")


def measure(name: str, path: Path, page: str, repeat: int, folder: Path, *,
            first: bool = False) -> dict[str, float]:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        cycle = busiest_cycle(Snapshot.load(connection))
    request = MapRequest(cycle=cycle, page=page)
    objectives, sources = page_sources(path, request)
    ours, plain, cpu = [], [], []
    for run in range(repeat):
        start_cpu, start = cpu_seconds(), time.perf_counter()
        result = render_map(path, request, folder / "map.pdf", timeout_s=600)
        ours.append(time.perf_counter() - start)
        if run == 0 and first:
            print(f"first map (starts the fork server): {ours[0]:.2f} s", flush=True)
        cpu.append(cpu_seconds() - start_cpu)
        start = time.perf_counter()
        plain_dot(sources, folder)
        plain.append(time.perf_counter() - start)
    row = {"objectives": objectives, "pages": result.page_count,
           "map": statistics.median(ours), "plain": statistics.median(plain),
           "cpu": statistics.median(cpu)}
    row["ratio"] = row["map"] / row["plain"]
    print(f"{name:<16} {objectives:>10} {row['pages']:>6} {row['map']:>8.2f} "
          f"{row['plain']:>10.2f} {row['ratio']:>6.2f} {row['cpu']:>8.2f}", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--page", default="A3")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"page {args.page}, {args.repeat} runs each; times in seconds (medians)")
    print(f"{'plan':<16} {'objectives':>10} {'pages':>6} {'map':>8} {'plain dot':>10} "
          f"{'ratio':>6} {'process':>8}")
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
    under = [row for row in rows if row["map"] < 10.0]
    if under:
        largest = max(under, key=lambda row: row["objectives"])
        print(f"largest map drawn in under 10 s: {largest['objectives']:.0f} objectives, "
              f"{largest['pages']:.0f} pages, {largest['map']:.2f} s")


if __name__ == "__main__":
    main()
