"""The version of OKR Desk is written once, in pyproject.toml; the installer files repeat it.

    python packaging/release_version.py           print the version
    python packaging/release_version.py --check   exit 1 naming every file that disagrees
    python packaging/release_version.py --write   write the version into those files

The app, `okrdesk --version`, the About dialog and the macOS bundle read it from the installed
metadata (`okrdesk.__version__`); the Windows installer script and the AppStream release list
cannot, so `--check` runs before every bundle build and in the tests.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
ISS = ROOT / "packaging" / "windows" / "okrdesk.iss"
METAINFO = ROOT / "packaging" / "linux" / "org.okrdesk.OKRDesk.metainfo.xml"

ISS_DEFINE = re.compile(r'(#define Version ")([^"]*)(")')
ISS_EXAMPLE = re.compile(r"(/DVersion=)(\S+)")
NEWEST_RELEASE = re.compile(r'(<release version=")([^"]*)(")')


def project_version() -> str:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def stated_versions() -> dict[Path, list[str]]:
    """Every version each installer file states (the AppStream file: its newest release)."""
    iss = ISS.read_text(encoding="utf-8")
    newest = NEWEST_RELEASE.search(METAINFO.read_text(encoding="utf-8"))
    return {
        ISS: [m.group(2) for m in (*ISS_DEFINE.finditer(iss), *ISS_EXAMPLE.finditer(iss))],
        METAINFO: [newest.group(2) if newest else "(no release)"],
    }


def disagreements(version: str) -> list[str]:
    return [f"{path.relative_to(ROOT)} says {stated}, pyproject.toml says {version}"
            for path, versions in stated_versions().items()
            for stated in versions if stated != version]


def write(version: str, today: datetime.date | None = None) -> list[Path]:
    """Put `version` into the installer files; a new AppStream release is added on top."""
    changed = []
    iss = ISS.read_text(encoding="utf-8")
    new_iss = ISS_EXAMPLE.sub(rf"\g<1>{version}", ISS_DEFINE.sub(rf"\g<1>{version}\g<3>", iss))
    if new_iss != iss:
        ISS.write_text(new_iss, encoding="utf-8")
        changed.append(ISS)
    metainfo = METAINFO.read_text(encoding="utf-8")
    newest = NEWEST_RELEASE.search(metainfo)
    if newest is None or newest.group(2) != version:
        day = (today or datetime.date.today()).isoformat()
        entry = f'<release version="{version}" date="{day}"/>\n    '
        at = newest.start() if newest else metainfo.index("</releases>")
        METAINFO.write_text(metainfo[:at] + entry + metainfo[at:], encoding="utf-8")
        changed.append(METAINFO)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="fail if a file disagrees")
    action.add_argument("--write", action="store_true", help="write the version into them")
    arguments = parser.parse_args(argv)
    version = project_version()
    if arguments.write:
        for path in write(version):
            print(f"wrote {version} into {path.relative_to(ROOT)}")
        return 0
    if arguments.check:
        problems = disagreements(version)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run: python packaging/release_version.py --write", file=sys.stderr)
        return 1 if problems else 0
    print(version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
