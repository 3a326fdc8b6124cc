""" "Neue Startpasswörter…" (SPEC §3, §6): new initial passwords for the selected users
or the members of a class, with a new encrypted protocol and, if wanted, letters.

The engine does the work (:func:`app.engine.admin.resets.reset_passwords`): it checks the
operator's rights, writes the protocol before its commit and records the run. Only
active accounts get new passwords; the dialog says how many were reset.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy import Engine

from app.engine.access.operators import Actor
from app.engine.admin.resets import Selection, reset_passwords
from app.engine.output.handover import Handover
from app.engine.output.outputs import free_name
from app.engine.output.protocol import MIN_PASSWORD_LENGTH
from app.engine.reasons import EngineError, Reason
from app.wizard import texts
from app.wizard.busy import run_responsive
from app.wizard.pages.base import documents_folder, error_label, file_stamp, show_error


class ResetDialog(QDialog):
    def __init__(
        self,
        engine: Engine,
        actor: Actor,
        selection: Selection,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.actor, self.selection = engine, actor, selection
        self.reset_count = 0
        self.handover: Handover | None = None
        self.setWindowTitle(self.tr("New initial passwords"))
        folder, stamp = documents_folder(), file_stamp()
        protocol = self.tr("initial-passwords-%1.xlsx").replace("%1", stamp)
        self.path_edit = QLineEdit(str(free_name(folder / protocol, 0)))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.password_edit, self.repeat_edit = QLineEdit(), QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.letters_check = QCheckBox(self.tr("Also save login letters (PDF, same password)"))
        letters = self.tr("login-letters-%1.pdf").replace("%1", stamp)
        self.letters_edit = QLineEdit(str(folder / letters))
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(QLabel(what))
        form.addRow(self.tr("Protocol:"), path_row)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        form.addRow("", self.letters_check)
        form.addRow(self.tr("Letters:"), self.letters_edit)
        form.addRow(self.error)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(  # asks itself before replacing a file
            self, self.tr("Save protocol"), self.path_edit.text(), "XLSX (*.xlsx);;ZIP (*.zip)"
        )
        if name:
            self.path_edit.setText(name)

    def problem(self) -> str | None:
        if len(self.password_edit.text()) < MIN_PASSWORD_LENGTH:
            return self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH))
        if self.password_edit.text() != self.repeat_edit.text():
            return self.tr("Enter the same password twice.")
        return None

    def confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the file?"),
            self.tr("%1 exists already. Replace it?").replace("%1", path),
        )
        return answer == QMessageBox.StandardButton.Yes

    def run(self) -> None:
        """Reset the passwords; the dialog closes once the protocol is saved."""
        problem = self.problem()
        if problem is not None:
            show_error(self.error, problem)
            return
        letters = Path(self.letters_edit.text()) if self.letters_check.isChecked() else None
        handover = Handover(
            self.password_edit.text(), Path(self.path_edit.text()), letters, texts.language()
        )
        try:
            try:
                handover.check()
            except EngineError as error:
                if error.message.reason is not Reason.OUTPUT_EXISTS:
                    raise
                if not self.confirm_replace(error.file or ""):
                    return
                handover.overwrite = True
            # (hashing, the protocol and the letters: seconds for a year's pupils, beside
            # the interface, which keeps painting)
            _run_id, self.reset_count = run_responsive(
                lambda: reset_passwords(self.engine, self.actor, self.selection, handover)
            )
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        self.handover = handover
        self.accept()
