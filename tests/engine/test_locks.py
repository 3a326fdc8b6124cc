"""One import per school at a time, across processes (SPEC §3)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select, text

from app.db import make_engine
from app.engine.applying import locks
from app.engine.applying.locks import LOCKS, current_holder, import_lock
from app.engine.reasons import Reason, Refused
from app.models import ImportLock, ImportRun, User
from tests.conftest import HEADER, YEAR


def test_a_second_lock_is_refused_naming_the_holder(engine):
    with import_lock(engine, 1, "frau.schulz"):
        with pytest.raises(Refused) as err:
            with import_lock(engine, 1, "herr.meier"):
                pass
        assert err.value.message.reason is Reason.IMPORT_RUNNING
        text = err.value.text()
        assert text.startswith("an import by frau.schulz has been running since ")
        assert len(text.rsplit(" ", 1)[1]) == 5  # HH:MM
        assert current_holder(engine, 1) == text
    assert current_holder(engine, 1) is None
    with import_lock(engine, 1, "herr.meier"):
        pass


def test_a_refusal_between_the_holders_lock_and_its_row_still_names_the_holder(engine):
    """PostgreSQL: the holder takes the advisory lock, then writes its row. A run
    refused in between waits for the row instead of naming "someone"."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's")
    holder = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        holder.execute(text("SELECT pg_advisory_lock(:ns, 1)"), {"ns": locks.ADVISORY_NAMESPACE})
        timer = threading.Timer(
            0.3,
            lambda: holder.execute(insert(LOCKS), locks._values(1, "frau.schulz")),
        )
        timer.start()
        with pytest.raises(Refused) as err:
            with import_lock(engine, 1, "herr.meier"):
                pass
        timer.join()
        assert err.value.text().startswith("an import by frau.schulz has been running since ")
    finally:
        holder.close()  # ends the session: the lock goes with it
    with engine.begin() as conn:
        conn.execute(LOCKS.delete())


def test_sqlite_lock_of_a_dead_process_is_taken_over(tmp_path):
    from app.db import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'l.db'}")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    import socket

    with engine.begin() as conn:
        conn.execute(
            insert(LOCKS),
            {
                "school_id": 1,
                "holder": "crashed",
                "pid": int(dead.stdout),
                "host": socket.gethostname(),
            },
        )
    with import_lock(engine, 1, "next"):
        with engine.connect() as conn:
            assert conn.execute(select(ImportLock.holder)).scalar_one() == "next"
    engine.dispose()


def _big_file(tmp_path: Path, rows: int = 3000) -> Path:
    path = tmp_path / "gross.csv"
    lines = [";".join(HEADER)] + [f"{i};Name{i};Vor{i};5a;" for i in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _start(db_url: str, path: Path) -> subprocess.Popen[str]:
    args = [
        sys.executable,
        "-m",
        "app.cli",
        "--db",
        db_url,
        "import",
        str(path),
        "--year",
        YEAR,
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--json",
    ]
    env = {**os.environ, "SCHOOLIMPORT_LOG_DIR": str(path.parent)}
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _wait_for_lock(db_url: str, timeout: float = 30) -> None:
    engine = create_engine(db_url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                if conn.execute(select(LOCKS.c.holder)).first() is not None:
                    return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError("the import never took its lock")


@pytest.mark.slow
def test_two_processes_at_once_exactly_one_runs(engine, db_url, tmp_path):
    path = _big_file(tmp_path)
    first, second = _start(db_url, path), _start(db_url, path)
    results = [p.communicate(timeout=120) for p in (first, second)]
    codes = sorted([first.returncode, second.returncode])
    assert codes == [0, 2], results
    refused = next(
        err for (out, err), p in zip(results, (first, second), strict=True) if p.returncode == 2
    )
    assert "an import by admin has been running since" in refused
    assert refused.count("\n") == 1
    check = make_engine(db_url)
    with check.connect() as conn:
        assert len(conn.execute(select(User.id)).all()) == 3000
    check.dispose()


@pytest.mark.slow
def test_killing_the_running_process_releases_the_lock(engine, db_url, tmp_path):
    path = _big_file(tmp_path)
    victim = _start(db_url, path)
    _wait_for_lock(db_url)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    check = make_engine(db_url)
    with check.connect() as conn:
        assert conn.execute(select(User.id)).first() is None  # nothing half-done
    check.dispose()
    survivor = _start(db_url, path)
    out, err = survivor.communicate(timeout=120)
    assert survivor.returncode == 0, err
    assert '"created": 3000' in out
    # The killed run's history row (if it got that far) no longer says "running".
    check = make_engine(db_url)
    with check.connect() as conn:
        runs = conn.execute(select(ImportRun.status, ImportRun.message)).all()
    check.dispose()
    assert sorted(status for status, _message in runs) in (
        ["completed"],
        ["completed", "failed"],
    )
    assert all(m == "interrupted" for status, m in runs if status == "failed")
