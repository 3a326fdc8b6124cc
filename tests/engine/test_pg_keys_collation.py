"""The district's keys in the "C" collation on PostgreSQL (migration 0007): the logins
ever given and the look-alike index compare bytes, the look-alike question uses that
index, and the answers are those of the database's collation (lower case made in it:
an umlaut in another case is still a look-alike). Since migration 0008 the look-alike
index is one key per person (``district.PERSON_KEY``), asked with ``= ANY``."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import ARRAY, Date, Engine, Select, Text, and_, cast, func, select, text

from app.db import alembic_config, init_database
from app.engine.planning import district
from app.engine.planning.results import ConflictKind
from app.engine.planning.state import _USER_COLUMNS
from app.migrations import versions
from tests.conftest import HEADER, YEAR, CsvWriter, Importer
from tests.pg import PgServer

NEIGHBOUR = "Nachbarschule"


@pytest.fixture
def pg_engine(pg_server: PgServer) -> Iterator[Engine]:
    with pg_server.engine_with_year(YEAR, [NEIGHBOUR]) as engine:
        yield engine
        engine.dispose()


def _collations(engine: Engine) -> dict[str, str | None]:
    """The collation of ``used_logins.login`` and of the look-alike index's columns."""
    with engine.connect() as conn:
        login = conn.execute(
            text(
                "SELECT collation_name FROM information_schema.columns"
                " WHERE table_name = 'used_logins' AND column_name = 'login'"
            )
        ).scalar_one()
        index = conn.execute(
            text(
                "SELECT array_to_string(array_agg(coalesce(c.collname, '-') ORDER BY k.n), ',')"
                " FROM pg_index i, unnest(i.indcollation) WITH ORDINALITY k(coll, n)"
                " LEFT JOIN pg_collation c ON c.oid = k.coll"
                " WHERE i.indexrelid = 'ix_users_similar'::regclass"
            )
        ).scalar_one()
    return {"login": login, "similar": index}


def _downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _similar_definition(engine: Engine) -> str:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT pg_get_indexdef('ix_users_similar'::regclass)"))
        return str(found.scalar_one())


def test_the_keys_are_kept_in_the_c_collation_and_the_downgrades_restore_them(
    pg_engine: Engine,
) -> None:
    # 0008: one key per person, in "C"
    assert _collations(pg_engine) == {"login": "C", "similar": "C"}
    newest = _similar_definition(pg_engine)
    assert "1900-01-01" in newest and "lower((first_name)::text)" in newest, newest
    _downgrade(pg_engine, "0007")  # (birth date: no collation; the lower-case names: "C")
    assert _collations(pg_engine) == {"login": "C", "similar": "-,C,C"}
    _downgrade(pg_engine, "0006")
    assert _collations(pg_engine) == {"login": None, "similar": "-,default,default"}
    init_database(pg_engine)
    assert _collations(pg_engine) == {"login": "C", "similar": "C"}
    assert _similar_definition(pg_engine) == newest


def test_the_migration_and_the_question_spell_the_key_alike() -> None:
    """The planner uses an expression index only for the same expression: the
    migration's text (frozen there) and the question's must not drift apart."""
    folder = Path(versions.__file__).parent
    spec = importlib.util.spec_from_file_location("m0008", folder / "0008_pg_one_key_per_person.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.PERSON_KEY == district.PERSON_KEY_SQL


def test_a_persons_key_is_the_databases(pg_engine: Engine) -> None:
    """The client's key of a person (:func:`district.person_keys`, lower case by the
    server) is the index's key of the same user: birth dates before and after 1900,
    umlauts, spaces and a hyphen inside the names."""
    people = [
        ("Müller-Lüdenscheidt", "Anna Maria", date(2014, 2, 1)),
        ("Ölçek", "Émile", date(1899, 12, 31)),
        ("de la Cruz", "José", date(1900, 1, 1)),
    ]
    with pg_engine.connect() as conn:
        made = conn.execute(
            select(district._pg_array(district.person_keys(people), lower=True))
        ).scalar_one()
        stored = [
            conn.execute(
                text(
                    "SELECT " + district.PERSON_KEY_SQL + " FROM (SELECT CAST(:b AS date)"
                    " AS birth_date, CAST(:l AS varchar) AS last_name,"
                    " CAST(:f AS varchar) AS first_name) AS u"
                ),
                {"b": born, "l": last, "f": first},
            ).scalar_one()
            for last, first, born in people
        ]
    assert made == stored


def _neighbours(engine: Engine, count: int) -> None:
    """``count`` users of the neighbour school (source ``ldap``), all of different
    people, and the statistics of the table."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (school_id, source, source_id, account_type, last_name,"
                " first_name, birth_date, login, must_change_password, status, created_at,"
                " updated_at)"
                " SELECT s.id, 'ldap', 'N' || n, 'student', 'Name' || n, 'Vorname' || (n % 97),"
                " DATE '2010-01-01' + n % 1500, 'n' || n, true, 'active', now(), now()"
                " FROM generate_series(1, :count) AS n, schools AS s WHERE s.name = :school"
            ),
            {"count": count, "school": NEIGHBOUR},
        )
        conn.execute(text("ANALYZE users"))


def test_the_look_alike_question_uses_the_index(pg_engine: Engine) -> None:
    """Its plan looks every person's key up in ``ix_users_similar`` in one scan (with
    sequential scans off: a small table would be read whole anyway). Without the same
    expression and collation as the index's it could not use it at all."""
    people = [("Müller", "Anna", date(2014, 2, 1)), ("Weiß", "Jürgen", date(2013, 5, 6))]
    _neighbours(pg_engine, 5000)  # (in a nearly empty table the order by id would win)
    with pg_engine.connect() as conn:
        stmt = district.users_alike(conn, _USER_COLUMNS, 1, "table", people)
        conn.execute(text("SET enable_seqscan = off"))
        compiled = stmt.compile(conn)
        plan = conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).scalars().all()
    scan = next(n for n, line in enumerate(plan) if "ix_users_similar" in line)
    condition = plan[scan + 1]  # the whole key, all people at once: not a loop per person
    assert "Index Cond" in condition and "first_name" in condition, plan
    assert "= ANY" in condition and "1900-01-01" in condition, plan
    assert not any("Nested Loop" in line for line in plan), plan


