"""Commands around the import: undo a run, the grace periods of released users, and
the settings they depend on (SPEC §3 "Undo", "Grace periods", "Login letters").

The functions of ``history undo``, ``users expire-due|purge|restore`` and ``settings``;
their arguments are in ``app.cli.args.add_lifecycle_parsers``.
"""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import Engine

from app.cli.output import EXIT_OK, EXIT_REFUSED, CliError, err, out, print_json
from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.admin import lifecycle
from app.engine.admin.undo import UndoPlan, preview_undo, undo_run
from app.engine.output.letters import get_letters_text, set_letters_text


def _actor(args: argparse.Namespace) -> Actor | None:
    """The signed-in operator (``app.cli.main`` sets ``args.actor``), if any."""
    actor = getattr(args, "actor", None)
    return actor if isinstance(actor, Actor) else None


# ------------------------------------------------------------------------ undo
def cmd_history_undo(engine: Engine, args: argparse.Namespace) -> int:
    if args.dry_run:
        with session_scope(engine) as session:
            plan = preview_undo(session, args.run_id, _actor(args))
        if args.json:
            print_json({**plan.counts().as_dict(), "blockers": [b.text() for b in plan.blockers]})
        else:
            _print_undo_plan(plan)
        if plan.blockers:
            err(f"schoolimport: run {args.run_id} cannot be undone: {plan.blockers_text()}")
            return EXIT_REFUSED
        return EXIT_OK
    with session_scope(engine) as session:
        result = undo_run(session, args.run_id, _actor(args))
    if args.json:
        print_json(result.as_dict())
    else:
        counts = result.as_dict()
        parts = [f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if k != "run_id"]
        out(f"run {args.run_id} undone: " + ", ".join(parts))
    return EXIT_OK


def _print_undo_plan(plan: UndoPlan) -> None:
    out(f"undo of run {plan.run_id} ({plan.file_name}) would:")
    for login in plan.users_to_delete:
        out(f"  delete user {login}")
    for restore in [*plan.users_to_restore, *plan.expiries_to_lift]:
        changes = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in restore.changes)
        out(f"  restore user {restore.login}" + (f" ({changes})" if changes else ""))
    for login, group in plan.memberships_to_remove:
        out(f"  remove {login} from {group}")
    for login, group in plan.memberships_to_restore:
        out(f"  add {login} to {group} again")
    for group in plan.groups_to_delete:
        out(f"  delete group {group}")
    for blocker in plan.blockers:
        out(f"  BLOCKED: {blocker.text()}")


# ------------------------------------------------------------------------ grace periods
def cmd_users_expire_due(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        counts = lifecycle.expire_due(session, date.today(), _actor(args))
    if args.json:
        print_json(counts.as_dict())
    else:
        out(f"{counts.deactivated} user(s) deactivated, {counts.due_for_purge} due for purging")
    return EXIT_OK


def cmd_users_purge(engine: Engine, args: argparse.Namespace) -> int:
    today = date.today()
    with session_scope(engine) as session:
        if args.dry_run:
            logins = lifecycle.due_for_purge(session, today, _actor(args))
        else:
            logins = lifecycle.purge_due(session, today, _actor(args))
    if args.json:
        print_json({"purged": 0 if args.dry_run else len(logins), "logins": logins})
    else:
        verb = "would be purged" if args.dry_run else "purged"
        out(f"{len(logins)} user(s) {verb}" + (": " + ", ".join(logins) if logins else ""))
    return EXIT_OK


def cmd_users_restore(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        user = lifecycle.restore_user(session, args.login, _actor(args))
        out(f"user {user.login} is active again")
    return EXIT_OK


# ------------------------------------------------------------------------ settings
def cmd_settings(engine: Engine, args: argparse.Namespace) -> int:
    changing_days = args.tolerance_days is not None or args.deletion_days is not None
    if changing_days and not args.account_type:
        raise CliError("settings: --tolerance-days and --deletion-days need --account-type")
    if args.account_type and not changing_days:
        raise CliError("settings: --account-type needs --tolerance-days or --deletion-days")
    with session_scope(engine) as session:
        if changing_days:
            lifecycle.set_periods(
                session, args.account_type, args.tolerance_days, args.deletion_days, _actor(args)
            )
        if args.letters_text is not None:
            set_letters_text(session, args.letters_text, _actor(args))
        periods = lifecycle.get_periods(session)
        text = get_letters_text(session)
    if args.json:
        print_json({"periods": [p.as_dict() for p in periods], "letters_text": text})
        return EXIT_OK
    out("grace periods (marked → deactivated → purgeable):")
    for p in periods:
        out(f"  {p.account_type:<8} {p.tolerance_days:>4} days, then {p.deletion_days:>4} days")
    out("letters text:")
    for line in text.splitlines():
        out(f"  {line}")
    return EXIT_OK
