"""Render the OKR Desk icons from their SVG sources: PNG sizes, a Windows .ico and a macOS .icns.

Run from the project folder after editing an SVG: `.venv/bin/python packaging/make_icons.py`.
The results are kept in resources/icons so that a bundle build needs no rendering.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SOURCES = {"okrdesk": "okrdesk.svg", "okrdesk-plan": "okrdesk-plan.svg"}


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path, images: list[QImage]) -> None:
    """A Windows icon holding every size as a PNG entry (read by Windows Vista and later)."""
    payloads = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for image, payload in zip(images, payloads, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256 in the format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    path.write_bytes(header + entries + b"".join(payloads))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    png_folder = ICONS / "png"
    png_folder.mkdir(exist_ok=True)
    for name, source in SOURCES.items():
        for size in PNG_SIZES:
            image = render(ICONS / source, size)
            if not image.save(str(png_folder / f"{name}-{size}.png"), "PNG"):
                raise SystemExit(f"could not write the {size} px PNG of {name}")
    app_icons = [render(ICONS / SOURCES["okrdesk"], size) for size in ICO_SIZES]
    write_ico(ICONS / "okrdesk.ico", app_icons)
    render(ICONS / SOURCES["okrdesk"], 1024).save(str(ICONS / "okrdesk.icns"), "ICNS")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
