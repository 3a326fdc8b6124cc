"""A "Jetzt abgleichen" row: the button, a progress bar and the last sync's counts.

Used by the users tab (the administrator starts a sync) and by the run page (a sync
right after the import, when a server is set up). The sync runs in an
:class:`~app.wizard.ldapworker.LdapRunner`; the bind password comes from the keyring.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLocale, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.db import get_setting, session_scope
from app.wizard.formats import moment
from app.wizard.ldapworker import LdapRunner

if TYPE_CHECKING:
    from app.engine.ldapsync.service import SyncResult

# The settings key of the connection (app.engine.ldapsync.config.SETTING); read here
# without importing the LDAP modules, which load only when a server is set up.
SETTING = "ldap"


class LdapSyncPanel(QWidget):
    synced = Signal(object)  # SyncResult
    sync_failed = Signal(str)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.runner: LdapRunner | None = None
        self.result_shown = ""  # the counts of the sync this panel ran, kept on refresh
        self.button = QPushButton(self.tr("Sync now"))
        self.button.setToolTip(self.tr("Bring the LDAP server in step with the directory"))
        self.button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.label = QLabel()
        self.label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.progress)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.label)

    def is_configured(self) -> bool:
        with session_scope(self.engine) as db:
            return get_setting(db, SETTING, None) is not None

    def show_state(self) -> None:
        """The last sync, or that no server is set up."""
        with session_scope(self.engine) as db:
            configured = get_setting(db, SETTING, None) is not None
            last = get_setting(db, "ldap_last_sync", None)
        self.button.setEnabled(configured and not self.is_running())
        if not configured:
            self.label.setText(self.tr("No LDAP server is set up (Extras → LDAP server…)."))
        elif self.result_shown:
            self.label.setText(self.result_shown)
        elif last is None:
            self.label.setText(self.tr("Not yet synced with the LDAP server."))
        else:
            when = datetime.fromisoformat(str(last["at"]))
            text = self.tr("Last LDAP sync: %1.")
            self.label.setText(text.replace("%1", moment(when)))

    def is_running(self) -> bool:
        """True until the sync's thread has ended and the panel has taken it down."""
        return self.runner is not None

    def start(self) -> None:
        if self.is_running():
            return
        self.button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.label.setText(self.tr("Syncing with the LDAP server…"))
        from app.engine.ldapsync.service import sync

        engine = self.engine
        runner = LdapRunner(lambda progress: sync(engine, progress=progress), self)
        runner.worker.progressed.connect(self._progressed)
        runner.worker.finished.connect(self._finished)
        runner.worker.failed.connect(self._failed)
        runner.ended.connect(self._ended)
        self.runner = runner
        runner.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        locale = QLocale()
        text = self.tr("Syncing with the LDAP server… %1 of %2")
        self.label.setText(
            text.replace("%1", locale.toString(done)).replace("%2", locale.toString(total))
        )

    def _finished(self, result: SyncResult) -> None:
        self.result_shown = self.result_text(result)
        self.label.setText(self.result_shown)
        self.synced.emit(result)

    def result_text(self, result: SyncResult) -> str:
        c, locale = result.counts, QLocale()
        text = self.tr(
            "LDAP sync: users added %1, changed %2, locked %3, unlocked %4, deleted %5; "
            "groups added %6, changed %7, deleted %8; unchanged %9; errors %10."
        )
        values = (
            c["users_added"], c["users_modified"], c["users_disabled"], c["users_enabled"],
            c["users_deleted"], c["groups_added"], c["groups_modified"], c["groups_deleted"],
            c["unchanged"], len(result.errors),
        )  # fmt: skip
        for n, value in reversed(list(enumerate(values, start=1))):
            text = text.replace(f"%{n}", locale.toString(value))
        return text

    def _failed(self, message: str) -> None:
        self.label.setText(self.tr("LDAP sync failed: %1").replace("%1", message))
        self.sync_failed.emit(message)

    def _ended(self) -> None:
        self.progress.hide()
        self.button.setEnabled(True)
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.deleteLater()

    def wait(self) -> None:
        """Until a running sync has ended (Finish, closing the window). A sync of
        50,000 accounts takes minutes: the window paints and shows its progress
        meanwhile, but takes no clicks or keys (as ``busy.run_responsive``)."""
        runner = self.runner
        if runner is None:
            return
        loop = QEventLoop()
        runner.ended.connect(loop.quit)
        if runner.is_running():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        runner.wait()
