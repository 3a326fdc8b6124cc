"""The part of the database a plan depends on, loaded with one query per table.

A :class:`DirectoryState` is a snapshot: the planner diffs the file against it in
memory (dictionaries keyed by source ID, never a query per row), and ``apply``
reloads it inside its transaction and compares fingerprints to refuse a stale plan.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.engine.bulk import fetch_all
from app.engine.gcpause import gc_paused
from app.models import (
    KEPT_GROUP_TYPES,
    Group,
    Membership,
    School,
    SchoolYear,
    UsedLogin,
    User,
    UserStatus,
    group_name_key,
)

if TYPE_CHECKING:
    from hashlib import _Hash as Hash


@dataclass(frozen=True, slots=True)
class ExistingUser:
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


@dataclass(frozen=True, slots=True)
class ExistingGroup:
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
    memberships: dict[int, set[int]] = field(default_factory=dict)
    active_count: int = 0
    school_names: dict[int, str] = field(default_factory=dict)
    fingerprint: str = ""

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


def default_school_id(session: Session) -> int:
    school_id = session.scalar(select(School.id).order_by(School.id).limit(1))
    if school_id is None:
        raise LookupError("the database has no school; run 'schoolimport init'")
    return school_id


@gc_paused
def load_state(
    session: Session, school_id: int, year: SchoolYear, source: str, account_type: str
) -> DirectoryState:
    state = DirectoryState(school_id, year.id, year.name, source, account_type)
    digest = hashlib.sha256()
    state.school_names = {
        sid: name for sid, name in session.execute(select(School.id, School.name))
    }
    _load_users(session, state, digest)
    _load_groups(session, state, digest)
    _load_memberships(session, state, digest)
    _load_logins(session, state, digest)
    state.fingerprint = digest.hexdigest()
    return state


def _row_hash(rows: Sequence[tuple[Any, ...]]) -> bytes:
    """A cheap digest of loaded rows. Python's ``hash`` is salted per process, which is
    fine here: a plan is applied in the process that made it."""
    return hash(tuple(rows)).to_bytes(8, "little", signed=True) + len(rows).to_bytes(8, "little")


def _load_users(session: Session, state: DirectoryState, digest: Hash) -> None:
    columns = (
        User.id,
        User.school_id,
        User.source,
        User.source_id,
        User.account_type,
        User.last_name,
        User.first_name,
        User.birth_date,
        User.email,
        User.login,
        User.status,
    )
    rows = fetch_all(session.connection(), select(*columns).order_by(User.id))
    digest.update(_row_hash(rows))
    for row in rows:
        user = ExistingUser(*row)
        state.login_owner[user.login] = user.id
        if user.source == state.source:
            state.users_by_source_id[user.source_id] = user
            if (
                user.account_type == state.account_type
                and user.status == UserStatus.ACTIVE
                and user.school_id == state.school_id
            ):
                state.active_count += 1
        elif user.birth_date is not None and user.status != UserStatus.DELETED:
            key = similarity_key(user.last_name, user.first_name, user.birth_date)
            state.similar_index.setdefault(key, []).append(user)


def _load_groups(session: Session, state: DirectoryState, digest: Hash) -> None:
    rows = fetch_all(
        session.connection(),
        select(Group.id, Group.name, Group.type, Group.year_id)
        .where(Group.school_id == state.school_id)
        .where(or_(Group.year_id == state.year_id, Group.year_id.is_(None)))
        .order_by(Group.id),
    )
    digest.update(_row_hash(rows))
    for row in rows:
        group = ExistingGroup(*row)
        state.groups_by_id[group.id] = group
        key = group_name_key(group.name)
        # A group of the year wins over a permanent group of the same name.
        current = state.groups_by_key.get(key)
        if current is None or (current.year_id is None and group.year_id is not None):
            state.groups_by_key[key] = group


def _load_memberships(session: Session, state: DirectoryState, digest: Hash) -> None:
    if not state.groups_by_id:
        return
    rows = fetch_all(
        session.connection(),
        select(Membership.user_id, Membership.group_id)
        .join(Group, Group.id == Membership.group_id)
        .where(Group.school_id == state.school_id)
        .where(or_(Group.year_id == state.year_id, Group.year_id.is_(None)))
        .order_by(Membership.user_id, Membership.group_id),
    )
    digest.update(_row_hash(rows))
    memberships: defaultdict[int, set[int]] = defaultdict(set)
    for user_id, group_id in rows:
        memberships[user_id].add(group_id)
    state.memberships = dict(memberships)


def _load_logins(session: Session, state: DirectoryState, digest: Hash) -> None:
    used = {login for (login,) in fetch_all(session.connection(), select(UsedLogin.login))}
    state.used_logins = used | set(state.login_owner)
    digest.update(str(len(used)).encode())
