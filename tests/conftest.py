"""Shared fixtures: a real SQLite database per test, file writers, offscreen Qt."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import Engine  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine.admin import directory  # noqa: E402
from tests.memkeyring import MemoryKeyring  # noqa: E402
from tests.pg import PG_ADMIN_URL, PgServer  # noqa: E402

YEAR = "2026/27"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _log_to_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write into the real user log folder."""
    if "SCHOOLIMPORT_LOG_DIR" not in os.environ:
        monkeypatch.setenv("SCHOOLIMPORT_LOG_DIR", str(tmp_path_factory.getbasetemp() / "logs"))


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leaked = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not t.daemon and "QueueFeederThread" not in t.name
    ]
    for thread in leaked:
        thread.join(timeout=5)
    still = [t.name for t in leaked if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database on each backend: a SQLite file, and a PostgreSQL database
    cloned from a migrated template (see ``tests/pg.py``)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'schoolimport.db'}"
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("checks the SQLite file itself")
    server = request.getfixturevalue("pg_server")
    with server.database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer.connect()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL server at {PG_ADMIN_URL} in CI")
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL}")
    yield server
    server.close()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_database(db_url)
    with session_scope(eng) as session:
        directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), current=True)
    yield eng
    eng.dispose()


CsvWriter = Callable[..., Path]


@pytest.fixture
def write_csv(tmp_path: Path) -> CsvWriter:
    """Write rows as a CSV file: ``write_csv(rows, name=..., encoding=..., delimiter=...)``."""

    def write(
        rows: Sequence[Sequence[str]],
        name: str = "export.csv",
        encoding: str = "utf-8",
        delimiter: str = ";",
    ) -> Path:
        path = tmp_path / name
        text = "\r\n".join(delimiter.join(cells) for cells in rows) + "\r\n"
        path.write_bytes(text.encode(encoding))
        return path

    return write


HEADER = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Geburtsdatum"]


class Importer:
    """Drives an import the way the wizard does: load, map, plan, resolve, apply."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def plan(self, path: Path, **options: object) -> ImportSession:
        opts = ImportOptions(year=YEAR, account_type="student")
        for key, value in options.items():
            setattr(opts, key, value)
        session = ImportSession(self.engine, opts)
        session.load(path)
        session.build_plan()
        return session

    def run(self, path: Path, **options: object) -> ImportSession:
        session = self.plan(path, **options)
        session.apply()
        return session


@pytest.fixture
def importer(engine: Engine) -> Importer:
    return Importer(engine)


from app.engine.planning.results import ImportOptions  # noqa: E402
from app.engine.session import ImportSession  # noqa: E402


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    """One real OpenLDAP server for the session, with StartTLS and LDAPS by a test CA."""
    server = Slapd.start(tmp_path_factory.mktemp("slapd"), tls=True)
    if server is None:
        pytest.skip("slapd is not installed (apt-get install slapd ldap-utils)")
    yield server
    server.stop()


@pytest.fixture
def ldap_base(slapd: Slapd) -> str:
    """A fresh subtree of the session's server for one test, as the school's base DN."""
    base = f"ou=t{uuid.uuid4().hex[:12]},{SLAPD_BASE}"
    slapd.ldap("ldapadd", f"dn: {base}\nobjectClass: organizationalUnit\nou: {base[3:16]}\n")
    return base


from tests.slapd import BASE as SLAPD_BASE  # noqa: E402
from tests.slapd import Slapd  # noqa: E402
