"""Copy the licence texts of everything the bundle carries into resources/licenses.

Texts are copied verbatim from the installed distributions (their dist-info, or a file inside
the package for what a package carries of others', such as reportlab's Vera fonts), from the
Python installation that the bundle freezes, and from the system's common licence folder for the
standard GNU and Mozilla texts. Run it after changing a dependency:
`.venv/bin/python packaging/collect_licenses.py`; it also rewrites resources/licenses/index.json.
"""

from __future__ import annotations

import json
import shutil
import sys
from importlib import metadata, resources
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
PYTHON_LIB = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"

# name shown, distribution (for its version and licence files), SPDX expression, texts, home page
COMPONENTS: list[dict[str, str | list[str]]] = [
    {"name": "Qt", "dist": "", "license": "LGPL-3.0-only",
     "files": ["LGPL-3.txt", "GPL-3.txt"], "url": "https://www.qt.io"},
    {"name": "PySide6 (Qt for Python)", "dist": "PySide6-Essentials",
     "license": "LGPL-3.0-only", "files": ["LGPL-3.txt", "GPL-3.txt"],
     "url": "https://pyside.org"},
    {"name": "Shiboken6", "dist": "shiboken6", "license": "LGPL-3.0-only",
     "files": ["LGPL-3.txt", "GPL-3.txt"], "url": "https://pyside.org"},
    {"name": "Graphviz", "dist": "", "license": "EPL-2.0",
     "files": ["graphviz-LICENSE.txt", "graphviz-libraries.txt"], "url": "https://graphviz.org"},
    {"name": "PyGraphviz", "dist": "pygraphviz", "license": "BSD-3-Clause",
     "files": ["pygraphviz-LICENSE.txt"], "url": "https://pygraphviz.github.io"},
    {"name": "SQLAlchemy", "dist": "SQLAlchemy", "license": "MIT",
     "files": ["sqlalchemy-LICENSE.txt"], "url": "https://www.sqlalchemy.org"},
    {"name": "Alembic", "dist": "alembic", "license": "MIT",
     "files": ["alembic-LICENSE.txt"], "url": "https://alembic.sqlalchemy.org"},
    {"name": "Mako", "dist": "Mako", "license": "MIT",
     "files": ["mako-LICENSE.txt"], "url": "https://www.makotemplates.org"},
    {"name": "MarkupSafe", "dist": "MarkupSafe", "license": "BSD-3-Clause",
     "files": ["markupsafe-LICENSE.txt"], "url": "https://palletsprojects.com/p/markupsafe"},
    {"name": "pypdf", "dist": "pypdf", "license": "BSD-3-Clause",
     "files": ["pypdf-LICENSE.txt"], "url": "https://pypdf.readthedocs.io"},
    {"name": "ReportLab", "dist": "reportlab", "license": "BSD-3-Clause",
     "files": ["reportlab-LICENSE.txt"], "url": "https://www.reportlab.com"},
    {"name": "rl-accel (ReportLab's C accelerator)", "dist": "rl_accel",
     "license": "BSD-3-Clause", "files": ["rl-accel-LICENSE.txt"],
     "url": "https://www.reportlab.com"},
    {"name": "Bitstream Vera fonts (inside ReportLab)", "dist": "", "license": "Bitstream-Vera",
     "files": ["bitstream-vera-LICENSE.txt"],
     "url": "https://download.gnome.org/sources/ttf-bitstream-vera/"},
    # ReportLab imports Pillow whole; its text holds those of the image libraries it carries.
    {"name": "Pillow", "dist": "pillow", "license": "MIT-CMU",
     "files": ["pillow-LICENSE.txt"], "url": "https://python-pillow.org"},
    {"name": "charset-normalizer", "dist": "charset-normalizer", "license": "MIT",
     "files": ["charset-normalizer-LICENSE.txt"], "url": "https://github.com/jawah/charset_normalizer"},
    {"name": "filelock", "dist": "filelock", "license": "MIT",
     "files": ["filelock-LICENSE.txt"], "url": "https://py-filelock.readthedocs.io"},
    {"name": "python-calamine", "dist": "python-calamine", "license": "MIT",
     "files": ["python-calamine-LICENSE.txt"], "url": "https://github.com/dimastbk/python-calamine"},
    {"name": "rustpy-xlsxwriter", "dist": "rustpy-xlsxwriter", "license": "MIT",
     "files": ["rustpy-xlsxwriter-LICENSE.txt"],
     "url": "https://github.com/rahmadafandi/rustpy-xlsxwriter"},
    {"name": "typing_extensions", "dist": "typing_extensions", "license": "PSF-2.0",
     "files": ["typing-extensions-LICENSE.txt"], "url": "https://github.com/python/typing_extensions"},
    {"name": "Python", "dist": "", "license": "PSF-2.0",
     "files": ["python-LICENSE.txt"], "url": "https://www.python.org"},
]

