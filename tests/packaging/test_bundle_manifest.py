"""What the bundle carries and trims, checked against the sources without building it."""

from __future__ import annotations

import ast
import plistlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from tests.packaging.conftest import PACKAGING, ROOT

SPEC = (PACKAGING / "okrdesk.spec").read_text(encoding="utf-8")


def imported_modules(folder: Path, package: str, keep: Callable[[str], bool]) -> set[str]:
    names: set[str] = set()
    for source in folder.rglob("*.py"):
        module = ".".join((package, *source.relative_to(folder).with_suffix("").parts))
        if not keep(module):
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_app_imports_no_module_the_bundle_leaves_out(manifest: ModuleType) -> None:
    used = (imported_modules(ROOT / "okrdesk", "okrdesk", manifest.in_bundle)
            | imported_modules(ROOT / "ui", "okrdesk_ui", manifest.in_bundle))
    excluded = set(manifest.EXCLUDED_MODULES)
    clashes = {name for name in used for gone in excluded if name == gone or
               name.startswith(gone + ".")}
    assert not clashes, f"the app imports modules the bundle excludes: {sorted(clashes)}"


def test_the_spec_uses_the_manifest_for_data_trimming_and_exclusions() -> None:
    for needle in ("manifest.DATA_PACKAGES", "manifest.METADATA", "manifest.kept(entry)",
                   "manifest.EXCLUDED_MODULES", "manifest.unreferenced_libraries",
                   'collect_submodules("okrdesk")',
                   'collect_submodules("okrdesk_ui", filter=manifest.in_bundle)'):
        assert needle in SPEC, needle


def test_migrations_travel_as_python_files(manifest: ModuleType) -> None:
    packages = dict(manifest.DATA_PACKAGES)
    assert packages["okrdesk.storage.migrations"] is True
    folder = ROOT / "okrdesk" / "storage" / "migrations"
    scripts = sorted(p.name for p in (folder / "versions").glob("0*.py"))
    assert scripts, "no migration scripts found"
    assert (folder / "env.py").is_file()
    assert "okrdesk_resources" in packages


def test_licences_and_icons_listed_for_the_bundle_exist() -> None:
    import json

    index = json.loads((ROOT / "resources" / "licenses" / "index.json").read_text("utf-8"))
    for component in index:
        for name in component["files"]:
            assert (ROOT / "resources" / "licenses" / name).stat().st_size > 500, name
    assert (ROOT / "resources" / "__init__.py").is_file()
    assert (ROOT / "resources" / "licenses" / "__init__.py").is_file()


def test_trimming_drops_unused_qt_parts_and_keeps_what_the_app_needs(
    manifest: ModuleType,
) -> None:
    dropped = [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/qml/QtQuick/Controls/qmldir",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "pygraphviz/tests/test_graph.py",
    ]
    kept = [
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "pygraphviz.libs/libgvplugin_dot_layout-ea2ec0be.so.8.0.10",
        "okrdesk/storage/migrations/versions/0001_initial.py",
    ]
    assert [path for path in dropped if not manifest.trimmed(path)] == []
    assert [path for path in kept if manifest.trimmed(path)] == []


def test_a_link_goes_with_the_file_it_points_to(manifest: ModuleType) -> None:
    assert not manifest.kept(
        ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"))
    assert manifest.kept(
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"))


def test_libraries_only_a_trimmed_plugin_needed_are_dropped(manifest: ModuleType) -> None:
    links = {
        "/qt/libqxcb.so": {"libQt6Gui.so.6", "libxcb-cursor.so.0"},
        "/sys/libxcb-cursor.so.0": {"libxcb-util.so.1"},
        "/sys/libxcb-util.so.1": set(),
        "/sys/libgtk-3.so.0": {"libcairo.so.2"},
        "/sys/libcairo.so.2": set(),
        "/sys/libpython3.11.so.1.0": set(),
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libxcb-cursor.so.0", "/sys/libxcb-cursor.so.0", "BINARY"),
        ("libxcb-util.so.1", "/sys/libxcb-util.so.1", "BINARY"),
        ("libgtk-3.so.0", "/sys/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/sys/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/sys/libpython3.11.so.1.0", "BINARY"),
    ]
    unused = manifest.unreferenced_libraries(binaries, lambda source: links[source])
    assert unused == {"libgtk-3.so.0", "libcairo.so.2"}


def test_macos_info_plist_makes_okr_files_open_in_the_app(manifest: ModuleType) -> None:
    info = manifest.macos_info_plist("1.2.3")
    plist = plistlib.loads(plistlib.dumps(info))
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    declared = plist["UTExportedTypeDeclarations"][0]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["okr"]
    document = plist["CFBundleDocumentTypes"][0]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]


def test_windows_installer_associates_plan_files_with_the_app() -> None:
    script = (PACKAGING / "windows" / "okrdesk.iss").read_text(encoding="utf-8")
    assert 'Subkey: "Software\\Classes\\.okr"' in script
    assert "okrdesk-gui.exe\"\" \"\"%1\"\"\"" in script
    assert "ChangesAssociations=yes" in script


def test_icons_per_platform_exist(manifest: ModuleType) -> None:
    assert manifest.icon_for("win32").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert manifest.icon_for("darwin").read_bytes()[:4] == b"icns"
    assert manifest.icon_for("linux") is None


def test_the_launcher_checks_a_working_installation(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), "--bundle-check"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and all(line.startswith("ok ") for line in lines), lines
    assert "dot layout and PDF rendering" in result.stdout
    assert "with its C accelerator" in result.stdout
