"""Every subcommand against a damaged database file and a database of a newer
program: one line on stderr and exit 2, never a traceback (issue 19).

The subcommands come from the parser itself (``tests/cli/commands.py``), so a new one
is never forgotten. A damaged data page that only some commands read (the users
table) is checked on its own: ``users list`` and ``import`` fail in one line too.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.commands import YEAR, argv_of, fill, needs_database, subcommands
from tests.conftest import HEADER

PAGE = 4096
ROWS = [HEADER] + [[str(i), f"Nach{i}", f"Vor{i}", "5a", ""] for i in range(1, 200)]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a year, users and a run, checkpointed into its main file."""
    folder = tmp_path_factory.mktemp("failures")
    db = folder / "gesund.db"
    assert main(["--db", str(db), "init"]) == 0
    year = ["year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31", "--current"]
    assert main(["--db", str(db), *year]) == 0
    users = _write(folder / "users.csv", ROWS)
    assert main(["--db", str(db), "import", str(users), "--year", YEAR, "--account-type",
                 "student", "--create-missing-groups", "class", "--no-passwords",
                 "--no-datasafe"]) == 0  # fmt: skip
    _sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _sql(db: Path, *statements: str) -> list[tuple[object, ...]]:
    """Run statements on a closed connection afterwards (which checkpoints the WAL
    into the main file, the one the tests copy)."""
    with closing(sqlite3.connect(db)) as con:
        rows = [row for statement in statements for row in con.execute(statement).fetchall()]
        con.commit()
    return rows


def _damage_pages(db: Path, pages: list[int]) -> None:
    """Overwrite whole pages (1-based) with a pattern SQLite cannot take for a page."""
    with db.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * PAGE)
            f.write(bytes([0x5A, 0xA5]) * (PAGE // 2))


@pytest.fixture(scope="module")
def broken(healthy: Path) -> dict[str, Path]:
    folder = healthy.parent
    damaged = shutil.copy(healthy, folder / "kaputt.db")
    size = Path(damaged).stat().st_size // PAGE
    _damage_pages(Path(damaged), list(range(2, size + 1)))  # every page but the schema's
    newer = Path(shutil.copy(healthy, folder / "neuer.db"))
    _sql(
        newer,
        "UPDATE alembic_version SET version_num = '0099_future'",
        "UPDATE settings SET value = '\"9.4.0\"' WHERE key = 'schema_upgraded_by'",
    )
    older_unknown = Path(shutil.copy(newer, folder / "neuer-ohne-version.db"))
    _sql(older_unknown, "DELETE FROM settings WHERE key = 'schema_upgraded_by'")
    return {"damaged": Path(damaged), "newer": newer, "newer-unknown": older_unknown}


@pytest.mark.parametrize("path", subcommands(), ids=" ".join)
@pytest.mark.parametrize("kind", ["damaged", "newer", "newer-unknown"])
def test_every_subcommand_fails_in_one_line(
    path: tuple[str, ...],
    kind: str,
    broken: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: object,
) -> None:
    db = tmp_path / broken[kind].name
    shutil.copy(broken[kind], db)
    before = db.read_bytes()
    monkeypatch.setenv("NEW_PW", "Neues-Passwort-2026")
    values = {"dir": str(tmp_path), "users": str(_write(tmp_path / "u.csv", ROWS[:3])),
              "groups": str(tmp_path / "g.csv"), "login": "vor1.nach1", "run": "1"}  # fmt: skip
    for argv in argv_of(path, "test_cli_failures"):
        code = main(["--db", str(db), *fill(argv, **values)])
        out, err = capsys.readouterr()
        if not needs_database(path):
            assert code == 0, err  # it never opens the database
            continue
        assert code == 2, f"{argv}: {out}{err}"
        assert len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
        if kind == "damaged":
            assert "is damaged" in err and ".recover" in err and str(db) in err
        elif kind == "newer":
            assert "newer schoolimport" in err and "needs schoolimport 9.4.0 or later" in err
        else:
            assert "newer schoolimport" in err and "needs a version later than" in err
    assert db.read_bytes() == before  # nothing written into it


@pytest.mark.parametrize(
    "argv",
    [
        ["users", "list", "--json"],
        ["import", "{users}", "--year", YEAR, "--account-type", "student"],
    ],
)
def test_a_damaged_users_table_fails_in_one_line(
    argv: list[str], healthy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(shutil.copy(healthy, tmp_path / "seite.db"))
    root = _sql(db, "SELECT rootpage FROM sqlite_master WHERE name = 'users'")[0][0]
    _damage_pages(db, [int(str(root))])
    users = _write(tmp_path / "u.csv", ROWS[:3])
    code = main(["--db", str(db), *fill(argv, users=str(users))])
    _out, err = capsys.readouterr()
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "is damaged" in err and "sqlite3" in err and "backup" in err


def test_a_damaged_database_as_a_process_prints_no_traceback(
    broken: dict[str, Path], tmp_path: Path
) -> None:
    db = shutil.copy(broken["damaged"], tmp_path / "k.db")
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(db), "users", "list"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_file_the_system_refuses_is_one_line(
    healthy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = shutil.copy(healthy, tmp_path / "s.db")
    (tmp_path / "datei").write_text("keine Mappe", encoding="utf-8")
    target = tmp_path / "datei" / "gruppen.csv"  # a "folder" that is a file
    assert main(["--db", str(db), "groups", "export", str(target)]) == 2
    _out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("schoolimport: the system refused it: ") and "datei" in err


def test_an_unexpected_error_is_one_line_and_logged(
    healthy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object) -> int:
        raise TypeError("a bug")

    monkeypatch.setattr("app.cli.admin.cmd_year_list", broken)
    db = shutil.copy(healthy, tmp_path / "s.db")
    assert main(["--db", str(db), "year", "list"]) == 2
    _out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "unexpected error (TypeError)" in err
    log = Path(os.environ["SCHOOLIMPORT_LOG_DIR"]) / "schoolimport.log"
    assert "Traceback" in log.read_text(encoding="utf-8")
