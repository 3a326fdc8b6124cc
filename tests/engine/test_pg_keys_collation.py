"""The district's keys in the "C" collation on PostgreSQL (migration 0007): the logins
ever given and the look-alike index compare bytes, the look-alike question uses that
index, and the answers are those of the database's collation (lower case made in it:
an umlaut in another case is still a look-alike)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from app.db import alembic_config, init_database, open_database, session_scope
from app.engine.admin import directory
from app.engine.planning import district
from app.engine.planning.results import ConflictKind
from app.engine.planning.state import _USER_COLUMNS
from tests.conftest import HEADER, YEAR, CsvWriter, Importer
from tests.pg import PgServer

NEIGHBOUR = "Nachbarschule"


@pytest.fixture
def pg_engine(pg_server: PgServer) -> Iterator[Engine]:
    with pg_server.database() as url:
        engine = open_database(url)
        with session_scope(engine) as session:
            directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
            directory.add_school(session, NEIGHBOUR)
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


def test_the_keys_are_kept_in_the_c_collation_and_the_downgrade_restores_them(
    pg_engine: Engine,
) -> None:
    # (birth date: no collation; the two lower-case names: "C")
    assert _collations(pg_engine) == {"login": "C", "similar": "-,C,C"}
    config = alembic_config(pg_engine)
    with pg_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert _collations(pg_engine) == {"login": None, "similar": "-,default,default"}
    init_database(pg_engine)
    assert _collations(pg_engine) == {"login": "C", "similar": "-,C,C"}


def test_the_look_alike_question_uses_the_index(pg_engine: Engine) -> None:
    """Its plan looks each person up in ``ix_users_similar`` by all three columns (with
    sequential scans off: a small table would be read whole anyway). Without the same
    collation as the index's, only the birth date would be looked up: a district's
    users of each birth date read, thousands per person."""
    people = [("Müller", "Anna", date(2014, 2, 1)), ("Weiß", "Jürgen", date(2013, 5, 6))]
    with pg_engine.connect() as conn:
        stmt = district.users_alike(conn, _USER_COLUMNS, 1, "table", people)
        conn.execute(text("SET enable_seqscan = off"))
        compiled = stmt.compile(conn)
        plan = conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).scalars().all()
    scan = next(n for n, line in enumerate(plan) if "ix_users_similar" in line)
    condition = plan[scan + 1]  # all three columns: not the birth date alone
    assert "Index Cond" in condition and "lower" in condition and "first_name" in condition, plan


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
