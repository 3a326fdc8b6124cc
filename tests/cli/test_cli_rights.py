"""Every subcommand, run by a restricted operator of one school against a database
that also holds another school (SPEC §3 "Operators and rights", issue 19).

The subcommands come from the parser itself (``tests/cli/commands.py``): a new one
without a declared expectation here fails with a message saying what to add. Each
run must either be refused (exit 2) or succeed showing nothing of the other school;
either way the other school's users, groups, memberships and runs stay as they were.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import build_parser, main
from tests.cli.commands import YEAR, argv_of, fill, subcommands
from tests.conftest import HEADER

OPERATOR = "nachtlauf"
OPERATOR_PW = "Nacht-Lauf-2026"
ADMIN_PW = "Admin-Geheim-2026"
OTHER = "Andere Schule"
# Everything of the other school carries "fremd": its users' names and logins, its
# class and its file; nothing a restricted operator sees may contain it.
MARK = "fremd"
REFUSED, SCOPED = "refused", "scoped"

# What a restricted operator ("users" only, school "Meine Schule") gets from each
# subcommand, one outcome per argument list of commands.ARGV. A new subcommand needs
# an entry: refused, or scoped (it succeeds showing only the operator's schools).
EXPECTED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("init",): (SCOPED,),
    ("year", "add"): (REFUSED,),
    ("year", "list"): (SCOPED,),
    ("group", "add"): (REFUSED,),  # no "groups" kind
    ("group", "list"): (SCOPED,),
    ("group", "add-member"): (REFUSED,),  # no "groups" kind, and the user is elsewhere
    ("import",): (REFUSED,),  # into the other school
    ("users", "list"): (SCOPED, SCOPED),
    ("users", "expire-due"): (SCOPED,),
    ("users", "purge"): (SCOPED, REFUSED),  # the dry run lists its own schools only
    ("users", "restore"): (REFUSED,),
    ("users", "reset-password"): (REFUSED,),  # a user of the other school
    ("groups", "import"): (REFUSED,),
    ("groups", "export"): (SCOPED,),
    ("history", "list"): (SCOPED, SCOPED),
    ("history", "export"): (REFUSED, REFUSED),
    ("history", "archive"): (SCOPED,),
    ("history", "undo"): (REFUSED, REFUSED),
    ("template",): (SCOPED,),
    ("operator", "add"): (REFUSED,),
    ("operator", "password"): (REFUSED,),
    ("operator", "scope"): (REFUSED,),
    ("operator", "list"): (REFUSED,),
    ("school", "add"): (REFUSED,),
    ("school", "list"): (SCOPED,),
    ("school", "rename"): (REFUSED,),  # administrators only
    ("db", "password"): (SCOPED,),  # the local keyring, no database
    ("db", "check"): (SCOPED, SCOPED),  # sizes and a count: nothing of a person or school
    ("settings",): (SCOPED, REFUSED),
    ("ldap", "set"): (REFUSED,),  # the LDAP server is the installation's: administrators
    ("ldap", "sync"): (REFUSED,),
    ("ldap", "status"): (REFUSED,),
}
# Own data a scoped command must show, so that "shows nothing" cannot pass.
SHOWS = {
    ("users", "list"): "eigen",
    ("group", "list"): "5a",
    ("history", "list"): "eigene.csv",
    ("school", "list"): "Meine Schule",
    ("groups", "export"): "eigen",
    ("users", "purge"): "eigen",
}
Run = Callable[..., tuple[int, str, str]]


def _rows(name: str, group: str, first_id: int) -> list[list[str]]:
    firsts = ["Anna", "Ben", "Cem", "Dora"]
    return [HEADER] + [
        [str(first_id + i), f"{name}{chr(97 + i)}", first, group, "01.02.2014"]
        for i, first in enumerate(firsts)
    ]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    return path


def _release(db: Path, school: str) -> None:
    """Mark one user of the school as due for deactivation and one as due for purging."""
    with sqlite3.connect(db) as con:
        sid = con.execute("SELECT id FROM schools WHERE name = ?", (school,)).fetchone()[0]
        ids = [r[0] for r in con.execute("SELECT id FROM users WHERE school_id = ?", (sid,))]
        con.execute(
            "UPDATE users SET status='marked_for_deletion', deactivate_on='2020-01-01', "
            "purge_on='2020-03-01' WHERE id = ?",
            (ids[0],),
        )
        con.execute(
            "UPDATE users SET status='deactivated', deactivate_on='2020-01-01', "
            "purge_on='2020-03-01' WHERE id = ?",
            (ids[1],),
        )
    sqlite3.connect(db).close()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two schools with users, classes and runs; admin with a password; the restricted
    operator of "Meine Schule"."""
    folder = tmp_path_factory.mktemp("rights")
    db = folder / "schoolimport.db"
    mp = pytest.MonkeyPatch()
    mp.setenv("ADMIN_PW", ADMIN_PW)
    mp.setenv("OP_PW", OPERATOR_PW)

    def admin(*args: object) -> None:
        code = main(["--db", str(db), "--operator", "admin", *map(str, args)])
        assert code == 0, args

    try:
        assert main(["--db", str(db), "init"]) == 0
        assert main(["--db", str(db), "operator", "password", "admin", "--password-env",
                     "ADMIN_PW"]) == 0  # fmt: skip
        mp.setenv("SCHOOLIMPORT_PASSWORD", ADMIN_PW)
        admin("year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31", "--current")
        admin("school", "add", OTHER)
        for name, school, group, first in (
            ("eigene", "Meine Schule", "5a", 100),
            ("fremde", OTHER, "Fremdklasse", 900),
        ):
            rows = _rows("Eigen" if name == "eigene" else "Fremd", group, first)
            path = _write(folder / f"{name}.csv", rows)
            admin("import", path, "--year", YEAR, "--account-type", "student", "--school",
                  school, "--create-missing-groups", "class", "--no-passwords",
                  "--no-datasafe")  # fmt: skip
        admin("operator", "add", OPERATOR, "--kinds", "users", "--school", "Meine Schule",
              "--password-env", "OP_PW")  # fmt: skip
    finally:
        mp.undo()
    _release(db, "Meine Schule")
    _release(db, OTHER)
    return db


