"""Throw-away PostgreSQL databases for the benchmarks (like ``tests/pg.py``).

``--db`` names the server by any database URL on it (``postgresql+psycopg://
postgres@127.0.0.1:5432/postgres``); each measured import gets a database of its own,
cloned from one migrated template (or from a filled district), dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.db import open_database


class PgDatabases:
    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self.prefix = f"bench_{uuid.uuid4().hex[:6]}"
        self.made: list[str] = []

    def url(self, name: str) -> str:
        return make_url(self.server_url).set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def create(self, template: str | None = None) -> str:
        """A new database (migrated and seeded, or a copy of ``template``): its URL."""
        name = f"{self.prefix}_{len(self.made)}"
        clause = f' TEMPLATE "{template}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{clause}')
        self.made.append(name)
        if template is None:
            open_database(self.url(name)).dispose()
        return self.url(name)

    def clone(self, template_url: str) -> str:
        """A copy of ``template_url``'s database, made just before it is measured and
        followed by a ``CHECKPOINT``: every measured import starts alike, with the copy's
        writes on disk (``CREATE DATABASE`` writes the whole copy through the server;
        a copy made earlier was still being flushed during the import measured before
        it, which made the empty server's import look slower than a district's)."""
        url = self.create(template=self.name(template_url))
        self._execute("CHECKPOINT")
        return url

    def server(self) -> dict[str, str]:
        """What the figures depend on: the server's version and the size of its buffer
        pool (a district's import writes slower when its users' and logins' tables and
        indexes do not fit in it: docs/performance.md)."""
        with self.admin.connect() as conn:
            return {
                name: str(conn.execute(text(f"SHOW {name}")).scalar_one())
                for name in ("server_version", "shared_buffers", "wal_compression")
            }

    def name(self, url: str) -> str:
        return str(make_url(url).database)

    def drop(self, url: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name(url)}" WITH (FORCE)')

    def close(self) -> None:
        for name in self.made:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


@contextmanager
def databases(server_url: str) -> Iterator[PgDatabases]:
    dbs = PgDatabases(server_url)
    try:
        yield dbs
    finally:
        dbs.close()
