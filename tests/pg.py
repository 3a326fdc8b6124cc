"""Throw-away PostgreSQL databases for the tests.

One migrated template database per test session; each test gets a clone of it
(``CREATE DATABASE … TEMPLATE``, a file copy on the server, ~50 ms) that is dropped
afterwards. The server is the machine's (``$SCHOOLIMPORT_TEST_PG``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.db import open_database, session_scope
from app.engine.admin import directory

PG_ADMIN_URL = os.environ.get(
    "SCHOOLIMPORT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


class PgServer:
    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.prefix = f"si_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_template"
        self._execute(f'CREATE DATABASE "{self.template}"')
        migrated = open_database(self.url(self.template))
        migrated.dispose()

    @classmethod
    def connect(cls) -> PgServer | None:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text("select 1"))
        except OperationalError:
            admin.dispose()
            return None
        return cls(admin)

    def url(self, name: str) -> str:
        return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    @contextmanager
    def database(self) -> Iterator[str]:
        name = f"{self.prefix}_{uuid.uuid4().hex[:8]}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        try:
            yield self.url(name)
        finally:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextmanager
    def engine_with_year(self, year: str, schools: Sequence[str] = ()) -> Iterator[Engine]:
        """A database of its own (:meth:`database`) with the current school ``year``
        (August to July) and the further ``schools``; its engine disposed afterwards."""
        with self.database() as url:
            engine = open_database(url)
            try:
                with session_scope(engine) as session:
                    first, last = date(int(year[:4]), 8, 1), date(int(year[:4]) + 1, 7, 31)
                    directory.add_year(session, year, first, last, True)
                    for school in schools:
                        directory.add_school(session, school)
                yield engine
            finally:
                engine.dispose()

    def close(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self.admin.dispose()
