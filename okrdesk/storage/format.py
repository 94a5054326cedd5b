"""Constants that identify an OKR Desk plan file."""

# 'OKRD' in SQLite's application_id header field marks the file as ours.
APPLICATION_ID = 0x4F4B5244
# The plan format version, kept in SQLite's user_version; Alembic revision "000N" is version N.
SCHEMA_VERSION = 2


def revision_for(version: int) -> str:
    return f"{version:04d}"
