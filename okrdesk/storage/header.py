"""Read a file's SQLite header without opening it, so that a bad file is never touched."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from okrdesk.errors import NewerPlanError, PlanFileError
from okrdesk.formats import APPLICATION_ID, SCHEMA_VERSION, SQLITE_MAGIC

HEADER_SIZE = 100


@dataclass(frozen=True)
class PlanHeader:
    schema_version: int
    page_size: int
    page_count: int


def read_plan_header(path: Path) -> PlanHeader:
    """Check that `path` is an OKR Desk plan this version can read; raise PlanFileError if not."""
    if not path.exists():
        raise PlanFileError(path, "no such file")
    if path.is_dir():
        raise PlanFileError(path, "is a folder, not a plan file")
    size = path.stat().st_size
    if size == 0:
        raise PlanFileError(path, "is empty (0 bytes); it is not a plan")
    with path.open("rb") as stream:
        head = stream.read(HEADER_SIZE)
    if not head.startswith(SQLITE_MAGIC[: len(head)]) or len(head) < len(SQLITE_MAGIC):
        raise PlanFileError(path, f"is not an OKR Desk plan: it looks like {_describe(head)}")
    if len(head) < HEADER_SIZE:
        raise PlanFileError(path, f"is truncated: only {size} bytes of a database are left")
    header = _parse(head)
    application_id = struct.unpack(">I", head[68:72])[0]
    if application_id != APPLICATION_ID:
        raise PlanFileError(
            path, "is an SQLite database of another program, not an OKR Desk plan"
        )
    expected = header.page_size * header.page_count
    has_wal = path.with_name(path.name + "-wal").exists()
    if header.page_count and size < expected and not has_wal:
        raise PlanFileError(
            path, f"is truncated: it holds {size:,} of its {expected:,} bytes"
        )
    if header.schema_version > SCHEMA_VERSION:
        raise NewerPlanError(
            path,
            f"was saved by a newer OKR Desk (plan format {header.schema_version}; this version "
            f"reads formats up to {SCHEMA_VERSION}). Update OKR Desk to open it.",
        )
    if header.schema_version < 1:
        raise PlanFileError(path, "is damaged: its plan format version is missing")
    return header


def _parse(head: bytes) -> PlanHeader:
    raw_page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    change_counter, page_count = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    if valid_for != change_counter:
        page_count = 0  # written by an old SQLite; the count cannot be trusted
    user_version = struct.unpack(">i", head[60:64])[0]
    return PlanHeader(schema_version=user_version, page_size=page_size, page_count=page_count)


def _describe(head: bytes) -> str:
    try:
        text = head[:64].decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < 60:  # not just a character cut in two by the sample's end
            return "a binary file of another kind"
        text = head[: error.start].decode("utf-8")
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        return "a binary file of another kind"
    if text.lstrip().startswith(("{", "[")):
        return "a JSON file (use 'okrdesk import' for plan exports)"
    return "a text file"
