"""SQLite, PostgreSQL and a PostgreSQL district in one run (``bench/run.py --db URL``).

    python bench/run.py --rows 50000 --format csv \\
        --db postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        --background-users 1000000 --no-passwords --no-datasafe [--repeat 3] [--json]

The same file is imported into one school, each time in a fresh process on a fresh
database: an empty SQLite file, an empty PostgreSQL database and (with
``--background-users N``) a PostgreSQL database already holding N users of 40 other
schools (filled once with COPY, ``bench/fill.py``, then cloned for each run). The
rounds are interleaved (SQLite, PostgreSQL, district; again …) so that the machine's
drift hits all alike; each figure is the median of the rounds, each ratio the median
of the rounds' ratios.

``preview`` is the wall time from the start to the plan (the command line's dry run:
read, check, snapshot, plan), ``import`` the same plus the run up to its commit.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
from datetime import date
from pathlib import Path
from typing import Any

from app.db import open_database, session_scope
from app.engine.admin import directory
from bench.fill import fill
from bench.pgdb import databases
from bench.run import YEAR, RunFigures, run_import_in_child

SETUPS = ("sqlite", "postgresql", "district")


def compare(args: argparse.Namespace, path: Path, folder: Path) -> dict[str, Any]:
    passwords, datasafe = not args.no_passwords, not args.no_datasafe
    empty = folder / "district-empty.db"
    _with_year(f"sqlite:///{empty}")
    runs: dict[str, list[RunFigures]] = {name: [] for name in SETUPS}
    figures: dict[str, Any] = {"rows": args.rows, "format": args.format}
    with databases(args.db) as pg:
        template = pg.create()
        _with_year(template)
        district = None
        if args.district_db:  # filled before (bench/fill.py), e.g. by an earlier run
            district = pg.url(args.district_db)
            figures["fill_s"] = 0.0
        elif args.background_users:
            district = pg.create(template=pg.name(template))
            engine = open_database(district)
            figures["fill_s"] = round(fill(engine, args.background_users, YEAR), 1)
            engine.dispose()
        figures["background_users"] = args.background_users
        for n in range(args.repeat):
            urls = {"sqlite": f"sqlite:///{folder / f'district{n}.db'}"}
            shutil.copyfile(empty, folder / f"district{n}.db")
            urls["postgresql"] = pg.create(template=pg.name(template))
            if district is not None:
                urls["district"] = pg.create(template=pg.name(district))
            for name, url in urls.items():
                runs[name].append(run_import_in_child(url, path, False, passwords, datasafe))
                if name != "sqlite":
                    pg.drop(url)
    return _figures(figures, runs)


def _with_year(url: str) -> None:
    engine = open_database(url)
    with session_scope(engine) as session:
        directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
    engine.dispose()


def _import_s(run: RunFigures) -> float:
    return run.preview_s + run.hash_seconds  # the run: from apply_plan to its commit


def _figures(figures: dict[str, Any], runs: dict[str, list[RunFigures]]) -> dict[str, Any]:
    def median(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    for name, measured in runs.items():
        if measured:
            figures[name] = {
                "preview_s": median([r.preview_s for r in measured]),
                "import_s": median([_import_s(r) for r in measured]),
                "write_s": median([r.phases["write"] for r in measured]),
                "load_existing_s": median([r.phases["load_existing"] for r in measured]),
            }
    pg, lite, district = runs["postgresql"], runs["sqlite"], runs["district"]
    figures["pg_import_ratio_vs_sqlite"] = median(
        [_import_s(p) / _import_s(s) for p, s in zip(pg, lite, strict=True)]
    )
    figures["pg_preview_ratio_vs_sqlite"] = median(
        [p.preview_s / s.preview_s for p, s in zip(pg, lite, strict=True)]
    )
    if district:
        figures["preview_ratio_vs_empty"] = median(
            [d.preview_s / p.preview_s for d, p in zip(district, pg, strict=True)]
        )
        figures["import_ratio_vs_empty"] = median(
            [_import_s(d) / _import_s(p) for d, p in zip(district, pg, strict=True)]
        )
    return figures


def print_figures(figures: dict[str, Any]) -> None:
    print(f"{figures['rows']} rows, {figures['format']}, one school; median of the rounds")
    for name in SETUPS:
        if name in figures:
            f = figures[name]
            print(
                f"  {name:<11} preview {f['preview_s']:6.3f} s   import {f['import_s']:6.3f} s"
                f"   (write {f['write_s']:.3f} s)"
            )
    print(
        f"PostgreSQL ÷ SQLite: import {figures['pg_import_ratio_vs_sqlite']}×, "
        f"preview {figures['pg_preview_ratio_vs_sqlite']}×"
    )
    if "import_ratio_vs_empty" in figures:
        print(
            f"{figures['background_users']:,} background users (filled in {figures['fill_s']} s)"
            f" ÷ empty: preview {figures['preview_ratio_vs_empty']}×, "
            f"import {figures['import_ratio_vs_empty']}×"
        )
