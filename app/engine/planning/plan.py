"""The plan: one entry per input row (and per user to expire), built by
:func:`app.engine.planning.planner.build_plan` from the table, the mapping, the options and a
snapshot of the database.

The preview shows a :class:`Plan`, the user ticks rows and resolves conflicts on it,
and ``apply`` executes exactly that object (SPEC §2.6, rules after §2.8).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import attrgetter, is_
from typing import Any, overload

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
    RowValues,
    each,
    take,
)
from app.engine.planning.state import DirectoryState, ExistingGroup
from app.engine.reading.table import Table
from app.engine.reasons import Message
from app.models import UserStatus, group_name_key


class PlanRows(Sequence[RowPlan]):
    """A plan's entries for the input rows, in the rows' order (``plan.rows``).

    The entries of the usual file's new accounts — created as planned, with the login
    allocated and the row's groups — are made when first asked for: the preview asks
    for the rows it shows, the run for all of them (in its worker). Until then such a
    row is its place in the columns of the planner (line, values, login, groups), and
    counting it needs no object (:meth:`made`, :attr:`waiting`). Every other entry is
    made by the planner. An entry once made is the same object on every access, so
    ticks and resolutions set on it are the plan's.
    """

    __slots__ = ("_made", "_lines", "_values", "_logins", "_groups", "_waiting", "_lock")

    def __init__(
        self,
        made: list[RowPlan | None],
        lines: Sequence[int] = (),
        values: Sequence[RowValues] = (),
        logins: Sequence[str | None] = (),
        groups: Sequence[Sequence[str]] | None = None,
    ) -> None:
        """``made[i]`` is row i's entry, or None for a new account made from the
        columns when asked for: ``RowPlan(i, lines[i], CREATE, values[i],
        login=logins[i], new_login=logins[i], groups_added=groups[i])`` (without
        ``groups``, ``values[i].groups``)."""
        self._made = made
        self._lines, self._values, self._logins, self._groups = lines, values, logins, groups
        # (every entry made is true, None is not: list.count(None) would call a made
        # entry's __eq__, a Python method)
        self._waiting = len(made) - len(list(filter(None, made)))
        self._lock = threading.Lock()  # the preview (interface thread) and a worker

    @property
    def waiting(self) -> int:
        """How many entries are not made yet: each a new account, created as planned."""
        return self._waiting

    def made(self) -> list[RowPlan]:
        """The entries made so far, in order (the others are :attr:`waiting`)."""
        return list(filter(None, self._made)) if self._waiting else list(self._made)  # type: ignore[arg-type]

    def waiting_values(self) -> Iterator[RowValues]:
        """The values of the rows whose entries are not made yet, in order (as they
        are asked for: a caller that stops early looks at no more rows)."""
        if not self._waiting:
            return iter(())
        return compress(each(self._values), map(is_, self._made, repeat(None)))

    def planned(self) -> tuple[list[RowPlan | None], Sequence[RowValues], Sequence[str | None]]:
        """Each entry made so far or None, and the values and logins the waiting ones
        are made of (a copy of the first: it changes as entries are made)."""
        with self._lock:
            return list(self._made), self._values, self._logins

    def outcomes(self) -> list[str]:
        """Each entry's :attr:`RowPlan.outcome`, without making the waiting ones."""
        created = OUTCOMES[RowAction.CREATE]
        return [created if row is None else row.outcome for row in self._made]

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> RowPlan: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowPlan]: ...

    def __getitem__(self, index: int | slice) -> RowPlan | list[RowPlan]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self._made))[index]]
        row = self._made[index]
        return row if row is not None else self._make(index % len(self._made))

    def _make(self, index: int) -> RowPlan:
        with self._lock:
            row = self._made[index]
            if row is None:
                login = self._logins[index]
                row = RowPlan(
                    index,
                    self._lines[index],
                    RowAction.CREATE,
                    self._values[index],
                    None,
                    login,
                    login,
                    (),
                    self._values[index].groups if self._groups is None else self._groups[index],
                )
                self._made[index] = row
                self._waiting -= 1
            return row

    def __iter__(self) -> Iterator[RowPlan]:
        if not self._waiting:
            return iter(self._made)  # type: ignore[arg-type]
        return self._making()

    def _making(self) -> Iterator[RowPlan]:
        """The entries in order, the waiting ones made a block at a time: a loop that
        stops early (``any(...)`` on the interface thread) makes only its first block."""
        count = len(self._made)
        for start in range(0, count, _BLOCK):
            stop = min(start + _BLOCK, count)
            if self._waiting:
                self._make_range(start, stop)
            yield from self._made[start:stop]  # type: ignore[misc]

    def make_all(self) -> None:
        """Make every waiting entry (one C-level map over the columns)."""
        self._make_range(0, len(self._made))

    def _make_range(self, start: int, stop: int) -> None:
        """Make the waiting entries of rows ``start`` to ``stop`` (one C-level map)."""
        with self._lock:
            if not self._waiting:
                return
            made = self._made
            found = map(is_, islice(made, start, stop), repeat(None))
            indexes = list(compress(range(start, stop), found))
            if not indexes:
                return
            logins = list(map(self._logins.__getitem__, indexes))
            values = take(self._values, indexes)
            groups: Iterable[Sequence[str]] = (
                map(_VALUE_GROUPS, values)
                if self._groups is None
                else map(self._groups.__getitem__, indexes)
            )
            rows = map(
                RowPlan,
                indexes,
                map(self._lines.__getitem__, indexes),
                repeat(RowAction.CREATE),
                values,
                repeat(None),
                logins,
                logins,
                repeat(()),
                groups,
            )
            if len(indexes) == len(made):
                self._made = list(rows)
            else:
                for index, row in zip(indexes, rows, strict=True):
                    made[index] = row
            self._waiting -= len(indexes)

    def release(self) -> list[list[Any]]:
        """Hand over the lists this holds (the entries made, the logins and groups of
        the others), to be freed piece by piece; the rows are empty afterwards."""
        with self._lock:
            parts = [self._made, self._logins, self._groups]
            self._made, self._waiting = [], 0
            self._lines, self._values, self._logins, self._groups = (), (), (), None
        return [part for part in parts if isinstance(part, list)]

    def __add__(self, other: Iterable[RowPlan]) -> list[RowPlan]:
        return [*self, *other]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PlanRows | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (equal by content, like a list)

    def __repr__(self) -> str:
        return f"PlanRows({len(self._made)} rows, {self._waiting} not made yet)"


