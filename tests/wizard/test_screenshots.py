"""Renders every wizard page and the main window to PNG, in German and in English.

With ``SCHOOLIMPORT_SCREENSHOTS=1`` the German pictures go to ``docs/screenshots/`` (for
the docs); otherwise, and in English, into the test's temporary folder, so the
rendering is still tested (and can be looked at).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import add_operator, set_password
from app.engine.planning.results import RowAction
from app.models import OperatorRole
from app.wizard import texts
from app.wizard.connectiondialog import ConnectionDialog
from app.wizard.i18n import install_language
from app.wizard.languagedialog import LanguageDialog
from app.wizard.mainwindow import MainWindow
from app.wizard.signin import SignInDialog
from app.wizard.views import fitting
from app.wizard.wizard import PageId
from tests.wizard.conftest import write_csv
from tests.wizard.driver import (
    click_next,
    create_group_inline,
    run_import,
    shown_wizard,
    to_preview,
)

pytestmark = pytest.mark.gui
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translators = install_language(qapp, request.param)
    yield str(request.param)
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    texts.set_language("en")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = install_language(qapp, "de")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    texts.set_language("en")


@pytest.fixture
def shots(tmp_path: Path, language: str) -> Path:
    if language == "de" and os.environ.get("SCHOOLIMPORT_SCREENSHOTS") == "1":
        return DOCS
    return tmp_path


def snap(qtbot: QtBot, widget: QWidget, path: Path) -> None:
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: not fitting(widget))  # columns are fitted between events
    image = widget.grab()
    assert image.width() >= 600 and image.height() >= 400
    assert image.save(str(path))


def initial_import(qtbot: QtBot, engine: Engine, students_csv: Path) -> None:
    wizard = shown_wizard(qtbot, engine)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    assert run_import(qtbot, wizard) == "finished"
    wizard.close()


def update_file(tmp_path: Path) -> Path:
    rows = [
        ["Müller", "Jörg", "6a", "1001", "01.02.2015"],
        ["Müller", "Jörg", "6b", "1001", "01.02.2015"],
        ["Schäfer", "Anna-Lena", "5b", "1002", "03.04.2015"],
        ["Weiß", "Björn", "5a", "1004", "07.08.2014"],
        ["Neumann", "Lea", "5a", "1005", "30.02.2015"],
        ["Krämer", "Tim", "5b", "1006", "11.11.2015"],
        ["Yılmaz", "Deniz", "5a", "1007", "12.12.2014"],
    ]
    return write_csv(tmp_path / "schueler-2.csv", [[c.replace("ı", "i") for c in r] for r in rows])


def test_render_every_page(
    qtbot: QtBot,
    engine: Engine,
    settings: QSettings,
    students_csv: Path,
    tmp_path: Path,
    shots: Path,
) -> None:
    initial_import(qtbot, engine, students_csv)
    wizard = shown_wizard(qtbot, engine)
    snap(qtbot, wizard, shots / "wizard-1-year.png")
    click_next(qtbot, wizard)
    wizard.table_page.load_file(update_file(tmp_path))
    snap(qtbot, wizard, shots / "wizard-2-table.png")
    click_next(qtbot, wizard)
    snap(qtbot, wizard, shots / "wizard-3-columns.png")
    click_next(qtbot, wizard)
    create_group_inline(qtbot, wizard, "6a")
    snap(qtbot, wizard, shots / "wizard-4-groups.png")
    wizard.groups_page.ignore_check.setChecked(True)
    click_next(qtbot, wizard)
    wizard.options_page.expire_check.setChecked(True)
    snap(qtbot, wizard, shots / "wizard-5-options.png")
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PREVIEW
    plan = wizard.session.plan
    assert plan is not None
    conflict = next(r for r in plan.rows if r.action is RowAction.CONFLICT)
    wizard.preview_page.select_row(conflict)
    snap(qtbot, wizard, shots / "wizard-6-preview.png")
    click_next(qtbot, wizard)
    page = wizard.protocol_page
    # the name the page proposes in its language, on a fixed day (the picture stays)
    page.path_edit.setText(
        str(tmp_path / page.tr("protocol-%1.xlsx").replace("%1", "2026-09-14-0930"))
    )
    for edit in (page.password_edit, page.repeat_edit):
        qtbot.keyClicks(edit, "Herbst-Ferien-2026")
    snap(qtbot, wizard, shots / "wizard-7-protocol.png")
    assert run_import(qtbot, wizard) == "finished"
    snap(qtbot, wizard, shots / "wizard-8-run.png")
    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    snap(qtbot, window, shots / "main-window.png")
    window.tabs.setCurrentIndex(1)
    snap(qtbot, window, shots / "main-window-groups.png")


def test_render_a_refused_file_in_german(
    qtbot: QtBot, engine: Engine, settings: QSettings, tmp_path: Path, german: None
) -> None:
    """A file that cannot be read: the page says why, in German, detail included."""
    wizard = shown_wizard(qtbot, engine)
    click_next(qtbot, wizard)
    broken = tmp_path / "schueler.xlsx"
    broken.write_bytes(b"PK\x03\x04 keine Arbeitsmappe")
    wizard.table_page.load_file(broken)
    error = wizard.table_page.error.text()
    assert "die XLSX-Arbeitsmappe ist beschädigt oder unvollständig" in error, error
    snap(qtbot, wizard, tmp_path / "wizard-2-refused.png")


def snap_dialog(qtbot: QtBot, widget: QWidget, path: Path) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: not fitting(widget))
    image = widget.grab()
    assert image.width() >= 300 and image.height() >= 150
    assert image.save(str(path))


def test_render_history_and_dialogs(
    qtbot: QtBot,
    engine: Engine,
    settings: QSettings,
    students_csv: Path,
    tmp_path: Path,
    shots: Path,
) -> None:
    initial_import(qtbot, engine, students_csv)
    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.history_tab)
    window.history_tab.run_started("lehrkraefte.xlsx")
    window.history_tab.run_progressed(1200, 3400, "writing")
    window.history_tab.view.selectRow(1)
    snap(qtbot, window, shots / "main-window-history.png")
    window.history_tab.clear_running()
    window.history_tab.view.selectRow(0)
    undo = window.history_tab.ask_undo()
    assert undo is not None
    snap_dialog(qtbot, undo, shots / "dialog-undo.png")
    undo.close()
    csv = tmp_path / "gruppen.csv"
    csv.write_text(
        "Gruppen-ID;Gruppenname;Beschreibung;Kommentar;Deaktiviert;Mitgliedstyp;Mitglied;"
        "Mitglied ist Administrator\r\n"
        ";Chor;Schulchor;;0;user;anna-lena.schaefer;1\r\n"
        ";Chor;Schulchor;;0;user;bjoern.weiss;0\r\n"
        ";Theater-AG;;;0;user;joerg.mueller;0\r\n"
        ";Theater-AG;;;0;user;max.unbekannt;0\r\n",
        encoding="utf-8",
    )
    groups = window.import_groups()
    groups.path_edit.setText(str(csv))
    groups.preview()
    groups.path_edit.setText("/home/sekretariat/Dokumente/gruppen.csv")
    snap_dialog(qtbot, groups, shots / "dialog-groups-import.png")
    groups.close()
    operators = window.show_operators()
    with session_scope(engine) as db:
        set_password(db, window.actor, "admin", "Winter-2026!")
        add_operator(
            db, window.actor, "frau.schulz", OperatorRole.IMPORT_OPERATOR, ["users"],
            ["Meine Schule"], "Sommer-2026!",
        )  # fmt: skip
    operators.refresh()
    snap_dialog(qtbot, operators, shots / "dialog-operators.png")
    operators.close()
    sign_in = SignInDialog(engine, "frau.schulz")
    qtbot.addWidget(sign_in)
    sign_in.password_edit.setText("falsch")
    sign_in.accept()
    snap_dialog(qtbot, sign_in, shots / "dialog-sign-in.png")
    connection = ConnectionDialog(settings)
    qtbot.addWidget(connection)
    connection.postgres_radio.setChecked(True)
    connection.host_edit.setText("db.schulamt.example")
    connection.database_edit.setText("verwaltung")
    connection.user_edit.setText("schule")
    connection.password_edit.setText("geheim")
    connection.sqlite_label.setText("/home/sekretariat/.local/share/schoolimport/schoolimport.db")
    snap_dialog(qtbot, connection, shots / "dialog-connection.png")
    first = LanguageDialog(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    snap_dialog(qtbot, first, shots / "dialog-first-start.png")
