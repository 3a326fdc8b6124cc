"""The command line (SPEC §4): takes argv, parses it with the standard library only,
then imports the one command module it names and runs it on the database.

Exit status 0 when done (invalid or skipped rows are reported in the counts), 2 for
a usage error, an unreadable file or a refused import — with one line on stderr
naming the file and the cause, and the database unchanged. One module per command
group: ``admin`` (directory, history, templates), ``users`` (``users list``, without
the ORM), ``imports`` (the user import), ``operators``, ``lifecycle``, ``passwords``,
``ldap`` and ``server`` (``db check``); the arguments of all but
the first in ``args``, the one-line output in ``output``, signals in ``guard``.

Start-up: this module and ``args`` import only the standard library (and ``output``
and ``guard``). A command names its function as a string,
``p.set_defaults(func="app.cli.admin:cmd_init")``, and ``main`` imports that module
after parsing, so that ``--help``, ``--version`` and usage errors load no engine,
SQLAlchemy or Alembic (``tests/cli/test_startup_imports.py`` keeps it so).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.args import (
    PASSWORD_ENV,
    add_import_parser,
    add_ldap_parsers,
    add_lifecycle_parsers,
    add_operator_parsers,
    add_output_arguments,
    add_password_parsers,
    iso_date,
)
from app.cli.guard import EXIT_INTERRUPTED, INTERRUPTS, close_broken_stdout
from app.cli.output import EXIT_REFUSED, CliError, err

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger("app.cli")  # also when run as __main__

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schoolimport",
        description="Keep a school's user directory in step with the office's tables.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--db", metavar="URL", help="database URL (default: $SCHOOLIMPORT_DB)")
    parser.add_argument(
        "--operator", metavar="NAME", help=f"sign in as NAME (password: ${PASSWORD_ENV})"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create or upgrade the database")
    p.set_defaults(func="app.cli.admin:cmd_init")

    year = sub.add_parser("year", help="school years").add_subparsers(dest="action", required=True)
    p = year.add_parser("add", help="add a school year")
    p.add_argument("name")
    p.add_argument("--start", type=iso_date, required=True)
    p.add_argument("--end", type=iso_date, required=True)
    p.add_argument("--current", action="store_true")
    p.set_defaults(func="app.cli.admin:cmd_year_add")
    p = year.add_parser("list", help="list school years")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.admin:cmd_year_list")

    group = sub.add_parser("group", help="groups").add_subparsers(dest="action", required=True)
    p = group.add_parser("add", help="add a group")
    p.add_argument("name")
    p.add_argument("--type", required=True, choices=["class", "course", "team", "manual"])
    validity = p.add_mutually_exclusive_group(required=True)
    validity.add_argument("--year")
    validity.add_argument("--permanent", action="store_true")
    p.add_argument("--description", default="")
    p.add_argument("--school", help="the group's school (default: your first school)")
    p.set_defaults(func="app.cli.admin:cmd_group_add")
    p = group.add_parser("list", help="list groups")
    p.add_argument("--year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.admin:cmd_group_list")
    p = group.add_parser("add-member", help="add users to a group")
    p.add_argument("name")
    p.add_argument("logins", nargs="+", metavar="LOGIN")
    p.add_argument("--year", required=True)
    p.set_defaults(func="app.cli.admin:cmd_group_add_member")

    add_import_parser(sub)

    users = sub.add_parser("users", help="users").add_subparsers(dest="action", required=True)
    p = users.add_parser("list", help="list users")
    p.add_argument("--json", action="store_true")
    p.add_argument("--status", choices=["active", "marked_for_deletion", "deactivated", "deleted"])
    p.add_argument("--account-type")
    p.add_argument("--year", help="show the groups of this school year only")
    p.set_defaults(func="app.cli.users:cmd_users_list")

    groups = sub.add_parser("groups", help="group CSV import and export").add_subparsers(
        dest="action", required=True
    )
    p = groups.add_parser("import", help="import groups and members from a CSV file")
    p.add_argument("file", type=Path)
    p.add_argument("--encoding", default="auto", help="auto | utf-8 | shift_jis | cp1252")
    p.add_argument("--delete-members-before", action="store_true")
    p.add_argument("--year", help="school year of new groups (default: permanent)")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.admin:cmd_groups_import")
    p = groups.add_parser("export", help="export every group, one row per member")
    p.add_argument("file", type=Path)
    p.add_argument("--encoding", default="utf-8", choices=["utf-8", "shift_jis", "cp1252"])
    add_output_arguments(p)
    p.set_defaults(func="app.cli.admin:cmd_groups_export")

    history = sub.add_parser("history", help="import history").add_subparsers(
        dest="action", required=True
    )
    p = history.add_parser("list", help="list import runs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.admin:cmd_history_list")
    p = history.add_parser("export", help="download the succeeded or failed rows of a run")
    p.add_argument("run_id", type=int, metavar="RUN_ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--succeeded", type=Path, metavar="FILE")
    which.add_argument("--failed", type=Path, metavar="FILE")
    add_output_arguments(p)
    p.set_defaults(func="app.cli.admin:cmd_history_export")
    p = history.add_parser("archive", help="archive runs older than the archive period")
    p.add_argument("--days", type=int, help="default: the setting, 30 days")
    p.set_defaults(func="app.cli.admin:cmd_history_archive")

    p = sub.add_parser("template", help="write an import template (XLSX or ODS)")
    p.add_argument("--account-type", required=True, choices=["student", "teacher", "staff"])
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    add_output_arguments(p)
    p.set_defaults(func="app.cli.admin:cmd_template", no_database=True)
    add_operator_parsers(sub)
    add_lifecycle_parsers(sub, users, history)
    add_password_parsers(users)
    add_ldap_parsers(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``: the version is read from the package metadata only when asked for
    (``importlib.metadata`` costs more than building the whole parser)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS, help="show the version and exit")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        from app import __version__

        sys.stdout.write(f"schoolimport {__version__}\n")
        parser.exit()


@contextmanager
def _argparse_texts_cached() -> Iterator[None]:
    """argparse asks ``gettext`` for each of its texts (some 120 while our parser is
    built), and each ask looks for a message catalogue on disk again (four ``stat``
    calls): a third of building the parser. The answers cannot change while it is
    built, so each text is asked for once. Only argparse's own ``_`` is wrapped, and
    only meanwhile."""
    original = getattr(argparse, "_", None)
    if not callable(original):
        yield
        return
    setattr(argparse, "_", functools.cache(original))  # noqa: B010 (a private name)
    try:
        yield
    finally:
        setattr(argparse, "_", original)  # noqa: B010


def command(name: str | Callable[..., int]) -> Callable[..., int]:
    """The function a parser names as ``"module:function"``, its module imported now."""
    if callable(name):
        return name
    module, _, function = name.partition(":")
    found: Callable[..., int] = getattr(importlib.import_module(module), function)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    with _argparse_texts_cached():
        args = build_parser().parse_args(argv)
    # Imported once the arguments are parsed: the engine, SQLAlchemy and the rest are
    # not needed for --help, --version or a usage error (docs/architecture.md, "Start-up").
    from app.logs import setup_logging

    setup_logging()
    _skip_the_last_collections()
    guarded = threading.current_thread() is threading.main_thread()
    if guarded:
        INTERRUPTS.install()
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return code
    except KeyboardInterrupt:
        from app.engine.reasons import Reason, describe

        log.warning("%s interrupted", args.command)
        return _refused(describe(Reason.INTERRUPTED), EXIT_INTERRUPTED)
    except BrokenPipeError:
        from app.engine.reasons import Reason, describe

        close_broken_stdout()
        return _refused(describe(Reason.OUTPUT_CLOSED))
    except Exception as exc:  # a bug: the traceback goes to the log, one line here
        from app.engine.reasons import Reason, describe
        from app.logs import log_path

        log.exception("%s failed", args.command)
        detail = {"error": type(exc).__name__, "log": str(log_path())}
        return _refused(describe(Reason.INTERNAL_ERROR, detail))
    finally:
        if guarded:
            INTERRUPTS.restore()


def _run(args: argparse.Namespace) -> int:
    with _start_up():
        run = command(args.func)
    if getattr(args, "no_database", False):
        from app.engine.reasons import EngineError

        try:
            return int(run(None, args))
        except (CliError, EngineError) as exc:
            return _refused(exc)
    return _with_database(run, args)


def _with_database(run: Callable[..., int], args: argparse.Namespace) -> int:
    from app.db import default_url, display_url, open_database
    from app.dbfailures import command_failure, is_database_error, open_failure
    from app.engine.access import credentials
    from app.engine.reasons import Cancelled, EngineError

    url = credentials.resolve(args.db or default_url())
    try:
        with _start_up():
            engine = open_database(url)
    except Exception as exc:  # whatever it is, one line: see dbfailures.open_failure
        log.warning("database %s not opened: %s", display_url(url), type(exc).__name__)
        return _refused(open_failure(exc, url))
    try:
        with _start_up():
            _recover_protocols(engine)
            _sign_in(engine, args)
        return int(run(engine, args))
    except Cancelled as exc:
        return _refused(exc, EXIT_INTERRUPTED)
    except EngineError as exc:
        log.warning("%s refused: %s", args.command, exc.text())
        return _refused(exc)
    except CliError as exc:
        return _refused(exc)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a file the command writes or reads: the system's reason
        log.warning("%s: %s", args.command, type(exc).__name__)
        return _refused(_system_refusal(exc))
    except Exception as exc:
        if not is_database_error(exc):
            raise
        log.warning("%s: database error %s", args.command, type(exc).__name__)
        return _refused(command_failure(exc, url))
    finally:
        engine.dispose()


_exit_hook: list[Callable[[], None]] = []


def _skip_the_last_collections() -> None:
    """At the interpreter's exit, before its last garbage collections walk every object
    of SQLAlchemy, the models and the engine once more (4 % of a ``users list``,
    counted with callgrind), every object goes to the permanent generation, which they
    skip (``gc.freeze``). What they would find are cycles of objects about to be freed
    by the exit anyway: the database is closed (``engine.dispose``), the log flushed
    by ``logging.shutdown`` and stdout by the interpreter whatever this does. Registered
    once per process; an exit hook runs after ``main`` and after the tests."""
    if not _exit_hook:
        import atexit
        import gc

        _exit_hook.append(gc.freeze)
        atexit.register(gc.freeze)


@contextmanager
def _start_up() -> Iterator[None]:
    """Importing a command's modules, opening the database and signing in, with the
    cyclic garbage collector paused (:mod:`app.engine.gcpause`): SQLAlchemy and the
    models create some 200,000 objects that live as long as the process, and each
    collection meanwhile walked them all again (5 % of the instructions of
    ``users list``, counted with callgrind)."""
    from app.engine.gcpause import paused

    with paused():
        yield


def _recover_protocols(engine: Any) -> None:
    """A protocol a killed run committed but never moved into place is moved there
    now (or beside it, when that name is taken meanwhile), and said so."""
    from app.engine.output import outputs

    for pending in outputs.pending_outputs(engine):
        try:
            where = outputs.recover(engine, pending)
        except OSError as exc:
            err(f"schoolimport: note: {pending.message().text()}; move it by hand ({exc})")
            continue
        err(f"schoolimport: note: {pending.message().text()}; it is now at {where}")


def _sign_in(engine: Engine, args: argparse.Namespace) -> None:
    """The operator of every command but ``init``; then runs a killed process left
    ``running`` are marked interrupted, as the GUI does at start."""
    if args.command == "init":
        return
    from app.cli.operators import sign_in
    from app.engine.admin.interrupted import clear_interrupted_runs

    args.actor = sign_in(engine, args.operator)
    marked = clear_interrupted_runs(engine)
    if marked:
        log.warning("%d interrupted run(s) marked failed", marked)


def _system_refusal(exc: OSError) -> str:
    from app.engine.reasons import Reason, describe

    where = f"{exc.filename}: " if exc.filename else ""
    detail = f"{where}{exc.strerror or type(exc).__name__}"
    return describe(Reason.SYSTEM_REFUSED, {"detail": detail})


def _refused(why: str | Exception, code: int = EXIT_REFUSED) -> int:
    from app.engine.reasons import EngineError  # a failure's path, not start-up's

    text = why.text() if isinstance(why, EngineError) else str(why)
    err(f"schoolimport: {text}")
    return code


if __name__ == "__main__":
    sys.exit(main())
