"""``db check``: whether the database server is sized for the directory (issue 22).

Its own module, apart from ``db password`` (``operators``, which loads the ORM and the
keyring): the figures are a few catalogue look-ups on one connection
(:mod:`app.engine.admin.server`). Read-only, and for every operator: it shows sizes
and a count, nothing of any person or school.
"""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from app.cli.output import EXIT_OK, out, print_json
from app.engine.admin.server import ServerReport, server_report

_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
_PRETTY_UNITS = ("bytes", "kB", "MB", "GB", "TB")


def cmd_db_check(engine: Engine, args: argparse.Namespace) -> int:
    with engine.connect() as connection:
        report = server_report(connection)
    if args.json:
        print_json(
            {
                "dialect": report.dialect,
                "version": report.version,
                "shared_buffers_bytes": report.shared_buffers_bytes,
                "directory_bytes": report.directory_bytes,
                "users": report.users,
                "recommended_shared_buffers_bytes": report.recommended_bytes,
            }
        )
    else:
        for line in report_lines(report):
            out(line)
    return EXIT_OK  # advice is not a failure


def report_lines(report: ServerReport) -> list[str]:
    """The report as the terminal shows it: the figures, then the advice."""
    # The version number without the packager's note ("15.20 (Debian 15.20-0+deb12u1)").
    head = f"{_NAMES.get(report.dialect, report.dialect)} {report.version.split(' ')[0]}"
    if report.shared_buffers_bytes is None:
        return [
            f"{head}: the database file {pretty_size(report.directory_bytes)} for "
            f"{report.users:,} users; nothing to tune."
        ]
    lines = [
        f"{head}: shared_buffers {pretty_size(report.shared_buffers_bytes)}; the directory "
        f"(users, logins, memberships with their indexes) {pretty_size(report.directory_bytes)}"
        f" for about {report.users:,} users."
    ]
    if report.recommended_bytes is None:
        lines.append("shared_buffers holds the directory.")
    else:
        size = pretty_size(report.recommended_bytes)
        setting = f"{report.recommended_bytes // (1024 * 1024)}MB"
        lines.append(
            f"Recommended: shared_buffers of at least {size} (ALTER SYSTEM SET "
            f"shared_buffers = '{setting}'; then restart the server). Below that, an "
            "import's inserts evict index pages that it reads again."
        )
    return lines


def pretty_size(size: int) -> str:
    """``size`` bytes in the units of PostgreSQL's ``pg_size_pretty`` (what an
    administrator sees in psql): the largest unit in which the number stays under
    10,240, rounded half up; "MB" is 1024 kB, as in the server's settings."""
    value = float(size)
    for unit in _PRETTY_UNITS[:-1]:
        if abs(value) < 10240:
            return f"{int(value + 0.5)} {unit}"
        value /= 1024
    return f"{int(value + 0.5)} {_PRETTY_UNITS[-1]}"
