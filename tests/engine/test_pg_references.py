"""PostgreSQL's references of users and memberships kept by statement triggers
(migration 0005) instead of foreign keys: refused, cascaded and locked as the foreign
keys did. Each test compares with the same database downgraded to revision 0004 (the
foreign keys) where it can."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, cast

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, Table, false, literal_column, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from app.db import alembic_config, open_database, session_scope
from app.engine.admin import directory
from app.engine.bulk import BulkStatement
from app.models import Membership, User
from tests.conftest import HEADER, CsvWriter, Importer
from tests.pg import PgServer

NOW = literal_column("'2026-08-01 08:00:00.000000'")
MEMBERSHIPS = cast(Table, Membership.__table__)
USERS = cast(Table, User.__table__)

FILL = """
INSERT INTO schools (id, name, created_at) VALUES (2, 'B', now());
INSERT INTO school_years (id, name, start, "end", is_current)
  VALUES (1, '2026/27', '2026-08-01', '2027-07-31', true);
INSERT INTO groups (id, school_id, year_id, year_key, name, name_key, type, description,
                    comment, disabled, created_at, updated_at)
  VALUES (1, 1, 1, 1, 'g1', 'g1', 'class', '', '', false, now(), now()),
         (2, 1, NULL, 0, 'g2', 'g2', 'manual', '', '', false, now(), now()),
         (3, 2, 1, 1, 'g3', 'g3', 'class', '', '', false, now(), now());
INSERT INTO users (id, school_id, source, source_id, account_type, last_name, first_name,
                   login, must_change_password, status, created_at, updated_at)
  SELECT n, CASE WHEN n <= 4 THEN 1 ELSE 2 END, 's', n::text, 'student', 'L', 'F',
         'u' || n, true, 'active', now(), now()
  FROM generate_series(1, 6) n;
INSERT INTO memberships (user_id, group_id, is_admin, created_at)
  VALUES (1, 1, false, now()), (1, 2, false, now()), (2, 1, false, now()),
         (3, 2, false, now()), (5, 3, false, now()), (6, 3, false, now());
SELECT setval(pg_get_serial_sequence(t, 'id'), 100)
  FROM unnest(ARRAY['schools', 'school_years', 'groups', 'users']) t;
