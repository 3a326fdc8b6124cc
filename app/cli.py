"""The command line (SPEC §4): the same engine as the wizard, for automation.

Exit status 0 when done (invalid or skipped rows are reported in the counts), 2 for
a usage error, an unreadable file or a refused import — with one line on stderr
naming the file and the cause, and the database unchanged.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from app import __version__
from app.db import open_database, session_scope
from app.engine import directory
from app.engine.mapping import apply_overrides, check_mapping
from app.engine.reasons import EngineError, Reason, Refused
from app.engine.results import ImportOptions, Resolution
from app.engine.session import ImportSession
from app.engine.table import ReadOptions
from app.models import COUNT_NAMES, ImportRun, Operator

EXIT_OK = 0
EXIT_REFUSED = 2

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


class CliError(Exception):
    """A usage error found after parsing (exit 2)."""


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _json(data: Any) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=2))


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


# ---------------------------------------------------------------------- commands
def cmd_init(engine: Engine, _args: argparse.Namespace) -> int:
    _out(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    return EXIT_OK


def cmd_year_add(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.add_year(session, args.name, args.start, args.end, args.current)
        _out(f"school year {year.name} added" + (" (current)" if year.is_current else ""))
    return EXIT_OK


def cmd_year_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        years = directory.list_years(session)
        data = [
            {
                "name": y.name,
                "start": y.start.isoformat(),
                "end": y.end.isoformat(),
                "current": y.is_current,
            }
            for y in years
        ]
    if args.json:
        _json(data)
    else:
        for y in data:
            mark = "*" if y["current"] else " "
            _out(f"{mark} {y['name']}  {y['start']} – {y['end']}")
    return EXIT_OK


def cmd_group_add(engine: Engine, args: argparse.Namespace) -> int:
    group_type = directory.parse_group_type(args.type)
    with session_scope(engine) as session:
        year = None if args.permanent else directory.find_year(session, args.year)
        group = directory.add_group(session, args.name, group_type, year, args.description)
        validity = year.name if year else "permanent"
        _out(f"group {group.name} ({group.type}, {validity}) added")
    return EXIT_OK


def cmd_group_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.find_year(session, args.year) if args.year else None
        rows = directory.list_groups(session, year)
    data = [
        {"name": g.name, "type": g.type, "year": g.year, "member_count": g.member_count}
        for g in rows
    ]
    if args.json:
        _json(data)
    else:
        for g in data:
            _out(
                f"{g['name']:<30} {g['type']:<8} {g['year'] or 'permanent':<10} {g['member_count']}"
            )
    return EXIT_OK


def cmd_group_add_member(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.find_year(session, args.year)
        group = directory.find_group(session, args.name, year)
        added = directory.add_members(session, group, args.logins)
        _out(f"{added} member(s) added to {group.name}")
    return EXIT_OK


def cmd_users_list(engine: Engine, args: argparse.Namespace) -> int:
    if args.account_type:
        directory.parse_account_type(args.account_type)
    with session_scope(engine) as session:
        year = directory.find_year(session, args.year) if args.year else None
        users = directory.list_users(session, args.status, args.account_type, year)
    if args.json:
        _json([u.as_json() for u in users])
    else:
        for u in users:
            groups = ", ".join(u.groups)
            name = f"{u.last_name}, {u.first_name}"
            _out(f"{u.login:<28} {name}  [{u.account_type}, {u.status}] {groups}")
    return EXIT_OK


def cmd_history_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        operators = dict(session.execute(select(Operator.id, Operator.name)).all())
        runs = list(session.scalars(select(ImportRun).order_by(ImportRun.id.desc())))
        data = [_run_json(run, operators) for run in runs]
    if args.json:
        _json(data)
    else:
        for r in data:
            _out(
                f"#{r['run_id']:<4} {r['started_at']}  {r['status']:<22} {r['file_name']}  "
                f"created {r['created']}, updated {r['updated']}, invalid {r['invalid']}"
            )
    return EXIT_OK


def _run_json(run: ImportRun, operators: dict[int, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "run_id": run.id,
        "file_name": run.file_name,
        "status": run.status,
        "started_at": run.started_at.isoformat(timespec="seconds"),
        "finished_at": run.finished_at.isoformat(timespec="seconds") if run.finished_at else None,
        "operator": operators.get(run.operator_id) if run.operator_id else None,
    }
    for name in COUNT_NAMES:
        data[name] = getattr(run, name)
    return data


def cmd_import(engine: Engine, args: argparse.Namespace) -> int:
    options = _import_options(args)
    preferences = _conflict_preferences(args.on_conflict)
    password = _protocol_password(args) if args.protocol and not args.dry_run else None
    session = ImportSession(engine, options, operator_id=_local_operator(engine))
    read_options = ReadOptions(
        encoding=args.encoding,
        delimiter=_delimiter(args.delimiter),
        sheet=args.sheet,
        header=not args.no_header,
    )
    if not args.file.exists():
        raise Refused(Reason.FILE_NOT_FOUND, file=str(args.file))
    table = session.load(args.file, read_options)
    overrides = dict(_split_map(m) for m in args.map)
    mapping = apply_overrides(session.require_mapping(), table.headers, overrides)
    check_mapping(mapping)
    session.mapping = mapping
    try:
        plan = session.build_plan()
    except Refused as exc:
        exc.file = exc.file or str(args.file)
        raise
    plan.resolve_all(preferences)
    from app.engine.apply import check_applicable

    try:
        check_applicable(plan)
    except Refused as exc:
        exc.file = str(args.file)
        raise
    if args.dry_run:
        summary = plan.summary()
        if args.json:
            _json(summary.as_dict())
        else:
            _print_plan(plan)
        return EXIT_OK
    result = session.apply()
    if args.json:
        _json(result.summary.as_dict())
    else:
        _print_summary(result.summary.as_dict())
    if args.protocol and password is not None:
        saved = session.save_protocol(args.protocol, password, args.protocol_language)
        if not args.json:
            _out(f"protocol saved: {saved}")
    elif result.credentials and not args.json:
        _err(
            f"schoolimport: note: {len(result.credentials)} new account(s) got initial passwords "
            "that were not saved; use --protocol next time or reset their passwords"
        )
    if args.errors:
        _write_failed_rows(session, args.errors)
    return EXIT_OK


def _import_options(args: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        year=args.year,
        account_type=directory.parse_account_type(args.account_type).value,
        source=args.source,
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
    from app.engine.protocol import MIN_PASSWORD_LENGTH

    if args.protocol_password_env:
        password = os.environ.get(args.protocol_password_env)
        if not password:
            raise CliError(
                f"--protocol-password-env: the variable {args.protocol_password_env} is not set"
            )
    else:
        if not sys.stdin.isatty():
            raise CliError("--protocol needs --protocol-password-env VAR when not on a terminal")
        password = getpass.getpass("Protocol password: ")
        if getpass.getpass("Repeat the password: ") != password:
            raise Refused(Reason.PASSWORD_MISMATCH)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(Reason.PASSWORD_TOO_SHORT, limit=MIN_PASSWORD_LENGTH)
    suffix = "".join(args.protocol.suffixes).lower()
    if not (suffix.endswith(".xlsx") or suffix.endswith(".zip")):
        raise CliError(f"--protocol {args.protocol}: use a name ending in .xlsx or .csv.zip")
    return password


def _local_operator(engine: Engine) -> int | None:
    with session_scope(engine) as session:
        return session.scalar(select(Operator.id).order_by(Operator.id).limit(1))


def _print_summary(counts: dict[str, int | None]) -> None:
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if k != "run_id"]
    _out(", ".join(parts) + (f" (run {counts['run_id']})" if counts.get("run_id") else ""))


def _print_plan(plan: Any) -> None:
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
        _out(f"{where:<12} {row.outcome:<11} {row.login or '':<24} {name}  {extra}")
    _print_summary(plan.summary().as_dict())


def _write_failed_rows(session: ImportSession, target: Path) -> None:
    from app.engine.exports import write_table

    assert session.plan is not None and session.table is not None
    headers = [*session.table.headers, "Gründe"]
    rows = []
    for row in session.plan.rows:
        if row.effective_action is not None or row.index is None:
            continue
        reasons = [m.text() for m in row.reasons]
        skip = row.skip_reason()
        if skip is not None:
            reasons.append(skip.text())
        rows.append([*session.table.rows[row.index], ", ".join(reasons)])
    write_table(target, headers, rows)


# ------------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schoolimport",
        description="Keep a school's user directory in step with the office's tables.",
    )
    parser.add_argument("--version", action="version", version=f"schoolimport {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL (default: $SCHOOLIMPORT_DB)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create or upgrade the database")
    p.set_defaults(func=cmd_init)

    year = sub.add_parser("year", help="school years").add_subparsers(dest="action", required=True)
    p = year.add_parser("add", help="add a school year")
    p.add_argument("name")
    p.add_argument("--start", type=_iso_date, required=True)
    p.add_argument("--end", type=_iso_date, required=True)
    p.add_argument("--current", action="store_true")
    p.set_defaults(func=cmd_year_add)
    p = year.add_parser("list", help="list school years")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_year_list)

    group = sub.add_parser("group", help="groups").add_subparsers(dest="action", required=True)
    p = group.add_parser("add", help="add a group")
    p.add_argument("name")
    p.add_argument("--type", required=True, choices=["class", "course", "team", "manual"])
    validity = p.add_mutually_exclusive_group(required=True)
    validity.add_argument("--year")
    validity.add_argument("--permanent", action="store_true")
    p.add_argument("--description", default="")
    p.set_defaults(func=cmd_group_add)
    p = group.add_parser("list", help="list groups")
    p.add_argument("--year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_group_list)
    p = group.add_parser("add-member", help="add users to a group")
    p.add_argument("name")
    p.add_argument("logins", nargs="+", metavar="LOGIN")
    p.add_argument("--year", required=True)
    p.set_defaults(func=cmd_group_add_member)

    _add_import_parser(sub)

    users = sub.add_parser("users", help="users").add_subparsers(dest="action", required=True)
    p = users.add_parser("list", help="list users")
    p.add_argument("--json", action="store_true")
    p.add_argument("--status", choices=["active", "marked_for_deletion", "deactivated", "deleted"])
    p.add_argument("--account-type")
    p.add_argument("--year", help="show the groups of this school year only")
    p.set_defaults(func=cmd_users_list)

    history = sub.add_parser("history", help="import history").add_subparsers(
        dest="action", required=True
    )
    p = history.add_parser("list", help="list import runs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history_list)
    return parser


def _add_import_parser(sub: Any) -> None:
    p = sub.add_parser("import", help="import a table of users")
    p.add_argument("file", type=Path)
    p.add_argument("--year", required=True)
    p.add_argument("--account-type", required=True, choices=["student", "teacher", "staff"])
    p.add_argument("--source", default="table")
    p.add_argument("--sheet")
    p.add_argument("--encoding", default="auto")
    p.add_argument("--delimiter", default="auto")
    p.add_argument("--no-header", action="store_true")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD")
    groups = p.add_mutually_exclusive_group()
    groups.add_argument(
        "--create-missing-groups", metavar="TYPE", choices=["class", "course", "team", "manual"]
    )
    groups.add_argument("--ignore-unassigned-groups", action="store_true")
    p.add_argument("--no-match", action="store_true")
    p.add_argument("--detect-expired", action="store_true")
    p.add_argument("--allow-mass-expiry", action="store_true")
    p.add_argument("--no-passwords", action="store_true")
    p.add_argument("--no-datasafe", action="store_true")
    p.add_argument(
        "--on-conflict",
        action="append",
        default=[],
        metavar="CHOICE",
        help="skip | keep | generate-login | link | create-new | update (repeatable, in order)",
    )
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--protocol", type=Path, metavar="OUT.xlsx|OUT.csv.zip")
    p.add_argument("--protocol-password-env", metavar="VAR")
    p.add_argument("--protocol-language", choices=["de", "en"], default="en")
    p.add_argument("--errors", type=Path, metavar="FAILED_ROWS.xlsx")
    p.set_defaults(func=cmd_import)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        engine = open_database(args.db)
    except (SQLAlchemyError, OSError) as exc:
        _err(
            f"schoolimport: database {args.db or '(default)'}: cannot be opened: {_first_line(exc)}"
        )
        return EXIT_REFUSED
    try:
        return int(args.func(engine, args))
    except EngineError as exc:
        _err(f"schoolimport: {exc.text()}")
        return EXIT_REFUSED
    except CliError as exc:
        _err(f"schoolimport: {exc}")
        return EXIT_REFUSED
    except OperationalError as exc:
        _err(f"schoolimport: the database refused the change: {_first_line(exc)}")
        return EXIT_REFUSED
    finally:
        engine.dispose()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
