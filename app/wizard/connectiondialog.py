"""The database connection (Extras menu): the SQLite file in the user data folder, or a
shared PostgreSQL server. The settings keep the URL *without* its password; the
password goes to the system keyring (``credentials.remember``). A change applies at
the next start, where :func:`configured_url` decides: ``$SCHOOLIMPORT_DB``, else the
stored URL with its password from the keyring, else the SQLite default."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL, create_engine, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from app.db import default_url
from app.engine.access import credentials
from app.wizard.pages.base import ERROR_STYLE, OK_STYLE

URL_KEY = "database/url"
POSTGRES_DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT = 5  # seconds; the Test button waits at most this long


def configured_url(settings: QSettings) -> str | None:
    """The URL to open at start-up, or None for the SQLite default."""
    if os.environ.get("SCHOOLIMPORT_DB"):
        return os.environ["SCHOOLIMPORT_DB"]
    stored = str(settings.value(URL_KEY, "") or "")
    return credentials.resolve(stored) if stored else None


class ConnectionDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Database connection"))
        self.sqlite_radio = QRadioButton(self.tr("This computer (SQLite file)"))
        self.postgres_radio = QRadioButton(self.tr("Shared PostgreSQL server"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.sqlite_radio)
        kinds.addButton(self.postgres_radio)
        self.sqlite_label = QLabel(default_url().removeprefix("sqlite:///"))
        self.sqlite_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.host_edit = QLineEdit()
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit("schoolimport")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("stored in the system keyring"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.sqlite_radio.toggled.connect(self._update_fields)
        self._lay_out()
        self._load()

    def _lay_out(self) -> None:
        note = QLabel(self.tr("A new connection applies when the program starts the next time."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.sqlite_radio)
        form.addRow(self.tr("File:"), self.sqlite_label)
        form.addRow(self.postgres_radio)
        form.addRow(self.tr("Server:"), self.host_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("Database:"), self.database_edit)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def _load(self) -> None:
        stored = str(self.settings.value(URL_KEY, "") or "")
        try:
            url = make_url(stored) if stored else None
        except ArgumentError:
            url = None
        if url is None or not url.drivername.startswith("postgresql"):
            self.sqlite_radio.setChecked(True)
            return
        self.postgres_radio.setChecked(True)
        self.host_edit.setText(url.host or "")
        self.port_spin.setValue(url.port or 5432)
        self.database_edit.setText(url.database or "")
        self.user_edit.setText(url.username or "")

    def _update_fields(self) -> None:
        server = self.postgres_radio.isChecked()
        for widget in (
            self.host_edit, self.port_spin, self.database_edit, self.user_edit, self.password_edit
        ):  # fmt: skip
            widget.setEnabled(server)
        self.sqlite_label.setEnabled(not server)

    def url(self) -> str | None:
        """The chosen URL with the password typed in; None for the SQLite default."""
        if self.sqlite_radio.isChecked():
            return None
        url = URL.create(
            POSTGRES_DRIVER,
            username=self.user_edit.text().strip() or None,
            password=self.password_edit.text() or None,
            host=self.host_edit.text().strip() or None,
            port=self.port_spin.value(),
            database=self.database_edit.text().strip() or None,
        )
        return url.render_as_string(hide_password=False)

    def _report(self, message: str, ok: bool) -> None:
        self.status_label.setText(message)
        self.status_label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def test_connection(self) -> bool:
        url = self.url() or default_url()
        if url.startswith("postgresql") and not self.password_edit.text():
            url = credentials.resolve(url)  # the password stored earlier
        args = {"connect_timeout": CONNECT_TIMEOUT} if url.startswith("postgresql") else {}
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            engine = create_engine(url, connect_args=args)
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
            finally:
                engine.dispose()
        except (SQLAlchemyError, ImportError, ValueError) as error:
            detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            self._report(self.tr("The connection failed: %1").replace("%1", detail), False)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._report(self.tr("The connection works."), True)
        return True

    def accept(self) -> None:
        url = self.url()
        if url is None:
            self.settings.remove(URL_KEY)
        else:
            from keyring.errors import KeyringError  # keyring loads when a password is kept

            try:
                bare = credentials.remember(url)
            except KeyringError as error:
                text = self.tr("The password cannot be stored in the system keyring: %1")
                self._report(text.replace("%1", str(error) or type(error).__name__), False)
                return
            self.settings.setValue(URL_KEY, bare)
        self.settings.sync()
        super().accept()
