"""Schools, school years, account types and groups (mapped onto the tables of
:mod:`app.models.tables`)."""

from datetime import date, datetime

from sqlalchemy.orm import Mapped

from app.models import tables
from app.models.base import group_name_key
from app.models.orm import Base

__all__ = ["AccountType", "Group", "School", "SchoolYear", "group_name_key"]


class School(Base):
    __table__ = tables.schools

    id: Mapped[int]
    name: Mapped[str]
    created_at: Mapped[datetime]


class SchoolYear(Base):
    """A school year such as ``2026/27``; exactly one is current."""

    __table__ = tables.school_years

    id: Mapped[int]
    name: Mapped[str]
    start: Mapped[date]
    end: Mapped[date]
    is_current: Mapped[bool]


class AccountType(Base):
    """student / teacher / staff, with their grace periods (SPEC §3)."""

    __table__ = tables.account_types

    code: Mapped[str]
    label_de: Mapped[str]
    label_en: Mapped[str]
    tolerance_days: Mapped[int]
    deletion_days: Mapped[int]


class Group(Base):
    """A class, course, team, manual or system group of one school."""

    __table__ = tables.groups

    id: Mapped[int]
    school_id: Mapped[int]
    year_id: Mapped[int | None]
    year_key: Mapped[int]
    name: Mapped[str]
    name_key: Mapped[str]
    type: Mapped[str]
    description: Mapped[str]
    comment: Mapped[str]
    disabled: Mapped[bool]
    external_id: Mapped[str | None]
    created_by_run_id: Mapped[int | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
