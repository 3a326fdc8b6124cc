"""The directory commands: init, school years, groups, history, templates.

``app.cli.main`` imports this module for one command; what only one command needs
(the group CSV reader, the template writer) that command imports itself
(docs/architecture.md, "Start-up"); ``users list`` is ``app.cli.users``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Engine

from app.cli.output import EXIT_OK, err, out, print_json
from app.db import session_scope
from app.engine.admin import directory, history
from app.engine.output.outputs import check_targets


def cmd_init(engine: Engine, _args: argparse.Namespace) -> int:
    out(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    return EXIT_OK


def cmd_year_add(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.add_year(
            session, args.name, args.start, args.end, args.current, args.actor
        )
        out(f"school year {year.name} added" + (" (current)" if year.is_current else ""))
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
        print_json(data)
    else:
        for y in data:
            mark = "*" if y["current"] else " "
            out(f"{mark} {y['name']}  {y['start']} – {y['end']}")
    return EXIT_OK


def cmd_group_add(engine: Engine, args: argparse.Namespace) -> int:
    group_type = directory.parse_group_type(args.type)
    with session_scope(engine) as session:
        year = None if args.permanent else directory.find_year(session, args.year)
        school = directory.find_school(session, args.school, args.actor)
        group = directory.add_group(
            session, args.name, group_type, year, args.description, school, args.actor
        )
        validity = year.name if year else "permanent"
        out(f"group {group.name} ({group.type}, {validity}) added")
    return EXIT_OK


def cmd_group_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.find_year(session, args.year) if args.year else None
        rows = directory.list_groups(session, year, args.actor)
    data = [
        {"name": g.name, "type": g.type, "year": g.year, "member_count": g.member_count}
        for g in rows
    ]
    if args.json:
        print_json(data)
    else:
        for g in data:
            out(
                f"{g['name']:<30} {g['type']:<8} {g['year'] or 'permanent':<10} {g['member_count']}"
            )
    return EXIT_OK


def cmd_group_add_member(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        year = directory.find_year(session, args.year)
        group = directory.find_group(session, args.name, year, args.actor)
        added = directory.add_members(session, group, args.logins, args.actor)
        out(f"{added} member(s) added to {group.name}")
    return EXIT_OK


def cmd_history_list(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        data = [history.run_json(row) for row in history.list_runs(session, args.actor)]
    if args.json:
        print_json(data)
    else:
        for r in data:
            out(
                f"#{r['run_id']:<4} {r['started_at']}  {r['status']:<22} {r['file_name']}  "
                f"created {r['created']}, updated {r['updated']}, invalid {r['invalid']}"
            )
    return EXIT_OK


def cmd_history_export(engine: Engine, args: argparse.Namespace) -> int:
    target: Path = args.succeeded or args.failed
    check_targets([target], overwrite=args.overwrite)
    with session_scope(engine) as session:
        count = history.export_rows(
            session,
            args.run_id,
            target,
            args.succeeded is not None,
            args.actor,
            language=args.language,
        )
    out(f"{count} row(s) written to {target}")
    return EXIT_OK


def cmd_history_archive(engine: Engine, args: argparse.Namespace) -> int:
    with session_scope(engine) as session:
        count = history.archive_runs(session, args.days, actor=args.actor)
    out(f"{count} run(s) archived")
    return EXIT_OK


def cmd_groups_import(engine: Engine, args: argparse.Namespace) -> int:
    from app.engine.admin import groupcsv

    with session_scope(engine) as session:
        plan = groupcsv.plan_group_import(
            session, args.file, args.encoding, args.delete_members_before, args.year, args.actor
        )
        for problem in plan.errors:
            err(f"schoolimport: {args.file}: {problem.text()}")
        result = (
            plan.summary()
            if args.dry_run
            else groupcsv.apply_group_import(session, plan, args.actor)
        )
    if args.json:
        print_json(result.as_dict())
    else:
        out(result.sentence())
    return EXIT_OK


def cmd_groups_export(engine: Engine, args: argparse.Namespace) -> int:
    from app.engine.admin import groupexport

    check_targets([args.file], overwrite=args.overwrite)
    with session_scope(engine) as session:
        count = groupexport.export_groups(session, args.file, args.encoding, args.actor)
    out(f"{count} group(s) written to {args.file}")
    return EXIT_OK


def cmd_template(_engine: Engine, args: argparse.Namespace) -> int:
    from app.engine.admin import template

    check_targets([args.out], overwrite=args.overwrite)
    path = template.write_template(args.out, args.account_type, args.language)
    out(f"template written to {path}")
    return EXIT_OK
