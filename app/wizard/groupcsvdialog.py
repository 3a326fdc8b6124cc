"""Group CSV import and export (SPEC §3): the import dialog plans the file against the
database and previews it (groups added or updated with their changes, members, row
errors in red) before anything is written; Import applies exactly that plan."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor
from app.engine.admin.groupcsv import (
    GroupImportPlan,
    GroupImportResult,
    GroupPlan,
    RowError,
    apply_group_import,
    plan_group_import,
)
from app.engine.admin.groupexport import export_groups
from app.engine.reasons import EngineError
from app.wizard import texts
from app.wizard.busy import run_in_session
from app.wizard.formats import counted
from app.wizard.pages.base import OK_STYLE, error_label, show_error
from app.wizard.tablemodels import DISPLAY, AnyIndex, TitledTableModel
from app.wizard.views import table_view

IMPORT_ENCODINGS = ("auto", "utf-8", "shift_jis", "cp1252")
EXPORT_ENCODINGS = ("utf-8", "shift_jis", "cp1252")
ERROR_COLOUR = "#c62828"


def encoding_label(value: str) -> str:
    names = {"utf-8": "UTF-8", "shift_jis": "Shift-JIS", "cp1252": "Windows-1252"}
    return names.get(value, value)


def result_sentence(result: GroupImportResult) -> str:
    def tr(source: str, n: int) -> str:
        return counted(QCoreApplication.translate("GroupImportDialog", source, None, n), n)

    groups = ", ".join(
        (
            tr("%n groups added", result.groups_added),
            tr("%n groups updated", result.groups_updated),
        )
    )
    members = ", ".join(
        (
            tr("%n members added", result.members_added),
            tr("%n members updated", result.members_updated),
        )
    )
    return f"{groups}. {members}"


class GroupPlanTableModel(TitledTableModel):
    """One row per group of the plan, then one per row error (in red)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[GroupPlan] = []
        self._errors: list[RowError] = []

    def set_plan(self, plan: GroupImportPlan | None) -> None:
        self.beginResetModel()
        self._groups = plan.groups if plan else []
        self._errors = plan.errors if plan else []
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._groups) + len(self._errors)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def _action(self, group: GroupPlan) -> str:
        names = {"add": self.tr("add"), "update": self.tr("update")}
        return names.get(group.action, self.tr("unchanged"))

    def _group_values(self, group: GroupPlan) -> tuple[Any, ...]:
        changes = ", ".join(f"{c.field}: {c.old} → {c.new}" for c in group.changes)
        return (
            group.line,
            group.external_id or "",
            group.name,
            self._action(group),
            len(group.members_added),
            len(group.members_updated) + len(group.members_removed),
            changes,
        )

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_error = row >= len(self._groups)
        if role == Qt.ItemDataRole.ForegroundRole and is_error:
            return QColor(ERROR_COLOUR)
        if role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        if is_error:
            error = self._errors[row - len(self._groups)]
            values: tuple[Any, ...] = (error.line, "", "", self.tr("error"), "", "")
            return texts.reason_text(error.message) if column == 6 else values[column]
        return self._group_values(self._groups[row])[column]

    def column_titles(self) -> Sequence[str]:
        return (
            self.tr("Line"),
            self.tr("Group ID"),
            self.tr("Group name"),
            self.tr("Action"),
            self.tr("Members added"),
            self.tr("Members changed"),
            self.tr("Changes / problem"),
        )


