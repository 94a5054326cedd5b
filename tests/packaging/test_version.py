"""The version is written once (pyproject.toml) and everything that shows it agrees."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import okrdesk
from tests.packaging.conftest import ROOT, load


@pytest.fixture(scope="module")
def release() -> ModuleType:
    return load("release_version")


def test_the_installed_version_is_the_one_in_pyproject(release: ModuleType) -> None:
    assert okrdesk.__version__ == release.project_version()


def test_the_installer_files_agree_with_pyproject(release: ModuleType) -> None:
    assert release.disagreements(release.project_version()) == []
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "release_version.py"),
                             "--check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_command_line_and_the_app_print_it(release: ModuleType) -> None:
    version = release.project_version()
    cli = subprocess.run([sys.executable, "-m", "okrdesk", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert cli.stdout.startswith(f"okrdesk {version} ")
    gui = subprocess.run([sys.executable, "-c", "from okrdesk_ui.app import main; "
                          "raise SystemExit(main(['--version']))"],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert gui.stdout.strip() == f"okrdesk-gui {version}", gui.stderr


def test_the_macos_bundle_states_it(manifest: ModuleType, release: ModuleType) -> None:
    plist = manifest.macos_info_plist(okrdesk.__version__)
    assert plist["CFBundleShortVersionString"] == release.project_version()
    assert "okrdesk" in manifest.METADATA  # so the bundled app can read its own version


def test_a_source_tree_without_metadata_reads_pyproject(release: ModuleType) -> None:
    """No site-packages (-S): no installed metadata; the version comes from pyproject.toml."""
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c",
         f"import sys; sys.path.insert(0, {str(ROOT)!r}); import okrdesk; "
         "from importlib import metadata; print(okrdesk.__version__)"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == release.project_version()


def test_a_new_version_is_written_into_the_installer_files(
    release: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ISS", "METAINFO"):
        copy = tmp_path / getattr(release, name).name
        shutil.copyfile(getattr(release, name), copy)
        monkeypatch.setattr(release, name, copy)
    monkeypatch.setattr(release, "ROOT", tmp_path)
    assert release.disagreements("9.9.9") != []
    changed = release.write("9.9.9", datetime.date(2027, 3, 1))
    assert set(changed) == {release.ISS, release.METAINFO}
    assert release.disagreements("9.9.9") == []
    assert release.write("9.9.9") == []  # written once, then left alone
    newest = ET.parse(release.METAINFO).getroot().find("releases/release")
    assert newest is not None and newest.get("version") == "9.9.9"
    assert newest.get("date") == "2027-03-01"
    if shutil.which("appstreamcli"):
        result = subprocess.run(["appstreamcli", "validate", "--no-net",
                                 str(release.METAINFO)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
