"""The enumerations and helpers shared by the tables and the mapped classes (no
SQLAlchemy here: the package imports this module at every start)."""

import enum
from datetime import UTC, datetime
from functools import lru_cache

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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


@lru_cache(maxsize=16384)
def group_name_key(name: str) -> str:
    """The comparison key of a group name: trimmed and case-folded (SPEC §1)."""
    return " ".join(name.split()).casefold()
