"""One import per school at a time, across processes and computers (SPEC §3).

PostgreSQL: a session-level advisory lock on a connection held for the whole run;
the server releases it when the process dies, so a crashed run never blocks the
next one. SQLite (one computer): the ``import_locks`` row is the lock, and a row
whose process no longer exists is taken over. Either way the row names the holder
for the refusal "an import by X has been running since HH:MM".
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from app.engine.reasons import Reason, Refused
from app.models import tables, utcnow

LOCKS = tables.import_locks
# The first key of PostgreSQL's two-key advisory locks: "schoolimport" in hex speak.
ADVISORY_NAMESPACE = 0x5C01
# A lock row of another computer is trusted this long (SQLite on a shared folder).
FOREIGN_ROW_TRUST = timedelta(hours=12)
# How long a refused run waits for the holder's row to appear (written just after the
# holder took its lock).
HOLDER_ROW_WAIT_S = 2.0


def _since(started: datetime) -> str:
    return started.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


def _refuse(row: object) -> Refused:
    holder = getattr(row, "holder", "someone")
    started = getattr(row, "started_at", None)
    since = _since(started) if isinstance(started, datetime) else "a moment ago"
    return Refused(Reason.IMPORT_RUNNING, holder=holder, since=since)


def _row(conn: Connection, school_id: int) -> object | None:
    return conn.execute(select(LOCKS).where(LOCKS.c.school_id == school_id)).first()


def _values(school_id: int, holder: str) -> dict[str, object]:
    return {
        "school_id": school_id,
        "holder": holder,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started_at": utcnow(),
    }


@contextmanager
def import_lock(engine: Engine, school_id: int, holder: str) -> Iterator[None]:
    """Hold the school's import lock, or raise ``Refused(IMPORT_RUNNING)``."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, school_id, holder):
            yield
    else:
        with _row_lock(engine, school_id, holder):
            yield


@contextmanager
def _advisory_lock(engine: Engine, school_id: int, holder: str) -> Iterator[None]:
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        got = conn.execute(
            text("SELECT pg_try_advisory_lock(:ns, :school)"),
            {"ns": ADVISORY_NAMESPACE, "school": school_id},
        ).scalar_one()
        if not got:
            raise _refuse(_holder_row(conn, school_id))
        conn.execute(delete(LOCKS).where(LOCKS.c.school_id == school_id))
        conn.execute(insert(LOCKS), _values(school_id, holder))
        try:
            yield
        finally:
            conn.execute(delete(LOCKS).where(LOCKS.c.school_id == school_id))
            conn.execute(
                text("SELECT pg_advisory_unlock(:ns, :school)"),
                {"ns": ADVISORY_NAMESPACE, "school": school_id},
            )
    finally:
        conn.close()


def _holder_row(conn: Connection, school_id: int) -> object | None:
    """The lock row of the run holding the advisory lock. The holder writes it right
    after taking the lock, so a refusal in between waits a moment for it rather than
    name "someone" (the holder may also have just finished: then None)."""
    deadline = time.monotonic() + HOLDER_ROW_WAIT_S
    while (row := _row(conn, school_id)) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return row


def _alive(row: object) -> bool:
    host, pid = getattr(row, "host", ""), int(getattr(row, "pid", 0))
    if host != socket.gethostname():
        started = getattr(row, "started_at", utcnow())
        return bool(utcnow() - started < FOREIGN_ROW_TRUST)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _row_lock(engine: Engine, school_id: int, holder: str) -> Iterator[None]:
    try:
        with engine.begin() as conn:
            row = _row(conn, school_id)
            if row is not None:
                if _alive(row):
                    raise _refuse(row)
                conn.execute(delete(LOCKS).where(LOCKS.c.school_id == school_id))
            conn.execute(insert(LOCKS), _values(school_id, holder))
    except IntegrityError:
        with engine.connect() as conn:
            raise _refuse(_row(conn, school_id)) from None
    except OperationalError:
        # Both processes read "no lock" and then tried to write; SQLite (WAL) refuses to
        # upgrade the loser's read, whose snapshot the winner's commit made stale
        # ("database is locked"). The winner's row is there now: name its holder.
        with engine.connect() as conn:
            row = _row(conn, school_id)
        if row is None:
            raise
        raise _refuse(row) from None
    try:
        yield
    finally:
        with engine.begin() as conn:
            conn.execute(
                delete(LOCKS).where(LOCKS.c.school_id == school_id, LOCKS.c.pid == os.getpid())
            )


def current_holder(engine: Engine, school_id: int) -> str | None:
    """The refusal text if an import of the school is running now, else None."""
    try:
        with import_lock(engine, school_id, "check"):
            return None
    except Refused as refused:
        return refused.text()
