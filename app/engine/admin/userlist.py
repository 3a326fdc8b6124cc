"""The directory's users with their groups: ``users list`` and the window's users tab.

Core statements on the tables (:mod:`app.models.tables`), run on a session or a plain
connection: ``users list`` reads them without importing the ORM (docs/performance.md,
"Start-up, third round"). Limited to the acting operator's schools, as everything in
:mod:`app.engine.admin.directory`, which re-exports these names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection, select

from app.engine.access.operators import Actor, acting, scoped
from app.engine.admin.collation import german_key
from app.engine.reasons import Reason, Refused
from app.models import AccountTypeCode, tables

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

USERS = tables.users
GROUPS = tables.groups
MEMBERSHIPS = tables.memberships


class HasId(Protocol):
    """A school year, as far as the list needs it (an ORM ``SchoolYear``, say)."""

    @property
    def id(self) -> int: ...


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    login: str
    first_name: str
    last_name: str
    source: str
    source_id: str
    account_type: str
    status: str
    birth_date: date | None
    email: str | None
    groups: list[str]
    deactivate_on: date | None
    purge_on: date | None

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "source": self.source,
            "source_id": self.source_id,
            "account_type": self.account_type,
            "status": self.status,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "email": self.email,
            "groups": self.groups,
        }


def parse_account_type(value: str) -> AccountTypeCode:
    try:
        return AccountTypeCode(value.strip().lower())
    except ValueError:
        raise Refused(Reason.ACCOUNT_TYPE_UNKNOWN, value=value) from None


_FETCH_BATCH = 2000


def list_users(
    session: Session | Connection,
    status: str | None = None,
    account_type: str | None = None,
    year: HasId | None = None,
    actor: Actor | None = None,
) -> list[UserRow]:
    """The users of the actor's schools with their group names (of ``year`` and
    permanent ones, or of all years), sorted by name the German way
    (:mod:`app.engine.admin.collation`).

    Columns, not ``User`` entities: the main window and ``users list`` show every
    user, and building 2,000 ORM objects cost more than the query. Both queries are
    fetched in batches (``yield_per``): fetching 50,000 users at once is one C call
    that holds the interpreter's lock for 0.1–0.3 s, and the main window reads them on
    a worker thread while its own thread must go on painting."""
    who = acting(session, actor)
    u = USERS.c
    stmt = scoped(
        select(*_USER_ROW_COLUMNS).order_by(u.last_name, u.first_name, u.login),
        u.school_id,
        who,
    ).execution_options(yield_per=_FETCH_BATCH)
    if status:
        stmt = stmt.where(u.status == status)
    if account_type:
        stmt = stmt.where(u.account_type == account_type)
    g = GROUPS.c
    group_stmt = scoped(
        select(MEMBERSHIPS.c.user_id, g.name).join(GROUPS, g.id == MEMBERSHIPS.c.group_id),
        g.school_id,
        who,
    )
    if year is not None:
        group_stmt = group_stmt.where((g.year_id == year.id) | g.year_id.is_(None))
    names: defaultdict[int, list[str]] = defaultdict(list)
    group_stmt = group_stmt.order_by(g.name_key).execution_options(yield_per=_FETCH_BATCH)
    for user_id, name in session.execute(group_stmt):
        names[user_id].append(name)
    rows = [
        UserRow(id_, login, first, last, source, source_id, kind, status, born, email,
                names.get(id_, []), deactivate_on, purge_on)
        for id_, login, first, last, source, source_id, kind, status, born, email,
            deactivate_on, purge_on in session.execute(stmt)
    ]  # fmt: skip
    rows.sort(key=lambda r: (german_key(r.last_name), german_key(r.first_name), r.login))
    return rows


_USER_ROW_COLUMNS = (
    USERS.c.id,
    USERS.c.login,
    USERS.c.first_name,
    USERS.c.last_name,
    USERS.c.source,
    USERS.c.source_id,
    USERS.c.account_type,
    USERS.c.status,
    USERS.c.birth_date,
    USERS.c.email,
    USERS.c.deactivate_on,
    USERS.c.purge_on,
)