def _fingerprint(db: Path) -> list[object]:
    """Everything of the other school that no command of the operator may change."""
    with sqlite3.connect(db) as con:
        sid = con.execute("SELECT id FROM schools WHERE name = ?", (OTHER,)).fetchone()[0]
        queries = [
            "SELECT login, status, deactivate_on, purge_on, last_name FROM users "
            "WHERE school_id = :s ORDER BY login",
            "SELECT g.name, u.login FROM memberships m JOIN users u ON u.id = m.user_id "
            "JOIN groups g ON g.id = m.group_id WHERE u.school_id = :s OR g.school_id = :s "
            "ORDER BY 1, 2",
            "SELECT id, name FROM groups WHERE school_id = :s ORDER BY id",
            "SELECT id, status, before_image IS NOT NULL, "
            "(SELECT count(*) FROM import_row_results r WHERE r.run_id = import_runs.id) "
            "FROM import_runs WHERE school_id = :s ORDER BY id",
            "SELECT id, name FROM schools ORDER BY id",
            "SELECT name, role, import_kinds, password_hash FROM operators ORDER BY name",
        ]
        result = [con.execute(q, {"s": sid}).fetchall() for q in queries]
    sqlite3.connect(db).close()
    return result


def _other_refs(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        login = con.execute(
            "SELECT u.login FROM users u JOIN schools s ON s.id = u.school_id "
            "WHERE s.name = ? AND u.status = 'active' ORDER BY u.login",
            (OTHER,),
        ).fetchone()[0]
        run = con.execute(
            "SELECT r.id FROM import_runs r JOIN schools s ON s.id = r.school_id WHERE s.name = ?",
            (OTHER,),
        ).fetchone()[0]
    sqlite3.connect(db).close()
    return {"login": login, "run": str(run)}


@pytest.fixture
def operator_cli(
    template_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: object,
) -> tuple[Path, Run]:
    db = tmp_path / "schoolimport.db"
    shutil.copy(template_db, db)
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", OPERATOR_PW)
    monkeypatch.setenv("NEW_PW", "Neues-Passwort-2026")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), "--operator", OPERATOR, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return db, run


