"""The database model (SQLAlchemy 2, typed). No Qt here.

The schema is declared once, as Core tables (:mod:`app.models.tables`); the ORM classes
(``User``, ``Group``, …) are mapped onto them. This package imports the tables and the
enumerations at once, and ``sqlalchemy.orm`` with the mapped classes only when one of
them is first asked for (``from app.models import User``): the start-up paths that
only read (``users list``, the sign-in of the local operator) work on the tables and
never pay for the ORM (docs/performance.md, "Start-up, third round").
"""

from typing import TYPE_CHECKING, Any

from app.models import tables
from app.models.base import (
    KEPT_GROUP_TYPES,
    AccountTypeCode,
    GroupType,
    OperatorRole,
    RunStatus,
    UserStatus,
    group_name_key,
    utcnow,
)
from app.models.tables import COUNT_NAMES

if TYPE_CHECKING:
    from app.models.ldap import LdapUidNumber, LdapUserState
    from app.models.operators import Operator, OperatorSchool
    from app.models.orm import Base
    from app.models.runs import ImportLock, ImportRowResult, ImportRun, SavedMapping, Setting
    from app.models.school import AccountType, Group, School, SchoolYear
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
    "LdapUidNumber",
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
    "tables",
    "utcnow",
]

_MAPPED = frozenset(__all__) - frozenset(globals())


def __getattr__(name: str) -> Any:
    """A mapped class, its module (and with it every mapped class) imported now.

    All of them at once: SQLAlchemy resolves the classes' foreign keys and mappings
    among each other when the first query configures them. The imports are spelled
    out (not by name) so that PyInstaller sees them."""
    if name not in _MAPPED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from app.models import ldap, operators, orm, runs, school, users

    found = {
        **{n: getattr(m, n) for m in (ldap, operators, runs, school, users) for n in vars(m)},
        "Base": orm.Base,
    }
    namespace = globals()
    for mapped in _MAPPED:
        namespace[mapped] = found[mapped]
    return namespace[name]
