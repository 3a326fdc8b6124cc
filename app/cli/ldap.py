"""The ``ldap`` commands (issue 18): store the connection, sync, show the status; and
the ``--ldap-sync`` of an import. A server that cannot be used is one line and exit 2;
what was synced before it stays recorded, and the next sync does the rest.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from sqlalchemy import Engine

from app.cli.output import EXIT_OK, CliError, err, out, print_json
from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync import status as ldap_status
from app.engine.ldapsync.service import SyncResult, sync
from app.engine.reasons import EngineError, Reason


def cmd_ldap_set(engine: Engine, args: argparse.Namespace) -> int:
    _require_admin(args)
    with session_scope(engine) as session:
        stored = ldap_config.load(session)
    config = ldap_config.LdapConfig(
        url=args.url,
        base_dn=args.base_dn,
        bind_dn=args.bind_dn,
        starttls=args.starttls,
        ca_file=os.path.abspath(args.ca_file) if args.ca_file else None,
        schools=args.school or None,
        **_posix_settings(ldap_config.or_defaults(stored), args),
    )
    ldap_config.check(config)
    password = None
    if args.bind_password_env:
        password = os.environ.get(args.bind_password_env)
        if not password:
            raise CliError(f"ldap set: the variable {args.bind_password_env} is empty or not set")
    with session_scope(engine) as session:
        ldap_config.save(session, config)
    out(f"LDAP server set: {config.url}, base {config.base_dn}, bind {config.bind_dn}")
    if config.posix:
        gids = ", ".join(f"{k} {v}" for k, v in sorted(config.gid_numbers.items()))
        out(
            f"Linux sign-in (posixAccount): uidNumbers from {config.uid_start}, "
            f"gidNumbers {gids}, home {config.home_template}, shell {config.login_shell}"
        )
    if password is not None:
        if ldap_config.store_password(config, password):
            out("bind password kept in the system keyring")
        else:
            err(
                "schoolimport: note: no system keyring here; give the password to every "
                "sync with --bind-password-env"
            )
    return EXIT_OK


def _posix_settings(stored: ldap_config.LdapConfig, args: argparse.Namespace) -> dict[str, Any]:
    """The Linux sign-in settings: each option given, else what is stored (a new
    ``ldap set`` of the connection does not turn Linux sign-in off by omission)."""
    gids = dict(stored.gid_numbers)
    for kind in ldap_config.DEFAULT_GID_NUMBERS:
        given = getattr(args, f"gid_{kind}", None)
        if given is not None:
            gids[kind] = given
    return {
        "posix": stored.posix if args.posix is None else args.posix,
        "uid_start": stored.uid_start if args.uid_start is None else args.uid_start,
        "gid_numbers": gids,
        "home_template": stored.home_template if args.home is None else args.home,
        "login_shell": stored.login_shell if args.shell is None else args.shell,
    }


def cmd_ldap_sync(engine: Engine, args: argparse.Namespace) -> int:
    _require_admin(args)
    result = run_sync(engine, args.bind_password_env, args.dry_run)
    if args.json:
        print_json(result.as_dict())
    else:
        print_sync(result)
    return EXIT_OK


def run_sync(engine: Engine, env_var: str | None, dry_run: bool = False) -> SyncResult:
    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rldap sync: {done}/{total}")

    return sync(engine, password_env=env_var, dry_run=dry_run, progress=progress)


def print_sync(result: SyncResult) -> None:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in result.counts.items()]
    out(f"ldap sync{' (dry run)' if result.dry_run else ''}: " + ", ".join(parts))
    for error in result.errors:
        out(f"  error: {error.dn}: {error.detail}")


def cmd_ldap_status(engine: Engine, args: argparse.Namespace) -> int:
    _require_admin(args)
    with session_scope(engine) as session:
        data = ldap_status.status(session)
    if args.json:
        print_json(data)
        return EXIT_OK
    if not data["configured"]:
        out("no LDAP server set up")
        return EXIT_OK
    out(f"LDAP server {data['url']} (base {data['base_dn']}, bind {data['bind_dn']})")
    posix = data["posix"]
    if posix["enabled"]:
        out(
            f"Linux sign-in: on, uidNumbers from {posix['uid_start']} "
            f"({posix['uid_numbers_given']} given), home {posix['home_template']}, "
            f"shell {posix['login_shell']}"
        )
    else:
        out("Linux sign-in: off")
    last = data["last_sync"]
    out(f"last sync: {last['at']} ({last['errors']} errors)" if last else "last sync: never")
    pending = data["pending"]
    out("pending: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in pending.items()))
    return EXIT_OK


def sync_after_import(engine: Engine, args: argparse.Namespace) -> dict[str, Any]:
    """``import --ldap-sync``: the import is committed; a failed sync says so."""
    try:
        result = run_sync(engine, getattr(args, "bind_password_env", None))
    except EngineError as exc:
        raise CliError(
            f"the import was committed, but the LDAP sync failed: {exc.text()}"
        ) from None
    if not args.json:
        print_sync(result)
    return result.as_dict()


def _require_admin(args: argparse.Namespace) -> None:
    actor = getattr(args, "actor", None)
    if isinstance(actor, Actor):
        actor.require_admin(Reason.ACTION_LDAP)
