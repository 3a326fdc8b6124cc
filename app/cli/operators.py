"""Sign-in on the command line, operators, schools and stored credentials.

In single-user desktop mode nothing is asked. Once sign-in is on, every command
needs ``--operator NAME``; the password comes from ``$SCHOOLIMPORT_PASSWORD`` (the
unattended mode for cron, see docs/operations.md) or is asked on the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from sqlalchemy import Engine

from app.cli.args import PASSWORD_ENV
from app.cli.output import EXIT_OK, CliError, out, print_json
from app.db import session_scope
from app.engine.access import credentials, operators
from app.engine.access.operators import Actor
from app.models import OperatorRole


def sign_in(engine: Engine, name: str | None) -> Actor:
    """The operator of every command, read with Core statements on one connection (no
    ORM session: ``users list`` never imports the ORM). In single-user mode that is
    one statement and no password is asked."""
    with engine.connect() as connection:
        actor = operators.single_user_actor(connection)
        if actor is not None:
            return actor
        password = _operator_password(name) if name else None
        return operators.sign_in(connection, name, password)


def _operator_password(name: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if not sys.stdin.isatty():
        raise CliError(f"sign-in of {name}: set {PASSWORD_ENV} when not on a terminal")
    return getpass.getpass(f"Password of {name}: ")


def _new_password(env: str | None) -> str | None:
    if env:
        value = os.environ.get(env)
        if not value:
            raise CliError(f"--password-env: the variable {env} is not set")
        return value
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise CliError("the two passwords differ")
    return first


def _actor(args: argparse.Namespace) -> Actor:
    actor = getattr(args, "actor", None)
    if not isinstance(actor, Actor):
        raise CliError("not signed in")
    return actor


def cmd_operator_add(engine: Engine, args: argparse.Namespace) -> int:
    password = _new_password(args.password_env)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    with session_scope(engine) as session:
        operator = operators.add_operator(
            session,
            _actor(args),
            args.name,
            OperatorRole(args.role),
            kinds,
            args.school,
            password,
        )
        out(f"operator {operator.name} ({operator.role}) added")
    return EXIT_OK


def cmd_operator_password(engine: Engine, args: argparse.Namespace) -> int:
    password = _new_password(args.password_env)
    if password is None:
        raise CliError("give the new password with --password-env VAR")
    with session_scope(engine) as session:
        operators.set_password(session, _actor(args), args.name, password)
    out(f"password of {args.name} set; sign-in is now required")
    return EXIT_OK


def cmd_operator_scope(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        operators.set_scope(session, _actor(args), args.name, args.school)
    out(f"schools of {args.name}: {', '.join(args.school) or 'none'}")
    return EXIT_OK


def cmd_operator_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        rows = operators.list_operators(session, _actor(args))
    data: list[dict[str, Any]] = [
        {
            "name": r.name,
            "role": r.role,
            "import_kinds": r.import_kinds,
            "schools": r.schools,
            "has_password": r.has_password,
            "active": r.active,
        }
        for r in rows
    ]
    if args.json:
        print_json(data)
    else:
        for r in data:
            out(
                f"{r['name']:<20} {r['role']:<16} {','.join(r['import_kinds']):<13} "
                f"{', '.join(r['schools'])}"
            )
    return EXIT_OK


def cmd_school_add(engine: Engine, args: argparse.Namespace) -> int:
    from app.engine.admin import directory  # the ORM's: not for every sign-in

    with session_scope(engine) as session:
        school = directory.add_school(session, args.name, _actor(args))
        out(f"school {school.name} added")
    return EXIT_OK


def cmd_school_list(engine: Engine, args: argparse.Namespace) -> int:
    from app.engine.admin import directory  # the ORM's: not for every sign-in

    with session_scope(engine) as session:
        names = [s.name for s in directory.list_schools(session, _actor(args))]
    if args.json:
        print_json(names)
    else:
        for name in names:
            out(name)
    return EXIT_OK


def cmd_db_password(_engine: Engine, args: argparse.Namespace) -> int:
    password = _new_password(args.password_env)
    if password is None:
        raise CliError("give the password with --password-env VAR")
    stored = credentials.store_password(args.url, password)
    out(f"password for {stored} stored in the system keyring")
    return EXIT_OK
