"""The main window, "Benutzerverwaltung": school year, users, groups, and the actions
around the import wizard (SPEC §3)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine, select

import app
from app.db import session_scope
from app.engine.directory import find_year, list_groups, list_users, list_years
from app.engine.exports import write_table
from app.models import AccountTypeCode, Operator, UserStatus
from app.wizard import texts
from app.wizard.settingsdialog import SettingsDialog
from app.wizard.tablemodels import GroupsTableModel, UsersFilterProxy, UsersTableModel
from app.wizard.wizard import ImportWizard


def _table_view(model: QSortFilterProxyModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class MainWindow(QMainWindow):
    def __init__(self, engine: Engine, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.settings = settings
        self.wizard: ImportWizard | None = None
        self.setWindowTitle(self.tr("User management") + " — schoolimport")
        self.users_model = UsersTableModel(self)
        self.users_proxy = UsersFilterProxy(self)
        self.users_proxy.setSourceModel(self.users_model)
        self.groups_model = GroupsTableModel(self)
        self.groups_proxy = QSortFilterProxyModel(self)
        self.groups_proxy.setSourceModel(self.groups_model)
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(self.refresh)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, login, source ID, e-mail"))
        self.search_edit.setClearButtonEnabled(True)
        self.type_filter = self._filter_combo(
            self.tr("All account types"),
            [(texts.account_type_label(c.value), c.value) for c in AccountTypeCode],
        )
        self.status_filter = self._filter_combo(
            self.tr("All statuses"),
            [(texts.status_label(s.value), s.value) for s in UserStatus],
        )
        self.group_filter = self._filter_combo(self.tr("All groups"), [])
        self.search_edit.textChanged.connect(self._apply_filters)
        self.users_view = _table_view(self.users_proxy)
        for column, width in enumerate((150, 110, 100, 100, 150, 90, 70, 80, 100)):
            self.users_view.setColumnWidth(column, width)
        self.groups_view = _table_view(self.groups_proxy)
        self.count_label = QLabel()
        self._build_actions()
        self._lay_out()
        self.resize(1000, 650)
        self.refresh()

    def _filter_combo(self, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self._apply_filters)
        return combo

    def _build_actions(self) -> None:
        style = self.style()
        self.import_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowRight), self.tr("&Import…"), self
        )
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.start_import)
        self.export_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("&Export users…"),
            self,
        )
        self.export_action.triggered.connect(self.export_users)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.triggered.connect(self.show_settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about_action = QAction(self.tr("&About schoolimport"), self)
        about_action.triggered.connect(self.show_about)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.menuBar().addMenu(self.tr("&Extras")).addAction(self.settings_action)
        self.menuBar().addMenu(self.tr("&Help")).addAction(about_action)
        toolbar = self.addToolBar(self.tr("Actions"))
        toolbar.setObjectName("actions")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.import_action, self.export_action])

    def _lay_out(self) -> None:
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("School year:")))
        year_row.addWidget(self.year_combo)
        year_row.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        for combo in (self.type_filter, self.status_filter, self.group_filter):
            filters.addWidget(combo, 1)
        users_tab = QWidget()
        users_layout = QVBoxLayout(users_tab)
        users_layout.addLayout(filters)
        users_layout.addWidget(self.users_view, 1)
        users_layout.addWidget(self.count_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(users_tab, self.tr("Users"))
        self.tabs.addTab(self.groups_view, self.tr("Groups"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(year_row)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    # -- data --------------------------------------------------------------------------
    def selected_year(self) -> str | None:
        value = self.year_combo.currentData()
        return str(value) if value else None

    def refresh(self) -> None:
        """Read years, users and groups again (after an import, a year change)."""
        with session_scope(self.engine) as db:
            years = [(y.name, y.is_current) for y in list_years(db)]
            self._fill_years(years)
            year = find_year(db, self.selected_year()) if years else None
            users = list_users(db, year=year)
            groups = list_groups(db, year) if year is not None else []
        self.users_model.set_users(users)
        self.groups_model.set_groups(groups)
        self._fill_group_filter([g.name for g in groups])
        self._apply_filters()

    def _fill_years(self, years: list[tuple[str, bool]]) -> None:
        wanted = self.selected_year() or next((n for n, cur in years if cur), None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for name, current in years:
            label = self.tr("%1 (current)").replace("%1", name) if current else name
            self.year_combo.addItem(label, name)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)

    def _fill_group_filter(self, names: list[str]) -> None:
        chosen = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        while self.group_filter.count() > 1:
            self.group_filter.removeItem(1)
        for name in names:
            self.group_filter.addItem(name, name)
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(chosen)))
        self.group_filter.blockSignals(False)

    def _apply_filters(self) -> None:
        self.users_proxy.set_filters(
            self.search_edit.text(),
            self.type_filter.currentData(),
            self.status_filter.currentData(),
            self.group_filter.currentData(),
        )
        shown, total = self.users_proxy.rowCount(), self.users_model.rowCount()
        text = self.tr("%1 of %2 users shown").replace("%1", f"{shown:,}")
        self.count_label.setText(text.replace("%2", f"{total:,}"))

    # -- actions -----------------------------------------------------------------------
    def start_import(self) -> ImportWizard:
        with session_scope(self.engine) as db:
            operator_id = db.scalar(select(Operator.id).order_by(Operator.id).limit(1))
        wizard = ImportWizard(self.engine, self.selected_year(), operator_id, self)
        wizard.imported.connect(lambda _result: self.refresh())
        wizard.finished.connect(lambda _code: self.refresh())
        self.wizard = wizard
        wizard.open()
        return wizard

    def export_users(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export users"),
            str(Path.home() / "benutzer.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            self.write_users(Path(name))

    def write_users(self, path: Path) -> Path:
        """The users the filters show, as XLSX (or CSV by suffix)."""
        rows = [
            self.users_model.row_texts(
                self.users_model.user_at(
                    self.users_proxy.mapToSource(self.users_proxy.index(r, 0)).row()
                )
            )
            for r in range(self.users_proxy.rowCount())
        ]
        return write_table(path, self.users_model.headers(), rows)

    def show_settings(self) -> None:
        SettingsDialog(self.settings, self).open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About schoolimport"),
            self.tr(
                "schoolimport %1\n\nImports the school office's tables into the user directory."
            ).replace("%1", app.__version__),
        )
