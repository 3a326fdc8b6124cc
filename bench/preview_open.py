"""How long the preview grid takes to open on a 100,000-row plan, next to how long
building that plan takes (SPEC §5: the grid must open and scroll without a stall).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/preview_open.py [--rows N]
"""

from __future__ import annotations

import argparse
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
from app.engine.directory import add_year  # noqa: E402
from app.engine.mapping import auto_map  # noqa: E402
from app.engine.results import ImportOptions  # noqa: E402
from app.engine.session import ImportSession  # noqa: E402
from app.engine.table import FileKind, Table  # noqa: E402


def synthetic_session(engine: Engine, rows: int) -> ImportSession:
    """A session holding an in-memory table of ``rows`` students in 40 classes."""
    headers = ["Nachname", "Vorname", "Klasse", "Interne ID-Nummer"]
    data = [[f"Nachname{i}", f"Vorname{i}", f"{5 + i % 8}{'abcde'[i % 5]}", str(100000 + i)]
            for i in range(rows)]  # fmt: skip
    table = Table(headers, data, list(range(2, rows + 2)), FileKind.CSV)
    options = ImportOptions(year="2026/27", account_type="student", ignore_unassigned_groups=True)
    session = ImportSession(engine, options)
    session.table, session.mapping = table, auto_map(headers)
    return session


def prepared_engine(folder: Path) -> Engine:
    engine = open_database(f"sqlite:///{folder / 'bench.db'}")
    with session_scope(engine) as db:
        add_year(db, "2026/27", date(2026, 8, 1), date(2027, 7, 31), current=True)
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    from app.wizard.pages.preview import PreviewPage

    with tempfile.TemporaryDirectory() as tmp:
        engine = prepared_engine(Path(tmp))
        session = synthetic_session(engine, args.rows)
        start = time.perf_counter()
        plan = session.build_plan()
        planned = time.perf_counter() - start
        page = PreviewPage(session)
        page.resize(960, 600)
        start = time.perf_counter()
        page.set_plan(plan)
        page.show()
        app.processEvents()  # one paint of the visible rows: part of "opening"  # noqa
        opened = time.perf_counter() - start
        start = time.perf_counter()
        page.view.scrollToBottom()
        app.processEvents()
        scrolled = time.perf_counter() - start
        start = time.perf_counter()
        page.search_edit.setText("Nachname9999")
        filtered = time.perf_counter() - start
        print(f"rows:                 {len(plan.all_rows):,}")
        print(f"build plan:           {planned * 1000:8.1f} ms")
        print(
            f"open preview + paint: {opened * 1000:8.1f} ms  ({opened / planned:.1%} of planning)"
        )
        print(f"scroll to the end:    {scrolled * 1000:8.1f} ms")
        print(f"search filter:        {filtered * 1000:8.1f} ms  ({page.proxy.rowCount()} rows)")
        page.close()
        page.deleteLater()
        app.processEvents()  # noqa
        engine.dispose()


if __name__ == "__main__":
    main()
