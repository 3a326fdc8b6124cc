"""The ``import`` command: a user import from the command line (SPEC §4)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from app.cli.guard import INTERRUPTS
from app.cli.output import EXIT_OK, CliError, err, out, print_json, print_json_with_list
from app.db import session_scope
from app.engine.admin.template import check_template
from app.engine.admin.userlist import parse_account_type
from app.engine.applying.apply import check_applicable
from app.engine.output.handover import Handover
from app.engine.output.outputs import check_targets
from app.engine.output.protocol import MIN_PASSWORD_LENGTH
from app.engine.planning.identity import parse_identity
from app.engine.planning.layouts import find_layout
from app.engine.planning.mapping import apply_overrides, check_headers, check_mapping
from app.engine.planning.plan import Plan
from app.engine.planning.results import (
    ApplyResult,
    ImportOptions,
    NewCredentials,
    Resolution,
    RowAction,
    RowPlan,
)
from app.engine.reading.table import ReadOptions
from app.engine.reasons import Message, Reason, Refused
from app.engine.session import ImportSession

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
    password = protocol_password(args) if wants_password and not args.dry_run else None
    handover = None
    if password is not None:
        handover = Handover(
            password,
            args.protocol,
            args.letters,
            args.protocol_language or args.language,
            args.overwrite,
        )
        handover.check([args.file])
    if not args.dry_run:
        targets = [*_handover_targets(handover), args.errors]
        check_targets(targets, [args.file], args.overwrite)
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
        return _run_import(session, args, read_options, preferences, handover)
    finally:
        session.close()


def _handover_targets(handover: Handover | None) -> list[Path]:
    if handover is None:
        return []
    return [p for p in (handover.protocol, handover.letters) if p is not None]


def _run_import(
    session: ImportSession,
    args: argparse.Namespace,
    read_options: ReadOptions,
    preferences: list[Resolution],
    handover: Handover | None,
) -> int:
    try:
        layout = find_layout(args.layout) if args.layout else None
        identity = parse_identity(args.identity) if args.identity else None
    except Refused as exc:
        exc.file = str(args.file)
        raise
    table = session.load(args.file, read_options, layout)
    warning = check_template(args.file)
    if warning:
        err(f"schoolimport: warning: {args.file}: {warning}")
    overrides = [_split_map(m) for m in args.map]
    try:
        mapping = apply_overrides(session.require_mapping(), table.headers, overrides)
        if identity is not None:
            mapping.identity = identity
        check_headers(table.headers, mapping, [header for header, _field in overrides])
        check_mapping(mapping)
    except Refused as exc:
        exc.file = exc.file or str(args.file)  # SPEC §4: the line names the file
        raise
    session.mapping = mapping
    if mapping.identity and not args.json:
        fields = [f.value for f in mapping.identity]
        err(f"schoolimport: note: {Message(Reason.IDENTITY_NOTE, {'fields': fields}).text()}")
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
            print_json_with_list(summary.as_dict(), "rows", plan_rows_json(plan))
        else:
            _print_plan(plan)
        return EXIT_OK
    # Ctrl-C cancels between batches. Once committed, the command finishes what it owes
    # (the protocol, letters and failed rows hold the accounts' secrets; the counts and
    # the sync say what happened): a signal then must not end it as "nothing changed".
    with INTERRUPTS.cancellable() as cancelled:
        result = session.apply(cancelled=cancelled, handover=handover)
        counts = _report(session, args, result, handover)
        if args.ldap_sync:
            from app.cli.ldap import sync_after_import  # python-ldap only when asked for

            counts["ldap"] = sync_after_import(session.engine, args)
        if args.json:
            print_json(counts)
    return EXIT_OK


def _report(
    session: ImportSession, args: argparse.Namespace, result: ApplyResult, handover: Handover | None
) -> dict[str, Any]:
    """The counts (printed unless --json, returned), where the protocol and letters are,
    and the failed rows of the run."""
    counts: dict[str, Any] = dict(result.summary.as_dict())
    if not args.json:
        _print_summary(result.summary.as_dict())
        for path in handover.saved if handover is not None else []:
            out(f"saved (encrypted): {path}")
    if handover is None and (unsaved := _with_secrets(result.credentials)) and not args.json:
        err(
            f"schoolimport: note: {unsaved} new account(s) got initial passwords "
            "that were not saved; use --protocol next time or reset their passwords "
            f"(schoolimport users reset-password --run {result.run_id} …)"
        )
    if args.errors:
        from app.engine.admin import history  # the ORM's: not for a dry run

        # The same file as the history's "failed rows" download of this run.
        with session_scope(session.engine) as db:
            history.export_rows(
                db, result.run_id, args.errors, False, args.actor, language=args.language
            )
    return counts


def _with_secrets(credentials: dict[int, NewCredentials]) -> int:
    """New accounts that got a password or a data-safe password (none with
    ``--no-passwords --no-datasafe``)."""
    return sum(1 for c in credentials.values() if c.password or c.datasafe_password)


def _import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        year=args.year,
        account_type=parse_account_type(args.account_type).value,
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


def protocol_password(args: argparse.Namespace) -> str:
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


def plan_rows_json(plan: Plan) -> Iterator[dict[str, Any]]:
    """What ``--dry-run --json`` says of each row: the action it would take, the
    person, and why it is left out (codes with their English text); one at a time."""
    for row in plan.all_rows:
        reasons = list(row.explanations())
        if row.conflict is not None and row.resolution is None:
            reasons = [row.conflict.message]
        yield {
            "line": row.line,
            "action": _json_action(row),
            "source_id": row.values.source_id,
            "login": row.login,
            "last_name": row.values.last_name,
            "first_name": row.values.first_name,
            "groups": list(row.values.groups),
            "reasons": [{"code": m.reason.value, "text": m.text()} for m in reasons],
        }


def _json_action(row: RowPlan) -> str:
    """What the run would do with the row: its effective action, else why not."""
    effective = row.effective_action
    if effective is not None:
        return effective.value
    if row.action in (RowAction.INVALID, RowAction.OTHER_TYPE):
        return row.action.value
    if row.action is RowAction.CONFLICT and row.resolution is None and row.included:
        return RowAction.CONFLICT.value
    return "skip"


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
