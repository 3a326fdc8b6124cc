"""The query plans of one import on PostgreSQL: ``EXPLAIN (ANALYZE, BUFFERS)`` of every
statement the preview and the run send, as the server executed them.

    python bench/explain.py --db postgresql+psycopg://postgres@127.0.0.1:5432/DISTRICT \\
        [--rows 50000] [--format csv] [--full]

Imports the benchmark's file (``bench/run.py``) into the first school of ``--db`` —
a copy is made first (``CREATE DATABASE … TEMPLATE``), the database itself stays as
it was — with PostgreSQL's ``auto_explain`` reporting each statement's plan to the
client. Prints per statement its time, and its plan (``--full``: every plan line).
``COPY`` has no plan; its time is the server's, and the foreign-key checks it fires
are shown by ``auto_explain.log_nested_statements`` only in sum.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.db import open_database  # noqa: E402
from bench.pgdb import databases  # noqa: E402
from bench.run import make_rows, run_import, write_file  # noqa: E402

SETTINGS = (
    "session_preload_libraries=auto_explain",
    "auto_explain.log_min_duration=0",
    "auto_explain.log_analyze=on",
    "auto_explain.log_buffers=on",
    "client_min_messages=log",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--format", default="csv")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    source = make_url(args.db)
    server = source.set(database="postgres").render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory() as tmp, databases(server) as pg:
        path = write_file(make_rows(args.rows), args.format, Path(tmp), "initial")
        copy = pg.create(template=source.database)
        engine = open_database(copy)  # migrated, so that the plans are the import's only
        engine.dispose()
        os.environ["PGOPTIONS"] = " ".join(f"-c {setting}" for setting in SETTINGS)
        engine = open_database(copy)
        plans: list[str] = []

        def collect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.add_notice_handler(lambda d: plans.append(d.message_primary))

        event.listen(engine, "connect", collect)
        engine.dispose()  # the connection of the migration check had no handler
        run_import(engine, path, False, False, False)
        engine.dispose()
    for plan in plans:
        if not plan.startswith("duration:"):
            continue
        lines = plan.splitlines()
        print(lines[0].replace("  plan:", ""))
        query = next((ln for ln in lines if ln.startswith("Query Text:")), "")
        print("  " + " ".join(query.split())[:300])
        body = [ln for ln in lines if not ln.startswith("Query Text:")][1:]
        for line in body if args.full else body[:8]:
            print("  " + line[:200])


if __name__ == "__main__":
    main()
