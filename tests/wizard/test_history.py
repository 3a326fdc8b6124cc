"""The History tab: runs after an import, downloads, an archived run's refusal, undo."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.db import session_scope
from app.engine.admin.history import REASONS_HEADER, archive_runs
from app.models import User, utcnow
from app.wizard.mainwindow import MainWindow
from tests.wizard.conftest import STUDENTS, HashGate, write_csv
from tests.wizard.driver import (
    allow_close,
    finish,
    import_through_window,
    start_run,
    to_preview,
)
from tests.wizard.german import german_ui

pytestmark = pytest.mark.gui


@pytest.fixture
def with_errors(tmp_path: Path) -> Path:
    rows = [[c.replace("ş", "s") for c in r] for r in STUDENTS]
    rows.append(["Neumann", "Lea", "5a", "1005", "30.02.2015"])
    rows.append(["", "Tim", "5a", "1006", "11.11.2015"])
    return write_csv(tmp_path / "mit-fehlern.csv", rows)


def user_count(engine: Engine) -> int:
    with session_scope(engine) as db:
        return int(db.scalar(select(func.count()).select_from(User)) or 0)


def test_history_shows_the_run_and_downloads_failed_rows(
    qtbot: QtBot,
    window: MainWindow,
    with_errors: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    tab = window.history_tab
    window.tabs.setCurrentWidget(tab)
    wizard = import_through_window(qtbot, window, with_errors)
    finish(qtbot, wizard)
    assert tab.model.rowCount() == 1
    run = tab.model.run_at(0)
    assert run.file_name == "mit-fehlern.csv" and run.status == "completed_with_errors"
    assert run.counts["created"] == 4 and run.counts["invalid"] == 2
    assert tab.model.data(tab.model.index(0, 2)) == "completed with errors"
    # Started and finished in the language's form: ISO in English, German in German.
    for column in (3, 4):
        assert re.fullmatch(
            r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", tab.model.data(tab.model.index(0, column))
        )
    with german_ui(QApplication.instance()):  # type: ignore[arg-type]
        started = tab.model.data(tab.model.index(0, 3))
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", started)
    qtmodeltester.check(tab.model, force_py=False)
    tab.view.selectRow(0)
    assert tab.failed_button.isEnabled()
    target = tmp_path / "fehler.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.failed_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-1] == REASONS_HEADER
    assert [r[3] for r in rows[1:]] == ["1005", "1006"]
    assert tab.last_message is not None and "2 rows" in tab.last_message.text()
    tab.last_message.close()


def test_an_archived_run_shows_the_refusal(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path, engine: Engine
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    with session_scope(engine) as db:
        assert archive_runs(db, 0, now=utcnow() + timedelta(days=1)) == 1
    tab = window.history_tab
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    assert tab.model.run_at(0).status == "archived"
    tab.view.selectRow(0)
    assert not tab.undo_button.isEnabled()
    assert tab.download(tab.model.run_at(0).run_id, tmp_path / "ok.csv", True) is None
    assert tab.last_message is not None and "archived" in tab.last_message.text()
    assert not (tmp_path / "ok.csv").exists()
    tab.last_message.close()


def test_a_running_import_shows_as_running(window: MainWindow) -> None:
    tab = window.history_tab
    tab.run_started("schueler.csv")
    tab.run_progressed(10, 40, "writing")
    assert tab.model.run_at(0).status == "running"
    assert "25 %" in tab.model.data(tab.model.index(0, 2))
    tab.clear_running("finished")
    assert tab.model.rowCount() == 0


def test_undo_from_the_history_restores(
    qtbot: QtBot, window: MainWindow, students_csv: Path, engine: Engine
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    assert user_count(engine) == 4
    tab = window.history_tab
    tab.view.selectRow(0)
    assert tab.undo_button.isEnabled()
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    dialog = tab.undo_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.details.toPlainText()
    assert "4 accounts are deleted:" in shown and "anna-lena.schaefer" in shown
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.users_deleted == 4
    assert user_count(engine) == 0
    assert tab.model.run_at(0).status == "undone"
    assert window.users_model.rowCount() == 0
    dialog.close()


def test_undo_refused_lists_what_changed(
    qtbot: QtBot, window: MainWindow, students_csv: Path, engine: Engine
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    with session_scope(engine) as db:
        user = db.scalars(select(User).where(User.login == "anna-lena.schaefer")).one()
        user.email = "anna@example.org"
        user.updated_at = utcnow() + timedelta(seconds=5)
    tab = window.history_tab
    tab.view.selectRow(0)
    dialog = tab.ask_undo()
    assert dialog is not None
    assert not dialog.undo_button.isEnabled()
    assert "anna-lena.schaefer was changed" in dialog.details.toPlainText()
    dialog.close()
    assert user_count(engine) == 4


def test_a_running_import_is_cancelled_from_the_history(
    qtbot: QtBot, window: MainWindow, with_errors: Path, hash_gate: HashGate
) -> None:
    tab = window.history_tab
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    to_preview(qtbot, wizard, with_errors, create={"5b": "class"})
    start_run(qtbot, wizard)
    assert hash_gate.entered.wait(timeout=10)
    qtbot.waitUntil(lambda: tab.live)
    running = next(
        row
        for row in range(tab.proxy.rowCount())
        if tab.model.run_at(tab.proxy.mapToSource(tab.proxy.index(row, 0)).row()).status
        == "running"
    )
    tab.view.selectRow(running)
    assert tab.cancel_button.isEnabled()
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=20_000) as ended:
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
        hash_gate.release.set()
    assert ended.args == ["cancelled"]
    assert user_count(window.engine) == 0
    assert not tab.cancel_button.isEnabled()
