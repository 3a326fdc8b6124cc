"""The main window: users after an import, search and filters, export, first start."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db import open_database, session_scope
from app.engine.admin.directory import list_years
from app.wizard.firstyear import FirstYearDialog, has_school_year, suggested_year
from app.wizard.mainwindow import MainWindow
from tests.wizard.driver import allow_close, run_import, to_preview

pytestmark = pytest.mark.gui


def import_students(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    allow_close(wizard)
    to_preview(qtbot, wizard, path, create={"5b": "class"})
    assert run_import(qtbot, wizard) == "finished"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_users_shown_after_import_and_search_narrows(
    qtbot: QtBot, window: MainWindow, students_csv: Path, qtmodeltester: ModelTester
) -> None:
    assert window.users_proxy.rowCount() == 0
    assert window.year_combo.currentData() == "2026/27"
    import_students(qtbot, window, students_csv)
    assert window.users_model.rowCount() == 4
    assert window.groups_model.rowCount() == 2
    qtbot.keyClicks(window.search_edit, "anna")
    assert window.users_proxy.rowCount() == 1
    index = window.users_proxy.index(0, 0)
    assert window.users_proxy.data(index) == "anna-lena.schaefer"
    window.search_edit.clear()
    window.group_filter.setCurrentIndex(window.group_filter.findData("5a"))
    assert window.users_proxy.rowCount() == 2
    assert "2 of 4" in window.count_label.text()
    window.users_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert window.users_proxy.data(window.users_proxy.index(0, 1)) == "Weiß"
    qtmodeltester.check(window.users_model, force_py=False)


def test_export_writes_the_shown_users(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path
) -> None:
    import_students(qtbot, window, students_csv)
    window.type_filter.setCurrentIndex(window.type_filter.findData("student"))
    out = window.write_users(tmp_path / "benutzer.xlsx")
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Login" and len(rows) == 5


def test_first_start_asks_for_the_school_year(qtbot: QtBot, tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert not has_school_year(engine)
    assert suggested_year(date(2026, 9, 14)) == ("2026/27", date(2026, 8, 1), date(2027, 7, 31))
    assert suggested_year(date(2027, 3, 1))[0] == "2026/27"
    dialog = FirstYearDialog(engine, today=date(2026, 9, 14))
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "2026/27"
    dialog.accept()
    with session_scope(engine) as db:
        years = list_years(db)
    assert [(y.name, y.is_current) for y in years] == [("2026/27", True)]
    engine.dispose()
