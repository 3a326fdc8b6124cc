"""Operator management for administrators (SPEC §3 "Operators and rights"): the list,
adding an operator, setting a password, setting the schools in scope. The engine checks
every change against the signed-in administrator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import (
    IMPORT_KINDS,
    MIN_OPERATOR_PASSWORD,
    Actor,
    OperatorRow,
    add_operator,
    list_operators,
    set_password,
    set_scope,
)
from app.engine.admin.directory import list_schools
from app.engine.reasons import EngineError
from app.models import OperatorRole
from app.wizard import texts
from app.wizard.pages.base import error_label, show_error
from app.wizard.tablemodels import DISPLAY, AnyIndex, TitledTableModel
from app.wizard.views import table_view


class OperatorsTableModel(TitledTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorRow] = []

    def set_operators(self, rows: list[OperatorRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def operator_at(self, row: int) -> OperatorRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        op = self._rows[index.row()]
        schools = self.tr("all") if op.schools == ["*"] else ", ".join(op.schools)
        values = (
            op.name,
            texts.role_label(op.role),
            ", ".join(texts.import_kind_label(k) for k in op.import_kinds),
            schools,
            self.tr("yes") if op.has_password else self.tr("no"),
        )
        return values[index.column()]

    def column_titles(self) -> Sequence[str]:
        return (
            self.tr("Name"),
            self.tr("Role"),
            self.tr("May import"),
            self.tr("Schools"),
            self.tr("Password set"),
        )


class OperatorEditDialog(QDialog):
    """Adding an operator (every field), or only a password, or only the schools."""

    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        mode: str = "add",
        name: str = "",
        chosen: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.actor, self.mode = engine, actor, mode
        titles = {
            "add": self.tr("Add operator"),
            "password": self.tr("Set password"),
            "schools": self.tr("Set schools"),
        }
        self.setWindowTitle(titles[mode])
        self.name_edit = QLineEdit(name)
        self.name_edit.setReadOnly(mode != "add")
        self.role_combo = QComboBox()
        for role in OperatorRole:
            self.role_combo.addItem(texts.role_label(role.value), role.value)
        self.role_combo.setCurrentIndex(self.role_combo.findData(OperatorRole.IMPORT_OPERATOR))
        self.kind_checks = {k: QCheckBox(texts.import_kind_label(k)) for k in IMPORT_KINDS}
        for check in self.kind_checks.values():
            check.setChecked(True)
        self.schools_list = QListWidget()
        self.schools_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        with session_scope(engine) as db:
            schools = [s.name for s in list_schools(db, self.actor)]
        for school in schools:
            item = QListWidgetItem(school, self.schools_list)
            item.setSelected(school in (chosen or []) or (mode == "add" and len(schools) == 1))
        self.schools_list.setMaximumHeight(110)
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        self._lay_out()

    def _lay_out(self) -> None:
        kinds = QHBoxLayout()
        for check in self.kind_checks.values():
            kinds.addWidget(check)
        kinds.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        if self.mode == "add":
            form.addRow(self.tr("Role:"), self.role_combo)
            form.addRow(self.tr("May import:"), kinds)
        if self.mode in ("add", "schools"):
            form.addRow(self.tr("Schools:"), self.schools_list)
        if self.mode in ("add", "password"):
            form.addRow(self.tr("Password:"), self.password_edit)
            form.addRow(self.tr("Repeat:"), self.repeat_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def schools(self) -> list[str]:
        return [item.text() for item in self.schools_list.selectedItems()]

    def password_problem(self) -> str | None:
        password = self.password_edit.text()
        if self.mode == "add" and not password:
            return None  # an operator without a password cannot sign in until one is set
        if len(password) < MIN_OPERATOR_PASSWORD:
            text = self.tr("The password needs at least %1 characters.")
            return text.replace("%1", str(MIN_OPERATOR_PASSWORD))
        if password != self.repeat_edit.text():
            return self.tr("Enter the same password twice.")
        return None

    def accept(self) -> None:
        problem = self.password_problem() if self.mode != "schools" else None
        if problem:
            show_error(self.error, problem)
            return
        try:
            with session_scope(self.engine) as db:
                self._save(db)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        super().accept()

    def _save(self, db: Any) -> None:
        name = self.name_edit.text()
        if self.mode == "add":
            kinds = [k for k, check in self.kind_checks.items() if check.isChecked()]
            role = OperatorRole(self.role_combo.currentData())
            password = self.password_edit.text() or None
            add_operator(db, self.actor, name, role, kinds, self.schools(), password)
        elif self.mode == "password":
            set_password(db, self.actor, name, self.password_edit.text())
        else:
            set_scope(db, self.actor, name, self.schools())


class OperatorsDialog(QDialog):
    def __init__(self, engine: Engine, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.actor = engine, actor
        self.edit_dialog: OperatorEditDialog | None = None
        self.setWindowTitle(self.tr("Operators"))
        self.model = OperatorsTableModel(self)
        self.view = table_view(self.model, sortable=False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = QPushButton(self.tr("Add operator…"))
        self.add_button.clicked.connect(lambda: self.edit("add"))
        self.password_button = QPushButton(self.tr("Set password…"))
        self.password_button.clicked.connect(lambda: self.edit("password"))
        self.schools_button = QPushButton(self.tr("Set schools…"))
        self.schools_button.clicked.connect(lambda: self.edit("schools"))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in (self.add_button, self.password_button, self.schools_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(720, 380)
        self.refresh()

    def refresh(self) -> None:
        with session_scope(self.engine) as db:
            self.model.set_operators(list_operators(db, self.actor))
        self._update_buttons()

    def selected(self) -> OperatorRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.operator_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.password_button.setEnabled(chosen is not None)
        self.schools_button.setEnabled(chosen is not None and chosen.schools != ["*"])

    def edit(self, mode: str) -> OperatorEditDialog | None:
        chosen = self.selected()
        if mode != "add" and chosen is None:
            return None
        name = chosen.name if chosen is not None and mode != "add" else ""
        schools = chosen.schools if chosen is not None and mode == "schools" else None
        dialog = OperatorEditDialog(self.engine, self.actor, mode, name, schools, self)
        dialog.accepted.connect(self.refresh)
        self.edit_dialog = dialog
        dialog.open()
        return dialog
