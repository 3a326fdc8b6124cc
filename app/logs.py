"""The application's log file: what happened, at INFO, never a secret.

``setup_logging()`` sends the ``app`` loggers to a rotating file (1 MB × 5) in the
user's log folder (``$SCHOOLIMPORT_LOG_DIR`` overrides it, for tests); ``log_path()``
names the file, for the GUI's help menu. A filter blanks anything that looks like a
password value, as a second line of defence: the engine never logs passwords.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

APP_NAME = "schoolimport"
LOG_FILE = "schoolimport.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
REDACTED = "[redacted]"

# "password=…", "Passwort: …", "pw='…'", "datasafe_password: …" (also in German).
_SECRET = re.compile(
    r"(?i)\b(\w*(?:pass(?:word|wort)?|pwd?|secret|kennwort)\w*)"
    r"(\s*[=:]\s*)(?:\"[^\"]*\"|'[^']*'|[^\s,;]+)"
)
_HANDLER_NAME = "schoolimport-file"


class RedactSecrets(logging.Filter):
    """Replace password-looking values in a record's message with ``[redacted]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


# "postgresql+psycopg://user:secret@host/db": the password of a database URL.
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]+@")


def redact(text: str) -> str:
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
    return _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)


# The loggers written to the file: the program's, and SQLAlchemy's (at its own level,
# warnings and errors).
_LOGGED = ("app", "sqlalchemy")


def log_dir() -> Path:
    override = os.environ.get("SCHOOLIMPORT_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_path  # here: every command starts with this module

    return user_log_path(APP_NAME, appauthor=False)


def log_path() -> Path:
    """The current log file (it may not exist yet)."""
    return log_dir() / LOG_FILE


def setup_logging(level: int = logging.INFO) -> Path:
    """Log the ``app`` package to the rotating file; idempotent. Returns the file.

    SQLAlchemy's own warnings and errors go to the same file: without a handler of
    theirs, Python's last-resort handler printed them, traceback and all, on stderr —
    a Ctrl-C landing while the pool closed a connection showed "Exception closing
    connection" and a traceback under the command's one line."""
    path = log_path()
    loggers = [logging.getLogger(name) for name in _LOGGED]
    loggers[0].setLevel(level)
    present = [h for logger in loggers for h in logger.handlers if h.get_name() == _HANDLER_NAME]
    if len(present) == len(loggers) and all(
        Path(getattr(h, "baseFilename", "")) == path for h in present
    ):
        return path
    for logger in loggers:
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
            logger.removeHandler(old)  # the folder changed (tests)
            old.close()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.NullHandler()  # a read-only profile must not stop work
    handler.set_name(_HANDLER_NAME)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactSecrets())
    for logger in loggers:
        logger.addHandler(handler)
    return path
