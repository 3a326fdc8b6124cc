"""The commands of SPEC §3 on the command line: ``history undo``, ``import --letters``,
``users expire-due|purge|restore`` and ``settings``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.cli import main
from tests.conftest import HEADER

ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5b", "2014-02-01"],
]
PASSWORD = "Sehr-geheim-2026"
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: Any) -> tuple[int, str, str]:
        code = main(["--db", db_url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("init")[0] == 0
    year = ("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")
    assert run(*year, "--current")[0] == 0
    return run


def do_import(cli: Cli, path: Path, *extra: str) -> dict[str, Any]:
    code, out, err = cli(
        "import", path, "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--json", *extra,
    )  # fmt: skip
    assert code == 0, err
    return dict(json.loads(out))


def logins(cli: Cli, *extra: str) -> list[str]:
    code, out, _ = cli("users", "list", "--json", *extra)
    assert code == 0
    return sorted(u["login"] for u in json.loads(out))


def test_import_writes_login_letters(
    cli: Cli, write_csv: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTERS_PW", PASSWORD)
    target = tmp_path / "briefe.pdf"
    counts = do_import(
        cli, write_csv(ROWS), "--letters", target, "--protocol-password-env", "LETTERS_PW"
    )
    assert counts["created"] == 2
    reader = PdfReader(target)
    assert reader.decrypt(PASSWORD)
    texts = [page.extract_text() for page in reader.pages]
    assert ["juergen.mueller" in texts[0], "anna.weiss" in texts[1]] == [True, True]


def test_letters_without_a_password_are_refused_before_the_import(
    cli: Cli, write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    code, _out, err = cli(
        "import", write_csv(ROWS), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--letters", tmp_path / "b.pdf",
    )  # fmt: skip
    assert code == 2 and "--protocol-password-env" in err
    assert logins(cli) == []
    assert not (tmp_path / "b.pdf").exists()


def test_history_undo(cli: Cli, write_csv: Callable[..., Path]) -> None:
    run_id = do_import(cli, write_csv(ROWS), "--no-passwords")["run_id"]
    code, out, _ = cli("history", "undo", run_id, "--dry-run", "--json")
    assert code == 0
    preview = json.loads(out)
    assert (preview["users_deleted"], preview["groups_deleted"], preview["blockers"]) == (2, 2, [])
    assert logins(cli) == ["anna.weiss", "juergen.mueller"]  # a dry run changes nothing
    code, out, _ = cli("history", "undo", run_id, "--json")
    assert code == 0
    assert json.loads(out) == {
        "run_id": run_id,
        "users_deleted": 2,
        "users_restored": 0,
        "expiries_lifted": 0,
        "memberships_removed": 2,
        "memberships_restored": 0,
        "groups_deleted": 2,
    }
    assert logins(cli) == []
    code, out, _ = cli("history", "list", "--json")
    assert json.loads(out)[0]["status"] == "undone"
    code, _out, err = cli("history", "undo", run_id)
    assert code == 2 and "undone already" in err


def test_undo_blocked_by_a_later_change(cli: Cli, write_csv: Callable[..., Path]) -> None:
    run_id = do_import(cli, write_csv(ROWS), "--no-passwords")["run_id"]
    assert cli("group", "add", "Chor", "--type", "manual", "--year", "2026/27")[0] == 0
    assert cli("group", "add-member", "Chor", "anna.weiss", "--year", "2026/27")[0] == 0
    code, out, err = cli("history", "undo", run_id, "--dry-run")
    assert code == 2
    assert "BLOCKED: anna.weiss was added to the group Chor after the run" in out
    code, _out, err = cli("history", "undo", run_id)
    assert code == 2 and "anna.weiss was added to the group Chor" in err


def test_grace_periods_from_the_command_line(cli: Cli, write_csv: Callable[..., Path]) -> None:
    code, out, _ = cli("settings", "--json")
    shown = json.loads(out)
    assert {"account_type": "student", "tolerance_days": 30, "deletion_days": 60} in shown[
        "periods"
    ]
    assert "Passwort" in shown["letters_text"]
    code, out, _ = cli(
        "settings", "--account-type", "student", "--tolerance-days", "0", "--deletion-days", "0",
        "--letters-text", "Bitte melden.", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["letters_text"] == "Bitte melden."
    assert cli("settings", "--tolerance-days", "3")[0] == 2  # needs --account-type

    do_import(cli, write_csv(ROWS), "--no-passwords")
    path = write_csv(ROWS[:2], name="rest.csv")
    assert (
        do_import(cli, path, "--no-passwords", "--detect-expired", "--allow-mass-expiry")["expired"]
        == 1
    )
    code, out, _ = cli("users", "purge", "--json")
    assert json.loads(out) == {"purged": 0, "logins": []}  # marked, not yet deactivated
    code, out, _ = cli("users", "expire-due", "--json")
    assert json.loads(out) == {"deactivated": 1, "due_for_purge": 1}
    assert logins(cli, "--status", "deactivated") == ["anna.weiss"]

    code, out, _ = cli("users", "restore", "anna.weiss")
    assert code == 0 and "active again" in out
    assert cli("users", "restore", "anna.weiss")[0] == 2
    assert cli("users", "restore", "nobody")[0] == 2

    do_import(cli, path, "--no-passwords", "--detect-expired", "--allow-mass-expiry")
    cli("users", "expire-due")
    code, out, _ = cli("users", "purge", "--dry-run", "--json")
    assert json.loads(out) == {"purged": 0, "logins": ["anna.weiss"]}
    code, out, _ = cli("users", "purge")
    assert code == 0 and "1 user(s) purged: anna.weiss" in out
    assert logins(cli) == ["juergen.mueller"]
