"""Killing the program (SIGKILL, like a power cut) never leaves half a run behind.

An import's changes are one transaction: killed at any point, the directory (users,
groups, memberships, used logins, row results, mappings) is exactly as before
(SQLite rolls back the unfinished write-ahead log when the file is opened next),
the file passes ``PRAGMA integrity_check`` and the next import works. Two rows are
written outside that transaction on purpose and may stay: the run's ``running``
record (the history shows running imports; ``history.mark_stale_runs_failed`` marks
it failed at start-up) and the import lock of the killed process (taken over by the
next import once the process is gone). A protocol is encrypted in memory and renamed
into place, so a kill leaves no file or the complete encrypted one, never plain text.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from sqlalchemy import select

from app.db import open_database, session_scope
from app.engine.admin import history
from app.engine.output.protocol import PROTOCOL_HEADERS, save_protocol
from app.models import ImportRun
from tests.engine.test_hostile_inputs import REPO, YEAR_ARGS, Db, dump, write_csv

ROWS = 2000
# Kill when the write-ahead log has grown this far (bytes): the first page of the
# transaction, in the middle of the inserts, and late (the commit). A run that ends
# before its threshold counts as completed and must then be complete.
WAL_THRESHOLDS = (1, 30_000, 150_000, 400_000, 800_000)
PASSWORD = "Kill-Test-2026"


def big_file(folder: Path) -> Path:
    rows = [["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Geburtsdatum"]]
    rows += [
        [
            str(500_000 + n),
            f"Nachname{n}",
            f"Vorname{n}",
            f"{5 + n % 8}{'abc'[n % 3]}",
            "03.05.2014",
        ]
        for n in range(ROWS)
    ]
    return write_csv(folder / "big.csv", rows)


@pytest.fixture
def pristine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Db:
    """A database with a first import in it, its log folded into the main file."""
    monkeypatch.setenv("SCHOOLIMPORT_LOG_DIR", str(tmp_path / "logs"))
    db = Db(tmp_path / "pristine.db", f"sqlite:///{tmp_path / 'pristine.db'}")
    assert db.run("init")[0] == 0
    assert db.run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
    first = [["ID", "Nachname", "Vorname", "Klasse"], ["1", "Alt", "Anna", "5a"]]
    first_file = write_csv(tmp_path / "first.csv", first)
    code, _out, err = db.run("import", first_file, *YEAR_ARGS, "--create-missing-groups", "class")
    assert code == 0, err
    with sqlite3.connect(db.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def wal_size(db: Path) -> int:
    try:
        return os.path.getsize(f"{db}-wal")
    except OSError:
        return 0


@dataclass
class Attempt:
    db: Path
    threshold: int
    process: subprocess.Popen[bytes]
    killed_at: float | None = None


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_killed_imports_change_nothing(pristine: Db, tmp_path: Path) -> None:
    before = dump(pristine.path)
    source = big_file(tmp_path)
    attempts: list[Attempt] = []
    started = time.perf_counter()
    for number, threshold in enumerate(WAL_THRESHOLDS):
        copy = tmp_path / f"attempt{number}.db"
        shutil.copy(pristine.path, copy)
        command = [sys.executable, "-m", "app.cli", "--db", f"sqlite:///{copy}", "import"]
        command += [str(source), *YEAR_ARGS, "--no-passwords", "--create-missing-groups", "class"]
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
        attempts.append(Attempt(copy, threshold, process))
    while any(a.process.poll() is None for a in attempts):
        assert time.perf_counter() - started < 90, "an import hung"
        for attempt in attempts:
            if attempt.process.poll() is None and wal_size(attempt.db) >= attempt.threshold:
                attempt.process.send_signal(signal.SIGKILL)
                attempt.killed_at = wal_size(attempt.db)
        time.sleep(0.002)

    rolled_back = []
    for attempt in attempts:
        assert integrity(attempt.db) == "ok"
        after = dump(attempt.db)
        # Rows of their own, outside the run's transaction: the import lock (a killed
        # holder's row stays until the next import takes it over) and the run's
        # "running" record (marked failed by history.mark_stale_runs_failed).
        locks = after.pop("import_locks", [])
        assert all(attempt.process.pid in row for row in locks), locks
        runs = after.pop("import_runs")
        earlier = before["import_runs"]
        assert runs[: len(earlier)] == earlier and len(runs) <= len(earlier) + 1
        new_status = {row[11] for row in runs[len(earlier) :]}  # the status column
        unchanged = {k: v for k, v in before.items() if k not in ("import_locks", "import_runs")}
        if after == unchanged:
            rolled_back.append(attempt)
            assert attempt.process.returncode == -signal.SIGKILL, attempt.process.returncode
            assert new_status <= {"running"}
        else:  # it committed before the kill landed: then all of it is there
            detail = (attempt.threshold, attempt.killed_at, attempt.process.returncode)
            assert len(after["users"]) == len(before["users"]) + ROWS, detail
            assert new_status == {"completed"}
    # On a busy machine a process may commit before its kill lands (checked above);
    # at least the early kills (at the first WAL page) always hit a running import.
    assert len(rolled_back) >= 1, [(a.threshold, a.killed_at) for a in attempts]

    # The database a kill left behind takes the same import afterwards.
    survivor = rolled_back[-1].db
    db = Db(survivor, f"sqlite:///{survivor}")
    code, out, err = db.run("import", source, *YEAR_ARGS, "--no-passwords", "--json",
                            "--create-missing-groups", "class")  # fmt: skip
    assert code == 0, err
    assert f'"created": {ROWS}' in out
    assert integrity(survivor) == "ok"
    # What the application does at start-up: a killed run's record says so.
    engine = open_database(db.url)
    with session_scope(engine) as session:
        history.mark_stale_runs_failed(session, older_than=timedelta(0))
        statuses = [run.status for run in session.scalars(select(ImportRun))]
    engine.dispose()
    assert "running" not in statuses


# ------------------------------------------------------------------ the protocol

SAVER = """
import sys
from pathlib import Path
from datetime import timedelta

