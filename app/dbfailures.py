"""A failure of the database as one engine refusal, for both front ends (issue 19):
a server that cannot be reached (its URL shown without the password), a damaged
SQLite file (with what to do about it), or a refused change. A database of a newer
program is refused by :func:`app.db.migrate` itself.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from app.db import display_url, normalize_url
from app.engine.reasons import EngineError, Reason, Refused

# What SQLite says about a file whose pages are not what it wrote.
_DAMAGED = ("malformed", "not a database", "database corrupt", "disk image")


def _parsed(url: str) -> URL | None:
    try:
        return make_url(normalize_url(url))
    except (ArgumentError, ValueError):
        return None


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def scrub(text: str, url: str) -> str:
    """``text`` without the URL's password, should a driver have quoted it."""
    parsed = _parsed(url)
    password = parsed.password if parsed is not None else None
    return text.replace(str(password), "***") if password else text


def damaged(exc: BaseException, url: str) -> Refused | None:
    """DATABASE_DAMAGED when ``exc`` is SQLite reporting a damaged file."""
    parsed = _parsed(url)
    if parsed is None or not parsed.drivername.startswith("sqlite"):
        return None
    cause = getattr(exc, "orig", exc)
    if not isinstance(cause, sqlite3.DatabaseError):
        return None
    detail = _first_line(exc)
    if not any(mark in detail.lower() for mark in _DAMAGED):
        return None
    return Refused(Reason.DATABASE_DAMAGED, db=parsed.database or "", detail=detail)


def open_failure(exc: BaseException, url: str) -> EngineError:
    """Why the database at ``url`` could not be opened, as one refusal."""
    if isinstance(exc, EngineError):
        return exc
    found = damaged(exc, url)
    if found is not None:
        return found
    detail = scrub(_first_line(exc), url)
    return Refused(Reason.DATABASE_UNREACHABLE, db=display_url(url), detail=detail)


def is_database_error(exc: BaseException) -> bool:
    """An error of the database: SQLAlchemy's, or a driver's raised through a raw
    cursor (``bulk.fetch_all``) — without importing the PostgreSQL driver here."""
    if isinstance(exc, SQLAlchemyError | sqlite3.Error):
        return True
    return type(exc).__module__.split(".")[0] == "psycopg" and isinstance(exc, Exception)


def command_failure(exc: BaseException, url: str) -> Refused:
    """A database failure in the middle of a command, as one refusal."""
    found = damaged(exc, url)
    if found is not None:
        return found
    return Refused(Reason.DATABASE, detail=scrub(_first_line(exc), url))
