"""A headless self-check of an installation: ``schoolimport --self-test``.

It runs what a first import needs, end to end, inside one temporary folder: the
database with its Alembic migrations, a school year, the import of the bundled sample
``resources/samples/schueler.csv`` through the command line with a password-protected
protocol and login letters, then it reads everything back — the users, the decrypted
protocol, the decrypted letters — runs the commands whose modules load only when used
(settings, template, group export), imports every other module that is imported only
where it is needed, and opens the translations, the main window and the import wizard
offscreen. One line per check (``ok: …``); the first failure is printed and ends the
run with status 1. Nothing is written outside the temporary folder: the database, the
log file, the compiled translations and the window's settings all live there.

It exists for the frozen bundle (``make dist-check`` runs it in ``dist/``), where a
missing data file, plugin or hidden import shows only at run time — and start-up
imports much only when a command needs it (docs/architecture.md, "Start-up"), so a
module missing from the bundle would show only on that command's path; the test suite runs
it from the source tree too (``tests/test_selftest.py``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

SAMPLE = "resources/samples/schueler.csv"
TRANSLATIONS = "resources/translations"
SAMPLE_ROWS = 5
YEAR = "2026/27"
PASSWORD_VAR = "SCHOOLIMPORT_SELFTEST_PASSWORD"
# Imported only inside the functions that need them (or named by a string, as the
# command line's commands are): each must be in the bundle (installer/schoolimport.spec).
LAZY_IMPORTS = tuple(
    """
    app.cli.admin app.cli.imports app.cli.ldap app.cli.lifecycle app.cli.operators
    app.cli.passwords app.cli.server app.cli.users
    app.engine.admin.history app.engine.admin.directory
    app.models.orm app.models.ldap app.models.operators app.models.runs app.models.school
    app.models.users sqlalchemy.orm sqlalchemy.dialects.postgresql
    app.engine.ldapsync.service app.engine.ldapsync.status app.wizard.ldapdialog
    app.engine.admin.groupcsv app.engine.admin.groupexport app.engine.output.letterpdf
    app.engine.admin.template
    app.wizard.wizard app.wizard.connectiondialog app.wizard.groupcsvdialog
    app.wizard.logdialog app.wizard.operatorsdialog app.wizard.resetdialog
    app.wizard.settingsdialog
    app.wizard.undodialog alembic.command alembic.config argon2.low_level keyring.errors
    msoffcrypto.format.ooxml odf.opendocument olefile openpyxl psycopg pypdf pyzipper
    python_calamine
    reportlab.pdfgen.canvas
    """.split()
)
# Variables the self-test sets for its run and puts back afterwards.
_ISOLATED = ("SCHOOLIMPORT_DB", "SCHOOLIMPORT_LOG_DIR", PASSWORD_VAR)


class CheckFailed(Exception):
    """One check did not hold; the message says which and why."""


def resource_path(relative: str) -> Path:
    """A file of ``resources/`` (or any path relative to the project root): inside a
    PyInstaller bundle under ``sys._MEIPASS``, in a source tree beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root / relative


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 (the self-test reports on stdout)


