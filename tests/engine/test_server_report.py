"""Is the server sized for the directory (app/engine/admin/server.py, issue 22): the
rule with plain numbers, and the figures of a real PostgreSQL database against what
the server itself computes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from app.engine.admin.server import recommendation, server_report, setting_bytes
from tests.conftest import HEADER, YEAR, CsvWriter, Importer
from tests.pg import PgServer

MIB = 1024 * 1024
GIB = 1024 * MIB


@pytest.mark.parametrize(
    ("directory", "shared_buffers", "expected"),
    [
        (676 * MIB, 128 * MIB, 768 * MIB),  # the district of issue 22 on a default server
        (600 * MIB, GIB, None),
        (512 * MIB, 512 * MIB, None),  # equal: it holds the directory
        (0, 128 * MIB, None),
        (512 * MIB + 1, 128 * MIB, 768 * MIB),  # rounded up, never down
        (512 * MIB, 128 * MIB, 512 * MIB),  # a multiple of 256 MiB already
    ],
)
def test_the_recommendation_is_the_directory_rounded_up_to_256_mib(
    directory: int, shared_buffers: int, expected: int | None
) -> None:
    assert recommendation(directory, shared_buffers) == expected


@pytest.mark.parametrize(
    ("setting", "unit", "expected"),
    [
        ("16384", "8kB", 128 * MIB),  # shared_buffers: blocks of 8 kB
        ("8192", "16kB", 128 * MIB),  # a server built with 16 kB blocks
        ("4096", "kB", 4 * MIB),
        ("64", "MB", 64 * MIB),
        ("1000", None, 1000),
    ],
)
def test_a_memory_setting_is_its_count_times_its_unit(
    setting: str, unit: str | None, expected: int
) -> None:
    assert setting_bytes(setting, unit) == expected


def test_a_unit_that_is_not_memory_is_refused() -> None:
    with pytest.raises(ValueError, match="not a memory unit"):
        setting_bytes("200", "ms")


@pytest.fixture
def pg_engine(pg_server: PgServer) -> Iterator[Engine]:
    with pg_server.engine_with_year(YEAR) as engine:
        yield engine


def _scalar(engine: Engine, sql: str) -> object:
    with engine.begin() as conn:
        return conn.exec_driver_sql(sql).scalar()


def _execute(engine: Engine, sql: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)


def _rows(first: int, last: int) -> list[list[str]]:
    return [HEADER] + [[str(n), "Muster", f"Max{n}", "5a", ""] for n in range(first, last + 1)]


def test_the_figures_are_the_servers_own(pg_engine: Engine, write_csv: CsvWriter) -> None:
    Importer(pg_engine).run(write_csv(_rows(1, 12)), create_missing_groups="class")
    with pg_engine.connect() as conn:
        report = server_report(conn)
    assert report.dialect == "postgresql"
    assert report.version == _scalar(pg_engine, "SHOW server_version")
    assert report.shared_buffers_bytes == _scalar(
        pg_engine, "SELECT pg_size_bytes(current_setting('shared_buffers'))"
    )
    assert report.directory_bytes == _scalar(
        pg_engine,
        "SELECT pg_total_relation_size('users') + pg_total_relation_size('used_logins')"
        " + pg_total_relation_size('memberships')",
    )
    assert report.directory_bytes > 0
    assert report.recommended_bytes == recommendation(
        report.directory_bytes, report.shared_buffers_bytes
    )
    assert report.recommended_bytes is None  # a dozen users fit any buffer pool


def test_the_users_are_the_planners_estimate_and_counted_only_when_it_is_unknown(
    pg_engine: Engine, write_csv: CsvWriter
) -> None:
    """An emptied table's estimate is unknown (-1) until ANALYZE: then the users are
    counted; afterwards the estimate is taken as it is, even when it has aged."""
    _execute(pg_engine, "TRUNCATE users CASCADE")
    assert _scalar(pg_engine, "SELECT reltuples FROM pg_class WHERE relname = 'users'") == -1
    importer = Importer(pg_engine)
    importer.run(write_csv(_rows(1, 5), name="first.csv"), create_missing_groups="class")
    with pg_engine.connect() as conn:
        assert server_report(conn).users == 5  # counted

    _execute(pg_engine, "ANALYZE users")
    importer.run(write_csv(_rows(1, 8), name="second.csv"), create_missing_groups="class")
    assert _scalar(pg_engine, "SELECT count(*) FROM users") == 8
    with pg_engine.connect() as conn:
        users = server_report(conn).users
    assert isinstance(users, int) and users == 5  # the estimate of the ANALYZE, not a count
