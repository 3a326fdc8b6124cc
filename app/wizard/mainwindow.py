"""The main window, "Benutzerverwaltung": school year, users, groups, the import
history, and the actions around the import wizard (SPEC §3). It keeps the signed-in
operator (:class:`Actor`), shows it in the status bar, and hides what the operator may
not do; the engine enforces the same rights.

The wizard and the dialogs are imported by the methods that open them, not before the
window has painted: the wizard's pages bring the whole import engine with them. The
wizard's modules are loaded right after the first paint, while the administrator
looks at the window, so that "Import…" opens at once (docs/architecture.md, "Start-up")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

import app
from app.db import get_setting, session_scope
from app.engine.access.operators import Actor, local_actor
from app.engine.admin.directory import (
    GroupRow,
    UserRow,
    find_school,
    find_year,
    list_groups,
    list_users,
    list_years,
)
from app.engine.admin.lifecycle import due_for_purge, purge_due, restore_user
from app.engine.applying.locks import current_holder
from app.engine.reasons import EngineError
from app.wizard import safekeeping, texts
from app.wizard.busy import discard_session, run_in_session, run_responsive
from app.wizard.historytab import HistoryTab
from app.wizard.ldappanel import LdapSyncPanel
from app.wizard.messages import inform
from app.wizard.tablemodels import GroupsTableModel
from app.wizard.userstab import RESTORABLE, UsersTab
from app.wizard.views import table_view

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.wizard.connectiondialog import ConnectionDialog
    from app.wizard.groupcsvdialog import GroupExportDialog, GroupImportDialog
    from app.wizard.ldapdialog import LdapDialog
    from app.wizard.logdialog import LogDialog
    from app.wizard.operatorsdialog import OperatorsDialog
    from app.wizard.resetdialog import ResetDialog
    from app.wizard.settingsdialog import SettingsDialog
    from app.wizard.wizard import ImportWizard


class MainWindow(QMainWindow):
    def __init__(
        self,
        engine: Engine,
        settings: QSettings,
        actor: Actor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.settings = settings
        if actor is None:
            with session_scope(engine) as db:
                actor = local_actor(db)  # single-user desktop mode
        self.actor = actor
        self.wizard: ImportWizard | None = None
        self._painted = False
        self.close_after_run = False  # closing waits for (or cancels) a running import
        self.dialog: QWidget | None = None  # the last dialog opened (tests look at it)
        self.last_message: QMessageBox | None = None
        self.setWindowTitle(self.tr("User management") + " — schoolimport")
        self.users_tab = UsersTab()
        self.ldap_panel = LdapSyncPanel(engine)
        self.ldap_panel.setVisible(actor.is_admin)
        self.ldap_panel.synced.connect(self.refresh)
        self.users_tab.add_footer(self.ldap_panel)
        self.groups_model = GroupsTableModel(self)
        self.groups_proxy = QSortFilterProxyModel(self)
        self.groups_proxy.setSourceModel(self.groups_model)
        self.groups_view = table_view(self.groups_proxy)
        self.history_tab = HistoryTab(engine, actor)
        self.history_tab.changed.connect(self.refresh)
        self.history_tab.cancel_requested.connect(self.cancel_running_import)
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self.refresh)
        # The users tab's widgets under their old names (tests, screenshots).
        self.users_model, self.users_proxy = self.users_tab.model, self.users_tab.proxy
        self.users_view, self.search_edit = self.users_tab.view, self.users_tab.search_edit
        self.type_filter, self.status_filter = (
            self.users_tab.type_filter,
            self.users_tab.status_filter,
        )
        self.group_filter, self.count_label = (
            self.users_tab.group_filter,
            self.users_tab.count_label,
        )
        self.write_users = self.users_tab.write_users
        self._build_actions()
        self._build_menus()
        self._lay_out()
        self._show_operator()
        self.resize(1000, 650)
        self.refresh()

    def _action(
        self, text: str, slot: object, icon: QStyle.StandardPixmap | None = None
    ) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        pixmap = QStyle.StandardPixmap
        actor = self.actor
        self.import_action = self._action(
            self.tr("&Import…"), self.start_import, pixmap.SP_ArrowRight
        )
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setVisible(actor.can_import("users"))
        self.export_action = self._action(
            self.tr("&Export users…"), self.export_users, pixmap.SP_DialogSaveButton
        )
        self.restore_action = self._action(self.tr("&Restore user"), self.restore_selected)
        self.restore_action.setVisible(actor.can_import("users"))
        self.reset_action = self._action(
            self.tr("&New initial passwords…"), self.reset_passwords_of_selection
        )
        self.reset_action.setVisible(actor.can_import("users"))
        self.purge_action = self._action(self.tr("&Purge due accounts…"), self.purge_due_accounts)
        self.purge_action.setVisible(actor.is_admin)
        self.groups_import_action = self._action(
            self.tr("Import &groups from CSV…"), self.import_groups
        )
        self.groups_import_action.setVisible(actor.can_import("groups"))
        self.groups_export_action = self._action(
            self.tr("E&xport groups to CSV…"), self.export_groups
        )
        self.operators_action = self._action(self.tr("&Operators…"), self.show_operators)
        self.operators_action.setVisible(actor.is_admin)
        self.connection_action = self._action(
            self.tr("&Database connection…"), self.show_connection
        )
        self.connection_action.setVisible(actor.is_admin)
        self.ldap_action = self._action(self.tr("&LDAP server…"), self.show_ldap)
        self.ldap_action.setVisible(actor.is_admin)
        self.settings_action = self._action(self.tr("&Settings…"), self.show_settings)
        self.log_action = self._action(self.tr("Show &log file"), self.show_log)
        self.about_action = self._action(self.tr("&About schoolimport"), self.show_about)
        self.quit_action = self._action(self.tr("&Quit"), self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.groups_import_action, self.groups_export_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        users_menu = self.menuBar().addMenu(self.tr("&Users"))
        users_menu.addActions([self.restore_action, self.reset_action, self.purge_action])
        extras = self.menuBar().addMenu(self.tr("&Extras"))
        extras.addActions([self.operators_action, self.connection_action, self.ldap_action])
        extras.addAction(self.settings_action)
        self.menuBar().addMenu(self.tr("&Help")).addActions([self.log_action, self.about_action])
        toolbar = self.addToolBar(self.tr("Actions"))
        toolbar.setObjectName("actions")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.import_action, self.export_action])

    def _lay_out(self) -> None:
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("School year:")))
        year_row.addWidget(self.year_combo)
        year_row.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users_tab, self.tr("Users"))
        self.tabs.addTab(self.groups_view, self.tr("Groups"))
        self.tabs.addTab(self.history_tab, self.tr("History"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(year_row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _show_operator(self) -> None:
        text = self.tr("Signed in as %1 (%2)").replace("%1", self.actor.name)
        self.operator_label = QLabel(text.replace("%2", texts.role_label(self.actor.role.value)))
        self.statusBar().addPermanentWidget(self.operator_label)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, load_wizard_modules)  # after this round of painting

    # -- data --------------------------------------------------------------------------
    def selected_year(self) -> str | None:
        value = self.year_combo.currentData()
        return str(value) if value else None

    def refresh(self) -> None:
        """Read years, users, groups, their LDAP states and the history again (50,000
        users take a second: read on a worker thread while the window paints)."""
        selected, actor = self.selected_year(), self.actor

        def read() -> tuple[
            list[tuple[str, bool]], list[UserRow], list[GroupRow], dict[int, str] | None
        ]:
            with session_scope(self.engine) as db:
                years = [(y.name, y.is_current) for y in list_years(db)]
                names = [name for name, _current in years]
                wanted = selected or next((n for n, cur in years if cur), None)
                chosen = wanted if wanted in names else (names[0] if names else None)
                year = find_year(db, chosen) if years else None
                users = list_users(db, year=year, actor=actor)
                groups = list_groups(db, year, actor) if year is not None else []
                return years, users, groups, _sync_states(db)

        years, users, groups, sync_states = run_responsive(read)
        self._fill_years(years)
        self.users_tab.set_users(users, [g.name for g in groups], sync_states)
        self.ldap_panel.show_state()
        self.groups_model.set_groups(groups)
        self.history_tab.refresh()

    def _fill_years(self, years: list[tuple[str, bool]]) -> None:
        wanted = self.selected_year() or next((n for n, cur in years if cur), None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for name, current in years:
            label = self.tr("%1 (current)").replace("%1", name) if current else name
            self.year_combo.addItem(label, name)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)

    def _message(self, title: str, text: str, warning: bool = False) -> None:
        self.last_message = inform(self, title, text, warning)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- closing and the passwords ---------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if safekeeping.may_close(self):
            self.ldap_panel.wait()  # a sync in its thread finishes its current batch
            event.accept()
        else:
            event.ignore()

    def ask_wait_or_cancel(self) -> safekeeping.WhileRunning:
        return safekeeping.ask_wait_or_cancel(self)

    def offer_pending_protocols(self) -> list[str]:
        return safekeeping.offer_pending_protocols(self, self.engine)

    # -- the import --------------------------------------------------------------------
    def cancel_running_import(self) -> None:
        """Cancel from the history: the same as the wizard's own Cancel button."""
        if self.wizard is not None and self.wizard.run_page.is_running():
            self.wizard.run_page.cancel()

    def start_import(self) -> ImportWizard | None:
        """Open the wizard unless another import of the school is running."""
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            return self.wizard
        with session_scope(self.engine) as db:
            school_id = find_school(db, None)
        holder = current_holder(self.engine, school_id)
        if holder is not None:
            self._message(self.tr("Import not possible"), holder, warning=True)
            return None
        from app.wizard.wizard import ImportWizard

        wizard = ImportWizard(self.engine, self.selected_year(), self.actor, self, self.settings)
        wizard.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        wizard.run_started.connect(self.history_tab.run_started)
        wizard.run_progressed.connect(self.history_tab.run_progressed)
        wizard.run_ended.connect(self.history_tab.clear_running)
        wizard.run_ended.connect(lambda _outcome: self.refresh())
        wizard.finished.connect(lambda _code: self.refresh())
        wizard.finished.connect(lambda _code: self._release(wizard))
        self.wizard = wizard
        wizard.show()
        return wizard

    def _release(self, wizard: ImportWizard) -> None:
        """Free a closed wizard with its plan: a long session must not keep every import
        it has run (tests/wizard/test_soak.py measured 31 MB per 2,000-row import)."""
        if wizard.run_page.is_running():
            return
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()
        discard_session(wizard.session)

    def export_users(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export users"),
            str(Path.home() / "benutzer.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            self.write_users(Path(name))

    # -- grace periods -----------------------------------------------------------------
    def reset_passwords_of_selection(self) -> ResetDialog | None:
        """New initial passwords for the selected users, else for the class chosen in
        the group filter; the dialog asks for the protocol's place and password."""
        from app.engine.admin.resets import Selection
        from app.wizard.resetdialog import ResetDialog

        logins = [u.login for u in self.users_tab.selected_users()]
        group = self.users_tab.group_filter.currentData()
        if logins:
            selection = Selection(logins=tuple(logins))
            what = self.tr("New initial passwords for %1 selected user(s).").replace(
                "%1", str(len(logins))
            )
        elif group:
            selection = Selection(group=str(group), year=self.selected_year())
            what = self.tr("New initial passwords for the active members of %1.").replace(
                "%1", str(group)
            )
        else:
            text = self.tr("Select users, or choose a class in the group filter.")
            self._message(self.tr("New initial passwords"), text)
            return None
        dialog = ResetDialog(self.engine, self.actor, selection, what, self)
        dialog.accepted.connect(lambda: self._passwords_reset(dialog))
        self._open(dialog)
        return dialog

    def _passwords_reset(self, dialog: ResetDialog) -> None:
        saved = dialog.handover.saved if dialog.handover is not None else []
        text = self.tr("%1 password(s) reset. Saved (encrypted): %2").replace(
            "%1", str(dialog.reset_count)
        )
        self.statusBar().showMessage(text.replace("%2", ", ".join(map(str, saved))), 15_000)
        self.refresh()

    def restore_selected(self) -> list[str]:
        """Make the selected marked or deactivated users active again."""
        logins = [u.login for u in self.users_tab.selected_users() if u.status in RESTORABLE]
        if not logins:
            text = self.tr("Select users who are marked for deletion or deactivated.")
            self._message(self.tr("Restore user"), text)
            return []
        try:
            with session_scope(self.engine) as db:
                for login in logins:
                    restore_user(db, login, self.actor)
        except EngineError as error:
            self._message(self.tr("Restore user"), texts.error_text(error), warning=True)
            return []
        self.refresh()
        text = self.tr("Active again: %1").replace("%1", ", ".join(logins))
        self.statusBar().showMessage(text, 10_000)
        return logins

    def purge_due_accounts(self, today: date | None = None) -> list[str]:
        today = today or date.today()
        with session_scope(self.engine) as db:
            due = due_for_purge(db, today, self.actor)
        if not due:
            self._message(self.tr("Purge due accounts"), self.tr("No account is due for purging."))
            return []
        text = self.tr(
            "%n deactivated accounts have reached the end of their deletion period and will"
            " be deleted for good. Their logins are never given again. Continue?",
            "",
            len(due),
        )
        if not self.confirm(self.tr("Purge due accounts"), text):
            return []

        try:  # (a year's leavers: beside the interface)
            purged = run_in_session(self.engine, lambda db: purge_due(db, today, self.actor))
        except EngineError as error:
            self._message(self.tr("Purge due accounts"), texts.error_text(error), warning=True)
            return []
        self.refresh()
        done = self.tr("%n accounts deleted.", "", len(purged))
        self._message(self.tr("Purge due accounts"), done)
        return purged

    # -- dialogs -----------------------------------------------------------------------
    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def import_groups(self) -> GroupImportDialog:
        from app.wizard.groupcsvdialog import GroupImportDialog

        dialog = GroupImportDialog(self.engine, self.selected_year(), self, self.actor)
        dialog.imported.connect(lambda _result: self.refresh())
        self._open(dialog)
        return dialog

    def export_groups(self) -> GroupExportDialog:
        from app.wizard.groupcsvdialog import GroupExportDialog

        dialog = GroupExportDialog(self.engine, self, self.actor)
        self._open(dialog)
        return dialog

    def show_operators(self) -> OperatorsDialog:
        from app.wizard.operatorsdialog import OperatorsDialog

        dialog = OperatorsDialog(self.engine, self.actor, self)
        self._open(dialog)
        return dialog

    def show_connection(self) -> ConnectionDialog:
        from app.wizard.connectiondialog import ConnectionDialog

        dialog = ConnectionDialog(self.settings, self)
        self._open(dialog)
        return dialog

    def show_ldap(self) -> LdapDialog:
        from app.wizard.ldapdialog import LdapDialog

        dialog = LdapDialog(self.engine, self)
        dialog.accepted.connect(self.refresh)
        self._open(dialog)
        return dialog

    def show_settings(self) -> SettingsDialog:
        from app.wizard.settingsdialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.engine, self.actor, self)
        self._open(dialog)
        return dialog

    def show_log(self) -> LogDialog:
        from app.wizard.logdialog import LogDialog

        dialog = LogDialog(parent=self)
        self._open(dialog)
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About schoolimport"),
            self.tr(
                "schoolimport %1\n\nImports the school office's tables into the user directory."
            ).replace("%1", app.__version__),
        )


def load_wizard_modules() -> None:
    """Import the wizard and the import engine (what "Import…" needs) ahead of the click."""
    import app.wizard.wizard  # noqa: F401


def _sync_states(db: Session) -> dict[int, str] | None:
    """Each user's LDAP sync state, None when no server is set up (the LDAP modules
    load only once one is)."""
    if get_setting(db, "ldap", None) is None:
        return None
    from app.engine.ldapsync.status import user_states

    return {uid: state.value for uid, state in user_states(db).items()}
