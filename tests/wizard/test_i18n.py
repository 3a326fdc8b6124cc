"""Languages: the shipped German translation loads, compiled or read from the .ts."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from app.engine import reasons
from app.engine.reasons import Message, Reason
from app.engine.results import Resolution, RowAction
from app.wizard import texts
from app.wizard.i18n import (
    LANGUAGE_KEY,
    TRANSLATIONS,
    TsTranslator,
    chosen_language,
    compiled_translation,
    install_language,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def installed(qapp: QApplication) -> Iterator[list[QTranslator]]:
    keep: list[QTranslator] = []
    yield keep
    for translator in keep:
        QCoreApplication.removeTranslator(translator)


def test_ts_translator_reads_the_german_source(
    qapp: QApplication, installed: list[QTranslator]
) -> None:
    translator = TsTranslator(TRANSLATIONS / "schoolimport_de.ts")
    assert not translator.isEmpty()
    installed.append(translator)
    qapp.installTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "User management") == "Benutzerverwaltung"
    assert texts.action_label(RowAction.CREATE) == "anlegen"


def test_compiled_translation_and_install(
    qapp: QApplication, installed: list[QTranslator], tmp_path: Path
) -> None:
    qm = compiled_translation(TRANSLATIONS / "schoolimport_de.ts", cache=tmp_path)
    assert qm is not None and qm.exists()
    installed.extend(install_language(qapp, "de"))
    assert texts.language() == "de"
    assert QCoreApplication.translate("PreviewPage", "Preview") == "Vorschau"
    assert texts.resolution_label(Resolution.KEEP) == "Diese Zeile behalten"


def test_every_german_message_is_translated() -> None:
    ts = (TRANSLATIONS / "schoolimport_de.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts


def test_language_setting_overrides_the_locale(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, "de")
    assert chosen_language(settings) == "de"
    settings.setValue(LANGUAGE_KEY, "en")
    assert chosen_language(settings) == "en"


def test_reason_text_in_german() -> None:
    message = Message(Reason.MISSING_REQUIRED, {"field": "first_name"})
    assert texts.reason_text(message) == "first name is missing"
    texts.set_language("de")
    assert texts.reason_text(message) == "Vorname fehlt"
    missing = Message(Reason.REQUIRED_COLUMN_MISSING, {"fields": ["source_id", "last_name"]})
    assert texts.reason_text(missing) == "keine Spalte ist zugeordnet für: Quell-ID, Nachname"
    texts.set_language("en")
    assert texts.reason_text(missing) == "no column is mapped to source ID, last name"
    texts.set_language("de")
    # A template whose parameters are missing falls back to the engine's wording.
    other = Message(Reason.DATABASE, {})
    assert texts.reason_text(other) == other.text()


def test_every_reason_has_german_words_with_the_english_placeholders() -> None:
    """No refusal reaches a German user in English, and no German template asks for a
    parameter the engine does not give (or drops one it gives)."""
    fields = string.Formatter()
    for reason in Reason:
        german = texts._GERMAN.get(reason)
        assert german is not None, reason
        english = {name for _, name, _, _ in fields.parse(reasons._TEXT[reason]) if name}
        assert {name for _, name, _, _ in fields.parse(german) if name} == english, reason
