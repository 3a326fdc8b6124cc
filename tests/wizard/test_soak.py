"""A soak run: one main window through 20 imports, as an administrator's long session.

Each import reads a 2,000-row file, creates a class inline on the groups page, opens
the preview, runs (2,000 new accounts, their passwords hashed) and saves the encrypted
protocol; then the run is undone, so that the directory (and the users list the window
shows) is the same size before every import. Between imports the process's resident
memory, the number of objects the garbage collector tracks and the reference count of
``None`` are recorded. Memory and objects must stay flat (an application that kept every
finished wizard alive grew 31 MB per import here), and ``None``'s count must never
fall: a binding that drops a reference per call (PySide6 6.12.0 on Python 3.11 dropped
one per void Qt call) aborts the interpreter once the count reaches zero.

``None``'s count is allowed to rise: PySide6 6.10 and 6.11 take one reference to
``None`` per signal connection and per widget added to a layout and never give it back
(about 2,000 per import of this wizard, whatever the rows; 6.8 and 6.9 do not). An
object that is never freed cannot be freed too early, so that costs neither memory nor
safety; the figure is printed so that a change shows.

Marked ``soak``: ``make soak`` and ``.ci/run`` run it, ``make test`` does not.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from statistics import linear_regression

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.admin.history import list_runs
from app.engine.admin.undo import undo_run
from app.wizard.mainwindow import MainWindow
from tests.wizard.conftest import HEADER, write_csv
from tests.wizard.driver import allow_close, run_import, to_preview

pytestmark = [pytest.mark.gui, pytest.mark.soak, pytest.mark.slow]

IMPORTS = 20
ROWS = 2_000
WARM_UP = 3  # the first imports fill caches (Qt's fonts, SQLAlchemy's compiled statements)
# Per import, after the warm-up. A leak of one reference per Qt call, or a wizard with
# its 2,000-row plan kept alive per import, is far above these.
MAX_RSS_GROWTH_MB_PER_IMPORT = 1.5
MAX_OBJECT_GROWTH_PER_IMPORT = 200
MAX_NONE_FALL = 100  # in all: a few references come and go with caches


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def _students(tmp_path: Path) -> Path:
    """2,000 new pupils; half in 5a, half in 5b, which the wizard creates inline."""
    rows = [
        [f"Nachname{i:04d}", f"Vorname{i}", "5a" if i % 2 else "5b", f"{i:05d}", "01.02.2015"]
        for i in range(ROWS)
    ]
    return write_csv(tmp_path / "schueler.csv", rows, HEADER)


def _import_and_save(qtbot: QtBot, window: MainWindow, path: Path, run: int) -> int:
    """One import through the window's wizard, protocol saved; returns the run's id."""
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    allow_close(wizard)
    to_preview(qtbot, wizard, path, create={"5b": "class"})
    target = path.with_name(f"protokoll-{run:02d}.xlsx")
    assert run_import(qtbot, wizard, protocol=target) == "finished"  # saved before commit
    result = wizard.run_page.result
    assert result is not None and result.summary.created == ROWS
    assert target.is_file() and wizard.run_page.unsaved_passwords() == 0
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    return result.run_id


def _undo(engine: Engine, run_id: int) -> None:
    with session_scope(engine) as db:
        undo_run(db, run_id)


def _slope(samples: Sequence[float]) -> float:
    """Growth per import after the warm-up: the least-squares slope, so that one noisy
    sample (the allocator returning or keeping an arena) does not decide."""
    return linear_regression(range(len(samples)), samples).slope


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)  # deleteLater of the closed wizard
        QApplication.processEvents()
        gc.collect()


def test_one_window_through_twenty_imports(
    qtbot: QtBot, window: MainWindow, engine: Engine, tmp_path: Path
) -> None:
    path = _students(tmp_path)
    rss: list[float] = []
    objects: list[int] = []
    none: list[int] = []
    for run in range(IMPORTS):
        assert window.users_model.rowCount() == 0
        _undo(engine, _import_and_save(qtbot, window, path, run))
        window.refresh()
        _settle()
        rss.append(_rss_mb())
        objects.append(len(gc.get_objects()))
        none.append(sys.getrefcount(None))
    with session_scope(engine) as db:
        assert len(list_runs(db)) == IMPORTS
    rss_growth = _slope(rss[WARM_UP:])
    object_growth = _slope(objects[WARM_UP:])
    none_drift = _slope(none[WARM_UP:])
    lowest = min(b - a for a, b in zip(none[WARM_UP:], none[WARM_UP + 1 :], strict=False))
    print(  # noqa: T201 -- the figures the soak run reports
        f"\nsoak: {IMPORTS} imports of {ROWS} rows; RSS MB "
        + " ".join(f"{value:.0f}" for value in rss)
        + f"; growth after warm-up {rss_growth:+.2f} MB/import"
        + f"; gc objects {objects[WARM_UP]} → {objects[-1]} ({object_growth:+.0f}/import)"
        + f"; refcount(None) {none[0]} → {none[-1]} ({none_drift:+.0f}/import)"
    )
    assert rss_growth <= MAX_RSS_GROWTH_MB_PER_IMPORT, f"RSS grows {rss_growth:.2f} MB/import"
    assert object_growth <= MAX_OBJECT_GROWTH_PER_IMPORT, f"{object_growth:.0f} objects/import"
    assert lowest >= -MAX_NONE_FALL, f"the reference count of None fell by {-lowest} in an import"
