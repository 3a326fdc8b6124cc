"""From the cells of one row to normalised values and every reason it is invalid.

The rules of SPEC §2.6: required values, dates, e-mail addresses, lengths, control
characters. A row with any reason is not processed; all reasons are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import TypeVar

from app.engine.mapping import ColumnMapping, Field
from app.engine.reasons import Message, Reason
from app.engine.results import RowValues
from app.engine.table import clean_cells
from app.models import group_name_key

MAX_NAME = 64
MAX_EMAIL = 254
MAX_SOURCE_ID = 100
MAX_LOGIN = 64
MAX_GROUP_NAME = 100

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_GROUP_SPLIT = re.compile(r"[,;]")
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%y")
_EXCEL_EPOCH = date(1899, 12, 30)
_MIN_YEAR = 1900


# Unicode category Cc (C0 and C1 controls) and lone surrogates (Cs).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def parse_date(text: str, today: date | None = None) -> date | None:
    return _parse_date(text.strip(), today or date.today())


@lru_cache(maxsize=65536)
def _parse_date(value: str, today: date) -> date | None:
    """A birth date in the spellings school exports use, or None if it is none.

    ISO, German (``31.12.2010``, also two-digit years), ``31/12/2010``, a date with a
    time part, and Excel serial numbers. Dates before 1900 or after today are refused.
    """
    parsed: date | None = None
    quick = _DMY.fullmatch(value) or _ISO.fullmatch(value)
    if quick is not None:
        a, b, c = (int(x) for x in quick.groups())
        day, month, year = (a, b, c) if quick.re is _DMY else (c, b, a)
        try:
            parsed = date(year, month, day)
        except ValueError:
            return None
    elif re.fullmatch(r"\d{1,5}(\.0+)?", value):
        serial = int(float(value))
        if 1 <= serial <= 2958465:
            parsed = _EXCEL_EPOCH + timedelta(days=serial)
    else:
        candidate = value.split("T")[0].split(" ")[0]
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
            if fmt.endswith("%y") and parsed > today:  # two-digit year of the last century
                parsed = parsed.replace(year=parsed.year - 100)
            break
    if parsed is None or parsed.year < _MIN_YEAR or parsed > today:
        return None
    return parsed


def split_groups(cells: Sequence[str]) -> list[str]:
    """Group names from one or several columns, lists split at ``,`` and ``;``.

    Duplicates (same name ignoring case and spaces) are dropped, order kept.
    """
    seen: set[str] = set()
    names: list[str] = []
    for cell in cells:
        for part in _GROUP_SPLIT.split(cell) if cell else ():
            name = " ".join(part.split())
            key = group_name_key(name)
            if name and key not in seen:
                seen.add(key)
                names.append(name)
    return names


_SINGLE_FIELDS: tuple[Field, ...] = tuple(f for f in Field if f not in (Field.GROUPS, Field.IGNORE))
_LIMITS = (
    (Field.LAST_NAME, MAX_NAME),
    (Field.FIRST_NAME, MAX_NAME),
    (Field.SOURCE_ID, MAX_SOURCE_ID),
)


@dataclass(slots=True)
class CheckedRows:
    """What :meth:`RowValidator.validate_all` found, for rows ``0 … n-1``."""

    values: list[RowValues]  # every row's (rows with the same group cells share a list)
    reasons: dict[int, list[Message]]  # why, for each invalid row
    group_lists: list[list[str]]  # each distinct ``values.groups``, first seen first
    columns: dict[Field, list[str]]  # each field's cells, cleaned

    def pairs(self) -> list[tuple[RowValues, list[Message]]]:
        """``[validator(cells) for cells in rows]``: each row's values and reasons."""
        return [(values, self.reasons.get(i, [])) for i, values in enumerate(self.values)]


