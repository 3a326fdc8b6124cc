"""Work that grows with the school runs beside the interface thread, which keeps
painting (busy.run_responsive): the template check of a chosen file, a download of a
run's rows, an undo's preview and its run. Each engine call is recorded with the
thread it ran on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.wizard import historytab, undodialog
from app.wizard.mainwindow import MainWindow
from app.wizard.pages import table
from tests.wizard.driver import click_next, finish, import_through_window, shown_wizard

pytestmark = pytest.mark.gui


class Threads:
    """The names of the threads each wrapped function ran on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.seen: dict[str, list[str]] = {}

    def record(self, module: Any, name: str) -> None:
        original: Callable[..., Any] = getattr(module, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.seen.setdefault(name, []).append(threading.current_thread().name)
            return original(*args, **kwargs)

        self.monkeypatch.setattr(module, name, recorded)

    def assert_beside(self, *names: str) -> None:
        for name in names:
            assert self.seen.get(name), f"{name} was not called"
            assert threading.main_thread().name not in self.seen[name], (name, self.seen[name])


def test_the_template_check_runs_beside_the_interface(
    qtbot: QtBot, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = Threads(monkeypatch)
    threads.record(table, "template_version")
    wizard = shown_wizard(qtbot, engine)
    click_next(qtbot, wizard)
    page = wizard.table_page
    saved = page.save_template("student", tmp_path / "vorlage.ods")
    assert saved is not None
    page.load_file(saved)
    assert page.template_warning.isHidden()
    threads.assert_beside("template_version")


def test_a_download_and_an_undo_run_beside_the_interface(
    qtbot: QtBot,
    window: MainWindow,
    students_csv: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads = Threads(monkeypatch)
    threads.record(historytab, "export_rows")
    threads.record(undodialog, "preview_undo")
    threads.record(undodialog, "undo_run")
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    tab = window.history_tab
    run_id = tab.model.run_at(0).run_id
    assert tab.download(run_id, tmp_path / "ok.xlsx", True) == 4
    assert tab.last_message is not None
    tab.last_message.close()
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    dialog = tab.undo_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.users_deleted == 4
    dialog.close()
    threads.assert_beside("export_rows", "preview_undo", "undo_run")
