"""The first start asks for the interface language.

A German school's computer often runs an English system, where following the locale
would start the program in English. The question is asked in both languages (no
translation is loaded yet), with the system's language chosen in advance; the answer
goes into the settings, where the settings dialog can change it later.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.wizard.i18n import LANGUAGE_KEY, chosen_language


class LanguageDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("schoolimport – Sprache / Language")
        question = QLabel(
            "In welcher Sprache soll das Programm erscheinen?\n"
            "Which language should the program use?"
        )
        self.buttons = {"de": QRadioButton("Deutsch"), "en": QRadioButton("English")}
        group = QButtonGroup(self)
        for button in self.buttons.values():
            group.addButton(button)
        self.buttons[chosen_language(settings)].setChecked(True)
        note = QLabel(
            "Später änderbar unter Extras → Einstellungen.\n"
            "You can change it later in Extras → Settings."
        )
        note.setStyleSheet("color: #666;")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        for button in self.buttons.values():
            layout.addWidget(button)
        layout.addWidget(note)
        layout.addWidget(box)

    def language(self) -> str:
        return "de" if self.buttons["de"].isChecked() else "en"

    def accept(self) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language())
        self.settings.sync()
        super().accept()


def needs_language_question(settings: QSettings) -> bool:
    """Only the first start asks (or any start before an answer was given)."""
    return not settings.contains(LANGUAGE_KEY)


def ask_language_once(settings: QSettings) -> None:
    if needs_language_question(settings):
        LanguageDialog(settings).exec()
