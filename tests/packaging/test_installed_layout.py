"""A regular install (the one the bundle is built from) carries every package of the source
tree under its installed name. An editable install hides a package missing from
pyproject.toml, because its import hook maps whole folders; a regular install leaves it out."""

from __future__ import annotations

import tomllib

from tests.packaging.conftest import ROOT

SOURCE_FOLDERS = {"okrdesk": "okrdesk", "ui": "okrdesk_ui", "resources": "okrdesk_resources"}


def test_every_source_package_is_listed_for_installation() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    assert setuptools["package-dir"] == {"okrdesk_ui": "ui", "okrdesk_resources": "resources"}
    found = set()
    for folder, installed_name in SOURCE_FOLDERS.items():
        for marker in (ROOT / folder).rglob("__init__.py"):
            relative = marker.parent.relative_to(ROOT / folder).parts
            found.add(".".join((installed_name, *relative)))
    assert sorted(found - listed) == [], "packages missing from [tool.setuptools] packages"
    assert sorted(listed - found) == [], "listed packages that have no folder"
