"""Step 1: the school year the import refers to (default: the current one)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app.db import session_scope
from app.engine.admin.directory import list_years
from app.engine.session import ImportSession
from app.wizard.pages.base import ImportPage


class YearPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("School year"))
        self.setSubTitle(
            self.tr("The groups named in the file are looked up and created in this school year.")
        )
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self._chosen)
        layout = QFormLayout(self)
        layout.addRow(self.tr("School year:"), self.year_combo)
        hint = QLabel(self.tr("An import always refers to exactly one school year."))
        hint.setWordWrap(True)
        layout.addRow(hint)

    def initializePage(self) -> None:  # noqa: N802
        if self.year_combo.count():
            return
        with session_scope(self.session.engine) as db:
            years = [(y.name, y.is_current) for y in list_years(db)]
        self.year_combo.blockSignals(True)
        for name, current in years:
            label = self.tr("%1 (current)").replace("%1", name) if current else name
            self.year_combo.addItem(label, name)
        self.year_combo.blockSignals(False)
        index = self.year_combo.findData(self.session.options.year)
        self.year_combo.setCurrentIndex(max(index, 0))
        self._chosen()

    def _chosen(self) -> None:
        name = self.year_combo.currentData()
        if name:
            self.session.options.year = str(name)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.year_combo.count() > 0
