"""Group CSV import (SPEC §3, seed 004): one row per member, group fields repeated;
UTF-8 (with or without BOM), Shift-JIS or Windows-1252. The columns and the parsing of
one row are in ``groupcsvrows``, the export in ``groupexport``.

Import is a plan (the preview) and its application, like the user import:
:func:`plan_group_import` writes nothing; :func:`apply_group_import` executes that
plan in the caller's transaction and refuses it if the groups changed meanwhile.

Rules chosen where the seed is silent (also in ``docs/group-csv.md``):

- The group ID is the update key. The export writes a group's ``external_id``, or
  ``G<id>`` for a group without one; the import accepts both. An unknown ID creates a
  group with that ID (an unknown ``G<number>`` is an error: those are ours). A row
  without an ID refers to the group of that name in the target school year (names
  are unique there, SPEC §1) or creates it.
- New groups go into the given school year (permanent when none) with type ``team``,
  unless an optional ``group_type`` column says ``class``, ``course`` or ``manual``.
- An empty cell leaves a field as it is, except description and comment, which an
  empty cell clears. The first row of a group sets its fields; a later row of the
  same group with other values is an error.
- A group counts as updated only when one of its own fields changes; members count
  as added when they were not members before and as updated when their administrator
  flag changes. "Delete members before importing" empties the named groups first;
  members listed again are then neither added nor updated, the others are removed.
- A row with an error (unknown login, unknown ID, …) is left out; the others are
  imported. ``system`` groups are never changed by an import.
- Export cells are neutralised against formula injection; the import takes the
  leading apostrophe off again, so that export and import round-trip.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor, acting, scoped
from app.engine.admin.directory import find_year
from app.engine.admin.groupcsvrows import (
    Row,
    RowProblem,
    columns_of,
    export_id,
    parse_row,
    unneutralize,
)
from app.engine.planning.results import FieldChange
from app.engine.planning.state import default_school_id
from app.engine.reading.readers import read_table
from app.engine.reading.table import ReadOptions
from app.engine.reasons import Message, Reason, Refused, StalePlan
from app.models import Group, GroupType, Membership, SchoolYear, User, group_name_key, utcnow

_OWN_ID = re.compile(r"G(\d+)")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: Message

    def text(self) -> str:
        return f"line {self.line}: {self.message.text()}"


@dataclass(slots=True)
class MemberChange:
    login: str
    user_id: int
    is_admin: bool
    was_admin: bool | None = None  # None: not a member before


@dataclass(slots=True)
class GroupPlan:
    """One group of the file: created (``group_id`` None) or matched, and its changes."""

    line: int  # its first row in the file
    group_id: int | None
    external_id: str | None
    values: dict[str, Any]  # name, description, comment, disabled, type
    is_system: bool = False
    year_key: int = 0
    changes: list[FieldChange] = field(default_factory=list)
    members_added: list[MemberChange] = field(default_factory=list)
    members_updated: list[MemberChange] = field(default_factory=list)
    members_removed: list[MemberChange] = field(default_factory=list)
    given: dict[str, Any] = field(default_factory=dict, repr=False)
    # user id -> (login, administrator flag or None when the file does not say)
    wanted: dict[int, tuple[str, bool | None]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.values["name"])

    @property
    def action(self) -> str:
        if self.group_id is None:
            return "add"
        return "update" if self.changes else "unchanged"


@dataclass(frozen=True, slots=True)
class GroupImportResult:
    groups_added: int = 0
    groups_updated: int = 0
    members_added: int = 0
    members_updated: int = 0
    members_removed: int = 0
    rows_with_errors: int = 0

    def sentence(self) -> str:
        return (
            f"{self.groups_added} groups added, {self.groups_updated} updated. "
            f"{self.members_added} members added, {self.members_updated} updated"
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "groups_added": self.groups_added,
            "groups_updated": self.groups_updated,
            "members_added": self.members_added,
            "members_updated": self.members_updated,
        }


@dataclass(slots=True)
class GroupImportPlan:
    path: Path
    encoding: str
    delete_members_before: bool
    school_id: int
    year_id: int | None
    groups: list[GroupPlan]
    errors: list[RowError]
    ignored_headers: list[str]
    logins: list[str] = field(default_factory=list)
    fingerprint: str = ""

    def summary(self) -> GroupImportResult:
        return GroupImportResult(
            groups_added=sum(g.group_id is None for g in self.groups),
            groups_updated=sum(g.action == "update" for g in self.groups),
            members_added=sum(len(g.members_added) for g in self.groups),
            members_updated=sum(len(g.members_updated) for g in self.groups),
            members_removed=sum(len(g.members_removed) for g in self.groups),
            rows_with_errors=len({e.line for e in self.errors}),
        )


# ------------------------------------------------------------------------- planning
_FIELDS = ("name", "description", "comment", "disabled", "type")
_FIELD_CODES = {"name": "group_name", "description": "description", "comment": "comment",
           "disabled": "disabled", "type": "group_type"}  # fmt: skip


def _values_of(group: Group) -> dict[str, Any]:
    return {f: getattr(group, f) for f in _FIELDS}


class _Planner:
    """Matches the rows to groups and collects what each group gets; writes nothing."""

    def __init__(self, session: Session, school_id: int, year_key: int) -> None:
        groups = list(session.scalars(select(Group).where(Group.school_id == school_id)))
        self.by_id = {g.id: g for g in groups}
        self.by_external = {g.external_id: g for g in groups if g.external_id}
        self.by_name = {(g.year_key, g.name_key): g for g in groups}
        self.year_key = year_key
        self.members: dict[int, dict[int, bool]] = {}
        for gid, uid, admin in session.execute(
            select(Membership.group_id, Membership.user_id, Membership.is_admin)
            .join(Group, Group.id == Membership.group_id)
            .where(Group.school_id == school_id)
        ):
            self.members.setdefault(gid, {})[uid] = bool(admin)
        self.users: dict[str, int] = {}
        self.plans: list[GroupPlan] = []
        self.of_group: dict[int, GroupPlan] = {}
        self.of_key: dict[str, GroupPlan] = {}
        self.of_name: dict[tuple[int, str], GroupPlan] = {}
        self.errors: list[RowError] = []

    def row(self, line: int, cells: dict[str, str]) -> None:
        """Take one row into the plan, or record why it is left out."""
        try:
            row = parse_row(line, cells)
            row.user_id = self.users.get(row.login)
            if row.login and row.user_id is None:
                raise RowProblem(Reason.USER_NOT_FOUND, login=row.login)
            plan = self._resolve(row, cells.get("group_id", "").strip())
            self._check(plan, row)
        except RowProblem as problem:
            self.errors.append(RowError(line, problem.message))
            return
        self._take(plan, row)

    def _resolve(self, row: Row, key: str) -> GroupPlan:
        if key:
            if key in self.of_key:
                return self.of_key[key]
            group = self.by_external.get(key)
            own = _OWN_ID.fullmatch(key)
            if group is None and own is not None:
                group = self.by_id.get(int(own.group(1)))
                if group is None:
                    raise RowProblem(Reason.GROUP_ID_UNKNOWN, key=key)
            return self._plan_for(group) if group else self._new(row, key)
        name = row.given.get("name")
        if not name:
            raise RowProblem(Reason.GROUP_NAME_NEEDED)
        name_key = (self.year_key, group_name_key(name))
        if name_key in self.of_name:
            return self.of_name[name_key]
        group = self.by_name.get(name_key)
        return self._plan_for(group) if group else self._new(row, None)

    def _plan_for(self, group: Group) -> GroupPlan:
        if group.id in self.of_group:
            return self.of_group[group.id]
        system = group.type == GroupType.SYSTEM.value
        return GroupPlan(0, group.id, group.external_id, _values_of(group), system, group.year_key)

    def _new(self, row: Row, key: str | None) -> GroupPlan:
        name = row.given.get("name")
        if not name:
            raise RowProblem(Reason.NEW_GROUP_WITHOUT_NAME, key=key)
        name_key = (self.year_key, group_name_key(name))
        if name_key in self.by_name:
            known = export_id(self.by_name[name_key])
            raise RowProblem(Reason.GROUP_NAME_HAS_ID, key=key, name=name, id=known)
        if name_key in self.of_name:
            raise RowProblem(Reason.NAME_OF_TWO_IDS, name=name)
        values = {"name": name, "description": "", "comment": "", "disabled": False,
                  "type": GroupType.TEAM.value}  # fmt: skip
        return GroupPlan(0, None, key, values, year_key=self.year_key)

    def _check(self, plan: GroupPlan, row: Row) -> None:
        for name, value in row.given.items():
            if name in plan.given and plan.given[name] != value:
                raise RowProblem(
                    Reason.GROUP_FIELD_DIFFERS, field=_FIELD_CODES[name], line=plan.line
                )
        if "name" in row.given and plan.group_id is not None:
            name_key = (plan.year_key, group_name_key(row.given["name"]))
            other = self.by_name.get(name_key)
            if (other is not None and other.id != plan.group_id) or self.of_name.get(
                name_key, plan
            ) is not plan:
                raise RowProblem(Reason.GROUP_NAME_TAKEN, name=row.given["name"])
        earlier = plan.wanted.get(row.user_id or 0, ("", None))[1]
        if row.admin is not None and earlier is not None and row.admin != earlier:
            raise RowProblem(Reason.ADMIN_TWICE, login=row.login)
        if plan.is_system and self._changes(plan, row):
            raise RowProblem(Reason.SYSTEM_GROUP, name=plan.name)

    def _changes(self, plan: GroupPlan, row: Row) -> bool:
        if any(plan.values[name] != value for name, value in row.given.items()):
            return True
        current = self.members.get(plan.group_id or 0, {})
        admin = row.admin
        uid = row.user_id
        return uid is not None and (
            uid not in current or (admin is not None and admin != current[uid])
        )

    def _take(self, plan: GroupPlan, row: Row) -> None:
        if plan not in self.plans:
            plan.line = row.line
            self.plans.append(plan)
            if plan.group_id is not None:
                self.of_group[plan.group_id] = plan
            elif plan.external_id:
                self.of_key[plan.external_id] = plan
        plan.given.update(row.given)
        plan.values.update(row.given)
        self.of_name[(plan.year_key, group_name_key(plan.name))] = plan
        if row.user_id is not None:
            earlier = plan.wanted.get(row.user_id, ("", None))[1]
            plan.wanted[row.user_id] = (row.login, earlier if row.admin is None else row.admin)

    def finish(self, session: Session, delete_before: bool) -> list[GroupPlan]:
        """Work out each group's member and field changes."""
        removed = {
            uid
            for plan in self.plans
            if delete_before and plan.group_id is not None and not plan.is_system
            for uid in self.members.get(plan.group_id, {})
            if uid not in plan.wanted
        }
        logins = dict(
            session.execute(select(User.id, User.login).where(User.id.in_(removed))).all()
        )
        for plan in self.plans:
            current = self.members.get(plan.group_id, {}) if plan.group_id is not None else {}
            emptied = delete_before and not plan.is_system
            for uid, (login, admin) in plan.wanted.items():
                if uid not in current:
                    plan.members_added.append(MemberChange(login, uid, bool(admin)))
                    continue
                wanted = bool(admin) if emptied else admin
                if wanted is not None and wanted != current[uid]:
                    plan.members_updated.append(MemberChange(login, uid, wanted, current[uid]))
            if emptied:
                plan.members_removed = [
                    MemberChange(logins.get(uid, ""), uid, False, was)
                    for uid, was in current.items()
                    if uid not in plan.wanted
                ]
            if plan.group_id is not None:
                original = _values_of(self.by_id[plan.group_id])
                plan.changes = [
                    FieldChange(f, original[f], plan.values[f])
                    for f in _FIELDS
                    if original[f] != plan.values[f]
                ]
        return self.plans


