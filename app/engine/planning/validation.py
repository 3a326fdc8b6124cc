"""From the cells of one row to normalised values and every reason it is invalid.

The rules of SPEC §2.6: required values, dates, e-mail addresses, lengths, control
characters. A row with any reason is not processed; all reasons are reported.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import TypeVar

from app.engine.planning.accounttypes import account_type_of
from app.engine.planning.dates import _parse_date, date_reason, parse_date, parse_dates
from app.engine.planning.distinct import map_distinct
from app.engine.planning.identity import derive, derive_column, part
from app.engine.planning.mapping import ColumnMapping, Field
from app.engine.planning.results import RowValues, ValueColumns
from app.engine.reading.table import clean_cells
from app.engine.reasons import Message, Reason
from app.models import group_name_key

__all__ = ["CheckedRows", "RowValidator", "parse_date", "split_groups", "validate_row"]

MAX_NAME = 64
MAX_EMAIL = 254
MAX_SOURCE_ID = 100
MAX_LOGIN = 64
MAX_GROUP_NAME = 100

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# Group lists as people write them: "5a, Chor", "5a;Chor", Chamilo's "MATHE|BIO".
_GROUP_SPLIT = re.compile(r"[,;|]")
_GROUP_SPLIT_NO_SEMICOLON = re.compile(r"[,|]")  # in a file whose delimiter is ";"

# Unicode category Cc (C0 and C1 controls) and lone surrogates (Cs).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Invisible format characters pasted into names from web pages and word processors:
# direction marks and embeddings (which can make a name display as another), zero-width
# space, word joiner, byte order mark. Removed from names and groups (docs/decisions.md);
# the zero-width (non-)joiners stay: Persian and Indic names need them.
_INVISIBLE = dict.fromkeys(
    [0x061C, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), 0x2060, *range(0x2066, 0x206A)]
    + [0xFEFF],
    None,
)


# Every one of them is unprintable (category Cf): a printable text holds none.
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def without_invisible(cells: list[str]) -> list[str]:
    """The cells without direction marks and zero-width spaces (usually none: one scan
    of the joined column finds that)."""
    joined = "".join(cells)
    if joined.isascii() or _INVISIBLE_RE.search(joined) is None:
        return cells
    return [c.translate(_INVISIBLE).strip() if _INVISIBLE_RE.search(c) else c for c in cells]


def group_splitter(delimiter: str | None) -> re.Pattern[str]:
    """Where a group cell is split: ``,`` ``;`` ``|``, but not at the file's delimiter."""
    return _GROUP_SPLIT_NO_SEMICOLON if delimiter == ";" else _GROUP_SPLIT


def split_groups(cells: Sequence[str], splitter: re.Pattern[str] = _GROUP_SPLIT) -> list[str]:
    """Group names from one or several columns, lists split at ``,``, ``;`` and ``|``.

    Duplicates (same name ignoring case and spaces) are dropped, order kept.
    """
    seen: set[str] = set()
    names: list[str] = []
    for cell in cells:
        for piece in splitter.split(cell) if cell else ():
            name = " ".join(piece.split())
            key = group_name_key(name)
            if name and key not in seen:
                seen.add(key)
                names.append(name)
    return names


def split_group_lists(
    combinations: Iterable[Sequence[str]], splitter: re.Pattern[str] = _GROUP_SPLIT
) -> list[list[str]]:
    """``[split_groups(cells, splitter) for cells in combinations]``, each distinct
    cell split once: a file's combinations of class and courses are many (1,250 in
    the bench's 50,000 rows), its distinct cells few (a class column's 32, a course
    column's 156)."""
    pieces: dict[str, list[tuple[str, str]]] = {}  # a cell's names and their keys
    lists: list[list[str]] = []
    for cells in combinations:
        seen: set[str] = set()
        names: list[str] = []
        for cell in cells:
            found = pieces.get(cell)
            if found is None:
                found = pieces[cell] = _pieces(cell, splitter)
            for name, key in found:
                if key not in seen:
                    seen.add(key)
                    names.append(name)
        lists.append(names)
    return lists


def _pieces(cell: str, splitter: re.Pattern[str]) -> list[tuple[str, str]]:
    """A cell's group names (as :func:`split_groups` makes them) with their keys."""
    names = (" ".join(piece.split()) for piece in splitter.split(cell)) if cell else ()
    return [(name, group_name_key(name)) for name in names if name]


