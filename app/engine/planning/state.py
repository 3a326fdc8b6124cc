"""The part of the database a plan depends on, loaded with one query per table.

A :class:`DirectoryState` is a snapshot: the planner diffs the file against it in
memory (dictionaries keyed by source ID, never a query per row), and ``apply``
reloads it inside its transaction and compares fingerprints to refuse a stale plan.

It holds one school (:func:`load_state`: its users, groups of the year and
memberships), and then what the file needs of the other schools (:func:`complete_state`,
asked by key: :mod:`app.engine.planning.district`), so that a school's import costs the same
on an empty server and on one shared by a district.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, groupby
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from sqlalchemy import ColumnElement, Connection, Select, or_, select

from app.db import connection_of
from app.engine.bulk import fetch_chunks
from app.engine.gcpause import gc_paused, paused
from app.engine.planning import district
from app.engine.planning.district import FileKeys
from app.engine.planning.logins import LoginScheme
from app.engine.planning.validation import CheckedRows
from app.models import KEPT_GROUP_TYPES, UserStatus, group_name_key, tables

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Core tables, not the mapped classes: a preview reads on a plain connection without
# importing the ORM (app/models/__init__.py).
USERS, GROUPS, MEMBERSHIPS = tables.users, tables.groups, tables.memberships


class ExistingUser(NamedTuple):
    """A user as the snapshot loaded it (a named tuple: built at C speed, 50,000 at
    a time)."""

    id: int
    school_id: int
    source: str
    source_id: str
    account_type: str
    last_name: str
    first_name: str
    birth_date: date | None
    email: str | None
    login: str
    status: str


class ExistingGroup(NamedTuple):
    id: int
    name: str
    type: str
    year_id: int | None

    @property
    def managed(self) -> bool:
        """Memberships in this group follow the file (not manual/system)."""
        return self.type not in KEPT_GROUP_TYPES


@dataclass(slots=True)
class DirectoryState:
    school_id: int
    year_id: int
    year_name: str
    source: str
    account_type: str
    users_by_source_id: dict[str, ExistingUser] = field(default_factory=dict)
    # (last name, first name, birth date) folded -> users of *other* sources
    similar_index: dict[tuple[str, str, date], list[ExistingUser]] = field(default_factory=dict)
    login_owner: dict[str, int] = field(default_factory=dict)
    used_logins: set[str] = field(default_factory=set)
    groups_by_key: dict[str, ExistingGroup] = field(default_factory=dict)
    groups_by_id: dict[int, ExistingGroup] = field(default_factory=dict)
    # user id -> ids of the groups in scope (this year or permanent) the user is in
    memberships: dict[int, frozenset[int]] = field(default_factory=dict)
    active_count: int = 0
    school_names: dict[int, str] = field(default_factory=dict)
    fingerprint: str = ""
    # PostgreSQL: the server's snapshot before the state was read (applying.stalecheck).
    seen: str | None = None
    # What the file asked of the other schools (None: only the school is loaded).
    keys: FileKeys | None = None
    _managed: frozenset[int] | None = None

    def managed_group_ids(self) -> frozenset[int]:
        """The ids of the groups in scope whose memberships follow the file."""
        if self._managed is None:
            self._managed = frozenset(g.id for g in self.groups_by_id.values() if g.managed)
        return self._managed

    def user_by_id(self, user_id: int) -> ExistingUser | None:
        for user in self.users_by_source_id.values():
            if user.id == user_id:
                return user
        return next(
            (u for users in self.similar_index.values() for u in users if u.id == user_id),
            None,
        )


def similarity_key(last_name: str, first_name: str, birth: date) -> tuple[str, str, date]:
    return (" ".join(last_name.split()).casefold(), " ".join(first_name.split()).casefold(), birth)


Rows = list[tuple[Any, ...]]
Sink = Callable[[Rows], object]


def _ignore(_rows: Rows) -> None:
    return None


def _fetch(
    conn: Connection,
    school_id: int,
    year_id: int,
    users: Sink = _ignore,
    groups: Sink = _ignore,
    memberships: Sink = _ignore,
) -> str:
    """Stream the school's part, a chunk at a time, into the sinks; returns the
    fingerprint of everything fetched. Nothing holds a whole table of driver rows:
    100,000 users are 70 MB of them."""
    digest = hashlib.sha256()

    def stream(stmt: Select[*tuple[Any, ...]], sink: Sink) -> bool:
        """Whether there were any rows."""
        found = False
        for chunk in fetch_chunks(conn, stmt):
            digest.update(_row_hash(chunk))
            sink(chunk)
            found = True
        return found

    stream(select(*_USER_COLUMNS).where(USERS.c.school_id == school_id).order_by(USERS.c.id), users)
    if stream(_groups_in_scope(school_id, year_id), groups):  # (else none is a member)
        stream(_memberships_in_scope(conn, school_id, year_id), memberships)
    return digest.hexdigest()


def _fetch_file_part(
    conn: Connection,
    school_id: int,
    source: str,
    keys: FileKeys,
    users: Sink = _ignore,
    others: bool | None = None,
) -> tuple[str, set[str]]:
    """What the file asks of the other schools (:mod:`app.engine.planning.district`): their
    users it names or that look like its new rows into ``users``; returns the
    fingerprint of the answers and the logins taken among those it may give.
    ``others``: whether other schools have users, when asked before in the same
    transaction (else asked here)."""
    digest = hashlib.sha256()
    if others is None:
        others = district.other_schools_have_users(conn, school_id)
    keys.others = others
    digest.update(b"others" if keys.others else b"alone")
    alike = keys.others and bool(keys.people) and district.other_sources(conn, school_id, source)
    digest.update(b"alike" if alike else b"one source")
    # Each select is made in the job that asks it (the people's keys while the server
    # answers the source IDs, beside the logins' bases), not all before any is sent.
    makers = list(district.questions(conn, _USER_COLUMNS, school_id, source, keys, alike))

    def ask(make: Callable[[], Select[Any]]) -> Callable[[Connection], Rows]:
        return lambda c: [row for chunk in fetch_chunks(c, make()) for row in chunk]

    # With no other school's users and no login ever given (a first import into an
    # empty directory) there is no login to ask about. (Other schools' users have
    # their logins in used_logins: migration 0006.)
    any_taken = (
        keys.others or conn.execute(select(select(tables.used_logins.c.login).exists())).scalar()
    )

    def logins(c: Connection) -> set[str]:
        return district.taken_logins(c, keys) if any_taken else set()

    # The logins first: their rounds take longest.
    jobs: list[Callable[[Connection], Any]] = [logins]
    taken, *answers = district.in_parallel(conn, [*jobs, *map(ask, makers)])
    for rows in answers:
        digest.update(_row_hash(rows))
        users(rows)
    digest.update(_row_hash([(login,) for login in sorted(taken)]))
    return digest.hexdigest(), taken


def _in_scope(school_id: int, year_id: int) -> ColumnElement[bool]:
    """The school's groups of the year, and its permanent ones."""
    return (GROUPS.c.school_id == school_id) & or_(
        GROUPS.c.year_id == year_id, GROUPS.c.year_id.is_(None)
    )


