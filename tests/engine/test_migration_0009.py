"""Migration 0009 (``ldap_uid_numbers``) on SQLite and PostgreSQL: a database of 0008
with users is upgraded, and a deleted user's number stays given but no longer theirs
(the foreign key on SQLite, the statement triggers on PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect, text

from app.db import alembic_config, init_database, schema_is_current
from tests.conftest import HEADER, CsvWriter, Importer


def _to(engine: Engine, revision: str, down: bool) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _numbers(engine: Engine) -> list[tuple[int, int | None]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT uid_number, user_id FROM ldap_uid_numbers ORDER BY 1"))
        return [(int(n), u) for n, u in rows]


def test_upgrade_from_0008_keeps_the_users_and_releases_a_deleted_users_number(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    rows = [[str(n), "Muster", f"Max{n}", "5a", ""] for n in range(1, 5)]
    importer.run(write_csv([HEADER, *rows]), create_missing_groups="class")
    _to(engine, "0008", down=True)
    assert "ldap_uid_numbers" not in inspect(engine).get_table_names()
    assert not schema_is_current(engine)

    init_database(engine)  # what the program does at start

    assert schema_is_current(engine)
    with engine.begin() as conn:
        ids = [int(i) for (i,) in conn.execute(text("SELECT id FROM users ORDER BY id"))]
        assert len(ids) == 4
        for n, user_id in enumerate(ids):
            conn.execute(
                text("INSERT INTO ldap_uid_numbers VALUES (:n, :u, CURRENT_TIMESTAMP)"),
                {"n": 10000 + n, "u": user_id},
            )
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM users WHERE id = :u"), {"u": ids[1]})
    assert _numbers(engine) == [(10000, ids[0]), (10001, None), (10002, ids[2]), (10003, ids[3])]

    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE memberships, users"))
        assert [u for _n, u in _numbers(engine)] == [None] * 4

    _to(engine, "0008", down=True)
    assert "ldap_uid_numbers" not in inspect(engine).get_table_names()
    _to(engine, "head", down=False)
    assert _numbers(engine) == []
