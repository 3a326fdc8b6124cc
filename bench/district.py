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
of the rounds' ratios. Each server database is cloned just before its import and a
``CHECKPOINT`` follows, so that every import starts alike (before session 11 the
clones of a round were made first, and the empty server's import met the district
copy's writes still going to disk: its import looked slower, the ratio better).

A series of district sizes instead (``--district-sizes``, not with
``--background-users``), to tell a fixed cost of asking the other schools at all from
a cost that grows with the district:

    python bench/run.py --rows 50000 --format csv \\
        --db postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        --district-sizes 10000,100000,1000000 --no-passwords --no-datasafe \\
        [--repeat 3] [--json]

One district database per size is filled (``fill_s``: each fill's seconds); each round
imports the file into a clone of the empty PostgreSQL database and of every district,
in that order, each cloned just before its import and followed by a ``CHECKPOINT``.
No SQLite. Each district's ratios are the medians of the rounds' ratios
against the empty server (``*_ratio_vs_empty``) and against the run's smallest district
(``*_ratio_vs_smallest``), each of the same round.

``preview`` is the wall time from the start to the plan (the command line's dry run:
read, check, snapshot, plan), ``import`` the same plus the run up to its commit.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.db import open_database, session_scope
from app.engine.admin import directory
from bench.fill import fill
from bench.pgdb import PgDatabases, databases
from bench.run import YEAR, RunFigures, run_import_in_child

SETUPS = ("sqlite", "postgresql", "district")


def compare(args: argparse.Namespace, path: Path, folder: Path) -> dict[str, Any]:
    passwords, datasafe = not args.no_passwords, not args.no_datasafe
    empty = folder / "district-empty.db"
    _with_year(f"sqlite:///{empty}")
    runs: dict[str, list[RunFigures]] = {name: [] for name in SETUPS}
    figures: dict[str, Any] = {"rows": args.rows, "format": args.format}
    with databases(args.db) as pg:
        figures["server"] = pg.server()
        template = empty_server(pg)
        district = None
        if args.district_db:  # filled before (bench/fill.py), e.g. by an earlier run
            district = pg.url(args.district_db)
            figures["fill_s"] = 0.0
        elif args.background_users:
            district, seconds = filled_district(pg, template, args.background_users)
            figures["fill_s"] = round(seconds, 1)
        figures["background_users"] = args.background_users
        for n in range(args.repeat):
            shutil.copyfile(empty, folder / f"district{n}.db")
            lite = f"sqlite:///{folder / f'district{n}.db'}"
            runs["sqlite"].append(run_import_in_child(lite, path, False, passwords, datasafe))
            # Each server database cloned just before its import (``PgDatabases.clone``).
            templates = {"postgresql": template}
            if district is not None:
                templates["district"] = district
            for name, source in templates.items():
                url = pg.clone(source)
                runs[name].append(run_import_in_child(url, path, False, passwords, datasafe))
                pg.drop(url)
    return _figures(figures, runs)


def scaling(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    """The empty server and a district of each size, interleaved round by round."""
    passwords, datasafe = not args.no_passwords, not args.no_datasafe
    sizes: list[int] = args.district_sizes
    empty: list[RunFigures] = []
    runs: dict[int, list[RunFigures]] = {size: [] for size in sizes}
    fill_s: dict[int, float] = {}
    with databases(args.db) as pg:
        server = pg.server()
        template = empty_server(pg)
        districts: dict[int, str] = {}
        for size in sizes:
            districts[size], seconds = filled_district(pg, template, size)
            fill_s[size] = round(seconds, 1)
        for _ in range(args.repeat):
            # Each cloned just before its import (``PgDatabases.clone``).
            sources = [(empty, template)] + [(runs[size], districts[size]) for size in sizes]
            for measured, source in sources:
                url = pg.clone(source)
                measured.append(run_import_in_child(url, path, False, passwords, datasafe))
                pg.drop(url)
    return _scaling_figures(args, fill_s, empty, runs) | {"server": server}


def _scaling_figures(
    args: argparse.Namespace,
    fill_s: dict[int, float],
    empty: list[RunFigures],
    runs: dict[int, list[RunFigures]],
) -> dict[str, Any]:
    smallest = runs[min(runs)]

    def ratio(
        of: list[RunFigures], to: list[RunFigures], s: Callable[[RunFigures], float]
    ) -> float:
        return _median([s(a) / s(b) for a, b in zip(of, to, strict=True)])

    def preview_s(run: RunFigures) -> float:
        return run.preview_s

    districts = {
        size: _medians(measured)
        | {
            "preview_ratio_vs_empty": ratio(measured, empty, preview_s),
            "import_ratio_vs_empty": ratio(measured, empty, _import_s),
            "preview_ratio_vs_smallest": ratio(measured, smallest, preview_s),
            "import_ratio_vs_smallest": ratio(measured, smallest, _import_s),
        }
        for size, measured in runs.items()
    }
    return {
        "rows": args.rows,
        "format": args.format,
        "sizes": list(runs),
        "fill_s": fill_s,
        "empty": _medians(empty),
        "districts": districts,
    }


def print_scaling(figures: dict[str, Any]) -> None:
    print(f"{figures['rows']} rows, {figures['format']}, one school; median of the rounds")
    print(_server_line(figures))
    print(
        f"{'other users':>11} {'fill s':>7} {'preview s':>9} {'import s':>8} {'write s':>7}"
        f"  {'÷ empty: preview':>16} {'import':>6}  {'÷ smallest: preview':>19} {'import':>6}"
    )
    e = figures["empty"]
    print(f"{0:>11,} {'':>7} {e['preview_s']:9.3f} {e['import_s']:8.3f} {e['write_s']:7.3f}")
    for size in figures["sizes"]:
        d = figures["districts"][size]
        print(
            f"{size:>11,} {figures['fill_s'][size]:7.1f} {d['preview_s']:9.3f}"
            f" {d['import_s']:8.3f} {d['write_s']:7.3f}"
            f"  {d['preview_ratio_vs_empty']:15.3f}× {d['import_ratio_vs_empty']:5.3f}×"
            f"  {d['preview_ratio_vs_smallest']:18.3f}× {d['import_ratio_vs_smallest']:5.3f}×"
        )


def _with_year(url: str) -> None:
    engine = open_database(url)
    with session_scope(engine) as session:
        directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
    engine.dispose()


def empty_server(pg: PgDatabases) -> str:
    """A migrated database on the server with the benchmark's year and no user."""
    url = pg.create()
    _with_year(url)
    return url


def filled_district(pg: PgDatabases, empty: str, users: int) -> tuple[str, float]:
    """A copy of ``empty`` with ``users`` users of 40 other schools (``bench/fill.py``),
    and the seconds the filling took."""
    url = pg.create(template=pg.name(empty))
    engine = open_database(url)
    seconds = fill(engine, users, YEAR)
    engine.dispose()
    return url, seconds


def _import_s(run: RunFigures) -> float:
    return run.preview_s + run.hash_seconds  # the run: from apply_plan to its commit


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def _medians(measured: list[RunFigures]) -> dict[str, float]:
    return {
        "preview_s": _median([r.preview_s for r in measured]),
        "import_s": _median([_import_s(r) for r in measured]),
        "write_s": _median([r.phases["write"] for r in measured]),
    }


def _figures(figures: dict[str, Any], runs: dict[str, list[RunFigures]]) -> dict[str, Any]:
    for name, measured in runs.items():
        if measured:
            figures[name] = _medians(measured) | {
                "load_existing_s": _median([r.phases["load_existing"] for r in measured])
            }
    pg, lite, district = runs["postgresql"], runs["sqlite"], runs["district"]
    figures["pg_import_ratio_vs_sqlite"] = _median(
        [_import_s(p) / _import_s(s) for p, s in zip(pg, lite, strict=True)]
    )
    figures["pg_preview_ratio_vs_sqlite"] = _median(
        [p.preview_s / s.preview_s for p, s in zip(pg, lite, strict=True)]
    )
    if district:
        figures["preview_ratio_vs_empty"] = _median(
            [d.preview_s / p.preview_s for d, p in zip(district, pg, strict=True)]
        )
        figures["import_ratio_vs_empty"] = _median(
            [_import_s(d) / _import_s(p) for d, p in zip(district, pg, strict=True)]
        )
    return figures


def _server_line(figures: dict[str, Any]) -> str:
    server = figures["server"]
    return f"PostgreSQL {server['server_version']}, shared_buffers {server['shared_buffers']}"


def print_figures(figures: dict[str, Any]) -> None:
    print(f"{figures['rows']} rows, {figures['format']}, one school; median of the rounds")
    print(_server_line(figures))
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
