"""The ``import`` command: a user import from the command line (SPEC §4)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from app.cli_guard import INTERRUPTS
from app.cli_output import EXIT_OK, CliError, err, out, print_json
from app.db import session_scope
from app.engine import directory, history
from app.engine.apply import check_applicable
from app.engine.letters import save_import_letters
from app.engine.mapping import apply_overrides, check_mapping
from app.engine.plan import Plan
from app.engine.protocol import MIN_PASSWORD_LENGTH
from app.engine.reasons import Reason, Refused
from app.engine.results import ImportOptions, NewCredentials, Resolution
from app.engine.session import ImportSession
from app.engine.table import ReadOptions
from app.engine.template import check_template

CONFLICT_CHOICES = {
    "skip": Resolution.SKIP,
    "keep": Resolution.KEEP,
    "keep-first": Resolution.KEEP,
    "generate-login": Resolution.GENERATE_LOGIN,
    "link": Resolution.LINK,
    "create-new": Resolution.CREATE_NEW,
    "create": Resolution.CREATE_NEW,
    "update": Resolution.UPDATE,
}


def cmd_import(engine: Engine, args: argparse.Namespace) -> int:
    options = _import_options(args)
    preferences = _conflict_preferences(args.on_conflict)
    wants_password = args.protocol or args.letters
    password = _protocol_password(args) if wants_password and not args.dry_run else None
    session = ImportSession(engine, options, actor=args.actor)
    read_options = ReadOptions(
        encoding=args.encoding,
        delimiter=_delimiter(args.delimiter),
        sheet=args.sheet,
        header=not args.no_header,
    )
    if not args.file.exists():
        raise Refused(Reason.FILE_NOT_FOUND, file=str(args.file))
    session.prefetch_state()  # the existing users load while the file is read
    try:
        return _run_import(session, args, read_options, preferences, password)
    finally:
        session.close()


def _run_import(
    session: ImportSession,
    args: argparse.Namespace,
    read_options: ReadOptions,
    preferences: list[Resolution],
    password: str | None,
) -> int:
    engine = session.engine
    table = session.load(args.file, read_options)
    warning = check_template(args.file)
    if warning:
        err(f"schoolimport: warning: {args.file}: {warning}")
    overrides = dict(_split_map(m) for m in args.map)
    try:
        mapping = apply_overrides(session.require_mapping(), table.headers, overrides)
        check_mapping(mapping)
    except Refused as exc:
        exc.file = exc.file or str(args.file)  # SPEC §4: the line names the file
        raise
    session.mapping = mapping
    try:
        plan = session.build_plan()
    except Refused as exc:
        exc.file = exc.file or str(args.file)
        raise
    plan.resolve_all(preferences)
    try:
        check_applicable(plan)
    except Refused as exc:
        exc.file = str(args.file)
        raise
    if args.dry_run:
        summary = plan.summary()
        if args.json:
            print_json(summary.as_dict())
        else:
            _print_plan(plan)
        return EXIT_OK
    with INTERRUPTS.cancellable() as cancelled:  # Ctrl-C cancels between batches
        result = session.apply(cancelled=cancelled)
    counts: dict[str, Any] = dict(result.summary.as_dict())
    if not args.json:
        _print_summary(result.summary.as_dict())
    if args.protocol and password is not None:
        saved = session.save_protocol(args.protocol, password, args.protocol_language)
        if not args.json:
            out(f"protocol saved: {saved}")
    elif (unsaved := _with_secrets(result.credentials)) and not args.json and not args.letters:
        err(
            f"schoolimport: note: {unsaved} new account(s) got initial passwords "
            "that were not saved; use --protocol next time or reset their passwords"
        )
    if args.letters and password is not None and session.plan is not None:
        letters = save_import_letters(
            engine, session.plan, result, args.letters, password, args.letters_language
        )
        if not args.json:
            out(f"login letters saved: {letters}" if letters else "no new accounts: no letters")
    if args.errors:
        # The same file as the history's "failed rows" download of this run.
        with session_scope(engine) as db:
            history.export_rows(db, result.run_id, args.errors, succeeded=False)
    if args.ldap_sync:
        from app.cli_ldap import sync_after_import  # python-ldap only when asked for

        counts["ldap"] = sync_after_import(engine, args)
    if args.json:
        print_json(counts)
    return EXIT_OK


def _with_secrets(credentials: dict[int, NewCredentials]) -> int:
    """New accounts that got a password or a data-safe password (none with
    ``--no-passwords --no-datasafe``)."""
    return sum(1 for c in credentials.values() if c.password or c.datasafe_password)


def _import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        year=args.year,
        account_type=directory.parse_account_type(args.account_type).value,
        source=args.source,
        school=args.school,
        match_users=not args.no_match,
        detect_expired=args.detect_expired,
        allow_mass_expiry=args.allow_mass_expiry,
        generate_passwords=not args.no_passwords,
        datasafe_password=not args.no_datasafe,
        ignore_unassigned_groups=args.ignore_unassigned_groups,
        create_missing_groups=args.create_missing_groups,
    )


def _conflict_preferences(values: Sequence[str]) -> list[Resolution]:
    choices: list[Resolution] = []
    for value in values:
        for part in value.split(","):
            name = part.strip().lower()
            if name not in CONFLICT_CHOICES:
                raise CliError(
                    f"--on-conflict: '{part}' is not a choice ({', '.join(CONFLICT_CHOICES)})"
                )
            choices.append(CONFLICT_CHOICES[name])
    return choices


def _delimiter(value: str) -> str:
    named = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ","}
    return named.get(value.lower(), value)


def _split_map(value: str) -> tuple[str, str]:
    header, sep, field = value.rpartition("=")
    if not sep or not header.strip():
        raise CliError(f"--map '{value}': expected HEADER=FIELD")
    return header, field


def _protocol_password(args: argparse.Namespace) -> str:
    if args.protocol_password_env:
        password = os.environ.get(args.protocol_password_env)
        if not password:
            raise CliError(
                f"--protocol-password-env: the variable {args.protocol_password_env} is not set"
            )
    else:
        if not sys.stdin.isatty():
            raise CliError(
                "--protocol and --letters need --protocol-password-env VAR when not on a terminal"
            )
        password = getpass.getpass("Protocol password: ")
        if getpass.getpass("Repeat the password: ") != password:
            raise Refused(Reason.PASSWORD_MISMATCH)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(Reason.PASSWORD_TOO_SHORT, limit=MIN_PASSWORD_LENGTH)
    suffix = "".join(args.protocol.suffixes).lower() if args.protocol else ".xlsx"
    if not (suffix.endswith(".xlsx") or suffix.endswith(".zip")):
        raise CliError(f"--protocol {args.protocol}: use a name ending in .xlsx or .csv.zip")
    if args.letters and args.letters.suffix.lower() != ".pdf":
        raise CliError(f"--letters {args.letters}: use a name ending in .pdf")
    return password


def _print_summary(counts: dict[str, int | None]) -> None:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if k != "run_id"]
    out(", ".join(parts) + (f" (run {counts['run_id']})" if counts.get("run_id") else ""))


def _print_plan(plan: Plan) -> None:
    for row in plan.all_rows:
        where = f"line {row.line}" if row.line else "not in file"
        name = f"{row.values.last_name}, {row.values.first_name}"
        detail = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in row.changes)
        groups = " ".join(
            [f"+{g}" for g in row.groups_added] + [f"-{g}" for g in row.groups_removed]
        )
        reasons = "; ".join(m.text() for m in row.reasons)
        if row.conflict is not None:
            reasons = row.conflict.message.text()
        extra = " | ".join(p for p in (detail, groups, reasons) if p)
        out(f"{where:<12} {row.outcome:<11} {row.login or '':<24} {name}  {extra}")
    _print_summary(plan.summary().as_dict())
