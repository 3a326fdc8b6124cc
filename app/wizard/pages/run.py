"""Step 8: the run, in a worker thread, with progress, Cancel and the summary.

The run writes the protocol asked for on the page before (a :class:`Handover`)
before its commit, and says where it went. Back is closed while the run is going and
after it succeeded (the protocol page is made a commit page for that time). A
cancelled or refused run changed nothing; the plan is then built afresh when the
user goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizard

from app.engine.planning.results import ApplyResult, Phase
from app.engine.session import ImportSession
from app.wizard import counts, texts
from app.wizard.formats import number
from app.wizard.ldappanel import LdapSyncPanel
from app.wizard.pageids import PageId
from app.wizard.pages.base import ImportPage, error_label, show_error
from app.wizard.worker import ApplyRunner


class RunPage(ImportPage):
    run_ended = Signal(str)  # "finished" | "failed" | "cancelled"
    run_started = Signal(str)  # the file name
    run_progressed = Signal(int, int, str)

    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("The import runs as one transaction: all or nothing."))
        self.runner: ApplyRunner | None = None
        self.result: ApplyResult | None = None
        self.outcome = ""
        self.phase_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.count_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.error = error_label()
        # After a finished import, the LDAP server (when one is set up) is synced.
        self.ldap_panel = LdapSyncPanel(session.engine)
        self.ldap_panel.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.count_label)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.error)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.ldap_panel)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        if self.result is None and not self.is_running():
            self.start()

    def is_running(self) -> bool:
        return self.runner is not None and self.runner.is_running()

    def start(self) -> None:
        self.result, self.outcome = None, ""
        show_error(self.error, None)
        self.summary_label.clear()
        self.progress.setRange(0, 0)
        self.phase_label.setText(self.tr("Starting…"))
        self.count_label.clear()
        self.cancel_button.setEnabled(True)
        self._set_running(True)
        protocol = self.wizard().page(PageId.PROTOCOL)
        handover = getattr(protocol, "handover", None)
        runner = ApplyRunner(self.session, self, handover)
        runner.worker.progressed.connect(self._progressed)
        runner.worker.finished.connect(self._finished)
        runner.worker.failed.connect(self._failed)
        runner.worker.cancelled.connect(self._cancelled)
        runner.ended.connect(self._ended)
        self.runner = runner
        runner.start()
        self.run_started.emit(self.session.path.name if self.session.path else "")

    def cancel(self) -> None:
        if self.runner is not None:
            self.cancel_button.setEnabled(False)
            self.phase_label.setText(self.tr("Cancelling…"))
            self.runner.cancel()

    def _progressed(self, done: int, total: int, phase: str) -> None:
        self.run_progressed.emit(done, total, phase)
        self.phase_label.setText(texts.phase_label(phase))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if phase == Phase.DONE.value:
            self.count_label.clear()  # "1 von 1" says nothing
            return
        self.count_label.setText(
            self.tr("%1 of %2").replace("%1", number(done)).replace("%2", number(total))
        )

    def _finished(self, result: ApplyResult) -> None:
        self.result, self.outcome = result, "finished"
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.phase_label.setText(self.tr("The import is complete."))
        self.count_label.clear()
        self.summary_label.setText(self.summary_text(result) + self.saved_text())
        self.setCommitPage(True)
        if self.ldap_panel.is_configured():
            self.ldap_panel.show()
            self.ldap_panel.start()

    def _failed(self, message: str) -> None:
        self.outcome = "failed"
        show_error(self.error, message)
        self._stopped(self.tr("The import was not carried out; nothing was changed."))

    def _cancelled(self) -> None:
        self.outcome = "cancelled"
        self._stopped(self.tr("The import was cancelled; nothing was changed."))

    def _stopped(self, text: str) -> None:
        self.session.plan = None  # the run may have touched the rows; plan afresh
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase_label.setText(text)
        self.count_label.clear()

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.deleteLater()
        self._set_running(False)
        self.run_ended.emit(self.outcome)

    def saved_text(self) -> str:
        protocol = self.wizard().page(PageId.PROTOCOL)
        handover = getattr(protocol, "handover", None)
        saved = handover.saved if handover is not None else []
        lines = [self.tr("Saved (encrypted): %1").replace("%1", str(path)) for path in saved]
        lost = self.unsaved_passwords()
        if lost:
            lines.append(
                self.tr("%1 new password(s) are in no protocol.").replace("%1", f"{lost:,}")
            )
        return "".join("\n" + line for line in lines)

    def unsaved_passwords(self) -> int:
        """How many new accounts' passwords exist only in memory (no protocol)."""
        if self.result is None:
            return 0
        protocol = self.wizard().page(PageId.PROTOCOL)
        handover = getattr(protocol, "handover", None)
        if handover is not None and handover.saved:
            return 0
        return sum(1 for c in self.result.credentials.values() if c.password or c.datasafe_password)

    def summary_text(self, result: ApplyResult) -> str:
        return counts.done(result.summary)

    def _set_running(self, running: bool) -> None:
        """Back stays closed while running and after success; Cancel while running."""
        wizard = self.wizard()
        before = wizard.page(PageId.PROTOCOL)
        if before is not None:
            before.setCommitPage(running or self.result is not None)
        wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not running)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.result is not None
