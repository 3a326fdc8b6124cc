"""The part of the rest of the directory a file touches.

A snapshot (:mod:`app.engine.planning.state`) loads one school: its users, groups and
memberships. A server shared by a district holds many schools, and a 50,000-row file
of one school must not cost what the other schools hold. What the file needs of them
is asked for by key, each question answered by an index:

- the users of the same source that the file names by source ID (a pupil who moved
  from another school is matched, or refused when the operator may not change that
  school), by the unique (source, source ID);
- the users of other sources that look like a new row (same last name, first name and
  birth date: a possible duplicate), by ``ix_users_similar`` on (birth date,
  ``lower(last name)``, ``lower(first name)``) — on PostgreSQL one key of the three
  per person (migration 0008, ``PERSON_KEY``); the exact test (whitespace runs and
  Unicode case folded) is :func:`app.engine.planning.state.similarity_key`, applied after;
- the logins the new rows may get, each base with as many numbered variants as the
  file needs (``max.muster``, ``max.muster2``, …), in the used logins' primary key,
  which holds every user's login as well (migration 0006): logins stay unique across
  the whole directory, without loading everyone's.

:class:`FileKeys` is what was asked; the fingerprint (``state.fingerprint``) covers the
answers, so ``apply`` asks again in its transaction and refuses a stale plan.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_not, itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    ARRAY,
    Connection,
    Engine,
    Select,
    String,
    Text,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.sql.elements import ColumnElement

from app.engine.bulk import batches, fetch_chunks
from app.engine.planning.logins import LoginScheme
from app.engine.planning.mapping import Field
from app.engine.planning.results import RowValues
from app.engine.planning.validation import CheckedRows
from app.models import tables

# Keys per statement. SQLite takes them 2,000 at a time (a JSON list each). PostgreSQL
# takes all of a question's keys in one statement, as an array the planner cannot see
# (a scalar subquery: an InitPlan): it then plans the index look-up it would plan for
# a few keys, where a visible list of 50,000 made it scan the district's table (a
# plain join, or ``= ANY`` of the list itself), and the statement is built, planned
# and sent once instead of 25 times.
PROBE = 2000
PROBE_POSTGRESQL = 1_000_000
USERS = tables.users
USED_LOGINS = tables.used_logins
T = TypeVar("T")
_DIGITS = re.compile(r"\d+$")
_BORN = itemgetter(2)
_LAST_CHARACTER = itemgetter(slice(-1, None))
_LAST, _FIRST, _BIRTH = (attrgetter(f) for f in ("last_name", "first_name", "birth_date"))
# PostgreSQL: a person's key, as ix_users_similar keeps it (migration 0008, which spells
# it the same: the planner uses the index only for the same expression). The birth date
# in days since 1900 (an integer: immutable), the two names in lower case, each part
# after a unit separator (a control character: no checked name holds one); in "C".
SEPARATOR = "\x1f"
EPOCH = date(1900, 1, 1)
PERSON_KEY_SQL = (
    "(((birth_date - DATE '1900-01-01')::text || E'\\x1f' || lower(last_name)"
    " || E'\\x1f' || lower(first_name)) COLLATE \"C\")"
)
PERSON_KEY: ColumnElement[str] = literal_column(PERSON_KEY_SQL, Text)


@dataclass(slots=True)
class FileKeys:
    """What a file asks of the other schools (see the module's docstring)."""

    source_ids: list[str] = field(default_factory=list)
    # (last name, first name, birth date) of the rows that may be new
    people: list[tuple[str, str, date]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)  # the file's own login cells
    # The login base of every valid row (the planner takes the new rows'): the rows'
    # indexes, and their bases in the same order (``bases_of`` looks them up).
    based_rows: Sequence[int] = ()
    row_bases: list[str] = field(default_factory=list)
    # whether other schools have users at all (when not: no question about them)
    others: bool = True
    scheme: str = ""  # the login scheme the bases were made by
    values: Sequence[Any] = field(default_factory=list)  # the checked rows they were made of
    # What makes ``row_bases`` until :meth:`ready` ran it.
    pending: Callable[[], None] | None = None
    # The file's login cells and the reserved names (which take variants of bases),
    # and what :attr:`bases` and :attr:`linked` are made of them when first asked for.
    given: list[str] = field(default_factory=list)
    _counted: tuple[dict[str, int], set[str]] | None = field(default=None, init=False, repr=False)

    def ready(self) -> FileKeys:
        """The keys with their login bases made (:func:`file_keys` leaves them to the
        job that asks the logins: the other questions start before)."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()
        return self

    @property
    def bases(self) -> dict[str, int]:
        """Login bases -> how many of the file's rows may need one of them (counted
        when first asked for: only the logins' question needs them, which a first
        import into an empty directory does not ask)."""
        return self._counts()[0]

    @property
    def linked(self) -> set[str]:
        """The bases whose variants a login cell, a reserved name or another base may
        take (found with :attr:`bases`)."""
        return self._counts()[1]

    def _counts(self) -> tuple[dict[str, int], set[str]]:
        if self._counted is None:
            self._counted = _counted_bases(self.ready().row_bases, self.given)
        return self._counted

    def bases_of(self, indexes: Iterable[int]) -> list[str]:
        """The login bases of the rows at ``indexes`` (each one of ``based_rows``)."""
        rows = self.based_rows
        if isinstance(rows, range) and rows.start == 0 and rows.step == 1:
            if indexes == rows:  # (a range: every row, the usual first import)
                return list(self.row_bases)
            return list(map(self.row_bases.__getitem__, indexes))  # row i's base is i-th
        by_row = dict(zip(rows, self.row_bases, strict=True))
        return list(map(by_row.__getitem__, indexes))


def file_keys(
    checked: CheckedRows,
    scheme: LoginScheme,
    reserved: Iterable[str] = (),
    known: Container[str] = (),
    others: bool = True,
    own_logins: Container[str] = (),
) -> FileKeys:
    """The keys of the valid rows of a checked file (C-level maps over its columns:
    this runs on the way to the preview of 50,000 rows). Rows whose source ID is in
    ``known`` (the school's own users of the source, in the snapshot) are matched
    there: no other school can hold that ID, and they need no new login, so they ask
    nothing but their login cells. A login cell in ``own_logins`` (the logins of the
    school's users, in the snapshot: taken, whoever asks) is not asked either. Without
    ``others`` (no other school has users) nobody is asked about source IDs or people:
    those keys stay empty. The login bases (``bases``, ``row_bases``, ``linked``) are
    made by :meth:`FileKeys.ready`: the longest part, which only the logins need."""
    columns, count = checked.columns, len(checked.values)
    ids, first, last = columns[Field.SOURCE_ID], columns[Field.FIRST_NAME], columns[Field.LAST_NAME]
    keys = FileKeys(scheme=scheme.template, values=checked.values, others=others)
    valid = _valid(count, checked.reasons)
    cells: list[str] = []
    if any(columns[Field.LOGIN]):  # (a value's login is its cell in lower case, or None)
        cells = list(dict.fromkeys(v.login for v in compress(checked.values, valid) if v.login))
    keys.logins = [login for login in cells if login not in own_logins] if own_logins else cells
    if known:
        mine = list(map(known.__contains__, ids))
        if True in mine:
            valid = [ok and not matched for ok, matched in zip(valid, mine, strict=True)]
    everyone = False not in valid  # (the usual first import: no compress needed)
    if others:
        keys.source_ids = list(dict.fromkeys(ids if everyone else compress(ids, valid)))
        keys.people = _people(checked.values if everyone else list(compress(checked.values, valid)))
    keys.based_rows = range(count) if everyone else list(compress(range(count), valid))
    parts = [first, last, ids]
    if not everyone:
        parts = [list(compress(column, valid)) for column in parts]
    given = [*cells, *reserved]
    keys.pending = lambda: _make_bases(keys, scheme.bases_of_columns(*parts), given)
    return keys


def _make_bases(keys: FileKeys, bases: list[str], given: list[str]) -> None:
    """``keys`` with the login bases of the valid rows (``row_bases``, in the order of
    ``based_rows``); how many variants of each the file may take (``given``: its
    login cells and the reserved names) is counted when asked for (:attr:`bases`)."""
    keys.row_bases, keys.given, keys._counted = bases, given, None


def _counted_bases(bases: list[str], given: list[str]) -> tuple[dict[str, int], set[str]]:
    """How many variants of each base the file may take, and the linked bases."""
    counts: dict[str, int] = dict.fromkeys(bases, 1)  # (one insert per base, in C)
    if len(counts) != len(bases):
        counts = Counter(bases)  # some base repeats: counted (a look-up and a store each)
    # A login cell of the file that is a numbered variant of a base takes one of them;
    # so does a base that is a numbered variant of another (``anna1`` + ``2`` is
    # ``anna`` + ``12``), both ways.
    # A reserved name is skipped by the allocator like a taken one.
    extra: Counter[str] = Counter(_DIGITS.sub("", login) for login in given)
    # (bases are never empty: their last characters, tested in C)
    for base in compress(counts, map(str.isdigit, map(_LAST_CHARACTER, counts))):
        stem = _DIGITS.sub("", base)
        if stem in counts:
            extra[stem] += counts[base]
            extra[base] += counts[stem]
    # (only the few bases ``extra`` names: a Counter's missing key is a Python call)
    linked = {base: n for base, n in extra.items() if n and base in counts}
    found = counts if type(counts) is dict else dict(counts)
    for base, n in linked.items():
        found[base] += n
    return found, set(linked)


def _valid(count: int, reasons: Iterable[int]) -> list[bool]:
    """Whether each of ``count`` rows is valid (has no reasons)."""
    valid = [True] * count
    for index in reasons:  # (a dict of the few invalid rows)
        valid[index] = False
    return valid


def _people(values: Sequence[RowValues]) -> list[tuple[str, str, date]]:
    """Each distinct (last name, first name, birth date) of ``values`` with a date."""
    born = list(map(_BIRTH, values))
    dated = list(map(is_not, born, repeat(None)))
    last_names = compress(map(_LAST, values), dated)
    first_names = compress(map(_FIRST, values), dated)
    return list(dict.fromkeys(zip(last_names, first_names, compress(born, dated), strict=True)))


def taken_logins(conn: Connection, keys: FileKeys) -> set[str]:
    """The logins in use (by a user, or ever given) among the file's own and enough
    numbered variants of each base for the file's rows: the allocator never has to
    look beyond them. Asked in rounds: first as many variants as a base has rows,
    then, for a base that found too few free, twice as many as asked so far."""
    taken = _taken(conn, keys.ready().logins)
    # The first round: each base, and its numbered variants when it has several rows.
    asked = list(keys.bases)
    # (in C: a base of several rows is rare, and 50,000 tests in Python took 12 ms)
    several = dict(compress(keys.bases.items(), map((1).__lt__, keys.bases.values())))
    asked += [_variant(base, k) for base, n in several.items() for k in range(1, n)]
    window = dict.fromkeys(keys.bases, 1)
    window.update(several)
    owners = [*keys.bases, *(base for base, n in several.items() for _ in range(1, n))]
    owner = dict(zip(asked, owners, strict=True))
    while asked:
        found = _taken(conn, asked)
        taken |= found
        wanted: dict[str, int] = {}
        # (a base linked to others may share a variant with them: always counted again)
        for base in {owner[login] for login in found if login in owner} | keys.linked:
            need = keys.bases[base]
            free = sum(_variant(base, k) not in taken for k in range(window[base]))
            if free < need:
                wanted[base] = max(need - free, window[base])
        asked = []
        for base, more in wanted.items():
            start, window[base] = window[base], window[base] + more
            variants = [_variant(base, k) for k in range(start, start + more)]
            owner.update(dict.fromkeys(variants, base))
            asked += variants
    return taken


def _variant(base: str, n: int) -> str:
    """``base``, ``base2``, ``base3``, … as the allocator numbers them."""
    return base if n == 0 else f"{base}{n + 1}"


def _taken(conn: Connection, logins: Sequence[str]) -> set[str]:
    """The ``logins`` given before. ``used_logins`` holds every user's login too (the
    run records what it gives and changes to, the purge what it deletes, migration
    0006 what older programs left): one index to ask, not also the users'."""
    return present(conn, USED_LOGINS.c.login, logins)


def in_parallel(conn: Connection, jobs: Sequence[Callable[[Connection], T]]) -> list[T]:
    """``job(connection)`` for each job, their results in order. On PostgreSQL each job
    but the first runs on a connection of its own in a thread, so that the server
    answers the questions on several cores at once (the client mostly waits for
    them); each connection sees what was committed, as ``conn`` does in its
    transaction until it writes. SQLite: one after the other on ``conn``."""
    if conn.dialect.name != "postgresql" or len(jobs) < 2:
        return [job(conn) for job in jobs]
    with ThreadPoolExecutor(len(jobs) - 1, thread_name_prefix="schoolimport-ask") as pool:
        others = [pool.submit(on_own_connection, conn.engine, job) for job in jobs[1:]]
        first = jobs[0](conn)
        return [first, *(future.result() for future in others)]


def on_own_connection(engine: Engine, job: Callable[[Connection], T]) -> T:
    """``job`` on a connection of its own, in a transaction rolled back afterwards."""
    with engine.connect() as conn:
        return job(conn)


def other_schools_have_users(conn: Connection, school_id: int) -> bool:
    stmt = select(select(USERS.c.id).where(USERS.c.school_id != school_id).exists())
    return bool(conn.execute(stmt).scalar())


def present(conn: Connection, column: Any, values: Sequence[str]) -> set[str]:
    """The ``values`` found in ``column`` (a text column with an index)."""
    found: set[str] = set()
    # (PostgreSQL takes them in one array and sorts it itself; SQLite's batches are
    # made of the sorted values, each a range of the index)
    ordered = values if conn.dialect.name == "postgresql" else sorted(values)
    for part in batches(ordered, _probe(conn)):
        for chunk in fetch_chunks(conn, select(column).where(_among(conn, column, part))):
            found.update(value for (value,) in chunk)
    return found


def other_sources(conn: Connection, school_id: int, source: str) -> bool:
    """Whether other schools have users of a source other than ``source``: only they
    can look like a new row (a possible duplicate). Most districts import one source;
    then the look-alikes are not asked. Two range scans of the (source, source ID)
    index on either side of ``source``, each stopping at its first user of another
    school. (As the first source in index order, not ``EXISTS``: PostgreSQL would
    scan the table for that, which may hold a long run of the file's source first.)"""
    column = USERS.c.source
    nearest = [
        select(column).where(side, USERS.c.school_id != school_id).order_by(key).limit(1)
        for side, key in ((column < source, column.desc()), (column > source, column))
    ]
    found = [stmt.scalar_subquery().is_not(None) for stmt in nearest]
    return bool(conn.execute(select(or_(*found))).scalar())


def questions(
    conn: Connection,
    columns: Sequence[Any],
    school_id: int,
    source: str,
    keys: FileKeys,
    alike: bool = True,
) -> Iterator[Callable[[], Select[Any]]]:
    """What makes the selects of ``columns`` of the other schools' users that the file
    names (:func:`users_named`) or, with ``alike`` (:func:`other_sources`), that look
    like its new rows (:func:`users_alike`), a part of the keys at a time. Each select
    is made by its maker, in the job that asks it: the 50,000 people's keys are then
    made while the server already answers another question (and the logins' bases
    are not kept waiting for them)."""
    if not keys.others:
        return
    # (PostgreSQL takes all keys in one array and sorts it itself: no sort here.)
    postgresql = conn.dialect.name == "postgresql"
    ids = keys.source_ids if postgresql else sorted(keys.source_ids)
    for part in batches(ids, _probe(conn)):
        yield partial(users_named, conn, columns, school_id, source, part)
    if not alike:
        return
    # (Nor the people's keys: sorting them in Python's order, which is C's for the lower
    # case, spared the server 17 ms of 84 but cost the client 11–45 ms, and the
    # client's CPU is what the preview waits for.)
    people = keys.people if postgresql else sorted(keys.people, key=_BORN)
    for people_part in batches(people, _probe(conn)):
        yield partial(users_alike, conn, columns, school_id, source, people_part)


def _probe(conn: Connection) -> int:
    return PROBE_POSTGRESQL if conn.dialect.name == "postgresql" else PROBE


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
    applies the exact test). On PostgreSQL each person is one key (``PERSON_KEY``),
    compared in the "C" collation, byte by byte, as the index keeps it (equality is
    the same); SQLite joins the people to the users by the three columns."""
    if conn.dialect.name == "postgresql":
        # One key per person, looked up in ix_users_similar as the logins are in their
        # index (migration 0008): each key at most one user's, so no DISTINCT.
        return (
            select(*columns)
            .where(
                PERSON_KEY == any_(_hidden(_pg_array(person_keys(people), lower=True))),
                USERS.c.source != source,
                USERS.c.school_id != school_id,
            )
            .order_by(USERS.c.id)
        )
    text = json.dumps([[b.isoformat(), la, fi] for la, fi, b in people])
    k = func.json_each(bindparam("k_people", text, type_=String)).table_valued("value")
    born_k = func.json_extract(k.c.value, "$[0]")
    last_k = func.lower(func.json_extract(k.c.value, "$[1]"))
    first_k = func.lower(func.json_extract(k.c.value, "$[2]"))
    last_u: ColumnElement[Any] = func.lower(USERS.c.last_name)
    first_u: ColumnElement[Any] = func.lower(USERS.c.first_name)
    match = and_(USERS.c.birth_date == born_k, last_u == last_k, first_u == first_k)
    return (
        select(*columns)
        .select_from(k.join(USERS, match))
        .where(USERS.c.source != source, USERS.c.school_id != school_id)
        .distinct()
        .order_by(USERS.c.id)
    )


def person_keys(people: Iterable[tuple[str, str, date]]) -> list[str]:
    """The PostgreSQL keys (``PERSON_KEY``) of these people, the names as they are: the
    server makes them lower case (``_pg_array``), as the index does. (C-level maps, each
    distinct birth date counted once: 50,000 people, in a thread beside the bases.)"""
    last, first, born = zip(*people, strict=True) if people else ((), (), ())
    days = {day: str((day - EPOCH).days) for day in set(born)}
    return list(map(SEPARATOR.join, zip(map(days.__getitem__, born), last, first, strict=True)))


def _among(conn: Connection, column: Any, values: Iterable[str]) -> Any:
    """``column IN values`` as one parameter (an array on PostgreSQL, a JSON list on
    SQLite): one statement and one plan however many values there are."""
    listed = list(values)
    if conn.dialect.name == "postgresql":
        return column == any_(_hidden(_pg_array(listed)))
    text = json.dumps(listed)
    each = func.json_each(bindparam(None, text, type_=String)).table_valued("value")
    return column.in_(select(each.c.value))


def _hidden(array: Any, item: Any = Text) -> Any:
    """``array`` through a scalar subquery: the planner estimates a few elements (see
    ``PROBE``) and looks each up in the index, however many there are."""
    return sql_cast(select(array).scalar_subquery(), ARRAY(item))


def _pg_array(values: Sequence[str], lower: bool = False) -> Any:
    """A text array sent as one text parameter, split by the server: psycopg dumps a
    50,000-element list element by element in Python (0.4 s), a joined text at once.
    No value of a checked row holds a newline (a control character makes it invalid).
    With ``lower``, the values in lower case (the database's, made once of them all)."""
    joined: Any = bindparam(None, "\n".join(values), type_=Text)
    return func.string_to_array(func.lower(joined) if lower else joined, func.chr(10))