@dataclass(slots=True)
class Plan:
    table: Table
    mapping: ColumnMapping
    options: ImportOptions
    state: DirectoryState
    rows: PlanRows
    expiries: list[RowPlan]
    groups: dict[str, GroupNeed]  # by group name key
    file_groups_mapped: bool
    mass_expiry_confirmed: bool = False
    warnings: list[Message] = field(default_factory=list)

    @property
    def all_rows(self) -> list[RowPlan]:
        """Every entry, the input rows' then the expiries (making every waiting one)."""
        return self.rows + self.expiries

    @property
    def mass_expiry(self) -> bool:
        """More than half of the active accounts would be released (SPEC §2.8)."""
        expiring = sum(1 for r in self.expiries if r.included)
        return expiring > 0 and expiring * 2 > self.state.active_count

    def missing_groups(self) -> list[str]:
        return [need.name for need in self.groups.values() if need.missing]

    def groups_to_create(self) -> list[GroupNeed]:
        return self._groups_to_create(*_partition(self.rows.made()))

    def _groups_to_create(self, plain: list[RowPlan], others: list[RowPlan]) -> list[GroupNeed]:
        """The groups to create that the rows the run acts on use: ``plain`` and
        ``others`` partition the entries made, and every waiting one is created."""
        wanted = {
            key
            for key, need in self.groups.items()
            if need.create_type is not None and need.group_id is None
        }
        if not wanted:
            return []
        rows = plain + [row for row in others if row.effective_action is not None]
        lists = chain(map(_GROUPS, rows), map(_VALUE_GROUPS, self.rows.waiting_values()))
        used: set[str] = set()
        seen: set[int] = set()
        # A block of rows at a time, until every group to create is found used: the
        # usual file names each class in its first rows, and the rest cannot change
        # the answer (a group that no row uses still costs a look at every row).
        while block := list(islice(lists, _GROUP_BLOCK)):
            distinct = dict(zip(map(id, block), block, strict=True))  # (shared lists)
            names = chain.from_iterable(distinct[i] for i in distinct.keys() - seen)
            used.update(map(group_name_key, set(names)))
            if wanted <= used:
                break
            seen.update(distinct)
        return [need for key, need in self.groups.items() if key in wanted and key in used]

    def summary(self) -> ImportSummary:
        plain, others = _partition(self.rows.made())  # once for the counts and the groups
        counts = Counter({OUTCOMES[a]: n for a, n in Counter(map(_ACTION, plain)).items()})
        counts[OUTCOMES[RowAction.CREATE]] += self.rows.waiting  # each created as planned
        counts.update(row.outcome for row in others)
        counts.update(row.outcome for row in self.expiries if row.included)
        summary = ImportSummary(**{k: counts.get(k, 0) for k in COUNT_KEYS})
        summary.groups_created = len(self._groups_to_create(plain, others))
        return summary

    def counts_by_action(self) -> dict[RowAction, int]:
        counts = Counter(row.action for row in chain(self.rows.made(), self.expiries))
        counts[RowAction.CREATE] += self.rows.waiting
        return {action: counts.get(action, 0) for action in RowAction}

    def outcome_counts(self) -> Counter[str]:
        """How many entries land in each outcome now (after ticks and resolutions)."""
        counts = Counter(map(_OUTCOME, chain(self.rows.made(), self.expiries)))
        if self.rows.waiting:
            counts[OUTCOMES[RowAction.CREATE]] += self.rows.waiting
        return counts

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
_BLOCK = 1024  # entries made at a time by an iteration over PlanRows
_GROUP_BLOCK = 1024  # rows whose groups are looked at a time for the groups to create
_OUTCOME = attrgetter("outcome")
_GROUPS = attrgetter("values.groups")
_VALUE_GROUPS = attrgetter("groups")


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
