"""From the cells of one row to normalised values and every reason it is invalid.

The rules of SPEC §2.6: required values, dates, e-mail addresses, lengths, control
characters. A row with any reason is not processed; all reasons are reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from app.engine.mapping import ColumnMapping, Field
from app.engine.reasons import Message, Reason
from app.engine.results import RowValues
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


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def parse_date(text: str, today: date | None = None) -> date | None:
    """A birth date in the spellings school exports use, or None if it is none.

    ISO, German (``31.12.2010``, also two-digit years), ``31/12/2010``, a date with a
    time part, and Excel serial numbers. Dates before 1900 or after today are refused.
    """
    value = text.strip()
    today = today or date.today()
    parsed: date | None = None
    if re.fullmatch(r"\d{1,5}(\.0+)?", value):
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
        for part in _GROUP_SPLIT.split(cell):
            name = " ".join(part.split())
            key = group_name_key(name)
            if name and key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _cell(cells: Sequence[str], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return unicodedata.normalize("NFC", cells[column].strip())


def validate_row(
    cells: Sequence[str], mapping: ColumnMapping, today: date | None = None
) -> tuple[RowValues, list[Message]]:
    """The row's values and every reason it cannot be processed (empty if valid)."""
    reasons: list[Message] = []
    get: dict[Field, str] = {
        f: _cell(cells, mapping.column_of(f)) for f in Field if f is not Field.GROUPS
    }
    group_cells = [_cell(cells, c) for c in mapping.columns_of(Field.GROUPS)]

    for fld in (Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME):
        if not get[fld]:
            reasons.append(Message(Reason.MISSING_REQUIRED, {"field": fld.value}))
    for fld, limit in (
        (Field.LAST_NAME, MAX_NAME),
        (Field.FIRST_NAME, MAX_NAME),
        (Field.SOURCE_ID, MAX_SOURCE_ID),
    ):
        if len(get[fld]) > limit:
            reasons.append(Message(Reason.TOO_LONG, {"field": fld.value, "limit": limit}))
    for fld in Field:
        if fld is Field.GROUPS or fld is Field.IGNORE:
            continue
        if has_control_characters(get[fld]):
            reasons.append(Message(Reason.CONTROL_CHARACTERS, {"field": fld.value}))
    if any(has_control_characters(c) for c in group_cells):
        reasons.append(Message(Reason.CONTROL_CHARACTERS, {"field": Field.GROUPS.value}))

    birth = None
    if get[Field.BIRTH_DATE]:
        birth = parse_date(get[Field.BIRTH_DATE], today)
        if birth is None:
            reasons.append(
                Message(
                    Reason.INVALID_DATE,
                    {"field": Field.BIRTH_DATE.value, "value": get[Field.BIRTH_DATE]},
                )
            )

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
    for name in groups:
        if len(name) > MAX_GROUP_NAME:
            reasons.append(Message(Reason.TOO_LONG, {"field": "groups", "limit": MAX_GROUP_NAME}))
            break

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
