"""An update's existing rows that stay as they are, found in columns.

Most rows of an update name an active user of the school whom nothing changes: the
planner's row-by-row classification (:meth:`~app.engine.planning.planner._Planner.
_classify_existing`, ~4 µs a row) would find each unchanged without a question. These
rows are found with C-level maps over the rows' values and their users instead, and
their entries made by one map; every other existing row is still classified one by
one (tests/engine/test_plan_columnar.py compares the two ways).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, and_, attrgetter, eq, not_

from app.engine.planning.diff import GroupRef
from app.engine.planning.mapping import Field
from app.engine.planning.results import RowAction, RowPlan, RowValues, take
from app.engine.planning.state import ExistingUser

_BLOCK = 1024  # rows compared at a time (the maps' lists stay small)
_ID, _LOGIN, _GROUPS = attrgetter("id"), attrgetter("login"), attrgetter("groups")


@dataclass(frozen=True, slots=True)
class UnchangedTest:
    """Whether a user is unchanged by a row: active, of the run's school and account
    type, without a reserved login, with the row's mapped fields (those
    :func:`~app.engine.planning.diff.diff_existing` compares) and, when the file
    has groups, with the row's groups in scope (what
    :func:`~app.engine.planning.diff.membership_delta` compares)."""

    own: tuple[int, str, str]  # the run's school, account type, and "active"
    fields: tuple[str, ...]  # the person's fields compared (:func:`person_fields`)
    reserved: frozenset[str]  # (may be empty when no user has such a login)
    memberships: dict[int, frozenset[int]]  # each user's groups in scope
    wanted: dict[int, frozenset[GroupRef]] | None  # by id of a row's group list

    def of(self, users: list[ExistingUser], values: list[RowValues]) -> list[bool]:
        """For each row (``values``) and its user: unchanged, in blocks of rows."""
        found: list[bool] = []
        for first in range(0, len(users), _BLOCK):
            found += self._block(users[first : first + _BLOCK], values[first : first + _BLOCK])
        return found

    def _block(self, users: list[ExistingUser], values: list[RowValues]) -> list[bool]:
        # One tuple per user and per row: (school, type, status, *fields) against the
        # run's standing and the row's fields.
        user_side = map(attrgetter("school_id", "account_type", "status", *self.fields), users)
        row_side = map(add, repeat(self.own), map(attrgetter(*self.fields), values))
        same = list(map(eq, user_side, row_side))
        if self.reserved and not self.reserved.isdisjoint(map(_LOGIN, users)):
            free = map(not_, map(self.reserved.__contains__, map(_LOGIN, users)))
            same = list(map(and_, same, free))
        if self.wanted is not None:
            held = map(self.memberships.get, map(_ID, users), repeat(frozenset()))
            wanted = map(self.wanted.__getitem__, map(id, map(_GROUPS, values)))
            same = list(map(and_, same, map(eq, held, wanted)))
        return same


def person_fields(mapped: Iterable[Field]) -> tuple[str, ...]:
    """The fields of a user and of a row's values that
    :func:`~app.engine.planning.diff.diff_existing` compares (both have them under the
    same names): the names, and the birth date and e-mail when they are mapped."""
    names = ["last_name", "first_name"]
    names += [f.value for f in (Field.BIRTH_DATE, Field.EMAIL) if f in mapped]
    return tuple(names)


def wanted_groups(
    values: list[RowValues], refs: Callable[[Sequence[str]], dict[GroupRef, str]]
) -> dict[int, frozenset[GroupRef]]:
    """The group references (``refs``) of each row's groups, by the identity of the
    row's list: worked out once per distinct list (rows with the same group cells
    share one)."""
    lists = dict(zip(map(id, map(_GROUPS, values)), map(_GROUPS, values), strict=True))
    return {key: frozenset(refs(names)) for key, names in lists.items()}


def unchanged_entries(
    kept: list[int],
    users: list[ExistingUser],
    unchanged: list[bool],
    lines: Sequence[int],
    values: Sequence[RowValues],
) -> Iterator[tuple[int, RowPlan]]:
    """The rows at ``kept`` that ``unchanged`` says are, and their entries as the
    row-by-row classification leaves them: the user's id and login, no changes, no
    groups added or removed (each its own empty list, as diff_existing's)."""
    indexes = list(compress(kept, unchanged))
    users = list(compress(users, unchanged))
    count = len(indexes)
    rows = map(
        RowPlan,
        indexes,
        map(lines.__getitem__, indexes),
        repeat(RowAction.UNCHANGED),
        take(values, indexes),
        map(_ID, users),
        map(_LOGIN, users),
        repeat(None),
        map(list.copy, repeat([], count)),
        map(list.copy, repeat([], count)),
        map(list.copy, repeat([], count)),
    )
    return zip(indexes, rows, strict=True)
