"""Linux desktop integration: menu entry, MIME type for plan files, AppStream data, installer."""

from __future__ import annotations

import configparser
import os
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

from okrdesk.formats import APPLICATION_ID
from okrdesk.storage import Plan
from tests.packaging.conftest import LINUX, ROOT

APP_ID = "org.okrdesk.OKRDesk"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / "okrdesk-mime.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
STANDARD_KEYS = {
    "Type", "Version", "Name", "GenericName", "NoDisplay", "Comment", "Icon", "Hidden",
    "OnlyShowIn", "NotShowIn", "DBusActivatable", "TryExec", "Exec", "Path", "Terminal",
    "Actions", "MimeType", "Categories", "Implements", "Keywords", "StartupNotify",
    "StartupWMClass", "URL", "PrefersNonDefaultGPU", "SingleMainWindow",
}
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game",
                   "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"}


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def mime_environment(data_home: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_DATA_DIRS": "/usr/share"}


def content_type(path: Path, data_home: Path) -> str:
    result = subprocess.run(["gio", "info", "-a", "standard::content-type", str(path)],
                            capture_output=True, text=True, check=True,
                            env=mime_environment(data_home))
    return result.stdout.split("standard::content-type:")[1].split()[0]


def test_desktop_entry_follows_the_specification(manifest: ModuleType) -> None:
    entry = desktop_entry(DESKTOP)
    assert set(entry) <= STANDARD_KEYS, set(entry) - STANDARD_KEYS
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == manifest.GUI_NAME
    assert entry["Exec"].split()[1:] == ["%f"], "one plan file is passed to the app"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == APP_ID == manifest.APP_ID
    for key in ("MimeType", "Categories", "Keywords"):
        assert entry[key].endswith(";"), key
    assert manifest.MIME_TYPE in entry["MimeType"].split(";")
    assert MAIN_CATEGORIES & set(entry["Categories"].split(";"))


def test_icons_exist_for_every_size_the_desktop_uses() -> None:
    png = ROOT / "resources" / "icons" / "png"
    for name in ("okrdesk", "okrdesk-plan"):
        for size in (16, 24, 32, 48, 64, 128, 256, 512):
            header = (png / f"{name}-{size}.png").read_bytes()[:24]
            assert header[:8] == b"\x89PNG\r\n\x1a\n"
            width = int.from_bytes(header[16:20], "big")
            height = int.from_bytes(header[20:24], "big")
            assert (width, height) == (size, size), f"{name}-{size}.png"
    for svg in ("okrdesk.svg", "okrdesk-plan.svg"):
        root = ET.parse(ROOT / "resources" / "icons" / svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_mime_type_names_plan_files_by_extension_and_content() -> None:
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", MIME_NS)
    assert mime is not None
    assert mime.get("type") == "application/x-okrdesk-plan"
    assert mime.find("m:glob", MIME_NS).get("pattern") == "*.okr"  # type: ignore[union-attr]
    inner = mime.find("m:magic/m:match/m:match", MIME_NS)
    assert inner is not None
    assert int(inner.get("value", ""), 16) == APPLICATION_ID
    assert inner.get("offset") == "68" and inner.get("type") == "big32"


def test_the_mime_database_recognises_real_plan_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "mime" / "packages").mkdir(parents=True)
    (data / "mime" / "packages" / "okrdesk.xml").write_bytes(MIME_XML.read_bytes())
    subprocess.run(["update-mime-database", str(data / "mime")], check=True,
                   capture_output=True)
    assert "application/x-okrdesk-plan:*.okr" in (data / "mime" / "globs2").read_text()

    with Plan.create(tmp_path / "plan.okr"):
        pass
    renamed = tmp_path / "plan-without-extension"
    renamed.write_bytes((tmp_path / "plan.okr").read_bytes())
    other = sqlite3.connect(tmp_path / "other-database")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()

    assert content_type(tmp_path / "plan.okr", data) == "application/x-okrdesk-plan"
    assert content_type(renamed, data) == "application/x-okrdesk-plan"
    assert content_type(tmp_path / "other-database", data) == "application/vnd.sqlite3"


def test_appstream_metadata_validates_and_matches_the_desktop_file() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/mediatype") == "application/x-okrdesk-plan"
    import okrdesk

    assert root.find("releases/release").get("version") == okrdesk.__version__  # type: ignore[union-attr]


def test_install_script_adds_and_removes_the_desktop_integration(tmp_path: Path) -> None:
    bundle = tmp_path / "OKR Desk"
    bundle.mkdir()
    for name in ("okrdesk", "okrdesk-gui"):
        program = bundle / name
        program.write_text("#!/bin/sh\nexit 0\n")
        program.chmod(0o755)
    subprocess.run(["bash", str(LINUX / "stage.sh"), str(bundle)], check=True)
    home, data, bin_dir = tmp_path / "home", tmp_path / "data", tmp_path / "bin"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data),
           "BIN_DIR": str(bin_dir)}

    subprocess.run([str(bundle / "install.sh")], check=True, env=env, capture_output=True)
    entry = desktop_entry(data / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{bundle}/okrdesk-gui" %f'
    assert (data / "icons/hicolor/256x256/apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons/hicolor/scalable/mimetypes/application-x-okrdesk-plan.svg").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert "*.okr" in (data / "mime" / "globs2").read_text()
    assert (bin_dir / "okrdesk-gui").resolve() == bundle / "okrdesk-gui"

    subprocess.run([str(bundle / "install.sh"), "--remove"], check=True, env=env,
                   capture_output=True)
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not list(data.rglob("*.png"))
    assert not (bin_dir / "okrdesk").exists()
    assert "*.okr" not in (data / "mime" / "globs2").read_text()
