"""The part of the rest of the directory a file touches.

A snapshot (:mod:`app.engine.state`) loads one school: its users, groups and
memberships. A server shared by a district holds many schools, and a 50,000-row file
of one school must not cost what the other schools hold. What the file needs of them
is asked for by key, each question answered by an index:

- the users of the same source that the file names by source ID (a pupil who moved
  from another school is matched, or refused when the operator may not change that
  school), by the unique (source, source ID);
- the users of other sources that look like a new row (same last name, first name and
  birth date: a possible duplicate), by ``ix_users_similar`` on (birth date,
  ``lower(last name)``, ``lower(first name)``); the exact test (whitespace runs and
  Unicode case folded) is :func:`app.engine.state.similarity_key`, applied after;
- the logins the new rows may get, each base with as many numbered variants as the
  file needs (``max.muster``, ``max.muster2``, …), in the users' and the used logins'
  unique indexes: logins stay unique across the whole directory, without loading
  everyone's.

:class:`FileKeys` is what was asked; the fingerprint (``state.fingerprint``) covers the
answers, so ``apply`` asks again in its transaction and refuses a stale plan.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    Connection,
    Date,
    Select,
    String,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.sql.elements import ColumnElement

from app.engine.bulk import batches, fetch_chunks
from app.engine.logins import LoginScheme
from app.engine.mapping import Field
from app.engine.validation import CheckedRows
from app.models import UsedLogin, User

# Keys per question: with 50,000 at once PostgreSQL scans a table of a million users
# instead of looking each up in its index (the scan grows with the district).
PROBE = 2000
USERS = cast(Table, User.__table__)
USED_LOGINS = cast(Table, UsedLogin.__table__)
_DIGITS = re.compile(r"\d+$")


@dataclass(slots=True)
class FileKeys:
    """What a file asks of the other schools (see the module's docstring)."""

    source_ids: list[str] = field(default_factory=list)
    # (last name, first name, birth date) of the rows that may be new
    people: list[tuple[str, str, date]] = field(default_factory=list)
    # login bases -> how many of the file's rows may need one of them
    bases: dict[str, int] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)  # the file's own login cells


def file_keys(checked: CheckedRows, scheme: LoginScheme) -> FileKeys:
    """The keys of the valid rows of a checked file."""
    valid = [i for i in range(len(checked.values)) if i not in checked.reasons]
    values = checked.values
    keys = FileKeys()
    keys.source_ids = sorted({values[i].source_id for i in valid})
    keys.people = sorted(
        {
            (v.last_name, v.first_name, v.birth_date)
            for v in (values[i] for i in valid)
            if v.birth_date is not None
        }
    )
    columns = checked.columns
    people = [
        (columns[Field.FIRST_NAME][i], columns[Field.LAST_NAME][i], columns[Field.SOURCE_ID][i])
        for i in valid
    ]
    counts = Counter(scheme.bases(people))
    own = [values[i].login for i in valid if values[i].login]
    keys.logins = sorted({login for login in own if login})
    # A login cell of the file that is a numbered variant of a base takes one of them;
    # so does a base that is a numbered variant of another (``anna1`` + ``2`` is
    # ``anna`` + ``12``), both ways.
    extra: Counter[str] = Counter(_DIGITS.sub("", login) for login in keys.logins)
    for base, count in counts.items():
        stem = _DIGITS.sub("", base)
        if stem != base and stem in counts:
            extra[stem] += count
            extra[base] += counts[stem]
    keys.bases = {base: count + extra[base] for base, count in counts.items()}
    return keys


def taken_logins(conn: Connection, keys: FileKeys) -> set[str]:
    """The logins in use (by a user, or ever given) among the file's own and enough
    numbered variants of each base for the file's rows: the allocator never has to
    look beyond them. Asked in rounds: first as many variants as a base has rows,
    then, for a base that found too few free, twice as many as asked so far."""
    taken = _taken(conn, keys.logins)
    window = dict.fromkeys(keys.bases, 0)  # variants asked for so far, per base
    free = dict.fromkeys(keys.bases, 0)
    wanted = dict(keys.bases)
    while wanted:
        asked: dict[str, str] = {}
        for base, count in wanted.items():
            start = window[base]
            window[base] = start + count
            asked.update((_variant(base, n), base) for n in range(start, start + count))
        taken |= _taken(conn, list(asked))
        for login, base in asked.items():
            if login not in taken:
                free[base] += 1
        wanted = {
            base: max(keys.bases[base] - free[base], window[base])
            for base in wanted
            if free[base] < keys.bases[base]
        }
    return taken


