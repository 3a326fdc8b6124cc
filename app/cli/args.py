"""The arguments of the import, operator and lifecycle commands, for ``app.cli.build_parser``.

Like ``app.cli`` this module imports only the standard library: the parser is built
for every call, ``--help`` and ``--version`` included, and must not load the engine.
Each command names its function as ``"module:function"``; ``app.cli.main`` imports
that module once the arguments are parsed (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

PASSWORD_ENV = "SCHOOLIMPORT_PASSWORD"
# app.models.OperatorRole's values (a test keeps them equal; the models load SQLAlchemy).
OPERATOR_ROLES = ("administrator", "import_operator")
ACCOUNT_TYPES = ("student", "teacher", "staff")
GROUP_TYPES = ("class", "course", "team", "manual")
LAYOUT_NAMES = ("linuxmuster-students", "linuxmuster-teachers")
# The Linux sign-in defaults ldap set's help names (app.engine.ldapsync.config's; a test
# keeps them equal).
POSIX_UID_START = 10000
POSIX_GID_NUMBERS = {"student": 9001, "teacher": 9002, "staff": 9003}
POSIX_HOME, POSIX_SHELL = "/home/{login}", "/bin/bash"


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def locale_language() -> str:
    """German when the locale is (``LANG=de_DE.UTF-8``…), else English. Without
    those variables (Windows sets none), the language of the system's interface, as
    the window takes it (``QLocale.system()``): a German Windows writes German
    protocols, letters and templates from the command line too."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "de" if windows_ui_language() == _LANG_GERMAN else "en"


# The primary language of a Windows language identifier (its low ten bits) for German.
_LANG_GERMAN = 0x07


def windows_ui_language() -> int | None:
    """The primary language of the user's Windows interface; None elsewhere."""
    if os.name != "nt":  # (ctypes is imported on Windows only)
        return None
    import ctypes

    langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined,unused-ignore]
    return langid & 0x3FF


def add_output_arguments(p: Any) -> None:
    """``--overwrite`` and ``--language``, for every command that writes a file."""
    p.add_argument(
        "--overwrite", action="store_true", help="replace output files that exist already"
    )
    p.add_argument(
        "--language",
        choices=["de", "en"],
        default=locale_language(),
        help="language of protocol, letters and files (default: from the locale)",
    )


def add_import_parser(sub: Any) -> None:
    p = sub.add_parser("import", help="import a table of users")
    p.add_argument("file", type=Path)
    p.add_argument("--year", required=True)
    p.add_argument("--account-type", required=True, choices=ACCOUNT_TYPES)
    p.add_argument("--source", default="table")
    p.add_argument("--school", help="the school the users belong to (default: the first)")
    p.add_argument("--sheet")
    p.add_argument("--encoding", default="auto")
    p.add_argument("--delimiter", default="auto")
    p.add_argument("--no-header", action="store_true")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="map a column (header or number) to a field; twice for one column feeds two",
    )
    # app.engine.planning.layouts.LAYOUTS's names (a test keeps them equal; the engine loads late).
    p.add_argument("--layout", metavar="|".join(LAYOUT_NAMES), help="a known headerless layout")
    p.add_argument(
        "--identity",
        metavar="FIELD,FIELD,...",
        help="derive the source ID from these fields (e.g. last_name,first_name,birth_date)",
    )
    groups = p.add_mutually_exclusive_group()
    groups.add_argument("--create-missing-groups", metavar="TYPE", choices=GROUP_TYPES)
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
    p.add_argument("--letters", type=Path, metavar="OUT.pdf", help="login letters (PDF)")
    p.add_argument("--errors", type=Path, metavar="FAILED_ROWS.xlsx")
    add_output_arguments(p)
    # Older spellings of --language, kept for scripts that use them.
    p.add_argument("--protocol-language", choices=["de", "en"], help=argparse.SUPPRESS)
    p.add_argument("--letters-language", choices=["de", "en"], help=argparse.SUPPRESS)
    p.add_argument("--ldap-sync", action="store_true", help="sync the LDAP server afterwards")
    p.add_argument("--bind-password-env", metavar="VAR", help="LDAP bind password (--ldap-sync)")
    p.set_defaults(func="app.cli.imports:cmd_import")


