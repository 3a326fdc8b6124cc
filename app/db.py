"""Database connection: URL resolution, engine set-up, migrations and seeding.

SQLite in the user data folder is the default; any SQLAlchemy URL (PostgreSQL with
psycopg) works by URL alone. Migrations are Alembic's, applied by ``init`` and at
start-up: an existing database is upgraded, never recreated. Alembic itself (0.2 s) is
imported only when there is something to migrate: ``schema_is_current`` compares the
database's ``alembic_version`` with the newest revision named in the migration files.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, select
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from app.engine.reasons import Reason, Refused
from app.models import OperatorRole, tables

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "schoolimport"
MIGRATIONS = Path(__file__).parent / "migrations"

ACCOUNT_TYPES = (
    ("student", "Schüler*in", "Student"),
    ("teacher", "Lehrkraft", "Teacher"),
    ("staff", "Personal", "Staff"),
)
DEFAULT_SCHOOL = "Meine Schule"
# The version of the program that last upgraded the schema.
VERSION_KEY = "schema_upgraded_by"
LOCAL_ADMIN = "admin"


def data_dir() -> Path:
    from platformdirs import user_data_path  # here: not needed with $SCHOOLIMPORT_DB

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_url() -> str:
    """``$SCHOOLIMPORT_DB``, else the SQLite file in the user's data folder."""
    env = os.environ.get("SCHOOLIMPORT_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / 'schoolimport.db'}"


def normalize_url(url: str) -> str:
    """Accept a bare file path as well as a URL."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy own the transactions (pysqlite's implicit BEGIN is unreliable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def _no_default(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_c_encoder = (
    c_make_encoder(None, _no_default, encode_basestring_ascii, None, ": ", ", ", False, False, True)
    if c_make_encoder is not None
    else None
)


def json_dumps(value: Any) -> str:
    """``json.dumps(value)`` with its defaults, through one reused C encoder.

    ``json.dumps`` makes a new encoder per call, which is most of its cost for a row
    of cells: 0.21 s against 0.07 s for the 52,500 row records of a large update.
    (No check for circular structures: the values written are plain data.)
    """
    if _c_encoder is None:
        return json.dumps(value)
    return "".join(_c_encoder(value, 0))


def display_url(url: str | URL) -> str:
    """The URL as people may see it (messages, logs, history): the password masked."""
    try:
        parsed = url if isinstance(url, URL) else make_url(normalize_url(url))
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy reads: mask by pattern
        return _PASSWORD_IN_URL.sub(r"\1***@", str(url))
    return parsed.render_as_string(hide_password=True)


_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@]*@")


def _create_private(path: Path) -> None:
    """Create a new database file readable by its owner only (0600 whatever the
    umask; SQLite gives its -wal and -shm files the database file's mode)."""
    if path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_engine(url: str | None = None) -> Engine:
    url = normalize_url(url or default_url())
    if url.startswith("sqlite"):
        path = make_url(url).database  # None or "" for "sqlite://", the in-memory one
        if path and path != ":memory:" and not path.startswith("file:"):
            _create_private(Path(path))
    engine = create_engine(
        url, future=True, pool_pre_ping=not url.startswith("sqlite"), json_serializer=json_dumps
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Here: the ORM is imported by the first session, not by every start (the commands
    # that only read work on the tables; app/models/__init__.py).
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


def connection_of(reader: Session | Connection) -> Connection:
    """The connection a session works in, or the connection itself: the engine's
    readers take either (a preview reads on a plain connection, without the ORM)."""
    return reader if isinstance(reader, Connection) else reader.connection()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest revision (upgrade, never recreate); True when
    it changed. A revision this program does not know (a newer program upgraded the
    database) is refused, naming the version that upgraded it."""
    from alembic import command  # here, not at start-up
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        script = ScriptDirectory.from_config(cfg)
        if current is not None and not _known_revision(script, current):
            raise _newer_database(engine, connection, current)
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        return current != script.get_current_head()


def _known_revision(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError  # here, not at start-up

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _newer_database(engine: Engine, connection: Connection, revision: str) -> Refused:
    try:
        settings = tables.settings
        version = connection.scalar(select(settings.c.value).where(settings.c.key == VERSION_KEY))
    except SQLAlchemyError:
        version = None
    db = display_url(engine.url)
    if isinstance(version, str) and version:
        return Refused(Reason.DATABASE_NEWER, db=db, revision=revision, version=version)
    return Refused(Reason.DATABASE_NEWER_UNKNOWN, db=db, revision=revision, ours=_version())


def _version() -> str:
    """The program's version, read from the package metadata only when written or
    named (a look-up of the installed distributions, 0.01 s at every start)."""
    from app import __version__

    return __version__


_REVISION = re.compile(r"^(down_revision|revision)\b[^=\n]*=(.*)$", re.MULTILINE)


def head_revision() -> str | None:
    """The newest revision id of ``app/migrations/versions``, read from the files'
    ``revision = "…"`` and ``down_revision = …`` lines without importing Alembic;
    None when there is not exactly one head (then Alembic decides)."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION.findall(script.read_text("utf-8")):
            ids = set(re.findall(r"[\"']([^\"']+)[\"']", value.split("#")[0]))
            (revisions if name == "revision" else replaced).update(ids)
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision: one plain query of
    ``alembic_version`` (False when the table is not there yet)."""
    return _schema_state(engine)[0]


# What init_database adds once (a setting, the account types, a school, an operator):
# one query says whether all of it is there, without the ORM's six. Constants only.
_SEEDED = (
    "SELECT (SELECT COUNT(*) FROM settings WHERE key = '{key}'),"
    " (SELECT COUNT(*) FROM account_types WHERE code IN ({codes})),"
    " EXISTS (SELECT 1 FROM schools), EXISTS (SELECT 1 FROM operators)"
)


def _schema_state(engine: Engine, seeded: bool = False) -> tuple[bool, bool]:
    """(the schema is at the newest revision, everything ``init_database`` seeds is
    there — asked only with ``seeded`` and a current schema), in one connection."""
    head = head_revision()
    if head is None:
        return False, False
    with engine.connect() as connection:  # a database that cannot be reached raises here
        try:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except DBAPIError:
            return False, False
        if [row[0] for row in rows] != [head]:
            return False, False
        if not seeded:
            return True, False
        codes = ", ".join(f"'{code}'" for code, _de, _en in ACCOUNT_TYPES)
        found = connection.exec_driver_sql(_SEEDED.format(key=VERSION_KEY, codes=codes)).one()
    return True, tuple(int(n) for n in found) == (1, len(ACCOUNT_TYPES), 1, 1)


def is_initialized(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


def init_database(engine: Engine) -> None:
    """Apply the migrations if any is due and create what every installation needs once."""
    upgraded = False
    current, seeded = _schema_state(engine, seeded=True)
    if seeded:
        return
    if not current:
        upgraded = migrate(engine)
    from app.models import AccountType, Operator, School, Setting  # the ORM: seldom needed

    with session_scope(engine) as session:
        if upgraded or session.get(Setting, VERSION_KEY) is None:
            # What an older program names when it meets this schema (see migrate).
            set_setting(session, VERSION_KEY, _version())
        for code, de, en in ACCOUNT_TYPES:
            if session.get(AccountType, code) is None:
                session.add(AccountType(code=code, label_de=de, label_en=en))
        if session.scalar(select(School.id).limit(1)) is None:
            session.add(School(name=DEFAULT_SCHOOL))
        if session.scalar(select(Operator.id).limit(1)) is None:
            session.add(
                Operator(
                    name=LOCAL_ADMIN,
                    display_name="Administrator",
                    role=OperatorRole.ADMINISTRATOR.value,
                    import_kinds=["users", "groups"],
                )
            )


def open_database(url: str | None = None) -> Engine:
    """An engine on an initialised, up-to-date database."""
    engine = make_engine(url)
    init_database(engine)
    return engine


def get_setting(session: Session | Connection, key: str, default: Any) -> Any:
    """The setting's value, or ``default``. In a session through the session (which
    sees what it changed and has not written yet), on a connection with one query."""
    if isinstance(session, Connection):
        settings = tables.settings
        found = session.execute(select(settings.c.value).where(settings.c.key == key)).first()
        return default if found is None else found.value
    from app.models import Setting

    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any) -> None:
    from app.models import Setting

    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
