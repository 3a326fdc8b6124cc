"""A guard against a Qt binding that leaks references to ``None``.

PySide6 6.12.0 on Python 3.11 lowers the reference count of ``None`` by one on every
void Qt call made from Python (``setText``, ``setVisible``, ``setValue``, …). On 3.11
``None`` is an ordinary object: once its count reaches zero, Python aborts the whole
program ("none_dealloc: deallocating None"), mid-wizard, with any unsaved initial
passwords. Python 3.12+ makes ``None`` immortal and hides the leak; there the test
still drives the calls and asserts that the process survives them.

The test needs nothing of the application, so that it can be run on its own against
any PySide6 release before that release goes into the lock (``make lock``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, QStringListModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui

CALLS = 100_000
BATCH = 1_000
# A few references may come and go with caches and interned objects; a leak drifts
# by one per call, so after one batch it is a thousand.
TOLERANCE = 50
IMMORTAL_NONE = sys.version_info >= (3, 12)


class _Emitter(QObject):
    changed = Signal(int)


def _void_calls(host: QWidget) -> list[tuple[str, Callable[[int], object]]]:
    """The kinds of void call the wizard makes, each as a function of a counter."""
    label, bar, button = QLabel(host), QProgressBar(host), QPushButton(host)
    line, check, combo = QLineEdit(host), QCheckBox(host), QComboBox(host)
    combo.addItems(["Klasse", "Kurs", "Team"])
    bar.setRange(0, BATCH)
    model = QStringListModel(["5a", "5b"])
    view = QTableView(host)
    view.setModel(model)
    emitter = _Emitter(host)
    received: list[int] = []
    emitter.changed.connect(received.append)
    return [
        ("QLabel.setText", lambda i: label.setText(f"{i} von {CALLS}")),
        ("QWidget.setVisible", lambda i: label.setVisible(bool(i % 2))),
        ("QWidget.setEnabled", lambda i: button.setEnabled(bool(i % 2))),
        ("QWidget.setToolTip", lambda i: button.setToolTip("Neue Startpasswörter")),
        ("QProgressBar.setValue", lambda i: bar.setValue(i % BATCH)),
        ("QLineEdit.setText", lambda i: line.setText("Müller")),
        ("QCheckBox.setChecked", lambda i: check.setChecked(bool(i % 2))),
        ("QComboBox.setCurrentIndex", lambda i: combo.setCurrentIndex(i % 3)),
        ("QTableView.resizeColumnsToContents", lambda i: view.resizeColumnsToContents()),
        ("Signal.emit", lambda i: emitter.changed.emit(i)),
    ]


def test_void_qt_calls_leave_the_refcount_of_none_alone(qtbot: QtBot) -> None:
    host = QWidget()  # kept alive here: its children die with it
    qtbot.addWidget(host)
    calls = _void_calls(host)
    per_kind = CALLS // len(calls)
    made = 0
    for name, call in calls:
        for start in range(0, per_kind, BATCH):
            before = sys.getrefcount(None)
            for i in range(start, start + BATCH):
                call(i)
            made += BATCH
            drift = before - sys.getrefcount(None)
            # Checked after every batch, so a leaking binding fails here long before
            # None's count reaches zero and aborts the interpreter.
            if not IMMORTAL_NONE:
                assert abs(drift) <= TOLERANCE, (
                    f"{name} moved the reference count of None by {drift} in {BATCH} "
                    f"calls: this Qt binding leaks references to None and would abort "
                    f"the program on Python 3.11 (PySide6 6.12.0 does)"
                )
    assert made == CALLS