def add_operator_parsers(sub: Any) -> None:
    """``operator``, ``school`` and ``db`` (their functions are in ``app.cli.operators``,
    but ``db check``'s in ``app.cli.server``)."""
    operator = sub.add_parser("operator", help="operators and their rights").add_subparsers(
        dest="action", required=True
    )
    p = operator.add_parser("add", help="add an operator (turns sign-in on)")
    p.add_argument("name")
    p.add_argument("--role", choices=OPERATOR_ROLES, default="import_operator")
    p.add_argument("--kinds", default="users,groups", help="import kinds: users,groups")
    p.add_argument("--school", action="append", default=[], help="a school in scope")
    p.add_argument("--password-env", metavar="VAR")
    p.set_defaults(func="app.cli.operators:cmd_operator_add")
    p = operator.add_parser("password", help="set an operator's password")
    p.add_argument("name")
    p.add_argument("--password-env", metavar="VAR")
    p.set_defaults(func="app.cli.operators:cmd_operator_password")
    p = operator.add_parser("scope", help="set the schools of an import operator")
    p.add_argument("name")
    p.add_argument("--school", action="append", default=[])
    p.set_defaults(func="app.cli.operators:cmd_operator_scope")
    p = operator.add_parser("list", help="list operators")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.operators:cmd_operator_list")

    school = sub.add_parser("school", help="schools").add_subparsers(dest="action", required=True)
    p = school.add_parser("add", help="add a school")
    p.add_argument("name")
    p.set_defaults(func="app.cli.operators:cmd_school_add")
    p = school.add_parser("list", help="list schools")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.operators:cmd_school_list")
    p = school.add_parser("rename", help="rename a school (shown on letters and protocols)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(func="app.cli.passwords:cmd_school_rename")

    db = sub.add_parser("db", help="database connection").add_subparsers(
        dest="action", required=True
    )
    p = db.add_parser("password", help="store a PostgreSQL password in the system keyring")
    p.add_argument("url", help="postgresql+psycopg://USER@HOST/DB")
    p.add_argument("--password-env", metavar="VAR")
    p.set_defaults(func="app.cli.operators:cmd_db_password", no_database=True)
    p = db.add_parser("check", help="is the database server sized for the directory?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.server:cmd_db_check")


def add_lifecycle_parsers(sub: Any, users: Any, history: Any) -> None:
    """``history undo``, ``users expire-due|purge|restore`` and ``settings`` (their
    functions are in ``app.cli.lifecycle``); ``users`` and ``history`` are the
    subparsers of those groups."""
    p = history.add_parser("undo", help="undo the last import run of the school")
    p.add_argument("run_id", type=int, metavar="RUN_ID")
    p.add_argument("--dry-run", action="store_true", help="show what the undo would do")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.lifecycle:cmd_history_undo")

    p = users.add_parser("expire-due", help="deactivate released users whose date has come")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.lifecycle:cmd_users_expire_due")
    p = users.add_parser("purge", help="delete deactivated users whose purge date has come")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.lifecycle:cmd_users_purge")
    p = users.add_parser("restore", help="make a marked or deactivated user active again")
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(func="app.cli.lifecycle:cmd_users_restore")

    p = sub.add_parser("settings", help="show or change grace periods and the letters' text")
    p.add_argument("--account-type", choices=ACCOUNT_TYPES)
    p.add_argument("--tolerance-days", type=int, metavar="N", help="marked → deactivated")
    p.add_argument("--deletion-days", type=int, metavar="N", help="deactivated → purgeable")
    p.add_argument("--letters-text", metavar="TEXT", help="instructions on login letters")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.lifecycle:cmd_settings")


def add_password_parsers(users: Any) -> None:
    """``users reset-password`` (its function is in ``app.cli.passwords``)."""
    p = users.add_parser("reset-password", help="new initial passwords for chosen active accounts")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--login", action="append", metavar="L", help="repeatable")
    which.add_argument("--group", metavar="NAME", help="the members of a group (with --year)")
    which.add_argument("--run", type=int, metavar="N", help="the accounts run N created")
    p.add_argument("--year", metavar="Y")
    p.add_argument("--protocol", type=Path, required=True, metavar="OUT.xlsx|OUT.csv.zip")
    p.add_argument("--protocol-password-env", metavar="VAR")
    p.add_argument("--letters", type=Path, metavar="OUT.pdf")
    p.add_argument("--json", action="store_true")
    add_output_arguments(p)
    p.set_defaults(func="app.cli.passwords:cmd_reset_password")


def add_ldap_parsers(sub: Any) -> None:
    """``ldap set|sync|status`` (their functions are in ``app.cli.ldap``)."""
    ldap = sub.add_parser("ldap", help="provision the directory to an LDAP server")
    actions = ldap.add_subparsers(dest="action", required=True)
    p = actions.add_parser("set", help="store the LDAP connection")
    p.add_argument("--url", required=True, help="ldap://host or ldaps://host")
    p.add_argument("--base-dn", required=True, metavar="DN")
    p.add_argument("--bind-dn", required=True, metavar="DN")
    p.add_argument("--bind-password-env", metavar="VAR", help="keep this password in the keyring")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--ca-file", metavar="FILE")
    p.add_argument("--school", action="append", metavar="NAME", help="sync only these schools")
    # Linux sign-in (posixAccount); each left out keeps what is stored.
    p.add_argument(
        "--posix",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write posixAccount (uidNumber, gidNumber, home, shell) for Linux sign-in",
    )
    p.add_argument(
        "--uid-start", type=int, metavar="N", help=f"first uidNumber ({POSIX_UID_START})"
    )
    for kind, gid in POSIX_GID_NUMBERS.items():
        p.add_argument(f"--gid-{kind}", type=int, metavar="N", help=f"gidNumber ({gid})")
    p.add_argument("--home", metavar="TEMPLATE", help=f"home directory ({POSIX_HOME})")
    p.add_argument("--shell", metavar="PATH", help=f"login shell ({POSIX_SHELL})")
    p.set_defaults(func="app.cli.ldap:cmd_ldap_set")
    p = actions.add_parser("sync", help="bring the LDAP server in step with the directory")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--bind-password-env", metavar="VAR")
    p.set_defaults(func="app.cli.ldap:cmd_ldap_sync")
    p = actions.add_parser("status", help="pending changes and the last sync")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func="app.cli.ldap:cmd_ldap_status")