def _memberships_in_scope(conn: Connection, school_id: int, year_id: int) -> Select[int, int]:
    """The memberships in the school's groups of the year and its permanent ones, by
    user. On SQLite the group test is written ``group_id + 0`` so that the planner scans
    the memberships in key order (user, group) instead of looking them up by group and
    sorting: 0.27 s → 0.17 s for 150,000. PostgreSQL keeps its index on group_id, which
    a server shared by many schools needs."""
    sqlite = conn.dialect.name == "sqlite"
    group_id = MEMBERSHIPS.c.group_id + 0 if sqlite else MEMBERSHIPS.c.group_id
    in_scope = select(GROUPS.c.id).where(_in_scope(school_id, year_id))
    return (
        select(MEMBERSHIPS.c.user_id, MEMBERSHIPS.c.group_id)
        .where(group_id.in_(in_scope))
        .order_by(MEMBERSHIPS.c.user_id, MEMBERSHIPS.c.group_id)
    )


def _groups_in_scope(school_id: int, year_id: int) -> Select[int, str, str, int | None]:
    columns = (GROUPS.c.id, GROUPS.c.name, GROUPS.c.type, GROUPS.c.year_id)
    return select(*columns).where(_in_scope(school_id, year_id)).order_by(GROUPS.c.id)


def fingerprint(conn: Connection, state: DirectoryState) -> str:
    """The fingerprint :func:`load_state` and :func:`complete_state` would give now
    for the same school and file, without building the state (what ``apply``
    compares to refuse a stale plan)."""
    with paused():
        school = _fetch(conn, state.school_id, state.year_id)
        if state.keys is None:
            return school
        part, _taken = _fetch_file_part(conn, state.school_id, state.source, state.keys)
        return _combined(school, part)


