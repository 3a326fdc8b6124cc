"""Benchmark: does the time of a refused sign-in tell which operator names exist?

    python bench/sign_in.py [--rounds 30]

Signs in, against a fresh SQLite database, with a wrong password for an existing
operator (the baseline) and with an unknown name, an operator without a password and
an inactive one, alternating, and prints the median of each and its ratio to the
baseline. A ratio near 1.0 means the refusal's time gives nothing away (issue 19).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import update  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine.access import operators  # noqa: E402
from app.engine.reasons import Refused  # noqa: E402
from app.models import Operator, OperatorRole  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(str(Path(folder) / "bench.db"))
        with session_scope(engine) as s:
            local = operators.local_actor(s)
            operators.set_password(s, local, "admin", "Admin-Geheim-1")
            for name, password in (("ina", "Ina-Geheim-1"), ("ohne", None), ("aus", "Aus-1234")):
                operators.add_operator(
                    s, local, name, OperatorRole.IMPORT_OPERATOR, password=password
                )
            s.execute(update(Operator).where(Operator.name == "aus").values(is_active=False))
        cases = {"wrong password": "ina", "unknown name": "niemand",
                 "no password": "ohne", "inactive": "aus"}  # fmt: skip
        times: dict[str, list[float]] = {case: [] for case in cases}
        with session_scope(engine) as s:
            for _ in range(rounds):
                for case, name in cases.items():
                    start = time.perf_counter()
                    try:
                        operators.authenticate(s, name, "falsch-falsch")
                    except Refused:
                        pass
                    times[case].append(time.perf_counter() - start)
        engine.dispose()
    base = statistics.median(times["wrong password"])
    for case, values in times.items():
        median = statistics.median(values)
        print(f"{case:<15} {median * 1000:7.2f} ms  ratio {median / base:5.2f}")


if __name__ == "__main__":
    main()
