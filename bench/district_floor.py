"""How far below a district's preview any way of asking the other schools could go.

    python bench/district_floor.py --db postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        (--background-users 1000000 | --district-db NAME) [--rows 50000] [--repeat 5] [--json]

A district's preview (issue #22) asks the other schools three questions of ~50,000 keys
each (``app/engine/planning/district.py``); an empty server asks none. This measures,
in fresh processes on clones of one district, each round:

- ``empty``: the preview on an empty server (the baseline of ``preview_ratio_vs_empty``);
- ``asked``: the district's preview as the program makes it;
- ``free``: the same preview with the questions' answers free: ``district.in_parallel``
  hands back the answers an ``asked`` preview of the same round recorded, without
  asking, and without making the people's keys that the look-alikes' question makes.
  Everything else is the program's: the file's keys, the logins' bases, and the plan
  with what the district answered (its taken logins renumber the file's, its
  look-alikes become conflicts).

``free`` is the floor of every design that answers on the server, however fast: what
the client does with the district's answers. ``free_ratio_vs_empty`` above 1.2 says
that no faster question can bring the preview to 1.2 × the empty server's.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from bench.district import empty_server, filled_district  # noqa: E402
from bench.files import make_rows, write_file  # noqa: E402
from bench.pgdb import databases  # noqa: E402
from bench.run import in_fresh_process, previewed  # noqa: E402

MODES = ("empty", "asked", "free")


def preview(url: str, path: Path, answers: Path, mode: str) -> tuple[float, int]:
    """One preview in this (fresh) process: its wall seconds and its conflicts. ``mode``
    ``asked`` records the questions' answers in ``answers``, ``free`` hands them back."""
    from app.engine.planning import district

    asked = district.in_parallel

    def recording(conn: Any, jobs: Any) -> list[Any]:
        found = asked(conn, jobs)
        answers.write_bytes(pickle.dumps(found))
        return found

    def free(_conn: Any, _jobs: Any) -> list[Any]:
        return list(pickle.loads(answers.read_bytes()))

    if mode == "asked":
        district.in_parallel = recording  # type: ignore[assignment]
    elif mode == "free":
        district.in_parallel = free  # type: ignore[assignment]
    engine = open_database(url)
    try:
        seconds, plan = previewed(engine, path)
        return seconds, sum(1 for row in plan.rows if row.conflict is not None)
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL server's URL")
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    district_source = parser.add_mutually_exclusive_group(required=True)
    district_source.add_argument("--background-users", type=int)
    district_source.add_argument("--district-db", help="a district filled before (bench/fill.py)")
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {mode: [] for mode in MODES}
    conflicts: dict[str, set[int]] = {mode: set() for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp, databases(args.db) as pg:
        folder = Path(tmp)
        path = write_file(make_rows(args.rows), "csv", folder, "initial")
        answers = folder / "answers.pickle"
        server = pg.server()
        empty = empty_server(pg)
        if args.district_db:
            district = pg.url(args.district_db)
        else:
            district = filled_district(pg, empty, args.background_users)[0]
        for _ in range(args.repeat):
            for mode in MODES:
                url = pg.clone(empty if mode == "empty" else district)
                took, found = in_fresh_process(preview, url, path, answers, mode)
                seconds[mode].append(took)
                conflicts[mode].add(found)
                pg.drop(url)
    if conflicts["free"] != conflicts["asked"]:  # the same plan, or the floor means nothing
        raise SystemExit(f"the free answers planned otherwise: {conflicts}")

    def ratio(mode: str) -> float:
        pairs = zip(seconds[mode], seconds["empty"], strict=True)
        return round(statistics.median(a / b for a, b in pairs), 3)

    figures = {
        "rows": args.rows,
        "server": server,
        "conflicts": sorted(conflicts["asked"]),
        **{f"{mode}_s": round(statistics.median(seconds[mode]), 3) for mode in MODES},
        "asked_ratio_vs_empty": ratio("asked"),
        "free_ratio_vs_empty": ratio("free"),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{args.rows} rows; PostgreSQL {server['server_version']}; median of {args.repeat}")
    for mode in MODES:
        print(f"  {mode:<6} preview {figures[f'{mode}_s']:.3f} s")
    print(
        f"÷ empty: asked {figures['asked_ratio_vs_empty']}×, "
        f"answers free {figures['free_ratio_vs_empty']}× ({figures['conflicts']} conflicts)"
    )


if __name__ == "__main__":
    main()
