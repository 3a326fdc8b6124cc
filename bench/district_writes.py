"""A district's write phase alone, against an empty server's, with what the server did.

    python bench/district_writes.py --db postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        --district-db NAME [--rows 50000] [--repeat 4] [--json]

Each round clones the empty server's database and the district (``--district-db``,
filled before with ``bench/fill.py``, e.g. by ``bench/run.py --background-users``), each
just before its import and checkpointed (``PgDatabases.clone``); in a fresh process the
benchmark's file is previewed (not timed) and the plan applied (timed: ``apply_plan``
up to its commit). Per import: the seconds, the WAL it wrote and the blocks the
database read (from the operating system: not in ``shared_buffers``). ``db check``'s
advice (docs/operations.md) rests on these: a buffer pool smaller than the directory
reads the pages the inserts evicted again.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from app.db import open_database  # noqa: E402
from bench.district import empty_server  # noqa: E402
from bench.files import make_rows, write_file  # noqa: E402
from bench.pgdb import databases  # noqa: E402
from bench.run import in_fresh_process, previewed  # noqa: E402

_READ = text("SELECT blks_read FROM pg_stat_database WHERE datname = current_database()")
_WAL = text("SELECT pg_current_wal_lsn()")
_WAL_SINCE = text("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), :start)")


def write_once(url: str, path: Path) -> tuple[float, float, int]:
    """The plan applied (seconds), the WAL written (MB), the blocks read."""
    from app.engine.applying.apply import apply_plan
    from app.engine.planning.results import RunInfo

    engine = open_database(url)
    try:
        _seconds, plan = previewed(engine, path)
        with engine.connect() as conn:
            wal, read = conn.execute(_WAL).scalar_one(), int(conn.execute(_READ).scalar_one())
        started = time.perf_counter()
        apply_plan(engine, plan, RunInfo(path.name, "0" * 64))
        seconds = time.perf_counter() - started
        with engine.connect() as conn:
            # (statistics reach pg_stat_database when a backend reports them: a new one)
            written = float(conn.execute(_WAL_SINCE, {"start": wal}).scalar_one())
        engine.dispose()
        engine = open_database(url)
        with engine.connect() as conn:
            read = int(conn.execute(_READ).scalar_one()) - read
        return seconds, written / 1e6, read
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL server's URL")
    parser.add_argument("--district-db", required=True)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    measured: dict[str, list[tuple[float, float, int]]] = {"empty": [], "district": []}
    with tempfile.TemporaryDirectory() as tmp, databases(args.db) as pg:
        path = write_file(make_rows(args.rows), "csv", Path(tmp), "initial")
        server = pg.server()
        empty = empty_server(pg)
        sources = {"empty": empty, "district": pg.url(args.district_db)}
        for _ in range(args.repeat):
            for name, source in sources.items():
                url = pg.clone(source)
                measured[name].append(in_fresh_process(write_once, url, path))
                pg.drop(url)
    figures: dict[str, Any] = {"rows": args.rows, "server": server}
    for name, runs in measured.items():
        figures[name] = {
            "write_s": round(statistics.median(r[0] for r in runs), 3),
            "writes_s": [round(r[0], 3) for r in runs],
            "wal_mb": round(statistics.median(r[1] for r in runs)),
            "blocks_read": round(statistics.median(r[2] for r in runs)),
        }
    figures["write_extra_s"] = round(
        figures["district"]["write_s"] - figures["empty"]["write_s"], 3
    )
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{args.rows} rows; PostgreSQL {server['server_version']}, shared_buffers "
        f"{server['shared_buffers']}; medians of {args.repeat}"
    )
    for name in measured:
        f = figures[name]
        print(
            f"  {name:<8} write {f['write_s']:.3f} s {f['writes_s']}  WAL {f['wal_mb']} MB"
            f"  blocks read {f['blocks_read']:,}"
        )
    print(f"district − empty: {figures['write_extra_s']:+.3f} s")


if __name__ == "__main__":
    main()
