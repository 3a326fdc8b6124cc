"""Settings: the interface language (applies at the next start)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.wizard.i18n import LANGUAGE_KEY


class SettingsDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("As the system"), "system")
        self.language_combo.addItem("Deutsch", "de")
        self.language_combo.addItem("English", "en")
        current = str(settings.value(LANGUAGE_KEY, "system"))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current)))
        note = QLabel(self.tr("A new language applies when the program starts the next time."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language_combo.currentData())
        self.settings.sync()
        super().accept()
