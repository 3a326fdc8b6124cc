"""run_responsive: the call's result or error comes back, and the interface thread
runs its timers meanwhile; dispose_in_background empties a list between events."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.wizard import views
from app.wizard.busy import dispose_in_background, run_responsive
from app.wizard.views import fitter, fitting, table_view

pytestmark = pytest.mark.gui


def test_the_result_comes_back_and_timers_run_meanwhile(qtbot: QtBot) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    worker: list[str] = []

    def work() -> int:
        worker.append(threading.current_thread().name)
        time.sleep(0.4)  # a long engine call, the lock released as in calamine's read
        return 42

    try:
        assert run_responsive(work) == 42
    finally:
        timer.stop()
    assert worker == ["schoolimport-busy"]  # not the interface thread
    assert len(ticks) >= 10  # the interface thread went on (a blocking call: none)


def test_an_engine_error_is_raised_on_the_calling_thread(qtbot: QtBot) -> None:
    def fail() -> None:
        raise ValueError("kaputt")

    with pytest.raises(ValueError, match="kaputt"):
        run_responsive(fail)


def test_a_replaced_list_is_emptied_in_the_background(qtbot: QtBot) -> None:
    items = [[n] for n in range(10_000)]
    dispose_in_background(items)
    qtbot.waitUntil(lambda: not items, timeout=5000)
    small = [[1], [2]]
    dispose_in_background(small)  # too small to be worth a hand-over: left as it is
    assert small == [[1], [2]]


def test_a_big_list_is_freed_between_events_a_short_slice_at_a_time(qtbot: QtBot) -> None:
    """Freed by the interface thread between its events, at most about a millisecond
    per turn of the loop: no other thread holds the interpreter's lock meanwhile (a
    disposer thread made every call Qt makes into Python wait for it, and Finish of a
    50,000-row import stalled 184 ms for 26 ms of the window's own work)."""
    items: list[tuple[str, list[int]]] = [(str(n), [n]) for n in range(600_000)]
    dispose_in_background(items)
    assert len(items) == 600_000  # nothing freed before the loop runs
    turns: list[float] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: turns.append(time.perf_counter()))
    timer.start()
    try:
        qtbot.waitUntil(lambda: not items, timeout=20_000)
    finally:
        timer.stop()
    gaps = sorted(b - a for a, b in zip(turns, turns[1:], strict=False))
    assert len(gaps) >= 50  # freed over many turns (at once: 0.1-0.3 s in one)
    assert gaps[len(gaps) // 2] < 0.005  # a turn is a slice, not a stall
    assert gaps[-1] < 0.05


def test_columns_are_fitted_after_run_responsive_s_worker_not_beside_it(qtbot: QtBot) -> None:
    """A fitter waits while run_responsive waits for its worker (each fitted cell is a
    call into Python that waits for the worker's lock, and the worker's result
    usually resets the model anyway), then fits what it was asked to."""
    model = QStandardItemModel(60, 4)
    for row in range(60):
        for column in range(4):
            model.setItem(row, column, QStandardItem("breit " * (column + 1)))
    view = table_view(model)
    view.show()
    for column in range(4):
        view.setColumnWidth(column, 20)
    fitter(view).request()
    seen: list[bool] = []
    probe = QTimer()
    probe.setInterval(20)
    probe.timeout.connect(lambda: seen.append(fitting(view)))
    probe.start()
    try:
        run_responsive(lambda: time.sleep(0.3))
    finally:
        probe.stop()
    assert len(seen) >= 5 and all(seen)  # nothing fitted while the worker ran
    qtbot.waitUntil(lambda: not fitting(view), timeout=5000)
    assert all(view.columnWidth(column) > 20 for column in range(4))


def test_one_view_s_columns_are_fitted_per_turn_of_the_loop(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a refresh the users, the groups and the history are fitted: their fitters'
    zero timers fire in one pass of the loop, and each slice must leave the next
    one to the next turn (three slices in a row made 24 ms without an event)."""
    monkeypatch.setattr(views, "_SLICE_S", 10.0)  # a slice fits all of its view
    fitted: list[int] = []
    tables = []
    for number in range(3):
        model = QStandardItemModel(20, 3)
        model.setItem(0, 0, QStandardItem(f"Tabelle {number}"))
        view = table_view(model)
        view.setObjectName(str(number))
        tables.append(view)
    original = views._fit_column
    monkeypatch.setattr(
        views,
        "_fit_column",
        lambda view, *a: (fitted.append(int(view.objectName())), original(view, *a)),
    )
    qtbot.wait(20)  # the turns of the loop before these requests
    for view in tables:
        fitter(view).request()
    # A fitter waits a turn while another's slice ended less than _TURN_GAP_S ago: on
    # a fast machine a hundred passes of the loop take less than that, so the bound
    # is a time, not a number of passes.
    deadline = time.perf_counter() + 5.0
    while any(fitting(view) for view in tables):
        before = set(fitted)
        QApplication.processEvents()  # one pass: every due timer fires
        assert len(set(fitted) - before) <= 1, fitted
        assert time.perf_counter() < deadline
    assert sorted(set(fitted)) == [0, 1, 2]
