"""The documented JSON format of a whole plan (docs/FORMAT.md): export, import, schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from okrdesk.interchange.errors import InterchangeError, NewerFormatError
from okrdesk.interchange.export import canonical_json, export_plan, write_export
from okrdesk.interchange.fields import FORMAT_NAME, FORMAT_VERSION
from okrdesk.interchange.importer import import_plan
from okrdesk.interchange.validate import read_document, validate_document

SCHEMA_FILE = "plan.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the format, shipped inside the package."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "InterchangeError",
    "NewerFormatError",
    "canonical_json",
    "export_plan",
    "import_plan",
    "load_schema",
    "read_document",
    "validate_document",
    "write_export",
]
