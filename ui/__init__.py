"""The OKR Desk desktop app (PySide6)."""
