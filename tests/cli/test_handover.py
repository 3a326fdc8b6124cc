"""No commit without a written protocol, and nothing overwritten (SPEC §4, §6): the
protocol of ``import`` is complete on disk before the commit; a target that cannot
be written leaves nothing committed (exit 2, one line, history ``failed``); a run
killed between its commit and the move leaves a file the next start moves into place;
existing files, folders and the input file are refused before anything runs."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database, session_scope
from app.engine.output.outputs import TEST_EXIT_ENV
from app.models import ImportRun, Setting, User
from tests.conftest import HEADER

PASSWORD = "protokoll-passwort"
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a", "2014-02-01"],
]
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'schoolimport.db'}"


@pytest.fixture
def cli(url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("PROTO_PW", PASSWORD)

    def run(*args: object) -> tuple[int, str, str]:
        code = main(["--db", url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("init")[0] == 0
    assert run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
    return run


def _import_args(path: Path, *extra: object) -> list[object]:
    return [
        "import", path, "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--protocol-password-env", "PROTO_PW", *extra,
    ]  # fmt: skip


def _state(url: str) -> tuple[int, list[tuple[str, str]]]:
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            users = session.scalar(select(func.count()).select_from(User)) or 0
            runs = [(r.status, r.message) for r in session.scalars(select(ImportRun))]
    finally:
        engine.dispose()
    return int(users), runs


def _decrypt(path: Path) -> list[list[str]]:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).worksheets[0]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _refused_unwritten(code: int, err: str, url: str, name: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and name in err, err
    assert "Traceback" not in err
    users, runs = _state(url)
    assert users == 0  # no account committed without its protocol
    assert runs == [("failed", "output_write")]


def test_protocol_in_a_missing_folder_commits_nothing(cli: Cli, url: str, write_csv, tmp_path):
    target = tmp_path / "gone" / "protokoll.xlsx"
    code, _out, err = cli(*_import_args(write_csv(ROWS), "--protocol", target))
    _refused_unwritten(code, err, url, str(target))
    assert not target.parent.exists()


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_protocol_on_a_full_file_system_commits_nothing(cli: Cli, url: str, write_csv, tmp_path):
    with _tmpfs(tmp_path / "full", "size=64k") as folder:
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            filler.write(b"x" * 64 * 1024)  # fills it: "no space left on device"
        target = folder / "protokoll.xlsx"
        code, _out, err = cli(*_import_args(write_csv(ROWS), "--protocol", target))
        _refused_unwritten(code, err, url, str(target))
        assert sorted(p.name for p in folder.iterdir()) == ["filler"]  # no partial file


def test_protocol_on_a_read_only_file_system_commits_nothing(
    cli: Cli, url: str, write_csv, tmp_path
):
    with _tmpfs(tmp_path / "ro", "size=64k,ro") as folder:
        target = folder / "protokoll.xlsx"
        code, _out, err = cli(*_import_args(write_csv(ROWS), "--protocol", target))
        _refused_unwritten(code, err, url, str(target))


def test_letters_that_cannot_be_written_commit_nothing(cli: Cli, url: str, write_csv, tmp_path):
    protocol, letters = tmp_path / "p.xlsx", tmp_path / "nowhere" / "briefe.pdf"
    code, _out, err = cli(
        *_import_args(write_csv(ROWS), "--protocol", protocol, "--letters", letters)
    )
    _refused_unwritten(code, err, url, str(letters))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".p")) == []
    assert not protocol.exists()


def test_the_protocol_is_written_and_nothing_staged_is_left(
    cli: Cli, url: str, write_csv, tmp_path
):
    target = tmp_path / "protokoll.xlsx"
    code, out, err = cli(*_import_args(write_csv(ROWS), "--protocol", target, "--language", "de"))
    assert code == 0, err
    assert f"saved (encrypted): {target}" in out
    rows = _decrypt(target)
    assert rows[0][:2] == ["Aktion", "QuellID"]
    assert [r[0] for r in rows[1:]] == ["angelegt", "angelegt"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".pending")]
    engine = open_database(url)
    with session_scope(engine) as session:
        assert session.scalars(select(Setting.key).where(Setting.key.like("pending%"))).all() == []
    engine.dispose()


@pytest.mark.parametrize("option", ["--protocol", "--letters", "--errors"])
def test_an_existing_output_is_refused_before_anything_runs(
    cli: Cli, url: str, write_csv, tmp_path, option
):
    suffix = {"--protocol": ".xlsx", "--letters": ".pdf", "--errors": ".xlsx"}[option]
    existing = tmp_path / f"earlier{suffix}"
    existing.write_bytes(b"the first run's passwords")
    code, _out, err = cli(*_import_args(write_csv(ROWS), option, existing))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert str(existing) in err and "exists already" in err
    assert existing.read_bytes() == b"the first run's passwords"
    assert _state(url) == (0, [])  # not even a history entry: nothing ran
    code, _out, err = cli(*_import_args(write_csv(ROWS), option, existing, "--overwrite"))
    assert code == 0, err
    assert existing.read_bytes() != b"the first run's passwords"


@pytest.mark.parametrize("option", ["--protocol", "--errors"])
def test_the_input_file_is_never_an_output(cli: Cli, url: str, write_csv, tmp_path, option):
    path = write_csv(ROWS, name="schueler.xlsx") if option == "--errors" else None
    source = path or write_csv(ROWS, name="schueler.csv.zip")
    before = source.read_bytes()
    code, _out, err = cli(*_import_args(source, option, source, "--overwrite"))
    assert code == 2 and "is the file being imported" in err and str(source) in err
    assert source.read_bytes() == before
    assert _state(url) == (0, [])


def test_a_folder_and_one_name_twice_are_refused(cli: Cli, url: str, write_csv, tmp_path):
    code, _out, err = cli(*_import_args(write_csv(ROWS), "--protocol", tmp_path))
    assert code == 2 and len(err.strip().splitlines()) == 1
    twice = tmp_path / "x.xlsx"
    code, _out, err = cli(*_import_args(write_csv(ROWS), "--protocol", twice, "--errors", twice))
    assert code == 2 and "two outputs" in err
    assert _state(url) == (0, [])


def test_exports_refuse_an_existing_file(cli: Cli, url: str, write_csv, tmp_path):
    assert cli(*_import_args(write_csv(ROWS), "--no-passwords"))[0] == 0
    existing = tmp_path / "existing.xlsx"
    existing.write_bytes(b"keep me")
    commands = [
        ("history", "export", "1", "--failed", existing),
        ("groups", "export", existing),
        ("template", "--account-type", "student", existing),
    ]
    for command in commands:
        code, _out, err = cli(*command)
        assert code == 2 and str(existing) in err and len(err.strip().splitlines()) == 1
        assert existing.read_bytes() == b"keep me"
        assert cli(*command, "--overwrite")[0] == 0, command
        existing.write_bytes(b"keep me")


def test_a_run_killed_between_commit_and_move_is_recovered(url: str, cli: Cli, write_csv, tmp_path):
    target = tmp_path / "protokoll.xlsx"
    env = {**os.environ, "PROTO_PW": PASSWORD, TEST_EXIT_ENV: "7", "PYTHONPATH": os.getcwd()}
    args = ["--db", url, *map(str, _import_args(write_csv(ROWS), "--protocol", target, "--json"))]
    killed = subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, check=False
    )
    assert killed.returncode == 7, killed.stderr
    users, runs = _state(url)
    assert users == 2 and runs[0][0] == "completed"  # committed …
    assert not target.exists()  # … but the protocol never reached its place
    staged = tmp_path / ".protokoll.xlsx.run1.pending"
    assert staged.exists()

    code, out, err = cli("year", "list", "--json")  # the next start, any command
    assert code == 0 and json.loads(out)[0]["name"] == "2026/27"
    assert "a protocol of run 1 was not moved into place" in err
    assert f"it is now at {target}" in err
    assert not staged.exists()
    assert [r[5] for r in _decrypt(target)[1:]] == ["juergen.mueller", "anna.weiss"]
    assert cli("year", "list")[2] == ""  # said once, then done


def test_a_skipped_duplicate_has_no_login_and_no_password(cli: Cli, write_csv, tmp_path):
    rows = [*ROWS, ["1002", "Weiß", "Anna-Zwei", "5a", ""], ["1003", "Ohne", "", "5b", ""]]
    target = tmp_path / "protokoll.xlsx"
    code, _out, err = cli(
        *_import_args(write_csv(rows), "--protocol", target, "--on-conflict", "keep",
                      "--language", "de")
    )  # fmt: skip
    assert code == 0, err
    header, *data = _decrypt(target)
    by_first = {row[header.index("Vorname")]: row for row in data}
    login, secret = header.index("Benutzername"), header.index("Startpasswort")
    assert by_first["Anna"][login] == "anna.weiss" and by_first["Anna"][secret]
    skipped = by_first["Anna-Zwei"]
    assert skipped[0] == "übersprungen" and skipped[login] == skipped[secret] == ""
    invalid = by_first[""]
    assert invalid[0] == "ungültig" and invalid[login] == invalid[secret] == ""
    assert invalid[header.index("Grund")] == "Vorname fehlt"
    assert skipped[header.index("Aenderungen")] == ""