from sqlalchemy import select

from app.db import open_database, session_scope
from app.engine.admin import history
from app.engine.output.protocol import PROTOCOL_HEADERS, save_protocol
rows = [["created", str(n), f"Klartext{n}", "Vorname", "5a", f"login{n}", f"Geheim-{n:06d}",
         f"Safe-{n:06d}", "", ""] for n in range(int(sys.argv[2]))]
print("ready", flush=True)
sys.stdin.readline()  # "go": start-up is over, the kill can be timed
save_protocol(Path(sys.argv[1]), list(PROTOCOL_HEADERS["en"]), rows, "{password}")
print("saved", flush=True)
""".replace("{password}", PASSWORD)


def decrypted_rows(path: Path) -> int:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    sheet = openpyxl.load_workbook(plain, read_only=True).active
    assert sheet is not None
    return sum(1 for _ in sheet.iter_rows()) - 1


def plain_text_in(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and any(m in path.read_bytes() for m in (b"Geheim-", b"Klartext")):
            found.append(path.name)
    return found


def test_a_protocol_killed_while_saving_leaves_no_plain_text(tmp_path: Path) -> None:
    rows, fractions = 2500, (0.05, 0.3, 0.6, 0.85, 0.97)
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_dir)}

    def start(target: Path) -> subprocess.Popen[str]:
        target.parent.mkdir(exist_ok=True)
        command = [sys.executable, "-c", SAVER, str(target), str(rows)]
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def go(process: subprocess.Popen[str]) -> float:
        assert process.stdin is not None and process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        process.stdin.write("go\n")
        process.stdin.flush()
        return time.perf_counter()

    def finish(process: subprocess.Popen[str]) -> int:
        code = process.wait(timeout=60)
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        process.stdout.close()
        return code

    targets = [tmp_path / f"kill{n}" / "protokoll.xlsx" for n in range(len(fractions))]
    measure = start(tmp_path / "measure" / "protokoll.xlsx")
    waiting = [start(target) for target in targets]  # started side by side
    began = go(measure)
    assert finish(measure) == 0
    duration = time.perf_counter() - began
    assert decrypted_rows(tmp_path / "measure" / "protokoll.xlsx") == rows
    for process, fraction in zip(waiting, fractions, strict=True):
        began = go(process)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        finish(process)
    written = [target for target in targets if target.exists()]
    for target in written:  # renamed into place: then it is whole
        assert decrypted_rows(target) == rows
    assert len(written) < len(targets), "every kill came too late to test anything"
    assert plain_text_in(tmp_path) == []
    assert list(temp_dir.iterdir()) == []

    # A later save replaces what a killed one left (at most its encrypted temp file).
    for target in targets:
        save_protocol(target, list(PROTOCOL_HEADERS["en"]), [["created", "1"]], PASSWORD)
        assert os.listdir(target.parent) == [target.name]