class YearRef(Protocol):
    """The school year a state is loaded for (``lookups.YearRef``, or the ORM's
    ``SchoolYear``): its id and name."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


def default_school_id(session: Session | Connection) -> int:
    schools = tables.schools
    school_id = session.scalar(select(schools.c.id).order_by(schools.c.id).limit(1))
    if school_id is None:
        raise LookupError("the database has no school; run 'schoolimport init'")
    return int(school_id)


def _combined(school: str, part: str) -> str:
    return hashlib.sha256(f"{school}:{part}".encode()).hexdigest()


@gc_paused
def load_state(
    session: Session | Connection, school_id: int, year: YearRef, source: str, account_type: str
) -> DirectoryState:
    state = DirectoryState(school_id, year.id, year.name, source, account_type)
    state.school_names = {
        sid: name
        for sid, name in session.execute(select(tables.schools.c.id, tables.schools.c.name))
    }
    users = _UserIndex(state)
    held = _MembershipIndex()
    state.fingerprint = _fetch(
        connection_of(session),
        school_id,
        year.id,
        users=users.add,
        groups=lambda rows: _index_groups(rows, state),
        memberships=held.add,
    )
    if state.groups_by_id:
        state.memberships = held.done()
    state.used_logins = set(state.login_owner)
    return state


@gc_paused
def complete_state(
    session: Session | Connection,
    state: DirectoryState,
    checked: CheckedRows,
    scheme: LoginScheme,
    reserved: Iterable[str] = (),
) -> DirectoryState:
    """``state`` (one school, from :func:`load_state`) with what the checked file
    needs of the other schools: the users it names or that look like its new rows,
    and the logins taken among those it may give. Once per state."""
    if state.keys is not None:
        raise ValueError("the state was completed for a file already")
    conn = connection_of(session)
    others = district.other_schools_have_users(conn, state.school_id)
    known = state.users_by_source_id
    own = state.login_owner
    keys = district.file_keys(checked, scheme, reserved, known, others, own_logins=own)
    add = _UserIndex(state).add
    part, taken = _fetch_file_part(conn, state.school_id, state.source, keys, add, others)
    state.keys = keys.ready()  # (made by the logins' question, if it was asked)
    state.fingerprint = _combined(state.fingerprint, part)
    state.used_logins |= taken | set(state.login_owner)
    return state


def load_groups(
    session: Session | Connection, school_id: int, year: YearRef
) -> dict[str, ExistingGroup]:
    """The year's and the permanent groups of the school by name key: what matching
    the file's group names needs, without the users."""
    state = DirectoryState(school_id, year.id, year.name, "", "")
    for chunk in fetch_chunks(connection_of(session), _groups_in_scope(school_id, year.id)):
        _index_groups(chunk, state)
    return state.groups_by_key


class _MembershipIndex:
    """(user, group) rows ordered by user → one frozenset of group ids per user."""

    def __init__(self) -> None:
        self.sets: dict[int, frozenset[int]] = {}
        self.user: int | None = None
        self.groups: list[int] = []

    def add(self, rows: Rows) -> None:
        # One step per user, not per membership (a user's rows may span two chunks).
        for user_id, pairs in groupby(rows, _FIRST):
            if user_id != self.user:
                self._close()
                self.user = user_id
            self.groups.extend(map(_SECOND, pairs))

    def _close(self) -> None:
        if self.user is not None:
            self.sets[self.user] = frozenset(self.groups)
        self.groups = []

    def done(self) -> dict[int, frozenset[int]]:
        self._close()
        self.user = None
        return self.sets


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _row_hash(rows: Sequence[tuple[Any, ...]]) -> bytes:
    """A cheap digest of loaded rows. Python's ``hash`` is salted per process, which is
    fine here: a plan is applied in the process that made it."""
    return hash(tuple(rows)).to_bytes(8, "little", signed=True) + len(rows).to_bytes(8, "little")


_USER_COLUMNS = (
    USERS.c.id,
    USERS.c.school_id,
    USERS.c.source,
    USERS.c.source_id,
    USERS.c.account_type,
    USERS.c.last_name,
    USERS.c.first_name,
    USERS.c.birth_date,
    USERS.c.email,
    USERS.c.login,
    USERS.c.status,
)


class _UserIndex:
    """Users into the state's dictionaries, a chunk of driver rows at a time."""

    def __init__(self, state: DirectoryState) -> None:
        self.state = state
        # One object per distinct value of the repetitive columns (source, account
        # type, names, birth dates, status): each driver row brings its own copies.
        self.shared: dict[Any, Any] = {}

    def add(self, rows: Rows) -> None:
        """Column by column with C-level maps rather than a Python step per row: the
        load runs beside the file's read and competes with it for Python's lock."""
        if not rows:
            return
        state = self.state
        uid, school, source, sid, kind, last, first, born, email, login, status = zip(
            *rows, strict=True
        )
        share = self.shared.setdefault
        users = list(
            map(
                ExistingUser,
                uid,
                school,
                map(share, source, source),
                sid,
                map(share, kind, kind),
                map(share, last, last),
                map(share, first, first),
                map(share, born, born),
                email,
                login,
                map(share, status, status),
            )
        )
        state.login_owner.update(zip(login, uid, strict=True))
        mine = list(map(state.source.__eq__, source))
        state.users_by_source_id.update(
            zip(compress(sid, mine), compress(users, mine), strict=True)
        )
        active = (state.account_type, UserStatus.ACTIVE, state.school_id)
        state.active_count += Counter(compress(zip(kind, status, school, strict=True), mine))[
            active
        ]
        if all(mine):
            return
        for user in compress(users, map(not_, mine)):  # of other sources
            if user.birth_date is not None and user.status != UserStatus.DELETED:
                key = similarity_key(user.last_name, user.first_name, user.birth_date)
                state.similar_index.setdefault(key, []).append(user)


def _index_groups(rows: list[tuple[Any, ...]], state: DirectoryState) -> None:
    for row in rows:
        group = ExistingGroup._make(row)
        state.groups_by_id[group.id] = group
        key = group_name_key(group.name)
        # A group of the year wins over a permanent group of the same name.
        current = state.groups_by_key.get(key)
        if current is None or (current.year_id is None and group.year_id is not None):
            state.groups_by_key[key] = group