def _cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run the command line in-process: exit status, stdout, stderr."""
    from app import cli

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = cli.main(list(argv))
        except SystemExit as exc:  # argparse refuses the arguments
            code = exc.code if isinstance(exc.code, int) else 2
    return code, stdout.getvalue(), stderr.getvalue()


def _cli_ok(what: str, argv: Sequence[str]) -> str:
    code, out, err = _cli(argv)
    if code != 0:
        raise CheckFailed(f"{what}: exit status {code}: {err.strip() or out.strip()}")
    return out


@contextlib.contextmanager
def _isolated_environment(folder: Path, url: str, password: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in _ISOLATED}
    os.environ["SCHOOLIMPORT_DB"] = url
    os.environ["SCHOOLIMPORT_LOG_DIR"] = str(folder / "log")
    os.environ[PASSWORD_VAR] = password
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _restored_log_handlers() -> Iterator[None]:
    """The CLI points the ``app`` logger at the temporary folder; put back what was
    there and close the file before the folder goes."""
    import logging

    logger = logging.getLogger("app")
    before = list(logger.handlers)
    level = logger.level
    try:
        yield
    finally:
        for handler in list(logger.handlers):
            if handler not in before:
                logger.removeHandler(handler)
                handler.close()
        for handler in before:
            if handler not in logger.handlers:
                logger.addHandler(handler)
        logger.setLevel(level)


def check_database(folder: Path, url: str) -> str:
    from sqlalchemy import text

    from app.db import head_revision, is_initialized, open_database, schema_is_current

    engine = open_database(url)
    try:
        if not is_initialized(engine):
            raise CheckFailed("database: the migrations did not run")
        if head_revision() is None or not schema_is_current(engine):
            # Start-up reads the newest revision from the bundled migration files.
            raise CheckFailed(f"database: revision not current (newest: {head_revision()})")
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    if not revision:
        raise CheckFailed("database: no Alembic revision recorded")
    return f"database created and migrated to revision {revision}"


def check_year(url: str) -> str:
    _cli_ok(
        "year add",
        ["--db", url, "year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31",
         "--current"],
    )  # fmt: skip
    out = _cli_ok("year list", ["--db", url, "year", "list", "--json"])
    if YEAR not in out:
        raise CheckFailed(f"year list: {YEAR} missing: {out.strip()}")
    return f"school year {YEAR} added"


def check_import(folder: Path, url: str) -> str:
    sample = resource_path(SAMPLE)
    if not sample.is_file():
        raise CheckFailed(f"sample file missing: {sample}")
    _cli_ok(
        "import",
        ["--db", url, "import", str(sample), "--year", YEAR, "--account-type", "student",
         "--create-missing-groups", "class",
         "--protocol", str(folder / "p.xlsx"), "--protocol-password-env", PASSWORD_VAR,
         "--letters", str(folder / "letters.pdf"), "--language", "en"],
    )  # fmt: skip
    return f"imported {sample.name}"


def check_users(url: str) -> str:
    out = _cli_ok("users list", ["--db", url, "users", "list", "--json"])
    try:
        users = json.loads(out)
    except ValueError as exc:
        raise CheckFailed(f"users list --json: not JSON: {exc}") from exc
    if not isinstance(users, list) or len(users) != SAMPLE_ROWS:
        count = len(users) if isinstance(users, list) else type(users).__name__
        raise CheckFailed(f"users list: {count} users, expected {SAMPLE_ROWS}")
    return f"{len(users)} users in the directory"


def check_protocol(folder: Path, password: str) -> str:
    import msoffcrypto
    import openpyxl

    from app.engine.output.protocol import PROTOCOL_HEADERS

    path = folder / "p.xlsx"
    if not path.is_file():
        raise CheckFailed(f"protocol not written: {path}")
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office_file = msoffcrypto.OfficeFile(handle)
        if not office_file.is_encrypted():
            raise CheckFailed("protocol: not encrypted")
        office_file.load_key(password=password)
        office_file.decrypt(plain)
    sheet = openpyxl.load_workbook(plain, read_only=True).active
    if sheet is None:
        raise CheckFailed("protocol: no worksheet")
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    headers = PROTOCOL_HEADERS["en"]
    if not rows or tuple(rows[0][: len(headers)]) != headers:
        raise CheckFailed(f"protocol: unexpected headers {rows[:1]}")
    login, initial = headers.index("Login"), headers.index("InitialPassword")
    data = [row for row in rows[1:] if any(row)]
    complete = [row for row in data if row[login] and row[initial]]
    if len(data) != SAMPLE_ROWS or len(complete) != SAMPLE_ROWS:
        raise CheckFailed(
            f"protocol: {len(data)} rows, {len(complete)} with login and password, "
            f"expected {SAMPLE_ROWS}"
        )
    return f"protocol decrypted: {len(complete)} rows with login and password"


def check_letters(folder: Path, password: str) -> str:
    from pypdf import PdfReader

    path = folder / "letters.pdf"
    if not path.is_file():
        raise CheckFailed(f"login letters not written: {path}")
    reader = PdfReader(path)
    if not reader.is_encrypted or not reader.decrypt(password):
        raise CheckFailed("login letters: not encrypted with the protocol password")
    pages = len(reader.pages)
    if pages < 1:
        raise CheckFailed("login letters: no page")
    return f"login letters decrypted: {pages} page(s)"


def check_commands(folder: Path, url: str) -> str:
    """The commands whose modules the command line imports only for them."""
    from app.engine.admin.template import TEMPLATE_VERSION, template_version

    settings = json.loads(_cli_ok("settings", ["--db", url, "settings", "--json"]))
    if not settings.get("letters_text"):
        raise CheckFailed(f"settings --json: no letters text: {settings}")
    template = folder / "vorlage.xlsx"
    _cli_ok("template", ["--db", url, "template", "--account-type", "student", str(template)])
    if template_version(template) != TEMPLATE_VERSION:
        raise CheckFailed(f"template: version {template_version(template)} read back")
    groups = folder / "gruppen.csv"
    _cli_ok("groups export", ["--db", url, "groups", "export", str(groups)])
    if not groups.is_file():
        raise CheckFailed("groups export: no file written")
    return "commands: settings, template (written and read back), groups export"


def check_lazy_imports() -> str:
    import importlib

    missing = []
    for name in LAZY_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    if missing:
        raise CheckFailed("modules missing: " + ", ".join(missing))
    return f"{len(LAZY_IMPORTS)} modules imported where they are used are there"


def check_drivers() -> str:
    """What a PostgreSQL connection and the credential store need, without a server."""
    import keyring
    from psycopg import pq
    from sqlalchemy.dialects import registry

    registry.load("postgresql.psycopg")
    registry.load("sqlite.pysqlite")
    store = keyring.get_keyring()
    backend = str(getattr(store, "name", type(store).__name__))
    return f"drivers: sqlite, psycopg ({pq.__impl__} libpq {pq.version()}), keyring {backend}"


def _qt_application() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "schoolimport"])


def _first_translated(ts_file: Path) -> tuple[str, str]:
    """(context, source) of the first finished translation in a Linguist file."""
    import xml.etree.ElementTree as ET

    for context in ET.parse(ts_file).getroot().iter("context"):
        for message in context.iter("message"):
            node = message.find("translation")
            if node is not None and node.text and not node.get("type"):
                return context.findtext("name", ""), message.findtext("source", "")
    raise CheckFailed(f"translations: nothing translated in {ts_file}")


def check_translations(folder: Path) -> str:
    _qt_application()
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from app.wizard.i18n import load_translator

    translator = load_translator("de", cache=folder / "translations")
    if translator is None or translator.isEmpty():
        raise CheckFailed("translations: the German translation is missing or empty")
    kind = "ts" if type(translator).__name__ == "TsTranslator" else "qm"
    context, source = _first_translated(resource_path(f"{TRANSLATIONS}/schoolimport_de.ts"))
    if not translator.translate(context, source):
        raise CheckFailed(f"translations: {context}/{source!r} has no German text")
    bundled = resource_path(f"{TRANSLATIONS}/schoolimport_de.qm")  # compiled by the build
    if bundled.exists():
        if not QTranslator().load(str(bundled)):
            raise CheckFailed(f"translations: {bundled} does not load")
        kind += ", bundled .qm loads"
    qt_own = QTranslator()
    folder_qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt_own.load("qtbase_de", folder_qt):
        raise CheckFailed(f"translations: Qt's qtbase_de missing in {folder_qt}")
    return f"translations: German ({kind}) and Qt's own qtbase_de"


def check_window(folder: Path, url: str) -> str:
    app = _qt_application()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.db import open_database
    from app.wizard.mainwindow import MainWindow

    assert isinstance(app, QApplication)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    engine = open_database(url)
    try:
        window = MainWindow(engine, settings)
        window.show()
        app.processEvents()
        title = window.windowTitle()
        wizard = window.start_import()  # the wizard's modules load when it opens
        if wizard is None:
            raise CheckFailed("main window: the import wizard did not open")
        pages = len(wizard.pageIds())
        wizard.close()
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        engine.dispose()
    platform = QApplication.platformName()
    return f"main window opened ({platform}): {title}; import wizard: {pages} pages"


def run() -> int:
    """Every check in turn; 0 when all hold, else 1 after the first failure."""
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="schoolimport-selftest-"))
    url = f"sqlite:///{(folder / 'selftest.db').as_posix()}"
    password = secrets.token_urlsafe(18)
    checks: list[Callable[[], str]] = [
        lambda: check_database(folder, url),
        lambda: check_year(url),
        lambda: check_import(folder, url),
        lambda: check_users(url),
        lambda: check_protocol(folder, password),
        lambda: check_letters(folder, password),
        lambda: check_commands(folder, url),
        check_lazy_imports,
        check_drivers,
        lambda: check_translations(folder),
        lambda: check_window(folder, url),
    ]
    from app import __version__

    _say(f"schoolimport {__version__} self-test in {folder}")
    status = 0
    try:
        with _isolated_environment(folder, url, password), _restored_log_handlers():
            for check in checks:
                try:
                    _say(f"ok: {check()}")
                except CheckFailed as exc:
                    _say(f"FAILED: {exc}")
                    status = 1
                    break
                except Exception as exc:  # an import or data file missing in a bundle
                    _say(f"FAILED: {type(exc).__name__}: {exc}")
                    traceback.print_exc(file=sys.stdout)
                    status = 1
                    break
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    _say(f"self-test {'passed' if status == 0 else 'failed'} in {seconds:.1f} s")
    return status
