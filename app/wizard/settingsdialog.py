"""Settings: the interface language (applies at the next start) and, for
administrators, the school's name (printed on letters and protocols) and the grace
periods of each account type (SPEC §3 "Grace periods")."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.admin.directory import find_school, rename_school
from app.engine.admin.lifecycle import MAX_PERIOD_DAYS, get_periods, set_periods
from app.engine.reasons import EngineError
from app.models import School
from app.wizard import texts
from app.wizard.i18n import LANGUAGE_KEY
from app.wizard.pages.base import error_label, show_error


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        engine: Engine | None = None,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings, self.engine, self.actor = settings, engine, actor
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("As the system"), "system")
        self.language_combo.addItem("Deutsch", "de")
        self.language_combo.addItem("English", "en")
        current = str(settings.value(LANGUAGE_KEY, "system"))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current)))
        note = QLabel(self.tr("A new language applies when the program starts the next time."))
        note.setWordWrap(True)
        self.period_spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        self.school_edit: QLineEdit | None = None
        self.school_name = ""
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language_combo)
        if engine is not None and (actor is None or actor.is_admin):
            with session_scope(engine) as db:
                self.school_name = db.get(School, find_school(db, None)).name  # type: ignore[union-attr]
            self.school_edit = QLineEdit(self.school_name)
            form.addRow(self.tr("Name of the school:"), self.school_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        if engine is not None and (actor is None or actor.is_admin):
            layout.addWidget(self._periods_box(engine))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _periods_box(self, engine: Engine) -> QGroupBox:
        box = QGroupBox(self.tr("Grace periods of accounts released for deletion"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("Deactivated after (days)")), 0, 1)
        grid.addWidget(QLabel(self.tr("Purgeable after a further (days)")), 0, 2)
        with session_scope(engine) as db:
            periods = get_periods(db)
        for row, period in enumerate(periods, start=1):
            spins = (QSpinBox(), QSpinBox())
            for spin, value in zip(
                spins, (period.tolerance_days, period.deletion_days), strict=True
            ):
                spin.setRange(0, MAX_PERIOD_DAYS)
                spin.setValue(value)
            self.period_spins[period.account_type] = spins
            grid.addWidget(QLabel(texts.account_type_label(period.account_type)), row, 0)
            grid.addWidget(spins[0], row, 1)
            grid.addWidget(spins[1], row, 2)
        note = QLabel(self.tr("Changed periods apply to accounts released from now on."))
        note.setWordWrap(True)
        grid.addWidget(note, len(periods) + 1, 0, 1, 3)
        return box

    def accept(self) -> None:
        if self.engine is not None and self.period_spins:
            try:
                with session_scope(self.engine) as db:
                    name = self.school_edit.text() if self.school_edit is not None else ""
                    if name.strip() and name.strip() != self.school_name:
                        rename_school(db, self.school_name, name)
                    for code, (tolerance, deletion) in self.period_spins.items():
                        set_periods(db, code, tolerance.value(), deletion.value(), self.actor)
            except EngineError as error:
                show_error(self.error, texts.error_text(error))
                return
        self.settings.setValue(LANGUAGE_KEY, self.language_combo.currentData())
        self.settings.sync()
        super().accept()
