"""Undoing the last import run of a school (SPEC §3 "Undo").

``apply`` stores a before-image with every run (see
``app/engine/applying/beforeimage.py``): the users and groups it created, the old values
and status dates of the users it updated or released for deletion, and the memberships
it added and removed. :func:`preview_undo` turns that into an :class:`UndoPlan` — what
undoing would do, and the *blockers*: the records the run touched that changed since.
:func:`undo_run` refuses while there are blockers (an undo never overwrites later work)
and otherwise restores everything in the caller's transaction and marks the run
``undone``. Created logins stay in ``used_logins``: they are never given to another
person.

A record counts as changed since the run when its ``updated_at`` differs from the
moment the run wrote it (``apply`` stamps every user and group it writes with the run's
``started_at``), when a membership the run added is gone or one it removed is back,
when a user or group the run created got another membership, or when it was deleted.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor, acting
from app.engine.applying.beforeimage import Image, is_complete, read_image
from app.engine.bulk import batches
from app.engine.planning.results import FieldChange
from app.engine.reasons import Message, Reason, Refused
from app.models import (
    Group,
    ImportRowResult,
    ImportRun,
    Membership,
    RunStatus,
    tables,
    utcnow,
)

USERS = tables.users
MEMBERSHIPS = tables.memberships
GROUPS = tables.groups
UNDOABLE = (RunStatus.COMPLETED.value, RunStatus.COMPLETED_WITH_ERRORS.value)
# A later run in one of these states did (or may still do) work an undo would lose.
_LATER_BLOCKING = (*UNDOABLE, RunStatus.RUNNING.value, RunStatus.ARCHIVED.value)
# The user columns an undo puts back (those apply's before-image records).
RESTORED_FIELDS = tuple(
    "school_id last_name first_name birth_date email login source source_id status "
    "marked_at deactivate_on purge_on updated_at".split()
)
MAX_LISTED = 20


class BlockerKind(enum.StrEnum):
    USER_CHANGED = "user_changed"
    USER_DELETED = "user_deleted"
    MEMBERSHIP_REMOVED = "membership_removed"  # a membership the run added is gone
    MEMBERSHIP_READDED = "membership_readded"  # a membership the run removed is back
    MEMBERSHIP_ADDED = "membership_added"  # a created user or group got another one
    GROUP_CHANGED = "group_changed"
    GROUP_DELETED = "group_deleted"


_BLOCKER_TEXT = {
    BlockerKind.USER_CHANGED: "user {login} was changed after the run{when}",
    BlockerKind.USER_DELETED: "user {login} was deleted after the run",
    BlockerKind.MEMBERSHIP_REMOVED: "{login} was removed from the group {group} after the run",
    BlockerKind.MEMBERSHIP_READDED: "{login} was added to the group {group} again after the run",
    BlockerKind.MEMBERSHIP_ADDED: "{login} was added to the group {group} after the run",
    BlockerKind.GROUP_CHANGED: "the group {group} was changed after the run{when}",
    BlockerKind.GROUP_DELETED: "the group {group} was deleted after the run",
}


@dataclass(frozen=True, slots=True)
class Blocker:
    """A record the run touched that changed since; the front ends list these."""

    kind: BlockerKind
    login: str = ""
    group: str = ""
    when: datetime | None = None

    def text(self) -> str:
        when = f" ({self.when.isoformat(sep=' ', timespec='minutes')} UTC)" if self.when else ""
        return _BLOCKER_TEXT[self.kind].format(login=self.login, group=self.group, when=when)


@dataclass(frozen=True, slots=True)
class UserRestore:
    """A user whose fields go back: ``FieldChange(field, old=now, new=restored)``."""

    user_id: int
    login: str
    changes: tuple[FieldChange, ...]


@dataclass(slots=True)
class UndoResult:
    """The counts of ``history undo --json``."""

    run_id: int
    users_deleted: int = 0
    users_restored: int = 0
    expiries_lifted: int = 0
    memberships_removed: int = 0
    memberships_restored: int = 0
    groups_deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class UndoPlan:
    """What undoing a run will do (logins and group names), and what prevents it."""

    run_id: int
    file_name: str
    users_to_delete: list[str] = field(default_factory=list)
    users_to_restore: list[UserRestore] = field(default_factory=list)
    expiries_to_lift: list[UserRestore] = field(default_factory=list)
    memberships_to_remove: list[tuple[str, str]] = field(default_factory=list)
    memberships_to_restore: list[tuple[str, str]] = field(default_factory=list)
    groups_to_delete: list[str] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    image: Image | None = field(default=None, repr=False)

    @property
    def possible(self) -> bool:
        return not self.blockers

    def counts(self) -> UndoResult:
        return UndoResult(
            self.run_id,
            users_deleted=len(self.users_to_delete),
            users_restored=len(self.users_to_restore),
            expiries_lifted=len(self.expiries_to_lift),
            memberships_removed=len(self.memberships_to_remove),
            memberships_restored=len(self.memberships_to_restore),
            groups_deleted=len(self.groups_to_delete),
        )

    def blockers_text(self, limit: int = MAX_LISTED) -> str:
        texts = [b.text() for b in self.blockers[:limit]]
        more = len(self.blockers) - limit
        return "; ".join(texts) + (f"; and {more} more" if more > 0 else "")


# ---------------------------------------------------------------------------- the run
def last_undoable_run(session: Session, school_id: int) -> int | None:
    """The id of the school's last user import if it can be undone at all (the
    "Undo last import" action), else None. Blockers are not checked here."""
    run = session.scalar(
        select(ImportRun)
        .where(
            ImportRun.school_id == school_id,
            ImportRun.kind == "users",
            ImportRun.status.in_(_LATER_BLOCKING),
        )
        .order_by(ImportRun.id.desc())
        .limit(1)
    )
    if run is None or run.status not in UNDOABLE or not is_complete(run.before_image):
        return None
    return run.id


def _refuse(run_id: int, why: Message) -> Refused:
    return Refused(
        Reason.INVALID_VALUE, detail=Message(Reason.NOT_UNDOABLE, {"run": run_id, "why": why})
    )


_WHY_NOT = {
    RunStatus.UNDONE.value: Reason.UNDONE_ALREADY,
    RunStatus.ARCHIVED.value: Reason.UNDO_ARCHIVED,
    RunStatus.CANCELLED.value: Reason.UNDO_CANCELLED,
    RunStatus.FAILED.value: Reason.UNDO_FAILED,
    RunStatus.RUNNING.value: Reason.UNDO_RUNNING,
}


def _undoable_run(session: Session, run_id: int, actor: Actor) -> ImportRun:
    actor.require_import("users", None)
    run = session.get(ImportRun, run_id)
    if run is None or run.kind != "users" or not actor.in_scope(run.school_id):
        detail = Message(Reason.USER_RUN_NOT_FOUND, {"run": run_id})
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    if run.status not in UNDOABLE:
        why = _WHY_NOT.get(run.status)
        raise _refuse(
            run_id,
            Message(why) if why else Message(Reason.UNDO_STATUS, {"status": run.status}),
        )
    if not is_complete(run.before_image):
        raise _refuse(run_id, Message(Reason.UNDO_NO_IMAGE))
    later = session.scalar(
        select(ImportRun)
        .where(
            ImportRun.school_id == run.school_id,
            ImportRun.kind == "users",
            ImportRun.id > run.id,
            ImportRun.status.in_(_LATER_BLOCKING),
        )
        .order_by(ImportRun.id.desc())
        .limit(1)
    )
    if later is not None:
        params = {"later": later.id, "file": later.file_name, "status": later.status}
        raise _refuse(run_id, Message(Reason.UNDO_NOT_LAST, params))
    return run


# ---------------------------------------------------------------------------- preview
class _Current:
    """The present state of everything the run touched, loaded in batches."""

    def __init__(self, session: Session, run: ImportRun, image: Image) -> None:
        user_ids = sorted(
            {*image.created_users, *(e["id"] for e in image.updated)}
            | {e["id"] for e in image.expired}
            | {m[0] for m in image.added}
            | {m[0] for m in image.removed}
        )
        group_ids = sorted({*image.created_groups, *(m[1] for m in image.added)})
        group_ids = sorted({*group_ids, *(m[1] for m in image.removed)})
        self.users: dict[int, dict[str, Any]] = {}
        for chunk in batches(user_ids):
            columns = [USERS.c.id, *(USERS.c[name] for name in RESTORED_FIELDS)]
            for row in session.execute(select(*columns).where(USERS.c.id.in_(chunk))):
                self.users[row[0]] = dict(row._mapping)
        self.memberships: set[tuple[int, int]] = set()
        pairs = select(Membership.user_id, Membership.group_id)
        for chunk in batches(user_ids):
            found = session.execute(pairs.where(Membership.user_id.in_(chunk)))
            self.memberships.update((u, g) for u, g in found)
        for chunk in batches(image.created_groups):
            found = session.execute(pairs.where(Membership.group_id.in_(chunk)))
            self.memberships.update((u, g) for u, g in found)
        group_ids = sorted({*group_ids, *(g for _u, g in self.memberships)})
        self.groups: dict[int, tuple[str, datetime]] = {}
        for chunk in batches(group_ids):
            stmt = select(Group.id, Group.name, Group.updated_at).where(Group.id.in_(chunk))
            for gid, name, changed in session.execute(stmt):
                self.groups[gid] = (name, changed)
        # Logins of users deleted since: the run's own row results remember them.
        self.logins = {uid: str(u["login"]) for uid, u in self.users.items()}
        recorded = session.execute(
            select(ImportRowResult.user_id, ImportRowResult.login).where(
                ImportRowResult.run_id == run.id, ImportRowResult.user_id.is_not(None)
            )
        )
        for uid, login in recorded:
            if uid is not None:
                self.logins.setdefault(uid, login or f"#{uid}")

    def login(self, user_id: int) -> str:
        return self.logins.get(user_id, f"#{user_id}")

    def group(self, group_id: int) -> str:
        found = self.groups.get(group_id)
        return found[0] if found else f"#{group_id}"


def preview_undo(session: Session, run_id: int, actor: Actor | None = None) -> UndoPlan:
    """What undoing ``run_id`` would do, with the blockers that prevent it.

    Raises :class:`Refused` when the run as a whole cannot be undone (unknown or of a
    school outside the actor's, not the school's last import, archived, cancelled,
    failed, undone already) or the actor may not import users.
    """
    run = _undoable_run(session, run_id, acting(session, actor))
    image = read_image(run.before_image)
    now = _Current(session, run, image)
    plan = UndoPlan(run.id, run.file_name, image=image)
    stamp = run.started_at
    touched = [*image.created_users, *(e["id"] for e in image.updated)]
    for uid in [*touched, *(e["id"] for e in image.expired)]:
        user = now.users.get(uid)
        if user is None:
            plan.blockers.append(Blocker(BlockerKind.USER_DELETED, login=now.login(uid)))
        elif user["updated_at"] != stamp:
            when = user["updated_at"]
            plan.blockers.append(Blocker(BlockerKind.USER_CHANGED, login=now.login(uid), when=when))
    for gid in image.created_groups:
        found = now.groups.get(gid)
        if found is None:
            plan.blockers.append(Blocker(BlockerKind.GROUP_DELETED, group=now.group(gid)))
        elif found[1] != stamp:
            plan.blockers.append(Blocker(BlockerKind.GROUP_CHANGED, group=found[0], when=found[1]))
    _membership_blockers(plan, image, now)
    plan.users_to_delete = [now.login(uid) for uid in image.created_users]
    plan.users_to_restore = [_restore(e, now) for e in image.updated if e["id"] in now.users]
    plan.expiries_to_lift = [_restore(e, now) for e in image.expired if e["id"] in now.users]
    plan.memberships_to_remove = [(now.login(u), now.group(g)) for u, g in image.added]
    plan.memberships_to_restore = [(now.login(u), now.group(g)) for u, g, *_ in image.removed]
    plan.groups_to_delete = [now.group(gid) for gid in image.created_groups]
    return plan


def _membership_blockers(plan: UndoPlan, image: Image, now: _Current) -> None:
    added = set(image.added)
    for uid, gid in image.added:
        if uid in now.users and gid in now.groups and (uid, gid) not in now.memberships:
            plan.blockers.append(
                Blocker(BlockerKind.MEMBERSHIP_REMOVED, login=now.login(uid), group=now.group(gid))
            )
    for uid, gid, *_ in image.removed:
        if gid not in now.groups:
            plan.blockers.append(Blocker(BlockerKind.GROUP_DELETED, group=now.group(gid)))
        elif uid not in now.users:
            plan.blockers.append(Blocker(BlockerKind.USER_DELETED, login=now.login(uid)))
        elif (uid, gid) in now.memberships:
            plan.blockers.append(
                Blocker(BlockerKind.MEMBERSHIP_READDED, login=now.login(uid), group=now.group(gid))
            )
    created_users, created_groups = set(image.created_users), set(image.created_groups)
    for uid, gid in sorted(now.memberships - added):
        if uid in created_users or gid in created_groups:
            plan.blockers.append(
                Blocker(BlockerKind.MEMBERSHIP_ADDED, login=now.login(uid), group=now.group(gid))
            )


def _restore(entry: dict[str, Any], now: _Current) -> UserRestore:
    current = now.users[entry["id"]]
    changes = tuple(
        FieldChange(name, current[name], entry[name])
        for name in RESTORED_FIELDS
        if name in entry and name != "updated_at" and current[name] != entry[name]
    )
    return UserRestore(entry["id"], now.login(entry["id"]), changes)


# ---------------------------------------------------------------------------- undo
def undo_run(session: Session, run_id: int, actor: Actor | None = None) -> UndoResult:
    """Undo ``run_id`` in the caller's transaction; refused while anything the run
    touched changed since (the message lists those records). The operator must be
    allowed to import users into the run's school."""
    plan = preview_undo(session, run_id, actor)
    if plan.blockers:
        changed = Message(Reason.UNDO_BLOCKED, {"records": plan.blockers_text()})
        raise _refuse(run_id, changed)
    assert plan.image is not None
    image = plan.image
    try:
        result = _execute(session, plan, image)
    except IntegrityError as exc:
        refused = Message(Reason.UNDO_DATABASE, {"error": str(exc.orig)})
        raise _refuse(run_id, refused) from None
    run = session.get_one(ImportRun, run_id)
    note = f"undone on {utcnow().date().isoformat()}"
    run.message = f"{run.message}; {note}" if run.message else note
    run.status = RunStatus.UNDONE.value
    session.flush()
    session.expire_all()
    return result


