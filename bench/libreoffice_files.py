"""Read → preview of workbooks that LibreOffice itself wrote, against a bare calamine read.

    python bench/libreoffice_files.py [--rows 50000] [--repeat 5] [--json]

``bench/run.py`` writes its XLSX and ODS with every cell filled. A school office's
table has empty optional columns (e-mail, telephone, a note): LibreOffice then writes
two empty or equal neighbours as one repeated cell inside an ODS row, and leaves a
row's last empty cells out of an XLSX sheet (its rows are of several widths). This
makes such a table (the benchmark's pupils with three optional columns, 30 %, 20 %
and 10 % filled), has ``soffice`` convert it — to XLSX, to ODS, and the XLSX to ODS
(which adds the empty runs that fill the sheet) — and measures, each in a fresh
process: the bare calamine read of the file, the bare load of the users, and read →
preview; then the ratio, the median of ``--repeat`` runs. Needs LibreOffice
(``soffice``) on the PATH.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database, session_scope  # noqa: E402
from app.engine.admin import directory  # noqa: E402
from bench.files import HEADER, YEAR, make_rows  # noqa: E402
from bench.run import in_fresh_process, previewed, run_baselines_in_child  # noqa: E402

OPTIONAL = ["E-Mail", "Telefon", "Bemerkung"]
CSV_FILTER = "CSV:59,34,76,1"  # ';', '"', UTF-8, from line 1
YEAR_DATES = (date(2026, 8, 1), date(2027, 7, 31))


def write_csv(path: Path, rows: int) -> None:
    rnd = random.Random(3)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(";".join(HEADER + OPTIONAL) + "\n")
        for row in make_rows(rows):
            email = f"{row[2].split()[0].lower()}.{row[0]}@schule.de" if rnd.random() < 0.3 else ""
            phone = "0211 12345" if rnd.random() < 0.2 else ""
            note = "Attest" if rnd.random() < 0.1 else ""
            handle.write(";".join([*row, email, phone, note]) + "\n")


def convert(source: Path, target: str, folder: Path, infilter: str | None = None) -> Path:
    """``source`` converted by soffice into ``folder`` (``target``: its extension)."""
    command = ["soffice", "--headless", "--convert-to", target, "--outdir", str(folder)]
    if infilter:
        command[2:2] = [f"--infilter={infilter}"]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=600)
    return folder / f"{source.stem}.{target}"


def preview_child(url: str, path: Path) -> float:
    """Read → preview (wall-clock seconds) in this fresh process, as bench/run.py."""
    engine = open_database(url)
    try:
        return previewed(engine, path)[0]
    finally:
        engine.dispose()


def measure(url: str, path: Path, repeat: int) -> dict[str, float]:
    ratios, previews, bases = [], [], []
    for _ in range(repeat):
        read, load, _read_cpu, _load_cpu = run_baselines_in_child(url, path)
        preview = in_fresh_process(preview_child, url, path)
        ratios.append(preview / (read + load))
        previews.append(preview)
        bases.append(read + load)
    return {
        "preview_s": round(statistics.median(previews), 3),
        "base_read_load_s": round(statistics.median(bases), 3),
        "read_to_preview_ratio": round(statistics.median(ratios), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("bench/libreoffice_files.py needs LibreOffice's soffice on the PATH")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = folder / "pupils.csv"
        write_csv(table, args.rows)
        from_csv = convert(table, "ods", folder, CSV_FILTER)
        through = folder / "through_xlsx"
        through.mkdir()
        xlsx = convert(table, "xlsx", through, CSV_FILTER)
        from_xlsx = convert(xlsx, "ods", through)
        database = folder / "empty.db"
        engine = open_database(f"sqlite:///{database}")
        with session_scope(engine) as session:
            directory.add_year(session, YEAR, *YEAR_DATES, True)
        engine.dispose()
        url = f"sqlite:///{database}"
        figures = {
            "rows": args.rows,
            "xlsx": measure(url, xlsx, args.repeat),
            "ods_from_csv": measure(url, from_csv, args.repeat),
            "ods_through_xlsx": measure(url, from_xlsx, args.repeat),
        }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name in ("xlsx", "ods_from_csv", "ods_through_xlsx"):
        shown = figures[name]
        assert isinstance(shown, dict)
        print(
            f"{name}: read → preview {shown['preview_s']:.3f} s against "
            f"{shown['base_read_load_s']:.3f} s: {shown['read_to_preview_ratio']:.2f}×"
        )


if __name__ == "__main__":
    main()
