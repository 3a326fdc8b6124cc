"""BulkStatement: the driver-level executemany gives what Core would have stored."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import pytest
from sqlalchemy import Engine, Table, bindparam, false, literal_column, select

from app.db import session_scope
from app.engine.applying.store import ROW_RESULT_COLUMNS
from app.engine.bulk import BulkStatement, CopyInsert, constant_value, fetch_all
from app.engine.planning.state import default_school_id
from app.models import ImportRowResult, ImportRun, User

USERS = cast(Table, User.__table__)
RESULTS = cast(Table, ImportRowResult.__table__)
NOW = literal_column("'2026-08-01 08:00:00.000000'")
COLUMNS = (
    "school_id",
    "source",
    "source_id",
    "account_type",
    "last_name",
    "first_name",
    "birth_date",
    "email",
    "login",
    "must_change_password",
    "status",
)


def _school(engine: Engine) -> int:
    with session_scope(engine) as s:
        return default_school_id(s)


def _user(school: int, n: int, born: date | None) -> tuple[object, ...]:
    return (
        school,
        "table",
        f"S{n}",
        "student",
        "Müller",
        f"Zoë {n}",
        born,
        None,
        f"u{n}",
        True,
        "active",
    )


def test_insert_and_update_store_what_core_would(engine: Engine) -> None:
    school = _school(engine)
    with engine.begin() as conn:
        stmt = BulkStatement.insert(conn, USERS, COLUMNS, created_at=NOW, updated_at=NOW)
        ticks: list[int] = []
        stmt.execute_batched(
            [_user(school, n, date(2010, 1, 1 + n) if n % 2 else None) for n in range(5)],
            2,
            ticks.append,
        )
        assert ticks == [2, 2, 1]
        ids = dict(conn.execute(select(USERS.c.login, USERS.c.id)).all())
        update = BulkStatement.update(conn, USERS, ("last_name", "birth_date"))
        update.execute([("Weiß", date(2011, 12, 31), ids["u0"])])
    with engine.connect() as conn:
        got = conn.execute(
            select(
                USERS.c.login,
                USERS.c.last_name,
                USERS.c.first_name,
                USERS.c.birth_date,
                USERS.c.must_change_password,
                USERS.c.created_at,
            ).order_by(USERS.c.login)
        ).all()
    assert [tuple(r) for r in got] == [
        ("u0", "Weiß", "Zoë 0", date(2011, 12, 31), True, datetime(2026, 8, 1, 8)),
        ("u1", "Müller", "Zoë 1", date(2010, 1, 2), True, datetime(2026, 8, 1, 8)),
        ("u2", "Müller", "Zoë 2", None, True, datetime(2026, 8, 1, 8)),
        ("u3", "Müller", "Zoë 3", date(2010, 1, 4), True, datetime(2026, 8, 1, 8)),
        ("u4", "Müller", "Zoë 4", None, True, datetime(2026, 8, 1, 8)),
    ]


def test_json_values_round_trip(engine: Engine) -> None:
    school = _school(engine)
    with engine.begin() as conn:
        run_id = conn.execute(
            ImportRun.__table__.insert().returning(ImportRun.__table__.c.id),
            {
                "school_id": school,
                "kind": "users",
                "file_name": "x.csv",
                "file_sha256": "0" * 64,
                "status": "running",
                "message": "",
                "started_at": datetime(2026, 8, 1),
                "options": {},
                "headers": [],
            },
        ).scalar_one()
        stmt = BulkStatement.insert(conn, RESULTS, ROW_RESULT_COLUMNS)
        cells = ["=1+1", 'a "quoted" ; cell', "日本語", ""]
        stmt.execute([(run_id, 2, "created", True, "", cells, None, "u1")])
    with engine.connect() as conn:
        stored = conn.execute(select(RESULTS.c["values"], RESULTS.c.succeeded)).one()
    assert stored == (cells, True)


def test_a_column_with_a_python_default_must_be_given(engine: Engine) -> None:
    with engine.connect() as conn, pytest.raises(ValueError, match="created_at, updated_at"):
        BulkStatement.insert(conn, USERS, COLUMNS)


def test_parameters_must_match_the_statement(engine: Engine) -> None:
    stmt = USERS.delete().where(USERS.c.id == bindparam("b_id"))
    with engine.connect() as conn, pytest.raises(ValueError, match="do not match"):
        BulkStatement(conn, stmt, ("b_id", "extra"))


def test_fetch_all_gives_what_core_gives(engine: Engine) -> None:
    school = _school(engine)
    with engine.begin() as conn:
        stmt = BulkStatement.insert(conn, USERS, COLUMNS, created_at=NOW, updated_at=NOW)
        stmt.execute([_user(school, n, date(2010, 1, 1 + n) if n else None) for n in range(3)])
    query = (
        select(USERS.c.login, USERS.c.birth_date, USERS.c.created_at)
        .where(USERS.c.school_id == school, USERS.c.login != "u1")
        .order_by(USERS.c.login)
    )
    with engine.connect() as conn:
        assert fetch_all(conn, query) == [tuple(r) for r in conn.execute(query)]
        assert [r[1] for r in fetch_all(conn, query)] == [None, date(2010, 1, 3)]
        with pytest.raises(ValueError, match="IN lists"):
            fetch_all(conn, select(USERS.c.id).where(USERS.c.login.in_(["u1"])))


def test_postgresql_inserts_go_through_one_copy_per_stream(engine: Engine) -> None:
    school = _school(engine)
    with engine.begin() as conn:
        stmt = BulkStatement.insert(conn, USERS, COLUMNS, created_at=NOW, updated_at=NOW)
        copying = conn.dialect.name == "postgresql"
        assert isinstance(stmt, CopyInsert) is copying
        with stmt.stream() as first:
            stmt.execute([_user(school, 1, date(2014, 5, 3))])
            with stmt.stream() as inner:  # the same COPY, not a second one
                stmt.execute([_user(school, 2, None)])
            assert inner is first
        stmt.execute([])
        rows = conn.execute(
            select(USERS.c.login, USERS.c.birth_date, USERS.c.created_at).order_by(USERS.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("u1", date(2014, 5, 3), datetime(2026, 8, 1, 8, 0)),
        ("u2", None, datetime(2026, 8, 1, 8, 0)),
    ]


def test_copy_takes_only_constants() -> None:
    assert constant_value(NOW) == "2026-08-01 08:00:00.000000"
    assert constant_value(false()) is False
    assert constant_value(bindparam("x", 7)) == 7
    with pytest.raises(ValueError, match="no constant value"):
        constant_value(USERS.c.id + 1)
