"""The start-up check of the schema's revision, made without importing Alembic
(``app.db.schema_is_current``): it must agree with Alembic, and a database that is
behind must still be upgraded."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

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


def test_a_database_one_revision_behind_is_upgraded(engine: Engine) -> None:
    config = alembic_config(engine)
    tables = set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    assert set(inspect(engine).get_table_names()) < tables  # the newest revision's table
    assert not schema_is_current(engine)

    init_database(engine)

    assert schema_is_current(engine)
    assert set(inspect(engine).get_table_names()) == tables


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
