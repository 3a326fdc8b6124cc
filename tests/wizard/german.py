"""The German interface for a test, and the 40-pupil files a school office exports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.wizard import texts
from app.wizard.i18n import install_language
from tests.wizard.conftest import write_csv

FIRST = ["Jörg", "Anna-Lena", "Björn", "Lea", "Tim", "Deniz", "Mia", "Paul", "Emma", "Ben"]
LAST = ["Müller", "Schäfer", "Weiß", "Neumann", "Krämer", "Öztürk", "Schmitt", "Wagner"]
CLASSES = ["5a", "5b", "5c", "6a", "6b", "7a"]  # 5a exists; five are new


@contextmanager
def german_ui(app: QApplication) -> Iterator[None]:
    translators = install_language(app, "de")
    try:
        yield
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
        texts.set_language("en")


def forty_pupils(path: Path) -> Path:
    """40 pupils in six classes, five of them not yet in the directory."""
    rows = [
        [
            LAST[n % len(LAST)],
            FIRST[n % len(FIRST)] + ("" if n < len(FIRST) else f" {chr(65 + n // len(FIRST))}."),
            CLASSES[n % len(CLASSES)],
            str(2001 + n),
            f"{1 + n % 28:02d}.{1 + n % 12:02d}.2014",
        ]
        for n in range(40)
    ]
    return write_csv(path, rows)
