"""The start-up check of the schema's revision, made without importing Alembic
(``app.db.schema_is_current``): it must agree with Alembic, and a database that is
behind must still be upgraded."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import SAWarning

from app import db
from app.cli import main
from app.db import alembic_config, head_revision, init_database, make_engine, schema_is_current


def test_the_head_read_from_the_files_is_alembic_s() -> None:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))

    assert head_revision() == script.get_current_head()


def test_a_migrated_database_is_current(engine: Engine) -> None:
    assert schema_is_current(engine)


def test_a_new_database_is_not_current_and_init_migrates_it(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert not schema_is_current(engine)  # no alembic_version table yet
        init_database(engine)
        assert schema_is_current(engine)
        assert inspect(engine).has_table("import_locks")
    finally:
        engine.dispose()


def test_what_init_seeds_is_put_back_when_it_is_missing(engine: Engine) -> None:
    """A current schema whose seeded rows are all there is left alone in one query;
    one missing (here: the version note and an account type) is added again."""
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM settings WHERE key = 'schema_upgraded_by'")
        connection.exec_driver_sql("DELETE FROM account_types WHERE code = 'staff'")
    assert db._schema_state(engine, seeded=True) == (True, False)

    init_database(engine)

    assert db._schema_state(engine, seeded=True) == (True, True)
    with engine.connect() as connection:
        codes = connection.exec_driver_sql("SELECT code FROM account_types ORDER BY code").all()
        version = connection.exec_driver_sql(
            "SELECT value FROM settings WHERE key = 'schema_upgraded_by'"
        ).scalar()
    assert [c for (c,) in codes] == ["staff", "student", "teacher"]
    assert version is not None


def _schema(engine: Engine) -> set[tuple[str, str]]:
    """The tables, their indexes, foreign keys and (PostgreSQL) triggers: what a
    revision adds, whatever the newest is."""
    found = inspect(engine)
    tables = found.get_table_names()
    with warnings.catch_warnings():  # SQLite: expression indexes are not reflected
        warnings.simplefilter("ignore", SAWarning)
        indexes = {(t, str(index["name"])) for t in tables for index in found.get_indexes(t)}
    keys = {(t, str(key["name"])) for t in tables for key in found.get_foreign_keys(t)}
    triggers: set[tuple[str, str]] = set()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
            )
            triggers = {(str(table), str(name)) for table, name in rows}
    return {("table", t) for t in tables} | indexes | keys | triggers


def test_a_database_one_revision_behind_is_upgraded(engine: Engine) -> None:
    newest = _schema(engine)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    # (The schema itself may be the same: the newest revision may move data only.)
    assert not schema_is_current(engine)

    init_database(engine)

    assert schema_is_current(engine)
    assert _schema(engine) == newest


def _revision_file(folder: Path, name: str, revision: str, down: str) -> None:
    (folder / f"{name}.py").write_text(
        f'"""{name}\n\nRevision ID: {revision}\n"""\n'
        f"revision: str = {revision!r}  # the id\n"
        f"down_revision: str | tuple[str, ...] | None = {down}\n",
        encoding="utf-8",
    )


def test_the_head_is_found_with_annotations_and_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    monkeypatch.setattr(db, "MIGRATIONS", tmp_path)
    _revision_file(versions, "a", "aaa1", "None")
    _revision_file(versions, "b", "bbb2", "'aaa1'")
    _revision_file(versions, "c", "ccc3", "'aaa1'")
    assert head_revision() is None  # two heads: Alembic decides

    _revision_file(versions, "d", "ddd4", "('bbb2', 'ccc3')")
    assert head_revision() == "ddd4"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite:///{tmp}/kaputt.db", "is damaged"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot be opened"),
    ],
    ids=["not-a-database", "no-server"],
)
def test_a_database_that_cannot_be_read_is_refused_in_one_line(
    url: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kaputt.db").write_bytes(b"this is no database\n" * 200)

    assert main(["--db", url.format(tmp=tmp_path), "users", "list"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err
    assert (tmp_path / "kaputt.db").read_bytes() == b"this is no database\n" * 200
