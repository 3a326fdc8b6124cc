"""Benchmark of a whole user import, phase by phase, against bare baselines.

    python bench/run.py --rows 50000 [--format xlsx|ods|csv] [--json] [--no-update]
    python bench/run.py --rows 50000 --db postgresql+psycopg://… [--background-users N]
        [--no-passwords] [--no-datasafe]       # SQLite vs PostgreSQL vs a district
    python bench/run.py --rows 50000 --db postgresql+psycopg://… --district-sizes 10000,100000
        [--no-passwords] [--no-datasafe]       # the empty server vs districts of each size

Generates a realistic school export (2–4 groups per student), imports it into an empty
SQLite database, then imports an update (10 % changed, 5 % gone, 5 % new). Prints per
phase the time, plus baselines measured in the same run: reading the file with the
fastest reader alone, loading the existing users with a bare Core select, and a bare
Core ``executemany`` insert of the same rows. Ratios compare against those baselines.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, literal_column, select  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine.access import passwords  # noqa: E402
from app.engine.admin import directory  # noqa: E402
from app.engine.applying.apply import apply_plan  # noqa: E402
from app.engine.output import protocol  # noqa: E402
from app.engine.planning.plan import Plan  # noqa: E402
from app.engine.planning.results import ImportOptions, Phase, Progress, RunInfo  # noqa: E402
from app.engine.planning.state import default_school_id  # noqa: E402
from app.engine.session import ImportSession  # noqa: E402
from app.models import Membership, User  # noqa: E402
from bench.files import YEAR, make_rows, update_rows, write_file  # noqa: E402
from bench.report import report  # noqa: E402


def median_run(runs: Iterable[RunFigures]) -> RunFigures:
    """The run with the median total (its phases belong together)."""
    ordered = sorted(runs, key=lambda r: sum(r.phases.values()))
    return ordered[len(ordered) // 2]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def timed_both(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (of every thread of the process) of ``fn()``."""
    cpu = time.process_time()
    wall, _ = timed(fn)
    return wall, time.process_time() - cpu


def baseline_read(path: Path) -> float:
    return baseline_read_both(path)[0]


def baseline_read_both(path: Path) -> tuple[float, float]:
    if path.suffix == ".csv":

        def read() -> list[list[str]]:
            with path.open(encoding="cp1252", newline="") as handle:
                return list(csv.reader(handle, delimiter=";"))

        return timed_both(read)
    from python_calamine import CalamineWorkbook

    return timed_both(
        lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    )


def baseline_load(engine: Any) -> float:
    return baseline_load_both(engine)[0]


def baseline_load_both(engine: Any) -> tuple[float, float]:
    cols = (
        User.id,
        User.source,
        User.source_id,
        User.account_type,
        User.last_name,
        User.first_name,
        User.birth_date,
        User.email,
        User.login,
        User.status,
    )
    with engine.connect() as conn:
        return timed_both(lambda: conn.execute(select(*cols)).all())


