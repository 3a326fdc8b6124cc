"""The command line as a process (issue 19): Ctrl-C during an import, a killed import,
a closed output pipe — each one line on stderr, no traceback, nothing left behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.commands import YEAR

REPO = Path(__file__).resolve().parents[2]
IMPORT = ["import", "{file}", "--year", YEAR, "--account-type", "student",
          "--create-missing-groups", "class"]  # fmt: skip


def _rows(count: int) -> str:
    lines = ["Interne ID-Nummer;Nachname;Vorname;Klasse;Geburtsdatum"]
    lines += [f"{i};Nach{i};Vor{i};5a;" for i in range(1, count + 1)]
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "schoolimport.db"
    assert main(["--db", str(path), "init"]) == 0
    year = ["year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31", "--current"]
    assert main(["--db", str(path), *year]) == 0
    return path


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as con:
        return con.execute(sql).fetchall()


def _start(db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(db), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def _wait_for_running_run(db: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _query(db, "SELECT id FROM import_runs WHERE status = 'running'"):
            return
        time.sleep(0.01)
    raise AssertionError("the import never showed a running run")


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.4, 1.0])
def test_ctrl_c_during_an_import_cancels_it_cleanly(db: Path, tmp_path: Path, delay: float) -> None:
    """Before: 2 of 9 Ctrl-Cs ended "database is locked" with the run left running and
    its lock row behind. Now: exit 130, one line, the run cancelled, the lock gone."""
    file = tmp_path / "gross.csv"
    file.write_text(_rows(4000), encoding="utf-8")
    process = _start(db, *[a.format(file=file) for a in IMPORT])
    _wait_for_running_run(db, process)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert _query(db, "SELECT count(*) FROM import_locks") == [(0,)]
    status = _query(db, "SELECT status FROM import_runs")
    if status == [("completed",)]:
        # The run had committed before the signal came (a fast machine finishes 4,000
        # rows within the delay): the command finishes what it owes, or, when the signal
        # comes after the command returned, the interpreter ends by it. Never a claim
        # that nothing changed.
        assert process.returncode in (0, -signal.SIGINT), err
        assert "nothing was changed" not in err
        return
    assert process.returncode == 130, err
    assert err.strip() == "schoolimport: the import was cancelled; nothing was changed"
    assert status == [("cancelled",)]
    assert _query(db, "SELECT count(*) FROM users") == [(0,)]


@pytest.mark.slow
def test_a_killed_import_is_marked_interrupted_by_the_next_command(
    db: Path, tmp_path: Path
) -> None:
    file = tmp_path / "gross.csv"
    file.write_text(_rows(4000), encoding="utf-8")
    process = _start(db, *[a.format(file=file) for a in IMPORT])
    _wait_for_running_run(db, process)
    process.kill()
    process.communicate(timeout=60)
    assert _query(db, "SELECT status FROM import_runs") == [("running",)]
    listed = _start(db, "history", "list")
    out, err = listed.communicate(timeout=120)
    assert listed.returncode == 0, err
    assert _query(db, "SELECT status, message FROM import_runs") == [("failed", "interrupted")]
    assert "failed" in out


def test_a_closed_output_pipe_is_one_line(db: Path, tmp_path: Path) -> None:
    """``users list | head -1``: the reader is gone before the output is written."""
    file = tmp_path / "u.csv"
    file.write_text(_rows(50), encoding="utf-8")
    args = [a.format(file=file) for a in IMPORT]
    assert main(["--db", str(db), *args, "--no-passwords", "--no-datasafe"]) == 0
    process = _start(db, "users", "list")
    assert process.stdout is not None
    process.stdout.close()  # like head after its first line, before anything arrived
    process.wait(timeout=120)
    assert process.stderr is not None
    err = process.stderr.read()
    process.stderr.close()
    assert process.returncode == 2, err
    assert err == "schoolimport: the output was closed before everything was written\n"
