"""The typefaces of scorecards and slides: DejaVu Sans where the system has it (Latin, Greek,
Cyrillic, Arabic and Hebrew letters), else Bitstream Vera, which ships inside reportlab and so
inside every installation and bundle. Both are embedded as subsets, with a map back to Unicode,
so the PDF's text can be searched and copied.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

REGULAR, BOLD, ITALIC = "Scorecard", "Scorecard-Bold", "Scorecard-Italic"
_SYSTEM_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts", "/usr/local/share/fonts", "/Library/Fonts",
    os.path.expanduser("~/Library/Fonts"), os.path.join(os.environ.get("WINDIR", "C:/Windows"),
                                                        "Fonts"),
)
_DEJAVU = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
_VERA = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf")


@dataclass(frozen=True)
class FontFiles:
    family: str
    regular: Path
    bold: Path
    italic: Path


def font_files() -> FontFiles:
    """DejaVu Sans from the system when all three faces are there, else reportlab's Vera."""
    for folder in _SYSTEM_FOLDERS:
        paths = [Path(folder) / name for name in _DEJAVU]
        if all(path.is_file() for path in paths):
            return FontFiles("DejaVu Sans", *paths)
    shipped = resources.files("reportlab") / "fonts"
    vera = [Path(str(shipped / name)) for name in _VERA]
    return FontFiles("Bitstream Vera Sans", *vera)


@cache
def registered() -> FontFiles:
    """Register the three faces with reportlab once per process; the files used."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = font_files()
    for name, path in ((REGULAR, files.regular), (BOLD, files.bold), (ITALIC, files.italic)):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD)
    return files
