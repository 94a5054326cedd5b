"""The version numbers of OKR Desk's file formats (light: no imports, read by `--version`)."""

# Every SQLite database file starts with these bytes.
SQLITE_MAGIC = b"SQLite format 3\x00"
# 'OKRD' in SQLite's application_id header field marks a plan file as ours.
APPLICATION_ID = 0x4F4B5244
# The plan format version, kept in SQLite's user_version; Alembic revision "000N" is version N.
SCHEMA_VERSION = 5
# The JSON export format (docs/FORMAT.md).
JSON_FORMAT_NAME = "okrdesk-plan"
JSON_FORMAT_VERSION = 1


def revision_for(version: int) -> str:
    return f"{version:04d}"