def _files(folder: Path) -> str:
    return "".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.iterdir() if p.is_file()
    )


@pytest.mark.parametrize("path", subcommands(), ids=" ".join)
def test_a_restricted_operator_reaches_only_its_own_schools(
    path: tuple[str, ...], operator_cli: tuple[Path, Run], tmp_path: Path, write_csv: object
) -> None:
    if path not in EXPECTED:
        pytest.fail(
            f"the subcommand '{' '.join(path)}' has no declared expectation in "
            "tests/cli/test_cli_rights.py EXPECTED: say whether a restricted operator of "
            "another school is refused (REFUSED) or sees only its own schools (SCOPED), "
            "one outcome per argument list in tests/cli/commands.py ARGV"
        )
    db, run = operator_cli
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    values = {
        **_other_refs(db),
        "dir": str(out_dir),
        "users": str(_write(tmp_path / "neu.csv", _rows("Neu", "5a", 500))),
        "groups": str(_write(tmp_path / "g.csv", [["group_id", "group_name"], ["", "Neu"]])),
    }
    variants = argv_of(path, "test_cli_rights")
    assert len(EXPECTED[path]) == len(variants), f"one outcome per argument list of {path}"
    before = _fingerprint(db)
    for argv, outcome in zip(variants, EXPECTED[path], strict=True):
        code, out, err = run(*fill(argv, **values))
        seen = out + _files(out_dir)
        if outcome == REFUSED:
            assert code == 2, f"{argv} was not refused: {out}{err}"
            assert len(err.strip().splitlines()) == 1, err
        else:
            assert code == 0, f"{argv}: {err}"
            shows = SHOWS.get(path)
            if shows is not None and argv is variants[0]:
                assert shows.lower() in seen.lower(), f"{argv} showed no own data: {seen}"
        for mark in (MARK, OTHER.lower()):
            assert mark not in seen.lower(), f"{argv} showed the other school: {seen}"
        assert _fingerprint(db) == before, f"{argv} changed the other school"


def test_a_new_subcommand_without_an_entry_fails_loudly() -> None:
    """What an engineer adding a ``school`` command sees until the tables know it."""
    parser = build_parser()
    _sub(_sub(parser).choices["school"]).add_parser("merge")
    assert ("school", "merge") in subcommands(parser)
    assert ("school", "merge") not in EXPECTED
    with pytest.raises(AssertionError, match="has no arguments in tests/cli/commands.py"):
        argv_of(("school", "merge"), "test_cli_rights")


def _sub(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_a_restricted_operators_own_import_writes_its_failed_rows(
    operator_cli: tuple[Path, Run], tmp_path: Path
) -> None:
    """Signed in, the whole import works in its own school: protocol-free, with the
    failed-rows file (which reads the run through the same scoped history)."""
    _db, run = operator_cli
    rows = [*_rows("Neu", "5a", 500), ["", "Ohne", "Id", "5a", ""]]
    errors = tmp_path / "fehler.xlsx"
    code, _out, err = run(
        "import", str(_write(tmp_path / "neu.csv", rows)), "--year", YEAR, "--account-type",
        "student", "--no-passwords", "--no-datasafe", "--errors", str(errors),
    )  # fmt: skip
    assert code == 0, err
    assert errors.exists()
