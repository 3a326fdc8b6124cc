"""The bulk writes of an import on PostgreSQL: COPY against psycopg's pipelined
``executemany``, and SQLite's ``executemany`` beside them, in one run.

    python bench/pg_write.py [--rows 50000] [--repeat 3] [--db postgresql+psycopg://…]

Inserts ``rows`` users, three memberships each and one row record each through
:class:`app.engine.bulk.BulkStatement` inside one transaction, on a fresh database
per measurement; prints the median seconds of each way.
"""

from __future__ import annotations

import argparse
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


def write(url: str, rows: int) -> float:
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
    engine.dispose()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"sqlite": [], "pg_copy": [], "pg_executemany": []}
    with tempfile.TemporaryDirectory() as tmp, databases(args.db) as pg:
        for n in range(args.repeat):
            times["sqlite"].append(write(f"sqlite:///{Path(tmp) / f'{n}.db'}", args.rows))
            for way, copy in (("pg_copy", True), ("pg_executemany", False)):
                bulk.COPY_ON_POSTGRESQL = copy
                url = pg.create()
                times[way].append(write(url, args.rows))
                pg.drop(url)
    medians: dict[str, Any] = {k: round(statistics.median(v), 3) for k, v in times.items()}
    medians["copy_vs_sqlite"] = round(medians["pg_copy"] / medians["sqlite"], 2)
    medians["executemany_vs_sqlite"] = round(medians["pg_executemany"] / medians["sqlite"], 2)
    print(medians)


if __name__ == "__main__":
    main()
