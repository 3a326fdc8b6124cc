"""Message boxes that do not block: opened window-modal with ``open()``; the callers
keep the box (``last_message``) so that tests can read and close it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def inform(owner: QWidget, title: str, text: str, warning: bool = False) -> QMessageBox:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, owner)
    box.open()
    return box
