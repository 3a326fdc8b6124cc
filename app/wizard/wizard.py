"""The import wizard: eight pages over one shared :class:`ImportSession` (SPEC §2).

Nothing is written to the database before the run page, and the protocol's place and
password are asked before it (the run writes the protocol before its commit).
Closing the wizard is refused while a run is going; every way out after a run whose
new passwords are in no protocol (Cancel, Esc, the window's X, Finish, closing the
main window) asks first, naming how many passwords would be lost.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import Actor
from app.engine.admin.directory import find_year
from app.engine.planning.results import ImportOptions
from app.engine.reasons import Refused
from app.engine.session import ImportSession
from app.wizard.pageids import PageId
from app.wizard.pages.base import ImportPage
from app.wizard.pages.columns import ColumnsPage
from app.wizard.pages.groups import GroupsPage
from app.wizard.pages.options import OptionsPage
from app.wizard.pages.preview import PreviewPage
from app.wizard.pages.protocol import ProtocolPage
from app.wizard.pages.run import RunPage
from app.wizard.pages.table import TablePage
from app.wizard.pages.year import YearPage

__all__ = ["ImportWizard", "PageId"]


def current_year_name(engine: Engine) -> str:
    try:
        with session_scope(engine) as db:
            return find_year(db, None).name
    except Refused:
        return ""


class ImportWizard(QWizard):
    imported = Signal(object)  # ApplyResult, once a run succeeded
    run_started = Signal(str)  # the file name, when the run page starts the worker
    run_progressed = Signal(int, int, str)
    run_ended = Signal(str)  # "finished" | "failed" | "cancelled"

    def __init__(
        self,
        engine: Engine,
        year: str | None = None,
        actor: Actor | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import users"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        options = ImportOptions(year=year or current_year_name(engine), account_type="student")
        self.session = ImportSession(engine, options, actor=actor)
        self.year_page = YearPage(self.session)
        self.table_page = TablePage(self.session)
        self.table_page.settings = settings
        self.columns_page = ColumnsPage(self.session)
        self.groups_page = GroupsPage(self.session)
        self.options_page = OptionsPage(self.session)
        self.preview_page = PreviewPage(self.session)
        self.run_page = RunPage(self.session)
        self.protocol_page = ProtocolPage(self.session)
        pages: list[tuple[PageId, ImportPage]] = [
            (PageId.YEAR, self.year_page),
            (PageId.TABLE, self.table_page),
            (PageId.COLUMNS, self.columns_page),
            (PageId.GROUPS, self.groups_page),
            (PageId.OPTIONS, self.options_page),
            (PageId.PREVIEW, self.preview_page),
            (PageId.RUN, self.run_page),
            (PageId.PROTOCOL, self.protocol_page),
        ]
        for page_id, page in pages:
            self.setPage(page_id, page)
        self.run_page.run_ended.connect(self._run_ended)
        self.run_page.run_started.connect(self.run_started)
        self.run_page.run_progressed.connect(self.run_progressed)
        self._loss_accepted = False
        self.resize(QSize(960, 680))

    def _run_ended(self, outcome: str) -> None:
        if outcome == "finished":
            self.imported.emit(self.session.result)
        self.run_ended.emit(outcome)

    def reject(self) -> None:
        if self.run_page.is_running():
            return
        if self.run_page.result is None and self.preview_page.has_decisions():
            if not self.preview_page.confirm_discard():
                return
        super().reject()

    def may_close(self) -> bool:
        """True when no new password would be lost, or the user accepts the loss."""
        lost = self.run_page.unsaved_passwords()
        if lost and not self._loss_accepted:
            if not self.protocol_page.confirm_loss(lost):
                return False
            self._loss_accepted = True
        return True

    def done(self, result: int) -> None:
        if self.run_page.is_running() or not self.may_close():
            return
        if self.run_page.runner is not None:
            self.run_page.runner.wait()
        self.run_page.ldap_panel.wait()
        super().done(result)
