"""The LDAP server settings (issue 18): URL, base DN, bind DN and its password (kept in
the system keyring, never in the database), StartTLS and the school's CA file, with
"Verbindung testen" running off the interface thread; and Linux sign-in
(``posixAccount``: the first uidNumber, a gidNumber per account type, home and shell)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync.connection import test_connection
from app.engine.reasons import EngineError
from app.wizard import texts
from app.wizard.ldapworker import LdapRunner
from app.wizard.pages.base import error_label, show_error


class LdapDialog(QDialog):
    test_ended = Signal()  # a connection test finished, well or not

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.runner: LdapRunner | None = None
        self.setWindowTitle(self.tr("LDAP server"))
        with session_scope(engine) as db:
            current = ldap_config.load(db)
        self.current = current
        self.url_edit = QLineEdit(current.url if current else "ldap://")
        self.base_edit = QLineEdit(current.base_dn if current else "")
        self.base_edit.setPlaceholderText("dc=schule,dc=example")
        self.bind_edit = QLineEdit(current.bind_dn if current else "")
        self.bind_edit.setPlaceholderText("cn=schoolimport,dc=schule,dc=example")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("unchanged (kept in the system keyring)"))
        self.starttls_box = QCheckBox(self.tr("Encrypt with StartTLS"))
        self.starttls_box.setChecked(bool(current and current.starttls))
        self.ca_edit = QLineEdit(current.ca_file or "" if current else "")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.error = error_label()
        note = QLabel(
            self.tr(
                "Only entries this program created are changed or deleted on the server; "
                "passwords travel as their Argon2 hash only."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server URL:"), self.url_edit)
        form.addRow(self.tr("Base DN:"), self.base_edit)
        form.addRow(self.tr("Bind DN:"), self.bind_edit)
        form.addRow(self.tr("Bind password:"), self.password_edit)
        form.addRow("", self.starttls_box)
        form.addRow(self.tr("CA certificate:"), ca_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(note)
        self._posix_rows(form, ldap_config.or_defaults(current))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # As tall as the wrapped notes need at the width the form takes (not more).
        width = max(560, self.minimumSizeHint().width())
        self.resize(width, max(layout.heightForWidth(width), self.minimumSizeHint().height()))

    def _posix_rows(self, form: QFormLayout, current: ldap_config.LdapConfig) -> None:
        """Linux sign-in: the box, and the numbers, home and shell it enables."""
        self.posix_box = QCheckBox(self.tr("Linux sign-in (posixAccount)"))
        self.posix_box.setChecked(current.posix)
        self.uid_spin = _number(current.uid_start)
        self.gid_spins = {
            kind: _number(current.gid_numbers[kind]) for kind in ldap_config.DEFAULT_GID_NUMBERS
        }
        self.home_edit = QLineEdit(current.home_template)
        self.home_edit.setPlaceholderText(ldap_config.DEFAULT_HOME)
        self.shell_edit = QLineEdit(current.login_shell)
        self.shell_edit.setPlaceholderText(ldap_config.DEFAULT_SHELL)
        gids = QHBoxLayout()
        for kind, spin in self.gid_spins.items():
            gids.addWidget(QLabel(texts.account_type_label(kind)))
            gids.addWidget(spin, 1)
        self.posix_note = QLabel(
            self.tr(
                "For signing in on Linux PCs (sssd, nslcd): each account keeps its uidNumber "
                "for good, and no number is ever given to another person."
            )
        )
        self.posix_note.setWordWrap(True)
        form.addRow("", self.posix_box)
        form.addRow(self.tr("First uidNumber:"), self.uid_spin)
        form.addRow(self.tr("gidNumber:"), gids)
        form.addRow(self.tr("Home directory:"), self.home_edit)
        form.addRow(self.tr("Login shell:"), self.shell_edit)
        form.addRow(self.posix_note)
        self.posix_box.toggled.connect(self._posix_toggled)
        self._posix_toggled(current.posix)

    def _posix_toggled(self, on: bool) -> None:
        for widget in (self.uid_spin, *self.gid_spins.values(), self.home_edit, self.shell_edit):
            widget.setEnabled(on)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )
        if path:
            self.ca_edit.setText(path)

    def config(self) -> ldap_config.LdapConfig:
        # What the dialog does not show (the schools of ``ldap set --school``, the OU
        # names) stays as stored.
        return replace(
            ldap_config.or_defaults(self.current),
            url=self.url_edit.text().strip(),
            base_dn=self.base_edit.text().strip(),
            bind_dn=self.bind_edit.text().strip(),
            starttls=self.starttls_box.isChecked(),
            ca_file=self.ca_edit.text().strip() or None,
            posix=self.posix_box.isChecked(),
            uid_start=self.uid_spin.value(),
            gid_numbers={kind: spin.value() for kind, spin in self.gid_spins.items()},
            home_template=self.home_edit.text().strip(),
            login_shell=self.shell_edit.text().strip(),
        )

    def _password(self, config: ldap_config.LdapConfig) -> str:
        return self.password_edit.text() or ldap_config.bind_password(config)

    def test(self) -> None:
        """Bind and read the base entry in a worker; the answer appears below."""
        show_error(self.error, None)
        try:
            config = self.config()
            ldap_config.check(config)
            password = self._password(config)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Connecting…"))
        runner = LdapRunner(lambda _progress: test_connection(config, password), self)
        runner.worker.finished.connect(self._tested)
        runner.worker.failed.connect(self._test_failed)
        runner.ended.connect(self._ended)
        self.runner = runner
        runner.start()

    def _tested(self, whoami: str) -> None:
        text = self.tr("Connection works: signed in as %1.").replace("%1", whoami or "?")
        self.result_label.setText(text)

    def _test_failed(self, message: str) -> None:
        self.result_label.clear()
        show_error(self.error, message)

    def _ended(self) -> None:
        self.test_button.setEnabled(True)
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.deleteLater()
        self.test_ended.emit()

    def accept(self) -> None:
        config = self.config()
        try:
            with session_scope(self.engine) as db:
                ldap_config.save(db, config)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return
        if self.password_edit.text() and not ldap_config.store_password(
            config, self.password_edit.text()
        ):
            show_error(self.error, self.tr("There is no system keyring to keep the password."))
            return
        super().accept()

    def done(self, result: int) -> None:
        if self.runner is not None:
            self.runner.wait()
        super().done(result)


def _number(value: int) -> QSpinBox:
    """A uidNumber or gidNumber: from 1000 (below are the system's) to 2^31 - 1."""
    spin = QSpinBox()
    spin.setRange(ldap_config.POSIX_MIN, ldap_config.POSIX_MAX)
    spin.setGroupSeparatorShown(False)
    spin.setValue(value)
    return spin
