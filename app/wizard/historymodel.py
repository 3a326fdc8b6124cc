"""The import history as a table: ``history.list_runs`` rows, newest first, with their
run numbers (the undo speaks of "Lauf 2"), and the run the wizard is carrying out right
now (its transaction is not visible to other connections until it commits, so the
window shows it from the wizard's signals)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from app.engine.admin.history import RunRow
from app.models import RunStatus, utcnow
from app.wizard import texts
from app.wizard.formats import moment, number
from app.wizard.tablemodels import DISPLAY, AnyIndex, TitledTableModel

RunRowRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2  # numbers and times sort as such, not as text
COUNTS = ("created", "updated", "reactivated", "expired", "invalid", "skipped", "conflicts")
RUN, FILE, STATUS, STARTED, FINISHED, OPERATOR = range(6)
FIRST_COUNT = 6
STATUS_COLOURS = {
    RunStatus.RUNNING.value: "#1565c0",
    RunStatus.COMPLETED_WITH_ERRORS.value: "#ef6c00",
    RunStatus.FAILED.value: "#c62828",
    RunStatus.CANCELLED.value: "#757575",
    RunStatus.ARCHIVED.value: "#757575",
    RunStatus.UNDONE.value: "#757575",
}


def running_row(file_name: str, operator: str | None) -> RunRow:
    """The wizard's current run, until the database has it."""
    counts = dict.fromkeys(COUNTS, 0)
    return RunRow(
        0, "users", file_name, RunStatus.RUNNING.value, "", utcnow(), None, operator, counts
    )


class RunsTableModel(TitledTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RunRow] = []
        self._running: RunRow | None = None
        self._progress = ""

    def set_runs(self, rows: list[RunRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_running(self, row: RunRow | None) -> None:
        self.beginResetModel()
        self._running, self._progress = row, ""
        self.endResetModel()

    def set_progress(self, text: str) -> None:
        if self._running is not None:
            self._progress = text
            self.dataChanged.emit(self.index(0, STATUS), self.index(0, STATUS))

    def _all(self) -> list[RunRow]:
        return [self._running, *self._rows] if self._running is not None else self._rows

    def run_at(self, row: int) -> RunRow:
        return self._all()[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._all())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else FIRST_COUNT + len(COUNTS)

    def _status(self, run: RunRow) -> str:
        label = texts.run_status_label(run.status)
        if run is self._running and self._progress:
            return f"{label} · {self._progress}"
        return label

    def _value(self, run: RunRow, column: int) -> Any:
        if column >= FIRST_COUNT:  # the running run has no counts yet
            if run is self._running:
                return ""
            return number(run.counts.get(COUNTS[column - FIRST_COUNT], 0))
        values = (
            str(run.run_id) if run.run_id else "",
            run.file_name,
            self._status(run),
            moment(run.started_at),
            moment(run.finished_at),
            run.operator or "",
        )
        return values[column]

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        run = self.run_at(index.row())
        column = index.column()
        if role == DISPLAY:
            return self._value(run, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS and run.message:
                return run.message
            return self._value(run, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            colour = STATUS_COLOURS.get(run.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and (column >= FIRST_COUNT or column == RUN):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == RunRowRole:
            return run
        if role == SortRole:
            return self._sort_key(run, column)
        return None

    def _sort_key(self, run: RunRow, column: int) -> Any:
        if column >= FIRST_COUNT:
            return run.counts.get(COUNTS[column - FIRST_COUNT], 0)
        if column == RUN:
            return run.run_id or 1 << 62  # the running one is the newest
        if column in (STARTED, FINISHED):
            moment = run.started_at if column == STARTED else run.finished_at
            return moment.isoformat() if moment else ""
        return str(self._value(run, column)).casefold()

    def column_titles(self) -> Sequence[str]:
        return [
            self.tr("Run"),
            self.tr("File"),
            self.tr("Status"),
            self.tr("Started"),
            self.tr("Finished"),
            self.tr("Operator"),
            self.tr("Created"),
            self.tr("Updated"),
            self.tr("Reactivated"),
            self.tr("Released"),
            self.tr("Invalid"),
            self.tr("Skipped"),
            self.tr("Conflicts"),
        ]
