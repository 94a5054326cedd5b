"""`okrdesk --bundle-check`: proves that a bundle carries what the app loads at run time.

Each check exercises the real thing: Graphviz lays out and renders a PDF, in this process and in
a spawned worker process as the map renderer does; Alembic finds the migration scripts as files;
the licence texts and icons are readable through importlib.resources; reportlab writes a
scorecard page with its C accelerator and its own Vera font; Qt starts (offscreen when no display
is set), reads an SVG icon and builds the About dialog with every version.
"""

from __future__ import annotations

import importlib
import io
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path


def check_graphviz() -> str:
    import pygraphviz

    graph = pygraphviz.AGraph(directed=True)
    graph.add_edge("Objective", "Key result")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "check.pdf"
        graph.layout(prog="dot")
        graph.draw(str(target), format="pdf")
        head = target.read_bytes()[:5]
    if head != b"%PDF-":
        raise RuntimeError("Graphviz did not write a PDF")
    return f"Graphviz {pygraphviz.__graphviz_version__}: dot layout and PDF rendering"


def _graphviz_in_child(connection: Connection) -> None:
    connection.send(check_graphviz())
    connection.close()


def check_worker_process() -> str:
    """Maps are drawn in a spawned child; in a bundle that child is the executable itself."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_graphviz_in_child, args=(sender,), daemon=True)
    child.start()
    sender.close()
    if not receiver.poll(60):
        child.kill()
        raise RuntimeError("the worker process did not answer within 60 s")
    answer = receiver.recv()
    child.join(10)
    if child.exitcode != 0:
        raise RuntimeError(f"the worker process ended with code {child.exitcode}")
    return f"worker process: {answer.split(':')[0]} drew a PDF"


def check_migrations() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from okrdesk.storage.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    revisions = [script.revision for script in ScriptDirectory.from_config(config).walk_revisions()]
    if not revisions:
        raise RuntimeError("no migration scripts found")
    return f"migrations: {', '.join(sorted(revisions))}"


def check_resources() -> str:
    licences = resources.files("okrdesk_resources.licenses")
    names = [entry.name for entry in licences.iterdir() if entry.name.endswith(".txt")]
    if "LGPL-3.txt" not in names:
        raise RuntimeError("the Qt licence text is missing")
    icon = resources.files("okrdesk_resources.icons").joinpath("okrdesk.svg").read_bytes()
    if b"<svg" not in icon:
        raise RuntimeError("the application icon is missing")
    return f"resources: {len(names)} licence texts, icons"


def check_scorecards() -> str:
    """reportlab falls back to Python without its accelerator, so its absence shows only here."""
    importlib.import_module("_rl_accel")
    from reportlab import Version
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    fonts = resources.files("reportlab") / "fonts"
    if not fonts.joinpath("bitstream-vera-license.txt").is_file():
        raise RuntimeError("the Vera fonts' licence is missing")
    pdfmetrics.registerFont(TTFont("Check-Vera", str(fonts / "VeraBd.ttf")))
    from okrdesk.scorecards.fonts import REGULAR, registered

    family = registered().family
    stream = io.BytesIO()
    canvas = Canvas(stream)
    canvas.setFont("Check-Vera", 18)
    canvas.drawString(72, 720, "Objective")
    canvas.setFont(REGULAR, 9)
    canvas.drawString(72, 700, "Key result")
    canvas.save()
    if not stream.getvalue().startswith(b"%PDF-"):
        raise RuntimeError("reportlab did not write a PDF")
    return f"reportlab {Version} with its C accelerator: Vera and {family} in a PDF"


def check_qt() -> str:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    image = QImage()
    svg = resources.files("okrdesk_resources.icons").joinpath("okrdesk.svg").read_bytes()
    if not image.loadFromData(svg, "SVG") or image.isNull():
        raise RuntimeError("Qt cannot read SVG images (imageformats plugin missing)")
    from okrdesk_ui.about import AboutDialog

    about = AboutDialog()
    unknown = [name for name, version in about.versions.items() if version == "bundled"]
    if unknown or not about.components:
        raise RuntimeError(f"the About dialog lacks versions of {unknown} or licences")
    about.deleteLater()
    return f"Qt {qVersion()} on {app.platformName()}: SVG icons, About dialog"


CHECKS: list[Callable[[], str]] = [
    check_graphviz, check_worker_process, check_migrations, check_resources, check_scorecards,
    check_qt,
]


def run() -> int:
    """Run every check, print one line each; the exit code is the number of failures."""
    failures = 0
    for check in CHECKS:
        try:
            print(f"ok    {check()}")
        except Exception as error:  # every failure is reported, then the next check runs
            failures += 1
            print(f"FAIL  {check.__name__}: {type(error).__name__}: {error}")
    return failures