# bundled file name -> (distribution, licence file inside its dist-info)
FROM_DISTRIBUTIONS = {
    "graphviz-LICENSE.txt": ("pygraphviz", "LICENSE.graphviz"),
    "pygraphviz-LICENSE.txt": ("pygraphviz", "LICENSE"),
    "sqlalchemy-LICENSE.txt": ("SQLAlchemy", "LICENSE"),
    "alembic-LICENSE.txt": ("alembic", "LICENSE"),
    "mako-LICENSE.txt": ("Mako", "LICENSE"),
    "markupsafe-LICENSE.txt": ("MarkupSafe", "LICENSE.txt"),
    "pypdf-LICENSE.txt": ("pypdf", "LICENSE"),
    "reportlab-LICENSE.txt": ("reportlab", "LICENSE"),
    "rl-accel-LICENSE.txt": ("rl_accel", "LICENSE.txt"),
    "pillow-LICENSE.txt": ("pillow", "LICENSE"),
    "charset-normalizer-LICENSE.txt": ("charset-normalizer", "LICENSE"),
    "filelock-LICENSE.txt": ("filelock", "LICENSE"),
    "typing-extensions-LICENSE.txt": ("typing_extensions", "LICENSE"),
    "python-calamine-LICENSE.txt": ("python-calamine", "LICENSE"),
    "rustpy-xlsxwriter-LICENSE.txt": ("rustpy-xlsxwriter", "LICENSE"),
}
# bundled file name -> (package, licence file inside it) for what a package ships of others'
FROM_PACKAGES = {"bitstream-vera-LICENSE.txt": ("reportlab", "fonts/bitstream-vera-license.txt")}
FROM_COMMON = {"LGPL-3.txt": "LGPL-3", "GPL-3.txt": "GPL-3", "LGPL-2.1.txt": "LGPL-2.1",
               "GPL-2.txt": "GPL-2", "MPL-1.1.txt": "MPL-1.1", "MPL-2.0.txt": "MPL-2.0"}


def distribution_file(dist: str, name: str) -> Path:
    for entry in metadata.distribution(dist).files or []:
        if entry.name == name and ".dist-info" in str(entry.parent):
            return Path(str(entry.locate()))
    raise SystemExit(f"{dist} carries no licence file named {name}")


def main() -> int:
    for target, (dist, name) in FROM_DISTRIBUTIONS.items():
        shutil.copyfile(distribution_file(dist, name), TARGET / target)
    for target, (package, name) in FROM_PACKAGES.items():
        (TARGET / target).write_bytes(resources.files(package).joinpath(name).read_bytes())
    for target, name in FROM_COMMON.items():
        shutil.copyfile(COMMON / name, TARGET / target)
    shutil.copyfile(PYTHON_LIB / "LICENSE.txt", TARGET / "python-LICENSE.txt")
    (TARGET / "index.json").write_text(json.dumps(COMPONENTS, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
