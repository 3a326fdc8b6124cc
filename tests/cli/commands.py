"""Every subcommand of the command line, read from the parser itself, with arguments
that parse: the table the rights test (``test_cli_rights``) and the damaged-database
test (``test_cli_failures``) run, so that a new subcommand is never forgotten.

A subcommand without an entry in :data:`ARGV` fails both tests with a message that
says what to add. Placeholders filled in by the tests: ``{dir}`` a folder for files
the command writes, ``{users}`` a user table to import, ``{groups}`` a group CSV,
``{login}`` a user of another school, ``{run}`` an import run of another school.
"""

from __future__ import annotations

import argparse

from app.cli import build_parser

Path_ = tuple[str, ...]
YEAR = "2026/27"

ARGV: dict[Path_, list[list[str]]] = {
    ("init",): [["init"]],
    ("year", "add"): [["year", "add", "2030/31", "--start", "2030-08-01", "--end", "2031-07-31"]],
    ("year", "list"): [["year", "list", "--json"]],
    ("group", "add"): [["group", "add", "7z", "--type", "class", "--year", YEAR]],
    ("group", "list"): [["group", "list", "--json"]],
    ("group", "add-member"): [["group", "add-member", "5a", "{login}", "--year", YEAR]],
    ("import",): [
        [
            "import",
            "{users}",
            "--year",
            YEAR,
            "--account-type",
            "student",
            "--school",
            "Andere Schule",
            "--no-passwords",
            "--no-datasafe",
        ],
    ],  # fmt: skip
    ("users", "list"): [["users", "list", "--json"], ["users", "list"]],
    ("users", "expire-due"): [["users", "expire-due", "--json"]],
    ("users", "purge"): [["users", "purge", "--dry-run", "--json"], ["users", "purge"]],
    ("users", "restore"): [["users", "restore", "{login}"]],
    ("users", "reset-password"): [
        [
            "users",
            "reset-password",
            "--login",
            "{login}",
            "--protocol",
            "{dir}/neu.xlsx",
            "--protocol-password-env",
            "NEW_PW",
        ],
    ],  # fmt: skip
    ("groups", "import"): [["groups", "import", "{groups}", "--json"]],
    ("groups", "export"): [["groups", "export", "{dir}/gruppen.csv"]],
    ("history", "list"): [["history", "list", "--json"], ["history", "list"]],
    ("history", "export"): [
        ["history", "export", "{run}", "--succeeded", "{dir}/ok.xlsx"],
        ["history", "export", "{run}", "--failed", "{dir}/failed.csv"],
    ],
    ("history", "archive"): [["history", "archive", "--days", "0"]],
    ("history", "undo"): [["history", "undo", "{run}", "--dry-run"], ["history", "undo", "{run}"]],
    ("template",): [["template", "--account-type", "student", "{dir}/vorlage.xlsx"]],
    ("operator", "add"): [["operator", "add", "dritter", "--password-env", "NEW_PW"]],
    ("operator", "password"): [["operator", "password", "admin", "--password-env", "NEW_PW"]],
    ("operator", "scope"): [["operator", "scope", "nachtlauf", "--school", "Andere Schule"]],
    ("operator", "list"): [["operator", "list", "--json"]],
    ("school", "add"): [["school", "add", "Dritte Schule"]],
    ("school", "list"): [["school", "list", "--json"]],
    ("school", "rename"): [["school", "rename", "Andere Schule", "Umbenannte Schule"]],
    ("db", "password"): [
        ["db", "password", "postgresql+psycopg://u@127.0.0.1/x", "--password-env", "NEW_PW"]
    ],
    ("db", "check"): [["db", "check", "--json"], ["db", "check"]],
    ("ldap", "set"): [
        [
            "ldap",
            "set",
            "--url",
            "ldap://127.0.0.1:1",
            "--base-dn",
            "dc=x",
            "--bind-dn",
            "cn=a,dc=x",
        ]
    ],
    ("ldap", "sync"): [["ldap", "sync", "--dry-run", "--json"]],
    ("ldap", "status"): [["ldap", "status", "--json"]],
    ("settings",): [
        ["settings", "--json"],
        ["settings", "--account-type", "student", "--tolerance-days", "1"],
    ],  # fmt: skip
}


def subcommands(parser: argparse.ArgumentParser | None = None) -> list[Path_]:
    """Every runnable command path of the parser: ``("users", "list")``, ``("init",)``."""
    found: list[Path_] = []

    def walk(p: argparse.ArgumentParser, prefix: Path_) -> None:
        actions = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not actions:
            found.append(prefix)
            return
        for action in actions:
            for name, child in action.choices.items():
                walk(child, (*prefix, name))

    walk(parser or build_parser(), ())
    return found


def needs_database(path: Path_) -> bool:
    """False for the subcommands that never open the database (``no_database``)."""
    parser = build_parser()
    for name in path:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
    return not parser.get_default("no_database")


def argv_of(path: Path_, test: str) -> list[list[str]]:
    """The argument lists of ``path``; fails loudly when it has none declared."""
    if path not in ARGV:
        raise AssertionError(
            f"the subcommand '{' '.join(path)}' has no arguments in tests/cli/commands.py "
            f"ARGV (needed by {test}): add an entry with arguments that parse, and declare "
            "in tests/cli/test_cli_rights.py EXPECTED whether a restricted operator of "
            "another school is refused or sees only its own schools"
        )
    return ARGV[path]


def fill(argv: list[str], **values: str) -> list[str]:
    return [part.format(**values) for part in argv]