"""

# (statement, what both kinds of database do: None when it succeeds, else its SQLSTATE)
OPERATIONS: list[tuple[str, str | None]] = [
    ("DELETE FROM account_types WHERE code = 'student'", "23503"),
    ("DELETE FROM account_types WHERE code = 'staff'", None),
    ("UPDATE account_types SET code = 'pupil' WHERE code = 'student'", "23503"),
    ("UPDATE users SET id = 1002 WHERE id = 2", "23503"),
    ("UPDATE users SET id = 1004 WHERE id = 4", None),  # no membership refers to it
    ("UPDATE groups SET id = 1001 WHERE id = 1", "23503"),
    ("UPDATE schools SET id = 1002 WHERE id = 2", "23503"),
    ("UPDATE users SET school_id = 99 WHERE id = 1004", "23503"),
    ("UPDATE users SET school_id = 2, account_type = 'teacher' WHERE id = 1004", None),
    ("UPDATE users SET account_type = 'alien' WHERE id = 1004", "23503"),
    ("UPDATE memberships SET group_id = 99 WHERE user_id = 1 AND group_id = 1", "23503"),
    ("UPDATE memberships SET user_id = 1004 WHERE user_id = 1 AND group_id = 1", None),
    ("UPDATE memberships SET is_admin = true WHERE user_id = 1", None),
    ("INSERT INTO memberships VALUES (1004, 3, false, now()), (99, 3, false, now())", "23503"),
    ("INSERT INTO memberships VALUES (1004, 3, false, now()), (1004, 99, false, now())", "23503"),
    ("INSERT INTO memberships VALUES (1004, 3, false, now()), (6, 1, false, now())", None),
    (
        "INSERT INTO users (id, school_id, source, source_id, account_type, last_name, first_name,"
        " login, must_change_password, status, created_at, updated_at)"
        " VALUES (50, 3, 's', 'x', 'student', 'L', 'F', 'x', true, 'active', now(), now())",
        "23503",
    ),
    ("DELETE FROM users WHERE id = 1", None),  # its membership goes with it
    ("DELETE FROM groups WHERE id = 2", None),
    ("DELETE FROM schools WHERE id = 2", None),  # its users, group, their memberships
    ("TRUNCATE users", "0A000"),
    ("TRUNCATE groups", "0A000"),
    ("DELETE FROM users WHERE id IN (2, 3)", None),
    ("TRUNCATE memberships, users", None),
]


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    with pg_server.database() as url:
        yield url


def _engine(url: str, fill: bool = True) -> Engine:
    engine = open_database(url)
    if fill:
        with engine.begin() as conn:
            conn.exec_driver_sql(FILL)
    return engine


def _to_revision(engine: Engine, revision: str, down: bool) -> None:
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _foreign_keys(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT conname FROM pg_constraint WHERE contype = 'f'"
            " AND conrelid::regclass::text IN ('users', 'memberships')"
        )
        return {str(name) for (name,) in rows}


def _triggers(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {str(name) for (name,) in rows}


def _contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    tables = {
        "schools": "SELECT id, name FROM schools ORDER BY id",
        "account_types": "SELECT code FROM account_types ORDER BY code",
        "groups": "SELECT id, school_id FROM groups ORDER BY id",
        "users": "SELECT id, school_id, account_type, login FROM users ORDER BY id",
        "memberships": "SELECT user_id, group_id, is_admin FROM memberships ORDER BY 1, 2",
    }
    with engine.connect() as conn:
        return {t: [tuple(r) for r in conn.exec_driver_sql(sql)] for t, sql in tables.items()}


def _outcome(engine: Engine, sql: str) -> str | None:
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    except DBAPIError as exc:
        return str(getattr(exc.orig, "sqlstate", None))
    return None


KEYS = {
    "fk_users_school_id_schools",
    "fk_users_account_type_account_types",
    "fk_memberships_user_id_users",
    "fk_memberships_group_id_groups",
}


def test_the_triggers_refuse_and_cascade_exactly_as_the_foreign_keys_did(
    pg_server: PgServer,
) -> None:
    """Every statement of :data:`OPERATIONS`, one after the other, on a database with
    the triggers and on one downgraded to the foreign keys: the same outcome and the
    same rows after each."""
    with pg_server.database() as with_triggers, pg_server.database() as with_keys:
        triggers, keys = _engine(with_triggers), _engine(with_keys)
        try:
            _to_revision(keys, "0004", down=True)
            assert _foreign_keys(triggers) == set() and "si_ref_users_inserted" in _triggers(
                triggers
            )
            assert _foreign_keys(keys) == KEYS and not any(
                name.startswith("si_") for name in _triggers(keys)
            )
            for sql, expected in OPERATIONS:
                assert (_outcome(keys, sql), _outcome(triggers, sql)) == (expected, expected), sql
                assert _contents(triggers) == _contents(keys), sql
            assert _contents(triggers)["users"] == []  # the last truncate went through
        finally:
            triggers.dispose()
            keys.dispose()


def test_the_cascades_delete_the_referencing_rows(pg_url: str) -> None:
    engine = _engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM schools WHERE id = 2")
            conn.exec_driver_sql("DELETE FROM users WHERE id = 1")
        found = _contents(engine)
        assert [u[0] for u in found["users"]] == [2, 3, 4]
        assert [g[0] for g in found["groups"]] == [1, 2]
        assert found["memberships"] == [(2, 1, False), (3, 2, False)]
    finally:
        engine.dispose()


def test_a_dangling_membership_written_by_copy_is_refused_and_changes_nothing(
    pg_url: str,
) -> None:
    engine = _engine(pg_url)
    try:
        before = _contents(engine)
        with engine.begin() as conn:
            stmt = BulkStatement.insert(
                conn, MEMBERSHIPS, ("user_id", "group_id"), is_admin=false(), created_at=NOW
            )
            # Through the driver's COPY: psycopg's error, not SQLAlchemy's.
            with pytest.raises(psycopg.errors.ForeignKeyViolation) as refused:
                stmt.execute_batched([(4, 1), (4, 3), (77, 1)], 2)  # one COPY, two batches
            conn.rollback()
        assert refused.value.sqlstate == "23503"
        assert 'Key (user_id)=(77) is not present in table "users"' in str(refused.value)
        assert _contents(engine) == before
    finally:
        engine.dispose()


def test_a_user_of_a_school_that_is_not_there_is_refused_and_changes_nothing(
    pg_url: str,
) -> None:
    engine = _engine(pg_url)
    columns = ("school_id", "source", "source_id", "account_type", "last_name", "first_name")
    columns += ("login", "must_change_password", "status")
    try:
        before = _contents(engine)
        for school, kind, says in (
            (5, "student", "(school_id)=(5)"),
            (1, "x", "(account_type)=(x)"),
        ):
            rows = [
                (1, "s", "n1", "student", "L", "F", "n1", True, "active"),
                (school, "s", "n2", kind, "L", "F", "n2", True, "active"),
            ]
            with engine.begin() as conn:
                stmt = BulkStatement.insert(conn, USERS, columns, created_at=NOW, updated_at=NOW)
                with pytest.raises(psycopg.errors.ForeignKeyViolation) as refused:
                    stmt.execute(rows)
                conn.rollback()
            assert refused.value.sqlstate == "23503"
            assert says in str(refused.value)
            assert _contents(engine) == before
    finally:
        engine.dispose()


def test_a_membership_waits_for_a_concurrent_delete_of_its_user_and_is_then_refused(
    pg_url: str,
) -> None:
    """The referenced rows are locked FOR KEY SHARE: an insert waits for a delete of
    its user that is not committed yet (here: gives up after 300 ms), and after the
    commit it is refused, as with the foreign key."""
    engine = _engine(pg_url)
    try:
        with engine.connect() as deleting, engine.connect() as adding:
            deleting.exec_driver_sql("DELETE FROM users WHERE id = 4")
            adding.exec_driver_sql("SET lock_timeout = '300ms'")
            insert = text("INSERT INTO memberships VALUES (4, 1, false, now())")
            with pytest.raises(OperationalError) as waited:
                adding.execute(insert)
            assert getattr(waited.value.orig, "sqlstate", None) == "55P03"  # lock_not_available
            adding.rollback()
            deleting.commit()
            with pytest.raises(IntegrityError):
                adding.execute(insert)
            adding.rollback()
        assert (4, 1, False) not in _contents(engine)["memberships"]
    finally:
        engine.dispose()


def test_a_user_locked_by_a_new_membership_is_deleted_with_it_after_the_commit(
    pg_url: str,
) -> None:
    """The other order: the delete waits for the membership's transaction, then sees
    the committed membership and deletes it too (no dangling row)."""
    engine = _engine(pg_url)
    try:
        with engine.connect() as adding, engine.connect() as deleting:
            adding.exec_driver_sql("INSERT INTO memberships VALUES (4, 1, false, now())")
            deleting.exec_driver_sql("SET lock_timeout = '300ms'")
            with pytest.raises(OperationalError):
                deleting.exec_driver_sql("DELETE FROM users WHERE id = 4")
            deleting.rollback()
            adding.commit()
            deleting.exec_driver_sql("DELETE FROM users WHERE id = 4")
            deleting.commit()
        found = _contents(engine)
        assert 4 not in [u[0] for u in found["users"]]
        assert all(user != 4 for user, _g, _a in found["memberships"])
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_keeps_a_filled_database(
    pg_url: str, write_csv: CsvWriter
) -> None:
    engine = open_database(pg_url)
    try:
        with session_scope(engine) as session:
            directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
        rows = [[str(n), "Muster", f"Max{n}", f"{5 + n % 3}a", ""] for n in range(1, 41)]
        Importer(engine).run(write_csv([HEADER, *rows]), create_missing_groups="class")
        filled = _contents(engine)
        assert len(filled["users"]) == 40 and len(filled["memberships"]) == 40

        _to_revision(engine, "0004", down=True)
        assert _foreign_keys(engine) == KEYS
        assert not any(name.startswith("si_") for name in _triggers(engine))
        assert _contents(engine) == filled

        _to_revision(engine, "head", down=False)
        assert _foreign_keys(engine) == set()
        assert {"si_ref_memberships_inserted", "si_mark_users"} <= _triggers(engine)
        assert _contents(engine) == filled
        assert _outcome(engine, "INSERT INTO memberships VALUES (999, 1, false, now())") == "23503"
        assert _outcome(engine, "DELETE FROM users") is None
        assert _contents(engine)["memberships"] == []
    finally:
        engine.dispose()
