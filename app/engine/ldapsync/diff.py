"""The difference between the database and the tree, as a plan of LDAP operations in
phases (containers, group deletions, renames, users, groups, user deletions) with the counts that
``ldap sync --json`` reports. The dry run shows this plan; the real run applies it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import ldap
from ldap.dn import dn2str, str2dn

from app.engine.ldapsync import layout
from app.engine.ldapsync.desired import Desired, DesiredGroup, DesiredUser
from app.engine.ldapsync.remote import Remote, RemoteGroup, RemoteUser

COUNT_KEYS = (
    "users_added",
    "users_modified",
    "users_disabled",
    "users_enabled",
    "users_deleted",
    "groups_added",
    "groups_modified",
    "groups_deleted",
    "unchanged",
)


@dataclass(frozen=True, slots=True)
class StateRow:
    """What the sync state records for a user once its operation succeeded."""

    user_id: int
    dn: str
    fingerprint: str | None
    enabled: bool


@dataclass(slots=True)
class Op:
    kind: str  # add, modify, rename, delete
    dn: str
    changes: list[tuple[Any, ...]] = field(default_factory=list)
    new_rdn: str = ""
    new_superior: str | None = None
    state: StateRow | None = None
    dropped_user: int | None = None  # the state row to delete after a delete


@dataclass(slots=True)
class SyncPlan:
    containers: list[Op] = field(default_factory=list)
    # Groups go before anything is renamed or added, so their DNs are free again.
    group_deletions: list[Op] = field(default_factory=list)
    renames: list[Op] = field(default_factory=list)
    users: list[Op] = field(default_factory=list)
    groups: list[Op] = field(default_factory=list)
    deletions: list[Op] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    # State to record without an operation (an entry adopted after a crash, a moved DN).
    states: list[StateRow] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)

    @property
    def phases(self) -> list[list[Op]]:
        """In order; within a phase no operation depends on another (they are pipelined),
        except the containers, which are applied one at a time, parents first."""
        return [
            self.containers,
            self.group_deletions,
            self.renames,
            self.users,
            self.groups,
            self.deletions,
        ]

    @property
    def total(self) -> int:
        return sum(len(p) for p in self.phases)

    def as_counts(self) -> dict[str, int]:
        return {key: self.counts.get(key, 0) for key in COUNT_KEYS}


def _enc(values: list[str]) -> list[bytes]:
    return [v.encode() for v in values]


def _split(dn: str) -> tuple[str, str]:
    parts = str2dn(dn)
    return dn2str(parts[:1]), dn2str(parts[1:])


def _rename(old_dn: str, new_dn: str) -> Op:
    new_rdn, new_parent = _split(new_dn)
    _old_rdn, old_parent = _split(old_dn)
    superior = None if layout.norm(old_parent) == layout.norm(new_parent) else new_parent
    return Op("rename", old_dn, new_rdn=new_rdn, new_superior=superior)


def make_plan(desired: Desired, remote: Remote, states: dict[int, StateRow]) -> SyncPlan:
    plan = SyncPlan()
    for dn in desired.containers:
        if layout.norm(dn) not in remote.ous:
            ou = str2dn(dn)[0][0][1]
            attrs = [("objectClass", layout.OU_CLASSES), ("ou", _enc([ou]))]
            attrs.append((layout.MARK_ATTR, _enc([layout.OU_MARK])))
            plan.containers.append(Op("add", dn, attrs))
    for user_id, want in desired.users.items():
        _plan_user(plan, want, remote.users.get(user_id), states.get(user_id))
    for group_id, group in desired.groups.items():
        _plan_group(plan, group, remote.groups.get(group_id))
    for user_id, have in remote.users.items():
        if user_id not in desired.users and user_id not in desired.elsewhere:
            plan.deletions.append(Op("delete", have.dn, dropped_user=user_id))
            plan.counts["users_deleted"] += 1
    for group_id, have_group in remote.groups.items():
        if group_id not in desired.groups and group_id not in desired.groups_elsewhere:
            plan.group_deletions.append(Op("delete", have_group.dn))
            plan.counts["groups_deleted"] += 1
    plan.stale = [uid for uid in states if uid not in desired.users and uid not in remote.users]
    return plan


def _add_user(want: DesiredUser) -> Op:
    classes = layout.USER_CLASSES + ([layout.POSIX_CLASS.encode()] if want.posix else [])
    attrs: list[tuple[Any, ...]] = [("objectClass", classes)]
    attrs += [(a, _enc(v)) for a, v in want.attrs.items() if v]
    attrs.append((layout.MARK_ATTR, _enc([f"{layout.USER_MARK}{want.user_id}"])))
    if want.password_hash:
        value = layout.password_value(want.password_hash)
        attrs.append(
            ("userPassword", [(value if want.enabled else layout.disabled(value)).encode()])
        )
    state = StateRow(want.user_id, want.dn, layout.fingerprint(want.password_hash), want.enabled)
    return Op("add", want.dn, attrs, state=state)


def _password_change(
    want: DesiredUser, have: RemoteUser, state: StateRow | None
) -> tuple[str | None, str]:
    """The new userPassword value (or None) and the count it falls under."""
    current = have.password
    wanted_fp = layout.fingerprint(want.password_hash)
    pushed_fp = state.fingerprint if state is not None else wanted_fp  # adopted: keep
    if want.password_hash and wanted_fp != pushed_fp:  # a reset in the directory
        value = layout.password_value(want.password_hash)
        return (value if want.enabled else layout.disabled(value)), "users_modified"
    if current is None:
        return None, ""
    if not want.enabled and not layout.is_disabled(current):
        return layout.disabled(current), "users_disabled"
    if want.enabled and layout.is_disabled(current):
        return layout.enabled(current), "users_enabled"
    return None, ""


def _plan_user(
    plan: SyncPlan, want: DesiredUser, have: RemoteUser | None, state: StateRow | None
) -> None:
    if have is None:
        plan.users.append(_add_user(want))
        plan.counts["users_added"] += 1
        return
    renamed = layout.norm(have.dn) != layout.norm(want.dn)
    if renamed:
        plan.renames.append(_rename(have.dn, want.dn))
    mods: list[tuple[Any, ...]] = []
    if want.posix and not have.posix:  # Linux sign-in turned on for an existing entry
        mods.append((ldap.MOD_ADD, "objectClass", [layout.POSIX_CLASS.encode()]))
    # The attributes wanted; posixAccount's only while Linux sign-in is on (turned
    # off, they are left as they are).
    for attr, values in want.attrs.items():
        if attr == "uid" and renamed:
            continue
        if values != have.attrs.get(attr, []):
            mods.append((ldap.MOD_REPLACE, attr, _enc(values) or None))
    password, category = _password_change(want, have, state)
    if password is not None:
        mods.append((ldap.MOD_REPLACE, "userPassword", [password.encode()]))
    row = StateRow(want.user_id, want.dn, layout.fingerprint(want.password_hash), want.enabled)
    if mods:
        plan.users.append(Op("modify", want.dn, mods, state=row))
    elif state != row:
        plan.states.append(row)
    if category in ("users_disabled", "users_enabled"):
        plan.counts[category] += 1
    elif mods or renamed:
        plan.counts["users_modified"] += 1
    else:
        plan.counts["unchanged"] += 1


def _members(values: list[str]) -> list[bytes]:
    return _enc(values or [layout.NO_MEMBER])


def _plan_group(plan: SyncPlan, want: DesiredGroup, have: RemoteGroup | None) -> None:
    if have is None:
        attrs: list[tuple[Any, ...]] = [
            ("objectClass", layout.GROUP_CLASSES),
            ("cn", _enc([want.cn])),
            (layout.MARK_ATTR, _enc([f"{layout.GROUP_MARK}{want.group_id}"])),
            ("member", _members(want.members)),
        ]
        plan.groups.append(Op("add", want.dn, attrs))
        plan.counts["groups_added"] += 1
        return
    renamed = layout.norm(have.dn) != layout.norm(want.dn)
    if renamed:
        plan.renames.append(_rename(have.dn, want.dn))
    wanted = {layout.norm(m) for m in want.members}
    present = {layout.norm(m) for m in have.members if m}
    if wanted != present:
        plan.groups.append(
            Op("modify", want.dn, [(ldap.MOD_REPLACE, "member", _members(want.members))])
        )
    if renamed or wanted != present:
        plan.counts["groups_modified"] += 1
    else:
        plan.counts["unchanged"] += 1
