"""OKR Desk core: plan files, operations and analytics. Never imports Qt."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "okrdesk"
UNKNOWN_VERSION = "0+unknown"


def _version() -> str:
    """The version of the installed distribution; pyproject.toml's when run from a source tree
    that was never installed. pyproject.toml is the one place the version is written."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN_VERSION
    version = project.get("version") if project.get("name") == DISTRIBUTION else None
    return version if isinstance(version, str) and version else UNKNOWN_VERSION


__version__ = _version()

PLAN_SUFFIX = ".okr"
