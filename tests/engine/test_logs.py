"""The log file (app/logs.py): where it is, what a run writes to it, and what not."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from app import logs
from tests.engine.test_hostile_inputs import YEAR_ARGS, Db, write_csv


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "logs"
    monkeypatch.setenv("SCHOOLIMPORT_LOG_DIR", str(folder))
    yield folder
    for name in ("app", "sqlalchemy"):  # leave no open file behind
        for handler in list(logging.getLogger(name).handlers):
            if handler.get_name() == "schoolimport-file":
                logging.getLogger(name).removeHandler(handler)
                handler.close()


def file_handler() -> RotatingFileHandler:
    handlers = [h for h in logging.getLogger("app").handlers if h.get_name() == "schoolimport-file"]
    assert len(handlers) == 1
    handler = handlers[0]
    assert isinstance(handler, RotatingFileHandler)
    return handler


def test_setup_logging_writes_a_rotating_file_in_the_log_folder(log_dir: Path) -> None:
    path = logs.setup_logging()
    assert path == logs.log_path() == log_dir / "schoolimport.log"
    assert logs.setup_logging() == path  # idempotent: one handler
    handler = file_handler()
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    logging.getLogger("app.engine.test").info("hello %s", "world")
    logging.getLogger("app.engine.test").debug("not at INFO")
    handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO" in text and "app.engine.test: hello world" in text
    assert "not at INFO" not in text
    assert text[:4].isdigit()  # starts with the time


def test_sqlalchemys_errors_go_to_the_file_not_to_stderr(
    log_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pool logs a failed close with its traceback (a Ctrl-C landing in it did): in
    the log file, not under the command's one line on stderr."""
    path = logs.setup_logging()
    logs.setup_logging()  # idempotent: still one handler on each logger
    assert [h.get_name() for h in logging.getLogger("sqlalchemy").handlers].count(
        "schoolimport-file"
    ) == 1
    pool = logging.getLogger("sqlalchemy.pool.impl.QueuePool")
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        pool.error("Exception closing connection <sqlite3.Connection>", exc_info=True)
    pool.info("an INFO record of the pool is not logged")
    file_handler().flush()
    assert capsys.readouterr().err == ""
    text = path.read_text(encoding="utf-8")
    assert "ERROR   sqlalchemy.pool.impl.QueuePool: Exception closing connection" in text
    assert "KeyboardInterrupt" in text
    assert "an INFO record" not in text


def test_the_default_folder_is_the_users_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCHOOLIMPORT_LOG_DIR", raising=False)
    assert "schoolimport" in str(logs.log_dir())


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        ("password=Geheim123 for x", "Geheim123"),
        ("Passwort: 'zwei Worte' ok", "zwei Worte"),
        ('datasafe_password: "K7xq9mN"', "K7xq9mN"),
        ("pw=abc; next", "abc"),
    ],
)
def test_password_values_are_redacted(log_dir: Path, message: str, secret: str) -> None:
    path = logs.setup_logging()
    logging.getLogger("app.test").warning("%s", message)
    file_handler().flush()
    text = path.read_text(encoding="utf-8")
    assert secret not in text and logs.REDACTED in text


def test_words_about_passwords_are_kept() -> None:
    text = "the protocol password must have at least 8 characters"
    assert logs.redact(text) == text


def test_an_import_logs_what_happened_and_no_password(
    log_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Db(tmp_path / "log.db", f"sqlite:///{tmp_path / 'log.db'}")
    assert db.run("init")[0] == 0
    assert db.run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
    rows = [["ID", "Nachname", "Vorname"], ["1", "Muster", "Max"], ["2", "Weiß", "Anna"]]
    source = write_csv(tmp_path / "log.csv", rows)
    protocol = tmp_path / "p.xlsx"
    monkeypatch.setenv("LOG_TEST_PW", "Protokoll-2026!")
    code, _out, err = db.run("import", source, *YEAR_ARGS, "--protocol", protocol,
                             "--protocol-password-env", "LOG_TEST_PW")  # fmt: skip
    assert code == 0, err
    refused = write_csv(tmp_path / "kaputt.csv", [["Nachname"], ["Muster"]])
    assert db.run("import", refused, *YEAR_ARGS)[0] == 2
    file_handler().flush()
    text = (log_dir / "schoolimport.log").read_text(encoding="utf-8")
    assert "INFO    app.engine.reading.readers: read log.csv: csv, 2 rows, 3 columns" in text
    assert "app.engine.session: plan: created 2" in text
    assert "app.engine.applying.apply: apply log.csv: run 1 done in" in text
    assert "protocol saved (encrypted): p.xlsx" in text
    assert "WARNING" in text and "kaputt.csv" in text

    decrypted = io.BytesIO()
    with protocol.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="Protokoll-2026!")
        office.decrypt(decrypted)
    sheet = openpyxl.load_workbook(decrypted).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    column = values[0].index("InitialPassword")
    passwords = [row[column] for row in values[1:]]
    assert len(passwords) == 2 and all(passwords)
    assert not [p for p in passwords if p in text]
    assert "Protokoll-2026!" not in text
