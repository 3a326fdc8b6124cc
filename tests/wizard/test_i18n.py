"""Languages: the shipped German translation loads, compiled or read from the .ts."""

from __future__ import annotations

import string
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from app.engine import german, reasons
from app.engine.planning.results import Resolution, RowAction
from app.engine.reading.readers import read_table
from app.engine.reasons import Message, Reason, Refused
from app.wizard import texts
from app.wizard.i18n import (
    LANGUAGE_KEY,
    TRANSLATIONS,
    TsTranslator,
    chosen_language,
    compiled_translation,
    install_language,
)
from tests.wizard.german import german_ui

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Tests here switch the reasons' language; the others expect the default."""
    yield
    texts.set_language("en")


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


@pytest.mark.parametrize("compiled", [False, True])
def test_counts_take_singular_or_plural(
    qapp: QApplication, installed: list[QTranslator], tmp_path: Path, compiled: bool
) -> None:
    """ "1 Zeile ist fehlerhaft", not "1 Zeilen sind fehlerhaft": from the compiled
    translation and from the .ts reader alike, in German and in English."""
    source = "%n rows have errors and are left out."
    for language, one, many in (
        ("de", "1 Zeile ist fehlerhaft und wird ausgelassen.", "3 Zeilen sind fehlerhaft"),
        ("en", "1 row has an error and is left out.", "3 rows have errors"),
    ):
        ts = TRANSLATIONS / f"schoolimport_{language}.ts"
        translator: QTranslator = TsTranslator(ts)
        if compiled:
            qm = compiled_translation(ts, cache=tmp_path)
            assert qm is not None
            translator = QTranslator()
            assert translator.load(str(qm))
        installed.append(translator)
        qapp.installTranslator(translator)
        assert QCoreApplication.translate("GroupImportDialog", source, None, 1) == one
        assert QCoreApplication.translate("GroupImportDialog", source, None, 3).startswith(many)
        QCoreApplication.removeTranslator(translator)


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


def test_a_refused_file_reads_in_german_detail_and_numbers_included(tmp_path: Path) -> None:
    """The detail of a refused file is a message of its own: German too, with German
    number separators; the engine's English wording stays as it was."""
    archive = tmp_path / "schueler.xlsx"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("notes.txt", "no workbook in here")
    with pytest.raises(Refused) as refused:
        read_table(archive)
    assert refused.value.message.params["detail"].reason is Reason.ZIP_WITHOUT_WORKBOOK
    english = "this is not a XLSX/ODS file: a ZIP archive without a workbook inside"
    assert texts.error_text(refused.value) == f"{archive}: {english}"
    texts.set_language("de")
    german = "das ist keine XLSX/ODS-Datei: ein ZIP-Archiv ohne Arbeitsmappe darin"
    assert texts.error_text(refused.value) == f"{archive}: {german}"
    grid = {"rows": 1_048_576, "columns": 16_384, "cells": 17_179_869_184, "limit": 5_000_000}
    too_large = Message(Reason.FILE_TOO_LARGE, {"detail": Message(Reason.GRID_LIMIT, grid)})
    assert texts.reason_text(too_large) == (
        "die Datei ist zu groß (bis zu 1.048.576 Zeilen × 16.384 Spalten = "
        "17.179.869.184 Zellen; die Grenze ist 5.000.000 Zellen)"
    )
    assert too_large.text() == (
        "the file is too large (up to 1,048,576 rows × 16,384 columns = "
        "17,179,869,184 cells; the limit is 5,000,000 cells)"
    )
    size = Message(Reason.SIZE_LIMIT, {"size": 300.25, "limit": 256.0})
    assert texts.reason_text(size) == "300,2 MB; die Grenze ist 256,0 MB"


def test_other_refusals_read_in_german_too() -> None:
    texts.set_language("de")
    differs = Message(Reason.GROUP_FIELD_DIFFERS, {"field": "group_type", "line": 3})
    assert texts.reason_text(differs) == "Gruppenart weicht von Zeile 3 dieser Gruppe ab"
    assert differs.text() == "the group type differs from line 3 of this group"
    why = Message(Reason.UNDO_STATUS, {"status": "failed"})
    undo = Message(
        Reason.INVALID_VALUE, {"detail": Message(Reason.NOT_UNDOABLE, {"run": 7, "why": why})}
    )
    assert texts.reason_text(undo).startswith("Lauf 7 kann nicht rückgängig gemacht werden: ")
    assert undo.text() == "run 7 cannot be undone: its status is failed"
    denied = Message(
        Reason.NOT_ALLOWED, {"operator": "herr.meier", "action": Message(Reason.ACTION_OPERATORS)}
    )
    assert texts.reason_text(denied) == "herr.meier darf nicht: Bearbeiter verwalten"
    assert denied.text() == "herr.meier may not manage operators"
    days = Message(Reason.YEAR_DAYS)
    assert texts.reason_text(Message(Reason.INVALID_VALUE, {"detail": days})) == (
        "der letzte Tag muss nach dem ersten liegen"
    )


def test_every_field_label_has_german_words() -> None:
    assert set(reasons.FIELD_LABELS) <= set(german.GERMAN_FIELDS)


def test_every_reason_has_german_words_with_the_english_placeholders() -> None:
    """No refusal reaches a German user in English, and no German template asks for a
    parameter the engine does not give (or drops one it gives)."""
    fields = string.Formatter()
    for reason in Reason:
        template = german.GERMAN.get(reason)
        assert template is not None, reason
        english = {name for _, name, _, _ in fields.parse(reasons._TEXT[reason]) if name}
        assert {name for _, name, _, _ in fields.parse(template) if name} == english, reason


def test_proposed_file_names_are_german_in_the_german_interface(qapp: QApplication) -> None:
    """The protocol, the new initial passwords and the letters are offered under
    German names in the German interface (and English ones in the English)."""
    names = [
        ("ProtocolPage", "protocol-%1.xlsx", "protokoll-%1.xlsx"),
        ("ResetDialog", "initial-passwords-%1.xlsx", "startpasswoerter-%1.xlsx"),
        ("ResetDialog", "login-letters-%1.pdf", "zugangsbriefe-%1.pdf"),
        ("ProtocolPage", "login-letters-%1.pdf", "zugangsbriefe-%1.pdf"),
    ]
    with german_ui(qapp):
        assert [QCoreApplication.translate(c, s) for c, s, _ in names] == [g for *_, g in names]
    assert [QCoreApplication.translate(c, s) for c, s, _ in names] == [s for _, s, _ in names]
