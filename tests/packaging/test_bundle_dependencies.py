"""Every library the app runs on travels in the bundle with its licence: the declared
dependencies and all they require, and the modules that are imported by a name in a string."""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from importlib import metadata, resources
from pathlib import Path
from types import ModuleType

from packaging.requirements import Requirement

from tests.packaging.conftest import PACKAGING, ROOT

LICENSES = ROOT / "resources" / "licenses"


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def required(requirements: list[str], found: set[str]) -> set[str]:
    """The distributions `requirements` install here, and everything they require in turn."""
    for text in requirements:
        requirement = Requirement(text)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = normalised(requirement.name)
        if name not in found:
            found.add(name)
            required(metadata.requires(requirement.name) or [], found)
    return found


def licence_index() -> list[dict[str, object]]:
    index: list[dict[str, object]] = json.loads((LICENSES / "index.json").read_text("utf-8"))
    return index


def test_every_library_the_app_runs_on_has_its_licence_listed() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    needed = required(project["dependencies"], set())
    assert {"reportlab", "rl-accel", "pillow"} <= needed
    listed = {normalised(str(entry["dist"])) for entry in licence_index() if entry["dist"]}
    assert sorted(needed - listed) == []


def test_the_fonts_inside_reportlab_travel_with_their_licence(manifest: ModuleType) -> None:
    fonts = resources.files("reportlab") / "fonts"
    assert "fonts/bitstream-vera-license.txt" in manifest.REPORTLAB_FILES
    vera = next(entry for entry in licence_index() if "Vera" in str(entry["name"]))
    assert vera["files"] == ["bitstream-vera-LICENSE.txt"]
    shipped = fonts.joinpath("bitstream-vera-license.txt").read_bytes()
    assert (LICENSES / "bitstream-vera-LICENSE.txt").read_bytes() == shipped


def test_reportlab_texts_are_the_installed_ones() -> None:
    for dist, bundled in [("reportlab", "reportlab-LICENSE.txt"),
                          ("rl_accel", "rl-accel-LICENSE.txt"), ("pillow", "pillow-LICENSE.txt")]:
        files = metadata.distribution(dist).files or []
        source = next(f for f in files if f.name.upper().startswith("LICENSE")
                      and ".dist-info" in str(f.parent))
        assert (LICENSES / bundled).read_bytes() == source.locate().read_bytes(), bundled


def test_reportlab_s_accelerator_is_a_hidden_import_of_the_bundle(manifest: ModuleType) -> None:
    """reportlab imports it inside exec(), which PyInstaller's analysis cannot read, and falls
    back to slower Python without a word when it is missing."""
    origin = importlib.util.find_spec("reportlab.lib.rl_accel").origin  # type: ignore[union-attr]
    assert origin is not None
    assert "from _rl_accel import" in Path(origin).read_text("utf-8")
    assert "_rl_accel" in manifest.DYNAMIC_IMPORTS
    assert "+ manifest.DYNAMIC_IMPORTS" in (PACKAGING / "okrdesk.spec").read_text("utf-8")
    for name in manifest.DYNAMIC_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name
