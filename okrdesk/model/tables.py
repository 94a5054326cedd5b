"""The plan's tables as typed SQLAlchemy models.

Every row has a stable UUID (`id`) and created/updated times, so that drafts can be merged and
every change can be reversed exactly. Relationships raise on lazy loads: code says what it reads.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from okrdesk.clock import new_id, utc_now
from okrdesk.model.enums import (
    Commitment,
    CycleKind,
    KrKind,
    Origin,
    Status,
    UnitKind,
    Visibility,
    sql_in,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Row(Base):
    __abstract__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[str] = mapped_column(String(40), default=utc_now)
    updated_at: Mapped[str] = mapped_column(String(40), default=utc_now)


class Setting(Row):
    """Plan-wide values: the plan's name, the bottom-up target, quality thresholds."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text)


class Level(Row):
    """An org level; rank 0 is the top (C-suite)."""

    __tablename__ = "levels"
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Function(Row):
    """A business function such as Sales or Marketing."""

    __tablename__ = "functions"
    name: Mapped[str] = mapped_column(String(120), unique=True)


class Unit(Row):
    """A person or a team in the reporting tree."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint(f"kind IN ({sql_in(UnitKind)})", name="kind"),)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default=UnitKind.PERSON.value)
    role: Mapped[str] = mapped_column(String(200), default="")
    level_id: Mapped[str] = mapped_column(ForeignKey("levels.id"), index=True)
    function_id: Mapped[str | None] = mapped_column(ForeignKey("functions.id"), index=True)
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")  # schema 3; "" when unknown

    level: Mapped[Level] = relationship(lazy="raise")
    function: Mapped[Function | None] = relationship(lazy="raise")


class Cycle(Row):
    """A planning period: a year, one of its quarters, or the backlog."""

    __tablename__ = "cycles"
    __table_args__ = (CheckConstraint(f"kind IN ({sql_in(CycleKind)})", name="kind"),)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("cycles.id"), index=True)
    starts_on: Mapped[str | None] = mapped_column(String(10))
    ends_on: Mapped[str | None] = mapped_column(String(10))
    # Schema 4: when the cycle was closed (its scores final, its rows read-only); None if open.
    closed_at: Mapped[str | None] = mapped_column(String(40))


class Objective(Row):
    """An objective of one owner in one cycle.

    `parent_kr_id` is its alignment: the key result it stands for (bottom-up), sits under, or was
    delegated from (top-down, with origin `delegated`).
    """

    __tablename__ = "objectives"
    __table_args__ = (
        CheckConstraint(f"origin IN ({sql_in(Origin)})", name="origin"),
        CheckConstraint(f"commitment IN ({sql_in(Commitment)})", name="commitment"),
        CheckConstraint(f"visibility IN ({sql_in(Visibility)})", name="visibility"),
        CheckConstraint(f"status IS NULL OR status IN ({sql_in(Status)})", name="status"),
    )
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    cycle_id: Mapped[str] = mapped_column(ForeignKey("cycles.id"), index=True)
    origin: Mapped[str] = mapped_column(String(10), default=Origin.OWN.value)
    commitment: Mapped[str] = mapped_column(String(12), default=Commitment.COMMITTED.value)
    visibility: Mapped[str] = mapped_column(String(10), default=Visibility.PUBLISHED.value)
    status: Mapped[str | None] = mapped_column(String(10))
    parent_kr_id: Mapped[str | None] = mapped_column(
        ForeignKey("key_results.id", use_alter=True), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Schema 3: the objective this one was copied or carried over from. A plain id, not a
    # foreign key: deleting the original leaves the copy as it is, pointing at nothing.
    copied_from_id: Mapped[str | None] = mapped_column(String(36), index=True)

    owner: Mapped[Unit] = relationship(lazy="raise")
    cycle: Mapped[Cycle] = relationship(lazy="raise")


class KeyResult(Row):
    """A measurable result of an objective, or (kind `objective`) a lower objective aligned up."""

    __tablename__ = "key_results"
    __table_args__ = (
        CheckConstraint(f"kind IN ({sql_in(KrKind)})", name="kind"),
        CheckConstraint(f"origin IN ({sql_in(Origin)})", name="origin"),
        CheckConstraint("weight >= 0", name="weight"),
        CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
                        name="confidence"),
    )
    objective_id: Mapped[str] = mapped_column(ForeignKey("objectives.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(12), default=KrKind.INCREASE.value)
    origin: Mapped[str] = mapped_column(String(10), default=Origin.OWN.value)
    unit: Mapped[str] = mapped_column(String(40), default="")
    start_value: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    current_value: Mapped[float | None] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    confidence: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Contribution(Row):
    """A contributes-to link: shown on maps, never counted toward progress."""

    __tablename__ = "contributions"
    __table_args__ = (
        Index("uq_contributions_pair", "source_id", "target_id", unique=True),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )
    source_id: Mapped[str] = mapped_column(ForeignKey("objectives.id"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("objectives.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class CheckIn(Row):
    """A progress update of a key result at a point in time."""

    __tablename__ = "check_ins"
    __table_args__ = (
        CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
                        name="confidence"),
    )
    key_result_id: Mapped[str] = mapped_column(ForeignKey("key_results.id"), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[str] = mapped_column(String(40), default=utc_now)


class CanvasPosition(Row):
    """Where a card sits on the alignment canvas (schema 2); `id` is the objective's id."""

    __tablename__ = "canvas_positions"
    id: Mapped[str] = mapped_column(ForeignKey("objectives.id"), primary_key=True)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)


