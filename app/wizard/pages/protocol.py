"""Step 7, before the run: where the password-protected protocol goes (SPEC §2.8, §6).

The place and the password are asked *before* "Run import", so that the run writes
the encrypted protocol (and letters) completely before its commit — no account is
committed without its protocol (docs/decisions.md). Next ("Run import") stays closed
until both are valid — unless the plan creates no passwords, or the user confirms
that the new passwords will be lost. A name that exists is replaced only after a
confirmation; the default name is unique (date, time, and a number if needed).
"""

from __future__ import annotations

from pathlib import Path

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
    QWizard,
)

from app.engine.output.handover import Handover
from app.engine.output.outputs import free_name
from app.engine.output.protocol import MIN_PASSWORD_LENGTH, password_strength, protocol_path
from app.engine.planning.results import RowAction
from app.engine.reasons import EngineError, Reason
from app.engine.session import ImportSession
from app.wizard import texts
from app.wizard.pages.base import (
    ERROR_STYLE,
    OK_STYLE,
    ImportPage,
    documents_folder,
    error_label,
    file_stamp,
    show_error,
)

STRENGTH_COLOURS = ("#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32")


class ProtocolPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Protocol"))
        self.setSubTitle(
            self.tr(
                "The protocol lists every row and the initial passwords of the new accounts."
                " It is saved encrypted with a password of your choice, before the import"
                " is committed."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Run import"))
        self.handover: Handover | None = None
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
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.error = error_label()
        self.letters_check = QCheckBox(self.tr("Also save login letters (PDF, same password)"))
        self.letters_check.toggled.connect(self._letters_toggled)
        self.letters_edit = QLineEdit(str(self.default_path().with_name(self._letters_name())))
        self.letters_browse = QPushButton(self.tr("Browse…"))
        self.letters_browse.clicked.connect(self._browse_letters)
        self._letters_toggled(False)
        self.accept_check = QCheckBox(
            self.tr("Import without a protocol: I accept that the new passwords will be lost")
        )
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
        form = QFormLayout(self)
        form.addRow(self.tr("Format:"), format_row)
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Repeat:"), self.repeat_edit)
        form.addRow(self.tr("Strength:"), self.strength_bar)
        form.addRow("", self.letters_check)
        form.addRow(self.tr("Letters:"), letters_row)
        form.addRow("", self.hint_label)
        form.addRow("", self.error)
        form.addRow("", self.saved_label)
        form.addRow("", self.accept_check)

    def default_path(self) -> Path:
        name = self.tr("protocol-%1.xlsx").replace("%1", file_stamp())
        return free_name(documents_folder() / name, 0)

    def _letters_name(self) -> str:
        return self.tr("login-letters-%1.pdf").replace("%1", file_stamp())

    def _letters_toggled(self, checked: bool) -> None:
        self.letters_edit.setEnabled(checked)
        self.letters_browse.setEnabled(checked)

    def _browse_letters(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save login letters"), self.letters_edit.text(), self.tr("PDF (*.pdf)")
        )
        if name:
            self.letters_edit.setText(name)

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
        self.accept_check.setVisible(needed)
        self.saved_label.setText(
            "" if needed else self.tr("The import creates no passwords: the protocol is optional.")
        )
        self._check()

    def _check(self) -> None:
        password = self.password_edit.text()
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
        self.completeChanged.emit()

    def password_problem(self) -> str | None:
        password, repeat = self.password_edit.text(), self.repeat_edit.text()
        if len(password) < MIN_PASSWORD_LENGTH:
            return self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH))
        if password != repeat:
            return self.tr("Enter the same password twice.")
        return None

    # -- before the run ---------------------------------------------------------------
    def needs_protocol(self) -> bool:
        """Whether the plan gives out passwords (new accounts, passwords generated)."""
        plan, options = self.session.plan, self.session.options
        if plan is None or not (options.generate_passwords or options.datasafe_password):
            return False
        return any(row.effective_action is RowAction.CREATE for row in plan.rows)

    def wants_protocol(self) -> bool:
        if self.needs_protocol():
            return not self.accept_check.isChecked()
        return bool(self.password_edit.text())  # optional: only when a password is given

    def validatePage(self) -> bool:  # noqa: N802
        """Check the targets and keep the request; the run writes it before its commit."""
        self.handover = None
        if not self.wants_protocol():
            return True
        if self.password_problem() is not None:
            return False
        letters = Path(self.letters_edit.text().strip()) if self.letters_check.isChecked() else None
        try:
            handover = Handover(self.password_edit.text(), self.target(), letters, texts.language())
            inputs = [self.session.path] if self.session.path is not None else []
            try:
                handover.check(inputs)
            except EngineError as error:
                if error.message.reason is not Reason.OUTPUT_EXISTS:
                    raise
                if not self.confirm_replace(Path(error.file or "")):
                    return False
                handover.overwrite = True
                handover.check(inputs)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return False
        show_error(self.error, None)
        self.handover = handover
        return True

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the file?"),
            self.tr("%1 exists already. Replace it?").replace("%1", str(path)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_loss(self, count: int | None = None) -> bool:
        """Ask before new passwords are lost; ``count`` of them (None: the plan's)."""
        if count is None:  # the rows whose effective action is create (none made for it)
            plan = self.session.plan
            count = plan.summary().created if plan is not None else 0
        answer = QMessageBox.warning(
            self,
            self.tr("Lose the new passwords?"),
            self.tr(
                "The initial passwords of %1 new account(s) will be lost: no protocol keeps"
                " them. They can only be reset later, which makes a new protocol."
            ).replace("%1", f"{count:,}".replace(",", "." if texts.language() == "de" else ",")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _accept_toggled(self, checked: bool) -> None:
        if checked and not self.confirm_loss():
            self.accept_check.setChecked(False)
            return
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        if not self.wants_protocol():
            return True
        return self.password_problem() is None
