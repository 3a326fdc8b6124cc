"""Benchmark of start-up: how fast and how small the command line and the window open.

    python bench/startup.py [--json] [--repeat 5] [--users 2000] [--rows 50000]
                            [--compare OTHER_TREE]

Every figure is the median of ``--repeat`` freshly started processes, measured in
rounds (each round runs every case once, so that the machine's drift hits all alike),
after one warm-up round. The bare interpreter (``python -c "import sys"``) is measured
in the same rounds, and every case is also given as a ratio against it.

The command line runs as its console script does (``from app.cli import main``).
Cases: ``--version``, ``--help``, ``users list --json`` on a database of ``--users``
users, a one-row ``import --dry-run`` against that database, the desktop application
from process start to its main window painted and from the click on "Import…" (half a
second after that) to the wizard's first page painted (offscreen,
``bench/startup_gui.py``), and the peak memory
of the preview (``import --dry-run``) of a ``--rows``-row CSV file.

``--compare /tmp/before`` measures every case a second time, in the same rounds, with
``app`` imported from another source tree — the code before a change, say, exported
with ``git archive REV app resources | tar -x -C /tmp/before``.

Peak memory is the child's own ``VmHWM`` (Linux), read as it exits: ``ru_maxrss``
of a child carries its parent's peak across fork and exec.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = "2026/27"
HEADER = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse", "Geburtsdatum"]
LAST = ["Müller", "Schmidt", "Weiß", "Özdemir", "Yılmaz", "Nguyen", "Lefèvre", "Becker"]
FIRST = ["Anna", "Jürgen", "Lea", "Ömer", "Hélène", "Max", "Zoë", "Finn"]
COURSES = ["Chor", "Theater", "Informatik", "Robotik", "Schach", "Sport"]

# (Children run in the temporary folder: ``python -c`` puts the working directory first
# on sys.path, which would shadow $PYTHONPATH's tree.)
# Written before the measured code: at exit the child records its peak memory in the
# file $BENCH_PEAK_FILE names (VmHWM; elsewhere ru_maxrss as the fallback).
PEAK = """\
import atexit, os
def _bench_peak(target=os.environ.pop("BENCH_PEAK_FILE", "")):
    if not target:
        return
    kb = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except OSError:
        import resource, sys
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kb = kb // 1024 if sys.platform == "darwin" else kb
    with open(target, "w") as out:
        out.write(str(kb))