def test_a_look_alike_in_another_case_is_found_by_the_databases_lower_case(
    pg_engine: Engine, write_csv: CsvWriter
) -> None:
    """``MÜLLER`` and ``müller``: lower case is made in the database's collation (the
    "C" collation alone would fold only ASCII letters)."""
    importer = Importer(pg_engine)
    importer.run(
        write_csv([HEADER, ["L1", "müller", "ÄNNE", "5a", "01.02.2014"]], name="l.csv"),
        school=NEIGHBOUR,
        source="ldap",
        create_missing_groups="class",
    )
    rows = [["1001", "MÜLLER", "änne", "5a", "01.02.2014"], ["1002", "Müller", "Anne", "5a", ""]]
    session = importer.plan(write_csv([HEADER, *rows]), create_missing_groups="class")
    assert session.plan is not None
    kinds = [row.conflict and row.conflict.kind for row in session.plan.rows]
    assert kinds == [ConflictKind.POSSIBLE_DUPLICATE, None]


def test_the_logins_question_uses_the_primary_key(pg_engine: Engine) -> None:
    """The logins asked (text, the database's collation) meet the "C" column: its
    collation wins, and each login is looked up in the primary key."""
    with pg_engine.connect() as conn:
        login = district.USED_LOGINS.c.login
        stmt = select(login).where(district._among(conn, login, ["max.muster", "anna.weiss"]))
        conn.execute(text("SET enable_seqscan = off"))
        compiled = stmt.compile(conn)
        plan = conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).scalars().all()
    scan = next(n for n, line in enumerate(plan) if "pk_used_logins" in line)
    assert "Index Cond: ((login)::text = ANY" in plan[scan + 1], plan


def _alike_by_three_columns(school_id: int, people: list[tuple[str, str, date]]) -> Select[Any]:
    """The question as 0007 asked it (the people unnested, joined by the three columns
    in lower case): what the one key must answer alike."""
    users = district.USERS
    last, first, born = (list(column) for column in zip(*people, strict=True))
    k = (
        func.unnest(cast(born, ARRAY(Date)), cast(last, ARRAY(Text)), cast(first, ARRAY(Text)))
        .table_valued("born", "last", "first")
        .render_derived()
    )
    match = and_(
        users.c.birth_date == k.c.born,
        func.lower(users.c.last_name) == func.lower(k.c.last),
        func.lower(users.c.first_name) == func.lower(k.c.first),
    )
    return (
        select(users.c.id)
        .select_from(k.join(users, match))
        .where(users.c.source != "table", users.c.school_id != school_id)
        .distinct()
    )


def test_the_one_key_finds_what_the_three_columns_found(
    pg_engine: Engine, write_csv: CsvWriter
) -> None:
    """Case, umlauts, spaces inside names, apostrophes, a missing birth date, a name
    that is another's with a space moved: the same users either way."""
    neighbours = [
        ["L1", "müller", "ÄNNE", "5a", "01.02.2014"],
        ["L2", "van der Berg", "Jan", "5a", "03.04.2013"],
        ["L3", "O'Neil", "Seán", "5a", "05.06.2012"],
        ["L4", "Weiß", "Jürgen", "5a", "06.05.2013"],
        ["L5", "Weiss", "Jurgen", "5a", "06.05.2013"],
        ["L6", "Smith", "Anne Marie", "5a", "01.02.2014"],
        ["L7", "Müller", "Änne", "5a", ""],
        ["L8", "Smith Anne", "Marie", "5a", "01.02.2014"],
    ]
    Importer(pg_engine).run(
        write_csv([HEADER, *neighbours], name="l.csv"),
        school=NEIGHBOUR,
        source="ldap",
        create_missing_groups="class",
    )
    people = [
        ("MÜLLER", "änne", date(2014, 2, 1)),
        ("Müller", "Änne", date(2014, 2, 2)),
        ("VAN DER BERG", "jan", date(2013, 4, 3)),
        ("van derBerg", "Jan", date(2013, 4, 3)),
        ("o'neil", "SEÁN", date(2012, 6, 5)),
        ("WEISS", "JURGEN", date(2013, 5, 6)),
        ("weiß", "jürgen", date(2013, 5, 6)),
        ("Smith", "Anne Marie", date(2014, 2, 1)),
        ("Smith Anne", "Marie", date(2014, 2, 1)),
        ("Smith", "AnneMarie", date(2014, 2, 1)),
    ]
    with pg_engine.connect() as conn:
        asked = district.users_alike(conn, [district.USERS.c.id], 1, "table", people)
        found = set(conn.execute(asked).scalars())
        expected = set(conn.execute(_alike_by_three_columns(1, people)).scalars())
        ids = dict(conn.execute(select(district.USERS.c.source_id, district.USERS.c.id)).all())
    assert found == expected
    assert found == {ids[s] for s in ("L1", "L2", "L3", "L4", "L5", "L6", "L8")}
