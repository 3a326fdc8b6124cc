"""``schoolimport db check`` (issue 22): the server's figures and the advice, as text
and as JSON, on SQLite and PostgreSQL; an unreachable database is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from app.cli import main
from app.cli.server import pretty_size, report_lines
from app.engine.admin.server import ServerReport, server_report
from tests.cli.commands import YEAR
from tests.conftest import HEADER
from tests.pg import PgServer

MIB = 1024 * 1024
KEYS = [
    "dialect",
    "version",
    "shared_buffers_bytes",
    "directory_bytes",
    "users",
    "recommended_shared_buffers_bytes",
]


def _check(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> str:
    code = main(["--db", db, "db", "check", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    return out


def test_on_sqlite_the_file_and_its_users_and_nothing_to_tune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "schoolimport.db")
    users = tmp_path / "users.csv"
    rows = [HEADER] + [[str(n), "Muster", f"Max{n}", "5a", ""] for n in range(1, 8)]
    users.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    year = ["year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31", "--current"]
    assert main(["--db", db, *year]) == 0
    options = ["--create-missing-groups", "class", "--no-passwords", "--no-datasafe"]
    imported = ["import", str(users), "--year", YEAR, "--account-type", "student", *options]
    assert main(["--db", db, *imported]) == 0
    capsys.readouterr()

    data = json.loads(_check(capsys, db, "--json"))
    assert list(data) == KEYS
    assert data["dialect"] == "sqlite" and data["version"]
    assert data["shared_buffers_bytes"] is None
    assert data["recommended_shared_buffers_bytes"] is None
    assert isinstance(data["directory_bytes"], int) and data["directory_bytes"] > 0
    assert data["users"] == 7

    lines = _check(capsys, db).splitlines()
    assert len(lines) == 1 and lines[0].startswith("SQLite ")
    assert "for 7 users" in lines[0] and "nothing to tune" in lines[0]


def test_on_postgresql_the_figures_of_the_server(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with pg_server.database() as url:
        data = json.loads(_check(capsys, url, "--json"))
        text = _check(capsys, url)
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                report = server_report(conn)
        finally:
            engine.dispose()
    assert list(data) == KEYS
    assert data == {
        "dialect": "postgresql",
        "version": report.version,
        "shared_buffers_bytes": report.shared_buffers_bytes,
        "directory_bytes": report.directory_bytes,
        "users": report.users,
        "recommended_shared_buffers_bytes": report.recommended_bytes,
    }
    assert isinstance(data["shared_buffers_bytes"], int) and data["directory_bytes"] > 0
    assert text.splitlines() == report_lines(report)
    assert text.splitlines()[-1] == "shared_buffers holds the directory."  # an empty one


def test_a_database_that_does_not_exist_is_one_line_and_exit_2(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.url(f"{pg_server.prefix}_missing")
    assert main(["--db", url, "db", "check", "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "cannot be opened" in err and "does not exist" in err
    assert "Traceback" not in err


def test_the_district_of_issue_22_is_told_what_to_set() -> None:
    report = ServerReport(
        dialect="postgresql",
        version="15.20 (Debian 15.20-0+deb12u1)",
        shared_buffers_bytes=128 * MIB,
        directory_bytes=676 * MIB + 12345,
        users=1_000_000,
        recommended_bytes=768 * MIB,
    )
    assert report_lines(report) == [
        "PostgreSQL 15.20: shared_buffers 128 MB; the directory (users, logins, memberships"
        " with their indexes) 676 MB for about 1,000,000 users.",
        "Recommended: shared_buffers of at least 768 MB (ALTER SYSTEM SET shared_buffers ="
        " '768MB'; then restart the server). Below that, an import's inserts evict index"
        " pages that it reads again.",
    ]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 bytes"),
        (10239, "10239 bytes"),
        (159744, "156 kB"),
        (128 * MIB, "128 MB"),
        (676 * MIB + 400 * 1024, "676 MB"),
        (676 * MIB + 600 * 1024, "677 MB"),
        (1024 * MIB, "1024 MB"),
        (20 * 1024 * MIB, "20 GB"),
    ],
)
def test_sizes_are_written_as_postgresql_writes_them(size: int, expected: str) -> None:
    assert pretty_size(size) == expected
