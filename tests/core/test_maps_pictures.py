"""Screen formats: `-o map.svg` and `-o map.png` write one picture of the whole map; pages only
with --pages, as map-1.svg, map-2.svg... and a shorter map leaves no page of a longer one."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from okrdesk import cli
from okrdesk.demo import build_demo
from okrdesk.maps import MapRequest, MapRequestError
from okrdesk.maps.picture import MAX_SIDE_PX, png_zoom
from okrdesk.storage import Plan
from tests.core.test_maps_plans import AlignedPlan, aligned_plan
from tests.core.wide_plans import wide_plan

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    return aligned_plan(tmp_path_factory.mktemp("pictures") / "aligned.okr")


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path, titles, _ = wide_plan(tmp_path_factory.mktemp("wide") / "wide.okr", (12,))
    return path, titles


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def map_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("map"))


def test_svg_is_one_picture_of_the_whole_map(wide: tuple[Path, list[str]], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    plan, titles = wide
    assert cli.main(["map", str(plan), "-o", str(tmp_path / "map.svg")]) == 0
    assert map_files(tmp_path) == ["map.svg"]
    assert "one picture" in capsys.readouterr().out
    words = " ".join(svg_text(tmp_path / "map.svg").split())
    for title in titles:  # the 13 cards of what A4 paper splits over several pages
        assert all(word in words for word in title.split())
    cards = [group for group in ET.parse(tmp_path / "map.svg").getroot().iter(f"{SVG}g")
             if group.get("id", "").startswith("obj-")]
    assert len(cards) == len(titles)


def test_png_is_one_picture_at_the_width_asked_for(aligned: AlignedPlan, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert cli.main(["map", str(aligned.path), "-o", str(out), "--width", "900"]) == 0
    assert map_files(tmp_path) == ["map.png"]
    width, height = png_size(out)
    assert width == 900 and 100 < height < 900
    assert cli.main(["map", str(aligned.path), "-o", str(out)]) == 0
    assert png_size(out)[0] > 900  # by default two pixels a point: sharp on any screen


def test_a_picture_too_large_for_png_is_drawn_smaller_and_says_so() -> None:
    assert png_zoom((800, 600), 1600) == (2.0, [])
    zoom, warnings = png_zoom((40_000, 3_000), None)
    assert 40_000 * zoom <= MAX_SIDE_PX and "largest PNG" in warnings[0]


def test_width_is_only_for_a_png_picture() -> None:
    assert MapRequest(width=900).checked(Path("map.png")).single_picture
    for request, out in ((MapRequest(width=900), "map.pdf"), (MapRequest(width=900), "map.svg"),
                         (MapRequest(width=900, pages=True), "map.png"),
                         (MapRequest(width=20), "map.png")):
        with pytest.raises(MapRequestError, match="width"):
            request.checked(Path(out))


def test_pages_are_numbered_and_a_shorter_map_removes_the_old_pages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = build_demo(tmp_path / "demo.okr")
    out = tmp_path / "map.svg"
    assert cli.main(["map", str(plan), "-o", str(out), "--pages", "--levels", "..3"]) == 0
    long_map = map_files(tmp_path)
    assert len(long_map) > 2 and "map.svg" not in long_map
    assert long_map == sorted(f"map-{n}.svg" for n in range(1, len(long_map) + 1))
    keep = ["map-0.svg", "map-07.svg", "map-99.svg.bak", "map-x.svg", "map-99.png"]
    for name in keep:
        (tmp_path / name).write_text("not a page of this map", encoding="utf-8")
    Plan.create(tmp_path / "map-98.svg").close()  # a plan is never removed, whatever its name
    capsys.readouterr()
    assert cli.main(["map", str(plan), "-o", str(out), "--pages", "--levels", "..1"]) == 0
    output = capsys.readouterr()
    short_map = sorted(set(map_files(tmp_path)) - set(keep) - {"map-98.svg"})
    assert short_map == ["map-1.svg"]
    assert "Removed map-2.svg" in output.err and "map-98.svg" in output.err
    assert all((tmp_path / name).exists() for name in [*keep, "map-98.svg"])