def _variant(base: str, n: int) -> str:
    """``base``, ``base2``, ``base3``, … as the allocator numbers them."""
    return base if n == 0 else f"{base}{n + 1}"


def _taken(conn: Connection, logins: Sequence[str]) -> set[str]:
    return present(conn, USERS.c.login, logins) | present(conn, USED_LOGINS.c.login, logins)


def present(conn: Connection, column: Any, values: Sequence[str]) -> set[str]:
    """The ``values`` found in ``column`` (a text column with an index)."""
    found: set[str] = set()
    for part in batches(values, PROBE):
        for chunk in fetch_chunks(conn, select(column).where(_among(conn, column, part))):
            found.update(value for (value,) in chunk)
    return found


def questions(
    conn: Connection, columns: Sequence[Any], school_id: int, source: str, keys: FileKeys
) -> Iterator[Select[Any]]:
    """The selects of ``columns`` of the other schools' users that the file names
    (:func:`users_named`) or that look like its new rows (:func:`users_alike`), a
    part of the keys at a time."""
    for ids in batches(keys.source_ids, PROBE):
        yield users_named(conn, columns, school_id, source, ids)
    for people in batches(keys.people, PROBE):
        yield users_alike(conn, columns, school_id, source, people)


def users_named(
    conn: Connection, columns: Sequence[Any], school_id: int, source: str, ids: Sequence[str]
) -> Select[Any]:
    """The users of other schools of ``source`` with these source IDs."""
    return (
        select(*columns)
        .where(
            USERS.c.source == source,
            _among(conn, USERS.c.source_id, ids),
            USERS.c.school_id != school_id,
        )
        .order_by(USERS.c.id)
    )


def users_alike(
    conn: Connection,
    columns: Sequence[Any],
    school_id: int,
    source: str,
    people: Sequence[tuple[str, str, date]],
) -> Select[Any]:
    """The users of other schools and other sources with one of these last names,
    first names and birth dates (compared in lower case by the database; the caller
    applies the exact test)."""
    last = [person[0] for person in people]
    first = [person[1] for person in people]
    born = [person[2] for person in people]
    if conn.dialect.name == "postgresql":
        k = (
            func.unnest(
                sql_cast(_pg_array([b.isoformat() for b in born]), ARRAY(Date)),
                _pg_array(last),
                _pg_array(first),
            )
            .table_valued("born", "last", "first")
            .render_derived()
        )
        born_k: ColumnElement[Any] = k.c.born
        last_k: ColumnElement[Any] = k.c.last
        first_k: ColumnElement[Any] = k.c.first
    else:
        text = json.dumps([[b.isoformat(), la, fi] for la, fi, b in people])
        k = func.json_each(bindparam("k_people", text, type_=String)).table_valued("value")
        born_k = func.json_extract(k.c.value, "$[0]")
        last_k = func.json_extract(k.c.value, "$[1]")
        first_k = func.json_extract(k.c.value, "$[2]")
    match = and_(
        USERS.c.birth_date == born_k,
        func.lower(USERS.c.last_name) == func.lower(last_k),
        func.lower(USERS.c.first_name) == func.lower(first_k),
    )
    return (
        select(*columns)
        .select_from(k.join(USERS, match))
        .where(USERS.c.source != source, USERS.c.school_id != school_id)
        .distinct()
        .order_by(USERS.c.id)
    )


def _among(conn: Connection, column: Any, values: Iterable[str]) -> Any:
    """``column IN values`` as one parameter (an array on PostgreSQL, a JSON list on
    SQLite): one statement and one plan however many values there are."""
    listed = list(values)
    if conn.dialect.name == "postgresql":
        return column == any_(_pg_array(listed))
    text = json.dumps(listed)
    each = func.json_each(bindparam(None, text, type_=String)).table_valued("value")
    return column.in_(select(each.c.value))


def _pg_array(values: Sequence[str]) -> Any:
    """A text array sent as one text parameter, split by the server: psycopg dumps a
    50,000-element list element by element in Python (0.4 s), a joined text at once.
    No value of a checked row holds a newline (a control character makes it invalid)."""
    return func.string_to_array(bindparam(None, "\n".join(values), type_=Text), func.chr(10))
