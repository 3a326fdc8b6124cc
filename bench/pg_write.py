"""The bulk writes of an import on PostgreSQL: COPY against psycopg's pipelined
``executemany``, and SQLite's ``executemany`` beside them, in one run.

    python bench/pg_write.py [--rows 50000] [--repeat 3] [--db postgresql+psycopg://…]
                             [--ways sqlite,pg_copy,pg_executemany]

Inserts ``rows`` users, three memberships each and one row record each through
:class:`app.engine.bulk.BulkStatement` inside one transaction, on a fresh database
per measurement; prints the median seconds of each way, and on PostgreSQL the median
CPU seconds of the server process that did the writes (``*_server_cpu``, from
``/proc/PID/stat``: the server must run on this machine; None where it cannot be read).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Table, false, literal_column, select  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine import bulk  # noqa: E402
from app.engine.admin import directory  # noqa: E402
from app.engine.applying.store import ROW_RESULT_COLUMNS, ROW_RESULTS  # noqa: E402
from app.engine.planning.state import default_school_id  # noqa: E402
from app.models import ImportRun, Membership, User  # noqa: E402
from bench.pgdb import databases  # noqa: E402

USERS = cast(Table, User.__table__)
MEMBERSHIPS = cast(Table, Membership.__table__)
COLUMNS = ("school_id", "source", "source_id", "account_type", "last_name", "first_name")
COLUMNS += ("birth_date", "email", "login", "must_change_password", "status", "created_by_run_id")


def backend_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of the server process ``pid`` so far (None when
    ``/proc`` does not have it: another machine, or SQLite)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write(url: str, rows: int) -> tuple[float, float | None]:
    """Seconds of the writes, and the server's CPU seconds for them (PostgreSQL)."""
    engine = open_database(url)
    with session_scope(engine) as s:
        year = directory.add_year(s, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
        school = default_school_id(s)
        kind = directory.parse_group_type("class")
        groups = [directory.add_group(s, f"G{n}", kind, year).id for n in range(30)]
        run = ImportRun(school_id=school, file_name="f", file_sha256="0" * 64)
        s.add(run)
        s.flush()
        run_id = run.id
    now = literal_column("'2026-08-01 08:00:00.000000'")
    start = time.perf_counter()
    with engine.begin() as conn:
        pid = None
        if conn.dialect.name == "postgresql":
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        cpu_before = backend_cpu(pid)
        users = bulk.BulkStatement.insert(conn, USERS, COLUMNS, created_at=now, updated_at=now)
        for part in bulk.batches(range(rows)):
            users.execute(
                (school, "t", str(i), "student", "Muster", f"Max {i}", date(2010, 1, 1 + i % 28))
                + (None, f"max-{i}.muster", True, "active", 7)
                for i in part
            )
        ids = [i for (i,) in conn.execute(select(USERS.c.id).where(USERS.c.created_by_run_id == 7))]
        members = bulk.BulkStatement.insert(
            conn, MEMBERSHIPS, ("user_id", "group_id"), is_admin=false(), created_at=now
        )
        pairs = [(uid, groups[(uid + k) % 30]) for uid in ids for k in range(3)]
        members.execute_batched(pairs, bulk.BATCH)
        records = bulk.BulkStatement.insert(conn, ROW_RESULTS, ROW_RESULT_COLUMNS)
        records.execute(
            (run_id, n + 2, "create", True, "", ["1", "Muster", f"Max {n}", "5a"], uid, "x")
            for n, uid in enumerate(ids)
        )
    seconds = time.perf_counter() - start
    cpu_after = backend_cpu(pid)
    engine.dispose()
    if cpu_before is None or cpu_after is None:
        return seconds, None
    return seconds, cpu_after - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--ways", default="sqlite,pg_copy,pg_executemany")
    args = parser.parse_args()
    ways = args.ways.split(",")
    times: dict[str, list[float]] = {way: [] for way in ways}
    cpu: dict[str, list[float]] = {way: [] for way in ways if way != "sqlite"}
    with tempfile.TemporaryDirectory() as tmp, databases(args.db) as pg:
        for n in range(args.repeat):
            if "sqlite" in ways:
                times["sqlite"].append(write(f"sqlite:///{Path(tmp) / f'{n}.db'}", args.rows)[0])
            for way, copy in (("pg_copy", True), ("pg_executemany", False)):
                if way not in ways:
                    continue
                bulk.COPY_ON_POSTGRESQL = copy
                url = pg.create()
                seconds, server = write(url, args.rows)
                times[way].append(seconds)
                if server is not None:
                    cpu[way].append(server)
                pg.drop(url)
    medians: dict[str, Any] = {k: round(statistics.median(v), 3) for k, v in times.items()}
    for way, spent in cpu.items():
        medians[f"{way}_server_cpu"] = round(statistics.median(spent), 3) if spent else None
    if "sqlite" in medians:
        for way, name in (("pg_copy", "copy"), ("pg_executemany", "executemany")):
            if way in medians:
                medians[f"{name}_vs_sqlite"] = round(medians[way] / medians["sqlite"], 2)
    print(medians)


if __name__ == "__main__":
    main()
