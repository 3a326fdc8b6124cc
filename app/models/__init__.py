"""The database model (SQLAlchemy 2, typed). No Qt here.

The model modules do without ``from __future__ import annotations``: SQLAlchemy then
reads each ``Mapped[...]`` annotation as an object instead of evaluating its text
(every command declares the models at start-up; see docs/performance.md, "Start-up").
"""

from app.models.base import (
    KEPT_GROUP_TYPES,
    AccountTypeCode,
    Base,
    GroupType,
    OperatorRole,
    RunStatus,
    UserStatus,
    utcnow,
)
from app.models.ldap import LdapUserState
from app.models.operators import Operator, OperatorSchool
from app.models.runs import (
    COUNT_NAMES,
    ImportLock,
    ImportRowResult,
    ImportRun,
    SavedMapping,
    Setting,
)
from app.models.school import AccountType, Group, School, SchoolYear, group_name_key
from app.models.users import Membership, UsedLogin, User

__all__ = [
    "COUNT_NAMES",
    "KEPT_GROUP_TYPES",
    "AccountType",
    "AccountTypeCode",
    "Base",
    "Group",
    "GroupType",
    "ImportLock",
    "ImportRowResult",
    "ImportRun",
    "LdapUserState",
    "Membership",
    "Operator",
    "OperatorRole",
    "OperatorSchool",
    "RunStatus",
    "SavedMapping",
    "School",
    "SchoolYear",
    "Setting",
    "UsedLogin",
    "User",
    "UserStatus",
    "group_name_key",
    "utcnow",
]