def plan_group_import(
    session: Session,
    path: Path,
    encoding: str = "auto",
    delete_members_before: bool = False,
    year: SchoolYear | str | None = None,
    actor: Actor | None = None,
) -> GroupImportPlan:
    """Read the file and plan the import against the database; nothing is written.

    ``year``: the school year (or its name) new groups go into; None = permanent.
    ``actor``: who imports (None: the local administrator of single-user mode); they
    need the ``groups`` import kind for the school.
    """
    who = _require_groups_right(session, actor)
    path = Path(path)
    table = read_table(path, ReadOptions(encoding=encoding))
    columns, ignored = columns_of(path, table.headers)
    if not table.rows:
        raise Refused(Reason.NO_DATA_ROWS, file=str(path))
    if isinstance(year, str):
        year = find_year(session, year)
    school_id = default_school_id(session)
    planner = _Planner(session, school_id, year.id if year is not None else 0)
    records = [
        (line, {name: unneutralize(cells[i]) for name, i in columns.items()})
        for line, cells in zip(table.line_numbers, table.rows, strict=True)
    ]
    logins = sorted({c.get("member_key", "").strip().lower() for _, c in records} - {""})
    members = select(User.login, User.id).where(User.login.in_(logins))
    planner.users = dict(session.execute(scoped(members, User.school_id, who)).all())
    for line, cells in records:
        planner.row(line, cells)
    plan = GroupImportPlan(
        path=path,
        encoding=table.encoding or encoding,
        delete_members_before=delete_members_before,
        school_id=school_id,
        year_id=year.id if year is not None else None,
        groups=planner.finish(session, delete_members_before),
        errors=planner.errors,
        ignored_headers=ignored,
        logins=logins,
    )
    plan.fingerprint = _fingerprint(session, school_id, logins)
    return plan


