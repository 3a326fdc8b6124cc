"""The stale-plan check skipped on PostgreSQL when no change was committed since the
preview's snapshot (``directory_changes``, migration 0005; app/engine/applying/stalecheck.py),
and taken in full, refusing a stale plan, whenever one may have been."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine

from app.db import open_database, session_scope
from app.engine.admin import directory
from app.engine.applying import stalecheck
from app.engine.planning.state import DirectoryState
from app.engine.reasons import StalePlan
from app.engine.session import ImportSession
from tests.conftest import HEADER, YEAR, CsvWriter, Importer
from tests.pg import PgServer

FIRST = [[str(n), "Muster", f"Max{n}", f"{5 + n % 3}a", ""] for n in range(1, 31)]
# Renames, class changes, new pupils, and the rest leave (an update of the school).
SECOND = [[str(n), "Muster", f"Moritz{n}", f"{6 + n % 2}b", ""] for n in range(10, 41)]


@pytest.fixture
def pg_engine(pg_server: PgServer) -> Iterator[Engine]:
    with pg_server.engine_with_year(YEAR) as engine:
        yield engine


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full checks: each call of the fingerprint by the stale-plan check."""
    calls: list[int] = []
    full = stalecheck.fingerprint

    def counted(conn: Connection, state: DirectoryState) -> str:
        calls.append(state.school_id)
        return full(conn, state)

    monkeypatch.setattr(stalecheck, "fingerprint", counted)
    return calls


def _second(engine: Engine, write_csv: CsvWriter) -> ImportSession:
    importer = Importer(engine)
    importer.run(write_csv([HEADER, *FIRST], name="first.csv"), create_missing_groups="class")
    return importer.plan(
        write_csv([HEADER, *SECOND], name="second.csv"),
        create_missing_groups="class",
        allow_mass_expiry=True,
    )


def _execute(engine: Engine, *statements: str) -> None:
    with engine.begin() as conn:
        for sql in statements:
            conn.exec_driver_sql(sql)


def _directory(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "users": "SELECT source_id, login, first_name, status FROM users ORDER BY source_id",
        "groups": "SELECT name, type FROM groups ORDER BY name",
        "memberships": "SELECT u.source_id, g.name FROM memberships m"
        " JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id ORDER BY 1, 2",
        "used_logins": "SELECT login FROM used_logins ORDER BY login",
    }
    with engine.connect() as conn:
        return {k: [tuple(r) for r in conn.exec_driver_sql(sql)] for k, sql in queries.items()}


def test_a_run_with_nothing_changed_skips_the_check_and_writes_what_the_full_check_would(
    pg_server: PgServer, write_csv: CsvWriter, checks: list[int], tmp_path: Path
) -> None:
    """The same two imports on two databases: the second run skips the full check on
    one (nothing changed since its preview) and takes it on the other (the snapshot
    forgotten): the same directory afterwards."""
    results = []
    for fast in (True, False):
        with pg_server.database() as url:
            engine = open_database(url)
            try:
                with session_scope(engine) as session:
                    directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
                session = _second(engine, write_csv)
                plan = session.plan
                assert plan is not None and plan.state.seen is not None
                if not fast:
                    plan.state.seen = None
                checks.clear()
                session.apply()
                assert checks == ([] if fast else [plan.state.school_id])
                results.append(_directory(engine))
            finally:
                engine.dispose()
    assert results[0] == results[1]
    assert len(results[0]["users"]) == 40 and results[0]["memberships"]


def test_a_user_changed_by_another_connection_after_the_preview_is_still_refused(
    pg_engine: Engine, write_csv: CsvWriter, checks: list[int]
) -> None:
    session = _second(pg_engine, write_csv)
    _execute(pg_engine, "UPDATE users SET last_name = 'Anders' WHERE source_id = '12'")

    with pytest.raises(StalePlan):
        session.apply()
    assert len(checks) == 1


def test_a_change_of_a_transaction_open_at_the_preview_and_committed_later_is_refused(
    pg_engine: Engine, write_csv: CsvWriter, checks: list[int]
) -> None:
    """Uncommitted when the preview took its snapshot (so among the snapshot's
    transactions in progress), committed before the run."""
    Importer(pg_engine).run(
        write_csv([HEADER, *FIRST], name="first.csv"), create_missing_groups="class"
    )
    with pg_engine.connect() as other:
        other.exec_driver_sql("UPDATE users SET first_name = 'Erika' WHERE source_id = '12'")
        session = Importer(pg_engine).plan(
            write_csv([HEADER, *SECOND], name="second.csv"),
            create_missing_groups="class",
            allow_mass_expiry=True,
        )
        other.commit()

    with pytest.raises(StalePlan):
        session.apply()
    assert len(checks) == 1


def test_a_change_elsewhere_is_checked_in_full_and_the_run_goes_on(
    pg_engine: Engine, write_csv: CsvWriter, checks: list[int]
) -> None:
    session = _second(pg_engine, write_csv)
    _execute(pg_engine, "INSERT INTO used_logins VALUES ('somebody.else', now(), NULL)")

    session.apply()
    assert len(checks) == 1
    assert len(_directory(pg_engine)["users"]) == 40


def test_each_writing_transaction_leaves_one_marker_and_a_rolled_back_one_none(
    pg_engine: Engine,
) -> None:
    def markers() -> int:
        with pg_engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM directory_changes").scalar_one())

    before = markers()
    _execute(
        pg_engine,
        "INSERT INTO used_logins VALUES ('a', now(), NULL)",
        "INSERT INTO used_logins VALUES ('b', now(), NULL)",
        "UPDATE schools SET name = name",
        "DELETE FROM used_logins WHERE login = 'a'",
    )
    assert markers() == before + 1
    with pg_engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO used_logins VALUES ('c', now(), NULL)")
        conn.rollback()
    assert markers() == before + 1
    _execute(pg_engine, "SELECT count(*) FROM users", "SELECT 1 FROM import_runs")
    assert markers() == before + 1  # reading, or writing other tables, marks nothing
    _execute(pg_engine, "UPDATE groups SET comment = 'x' WHERE false")
    assert markers() == before + 2  # an update of no row still counts: on the safe side
    _execute(
        pg_engine,
        "SET LOCAL session_replication_role = replica",  # as a restore would
        "UPDATE users SET first_name = 'Erika'",
    )
    assert markers() == before + 3


def test_pruned_markers_newer_than_the_preview_give_the_full_check(
    pg_engine: Engine, write_csv: CsvWriter, checks: list[int]
) -> None:
    session = _second(pg_engine, write_csv)
    assert session.plan is not None and session.plan.state.seen is not None
    with pg_engine.begin() as conn:
        assert not stalecheck.changed_since(conn, session.plan.state.seen)
    # A marker a day old pruned by another run: its xid (the newest) becomes the mark.
    _execute(
        pg_engine,
        "INSERT INTO directory_changes VALUES (pg_current_xact_id(), now() - interval '2 days')",
    )
    stalecheck.prune_changes(pg_engine)
    with pg_engine.connect() as conn:
        left, upto, newest = conn.exec_driver_sql(
            "SELECT count(*) FILTER (WHERE at < now() - interval '1 day'),"
            " (SELECT upto FROM directory_changes_pruned)::text, max(xid)::text"
            " FROM directory_changes"
        ).one()
    assert left == 0 and int(upto) > int(newest)

    session.apply()
    assert len(checks) == 1