_SINGLE_FIELDS: tuple[Field, ...] = tuple(f for f in Field if f not in (Field.GROUPS, Field.IGNORE))
_NAME_INDEXES = (_SINGLE_FIELDS.index(Field.LAST_NAME), _SINGLE_FIELDS.index(Field.FIRST_NAME))
_BIRTH_INDEX = _SINGLE_FIELDS.index(Field.BIRTH_DATE)
_LIMITS = (
    (Field.LAST_NAME, MAX_NAME),
    (Field.FIRST_NAME, MAX_NAME),
    (Field.SOURCE_ID, MAX_SOURCE_ID),
)


@dataclass(slots=True)
class CheckedRows:
    """What :meth:`RowValidator.validate_all` found, for rows ``0 … n-1``."""

    # every row's (rows with the same group cells share a list): a list, or the
    # columns they are made of when asked for (validate_all's, :class:`ValueColumns`)
    values: list[RowValues] | ValueColumns
    reasons: dict[int, list[Message]]  # why, for each invalid row
    group_lists: list[list[str]]  # each distinct ``values.groups``, first seen first
    columns: dict[Field, list[str]]  # each field's cells, cleaned
    # Rows of another account type than the run's (an account-type column): left out.
    other_type: set[int] = field(default_factory=set)

    def pairs(self) -> list[tuple[RowValues, list[Message]]]:
        """``[validator(cells) for cells in rows]``: each row's values and reasons."""
        return [(values, self.reasons.get(i, [])) for i, values in enumerate(self.values)]


