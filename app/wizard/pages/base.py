"""The one base class of the wizard's pages: access to the shared session."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QLabel, QWidget, QWizardPage

if TYPE_CHECKING:  # the dialogs use this module's helpers without the import engine
    from app.engine.session import ImportSession

ERROR_STYLE = "color: #c62828;"
OK_STYLE = "color: #2e7d32;"


class ImportPage(QWizardPage):
    """A wizard page that reads and writes the wizard's :class:`ImportSession`."""

    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def cleanupPage(self) -> None:  # noqa: N802
        """Going Back keeps what the user chose on this page (no field reset)."""


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def documents_folder() -> Path:
    """The user's documents folder (home when the system names none): where the
    protocol, the letters and the template are offered, and a file is first looked for."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    return Path(QStandardPaths.writableLocation(location) or str(Path.home()))


def file_stamp() -> str:
    """Date and time in a file name: two runs of a day never share a default name."""
    return datetime.now().strftime("%Y-%m-%d-%H%M")
