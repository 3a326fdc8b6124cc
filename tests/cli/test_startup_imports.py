"""Start-up loads only what the command needs (issue 23, docs/architecture.md "Start-up").

Each check starts a fresh interpreter, does one thing — import ``app.cli`` and parse
``--help``, run ``users list``, a one-row dry run, import the window's module — and
reports ``sys.modules``; a module on the list for that path fails the test by name.
The arguments' side of the command line is checked here too: every command names a
function that exists, and the choices written out in ``app.cli.args`` (so that the
parser needs no engine) equal the engine's.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser, command, main
from app.cli.args import (
    ACCOUNT_TYPES,
    GROUP_TYPES,
    LAYOUT_NAMES,
    OPERATOR_ROLES,
    POSIX_GID_NUMBERS,
    POSIX_HOME,
    POSIX_SHELL,
    POSIX_UID_START,
)
from app.engine.admin.directory import IMPORTABLE_GROUP_TYPES
from app.engine.planning.layouts import LAYOUTS
from app.models import AccountTypeCode, OperatorRole
from tests.conftest import HEADER

ROOT = Path(__file__).resolve().parents[2]
# Needed only to write a file of that kind, to migrate, to hash or to keep a password.
WRITERS = (
    "alembic",
    "openpyxl",
    "numpy",
    "pandas",
    "pypdf",
    "reportlab",
    "msoffcrypto",
    "pyzipper",
    "odf",
    "keyring",
    "argon2",
    "olefile",
    "app.engine.output.letterpdf",
)
# Not needed before a command has been chosen.
ENGINE = (
    "sqlalchemy",
    "PySide6",
    "python_calamine",
    "psycopg",
    "app.db",
    "app.engine",
    "app.models",
)

REPORT = """
import json, sys
def report():
    sys.__stdout__.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def loaded(code: str, *argv: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` with ``argv``."""
    script = REPORT + "import atexit\natexit.register(report)\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )
    marker = [line for line in result.stdout.splitlines() if line.startswith("MODULES ")]
    assert marker, f"no report (exit {result.returncode}): {result.stderr[-2000:]}"
    return set(json.loads(marker[-1].removeprefix("MODULES ")))


def offending(modules: set[str], banned: tuple[str, ...]) -> list[str]:
    """The banned packages (or their submodules) among ``modules``."""
    return sorted(b for b in banned if any(m == b or m.startswith(b + ".") for m in modules))


CLI = "import sys\nfrom app.cli import main\nsys.exit(main())\n"


def test_importing_the_command_line_loads_no_engine() -> None:
    modules = loaded("import app.cli\napp.cli.build_parser()\n")

    assert offending(modules, WRITERS + ENGINE) == []


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_no_engine(flag: str) -> None:
    modules = loaded(CLI, flag)

    assert offending(modules, WRITERS + ENGINE) == []
    if flag == "--help":  # the version is read only for --version
        assert "importlib.metadata" not in modules - loaded("")  # (unless site loads it)


def test_a_command_s_help_loads_no_engine() -> None:
    assert offending(loaded(CLI, "import", "--help"), WRITERS + ENGINE) == []


def test_the_guard_sees_a_module_imported_at_start_up() -> None:
    modules = loaded("import app.cli\nimport openpyxl\n")

    assert "openpyxl" in offending(modules, WRITERS)


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'startup.db'}"
    assert main(["--db", url, "init"]) == 0
    assert main(["--db", url, "year", "add", "2026/27", "--start", "2026-08-01",
                 "--end", "2027-07-31", "--current"]) == 0  # fmt: skip
    return url


# The ORM and what needs it: ``users list`` and a preview read the Core tables on a
# connection (app/models/__init__.py); the PostgreSQL dialect only on PostgreSQL.
ORM = (
    "sqlalchemy.orm",
    "sqlalchemy.dialects.postgresql",
    "app.models.orm",
    "app.models.users",
    "app.engine.admin.directory",
    "app.engine.admin.history",
)
# What the planner needs but the directory commands do not (the window neither).
PLANNER = (
    "app.engine.session",
    "app.engine.planning.state",
    "app.engine.planning.district",
    "app.engine.planning.validation",
    "app.engine.planning.identity",
    "app.engine.planning.logins",
)


def test_users_list_loads_no_writer_and_no_migration(database: str, tmp_path: Path) -> None:
    env = {"SCHOOLIMPORT_LOG_DIR": str(tmp_path / "log")}
    modules = loaded(CLI, "--db", database, "users", "list", "--json", env=env)

    banned = WRITERS + PLANNER + ORM + ("PySide6", "python_calamine", "platformdirs")
    assert offending(modules, banned) == []
    assert "sqlalchemy" in modules  # it did run


def test_the_collector_runs_again_after_start_up(database: str, tmp_path: Path) -> None:
    """Start-up pauses the garbage collector (app.cli._start_up), and only start-up,
    also when the database cannot be opened."""
    (tmp_path / "kaputt.db").write_bytes(b"this is no database\n" * 200)
    assert gc.isenabled()
    assert main(["--db", database, "users", "list"]) == 0
    assert gc.isenabled()
    assert main(["--db", f"sqlite:///{tmp_path / 'kaputt.db'}", "users", "list"]) == 2
    assert gc.isenabled()


def test_a_command_reads_the_version_only_to_name_it(database: str) -> None:
    """The package metadata (a search of the installed distributions) is read when a
    schema is upgraded or found too new, not at every start."""
    code = CLI.replace("sys.exit(main())", "code = main()") + (
        "print('VERSION READ' if '__version__' in vars(sys.modules['app']) else 'NOT READ')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", database, "users", "list", "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip

    assert result.stdout.splitlines()[-1] == "NOT READ", result.stderr[-2000:]


def test_a_dry_run_loads_no_writer_and_no_migration(database: str, tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(";".join(HEADER) + "\n1001;Müller;Jürgen;5a;03.05.2014\n", encoding="utf-8")

    modules = loaded(CLI, "--db", database, "import", str(path), "--year", "2026/27",
                     "--account-type", "student", "--create-missing-groups", "class",
                     "--dry-run", "--json")  # fmt: skip

    # A CSV file needs no workbook reader; a preview reads the tables without the ORM.
    assert offending(modules, WRITERS + ORM + ("PySide6", "python_calamine")) == []
    assert "app.engine.planning.planner" in modules  # it did plan


def test_the_tables_load_without_the_orm_and_a_mapped_class_with_it() -> None:
    tables_only = loaded("from app.models import UserStatus, tables\ntables.users.c.login\n")
    mapped = loaded("from app.models import User\nUser.login\n")

    assert offending(tables_only, ORM) == []
    assert "sqlalchemy.orm" in mapped and "app.models.users" in mapped


def test_the_window_module_loads_neither_writers_nor_the_wizard() -> None:
    modules = loaded("import app.wizard.main\n", env={"QT_QPA_PLATFORM": "offscreen"})

    banned = WRITERS + ("app.wizard.wizard", "app.engine.session", "python_calamine")
    assert offending(modules, banned) == []


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found += [child, *_subparsers(child)]
    return found


def test_every_command_names_a_function_that_exists() -> None:
    named = [p.get_default("func") for p in _subparsers(build_parser())]
    names = [n for n in named if n is not None]

    assert len(names) >= 26  # every command of SPEC §4
    assert all(isinstance(n, str) and ":" in n for n in names), names
    for name in names:
        assert callable(command(name)), name


def test_the_bundle_holds_every_command_module() -> None:
    """PyInstaller cannot see a module named in a string: the spec lists them."""
    spec = (ROOT / "installer" / "schoolimport.spec").read_text("utf-8")
    named = {p.get_default("func") for p in _subparsers(build_parser())} - {None}
    modules = {name.partition(":")[0] for name in named}

    assert sorted(m for m in modules if f'"{m}"' not in spec) == []


def test_the_parser_s_choices_are_the_engine_s() -> None:
    assert set(OPERATOR_ROLES) == {role.value for role in OperatorRole}
    assert set(ACCOUNT_TYPES) == {code.value for code in AccountTypeCode}
    assert set(GROUP_TYPES) == {kind.value for kind in IMPORTABLE_GROUP_TYPES}
    assert set(LAYOUT_NAMES) == set(LAYOUTS)


def test_the_parser_s_linux_sign_in_defaults_are_the_engine_s() -> None:
    from app.engine.ldapsync import config

    assert POSIX_UID_START == config.DEFAULT_UID_START
    assert POSIX_GID_NUMBERS == config.DEFAULT_GID_NUMBERS
    assert (POSIX_HOME, POSIX_SHELL) == (config.DEFAULT_HOME, config.DEFAULT_SHELL)
