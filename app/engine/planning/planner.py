"""Building the plan: the pure function from the table, the mapping, the options and
a snapshot of the database to a :class:`~app.engine.planning.plan.Plan` (SPEC §2.6).

Rows are checked first (:func:`check_rows`, which needs no snapshot), then each valid
row is classified against the snapshot: new, existing (diffed), or a conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import and_, attrgetter, is_, is_not, not_
from typing import cast

from app.engine.gcpause import gc_paused
from app.engine.planning.diff import GroupRefs, diff_existing, expiries
from app.engine.planning.identity import RenameKey, rename_index, rename_keys, row_parts
from app.engine.planning.logins import DEFAULT_RESERVED, LoginAllocator, LoginScheme
from app.engine.planning.mapping import ColumnMapping, Field, check_mapping
from app.engine.planning.plan import Plan, PlanRows, creation_groups, group_needs
from app.engine.planning.results import (
    CONFLICT_CHOICES,
    Conflict,
    ConflictKind,
    FieldChange,
    GroupNeed,
    ImportOptions,
    Resolution,
    RowAction,
    RowPlan,
    RowValues,
    take,
)
from app.engine.planning.state import DirectoryState, ExistingUser, similarity_key
from app.engine.planning.unchanged import (
    UnchangedTest,
    person_fields,
    unchanged_entries,
    wanted_groups,
)
from app.engine.planning.validation import CheckedRows, RowValidator
from app.engine.reading.table import Table
from app.engine.reasons import Message, Reason, Refused
from app.models import UserStatus, group_name_key


@gc_paused
def build_plan(
    table: Table,
    mapping: ColumnMapping,
    options: ImportOptions,
    state: DirectoryState,
    scheme: LoginScheme | None = None,
    reserved: Iterable[str] = DEFAULT_RESERVED,
    today: date | None = None,
    scope: frozenset[int] | None = None,
    checked: CheckedRows | None = None,
) -> Plan:
    """Diff the file against the database snapshot. Pure: reads nothing else.

    ``scope`` is the set of schools the operator may change (None: all); a row whose
    user belongs to another school is rejected. ``checked`` is
    :func:`check_rows` of the same table, mapping and day, when the caller had it
    done beforehand (it needs no snapshot: while one loads).
    """
    check_mapping(mapping)
    if not table.rows:
        raise Refused(Reason.NO_DATA_ROWS)
    planner = _Planner(table, mapping, options, state, scheme or LoginScheme(), reserved, today)
    planner.scope = scope
    planner.checked = checked
    return planner.run()


@gc_paused
def check_rows(
    table: Table, mapping: ColumnMapping, today: date | None = None, account_type: str | None = None
) -> CheckedRows:
    """Every row's values and reasons (the part of planning that needs no snapshot);
    with ``account_type``, the rows of other types set apart."""
    validator = RowValidator(mapping, today, account_type, table.delimiter)
    cells = table.flat_cells()
    printable = cells is not None and table.cells_printable
    return validator.validate_all(table.rows, clean=False, cells=cells, printable=printable)


class _Planner:
    def __init__(
        self,
        table: Table,
        mapping: ColumnMapping,
        options: ImportOptions,
        state: DirectoryState,
        scheme: LoginScheme,
        reserved: Iterable[str],
        today: date | None,
    ) -> None:
        self.table = table
        self.mapping = mapping
        self.options = options
        self.state = state
        self.scheme = scheme
        self.logins = LoginAllocator(set(state.used_logins), frozenset(reserved))
        self.today = today
        self.bases: dict[int, str] = {}
        self.checked: CheckedRows | None = None
        self.groups_mapped = bool(mapping.columns_of(Field.GROUPS))
        self.fields_mapped = mapping.mapped_fields()
        self.scope: frozenset[int] | None = None
        self.refs = GroupRefs({})  # the run's, once its group needs are known
        # Users whom a derived source ID no longer names, by all but one identity part.
        self.renames: dict[RenameKey, ExistingUser] = {}

    def run(self) -> Plan:
        checked = self.checked
        if checked is None:
            checked = check_rows(self.table, self.mapping, self.today, self.options.account_type)
        if len(checked.values) != len(self.table.rows):
            raise ValueError("the rows were checked for another table")
        groups = group_needs(checked.group_lists, self.options, self.state.groups_by_key)
        self.refs = GroupRefs(groups)
        users, ignoring = self.state.users_by_source_id, self.options.ignore_unassigned_groups
        if self.mapping.identity:
            present = set(checked.columns[Field.SOURCE_ID])
            self.renames = rename_index(
                self.mapping.identity, users.values(), present, self.options.account_type
            )
        if self._columnar(checked):
            rows = self._classify_columnar(checked)
        else:
            rows = self._rows(checked)
            self.bases = self._new_login_bases(checked)
            duplicates = self._duplicate_sets(checked, checked.columns[Field.SOURCE_ID])
            for row in rows:
                if row.action is RowAction.INVALID or row.action is RowAction.OTHER_TYPE:
                    continue
                if ignoring:
                    row.groups_ignored = _ignored(row.values.groups, groups)
                user = users.get(row.values.source_id)
                if user is None:
                    self._classify_new(row)
                else:
                    self._classify_existing(row, user)
                if duplicates:
                    siblings = duplicates.get(row.values.source_id)
                    if siblings:
                        self._mark_duplicate(row, siblings)
        plan = Plan(
            table=self.table,
            mapping=self.mapping,
            options=self.options,
            state=self.state,
            rows=rows,
            expiries=expiries(self.state, self.options, checked.columns[Field.SOURCE_ID]),
            groups=groups,
            file_groups_mapped=self.groups_mapped,
        )
        return plan

    def _columnar(self, checked: CheckedRows) -> bool:
        """Whether the rows can be classified by :meth:`_classify_columnar`: no login
        cell anywhere (nothing is taken, so the new rows' logins are allocated in their
        order whatever the existing rows do), no group ignored, and no renamed user a
        new row could be. (A look-alike of another source makes its row a conflict
        after its login was allocated: :meth:`_mark_similar`.)"""
        return (
            not self.options.ignore_unassigned_groups
            and not self.renames
            and not any(checked.columns[Field.LOGIN])
        )

    def _classify_columnar(self, checked: CheckedRows) -> PlanRows:
        """The row-by-row classification of :meth:`run` when :meth:`_columnar` holds:
        then a new row is created with the next login of its base and its groups, so
        the new rows are made as such (their logins allocated one after the other, in
        the rows' order, their groups the row's), the existing ones classified one by
        one; duplicates are marked last (it looks at the row's own classification)."""
        count, values = len(checked.values), checked.values
        users, ids = self.state.users_by_source_id, checked.columns[Field.SOURCE_ID]
        # (C-level maps: 50,000 rows; none for a school's first import, where every
        # row is new: no user in the snapshot)
        found: list[ExistingUser | None] = list(map(users.get, ids)) if users else [None] * count
        existing = list(map(is_not, found, repeat(None))) if users else [False] * count
        left_out = {*checked.reasons, *checked.other_type}
        new = list(map(not_, existing)) if users else [True] * count
        for index in left_out:
            new[index] = False
        fresh: Sequence[int] = range(count)  # (every row: the usual first import)
        if users or left_out:
            fresh = list(compress(range(count), new))
        logins = self.logins.allocate_all(self._login_bases(checked, fresh))
        login_column: list[str | None] = list(logins)
        kept = list(compress(range(count), existing)) if users else []
        if left_out:
            kept = [i for i in kept if i not in left_out]
        kept_users = cast(list[ExistingUser], list(map(found.__getitem__, kept)))
        unchanged = self._unchanged(kept, kept_users, checked)
        made: list[RowPlan | None] = [None] * count
        if len(fresh) < count:
            login_column = [None] * count
            for index, login in zip(fresh, logins, strict=True):
                login_column[index] = login
            self._make_entries(made, new, (kept, kept_users, unchanged), checked)
        groups = None if self.groups_mapped else [()] * count  # None: the values' groups
        rows = PlanRows(made, self.table.line_numbers, values, login_column, groups)
        self._set_apart(rows, checked)
        if self.state.similar_index:
            self._mark_similar(rows, values, fresh)
        duplicates = self._duplicate_sets(checked, ids)
        entries = cast(list[RowPlan], made)  # (an existing row's entry is made above)
        changed = list(map(not_, unchanged))
        for index, user in zip(compress(kept, changed), compress(kept_users, changed), strict=True):
            self._classify_existing(entries[index], user)
        for siblings in duplicates.values():
            for index in siblings:
                self._mark_duplicate(rows[index], siblings)
        return rows

    def _make_entries(
        self,
        made: list[RowPlan | None],
        new: list[bool],
        existing: tuple[list[int], list[ExistingUser], list[bool]],
        checked: CheckedRows,
    ) -> None:
        """The entries made now: every one is a created one until classified; those
        the columnar classification classifies (existing and left-out rows: no login
        or groups of their own) are made here, the unchanged ones as such
        (``existing``: the rows, their users, and whether unchanged). A new account's
        stays None: :class:`PlanRows` makes it when asked for (login allocated, the
        row's groups)."""
        lines, values = self.table.line_numbers, checked.values
        for index, row in unchanged_entries(*existing, lines, values):
            made[index] = row
        others = map(and_, map(not_, new), map(is_, made, repeat(None)))
        for index in compress(range(len(made)), others):
            made[index] = RowPlan(index, lines[index], RowAction.CREATE, values[index])

    def _unchanged(
        self, kept: list[int], users: list[ExistingUser], checked: CheckedRows
    ) -> list[bool]:
        """Which of the existing rows at ``kept`` (valid, of this account type, their
        users ``users``) :meth:`_classify_existing` would find unchanged with no
        question asked (:class:`UnchangedTest`: in C-level maps). Without login cells
        (:meth:`_columnar`) no row changes a login."""
        options, state = self.options, self.state
        if not kept or not options.match_users:
            return [False] * len(kept)
        if self.scope is not None and state.school_id not in self.scope:
            return [False] * len(kept)
        values = take(checked.values, kept)
        reserved = self.logins.reserved
        test = UnchangedTest(
            own=(state.school_id, options.account_type, UserStatus.ACTIVE.value),
            fields=person_fields(self.fields_mapped),
            # (every user's login is in login_owner: usually none is reserved)
            reserved=frozenset() if reserved.isdisjoint(state.login_owner) else reserved,
            memberships=state.memberships,
            wanted=wanted_groups(values, self.refs) if self.groups_mapped else None,
        )
        return test.of(users, values)

    def _mark_similar(
        self, rows: PlanRows, values: Sequence[RowValues], fresh: Sequence[int]
    ) -> None:
        """The new rows (at ``fresh``) that look like a user of another source made
        conflicts, as :meth:`_classify_new` makes them. The exact key is made only for
        the rows whose birth date and folded first name (C-level maps) some look-alike
        has; most rows have none. First names are compared as they are when none has
        other spaces than single ones between words (one search of them all), else
        without spaces. Only the matched rows' entries are made (:class:`PlanRows`)."""
        index = self.state.similar_index
        dates = {key[2] for key in index}
        new_values = take(values, fresh)  # (no entry made for them)
        names = list(map(str.casefold, map(_FIRST, new_values)))
        if _irregular_spaces(names):
            names = list(map(str.translate, names, repeat(_NO_SPACE)))
            firsts = {key[1].translate(_NO_SPACE) for key in index}
        else:
            firsts = {key[1] for key in index}
        dated = map(dates.__contains__, map(_BIRTH, new_values))
        named = map(firsts.__contains__, names)
        for i in compress(fresh, map(and_, dated, named)):
            similar = self._similar(values[i])
            if similar is not None:
                self._possible_duplicate(rows[i], similar)

    def _possible_duplicate(self, row: RowPlan, similar: ExistingUser) -> None:
        message = Message(
            Reason.POSSIBLE_DUPLICATE, {"login": similar.login, "source": similar.source}
        )
        self._conflict(
            row,
            ConflictKind.POSSIBLE_DUPLICATE,
            message,
            other=similar.id,
            resolved=RowAction.CREATE,
        )

    def _login_bases(self, checked: CheckedRows, indexes: Sequence[int]) -> list[str]:
        """The login bases of the rows at ``indexes`` (new accounts without a login of
        their own), worked out all at once: taken from the file's keys when they were
        made for these rows and this scheme."""
        keys = self.state.keys
        if (
            keys is not None
            and keys.scheme == self.scheme.template
            and keys.values is checked.values
        ):
            return keys.bases_of(indexes)
        first, last, ids = (checked.columns[f] for f in _PERSON)
        parts = (list(map(column.__getitem__, indexes)) for column in (first, last, ids))
        return self.scheme.bases_of_columns(*parts)

    def _rows(self, checked: CheckedRows) -> PlanRows:
        """One plan entry per row: to be created until classified, or invalid."""
        count = len(checked.values)
        made = list(
            map(
                RowPlan,
                range(count),
                self.table.line_numbers,
                repeat(RowAction.CREATE, count),
                checked.values,
            )
        )
        rows = PlanRows(cast(list[RowPlan | None], made))
        self._set_apart(rows, checked)
        return rows

    @staticmethod
    def _set_apart(rows: PlanRows, checked: CheckedRows) -> None:
        """The invalid rows and those of another account type marked as such."""
        for index, reasons in checked.reasons.items():
            rows[index].action, rows[index].reasons = RowAction.INVALID, reasons
        for index in checked.other_type:
            rows[index].action = RowAction.OTHER_TYPE

    def _new_login_bases(self, checked: CheckedRows) -> dict[int, str]:
        """The login bases of the rows that will be new accounts without a login of
        their own, worked out all at once (by row index)."""
        columns, count = checked.columns, len(checked.values)
        existing = self.state.users_by_source_id
        new = [
            not (login or source_id in existing)  # an empty cell: no login of its own
            for source_id, login in zip(columns[Field.SOURCE_ID], columns[Field.LOGIN], strict=True)
        ]
        for index in (*checked.reasons, *checked.other_type):
            new[index] = False
        rows = list(compress(range(count), new))
        return dict(zip(rows, self._login_bases(checked, rows), strict=True))

    @staticmethod
    def _duplicate_sets(checked: CheckedRows, source_ids: list[str]) -> dict[str, tuple[int, ...]]:
        """The rows of each source ID that more than one valid row of this account
        type holds (by the rows' values; no plan entry made for it)."""
        if len(set(source_ids)) == len(source_ids):
            return {}  # every ID once (the usual file)
        left_out = {*checked.reasons, *checked.other_type}
        valid = [i for i in range(len(checked.values)) if i not in left_out]
        ids = [checked.values[i].source_id for i in valid]
        counts = Counter(ids)  # counted in C
        repeated = {sid for sid, count in counts.items() if count > 1}
        if not repeated:
            return {}
        by_id: defaultdict[str, list[int]] = defaultdict(list)
        for index, sid in zip(valid, ids, strict=True):
            if sid in repeated:
                by_id[sid].append(index)
        return {sid: tuple(idx) for sid, idx in by_id.items()}

    def _classify_existing(self, row: RowPlan, user: ExistingUser) -> None:
        row.user_id = user.id
        row.login = user.login
        if self.scope is not None and user.school_id not in self.scope:
            school = self.state.school_names.get(user.school_id, str(user.school_id))
            self._reject(row, Message(Reason.OUT_OF_SCOPE, {"login": user.login, "school": school}))
            return
        if self.logins.is_reserved(user.login):
            self._reject(row, Message(Reason.RESERVED_ACCOUNT, {"login": user.login}))
            return
        if user.account_type != self.options.account_type:
            self._conflict(
                row,
                ConflictKind.OTHER_ACCOUNT_TYPE,
                Message(
                    Reason.OTHER_ACCOUNT_TYPE,
                    {"source_id": user.source_id, "account_type": user.account_type},
                ),
                other=user.id,
                resolved=None,
            )
            return
        action = self._diff(row, user)
        if not self.options.match_users:
            self._conflict(
                row,
                ConflictKind.SOURCE_ID_EXISTS,
                Message(
                    Reason.SOURCE_ID_EXISTS, {"source_id": user.source_id, "login": user.login}
                ),
                other=user.id,
                resolved=action,
            )
            return
        wanted = row.values.login
        if wanted is not None and wanted != user.login:  # the file changes the login
            login_problem = self._take_login(wanted)
            if login_problem is None:
                row.changes = [*row.changes, _login_change(user.login, wanted)]
                if action is RowAction.UNCHANGED:  # the login is the row's only change
                    action = RowAction.UPDATE
            else:
                self._conflict(
                    row, ConflictKind.LOGIN_TAKEN, login_problem, other=None, resolved=action
                )
                return
        row.action = action

    def _diff(self, row: RowPlan, user: ExistingUser) -> RowAction:
        target = self.refs(row.values.groups) if self.groups_mapped else None
        changes, added, removed = diff_existing(
            row.values, user, self.fields_mapped, target, self.state
        )
        row.changes, row.groups_added, row.groups_removed = changes, added, removed
        if user.status != UserStatus.ACTIVE:
            return RowAction.REACTIVATE
        return RowAction.UPDATE if (changes or added or removed) else RowAction.UNCHANGED

    def _take_login(self, wanted: str) -> Message | None:
        """Take the login a row of the file gives, or say why it cannot be had."""
        if self.logins.is_reserved(wanted):
            return Message(Reason.LOGIN_RESERVED, {"login": wanted})
        if wanted in self.logins.used:
            return Message(Reason.LOGIN_TAKEN, {"login": wanted})
        self.logins.take(wanted)
        return None

    def _classify_new(self, row: RowPlan) -> None:
        values = row.values
        if self.groups_mapped:
            row.groups_added = creation_groups(row) if row.groups_ignored else values.groups
        wanted = values.login
        login_problem: Message | None = None
        if wanted is not None:
            login_problem = self._take_login(wanted)
            if login_problem is None:
                row.login = wanted
        if row.login is None:
            base = self.bases.get(row.index) if row.index is not None else None
            if base is None:
                base = self.scheme.base(values.first_name, values.last_name, values.source_id)
            row.login = self.logins.allocate(base)
        row.new_login = row.login
        similar = self._similar(values) if self.state.similar_index else None
        renamed = self._renamed(values) if self.renames and similar is None else None
        if renamed is not None:
            user, field = renamed
            message = Message(Reason.POSSIBLE_RENAME, {"login": user.login, "field": field})
            self._conflict(
                row,
                ConflictKind.POSSIBLE_DUPLICATE,
                message,
                other=user.id,
                resolved=RowAction.CREATE,
            )
        elif similar is not None:
            self._possible_duplicate(row, similar)
        elif login_problem is not None:
            self._conflict(
                row, ConflictKind.LOGIN_TAKEN, login_problem, other=None, resolved=RowAction.CREATE
            )
        else:
            row.action = RowAction.CREATE

    def _similar(self, values: RowValues) -> ExistingUser | None:
        if values.birth_date is None or not self.state.similar_index:
            return None
        key = similarity_key(values.last_name, values.first_name, values.birth_date)
        candidates = self.state.similar_index.get(key)
        return candidates[0] if candidates else None

    def _renamed(self, values: RowValues) -> tuple[ExistingUser, str] | None:
        """The absent user of this source whose identity differs from the row's in
        one field only (a corrected name or birth date), and that field."""
        identity = self.mapping.identity
        for key in rename_keys(row_parts(values, identity)):
            user = self.renames.get(key)
            if user is not None:
                return user, identity[len(identity) - 1 - key[0]].value
        return None

    @staticmethod
    def _reject(row: RowPlan, message: Message) -> None:
        row.action = RowAction.INVALID
        row.reasons = [*row.reasons, message]

    @staticmethod
    def _conflict(
        row: RowPlan,
        kind: ConflictKind,
        message: Message,
        other: int | None,
        resolved: RowAction | None,
    ) -> None:
        row.action = RowAction.CONFLICT
        row.conflict = Conflict(kind, message, CONFLICT_CHOICES[kind], other_user_id=other)
        row.resolved_action = resolved

    def _mark_duplicate(self, row: RowPlan, siblings: tuple[int, ...]) -> None:
        keepable = row.action is not RowAction.CONFLICT
        resolved = row.action if keepable else None
        kind = ConflictKind.DUPLICATE_SOURCE_ID
        choices = CONFLICT_CHOICES[kind] if keepable else (Resolution.SKIP,)
        message = Message(Reason.DUPLICATE_SOURCE_ID, {"source_id": row.values.source_id})
        row.action = RowAction.CONFLICT
        row.conflict = Conflict(
            kind, message, choices, other_user_id=row.user_id, sibling_rows=siblings
        )
        row.resolved_action = resolved


_BIRTH, _FIRST = attrgetter("birth_date"), attrgetter("first_name")


def _irregular_spaces(names: list[str]) -> bool:
    """Whether a name may hold other whitespace than single spaces between words: a
    space first or last, two in a row, or an unprintable character (every other kind of
    whitespace is one). Scans of the joined names at C speed (a regular expression's
    alternatives cost 180 M instructions for 50,000 names); "|" in a name may say yes
    wrongly, which only costs the slower comparison."""
    joined = "|".join(names)
    ends = joined[:1] == " " or joined[-1:] == " "
    return ends or not joined.isprintable() or "  " in joined or " |" in joined or "| " in joined


# What str.split() splits at (tests/engine/test_plan_columnar.py checks it against
# str.isspace): deleted before a folded first name is compared with a look-alike's.
_NO_SPACE = dict.fromkeys(
    [*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B)]
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
)
_PERSON = (Field.FIRST_NAME, Field.LAST_NAME, Field.SOURCE_ID)  # a login base's parts


def _ignored(names: Sequence[str], groups: dict[str, GroupNeed]) -> list[str]:
    """The groups of a row that do not exist and are ignored (SPEC §2.4)."""
    return [groups[group_name_key(g)].name for g in names if groups[group_name_key(g)].ignored]


def _login_change(old: str, new: str) -> FieldChange:
    return FieldChange("login", old, new)
