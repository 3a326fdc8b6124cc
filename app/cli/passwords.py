"""``users reset-password`` (new initial passwords with a new protocol) and
``school rename`` (the name letters and protocols print) — SPEC §4, §6."""

from __future__ import annotations

import argparse

from sqlalchemy import Engine

from app.cli.imports import protocol_password
from app.cli.output import EXIT_OK, CliError, out, print_json
from app.db import session_scope
from app.engine.admin import directory
from app.engine.admin.resets import Selection, reset_passwords
from app.engine.output.handover import Handover


def cmd_reset_password(engine: Engine, args: argparse.Namespace) -> int:
    if args.group is not None and args.year is None:
        raise CliError("--group needs --year")
    password = protocol_password(args)
    handover = Handover(password, args.protocol, args.letters, args.language, args.overwrite)
    selection = Selection(tuple(args.login or ()), args.group, args.year, args.run)
    run_id, count = reset_passwords(engine, args.actor, selection, handover)
    if args.json:
        print_json({"reset": count})
    else:
        out(f"{count} password(s) reset (run {run_id})")
        for path in handover.saved:
            out(f"saved (encrypted): {path}")
    return EXIT_OK


def cmd_school_rename(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        school = directory.rename_school(session, args.old, args.new, args.actor)
        name = school.name
    out(f"school renamed: {name}")
    return EXIT_OK
