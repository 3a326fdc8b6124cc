"""Secrets on the command line (issue 19): a database URL's password is never shown,
a new database file is the owner's alone, a missing keyring is one clear line, and
the note about unsaved passwords appears only when passwords were made."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.cli import main
from app.db import open_database, session_scope
from app.engine.admin import directory
from tests.cli.commands import YEAR
from tests.conftest import HEADER

SECRET = "S3cret-Wort"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://postgres:{SECRET}@127.0.0.1:1/schoolimport",
        f"postgresql+psycopg://postgres:{SECRET}@db.invalid/schoolimport",
    ],
)
def test_an_unreachable_server_is_named_without_its_password(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["users", "list"], ["init"]):
        assert main(["--db", url, *args]) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1, err
        assert "cannot be opened" in err and "postgres:***@" in err
        assert SECRET not in err
    log = Path(os.environ["SCHOOLIMPORT_LOG_DIR"]) / "schoolimport.log"
    assert SECRET not in log.read_text(encoding="utf-8")


def test_display_url_masks_every_form() -> None:
    from app.db import display_url  # here: the test module also runs against older code

    assert SECRET not in display_url(f"postgresql+psycopg://u:{SECRET}@h/db")
    assert SECRET not in display_url(f"weird://u:{SECRET}@h:notaport/db")
    assert display_url("/tmp/x.db").startswith("sqlite:///")


def test_the_log_filter_masks_a_url_password_too() -> None:
    from app.logs import redact

    assert redact(f"open postgresql+psycopg://u:{SECRET}@h/db failed") == (
        "open postgresql+psycopg://u:[redacted]@h/db failed"
    )


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "schoolimport.db"
    engine = open_database(str(path))
    try:
        with session_scope(engine) as session:  # a write, so that -wal and -shm exist
            directory.add_school(session, "Zweite Schule")
        with engine.connect():
            files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
            for file in files:
                assert file.exists(), file
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        engine.dispose()


@pytest.mark.usefixtures("umask_022")
def test_init_at_an_explicit_path_makes_a_private_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.db"
    assert main(["--db", f"sqlite:///{path}", "init"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_in_memory_database_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    open_database("sqlite://").dispose()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("no_keyring")
def test_db_password_without_a_keyring_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DB_PW", SECRET)
    url = "postgresql+psycopg://schule@db.example/verwaltung"
    assert main(["db", "password", url, "--password-env", "DB_PW"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert "no system keyring is available" in err and "~/.pgpass" in err
    assert SECRET not in err


def test_no_passwords_no_datasafe_prints_no_note_about_passwords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    year = ["year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31", "--current"]
    assert main(["--db", db, *year]) == 0
    file = tmp_path / "u.csv"
    file.write_text(";".join(HEADER) + "\r\n1;Adler;Ada;5a;\r\n", encoding="utf-8")
    base = ["--db", db, "import", str(file), "--year", YEAR, "--account-type", "student",
            "--create-missing-groups", "class"]  # fmt: skip
    assert main([*base, "--no-passwords", "--no-datasafe"]) == 0
    _out, err = capsys.readouterr()
    assert "initial passwords" not in err
    file.write_text(";".join(HEADER) + "\r\n2;Berg;Ben;5a;\r\n", encoding="utf-8")
    assert main([*base, "--no-datasafe"]) == 0  # passwords made, none saved: the note
    _out, err = capsys.readouterr()
    assert "1 new account(s) got initial passwords that were not saved" in err
