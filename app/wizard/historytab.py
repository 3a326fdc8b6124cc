"""The "History" tab of the main window: every import run with its status and counts,
the run the wizard is carrying out now, downloads of a run's succeeded and failed rows
(XLSX or CSV by the file name), and undoing a run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.admin.history import RunRow, export_rows, list_runs
from app.engine.reasons import EngineError
from app.models import RunStatus
from app.wizard import texts
from app.wizard.busy import run_in_session
from app.wizard.historymodel import RunsTableModel, SortRole, running_row
from app.wizard.messages import inform
from app.wizard.views import table_view

if TYPE_CHECKING:
    from app.wizard.undodialog import UndoDialog


class HistoryTab(QWidget):
    changed = Signal()  # an undo changed the directory
    cancel_requested = Signal()  # the user cancels the import running in this window

    def __init__(self, engine: Engine, actor: Actor | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine, self.actor = engine, actor
        self.last_message: QMessageBox | None = None
        self.undo_dialog: UndoDialog | None = None
        self.model = RunsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = table_view(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.succeeded_button = QPushButton(self.tr("Download succeeded rows…"))
        self.succeeded_button.clicked.connect(lambda: self.ask_download(True))
        self.failed_button = QPushButton(self.tr("Download failed rows…"))
        self.failed_button.clicked.connect(lambda: self.ask_download(False))
        self.undo_button = QPushButton(self.tr("Undo this import…"))
        self.undo_button.clicked.connect(self.ask_undo)
        self.undo_button.setVisible(actor is None or actor.can_import("users"))
        self.cancel_button = QPushButton(self.tr("Cancel running import"))
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.live = False  # an import of this window is running
        # Two rows: in German the five buttons side by side are wider than the window.
        downloads, changes = QHBoxLayout(), QHBoxLayout()
        downloads.addWidget(self.succeeded_button)
        downloads.addWidget(self.failed_button)
        downloads.addStretch(1)
        downloads.addWidget(self.refresh_button)
        changes.addWidget(self.undo_button)
        changes.addWidget(self.cancel_button)
        changes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(downloads)
        layout.addLayout(changes)
        self._update_buttons()

    # -- data --------------------------------------------------------------------------
    def refresh(self) -> None:
        with session_scope(self.engine) as db:
            runs = list_runs(db, self.actor)
        self.model.set_runs(runs)
        self._update_buttons()

    def run_started(self, file_name: str) -> None:
        self.live = True
        self.model.set_running(running_row(file_name, self.actor.name if self.actor else None))
        self._update_buttons()

    def run_progressed(self, done: int, total: int, phase: str) -> None:
        progress = f"{texts.phase_label(phase)} {100 * done // total} %" if total else ""
        self.model.set_progress(progress)

    def clear_running(self, _outcome: str = "") -> None:
        """The wizard's run ended: the database has it now (the caller refreshes)."""
        self.live = False
        self.model.set_running(None)
        self._update_buttons()

    def selected_run(self) -> RunRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.run_at(self.proxy.mapToSource(rows[0]).row())

    def select_run(self, run_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.run_at(source).run_id == run_id:
                self.view.selectRow(row)
                return

    def _update_buttons(self) -> None:
        run = self.selected_run()
        finished = run is not None and run.run_id > 0 and run.status != RunStatus.RUNNING.value
        for button in (self.succeeded_button, self.failed_button):
            button.setEnabled(finished)  # an archived run explains itself when asked
        self.undo_button.setEnabled(
            finished and run is not None and run.kind == "users" and run.status in _UNDOABLE
        )
        running = run is not None and run.status == RunStatus.RUNNING.value
        self.cancel_button.setEnabled(self.live and running)

    # -- downloads ---------------------------------------------------------------------
    def ask_download(self, succeeded: bool) -> None:
        run = self.selected_run()
        if run is None:
            return
        stem = Path(run.file_name).stem or "import"
        suffix = self.tr("succeeded") if succeeded else self.tr("failed")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Download succeeded rows") if succeeded else self.tr("Download failed rows"),
            str(Path.home() / f"{stem}-{suffix}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            self.download(run.run_id, Path(name), succeeded)

    def download(self, run_id: int, target: Path, succeeded: bool) -> int | None:
        """Write the rows; an archived or running run shows the engine's refusal."""
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_name(target.name + ".xlsx")
        language = texts.language()

        def write(db: Session) -> int:
            return export_rows(db, run_id, target, succeeded, self.actor, language=language)

        try:
            count = run_in_session(self.engine, write)  # (50,000 rows: seconds)
        except EngineError as error:
            self.last_message = inform(
                self, self.tr("Download not possible"), texts.error_text(error), warning=True
            )
            return None
        except OSError as error:
            text = f"{target}: {error.strerror or error}"
            self.last_message = inform(self, self.tr("Download not possible"), text, warning=True)
            return None
        text = self.tr("%n rows written to %1", "", count).replace("%1", str(target))
        self.last_message = inform(self, self.tr("Download"), text)
        return count

    # -- undo --------------------------------------------------------------------------
    def ask_undo(self) -> UndoDialog | None:
        run = self.selected_run()
        if run is None:
            return None
        from app.wizard.undodialog import UndoDialog  # the undo engine, when asked for

        dialog = UndoDialog(self.engine, run.run_id, self.actor, self)
        dialog.undone.connect(lambda _result: self._undone())
        self.undo_dialog = dialog
        dialog.open()
        return dialog

    def _undone(self) -> None:
        self.refresh()
        self.changed.emit()


_UNDOABLE = (RunStatus.COMPLETED.value, RunStatus.COMPLETED_WITH_ERRORS.value)
