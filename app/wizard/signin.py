"""Signing in at start when the database has operators with passwords (SPEC §3)."""

from __future__ import annotations

from PySide6.QtWidgets import (
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
from app.engine.access.operators import Actor, authenticate
from app.engine.reasons import EngineError
from app.wizard.pages.base import error_label, show_error
from app.wizard.texts import error_text


class SignInDialog(QDialog):
    def __init__(self, engine: Engine, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sign in") + " — schoolimport")
        intro = QLabel(self.tr("Please sign in with your operator name and password."))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Operator:"), self.name_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password_edit if name else self.name_edit).setFocus()
        self.resize(380, 180)

    def accept(self) -> None:
        try:
            with session_scope(self.engine) as db:
                self.actor = authenticate(db, self.name_edit.text(), self.password_edit.text())
        except EngineError as error:
            show_error(self.error, error_text(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        super().accept()
