"""Declarative base and the enumerations shared by the database models."""

import enum
from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class GroupType(enum.StrEnum):
    CLASS = "class"
    COURSE = "course"
    TEAM = "team"
    MANUAL = "manual"
    SYSTEM = "system"


# Memberships in these groups are kept by every import (SPEC §2, rules after §2.8).
KEPT_GROUP_TYPES = frozenset({GroupType.MANUAL, GroupType.SYSTEM})


class AccountTypeCode(enum.StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"
    STAFF = "staff"


class UserStatus(enum.StrEnum):
    ACTIVE = "active"
    MARKED_FOR_DELETION = "marked_for_deletion"
    DEACTIVATED = "deactivated"
    DELETED = "deleted"


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    COMPLETED_WITH_ERRORS = "completed_with_errors"
    FAILED = "failed"
    CANCELLED = "cancelled"
    ARCHIVED = "archived"
    UNDONE = "undone"


class OperatorRole(enum.StrEnum):
    ADMINISTRATOR = "administrator"
    IMPORT_OPERATOR = "import_operator"
