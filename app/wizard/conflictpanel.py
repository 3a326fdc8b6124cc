"""The preview's conflict panel: the selected row's conflict and a button per choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.engine.planning.results import Resolution, RowPlan
from app.wizard import texts
from app.wizard.planmodel import reasons_text


class ConflictPanel(QGroupBox):
    """Shows one row; ``resolved(row, choice)`` when the user picks a choice."""

    resolved = Signal(object, object)  # RowPlan, Resolution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Selected row"), parent)
        self._row: RowPlan | None = None
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.buttons: dict[Resolution, QPushButton] = {}
        button_row = QHBoxLayout()
        for choice in Resolution:
            button = QPushButton(texts.resolution_label(choice))
            button.clicked.connect(lambda _c=False, r=choice: self._chosen(r))
            button.hide()
            self.buttons[choice] = button
            button_row.addWidget(button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.state_label)
        layout.addLayout(button_row)
        self.show_row(None)

    def row(self) -> RowPlan | None:
        return self._row

    def show_row(self, row: RowPlan | None) -> None:
        self._row = row
        conflict = row.conflict if row is not None else None
        if row is None:
            self.message_label.setText(self.tr("Select a row to see its details."))
        elif conflict is None:
            self.message_label.setText(reasons_text(row) or self.tr("No conflict in this row."))
        else:
            self.message_label.setText(
                "<b>" + self.tr("Conflict:") + "</b> " + texts.reason_text(conflict.message)
            )
        self._show_state(row)
        choices = conflict.choices if conflict is not None else ()
        for choice, button in self.buttons.items():
            button.setVisible(choice in choices)
            button.setDefault(row is not None and row.resolution is choice)

    def _show_state(self, row: RowPlan | None) -> None:
        if row is None or row.conflict is None:
            self.state_label.clear()
        elif row.resolution is None:
            self.state_label.setText(
                self.tr("Not resolved yet: the row will not be imported until you choose.")
            )
        else:
            self.state_label.setText(
                self.tr("Chosen: %1").replace("%1", texts.resolution_label(row.resolution))
            )

    def _chosen(self, choice: Resolution) -> None:
        if self._row is not None:
            self.resolved.emit(self._row, choice)
