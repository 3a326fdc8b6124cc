"""The preview grid on a 100,000-row file, and the peak memory of the process that
shows it (SPEC §5: the grid opens and scrolls without a stall; < 400 MB with the UI).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/preview_open.py [--rows N]
        [--format csv|xlsx|ods] [--json]

The export of ``bench/files.py`` is written by a child process (its rows never live
here), then read, planned and shown as the wizard does: the snapshot loading while the
file is read, the plan, the preview page opened and painted, scrolled to the end, and
searched. Peak memory is the process's ``VmHWM``: Qt, the engine, the table, the plan
and the grid's model together.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import Engine  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine.admin.directory import add_year  # noqa: E402
from app.engine.planning.results import ImportOptions  # noqa: E402
from app.engine.session import ImportSession  # noqa: E402
from bench.files import YEAR, make_rows, write_file  # noqa: E402
from bench.run import in_fresh_process, peak_rss_mb  # noqa: E402


def write_export(rows: int, fmt: str, folder: Path) -> Path:
    return write_file(make_rows(rows), fmt, folder, "school")


def prepared_engine(folder: Path) -> Engine:
    engine = open_database(f"sqlite:///{folder / 'bench.db'}")
    with session_scope(engine) as db:
        add_year(db, YEAR, date(2026, 8, 1), date(2027, 7, 31), current=True)
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "ods"], default="xlsx")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = in_fresh_process(write_export, args.rows, args.format, folder)
        figures = measure(folder, path)
    figures = {"rows": args.rows, "format": args.format, **figures}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        print(f"{name:<26} {value}")


def measure(folder: Path, path: Path) -> dict[str, float]:
    app = QApplication.instance() or QApplication(sys.argv)
    from app.wizard.pages.preview import PreviewPage
    from app.wizard.views import fitting

    engine = prepared_engine(folder)
    options = ImportOptions(year=YEAR, account_type="student", create_missing_groups="class")
    session = ImportSession(engine, options)
    start = time.perf_counter()
    session.prefetch_state()
    session.load(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    plan = session.build_plan()
    planned = time.perf_counter() - start
    page = PreviewPage(session)
    page.resize(960, 600)
    start = time.perf_counter()
    page.set_plan(plan)
    page.show()
    app.processEvents()  # one paint of the visible rows: part of "opening"  # noqa
    while fitting(page):  # the columns, fitted between events, are part of it too
        app.processEvents()  # noqa
    opened = time.perf_counter() - start
    start = time.perf_counter()
    page.view.scrollToBottom()
    app.processEvents()
    scrolled = time.perf_counter() - start
    start = time.perf_counter()
    page.search_edit.setText("109999")  # one ID
    filtered = time.perf_counter() - start
    shown = page.proxy.rowCount()
    peak = peak_rss_mb()
    page.close()
    page.deleteLater()
    app.processEvents()  # noqa
    engine.dispose()
    return {
        "read_s": round(read, 3),
        "plan_s": round(planned, 3),
        "open_and_paint_ms": round(opened * 1000, 1),
        "scroll_to_end_ms": round(scrolled * 1000, 1),
        "search_ms": round(filtered * 1000, 1),
        "search_hits": shown,
        "peak_rss_mb": round(peak, 1),
    }


if __name__ == "__main__":
    main()