def _fingerprint(session: Session, school_id: int, logins: list[str]) -> str:
    """What the plan depends on: the school's groups, their members, the file's users."""
    digest = hashlib.sha256()
    group_ids = select(Group.id).where(Group.school_id == school_id)
    queries = (
        select(Group.id, Group.external_id, Group.year_key, Group.name, Group.description,
               Group.comment, Group.disabled, Group.type)
        .where(Group.school_id == school_id).order_by(Group.id),
        select(Membership.group_id, Membership.user_id, Membership.is_admin)
        .where(Membership.group_id.in_(group_ids))
        .order_by(Membership.group_id, Membership.user_id),
        select(User.login, User.id).where(User.login.in_(logins)).order_by(User.login),
    )  # fmt: skip
    for query in queries:
        for row in session.execute(query):
            digest.update(repr(tuple(row)).encode())
        digest.update(b"|")
    return digest.hexdigest()


def _require_groups_right(session: Session, actor: Actor | None) -> Actor:
    who = acting(session, actor)
    who.require_import("groups", default_school_id(session))
    return who


def apply_group_import(
    session: Session, plan: GroupImportPlan, actor: Actor | None = None
) -> GroupImportResult:
    """Execute the plan in the caller's transaction; refuse it if the database changed."""
    _require_groups_right(session, actor)
    if _fingerprint(session, plan.school_id, plan.logins) != plan.fingerprint:
        raise StalePlan()
    now = utcnow()
    for group_plan in plan.groups:
        group_id = _write_group(session, plan, group_plan, now)
        removed = [m.user_id for m in group_plan.members_removed]
        if removed:
            session.execute(
                delete(Membership).where(
                    Membership.group_id == group_id, Membership.user_id.in_(removed)
                )
            )
        for member in group_plan.members_added:
            session.add(
                Membership(
                    user_id=member.user_id, group_id=group_id, is_admin=member.is_admin,
                    created_at=now,
                )
            )  # fmt: skip
        for member in group_plan.members_updated:
            session.execute(
                update(Membership)
                .where(Membership.group_id == group_id, Membership.user_id == member.user_id)
                .values(is_admin=member.is_admin)
            )
    session.flush()
    return plan.summary()


def _write_group(session: Session, plan: GroupImportPlan, group_plan: GroupPlan, now: Any) -> int:
    values = group_plan.values
    if group_plan.group_id is None:
        group = Group(
            school_id=plan.school_id,
            year_id=plan.year_id,
            year_key=plan.year_id or 0,
            name_key=group_name_key(values["name"]),
            external_id=group_plan.external_id,
            created_at=now,
            updated_at=now,
            **values,
        )
        session.add(group)
        session.flush()
        return group.id
    group = session.get_one(Group, group_plan.group_id)
    if group_plan.changes:
        for change in group_plan.changes:
            setattr(group, change.field, change.new)
        group.name_key = group_name_key(group.name)
        group.updated_at = now
    return group.id
