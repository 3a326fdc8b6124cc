"""The "Users" tab of the main window: search, filters by account type, status and
group, the users with their grace-period dates, and export of what is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.engine.admin.directory import UserRow
from app.engine.output.exports import write_table
from app.models import AccountTypeCode, UserStatus
from app.wizard import texts
from app.wizard.busy import run_responsive
from app.wizard.tablemodels import UsersFilterProxy, UsersTableModel
from app.wizard.views import table_view

RESTORABLE = (UserStatus.MARKED_FOR_DELETION.value, UserStatus.DEACTIVATED.value)


class UsersTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UsersTableModel(self)
        self.proxy = UsersFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, login, source ID, e-mail"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.apply_filters)
        self.type_filter = self._filter_combo(
            self.tr("All account types"),
            [(texts.account_type_label(c.value), c.value) for c in AccountTypeCode],
        )
        self.status_filter = self._filter_combo(
            self.tr("All statuses"),
            [(texts.status_label(s.value), s.value) for s in UserStatus],
        )
        self.group_filter = self._filter_combo(self.tr("All groups"), [])
        self.view = table_view(self.proxy)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        for combo in (self.type_filter, self.status_filter, self.group_filter):
            filters.addWidget(combo, 1)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(filters)
        self._layout.addWidget(self.view, 1)
        self._layout.addWidget(self.count_label)

    def add_footer(self, widget: QWidget) -> None:
        """A row under the table (the LDAP sync's "Jetzt abgleichen")."""
        self._layout.addWidget(widget)

    def _filter_combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def set_users(
        self, users: list[UserRow], groups: list[str], sync_states: dict[int, str] | None
    ) -> None:
        """The users, the group filter's groups and each user's LDAP state (None when no
        server is set up: the column hides), in one reset of the model."""
        self.model.set_users(users, sync_states or {})
        self.view.setColumnHidden(self.model.sync_column, sync_states is None)
        chosen = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        while self.group_filter.count() > 1:
            self.group_filter.removeItem(1)
        for name in groups:
            self.group_filter.addItem(name, name)
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(chosen)))
        self.group_filter.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.proxy.set_filters(
            self.search_edit.text(),
            self.type_filter.currentData(),
            self.status_filter.currentData(),
            self.group_filter.currentData(),
        )
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("%1 of %2 users shown").replace("%1", f"{shown:,}")
        self.count_label.setText(text.replace("%2", f"{total:,}"))

    def shown_users(self) -> list[UserRow]:
        return [
            self.model.user_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def selected_users(self) -> list[UserRow]:
        rows = self.view.selectionModel().selectedRows()
        return [self.model.user_at(self.proxy.mapToSource(index).row()) for index in rows]

    def select_login(self, login: str) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.user_at(source).login == login:
                self.view.selectRow(row)
                return

    def write_users(self, path: Path) -> Path:
        """The users the filters show, as XLSX (or CSV by suffix)."""
        rows = [self.model.row_texts(user) for user in self.shown_users()]
        headers = self.model.headers()
        return run_responsive(lambda: write_table(path, headers, rows))  # (beside the interface)
