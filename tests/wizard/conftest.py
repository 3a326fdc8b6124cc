"""Fixtures of the GUI tests: a fresh database with a school year, real input files."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import open_database, session_scope
from app.engine.access import passwords
from app.engine.admin.directory import add_group, add_year
from app.models import GroupType
from app.wizard import texts
from app.wizard.i18n import load_translator
from app.wizard.mainwindow import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

YEAR = "2026/27"
HEADER = ["Nachname", "Vorname", "Klasse", "Interne ID-Nummer", "Geburtsdatum"]
STUDENTS = [
    ["Müller", "Jörg", "5a", "1001", "01.02.2015"],
    ["Schäfer", "Anna-Lena", "5b", "1002", "03.04.2015"],
    ["Öztürk", "Ayşe", "5b", "1003", "05.06.2015"],
    ["Weiß", "Björn", "5a", "1004", "07.08.2014"],
]


@pytest.fixture(autouse=True, scope="session")
def english_translator(qapp: QApplication) -> Iterator[None]:
    """English as the program runs it: our English translation gives the counts their
    singular or plural ("1 row", "2 rows")."""
    translator = load_translator("en")
    assert translator is not None
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def english_texts() -> Iterator[None]:
    texts.set_language("en")
    yield
    texts.set_language("en")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh SQLite database with the current school year and its class 5a."""
    db = open_database(f"sqlite:///{tmp_path / 't.db'}")
    with session_scope(db) as session:
        year = add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), current=True)
        add_group(session, "5a", GroupType.CLASS, year)
    yield db
    db.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """A CSV as the school office's Excel writes it: cp1252, semicolons, CRLF."""
    lines = [";".join(header)] + [";".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def students_csv(tmp_path: Path) -> Path:
    # "Ayşe" is not in cp1252; the office's export would have folded it.
    rows = [[cell.replace("ş", "s") for cell in row] for row in STUDENTS]
    return write_csv(tmp_path / "schueler.csv", rows)


@pytest.fixture
def students_xlsx(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Schüler"
    sheet.append(HEADER)
    for row in STUDENTS:
        sheet.append(row)
    other = workbook.create_sheet("Lehrkräfte")
    other.append(["Nachname", "Vorname", "Kürzel"])
    path = tmp_path / "schueler.xlsx"
    workbook.save(path)
    return path


@pytest.fixture
def window(qtbot: QtBot, engine: Engine, settings: QSettings) -> MainWindow:
    widget = MainWindow(engine, settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@dataclass
class HashGate:
    """Holds password hashing until released, so a test can act on a running import."""

    entered: threading.Event
    release: threading.Event


@pytest.fixture
def hash_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[HashGate]:
    gate = HashGate(threading.Event(), threading.Event())
    original = passwords._hash_chunk

    def gated(items: Sequence[str], *args: Any) -> list[str]:
        gate.entered.set()
        gate.release.wait(timeout=20)
        return original(items, *args)

    monkeypatch.setattr(passwords, "_hash_chunk", gated)
    yield gate
    gate.release.set()
