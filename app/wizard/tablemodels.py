"""Table models of the main window (users, groups) and of the table page's preview.

Every model answers ``data()`` from the engine's own rows; nothing is copied into
items. The users model sorts its list itself (a Python key sort is far quicker than a
proxy calling ``data()`` for every comparison), and :class:`UsersFilterProxy` only
filters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, contains, eq
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.engine.admin.collation import german_key
from app.engine.admin.directory import GroupRow, UserRow
from app.engine.reading.table import Table
from app.wizard import texts
from app.wizard.busy import dispose_in_background
from app.wizard.filterproxy import RowFilterProxy
from app.wizard.formats import day, source_label

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
UserRowRole = Qt.ItemDataRole.UserRole + 1


class TitledTableModel(QAbstractTableModel):
    """A table model whose horizontal headers are :meth:`column_titles` (translated with
    ``self.tr`` in the subclass, so each keeps its own translation context)."""

    def column_titles(self) -> Sequence[str]:
        raise NotImplementedError

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if role != DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return self.column_titles()[section]


def _user_columns() -> list[tuple[str, Callable[[UserRow], str]]]:
    return [
        (texts.field_label("login"), lambda u: u.login),
        (texts.field_label("last_name"), lambda u: u.last_name),
        (texts.field_label("first_name"), lambda u: u.first_name),
        (
            QCoreApplication.translate("UsersTableModel", "Account type"),
            lambda u: texts.account_type_label(u.account_type),
        ),
        (
            QCoreApplication.translate("UsersTableModel", "Status"),
            lambda u: texts.status_label(u.status),
        ),
        (texts.field_label("groups"), lambda u: ", ".join(u.groups)),
        (texts.field_label("source"), lambda u: source_label(u.source)),
        (texts.field_label("source_id"), lambda u: u.source_id),
        (texts.field_label("birth_date"), lambda u: day(u.birth_date)),
        (texts.field_label("email"), lambda u: u.email or ""),
        (
            QCoreApplication.translate("UsersTableModel", "Deactivated on"),
            lambda u: _planned(u.deactivate_on, purge=False),
        ),
        (
            QCoreApplication.translate("UsersTableModel", "Purged on"),
            lambda u: _planned(u.purge_on, purge=True),
        ),
    ]


# Columns whose text does not sort: days sort by their ISO form.
_DAY_SORT_KEYS: dict[int, Callable[[UserRow], date | None]] = {
    8: lambda u: u.birth_date,
    10: lambda u: u.deactivate_on,
    11: lambda u: u.purge_on,
}


def _planned(value: date | None, purge: bool) -> str:
    """A day of the grace period; one still to come says that it is planned."""
    if value is None:
        return ""
    if value <= date.today():
        return day(value)
    if purge:
        text = QCoreApplication.translate("UsersTableModel", "will be purged on %1")
    else:
        text = QCoreApplication.translate("UsersTableModel", "will be deactivated on %1")
    return text.replace("%1", day(value))


class UsersTableModel(QAbstractTableModel):
    """The users of the directory (``directory.list_users`` rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UserRow] = []
        self._sync: dict[int, str] = {}
        ldap = QCoreApplication.translate("UsersTableModel", "LDAP")
        columns = _user_columns()  # the sync state goes beside the status
        self._columns = [*columns[:5], (ldap, self._sync_text), *columns[5:]]
        self.sync_column = 5  # shown only while an LDAP server is set up

    def set_users(self, rows: list[UserRow], sync_states: dict[int, str] | None = None) -> None:
        """The users and, if given, each one's LDAP sync state by id (empty when no
        server is set up): one reset, so that the view fits its columns once."""
        self.beginResetModel()
        old, self._rows = self._rows, rows
        if sync_states is not None:
            self._sync = sync_states
        self.endResetModel()
        if old is not rows:
            dispose_in_background(old)

    def _sync_text(self, user: UserRow) -> str:
        state = self._sync.get(user.id)
        return texts.sync_state_label(state) if state else ""

    def user_at(self, row: int) -> UserRow:
        return self._rows[row]

    def users(self) -> list[UserRow]:
        """The model's own list, emptied in the background once replaced: not to be kept."""
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headers(self) -> list[str]:
        return [title for title, _ in self._columns]

    def row_texts(self, user: UserRow) -> list[str]:
        return [value(user) for _, value in self._columns]

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """``data()`` of a valid cell, asked by :class:`UsersFilterProxy` directly."""
        user = self._rows[row]
        if role == DISPLAY or role == TOOLTIP:
            return self._columns[column][1](user)
        if role == UserRowRole:
            return user
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        value = self._columns[column][1]
        days = _DAY_SORT_KEYS.get(column)
        self.layoutAboutToBeChanged.emit()
        old = {id(user): n for n, user in enumerate(self._rows)}

        def key(user: UserRow) -> tuple[str, str]:
            if days is not None:
                found = days(user)
                return (found.isoformat() if found else "", "")
            return german_key(value(user))

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        moved = {old[id(user)]: n for n, user in enumerate(self._rows)}
        before = self.persistentIndexList()
        after = [self.index(moved[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


class UsersFilterProxy(RowFilterProxy):
    """Search and the account type / status / group filters; sorting goes to the source."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._account_type: str | None = None
        self._status: str | None = None
        self._group: str | None = None
        self._haystacks: list[str] | None = None  # per source row, made on the first search

    def set_filters(
        self,
        search: str = "",
        account_type: str | None = None,
        status: str | None = None,
        group: str | None = None,
    ) -> None:
        wanted = (search.strip().casefold(), account_type, status, group)
        if wanted == (self._needle, self._account_type, self._status, self._group):
            return  # e.g. after a refresh: the source's reset has filtered already
        self._needle, self._account_type, self._status, self._group = wanted
        self.refilter()

    def rows_changed(self) -> None:
        self._haystacks = None

    def accepted(self) -> Sequence[int]:
        model = self.sourceModel()
        if not isinstance(model, UsersTableModel):
            return range(0)
        users = model.users()
        shown: Sequence[int] = range(len(users))
        for name, wanted in (("account_type", self._account_type), ("status", self._status)):
            if wanted:
                values = map(attrgetter(name), map(users.__getitem__, shown))
                shown = list(compress(shown, map(eq, values, repeat(wanted))))
        if self._group:
            groups = map(attrgetter("groups"), map(users.__getitem__, shown))
            shown = list(compress(shown, map(contains, groups, repeat(self._group))))
        if self._needle:
            if self._haystacks is None:
                self._haystacks = list(map(_user_haystack, users))
            found = map(contains, map(self._haystacks.__getitem__, shown), repeat(self._needle))
            shown = list(compress(shown, found))
        return shown


def _user_haystack(user: UserRow) -> str:
    parts = (user.login, user.last_name, user.first_name, user.source_id, user.email or "")
    return " ".join(parts).casefold()


class GroupsTableModel(TitledTableModel):
    """The groups of a school year (``directory.list_groups`` rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GroupRow] = []

    def set_groups(self, rows: list[GroupRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        group = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            values: list[Any] = [
                group.name,
                texts.group_type_label(group.type),
                group.year or self.tr("permanent"),
                group.member_count,
            ]
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def column_titles(self) -> Sequence[str]:
        return [self.tr("Name"), self.tr("Type"), self.tr("Valid in"), self.tr("Members")]


class FilePreviewTableModel(QAbstractTableModel):
    """The first rows of a read file, as the table page shows them."""

    def __init__(self, parent: QObject | None = None, limit: int = 20) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: Sequence[list[str]] = []
        self._limit = limit

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._headers = list(table.headers) if table else []
        self._rows = table.rows[: self._limit] if table else []
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if index.isValid() and role == DISPLAY:
            return self._rows[index.row()][index.column()]
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return section + 1
