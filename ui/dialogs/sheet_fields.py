"""The names the import dialog gives the fields a sheet's columns can be mapped to."""

from __future__ import annotations

from okrdesk.sheets import Field, OrgField

from ..translation import QT_TR_NOOP, tr

OKR_FIELD_NAMES: dict[str, str] = {
    Field.ID: QT_TR_NOOP("Id"),
    Field.TYPE: QT_TR_NOOP("Type (objective or key result)"),
    Field.TITLE: QT_TR_NOOP("Title"),
    Field.PARENT: QT_TR_NOOP("Parent (row, id or title)"),
    Field.OWNER: QT_TR_NOOP("Owner (name or e-mail)"),
    Field.OWNER_EMAIL: QT_TR_NOOP("Owner e-mail"),
    Field.LEVEL: QT_TR_NOOP("Level"),
    Field.FUNCTION: QT_TR_NOOP("Function"),
    Field.TEAM: QT_TR_NOOP("Team"),
    Field.CYCLE: QT_TR_NOOP("Cycle"),
    Field.STARTS_ON: QT_TR_NOOP("Start date"),
    Field.ENDS_ON: QT_TR_NOOP("End date"),
    Field.MEASURE: QT_TR_NOOP("Measure"),
    Field.START: QT_TR_NOOP("Start value"),
    Field.TARGET: QT_TR_NOOP("Target"),
    Field.CURRENT: QT_TR_NOOP("Current value"),
    Field.UNIT: QT_TR_NOOP("Unit"),
    Field.WEIGHT: QT_TR_NOOP("Weight"),
    Field.CONFIDENCE: QT_TR_NOOP("Confidence"),
    Field.STATUS: QT_TR_NOOP("Status"),
    Field.COMMITMENT: QT_TR_NOOP("Commitment"),
    Field.ORIGIN: QT_TR_NOOP("Origin"),
    Field.DESCRIPTION: QT_TR_NOOP("Description"),
}
ORG_FIELD_NAMES: dict[str, str] = {
    OrgField.ID: QT_TR_NOOP("Id"),
    OrgField.NAME: QT_TR_NOOP("Name"),
    OrgField.EMAIL: QT_TR_NOOP("E-mail"),
    OrgField.ROLE: QT_TR_NOOP("Job title"),
    OrgField.KIND: QT_TR_NOOP("Kind (person or team)"),
    OrgField.MANAGER: QT_TR_NOOP("Manager (name, e-mail or id)"),
    OrgField.LEVEL: QT_TR_NOOP("Level"),
    OrgField.FUNCTION: QT_TR_NOOP("Function"),
}
NOT_IMPORTED = QT_TR_NOOP("(not imported)")


def field_choices(org: bool) -> list[tuple[str, str]]:
    """(shown name, field) for a mapping combo: "not imported" first, then every field."""
    names = ORG_FIELD_NAMES if org else OKR_FIELD_NAMES
    return [(tr(NOT_IMPORTED), ""), *((tr(name), str(field)) for field, name in names.items())]


def field_name(field: str, org: bool) -> str:
    names = ORG_FIELD_NAMES if org else OKR_FIELD_NAMES
    return tr(names.get(field, field))
