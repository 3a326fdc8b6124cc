"""Step 8: save the password-protected protocol (SPEC §2.8).

Finish stays closed until the protocol is saved — unless the run created no secrets,
or the user confirms that the new passwords will be lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.engine.letters import save_import_letters
from app.engine.protocol import MIN_PASSWORD_LENGTH, password_strength, protocol_path
from app.engine.reasons import EngineError
from app.engine.session import ImportSession
from app.wizard import texts
from app.wizard.busy import run_responsive
from app.wizard.pages.base import ERROR_STYLE, OK_STYLE, ImportPage, error_label, show_error

STRENGTH_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32")


class ProtocolPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Protocol"))
        self.setSubTitle(
            self.tr(
                "The protocol lists every row and the initial passwords of the new accounts."
                " It is saved encrypted with a password of your choice."
            )
        )
        self.saved_to: Path | None = None
        self.xlsx_radio = QRadioButton(self.tr("Excel workbook (XLSX, encrypted)"))
        self.csv_radio = QRadioButton(self.tr("CSV in an AES-256 zip"))
        formats = QButtonGroup(self)
        formats.addButton(self.xlsx_radio)
        formats.addButton(self.csv_radio)
        self.xlsx_radio.setChecked(True)
        self.xlsx_radio.toggled.connect(self._format_changed)
        self.path_edit = QLineEdit(str(self.default_path()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.password_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._check)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(10)
        self.hint_label = QLabel()
        self.save_button = QPushButton(self.tr("Save protocol"))
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.error = error_label()
        self.letters_check = QCheckBox(self.tr("Also save login letters (PDF, same password)"))
        self.letters_check.toggled.connect(self._letters_toggled)
        self.letters_edit = QLineEdit(str(self.default_path().with_name(self._letters_name())))
        self.letters_browse = QPushButton(self.tr("Browse…"))
        self.letters_browse.clicked.connect(self._browse_letters)
        self.letters_saved_to: Path | None = None
        self._letters_toggled(False)
        self.accept_check = QCheckBox(self.tr("I accept that the new passwords will be lost"))
        self.accept_check.toggled.connect(self._accept_toggled)
        self._lay_out(browse)

    def _lay_out(self, browse: QPushButton) -> None:
        format_row = QHBoxLayout()
        format_row.addWidget(self.xlsx_radio)
        format_row.addWidget(self.csv_radio)
        format_row.addStretch(1)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        letters_row = QHBoxLayout()
        letters_row.addWidget(self.letters_edit, 1)
        letters_row.addWidget(self.letters_browse)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Format:"), format_row)
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        form.addRow(self.tr("Strength:"), self.strength_bar)
        form.addRow("", self.letters_check)
        form.addRow(self.tr("Letters:"), letters_row)
        form.addRow("", self.hint_label)
        form.addRow("", save_row)
        form.addRow("", self.error)
        form.addRow("", self.saved_label)
        form.addRow("", self.accept_check)

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        return Path(folder) / f"protokoll-{date.today().isoformat()}.xlsx"

    def _letters_name(self) -> str:
        return self.tr("login-letters-%1.pdf").replace("%1", date.today().isoformat())

    def _letters_toggled(self, checked: bool) -> None:
        self.letters_edit.setEnabled(checked)
        self.letters_browse.setEnabled(checked)

    def _browse_letters(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save login letters"), self.letters_edit.text(), self.tr("PDF (*.pdf)")
        )
        if name:
            self.letters_edit.setText(name)

    def save_letters(self) -> Path | None:
        """The letters of the new accounts, encrypted with the protocol's password."""
        plan, result = self.session.plan, self.session.result
        if plan is None or result is None:
            return None
        engine, target, password = (
            self.session.engine,
            self.letters_edit.text().strip(),
            self.password_edit.text(),
        )
        language = texts.language()
        return run_responsive(
            lambda: save_import_letters(engine, plan, result, target, password, language)
        )

    def fmt(self) -> str:
        return "xlsx" if self.xlsx_radio.isChecked() else "csv"

    def target(self) -> Path:
        return protocol_path(self.path_edit.text().strip(), self.fmt())  # type: ignore[arg-type]

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        for suffix in (".csv.zip", ".zip", ".xlsx", ".csv"):
            if text.lower().endswith(suffix):
                text = text[: -len(suffix)]
                break
        self.path_edit.setText(text + (".xlsx" if self.fmt() == "xlsx" else ".csv.zip"))

    def _browse(self) -> None:
        pattern = (
            self.tr("Excel workbook (*.xlsx)") if self.fmt() == "xlsx" else self.tr("Zip (*.zip)")
        )
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save protocol"), self.path_edit.text(), pattern
        )
        if name:
            self.path_edit.setText(name)

    # -- password ----------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802
        needed = self.needs_protocol()
        self.accept_check.setVisible(needed and self.saved_to is None)
        if not needed:
            self.saved_label.setText(self.tr("No new accounts were created: no passwords to keep."))
        self._check()

    def _check(self) -> None:
        password, repeat = self.password_edit.text(), self.repeat_edit.text()
        strength = password_strength(password)
        self.strength_bar.setValue(strength)
        colour = STRENGTH_COLOURS[strength]
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        problem = self.password_problem()
        if problem:
            self.hint_label.setText(problem)
            self.hint_label.setStyleSheet(ERROR_STYLE if password else "")
        else:
            self.hint_label.setText(self.tr("The passwords match."))
            self.hint_label.setStyleSheet(OK_STYLE)
        self.save_button.setEnabled(not problem and bool(repeat))

    def password_problem(self) -> str | None:
        password, repeat = self.password_edit.text(), self.repeat_edit.text()
        if len(password) < MIN_PASSWORD_LENGTH:
            return self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH))
        if password != repeat:
            return self.tr("Enter the same password twice.")
        return None

    # -- saving and finishing ----------------------------------------------------------
    def save(self) -> None:
        if self.password_problem() is not None:
            return
        try:
            target = self.target()
            password, language = self.password_edit.text(), texts.language()
            saved = run_responsive(lambda: self.session.save_protocol(target, password, language))
            letters = self.save_letters() if self.letters_check.isChecked() else None
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        except OSError as error:
            show_error(self.error, f"{self.path_edit.text()}: {error.strerror or error}")
            return
        show_error(self.error, None)
        self.saved_to, self.letters_saved_to = saved, letters
        text = self.tr("Saved to %1").replace("%1", str(saved))
        if letters is not None:
            text += "\n" + self.tr("Login letters saved to %1").replace("%1", str(letters))
        self.saved_label.setText(text)
        self.saved_label.setStyleSheet(OK_STYLE)
        self.accept_check.hide()
        self.completeChanged.emit()

    def needs_protocol(self) -> bool:
        result = self.session.result
        if result is None:
            return False
        return any(c.password or c.datasafe_password for c in result.credentials.values())

    def confirm_loss(self) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Lose the new passwords?"),
            self.tr(
                "Without the protocol the initial passwords of the new accounts are lost."
                " They can only be reset later, which makes a new protocol."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _accept_toggled(self, checked: bool) -> None:
        if checked and not self.confirm_loss():
            self.accept_check.setChecked(False)
            return
        self.completeChanged.emit()

    def may_close(self) -> bool:
        return (
            self.saved_to is not None or not self.needs_protocol() or self.accept_check.isChecked()
        )

    def isComplete(self) -> bool:  # noqa: N802
        return self.may_close()
