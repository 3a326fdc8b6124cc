"""Known layouts of headerless exports: the school servers' own user lists (SPEC §6).

linuxmuster.net's sophomorix reads ``students.csv`` as
``class;last name;first name;birth date;[ID]`` and ``teachers.csv`` as
``type;last name;first name;birth date;login;…``, both without a header, ``;`` as
the delimiter and often with space-padded cells (documentation: "Benutzeraufnahme",
https://docs.linuxmuster.net/de/latest/setup/add-user-accounts.html). A layout says
which column feeds which field; :func:`recognise` finds one by content when the file
fits (dates in column 4, class names in column 1).

Without an ID column — or with one that some rows leave empty — the students' source
ID is derived from last name, first name and birth date, as sophomorix tells pupils
apart (:mod:`app.engine.planning.identity`). A teacher's login is their stable key, so the
login column feeds both the login and the source ID.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from app.engine.planning.dates import parse_date
from app.engine.planning.mapping import ColumnMapping, Field
from app.engine.reading.table import Table
from app.engine.reasons import Reason, Refused

SOURCE = "https://docs.linuxmuster.net/de/latest/setup/add-user-accounts.html"
_NAME_IDENTITY = (Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE)
# "5a", "10b", "05c", "k1", "J2", "EF", "Q1", "12GYM1": short, with a digit or all capitals.
_CLASS = re.compile(r"(?=.*\d)[0-9A-Za-z]{1,6}|[A-Z]{1,3}")
_LOGIN = re.compile(r"[a-z0-9][a-z0-9.-]*")
_SAMPLE = 50
_SHARE = 0.9  # of the sampled rows that must fit


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    # Per column, the fields it feeds (the first one, then the extra ones).
    columns: tuple[tuple[Field, ...], ...]
    # The column that holds a source ID when the file has one, else None.
    id_column: int | None = None
    source: str = SOURCE

    def mapping(self, table: Table) -> ColumnMapping:
        """The mapping of this layout for ``table`` (its columns, its ID column)."""
        width = table.column_count
        fields: list[Field | None] = [None] * width
        extra: list[tuple[int, Field]] = []
        for index, feeds in enumerate(self.columns[:width]):
            if feeds:
                fields[index] = feeds[0]
                extra.extend((index, f) for f in feeds[1:])
        identity: tuple[Field, ...] = ()
        column = self.id_column
        if column is not None:
            has_ids = column < width and all(row[column] for row in table.rows)
            if not has_ids:
                if column < width:
                    fields[column] = None
                identity = _NAME_IDENTITY
        return ColumnMapping(fields, extra=extra, identity=identity)


LAYOUTS: dict[str, Layout] = {
    "linuxmuster-students": Layout(
        "linuxmuster-students",
        (
            (Field.GROUPS,),
            (Field.LAST_NAME,),
            (Field.FIRST_NAME,),
            (Field.BIRTH_DATE,),
            (Field.SOURCE_ID,),
        ),
        id_column=4,
    ),
    "linuxmuster-teachers": Layout(
        "linuxmuster-teachers",
        (
            (),  # the type of the list ("lehrer"), the same on every line
            (Field.LAST_NAME,),
            (Field.FIRST_NAME,),
            (Field.BIRTH_DATE,),
            (Field.LOGIN, Field.SOURCE_ID),
        ),
    ),
}


def find_layout(name: str) -> Layout:
    layout = LAYOUTS.get(name.strip().lower())
    if layout is None:
        raise Refused(Reason.LAYOUT_UNKNOWN, value=name, layouts=", ".join(LAYOUTS))
    return layout


def recognise(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] | None = None,
    today: date | None = None,
) -> Layout | None:
    """The layout these rows fit, if any: a birth date in column 4, and class names in
    column 1 (students) or one word in column 1 and a login in column 5 (teachers).
    A ``header`` row read as one must hold a date too: then it was data."""
    if header is not None:
        if len(header) < 4 or parse_date(header[3], today) is None:
            return None
        rows = [header, *rows[:_SAMPLE]]
    sample = [row for row in rows[:_SAMPLE] if any(row)]
    if not sample or min(map(len, sample)) < 4:
        return None
    if not _fits(sample, lambda row: parse_date(row[3], today) is not None):
        return None
    if _fits(sample, lambda row: _CLASS.fullmatch(row[0]) is not None):
        return LAYOUTS["linuxmuster-students"]
    types = {row[0].casefold() for row in sample}
    if (
        len(types) == 1
        and min(map(len, sample)) >= 5
        and _fits(sample, lambda row: _LOGIN.fullmatch(row[4].lower()) is not None)
    ):
        return LAYOUTS["linuxmuster-teachers"]
    return None


def _fits(rows: Sequence[Sequence[str]], test: Callable[[Sequence[str]], bool]) -> bool:
    return sum(1 for row in rows if test(row)) >= _SHARE * len(rows)
