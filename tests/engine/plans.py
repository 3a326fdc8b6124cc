"""Plans of small student files on a fresh SQLite database, for the tests of a plan's
entries and counts (test_plan_rows, test_plan_summary)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.db import open_database, session_scope
from app.engine.admin import directory
from app.engine.planning.mapping import auto_map
from app.engine.planning.plan import Plan
from app.engine.planning.results import ImportOptions
from app.engine.reading.table import FileKind, Table
from app.engine.session import ImportSession

HEADERS = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse"]
GROUP_CELLS = ["5a", "5A", "6b", "Chor, Theater", "Theater", ""]


@contextmanager
def database_with_year() -> Iterator[Engine]:
    """A new SQLite database with the current school year 2026/27 and no user."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 's.db'}")
        with session_scope(engine) as session:
            directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
        yield engine
        engine.dispose()


@pytest.fixture(scope="module", name="engine")
def engine_fixture() -> Iterator[Engine]:
    """A database with the current school year 2026/27, for one test module."""
    with database_with_year() as engine:
        yield engine


def plan_of(engine: Engine, rows: list[tuple[str, str, str, str, str]]) -> Plan:
    """The plan of a file of ``rows`` (ID, last name, first name, class, courses)."""
    data = [list(cells) for cells in rows]
    table = Table(HEADERS, data, list(range(2, len(data) + 2)), FileKind.CSV)
    options = ImportOptions(year="2026/27", account_type="student", create_missing_groups="class")
    session = ImportSession(engine, options)
    session.table, session.mapping = table, auto_map(HEADERS)
    return session.build_plan()
