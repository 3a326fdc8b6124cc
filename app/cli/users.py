"""``users list``: the directory's users, read without the ORM.

Its own module, apart from the other directory commands (``admin``): scripts and cron
jobs call it often, and what it needs — the tables, one connection, two Core
statements — starts in about three quarters of the instructions the ORM's path took
(docs/performance.md, "Start-up, third round")."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from app.cli.output import EXIT_OK, out, print_json
from app.engine.admin.userlist import UserRow, list_users, parse_account_type


def cmd_users_list(engine: Engine, args: argparse.Namespace) -> int:
    if args.account_type:
        parse_account_type(args.account_type)
    if args.year:
        users = _of_year(engine, args)
    else:
        with engine.connect() as connection:
            users = list_users(connection, args.status, args.account_type, None, args.actor)
    if args.json:
        print_json([u.as_json() for u in users])
    else:
        for u in users:
            groups = ", ".join(u.groups)
            name = f"{u.last_name}, {u.first_name}"
            out(f"{u.login:<28} {name}  [{u.account_type}, {u.status}] {groups}")
    return EXIT_OK


def _of_year(engine: Engine, args: argparse.Namespace) -> list[UserRow]:
    """With ``--year``: the year found as every directory command finds it (the ORM's)."""
    from app.db import session_scope
    from app.engine.admin import directory

    with session_scope(engine) as session:
        year = directory.find_year(session, args.year)
        return list_users(session, args.status, args.account_type, year, args.actor)
