"""Field and membership differences between a file row and an existing user, and the
users a file no longer names (to expire)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from itertools import compress
from typing import Any

from app.engine.planning.mapping import Field
from app.engine.planning.results import (
    FieldChange,
    GroupNeed,
    ImportOptions,
    RowAction,
    RowPlan,
    RowValues,
)
from app.engine.planning.state import DirectoryState, ExistingUser
from app.models import UserStatus, group_name_key

# A group the run will create has no id yet: it is referred to by its name key.
GroupRef = int | str


def group_refs(names: Sequence[str], needs: dict[str, GroupNeed]) -> dict[GroupRef, str]:
    """The groups a row asks for, as ids (existing) or name keys (to be created)."""
    refs: dict[GroupRef, str] = {}
    for name in names:
        key = group_name_key(name)
        need = needs[key]
        if need.ignored:
            continue
        ref: GroupRef = need.group_id if need.group_id is not None else key
        refs[ref] = need.name
    return refs


class GroupRefs:
    """:func:`group_refs` for one run's group needs, worked out once per distinct list
    of names (the same classes and courses recur on thousands of rows, and rows with
    the same group cells share one list: it is found by identity first)."""

    def __init__(self, needs: dict[str, GroupNeed]) -> None:
        self.needs = needs
        self._known: dict[tuple[str, ...], dict[GroupRef, str]] = {}
        # id → (the list itself, kept alive so that its id is not reused; its refs)
        self._by_identity: dict[int, tuple[Sequence[str], dict[GroupRef, str]]] = {}

    def __call__(self, names: Sequence[str]) -> dict[GroupRef, str]:
        seen = self._by_identity.get(id(names))
        if seen is not None and seen[0] is names:
            return seen[1]
        key = tuple(names)
        refs = self._known.get(key)
        if refs is None:
            refs = self._known[key] = group_refs(key, self.needs)
        self._by_identity[id(names)] = names, refs
        return refs


def diff_existing(
    values: RowValues,
    user: ExistingUser,
    mapped: Collection[Field],
    target_groups: dict[GroupRef, str] | None,
    state: DirectoryState,
) -> tuple[list[FieldChange], list[str], list[str]]:
    """Changed fields (only mapped ones), group names added and removed.

    ``target_groups`` is None when the file has no group column: memberships stay.
    Memberships in manual and system groups and in other school years always stay.
    """
    changes: list[FieldChange] = []
    birth, email = Field.BIRTH_DATE in mapped, Field.EMAIL in mapped
    same = (
        user.last_name == values.last_name
        and user.first_name == values.first_name
        and (not birth or user.birth_date == values.birth_date)
        and (not email or user.email == values.email)
    )
    if not same:  # the usual case is an unchanged person
        pairs: list[tuple[str, Any, Any]] = [
            ("last_name", user.last_name, values.last_name),
            ("first_name", user.first_name, values.first_name),
        ]
        if birth:
            pairs.append(("birth_date", user.birth_date, values.birth_date))
        if email:
            pairs.append(("email", user.email, values.email))
        changes = [FieldChange(name, old, new) for name, old, new in pairs if old != new]
    if user.school_id != state.school_id:  # moves into the import's school
        changes.append(FieldChange("school_id", user.school_id, state.school_id))
    if target_groups is None:
        return changes, [], []
    add_refs, remove_ids = membership_delta(user.id, target_groups, state)
    added = [target_groups[ref] for ref in add_refs] if add_refs else []
    removed = (
        sorted((state.groups_by_id[gid].name for gid in remove_ids), key=str.casefold)
        if remove_ids
        else []
    )
    return changes, added, removed


def membership_delta(
    user_id: int | None, target_groups: dict[GroupRef, str], state: DirectoryState
) -> tuple[list[GroupRef], list[int]]:
    """Group refs to add and group ids to remove so that the user's managed groups
    of the year equal the file's. A group the user is already in is never added,
    whatever its type (the file may name a manual group); only managed groups lose
    members."""
    held = state.memberships.get(user_id) if user_id is not None else None
    if not held:
        return list(target_groups), []
    if held == target_groups.keys():  # the usual case: the same groups as before
        return [], []
    add = [ref for ref in target_groups if ref not in held]
    current = held & state.managed_group_ids()
    remove = sorted(gid for gid in current if gid not in target_groups)
    return add, remove


def expiries(state: DirectoryState, options: ImportOptions, source_ids: list[str]) -> list[RowPlan]:
    """Active users of this school and account type whom the file (``source_ids``:
    every row's, invalid rows' too) does not name, in the snapshot's order."""
    if not options.detect_expired:
        return []
    present = set(source_ids)
    present.discard("")
    users = state.users_by_source_id
    absent = users.keys() - present
    found: list[RowPlan] = []
    for user in compress(users.values(), map(absent.__contains__, users)):
        if (
            user.account_type == options.account_type
            and user.status == UserStatus.ACTIVE
            and user.school_id == state.school_id
        ):
            values = RowValues(
                source_id=user.source_id,
                last_name=user.last_name,
                first_name=user.first_name,
                birth_date=user.birth_date,
                email=user.email,
            )
            found.append(
                RowPlan(
                    index=None,
                    line=None,
                    action=RowAction.EXPIRE,
                    values=values,
                    user_id=user.id,
                    login=user.login,
                )
            )
    return found