class RowValidator:
    """Validates rows against one mapping; the column lookups are done once.

    ``account_type`` is the run's: with an account-type column, the rows of other
    types are set apart (:attr:`CheckedRows.other_type`) instead of checked.
    ``delimiter`` is the file's: a group list is not split at it.
    """

    def __init__(
        self,
        mapping: ColumnMapping,
        today: date | None = None,
        account_type: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        found = (mapping.column_of(f) for f in _SINGLE_FIELDS)
        self.columns = tuple(-1 if c is None else c for c in found)
        self.group_columns = mapping.columns_of(Field.GROUPS)
        self.today = today or date.today()
        self.identity = mapping.identity
        self.account_type = account_type
        self.splitter = group_splitter(delimiter)
        self.typed = self.columns[_SINGLE_FIELDS.index(Field.ACCOUNT_TYPE)] >= 0

    def _cells(self, cells: Sequence[str]) -> tuple[list[str], list[str], bool]:
        """The mapped cells and the group cells, trimmed and NFC, names and groups
        without invisible marks; and whether any holds a control character."""
        n = len(cells)
        values = clean_cells(cells[c] if 0 <= c < n else "" for c in self.columns)
        for i in _NAME_INDEXES:
            values[i] = without_invisible([values[i]])[0]
        groups = without_invisible(clean_cells(cells[c] for c in self.group_columns if c < n))
        return values, groups, _CONTROL.search("\ue000".join(values + groups)) is not None

    def __call__(self, cells: Sequence[str]) -> tuple[RowValues, list[Message]]:
        """The row's values and every reason it cannot be processed (empty if valid)."""
        cleaned, group_cells, has_control = self._cells(cells)
        get: dict[Field, str] = dict(zip(_SINGLE_FIELDS, cleaned, strict=True))
        birth = None
        if get[Field.BIRTH_DATE]:
            birth = _parse_date(get[Field.BIRTH_DATE], self.today)
        if self.identity:
            get[Field.SOURCE_ID] = derive(
                [part(get[f], birth if f is Field.BIRTH_DATE else None) for f in self.identity]
            )
        reasons = _basic_reasons(get, group_cells, has_control)
        if get[Field.BIRTH_DATE] and birth is None:
            reasons.append(date_reason(Field.BIRTH_DATE.value, get[Field.BIRTH_DATE], self.today))
        email = get[Field.EMAIL] or None
        if email is not None:
            if len(email) > MAX_EMAIL:
                reasons.append(Message(Reason.TOO_LONG, {"field": "email", "limit": MAX_EMAIL}))
            elif not _EMAIL.match(email):
                reasons.append(Message(Reason.INVALID_EMAIL, {"value": email}))
        login = get[Field.LOGIN].lower() or None
        if login is not None and (len(login) > MAX_LOGIN or not _LOGIN.match(login)):
            reasons.append(Message(Reason.INVALID_LOGIN, {"value": login}))
        if self.typed:
            reasons.extend(_type_reasons(get[Field.ACCOUNT_TYPE]))
        groups = split_groups(group_cells, self.splitter)
        if any(len(name) > MAX_GROUP_NAME for name in groups):
            reasons.append(Message(Reason.TOO_LONG, {"field": "groups", "limit": MAX_GROUP_NAME}))
        values = RowValues(
            source_id=get[Field.SOURCE_ID],
            last_name=get[Field.LAST_NAME],
            first_name=get[Field.FIRST_NAME],
            birth_date=birth,
            email=email,
            login=login,
            groups=groups,
        )
        return values, reasons

    def validate_all(
        self,
        rows: Sequence[Sequence[str]],
        clean: bool = True,
        cells: list[str] | None = None,
        printable: bool = False,
    ) -> CheckedRows:
        """``[self(cells) for cells in rows]`` (:meth:`CheckedRows.pairs`), column by column.

        Each column is cleaned in one pass, and every check runs once per distinct
        value (names, dates, classes and course lists repeat a lot). A row any check
        finds fault with goes through :meth:`__call__`, so its reasons are exactly the
        per-row ones; the other rows' values are assembled from the cleaned columns.
        ``cells`` (with ``clean`` off) are the rows' cells one row after another, all
        rows equally wide (:meth:`~app.engine.reading.table.Table.flat_cells`): each
        column is then a slice of them; ``printable``, that every one of them is
        printable (then no column needs a scan for marks or control characters).
        """
        count = len(rows)
        wanted = (*self.columns, *self.group_columns)
        if cells is not None and count and not clean and len(cells) % count == 0:
            width = len(cells) // count
            taken = [cells[c::width] if 0 <= c < width else [""] * count for c in wanted]
            scanned = printable  # every cell of every column: the reader's one scan
        else:
            scanned = False
            squared = bool(count) and min(map(len, rows)) == max(map(len, rows))
            taken = _columns(rows, wanted, count, squared, clean)
        singles, group_cols = taken[: len(self.columns)], taken[len(self.columns) :]
        faulty: set[int] = set()
        # Names and groups lose their invisible marks. One scan of each column finds
        # none of them and no control character when it is printable (the usual case).
        marked = {*_NAME_INDEXES, *range(len(singles), len(singles) + len(group_cols))}
        for number, column in enumerate(() if scanned else (*singles, *group_cols)):
            joined = " ".join(column)
            if joined.isprintable():
                continue
            if number in marked:
                column = without_invisible(column)
                if number < len(singles):
                    singles[number] = column
                else:
                    group_cols[number - len(singles)] = column
                joined = " ".join(column)
            if _CONTROL.search(joined):
                faulty.update(i for i, v in enumerate(column) if _CONTROL.search(v))
        get = dict(zip(_SINGLE_FIELDS, singles, strict=True))
        dates = get[Field.BIRTH_DATE]
        births: list[date | None] = [None] * count
        if self.columns[_BIRTH_INDEX] >= 0:  # (else every cell is empty)
            births = self._births(dates, faulty)
        if self.identity:
            get[Field.SOURCE_ID] = derive_column(self.identity, get, births)
        # The lengths of each checked column's cells, in one pass of it: an empty
        # required cell (0) and an over-long one are looked for among a few numbers.
        lengths = {fld: set(map(len, get[fld])) for fld in _MEASURED}
        for fld in REQUIRED:
            if 0 in lengths[fld]:
                faulty.update(i for i, v in enumerate(get[fld]) if not v)
        for fld, limit in _LIMITS:
            if max(lengths[fld], default=0) > limit:
                faulty.update(i for i, v in enumerate(get[fld]) if len(v) > limit)
        if self.columns[_SINGLE_FIELDS.index(Field.EMAIL)] >= 0:  # (else all empty: valid)
            emails_ok = _each_distinct(get[Field.EMAIL], _email_ok)
            if False in emails_ok:
                faulty.update(i for i, ok in enumerate(emails_ok) if not ok)
        logins: list[str | None] = [None] * count
        if self.columns[_SINGLE_FIELDS.index(Field.LOGIN)] >= 0:
            logins = [v.lower() or None for v in get[Field.LOGIN]]
            valid_logins = _each_distinct(logins, _login_ok)
            if False in valid_logins:
                faulty.update(i for i, ok in enumerate(valid_logins) if not ok)
        other = self._other_type(get[Field.ACCOUNT_TYPE], faulty)

        def group_cells() -> Iterator[tuple[str, ...]]:
            """Each row's group cells: a new zip for each pass, which makes no tuple per
            row where nobody keeps it (it hands out its one tuple again)."""
            return zip(*group_cols, strict=True) if group_cols else repeat((), count)

        # In the order the file first has them; one list per distinct combination,
        # found in one pass over the cells: each row's combination gives the first
        # row that has it (a number, cheaper to look up again than the combination).
        firsts: dict[tuple[str, ...], int] = {}
        first_of = list(map(firsts.setdefault, group_cells(), itertools.count()))
        distinct = dict(zip(firsts, split_group_lists(firsts, self.splitter), strict=True))
        # (every name's length at once: a combination's names are the cells' names)
        names_of = chain.from_iterable(distinct.values())
        too_long: set[tuple[str, ...]] = set()
        if max(map(len, names_of), default=0) > MAX_GROUP_NAME:
            too_long = {
                cells
                for cells, names in distinct.items()
                if any(len(name) > MAX_GROUP_NAME for name in names)
            }
        if too_long:
            faulty.update(i for i, cells in enumerate(group_cells()) if cells in too_long)
        lists_at: list[list[str]] = [[]] * count  # (only the first rows' are looked up)
        for first, names in zip(firsts.values(), distinct.values(), strict=True):
            lists_at[first] = names
        groups = list(map(lists_at.__getitem__, first_of))
        emails: list[str | None] = [None] * count
        if self.columns[_SINGLE_FIELDS.index(Field.EMAIL)] >= 0:
            emails = [v or None for v in get[Field.EMAIL]]
        # RowValues' fields in their order (the property test compares with __call__),
        # each row's made when asked for (a new account's: when shown or run).
        fields = (get[Field.SOURCE_ID], get[Field.LAST_NAME], get[Field.FIRST_NAME])
        values = ValueColumns([*fields, births, emails, logins, groups])
        lists = list(distinct.values())
        if other:  # their groups are not this run's to find or create
            mine = [i not in other for i in range(count)]
            lists = [distinct[c] for c in dict.fromkeys(compress(group_cells(), mine))]
        checked = CheckedRows(values, {}, lists, get, other)
        for i in faulty - other:
            checked.values[i], reasons = self(rows[i])  # the same cells: the same columns
            if reasons:
                checked.reasons[i] = reasons
        return checked

    def _births(self, dates: list[str], faulty: set[int]) -> list[date | None]:
        """Each row's birth date (None: none, or ``faulty`` gets the row), each
        distinct text parsed once (:func:`map_distinct`)."""
        failed = False

        def parse(distinct: list[str]) -> list[date | None]:
            nonlocal failed
            texts = [text for text in distinct if text]
            parsed = dict(zip(texts, parse_dates(texts, self.today), strict=True))
            failed = None in parsed.values()
            return list(map(parsed.get, distinct))  # (an empty cell: no date)

        births = map_distinct(parse, dates)
        if failed:
            faulty.update(i for i, v in enumerate(dates) if v and births[i] is None)
        return births

    def _other_type(self, types: list[str], faulty: set[int]) -> set[int]:
        """The rows of another account type; rows whose type is none are faulty."""
        if not self.typed:
            return set()
        known = {v: account_type_of(v) for v in set(types)}
        if None in known.values():
            faulty.update(i for i, v in enumerate(types) if known[v] is None)
        if self.account_type is None:
            return set()
        return {i for i, v in enumerate(types) if known[v] not in (None, self.account_type)}

    def group_lists(self, rows: Sequence[Sequence[str]]) -> list[list[str]]:
        """The group names of each distinct combination of group cells, in the order
        the file first has them (as each row's ``values.groups``, without the rest);
        rows of another account type left out."""
        count = len(rows)
        squared = bool(count) and min(map(len, rows)) == max(map(len, rows))
        columns = [without_invisible(_column(rows, c, count, squared)) for c in self.group_columns]
        if not columns:
            return []
        combos = list(zip(*columns, strict=True))
        if self.typed and self.account_type is not None:
            types = _column(rows, self.columns[_SINGLE_FIELDS.index(Field.ACCOUNT_TYPE)], count)
            mine = [account_type_of(v) in (None, self.account_type) for v in types]
            combos = list(compress(combos, mine))
        return [split_groups(cells, self.splitter) for cells in dict.fromkeys(combos)]


def _column(
    rows: Sequence[Sequence[str]],
    column: int,
    count: int,
    squared: bool = False,
    clean: bool = True,
) -> list[str]:
    """One column's cells of every row, trimmed and NFC (as :meth:`RowValidator._cells`);
    without ``clean`` as they are (a :class:`~app.engine.reading.table.Table`'s already are)."""
    if column < 0:
        return [""] * count
    if squared and count and len(rows[0]) > column:  # every row has the column
        cells: Iterable[str] = map(itemgetter(column), rows)
    else:
        cells = (r[column] if column < len(r) else "" for r in rows)
    return clean_cells(cells) if clean else list(cells)


def _columns(
    rows: Sequence[Sequence[str]],
    columns: Sequence[int],
    count: int,
    squared: bool,
    clean: bool,
) -> list[list[str]]:
    """``[_column(rows, c, count, squared, clean) for c in columns]``; the rows turned
    into columns at once (one C-level ``zip``) when most of a table's columns are
    wanted, instead of one ``itemgetter`` call per cell."""
    width = len(rows[0]) if squared and count else 0
    present = {c for c in columns if 0 <= c < width}
    if not present or len(present) * 2 < width:
        return [_column(rows, c, count, squared, clean) for c in columns]
    turned = list(zip(*rows, strict=True))
    cells = {c: clean_cells(turned[c]) if clean else list(turned[c]) for c in present}
    return [cells[c] if c in present else [""] * count for c in columns]


_T = TypeVar("_T")
_R = TypeVar("_R")


def _each_distinct(values: Sequence[_T], check: Callable[[_T], _R]) -> list[_R]:
    """``[check(v) for v in values]``, calling ``check`` once per distinct value."""
    return map_distinct(lambda distinct: list(map(check, distinct)), values)


def _email_ok(value: str) -> bool:
    return not value or (len(value) <= MAX_EMAIL and _EMAIL.match(value) is not None)


def _login_ok(value: str | None) -> bool:
    return value is None or (len(value) <= MAX_LOGIN and _LOGIN.match(value) is not None)


def _basic_reasons(
    get: dict[Field, str], group_cells: Sequence[str], has_control: bool
) -> list[Message]:
    reasons: list[Message] = []
    for fld in REQUIRED:
        if not get[fld]:
            reasons.append(Message(Reason.MISSING_REQUIRED, {"field": fld.value}))
    for fld, limit in _LIMITS:
        if len(get[fld]) > limit:
            reasons.append(Message(Reason.TOO_LONG, {"field": fld.value, "limit": limit}))
    if not has_control:
        return reasons
    for fld in _SINGLE_FIELDS:
        if _CONTROL.search(get[fld]):
            reasons.append(Message(Reason.CONTROL_CHARACTERS, {"field": fld.value}))
    if any(_CONTROL.search(c) for c in group_cells):
        reasons.append(Message(Reason.CONTROL_CHARACTERS, {"field": Field.GROUPS.value}))
    return reasons


REQUIRED = (Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME)
# The columns whose cells' lengths are checked (required: not 0; limited).
_MEASURED = frozenset(REQUIRED) | {fld for fld, _limit in _LIMITS}


def _type_reasons(value: str) -> list[Message]:
    """Why an account-type cell names no type (empty: none)."""
    if not value:
        return [Message(Reason.MISSING_REQUIRED, {"field": Field.ACCOUNT_TYPE.value})]
    if account_type_of(value) is None:
        return [Message(Reason.ACCOUNT_TYPE_UNKNOWN, {"value": value})]
    return []


def validate_row(
    cells: Sequence[str], mapping: ColumnMapping, today: date | None = None
) -> tuple[RowValues, list[Message]]:
    """One row on its own (the planner keeps a :class:`RowValidator` for many)."""
    return RowValidator(mapping, today)(cells)
