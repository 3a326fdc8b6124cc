"""Is the database server sized for the directory? (``schoolimport db check``, issue 22)

A school's import inserts its new people and logins all over the indexes of the
district's ``users``, ``used_logins`` and ``memberships``. When PostgreSQL's buffer
pool (``shared_buffers``) is smaller than those tables with their indexes, the inserts
evict pages that the import reads again: 50,000 rows into a district of 1,000,000
users read 32,500 blocks with the default 128 MB, 21,800 with 1 GB, 5,300 on an empty
server (``bench/district_writes.py``). On the 2-core benchmark machine, whose memory
holds every file, that cost no measurable time (the district's writes were ~0.4 s
slower than an empty server's with either size: inserting into large indexes); on a
server whose memory does not, each such read is one from the disk. The report gives
the figures and, when the pool is too small, the size to set. Read-only: catalogue
look-ups and one size function per table, no scan of a table (the users are counted
from the planner's estimate).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.models import tables

MIB = 1024 * 1024
# The recommendation is the directory's size rounded up to a multiple of this.
STEP = 256 * MIB
# The tables whose indexes an import writes all over (docs/operations.md).
DIRECTORY_TABLES = (tables.users.name, tables.used_logins.name, tables.memberships.name)

_UNITS = {"B": 1, "kB": 1024, "MB": MIB, "GB": 1024 * MIB, "TB": 1024 * 1024 * MIB}
_UNIT = re.compile(r"(\d*)\s*(B|kB|MB|GB|TB)")
# The tables with their indexes and TOAST, as the server reckons them.
_DIRECTORY_SIZE = text(
    "SELECT coalesce(sum(pg_total_relation_size(CAST(name AS regclass))), 0)"
    " FROM unnest(CAST(:names AS text[])) AS name"
)


@dataclass(frozen=True, slots=True)
class ServerReport:
    dialect: str  # "postgresql" or "sqlite"
    version: str  # the server's own text (SHOW server_version), SQLite's library version
    shared_buffers_bytes: int | None  # None on SQLite
    directory_bytes: int  # the three tables with their indexes; SQLite: the database
    users: int  # PostgreSQL: the planner's estimate (reltuples); SQLite: counted
    recommended_bytes: int | None  # None when shared_buffers holds the directory


def recommendation(directory_bytes: int, shared_buffers_bytes: int) -> int | None:
    """The ``shared_buffers`` to set, or None when the present one holds the
    directory: the directory's size rounded up to the next multiple of 256 MiB."""
    if directory_bytes <= shared_buffers_bytes:
        return None
    return -(-directory_bytes // STEP) * STEP


def setting_bytes(setting: str, unit: str | None) -> int:
    """A memory setting of ``pg_settings`` in bytes: its ``setting`` counts units of
    ``unit`` ("8kB" for ``shared_buffers``, a block; "kB", "MB"; None for bytes)."""
    if not unit:
        return int(setting)
    found = _UNIT.fullmatch(unit.strip())
    if found is None:
        raise ValueError(f"not a memory unit: {unit!r}")
    count, name = found.groups()
    return int(setting) * int(count or 1) * _UNITS[name]


def server_report(conn: Connection) -> ServerReport:
    """The figures of the database ``conn`` is connected to (PostgreSQL or SQLite)."""
    if conn.dialect.name == "postgresql":
        return _postgresql(conn)
    return _sqlite(conn)


def _postgresql(conn: Connection) -> ServerReport:
    version = str(conn.exec_driver_sql("SHOW server_version").scalar_one())
    setting, unit = conn.execute(
        text("SELECT setting, unit FROM pg_settings WHERE name = 'shared_buffers'")
    ).one()
    shared_buffers = setting_bytes(str(setting), unit)
    directory = int(conn.execute(_DIRECTORY_SIZE, {"names": list(DIRECTORY_TABLES)}).scalar_one())
    return ServerReport(
        dialect="postgresql",
        version=version,
        shared_buffers_bytes=shared_buffers,
        directory_bytes=directory,
        users=_estimated_users(conn),
        recommended_bytes=recommendation(directory, shared_buffers),
    )


def _estimated_users(conn: Connection) -> int:
    """The users the planner believes there are (``pg_class.reltuples``, kept by
    VACUUM and ANALYZE): a catalogue look-up where ``count(*)`` reads a million rows.
    Counted only when it is unknown (-1 on PostgreSQL 14 and later before the
    table's first VACUUM or ANALYZE)."""
    estimate = conn.execute(
        text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"),
        {"t": tables.users.name},
    ).scalar_one()
    if estimate is not None and float(estimate) >= 0:
        return round(float(estimate))
    return _counted_users(conn)


def _counted_users(conn: Connection) -> int:
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {tables.users.name}").scalar_one())


def _sqlite(conn: Connection) -> ServerReport:
    """SQLite has no server memory to set: the database's size (its pages, those still
    in the write-ahead log included) and the users, counted."""
    pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
    return ServerReport(
        dialect="sqlite",
        version=sqlite3.sqlite_version,
        shared_buffers_bytes=None,
        directory_bytes=pages * page_size,
        users=_counted_users(conn),
        recommended_bytes=None,
    )