class ObjectiveScore(Row):
    """An objective's final score when its cycle closed, with the reflection on it (schema 4);
    `id` is the objective's id."""

    __tablename__ = "objective_scores"
    __table_args__ = (CheckConstraint("value >= 0 AND value <= 1", name="value"),)
    id: Mapped[str] = mapped_column(ForeignKey("objectives.id"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    achieved: Mapped[str] = mapped_column(Text, default="")
    learned: Mapped[str] = mapped_column(Text, default="")
    decided: Mapped[str] = mapped_column(Text, default="")


class KeyResultScore(Row):
    """A key result's final score when its cycle closed (schema 4); `id` is the key result's id."""

    __tablename__ = "key_result_scores"
    __table_args__ = (CheckConstraint("value >= 0 AND value <= 1", name="value"),)
    id: Mapped[str] = mapped_column(ForeignKey("key_results.id"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")



class PlanIdentity(Row):
    """The plan's own id, one row (schema 5). A copy of the file keeps it; a draft names the
    plan it was taken from by it, so that a draft of another plan is recognised."""

    __tablename__ = "plan_identity"


class HistoryEntry(Row):
    """One operation's change set, kept in the plan file so that history outlives the app
    (schema 5). `changes` is JSON: [[table, row id, before, after], ...]; "" when the change
    set was too large to keep whole (its label and row count stay)."""

    __tablename__ = "history"
    at: Mapped[str] = mapped_column(String(40), index=True)
    author: Mapped[str] = mapped_column(String(200), default="")
    label: Mapped[str] = mapped_column(Text)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[str] = mapped_column(Text, default="")


class Draft(Row):
    """In a draft file, one row (schema 5): the plan it was taken from, the part it holds (a
    person's or team's subtree of the reporting tree) and when it was taken out."""

    __tablename__ = "drafts"
    plan_id: Mapped[str] = mapped_column(String(36))
    plan_name: Mapped[str] = mapped_column(Text, default="")
    part_unit_id: Mapped[str] = mapped_column(String(36))
    cycle_id: Mapped[str | None] = mapped_column(String(36))
    taken_at: Mapped[str] = mapped_column(String(40), default=utc_now)


class DraftBaseRow(Row):
    """In a draft file (schema 5): a row as it stood in the plan when the draft was taken out,
    the base of a three-way merge. `row_values` is the row's columns as JSON."""

    __tablename__ = "draft_base"
    __table_args__ = (Index("uq_draft_base_row", "table_name", "row_id", unique=True),)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    row_values: Mapped[str] = mapped_column(Text)

TABLES = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