def baseline_write(rows: list[list[str]], folder: Path, n: int = 0) -> float:
    """A bare Core executemany of the same users and memberships into a fresh database."""
    engine = open_database(f"sqlite:///{folder / f'baseline{n}.db'}")
    with session_scope(engine) as s:
        year = directory.add_year(s, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
        school = default_school_id(s)
        names = sorted({g.strip() for r in rows for g in [r[3], *r[4].split(",")]})
        gids = {
            n: directory.add_group(s, n, directory.parse_group_type("class"), year).id
            for n in names
        }
    users = [
        {
            "school_id": school,
            "source": "table",
            "source_id": r[0],
            "account_type": "student",
            "last_name": r[1],
            "first_name": r[2],
            "birth_date": None,
            "email": None,
            "login": f"u{r[0]}",
            "password_hash": "x" * 97,
            "datasafe_hash": "x" * 97,
            "must_change_password": True,
            "status": "active",
        }
        for r in rows
    ]

    now = literal_column("'2026-08-01 08:00:00.000000'")

    def write() -> None:
        with engine.begin() as conn:
            users_table = User.__table__
            conn.execute(insert(users_table).values(created_at=now, updated_at=now), users)
            ids = dict(conn.execute(select(users_table.c.source_id, users_table.c.id)).all())
            members = [
                {"user_id": ids[r[0]], "group_id": gids[g.strip()]}
                for r in rows
                for g in [r[3], *r[4].split(",")]
            ]
            conn.execute(insert(Membership.__table__).values(created_at=now), members)

    seconds = timed(write)[0]
    engine.dispose()
    return seconds


@dataclass
class RunFigures:
    phases: dict[str, float] = field(default_factory=dict)
    # The process's peak resident memory (MB) at the end of each phase.
    peak_mb: dict[str, float] = field(default_factory=dict)
    hashes: int = 0
    hash_seconds: float = 0.0
    # From the start to a plan to preview (read, map, validate, load, plan), wall-clock.
    preview_s: float = 0.0
    # The bare steps, measured right before the import in a fresh process of their own
    # (the machine's speed drifts over minutes): calamine alone on the file, a Core
    # select of the users the import finds.
    base_read_s: float = 0.0
    base_load_s: float = 0.0
    # The same in CPU seconds of the process (every thread): what the work cost,
    # whatever else the shared machine ran meanwhile. Alongside, never instead.
    preview_cpu_s: float = 0.0
    base_read_cpu_s: float = 0.0
    base_load_cpu_s: float = 0.0

    @property
    def preview_ratio(self) -> float:
        return self.preview_s / (self.base_read_s + self.base_load_s)

    @property
    def preview_cpu_ratio(self) -> float:
        return self.preview_cpu_s / (self.base_read_cpu_s + self.base_load_cpu_s)


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux from VmHWM, which starts afresh
    with the process image (``ru_maxrss`` keeps the parent's peak across fork+exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


T = TypeVar("T")


def student_options(**choices: Any) -> ImportOptions:
    """The benchmark's import: the file's students into the year, their classes made."""
    return ImportOptions(
        year=YEAR, account_type="student", create_missing_groups="class", **choices
    )


def previewed(engine: Any, path: Path) -> tuple[float, Plan]:
    """Read → preview of ``path`` as the command line makes it, without hashing (the
    snapshot loading beside the read): its wall-clock seconds and the plan."""
    session = ImportSession(
        engine, student_options(generate_passwords=False, datasafe_password=False)
    )
    started = time.perf_counter()
    session.prefetch_state()
    session.load(path)
    plan = session.build_plan()
    return time.perf_counter() - started, plan


def in_fresh_process(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a newly started interpreter (spawned, not forked)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def run_import_in_child(
    url: str, path: Path, detect_expired: bool, hashing: bool, datasafe: bool | None = None
) -> RunFigures:
    """One import in a fresh interpreter, so that its peak memory is the pipeline's own
    (not the benchmark's generated rows or the other runs)."""
    return in_fresh_process(_import_child, url, path, detect_expired, hashing, datasafe)


def _import_child(
    url: str, path: Path, detect_expired: bool, hashing: bool, datasafe: bool | None
) -> RunFigures:
    engine = open_database(url)
    try:
        return run_import(engine, path, detect_expired, hashing, datasafe)
    finally:
        engine.dispose()


def run_baselines_in_child(url: str, path: Path) -> tuple[float, float, float, float]:
    """The bare read of the file and the bare load of the users, in a fresh process
    like the import's (a process that has done the work once does it faster)."""
    return in_fresh_process(_baselines_child, url, path)


def _baselines_child(url: str, path: Path) -> tuple[float, float, float, float]:
    """Wall-clock read and load, then their CPU seconds."""
    engine = open_database(url)
    try:
        (read, read_cpu), (load, load_cpu) = baseline_read_both(path), baseline_load_both(engine)
        return read, load, read_cpu, load_cpu
    finally:
        engine.dispose()


def measured_import(url: str, path: Path, detect_expired: bool, hashing: bool) -> RunFigures:
    """The bare steps, then the import, each in a fresh process on the same database."""
    base_read, base_load, read_cpu, load_cpu = run_baselines_in_child(url, path)
    figures = run_import_in_child(url, path, detect_expired, hashing)
    figures.base_read_s, figures.base_load_s = base_read, base_load
    figures.base_read_cpu_s, figures.base_load_cpu_s = read_cpu, load_cpu
    return figures


def run_import(
    engine: Any,
    path: Path,
    detect_expired: bool,
    hashing: bool = True,
    datasafe: bool | None = None,
) -> RunFigures:
    """One import: ``hashing`` generates (and hashes) passwords, ``datasafe`` data-safe
    passwords (by default as ``hashing``)."""
    figures = RunFigures()
    figures.peak_mb["start"] = peak_rss_mb()
    options = student_options(
        detect_expired=detect_expired,
        allow_mass_expiry=True,
        generate_passwords=hashing,
        datasafe_password=hashing if datasafe is None else datasafe,
    )
    # As the command line does it: the existing users load in the background while
    # the file is read and its rows are checked; "load_existing" is what is left to
    # wait for afterwards.
    session = ImportSession(engine, options)
    started, cpu_started = time.perf_counter(), time.process_time()
    session.prefetch_state()
    t, table = timed(lambda: session.load(path))
    figures.phases["read"] = t
    figures.peak_mb["read"] = peak_rss_mb()
    t, plan = timed(session.build_plan)
    # build_plan checks the rows, then waits for the snapshot, then plans.
    figures.phases["load_existing"] = session.state_wait_s
    figures.phases["plan"] = t - session.state_wait_s
    figures.peak_mb["plan"] = peak_rss_mb()
    figures.preview_s = time.perf_counter() - started
    figures.preview_cpu_s = time.process_time() - cpu_started
    marks: dict[Phase, float] = {}

    def progress(p: Progress) -> None:
        marks.setdefault(p.phase, time.perf_counter())

    start = time.perf_counter()
    result = apply_plan(engine, plan, RunInfo(path.name, "0" * 64), progress)
    end = time.perf_counter()
    # Hashing runs in the background during the writes; what remains after them is
    # the wait for the last hashes.
    waiting = marks.get(Phase.HASHING, end)
    figures.phases["write"] = waiting - start
    figures.phases["hashing"] = end - waiting
    figures.hash_seconds = end - start
    figures.hashes = 2 * len(result.credentials)
    figures.peak_mb["write"] = peak_rss_mb()
    headers = list(protocol.PROTOCOL_HEADERS["en"])

    def write_protocol() -> bytes:
        rows = protocol.protocol_rows(plan.all_rows, result.credentials, result.logins)
        return protocol.build_xlsx(headers, rows, "bench-password")

    t, _ = timed(write_protocol)
    figures.phases["protocol"] = t
    figures.peak_mb["protocol"] = peak_rss_mb()
    return figures


def hash_rates(repeat: int, sample: int = 4000) -> tuple[float, float, float]:
    """Hashes per second on one thread and on the pool over all cores, and the pool's
    efficiency (its rate ÷ one thread's × cores). One thread and the pool are measured
    back to back ``repeat`` times, because the machine's speed drifts: the medians, and
    the median of each pair's efficiency."""
    pws = [passwords.generate_password() for _ in range(sample)]
    workers = os.cpu_count() or 1
    singles, pools, efficiencies = [], [], []
    for _ in range(repeat):
        single = (sample // 2) / timed(
            lambda: passwords.hash_passwords(pws[: sample // 2], workers=1)
        )[0]
        pooled = sample / timed(lambda: passwords.hash_passwords(pws))[0]
        singles.append(single)
        pools.append(pooled)
        efficiencies.append(pooled / (single * workers))
    return statistics.median(singles), statistics.median(pools), statistics.median(efficiencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--format", choices=["xlsx", "ods", "csv"], default="xlsx")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-update", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the median counts"
    )
    parser.add_argument(
        "--db",
        help="a PostgreSQL server's URL: compare SQLite, PostgreSQL and a district instead, "
        "or the empty server and districts of --district-sizes (bench/district.py)",
    )
    district = parser.add_mutually_exclusive_group()
    district.add_argument(
        "--background-users", type=int, default=0, help="with --db: users of 40 other schools"
    )
    district.add_argument(
        "--district-sizes",
        type=_sizes,
        help="with --db: the empty server against a district of each size (e.g. "
        "10000,100000,1000000: users of 40 other schools), in one run",
    )
    parser.add_argument(
        "--district-db",
        help="with --db: an existing database filled with --background-users N, used as the "
        "district's template instead of filling one",
    )
    parser.add_argument("--no-passwords", action="store_true", help="with --db")
    parser.add_argument("--no-datasafe", action="store_true", help="with --db")
    args = parser.parse_args()
    if args.district_sizes and not args.db:
        parser.error("--district-sizes needs --db")
    if args.district_sizes and args.district_db:
        parser.error("--district-db fills no series: use it with --background-users")
    if args.db:
        compare_databases(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = make_rows(args.rows)
        path = write_file(rows, args.format, folder, "initial")
        upd_path = write_file(update_rows(rows), args.format, folder, "update")
        empty = folder / "empty.db"
        engine = open_database(f"sqlite:///{empty}")
        with session_scope(engine) as s:
            directory.add_year(s, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
        engine.dispose()

        def fresh_copy(source: Path, name: str) -> str:
            target = folder / name
            shutil.copyfile(source, target)
            return f"sqlite:///{target}"

        repeat = range(args.repeat)
        base_read = statistics.median(baseline_read(path) for _ in repeat)
        base_write = statistics.median(baseline_write(rows, folder, n) for n in repeat)
        rates = hash_rates(args.repeat)
        # The same import twice: without password hashing (the pipeline's own cost,
        # compared with the baselines) and with it (what a user waits for). Each runs
        # in its own process (peak memory of the pipeline alone) on a fresh copy of
        # the database; the run with the median total counts.
        plain_runs = [
            measured_import(fresh_copy(empty, f"plain{n}.db"), path, False, hashing=False)
            for n in repeat
        ]
        plain = median_run(plain_runs)
        hashed_url = fresh_copy(empty, "hashed.db")
        initial = run_import_in_child(hashed_url, path, detect_expired=False, hashing=True)
        imported = folder / "hashed.db"
        engine = open_database(hashed_url)
        base_load = statistics.median(baseline_load(engine) for _ in repeat)
        engine.dispose()
        update, update_runs = None, []
        if not args.no_update:
            update_runs = [
                measured_import(fresh_copy(imported, f"update{n}.db"), upd_path, True, True)
                for n in repeat
            ]
            update = median_run(update_runs)
    # Each run's read → preview against the bare steps measured in its own process.
    ratios = (
        statistics.median(r.preview_ratio for r in plain_runs),
        statistics.median(r.preview_ratio for r in update_runs) if update_runs else 0.0,
        statistics.median(r.preview_cpu_ratio for r in plain_runs),
        statistics.median(r.preview_cpu_ratio for r in update_runs) if update_runs else 0.0,
    )
    report(args, initial, plain, update, (base_read, base_load, base_write), rates, ratios)


def _sizes(text: str) -> list[int]:
    """``10000,100000,1000000``: the district sizes, smallest first."""
    try:
        sizes = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or sizes[0] <= 0:
        raise argparse.ArgumentTypeError(f"sizes must be above 0: {text!r}")
    return sizes


def compare_databases(args: argparse.Namespace) -> None:
    """SQLite, PostgreSQL and a district on it, in one run, or the empty server and a
    district of each size (``bench/district.py``)."""
    from bench import district

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_file(make_rows(args.rows), args.format, folder, "initial")
        if args.district_sizes:
            figures = district.scaling(args, path)
        else:
            figures = district.compare(args, path, folder)
    if args.json:
        print(json.dumps(figures, indent=2))
    elif args.district_sizes:
        district.print_scaling(figures)
    else:
        district.print_figures(figures)


if __name__ == "__main__":
    main()
