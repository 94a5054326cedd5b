"""The OKR Desk icons: SVG sources, PNG sizes, and the Windows and macOS icon files."""
