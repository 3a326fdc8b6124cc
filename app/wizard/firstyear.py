"""First start: ask for the first school year when the database has none."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.admin.directory import add_year, list_years
from app.engine.reasons import Refused
from app.wizard.pages.base import error_label, show_error
from app.wizard.texts import error_text


def suggested_year(today: date) -> tuple[str, date, date]:
    """The school year that contains ``today`` (it starts on 1 August)."""
    first = today.year if today.month >= 8 else today.year - 1
    return f"{first}/{(first + 1) % 100:02d}", date(first, 8, 1), date(first + 1, 7, 31)


def has_school_year(engine: Engine) -> bool:
    with session_scope(engine) as db:
        return bool(list_years(db))


class FirstYearDialog(QDialog):
    def __init__(
        self,
        engine: Engine,
        today: date | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ):
        super().__init__(parent)
        self.actor = actor
        self.engine = engine
        self.setWindowTitle(self.tr("Welcome"))
        name, start, end = suggested_year(today or date.today())
        intro = QLabel(
            self.tr(
                "Every import refers to a school year. Please enter the current school year;"
                " more can be added later."
            )
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name)
        self.start_edit = self._date_edit(start)
        self.end_edit = self._date_edit(end)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("School year:"), self.name_edit)
        form.addRow(self.tr("First day:"), self.start_edit)
        form.addRow(self.tr("Last day:"), self.end_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(440, 220)

    @staticmethod
    def _date_edit(value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    def accept(self) -> None:
        start = self.start_edit.date().toPython()
        end = self.end_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        try:
            with session_scope(self.engine) as db:
                add_year(db, self.name_edit.text(), start, end, current=True, actor=self.actor)
        except Refused as error:
            show_error(self.error, error_text(error))
            return
        super().accept()
