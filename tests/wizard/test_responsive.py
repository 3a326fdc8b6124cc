"""What moved off the interface thread for a window that never freezes (issue 20): the
preview's counts made by the planning worker, the columns fitted between events, the
users and their LDAP states in one reset, a closed wizard's rows freed in the
background, and the workers' collector pause and shorter switch interval. Each is
checked for what a person sees once the work is done, driven by clicks."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.wizard.busy import SWITCH_INTERVAL_S, beside_the_interface
from app.wizard.ldappanel import LdapSyncPanel
from app.wizard.ldapworker import LdapRunner
from app.wizard.mainwindow import MainWindow
from app.wizard.views import ColumnFitter, fit_columns_on_change, fitting
from tests.wizard.conftest import HEADER, write_csv
from tests.wizard.driver import finish, import_through_window

pytestmark = pytest.mark.gui
ROWS = 2_100  # over the slice of the background disposal (2,000)


def pupils(path: Path) -> Path:
    rows = [
        [f"Nachname{n:04d}", f"Vorname{n:04d}", "5a", str(10_000 + n), "01.02.2015"]
        for n in range(ROWS)
    ]
    return write_csv(path, rows, HEADER)


def cut_off(view: QTableView, rows: int = 20) -> list[str]:
    """Cells of the first ``rows`` whose contents need more room than their column."""
    model = view.model()
    found = []
    for column in range(model.columnCount() - 1):  # the last column stretches
        if view.isColumnHidden(column):
            continue
        for row in range(min(rows, model.rowCount())):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            option.initFrom(view)
            needed = view.itemDelegateForIndex(index).sizeHint(option, index).width()
            if needed > view.columnWidth(column):
                found.append(f"column {column} row {row}: {index.data()!r}")
    return found


def test_the_preview_and_the_users_after_a_big_import_by_clicks(
    qtbot: QtBot, engine: Engine, settings: QSettings, tmp_path: Path
) -> None:
    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    resets: list[int] = []
    window.users_model.modelReset.connect(lambda: resets.append(1))
    wizard = import_through_window(qtbot, window, pupils(tmp_path / "schueler.csv"), create={})
    preview = wizard.preview_page
    # The counts the planning worker made are those of the plan shown.
    assert preview.filter_buttons["created"].text() == f"create ({ROWS:,})"
    assert preview.summary_label.text() == f"The import: {ROWS:,} accounts will be created."
    qtbot.waitUntil(lambda: not fitting(preview))  # fitted between events, not before
    assert cut_off(preview.view) == []
    # The run's end refreshed the users: one reset for the users and their LDAP states.
    assert len(resets) == 1
    session = wizard.session
    plan, result = session.plan, session.result
    assert plan is not None and result is not None and len(plan.rows) == ROWS
    finish(qtbot, wizard)
    # Finish: read again (one more reset), and the closed wizard's rows and secrets are
    # freed in the background.
    assert len(resets) == 2
    assert session.plan is None and session.table is None and session.result is None
    qtbot.waitUntil(lambda: not plan.rows and not result.credentials, timeout=5000)
    tab = window.users_tab
    assert tab.proxy.rowCount() == ROWS
    assert tab.view.isColumnHidden(window.users_model.sync_column)  # no LDAP server
    qtbot.waitUntil(lambda: not fitting(window))
    assert cut_off(tab.view) == []
    first = tab.view.visualRect(tab.proxy.index(0, 0)).center()
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=first)  # usable
    assert [user.login for user in tab.selected_users()] == [tab.model.user_at(0).login]


def test_columns_are_fitted_after_a_reset_once_and_in_slices(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 6)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns_on_change(view)
    narrow = [view.columnWidth(c) for c in range(6)]
    fitted: list[int] = []
    view.horizontalHeader().sectionResized.connect(lambda column, *_: fitted.append(column))
    model.beginResetModel()
    for row in range(3_000):
        model.appendRow(
            [QStandardItem(f"ein recht langer Text {row} in Spalte {c}") for c in range(6)]
        )
    model.endResetModel()
    model.beginResetModel()  # a second reset before the first was fitted: fitted once
    model.endResetModel()
    assert fitting(view) and [view.columnWidth(c) for c in range(6)] == narrow  # not yet
    qtbot.waitUntil(lambda: not fitting(view))
    assert sorted(fitted) == list(range(6))
    assert cut_off(view) == []
    fitter = view.findChild(ColumnFitter)
    assert isinstance(fitter, ColumnFitter)
    fitter.request([2])
    fitter.finish()  # at once, when a caller needs it
    assert not fitting(view)


def test_workers_pause_the_collector_and_switch_threads_sooner(qtbot: QtBot) -> None:
    before = sys.getswitchinterval()
    seen: list[tuple[bool, float]] = []

    def job(_progress: object) -> str:
        with beside_the_interface():  # nested: the outer one restores
            seen.append((gc.isenabled(), sys.getswitchinterval()))
        seen.append((gc.isenabled(), sys.getswitchinterval()))
        return "fertig"

    runner = LdapRunner(job)
    with qtbot.waitSignal(runner.worker.finished, timeout=10_000) as done:
        runner.start()
    runner.wait()
    assert done.args == ["fertig"]
    assert seen == [(False, SWITCH_INTERVAL_S), (False, SWITCH_INTERVAL_S)]
    assert gc.isenabled() and sys.getswitchinterval() == before


def test_finish_during_a_sync_waits_for_it_with_the_window_painting(
    qtbot: QtBot, engine: Engine
) -> None:
    """Finish (or closing the window) waits for a running LDAP sync; the interface
    thread runs its timers meanwhile instead of blocking in ``QThread.wait``."""
    panel = LdapSyncPanel(engine)
    qtbot.addWidget(panel)
    ended: list[str] = []

    def job(progress: Callable[[int, int], None]) -> str:
        for done in range(4):  # a slow server: 0.4 s in all
            time.sleep(0.1)
            progress(done + 1, 4)
        return "fertig"

    runner = LdapRunner(job, panel)
    runner.worker.finished.connect(ended.append)
    runner.ended.connect(panel._ended)
    panel.runner = runner
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    runner.start()
    try:
        panel.wait()
    finally:
        timer.stop()
    assert ended == ["fertig"] and not panel.is_running()
    assert len(ticks) >= 10  # blocked in QThread.wait: none
