"""The GUI's words for a database it cannot open (issue 19): German when the interface
is, through the same refusals the command line prints."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.db import open_database
from app.dbfailures import open_failure
from app.wizard import texts


@pytest.fixture
def german() -> Iterator[None]:
    before = texts.language()
    texts.set_language("de")
    yield
    texts.set_language(before)


def _open_refusal(url: str) -> str:
    try:
        open_database(url).dispose()
    except Exception as exc:  # what the GUI's main() catches
        return texts.error_text(open_failure(exc, url))
    raise AssertionError(f"{url} was opened")


@pytest.mark.usefixtures("german")
def test_a_damaged_file_and_a_newer_schema_in_german(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_database(str(db)).dispose()
    with closing(sqlite3.connect(db)) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099_future'")
        con.execute("UPDATE settings SET value = '\"9.4.0\"' WHERE key = 'schema_upgraded_by'")
        con.commit()
    text = _open_refusal(f"sqlite:///{db}")
    assert "neueren Version" in text and "schoolimport 9.4.0 oder neuer" in text
    broken = tmp_path / "kaputt.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x5a" * 8192)
    text = _open_refusal(f"sqlite:///{broken}")
    assert "ist beschädigt" in text and "Sicherung" in text and ".recover" in text
    text = _open_refusal("postgresql+psycopg://postgres:Geheim-1@127.0.0.1:1/x")
    assert "lässt sich nicht öffnen" in text and "Geheim-1" not in text