class RowValidator:
    """Validates rows against one mapping; the column lookups are done once."""

    def __init__(self, mapping: ColumnMapping, today: date | None = None) -> None:
        found = (mapping.column_of(f) for f in _SINGLE_FIELDS)
        self.columns = tuple(-1 if c is None else c for c in found)
        self.group_columns = mapping.columns_of(Field.GROUPS)
        self.today = today or date.today()

    def _cells(self, cells: Sequence[str]) -> tuple[list[str], list[str], bool]:
        """The mapped cells and the group cells, trimmed and NFC; and whether any of
        them holds a control character (one scan of the whole row, the common case)."""
        n = len(cells)
        values = clean_cells(cells[c] if 0 <= c < n else "" for c in self.columns)
        groups = clean_cells(cells[c] for c in self.group_columns if c < n)
        return values, groups, _CONTROL.search("\ue000".join(values + groups)) is not None

    def __call__(self, cells: Sequence[str]) -> tuple[RowValues, list[Message]]:
        """The row's values and every reason it cannot be processed (empty if valid)."""
        cleaned, group_cells, has_control = self._cells(cells)
        get: dict[Field, str] = dict(zip(_SINGLE_FIELDS, cleaned, strict=True))
        reasons = _basic_reasons(get, group_cells, has_control)
        birth = None
        if get[Field.BIRTH_DATE]:
            birth = _parse_date(get[Field.BIRTH_DATE], self.today)
            if birth is None:
                value = get[Field.BIRTH_DATE]
                params = {"field": Field.BIRTH_DATE.value, "value": value}
                reasons.append(Message(Reason.INVALID_DATE, params))
        email = get[Field.EMAIL] or None
        if email is not None:
            if len(email) > MAX_EMAIL:
                reasons.append(Message(Reason.TOO_LONG, {"field": "email", "limit": MAX_EMAIL}))
            elif not _EMAIL.match(email):
                reasons.append(Message(Reason.INVALID_EMAIL, {"value": email}))
        login = get[Field.LOGIN].lower() or None
        if login is not None and (len(login) > MAX_LOGIN or not _LOGIN.match(login)):
            reasons.append(Message(Reason.INVALID_LOGIN, {"value": login}))
        groups = split_groups(group_cells)
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

    def validate_all(self, rows: Sequence[Sequence[str]], clean: bool = True) -> CheckedRows:
        """``[self(cells) for cells in rows]`` (:meth:`CheckedRows.pairs`), column by column.

        Each column is cleaned in one pass, and every check runs once per distinct
        value (names, dates, classes and course lists repeat a lot). A row any check
        finds fault with goes through :meth:`__call__`, so its reasons are exactly the
        per-row ones; the other rows' values are assembled from the cleaned columns.
        """
        count = len(rows)
        squared = bool(count) and min(map(len, rows)) == max(map(len, rows))
        singles = [_column(rows, c, count, squared, clean) for c in self.columns]
        group_cols = [_column(rows, c, count, squared, clean) for c in self.group_columns]
        get = dict(zip(_SINGLE_FIELDS, singles, strict=True))
        faulty: set[int] = set()
        for column in (*singles, *group_cols):
            joined = " ".join(column)  # printable: no control character (the usual case)
            if not joined.isprintable() and _CONTROL.search(joined):
                faulty.update(i for i, v in enumerate(column) if _CONTROL.search(v))
        for fld in REQUIRED:
            if "" in get[fld]:
                faulty.update(i for i, v in enumerate(get[fld]) if not v)
        for fld, limit in _LIMITS:
            if max(map(len, get[fld]), default=0) > limit:
                faulty.update(i for i, v in enumerate(get[fld]) if len(v) > limit)
        dates = get[Field.BIRTH_DATE]
        parsed = {v: _parse_date(v, self.today) if v else None for v in set(dates)}
        births = list(map(parsed.__getitem__, dates))
        if any(v and d is None for v, d in parsed.items()):
            faulty.update(i for i, v in enumerate(dates) if v and births[i] is None)
        emails_ok = _each_distinct(get[Field.EMAIL], _email_ok)
        if False in emails_ok:
            faulty.update(i for i, ok in enumerate(emails_ok) if not ok)
        logins: list[str | None] = [None] * count
        if self.columns[_SINGLE_FIELDS.index(Field.LOGIN)] >= 0:
            logins = [v.lower() or None for v in get[Field.LOGIN]]
            valid_logins = _each_distinct(logins, _login_ok)
            if False in valid_logins:
                faulty.update(i for i, ok in enumerate(valid_logins) if not ok)
        group_cells = list(zip(*group_cols, strict=True)) if group_cols else [()] * count
        # In the order the file first has them; one list per distinct combination.
        distinct = {cells: split_groups(cells) for cells in dict.fromkeys(group_cells)}
        too_long = {
            cells
            for cells, names in distinct.items()
            if any(len(name) > MAX_GROUP_NAME for name in names)
        }
        if too_long:
            faulty.update(i for i, cells in enumerate(group_cells) if cells in too_long)
        groups = list(map(distinct.__getitem__, group_cells))
        emails: list[str | None] = [None] * count
        if self.columns[_SINGLE_FIELDS.index(Field.EMAIL)] >= 0:
            emails = [v or None for v in get[Field.EMAIL]]
        # RowValues' fields in their order (the property test compares with __call__).
        values = map(
            RowValues,
            get[Field.SOURCE_ID],
            get[Field.LAST_NAME],
            get[Field.FIRST_NAME],
            births,
            emails,
            logins,
            groups,
        )
        checked = CheckedRows(list(values), {}, list(distinct.values()), get)
        for i in faulty:
            checked.values[i], reasons = self(rows[i])  # the same cells: the same columns
            if reasons:
                checked.reasons[i] = reasons
        return checked

    def group_lists(self, rows: Sequence[Sequence[str]]) -> list[list[str]]:
        """The group names of each distinct combination of group cells, in the order
        the file first has them (as each row's ``values.groups``, without the rest)."""
        count = len(rows)
        squared = bool(count) and min(map(len, rows)) == max(map(len, rows))
        columns = [_column(rows, c, count, squared) for c in self.group_columns]
        if not columns:
            return []
        return [split_groups(cells) for cells in dict.fromkeys(zip(*columns, strict=True))]


def _column(
    rows: Sequence[Sequence[str]],
    column: int,
    count: int,
    squared: bool = False,
    clean: bool = True,
) -> list[str]:
    """One column's cells of every row, trimmed and NFC (as :meth:`RowValidator._cells`);
    without ``clean`` as they are (a :class:`~app.engine.table.Table`'s already are)."""
    if column < 0:
        return [""] * count
    if squared and count and len(rows[0]) > column:  # every row has the column
        cells: Iterable[str] = map(itemgetter(column), rows)
    else:
        cells = (r[column] if column < len(r) else "" for r in rows)
    return clean_cells(cells) if clean else list(cells)


_T = TypeVar("_T")
_R = TypeVar("_R")


def _each_distinct(values: Sequence[_T], check: Callable[[_T], _R]) -> list[_R]:
    """``[check(v) for v in values]``, calling ``check`` once per distinct value."""
    seen = {value: check(value) for value in set(values)}
    return list(map(seen.__getitem__, values))


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


def validate_row(
    cells: Sequence[str], mapping: ColumnMapping, today: date | None = None
) -> tuple[RowValues, list[Message]]:
    """One row on its own (the planner keeps a :class:`RowValidator` for many)."""
    return RowValidator(mapping, today)(cells)
