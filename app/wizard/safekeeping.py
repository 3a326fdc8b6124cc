"""Keeping the new passwords safe around the main window (SPEC §6).

- Closing the main window (its X, Quit) while an import runs asks whether to wait for
  it or cancel it, then does exactly that and closes once the run has ended: the
  worker thread is never destroyed while running, and the run is in the history with
  its outcome. Closing it after a run whose passwords are in no protocol asks first.
- At start, a protocol that a run committed but never moved into place (the process
  was killed in between) is offered: moved into place now, or left where it is.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine

from app.engine.output import outputs
from app.wizard import texts

if TYPE_CHECKING:
    from app.wizard.mainwindow import MainWindow


class WhileRunning(Enum):
    WAIT = "wait"
    CANCEL = "cancel"
    STAY = "stay"


def ask_wait_or_cancel(owner: QWidget) -> WhileRunning:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Safekeeping", "An import is running"),
        "",
        parent=owner,
    )
    box.setText(
        QCoreApplication.translate(
            "Safekeeping",
            "An import is running. Wait until it is done, or cancel it (nothing is changed)?",
        )
    )
    wait = box.addButton(
        QCoreApplication.translate("Safekeeping", "Wait, then close"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(
        QCoreApplication.translate("Safekeeping", "Cancel the import, then close"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    stay = box.addButton(
        QCoreApplication.translate("Safekeeping", "Keep working"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(wait)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if clicked is wait:
        return WhileRunning.WAIT
    return WhileRunning.CANCEL if clicked is cancel else WhileRunning.STAY


def may_close(window: MainWindow) -> bool:
    """Whether the main window may close now; when a run is going, arrange to close
    after it (waiting for it or cancelling it, as the user chose)."""
    wizard = window.wizard
    if wizard is None or not wizard.isVisible():
        return True
    if wizard.run_page.is_running():
        choice = window.ask_wait_or_cancel()
        if choice is WhileRunning.STAY:
            return False
        if choice is WhileRunning.CANCEL:
            wizard.run_page.cancel()
        if not window.close_after_run:
            window.close_after_run = True
            wizard.run_ended.connect(lambda _outcome: QTimer.singleShot(0, window.close))
        return False
    if not wizard.may_close():
        return False
    wizard.reject()
    return not wizard.isVisible()


def offer_pending_protocols(owner: QWidget, engine: Engine) -> list[str]:
    """Offer each left-over protocol; returns where the moved ones are now."""
    moved: list[str] = []
    for pending in outputs.pending_outputs(engine):
        text = (
            texts.reason_text(pending.message())
            + "\n\n"
            + QCoreApplication.translate("Safekeeping", "Move it into place now?")
        )
        answer = QMessageBox.warning(
            owner,
            QCoreApplication.translate("Safekeeping", "A protocol was not saved in its place"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            continue
        try:
            moved.append(str(outputs.recover(engine, pending)))
        except OSError as error:
            QMessageBox.warning(
                owner,
                QCoreApplication.translate("Safekeeping", "Not moved"),
                f"{pending.temp}: {error.strerror}",
            )
    return moved
