"""The compiled extensions the engine calls keep reference counts straight.

The class of fault PySide6 6.12.0 had on Python 3.11 (a reference to ``None`` dropped
per call, until the interpreter aborts) could sit in any C extension. Each one the
import uses is called many times here after a warm-up (caches fill on the first
calls): the reference count of ``None`` and the number of tracked objects must not move.
"""

from __future__ import annotations

import gc
import io
import sqlite3
import sys
from collections.abc import Callable

import pytest
import pyzipper
from argon2.low_level import Type, hash_secret, verify_secret
from msoffcrypto.format.ooxml import OOXMLFile
from python_calamine import CalamineWorkbook

from app.engine.output.xlsxwrite import workbook_bytes
from tests.pg import PG_ADMIN_URL, PgServer

TOLERANCE = 20  # references to None: a leak moves it by one (or more) per call


def _object_tolerance(times: int) -> int:
    """Caches and the test machinery create and free a few objects; a leak of one
    object per call would be ``times``."""
    return TOLERANCE + times // 20


def _workbook() -> bytes:
    return workbook_bytes(["Nachname", "Vorname", "Klasse"], [["Müller", "", "5a"]] * 50, "S")


def _calls() -> dict[str, tuple[Callable[[], object], int]]:
    book = _workbook()
    digest = hash_secret(b"Startpasswort", b"0123456789abcdef", 1, 256, 1, 32, Type.ID)
    database = sqlite3.connect(":memory:")

    def encrypt() -> None:
        OOXMLFile(io.BytesIO(book)).encrypt("ein-langes-Passwort", io.BytesIO())

    def zip_csv() -> None:
        with pyzipper.AESZipFile(io.BytesIO(), "w", encryption=pyzipper.WZ_AES) as archive:
            archive.setpassword(b"ein-langes-Passwort")
            archive.writestr("protokoll.csv", "Nachname;Vorname\r\nMüller;\r\n")

    return {
        "argon2 hash": (
            lambda: hash_secret(b"pw", b"0123456789abcdef", 1, 256, 1, 32, Type.ID),
            100,
        ),
        "argon2 verify": (lambda: verify_secret(digest, b"Startpasswort", Type.ID), 300),
        "calamine read": (
            lambda: (
                CalamineWorkbook.from_filelike(io.BytesIO(book)).get_sheet_by_index(0).to_python()
            ),
            100,
        ),
        "msoffcrypto encrypt": (encrypt, 5),
        "pyzipper AES": (zip_csv, 100),
        "sqlite3": (lambda: database.execute("select 1, null").fetchall(), 2000),
    }


def _drift(call: Callable[[], object], times: int) -> tuple[int, int]:
    for _ in range(max(5, times // 5)):  # warm-up: caches fill
        call()
    gc.collect()
    none, objects = sys.getrefcount(None), len(gc.get_objects())
    for _ in range(times):
        call()
    gc.collect()
    return sys.getrefcount(None) - none, len(gc.get_objects()) - objects


@pytest.mark.parametrize("name", list(_calls()))
def test_extension_keeps_counts(name: str) -> None:
    call, times = _calls()[name]
    none, objects = _drift(call, times)
    assert abs(none) <= TOLERANCE, f"{name}: refcount(None) moved {none:+d} in {times} calls"
    # Objects freed meanwhile (an earlier test's garbage) are no leak: only growth counts.
    assert objects <= _object_tolerance(times), f"{name}: {objects:+d} objects in {times}"


@pytest.mark.postgres
def test_psycopg_keeps_counts() -> None:
    server = PgServer.connect()
    if server is None:
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL}")
    try:
        import psycopg

        url = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url) as connection:
            none, objects = _drift(
                lambda: connection.execute("select 1, null, 'Weiß'").fetchall(), 2000
            )
    finally:
        server.close()
    assert abs(none) <= TOLERANCE and objects <= _object_tolerance(2000), (none, objects)