def _execute(session: Session, plan: UndoPlan, image: Image) -> UndoResult:
    result = plan.counts()
    drop = [{"b_user": u, "b_group": g} for u, g in image.added]
    stmt = delete(MEMBERSHIPS).where(
        MEMBERSHIPS.c.user_id == bindparam("b_user"), MEMBERSHIPS.c.group_id == bindparam("b_group")
    )
    for part in batches(drop):
        session.execute(stmt, part)
    back = [
        {"user_id": u, "group_id": g, "is_admin": admin, "created_at": created or utcnow()}
        for u, g, admin, created in image.removed
    ]
    for members in batches(back):
        session.execute(insert(MEMBERSHIPS), members)
    for chunk in batches(image.created_users):
        session.execute(delete(USERS).where(USERS.c.id.in_(chunk)))
    stmt_update = update(USERS).where(USERS.c.id == bindparam("b_id"))
    # Two statements: an executemany needs the same columns in every row.
    for entries in (image.updated, image.expired):
        restore = [
            {"b_id": e["id"], **{k: v for k, v in e.items() if k in RESTORED_FIELDS}}
            for e in entries
        ]
        for part in batches(restore):
            session.execute(stmt_update, part)
    remaining: set[int] = set()
    for chunk in batches(image.created_groups):
        stmt_left = select(Membership.group_id).where(Membership.group_id.in_(chunk))
        remaining.update(session.scalars(stmt_left))
    empty = [gid for gid in image.created_groups if gid not in remaining]
    for chunk in batches(empty):
        session.execute(delete(GROUPS).where(GROUPS.c.id.in_(chunk)))
    result.groups_deleted = len(empty)
    return result
