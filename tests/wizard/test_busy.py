"""run_responsive: the call's result or error comes back, and the interface thread
runs its timers meanwhile; dispose_in_background empties a list off that thread."""

from __future__ import annotations

import threading
import time
from statistics import median

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.wizard.busy import dispose_in_background, run_responsive

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


def test_the_disposer_leaves_the_lock_to_the_interface_thread(qtbot: QtBot) -> None:
    """While a big list is freed in the background, the interface thread gets the
    interpreter's lock back at once each time it lets go of it (a Qt call into C++):
    a disposer freeing flat out made it wait the switch interval (5 ms) every time,
    and Finish of a 50,000-row import stalled 184 ms for 26 ms of its own work."""
    items: list[tuple[str, list[int]]] = [(str(n), [n]) for n in range(600_000)]
    dispose_in_background(items)
    waits: list[float] = []
    while items and len(waits) < 400:
        started = time.perf_counter()
        time.sleep(0.0001)  # lets go of the lock, as each call into Qt's C++ does
        waits.append(time.perf_counter() - started - 0.0001)
    assert len(waits) >= 20  # measured while the disposer worked
    assert median(waits) < 0.0015
    qtbot.waitUntil(lambda: not items, timeout=20_000)