atexit.register(_bench_peak)
"""
CLI = PEAK + "import sys\nfrom app.cli import main\nsys.exit(main())\n"
BARE = PEAK + "import sys\n"


@dataclass
class Case:
    name: str
    label: str
    argv: list[str]
    target_s: float | None = None
    target_mb: float | None = None
    tree: Path = ROOT
    seconds: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)

    def median_s(self) -> float:
        return statistics.median(self.seconds)

    def median_mb(self) -> float:
        return statistics.median(self.peaks_mb) if self.peaks_mb else 0.0


def student(i: int) -> list[str]:
    grade = 5 + i % 8
    courses = ", ".join(COURSES[(i + k) % len(COURSES)] for k in range(1 + i % 3))
    born = f"{1 + i % 28:02d}.{1 + i % 12:02d}.{2026 - grade - 6}"
    last, first = LAST[i % len(LAST)], f"{FIRST[(i // 8) % len(FIRST)]} {i}"
    return [str(100000 + i), last, first, f"{grade}{'abcd'[i % 4]}", courses, born]


def write_csv(path: Path, rows: range) -> Path:
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *map(student, rows)])
    return path


class Bench:
    def __init__(self, folder: Path, users: int) -> None:
        self.folder, self.users = folder, users
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "SCHOOLIMPORT_LOG_DIR": str(folder / "log"),
            "QT_QPA_PLATFORM": "offscreen",
            # QSettings, the translations' cache and the data folder stay in the folder.
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": str(folder / "cache"),
            "XDG_DATA_HOME": str(folder / "data"),
            "HOME": str(folder),
        }
        self.env.pop("SCHOOLIMPORT_DB", None)
        # As on an administrator's machine, where the modules' bytecode is cached: this
        # workplace sets PYTHONDONTWRITEBYTECODE, which makes every start compile our
        # modules from source again (0.05-0.15 s of each command here).
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        # An administrator who started the program before: the first start's language
        # question (QSettings "ui/language") is answered, as it is from then on.
        settings = folder / "config" / "schoolimport" / "schoolimport.conf"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text("[ui]\nlanguage=de\n", encoding="utf-8")

    def tree_env(self, case: Case, extra: dict[str, str]) -> dict[str, str]:
        return {**self.env, **extra, "PYTHONPATH": str(case.tree)}

    def cli(self, db: str, *args: str, check: bool = True, tree: Path | None = None) -> str:
        env = self.env if tree is None else {**self.env, "PYTHONPATH": str(tree)}
        result = subprocess.run(
            [sys.executable, "-c", CLI, "--db", db, *args],
            env=env,
            cwd=self.folder,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise SystemExit(f"set-up failed: {args}: {result.stderr.strip()}")
        return result.stdout

    def database(self, name: str, users: Path | None, tree: Path | None = None) -> str:
        """A database made by the code of ``tree`` (this tree by default): an older
        program refuses a database a newer one migrated."""
        url = f"sqlite:///{(self.folder / name).as_posix()}"
        self.cli(url, "init", tree=tree)
        self.cli(url, "year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31",
                 "--current", tree=tree)  # fmt: skip
        if users is not None:
            self.cli(url, "import", str(users), *import_options(), "--no-passwords", tree=tree)
        return url

    def measure(self, case: Case, env: dict[str, str] | None = None) -> None:
        """One fresh process of ``case``: its wall time and peak memory."""
        peak_file = self.folder / "peak"
        peak_file.unlink(missing_ok=True)
        child_env = self.tree_env(case, {**(env or {}), "BENCH_PEAK_FILE": str(peak_file)})
        started = time.perf_counter()
        result = subprocess.run(
            case.argv, env=child_env, cwd=self.folder, capture_output=True, check=False
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"{case.name} failed ({result.returncode}): {result.stderr!r}")
        case.seconds.append(seconds)
        case.peaks_mb.append(int(peak_file.read_text() or 0) / 1024)
        if case.name.startswith("users_list") and len(json.loads(result.stdout)) != self.users:
            raise SystemExit(f"users list did not list the {self.users} users")

    def measure_gui(self, window: Case, page: Case, db: str) -> None:
        """The window's start (process start → main window painted) and the wizard's
        first page (click → page painted), from one run of ``startup_gui.py``."""
        started = time.time()
        result = subprocess.run(
            window.argv,
            env=self.tree_env(window, {"SCHOOLIMPORT_DB": db}),
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0 or not result.stdout.strip():
            raise SystemExit(f"the window did not start: {result.stderr.strip()[-2000:]}")
        marks = json.loads(result.stdout.strip().splitlines()[-1])
        window.seconds.append(marks["painted"] - started)
        window.peaks_mb.append(marks["peak_kb"] / 1024)
        page.seconds.append(marks["page"] - marks["clicked"])


def import_options() -> list[str]:
    return ["--year", YEAR, "--account-type", "student", "--create-missing-groups", "class"]


def build_cases(one_row: Path, big: Path) -> dict[str, Case]:
    dry_run = ["import", *import_options(), "--dry-run", "--json"]
    cases = [
        Case("bare", 'python -c "import sys"', [sys.executable, "-c", BARE]),
        Case("version", "schoolimport --version", [sys.executable, "-c", CLI, "--version"],
             0.15, 30),
        Case("help", "schoolimport --help", [sys.executable, "-c", CLI, "--help"], 0.15, 30),
        Case("users_list", "users list --json (database of {users} users)",
             [sys.executable, "-c", CLI, "users", "list", "--json"], 0.5),
        Case("dry_run", "import --dry-run, one row (same database)",
             [sys.executable, "-c", CLI, *dry_run[:1], str(one_row), *dry_run[1:]], 0.5),
        Case("gui_window", "window: process start → main window painted",
             [sys.executable, str(ROOT / "bench" / "startup_gui.py")], 1.5),
        Case("gui_wizard", "wizard: click on Import… → first page painted", [], 0.3),
        Case("preview", "import --dry-run of {rows} CSV rows (empty database)",
             [sys.executable, "-c", CLI, *dry_run[:1], str(big), *dry_run[1:]], None, 130),
    ]  # fmt: skip
    return {case.name: case for case in cases}


def with_twins(cases: dict[str, Case], other: Path | None) -> dict[str, Case]:
    """The cases, each followed by its twin on the ``other`` tree (``--compare``)."""
    if other is None:
        return cases
    out: dict[str, Case] = {}
    for name, case in cases.items():
        out[name] = case
        if name != "bare":
            twin = Case(f"{name}@other", f"  the same, {other}", case.argv, case.target_s,
                        case.target_mb, tree=other)  # fmt: skip
            out[twin.name] = twin
    return out


def run(args: argparse.Namespace, folder: Path) -> dict[str, Case]:
    bench = Bench(folder, args.users)
    users = write_csv(folder / "users.csv", range(args.users))
    one_row = write_csv(folder / "one.csv", range(args.users, args.users + 1))
    big = write_csv(folder / "big.csv", range(args.rows))
    full = {"": bench.database("users.db", users)}
    empty = {"": bench.database("empty.db", None)}
    if args.compare is not None:  # the other tree's own databases, of its schema
        full["other"] = bench.database("users-other.db", users, args.compare)
        empty["other"] = bench.database("empty-other.db", None, args.compare)
    cases = with_twins(build_cases(one_row, big), args.compare)
    for number in range(args.repeat + 1):  # round 0 warms the caches and is dropped
        for case in cases.values():
            name, _, other = case.name.partition("@")
            if name == "gui_wizard":
                continue
            if name == "gui_window":
                bench.measure_gui(case, cases["gui_wizard" + _ + other], full[other])
            else:
                db = (empty if name == "preview" else full)[other]
                bench.measure(case, {"SCHOOLIMPORT_DB": db})
        if number == 0:
            for case in cases.values():
                case.seconds.clear()
                case.peaks_mb.clear()
    for case in cases.values():
        case.label = case.label.format(users=f"{args.users:,}", rows=f"{args.rows:,}")
    return cases


def figures(cases: dict[str, Case]) -> dict[str, dict[str, float | str | None | list[float]]]:
    bare = cases["bare"]
    out: dict[str, dict[str, float | str | None | list[float]]] = {}
    for case in cases.values():
        seconds, mb = case.median_s(), case.median_mb()
        out[case.name] = {
            "label": case.label,
            "seconds": round(seconds, 3),
            "peak_mb": round(mb, 1) if case.peaks_mb else None,
            "seconds_vs_bare": round(seconds / bare.median_s(), 1),
            "peak_vs_bare": round(mb / bare.median_mb(), 1) if case.peaks_mb else None,
            "target_seconds": case.target_s,
            "target_mb": case.target_mb,
            "runs_seconds": [round(s, 3) for s in case.seconds],
            "runs_mb": [round(m, 1) for m in case.peaks_mb],
        }
    return out


def verdict(value: float | None, target: float | None) -> str:
    if target is None or value is None:
        return ""
    return f"≤ {target:g} {'✓' if value <= target else '✗'}"


def report(table: dict[str, dict[str, float | str | None | list[float]]]) -> None:
    print(f"{'case':<52} {'seconds':>8} {'× bare':>7} {'target':>9}  {'MB':>6} "
          f"{'× bare':>6} {'target':>8}")  # fmt: skip
    for row in table.values():
        seconds, mb = row["seconds"], row["peak_mb"]
        assert isinstance(seconds, float)
        mb_text = f"{mb:6.1f} {row['peak_vs_bare']:>5}×" if isinstance(mb, float) else " " * 13
        print(
            f"{row['label']!s:<52} {seconds:8.3f} {row['seconds_vs_bare']!s:>6}× "
            f"{verdict(seconds, row['target_seconds'])!s:>9}  {mb_text} "  # type: ignore[arg-type]
            f"{verdict(mb, row['target_mb'])!s:>8}"  # type: ignore[arg-type]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--compare", type=Path, metavar="TREE", help="also measure this tree")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="schoolimport-startup-") as tmp:
        table = figures(run(args, Path(tmp)))
    if args.json:
        print(json.dumps({"repeat": args.repeat, "cases": table}, ensure_ascii=False, indent=2))
    else:
        report(table)


if __name__ == "__main__":
    main()