class GroupImportDialog(QDialog):
    imported = Signal(object)  # GroupImportResult

    def __init__(
        self,
        engine: Engine,
        year: str | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.year, self.actor = engine, year, actor
        self.plan: GroupImportPlan | None = None
        self.outcome: GroupImportResult | None = None
        self.setWindowTitle(self.tr("Import groups from CSV"))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self._choose)
        self.encoding_combo = QComboBox()
        for value in IMPORT_ENCODINGS:
            label = self.tr("detect") if value == "auto" else encoding_label(value)
            self.encoding_combo.addItem(label, value)
        self.encoding_combo.currentIndexChanged.connect(self.preview)
        self.delete_check = QCheckBox(self.tr("Delete members before importing"))
        self.delete_check.setToolTip(
            self.tr("The groups named in the file are emptied first; groups are never deleted.")
        )
        self.delete_check.toggled.connect(self.preview)
        self.year_check = QCheckBox(self.tr("New groups only in the school year %1"))
        self.year_check.setText(self.year_check.text().replace("%1", year or ""))
        self.year_check.setVisible(bool(year))
        self.year_check.toggled.connect(self.preview)
        self.model = GroupPlanTableModel(self)
        self.view = table_view(self.model, sortable=False)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        # The layout gives a wrapped label the height of one line; the German summary
        # takes two at the dialog's size, and the second was cut in half.
        self.summary_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 4)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._lay_out(choose)

    def _lay_out(self, choose: QPushButton) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        form.addRow("", self.delete_check)
        form.addRow("", self.year_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(860, 520)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a group file"), "", self.tr("CSV (*.csv *.txt);;All files (*)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.outcome = None
        self.preview()

    def preview(self) -> None:
        """Plan the file afresh (nothing is written)."""
        text = self.path_edit.text()
        self.plan = None
        if text:
            year = self.year if self.year_check.isChecked() else None
            encoding, delete = str(self.encoding_combo.currentData()), self.delete_check.isChecked()

            def plan(db: Session) -> GroupImportPlan:
                return plan_group_import(db, Path(text), encoding, delete, year, actor=self.actor)

            try:  # (150,000 memberships: seconds, beside the interface)
                self.plan = run_in_session(self.engine, plan)
                show_error(self.error, None)
            except EngineError as error:
                show_error(self.error, texts.error_text(error))
        self.model.set_plan(self.plan)
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary_label.setStyleSheet("")
        if self.plan is None:
            self.summary_label.clear()
            self.import_button.setEnabled(False)
            return
        summary = self.plan.summary()
        text = self.tr("Preview: %1.").replace("%1", result_sentence(summary))
        if summary.rows_with_errors:
            more = self.tr("%n rows have errors and are left out.", "", summary.rows_with_errors)
            text += " " + more
        self.summary_label.setText(text)
        self.import_button.setEnabled(bool(self.plan.groups))

    def run_import(self) -> GroupImportResult | None:
        if self.plan is None:
            return None
        chosen = self.plan
        try:
            result = run_in_session(
                self.engine, lambda db: apply_group_import(db, chosen, self.actor)
            )
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            self.preview()
            return None
        self.outcome = result
        self.plan = None
        self.import_button.setEnabled(False)
        self.summary_label.setText(result_sentence(result))
        self.summary_label.setStyleSheet(OK_STYLE)
        self.imported.emit(result)
        return result


class GroupExportDialog(QDialog):
    """Where to and in which encoding; the export itself is one engine call."""

    def __init__(
        self, engine: Engine, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.actor = engine, actor
        self.written = 0
        self.setWindowTitle(self.tr("Export groups to CSV"))
        self.path_edit = QLineEdit(str(Path.home() / "gruppen.csv"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.encoding_combo = QComboBox()
        for value in EXPORT_ENCODINGS:
            self.encoding_combo.addItem(encoding_label(value), value)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 150)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export groups"), self.path_edit.text(), self.tr("CSV (*.csv)")
        )
        if name:
            self.path_edit.setText(name)

    def accept(self) -> None:
        target = Path(self.path_edit.text().strip())
        encoding = str(self.encoding_combo.currentData())
        try:
            self.written = run_in_session(
                self.engine, lambda db: export_groups(db, target, encoding, self.actor)
            )
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        except OSError as error:
            show_error(self.error, f"{target}: {error.strerror or error}")
            return
        super().accept()
