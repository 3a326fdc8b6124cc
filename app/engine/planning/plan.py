"""The plan: one entry per input row (and per user to expire), built by
:func:`app.engine.planning.planner.build_plan` from the table, the mapping, the options and a
snapshot of the database.

The preview shows a :class:`Plan`, the user ticks rows and resolves conflicts on it,
and ``apply`` executes exactly that object (SPEC §2.6, rules after §2.8).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from app.engine.planning.diff import diff_existing, group_refs
from app.engine.planning.mapping import ColumnMapping, Field
from app.engine.planning.results import (
    COUNT_KEYS,
    OUTCOMES,
    ConflictKind,
    FieldChange,
    GroupNeed,
    ImportOptions,
    ImportSummary,
    Resolution,
    RowAction,
    RowPlan,
)
from app.engine.planning.state import DirectoryState, ExistingGroup
from app.engine.reading.table import Table
from app.engine.reasons import Message
from app.models import UserStatus, group_name_key


@dataclass(slots=True)
class Plan:
    table: Table
    mapping: ColumnMapping
    options: ImportOptions
    state: DirectoryState
    rows: list[RowPlan]
    expiries: list[RowPlan]
    groups: dict[str, GroupNeed]  # by group name key
    file_groups_mapped: bool
    mass_expiry_confirmed: bool = False
    warnings: list[Message] = field(default_factory=list)

    @property
    def all_rows(self) -> list[RowPlan]:
        return self.rows + self.expiries

    @property
    def mass_expiry(self) -> bool:
        """More than half of the active accounts would be released (SPEC §2.8)."""
        expiring = sum(1 for r in self.expiries if r.included)
        return expiring > 0 and expiring * 2 > self.state.active_count

    def missing_groups(self) -> list[str]:
        return [need.name for need in self.groups.values() if need.missing]

    def groups_to_create(self) -> list[GroupNeed]:
        return self._groups_to_create(*_partition(self.rows))

    def _groups_to_create(self, plain: list[RowPlan], others: list[RowPlan]) -> list[GroupNeed]:
        if not any(n.create_type is not None and n.group_id is None for n in self.groups.values()):
            return []
        rows = plain + [row for row in others if row.effective_action is not None]
        lists = list(map(_GROUPS, rows))
        distinct = dict(zip(map(id, lists), lists, strict=True)).values()  # shared lists
        used = {group_name_key(name) for name in set(chain.from_iterable(distinct))}
        return [
            need
            for key, need in self.groups.items()
            if need.create_type is not None and need.group_id is None and key in used
        ]

    def summary(self) -> ImportSummary:
        plain, others = _partition(self.rows)  # once for the counts and the groups
        counts = Counter({OUTCOMES[a]: n for a, n in Counter(map(_ACTION, plain)).items()})
        counts.update(row.outcome for row in others)
        counts.update(row.outcome for row in self.expiries if row.included)
        summary = ImportSummary(**{k: counts.get(k, 0) for k in COUNT_KEYS})
        summary.groups_created = len(self._groups_to_create(plain, others))
        return summary

    def counts_by_action(self) -> dict[RowAction, int]:
        counts = Counter(row.action for row in self.all_rows)
        return {action: counts.get(action, 0) for action in RowAction}

    def resolve(self, row: RowPlan, resolution: Resolution) -> None:
        """Choose how a conflict ends. Keeping one duplicate skips its siblings."""
        if row.conflict is None or resolution not in row.conflict.choices:
            raise ValueError(f"{resolution} is not a choice for this row")
        row.resolution = resolution
        if row.conflict.kind is ConflictKind.DUPLICATE_SOURCE_ID:
            for index in row.conflict.sibling_rows:
                sibling = self.rows[index]
                if sibling is row:
                    continue
                if resolution is Resolution.KEEP:
                    sibling.resolution = Resolution.SKIP
        if row.conflict.kind is ConflictKind.POSSIBLE_DUPLICATE:
            self._retarget(row, resolution)

    def _retarget(self, row: RowPlan, resolution: Resolution) -> None:
        """LINK diffs the row against the similar user; CREATE_NEW plans a new account."""
        assert row.conflict is not None
        if resolution is Resolution.LINK and row.conflict.other_user_id is not None:
            user = self.state.user_by_id(row.conflict.other_user_id)
            assert user is not None
            target = group_refs(row.values.groups, self.groups) if self.file_groups_mapped else None
            changes, added, removed = diff_existing(
                row.values, user, set(_mapped_fields(self.mapping)), target, self.state
            )
            moved = [
                FieldChange("source", user.source, self.options.source),
                FieldChange("source_id", user.source_id, row.values.source_id),
            ]
            changes = [c for c in moved if c.old != c.new] + changes
            row.user_id, row.login = user.id, user.login
            self._keep_linked(user.id, linked=True)
            row.changes, row.groups_added, row.groups_removed = changes, added, removed
            active = user.status == UserStatus.ACTIVE
            row.resolved_action = RowAction.UPDATE if active else RowAction.REACTIVATE
        else:
            if row.conflict.other_user_id is not None:
                self._keep_linked(row.conflict.other_user_id, linked=False)
            row.user_id, row.login = None, row.new_login
            row.changes, row.groups_removed = [], []
            row.groups_added = creation_groups(row) if self.file_groups_mapped else []
            row.resolved_action = RowAction.CREATE

    def _keep_linked(self, user_id: int, linked: bool) -> None:
        """A user linked to a row is in the file: not released for deletion (a user of
        this source whose derived ID changed would otherwise be)."""
        for expiry in self.expiries:
            if expiry.user_id == user_id:
                expiry.included = not linked

    def resolve_all(self, preferences: Sequence[Resolution]) -> None:
        """Resolve every open conflict with the first preference it offers
        (``--on-conflict``); ``keep`` keeps the first of each duplicate set."""
        for row in self.rows:
            if row.conflict is None or row.resolution is not None:
                continue
            for choice in preferences:
                if choice in row.conflict.choices:
                    self.resolve(row, choice)
                    break


# Included rows with these actions count as their action says (nearly all rows).
_PLAIN_ACTIONS = frozenset(
    {
        RowAction.CREATE,
        RowAction.UPDATE,
        RowAction.UNCHANGED,
        RowAction.EXPIRE,
        RowAction.REACTIVATE,
    }
)
_ACTION = attrgetter("action")
_GROUPS = attrgetter("values.groups")


def _partition(rows: list[RowPlan]) -> tuple[list[RowPlan], list[RowPlan]]:
    """The rows whose outcome and effective action are their action, and the others
    (left out, invalid, or in conflict), without a property call per row."""
    plain = [row for row in rows if row.included and row.action in _PLAIN_ACTIONS]
    if len(plain) == len(rows):
        return plain, []
    return plain, [row for row in rows if not (row.included and row.action in _PLAIN_ACTIONS)]


def _mapped_fields(mapping: ColumnMapping) -> list[Field]:
    return sorted(mapping.mapped_fields())


def creation_groups(row: RowPlan) -> Sequence[str]:
    if not row.groups_ignored:
        return row.values.groups  # shared: a plan's lists are replaced, never changed
    ignored = set(row.groups_ignored)
    return [g for g in row.values.groups if g not in ignored]


def group_needs(
    group_lists: Iterable[Sequence[str]],
    options: ImportOptions,
    existing: Mapping[str, ExistingGroup],
) -> dict[str, GroupNeed]:
    """Every group the rows name (first spelling wins), matched to the year's groups
    by name key or marked missing (what the wizard's groups page shows, SPEC §2.4)."""
    needs: dict[str, GroupNeed] = {}
    seen: set[str] = set()  # spellings already keyed: 50,000 rows name a few hundred
    for names in group_lists:
        for name in names:
            if name in seen:
                continue
            seen.add(name)
            key = group_name_key(name)
            if key not in needs:
                needs[key] = _need(key, name, options, existing)
    return needs


def _need(
    key: str, name: str, opts: ImportOptions, groups: Mapping[str, ExistingGroup]
) -> GroupNeed:
    if key in opts.group_overrides:
        return GroupNeed(name, opts.group_overrides[key])
    existing = groups.get(key)
    if existing is not None:
        return GroupNeed(existing.name, existing.id)
    if key in opts.group_creations:
        return GroupNeed(name, None, create_type=opts.group_creations[key][0])
    if opts.create_missing_groups:
        return GroupNeed(name, None, create_type=opts.create_missing_groups)
    if opts.ignore_unassigned_groups:
        return GroupNeed(name, None, ignored=True)
    return GroupNeed(name, None)
