"""The desktop application's start, driven for ``bench/startup.py`` (not for people).

Starts ``app.wizard.main.main()`` unchanged, with one event filter on the
application: after the main window's first paint it notes the time; half a second
later (``$BENCH_CLICK_DELAY_MS``, an administrator's reaction; the window loads the
wizard's modules in that time) it clicks "Import…" (the toolbar button) and notes the
time again, and after the wizard's first page has painted it notes the time a third
time. It prints the three wall-clock times (and its
peak memory) as one JSON line and ends the process at once, skipping the teardown.

The filter is installed by a subclass of ``QApplication`` put in place before the
application's modules are imported, so the program starts exactly as it does for a
user (``$SCHOOLIMPORT_DB`` names the database; it needs a school year, else the first
start asks for one).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer

# After $PYTHONPATH, so that bench/startup.py --compare can point it at another tree.
sys.path.append(str(Path(__file__).resolve().parent.parent))


def peak_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class FirstPaints(QObject):
    """Watches paint events: the main window's first, then the wizard's first."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, float | bool] = {}
        self.pending: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QtWidgets.QWidget):
            return False
        window = watched.window()
        kind = type(window).__name__
        if kind == "MainWindow" and not {"painted"} & (self.marks.keys() | self.pending):
            self.pending.add("painted")
            # Runs once this round of painting is done (Qt paints a window in one go).
            QTimer.singleShot(0, lambda: self.main_window_painted(window))
        elif kind == "ImportWizard" and "clicked" in self.marks and "page" not in self.pending:
            self.pending.add("page")
            QTimer.singleShot(0, self.wizard_painted)
        return False

    def main_window_painted(self, window: Any) -> None:
        self.marks["painted"] = time.time()
        QTimer.singleShot(CLICK_DELAY_MS, lambda: self.click_import(window))

    def click_import(self, window: Any) -> None:
        toolbar = window.findChild(QtWidgets.QToolBar)
        button = toolbar.widgetForAction(window.import_action)
        self.marks["wizard_loaded"] = "app.wizard.wizard" in sys.modules
        self.marks["clicked"] = time.time()
        button.click()

    def wizard_painted(self) -> None:
        self.marks["page"] = time.time()
        sys.stdout.write(json.dumps({**self.marks, "peak_kb": peak_kb()}) + "\n")
        sys.stdout.flush()
        os._exit(0)


CLICK_DELAY_MS = int(os.environ.get("BENCH_CLICK_DELAY_MS", "500"))
WATCH = FirstPaints()


class WatchedApplication(QtWidgets.QApplication):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.installEventFilter(WATCH)


QtWidgets.QApplication = WatchedApplication  # type: ignore[misc]

if __name__ == "__main__":
    from app.wizard.main import main

    sys.exit(main())
