"""OKR Desk core: plan files, operations and analytics. Never imports Qt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

DISTRIBUTION = "okrdesk"
UNKNOWN_VERSION = "0+unknown"

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    # Looked up when first asked for: reading the installed metadata takes longer than the
    # rest of a command's start-up, and most commands never print the version.
    if name == "__version__":
        version = _version()
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version() -> str:
    """The version of the installed distribution; pyproject.toml's when run from a source tree
    that was never installed. pyproject.toml is the one place the version is written."""
    import tomllib
    from importlib import metadata

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


PLAN_SUFFIX = ".okr"
