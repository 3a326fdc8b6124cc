"""Step 2: the table file — chooser, drag and drop, how to read it, a live preview.

Every change of a read option reads the file again through the engine; a file that
cannot be read shows the engine's one-line message and keeps Next disabled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.admin.template import (
    TEMPLATE_VERSION,
    template_version,
    write_template,
)
from app.engine.reading.table import FileKind, ReadOptions
from app.engine.reasons import EngineError
from app.engine.session import ImportSession
from app.models import AccountTypeCode
from app.wizard import texts
from app.wizard.busy import run_responsive
from app.wizard.formats import counted
from app.wizard.pages.base import ImportPage, documents_folder, error_label, show_error
from app.wizard.tablemodels import FilePreviewTableModel
from app.wizard.texts import error_text

ENCODINGS = ("auto", "utf-8", "cp1252", "shift_jis", "utf-16")
DELIMITERS = ("auto", ";", ",", "\t")
LAST_FOLDER_KEY = "import/last_folder"
WARNING_STYLE = "background: #fff3b0; color: #5d4300; padding: 4px; border: 1px solid #e0c200;"


class TablePage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Table"))
        self.setSubTitle(self.tr("Choose the file the school office exported, or drop it here."))
        self.setAcceptDrops(True)
        self._path: Path | None = None
        self._error: str | None = None
        self.settings: QSettings | None = None  # where the last folder used is kept
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("CSV, XLSX, XLS or ODS file"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self._choose)
        self.template_button = QToolButton()
        self.template_button.setText(self.tr("Download template…"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        template_menu = QMenu(self.template_button)
        for code in AccountTypeCode:
            action = template_menu.addAction(texts.account_type_label(code.value))
            action.triggered.connect(lambda _=False, c=code.value: self._ask_template(c))
        self.template_button.setMenu(template_menu)
        self.template_warning = QLabel()
        self.template_warning.setWordWrap(True)
        self.template_warning.setStyleSheet(WARNING_STYLE)
        self.template_warning.hide()
        self.encoding_combo = self._combo(ENCODINGS, self._encoding_label)
        self.delimiter_combo = self._combo(DELIMITERS, self._delimiter_label)
        self.sheet_combo = QComboBox()
        # As wide as its longest sheet name, whenever the names change (Qt's default
        # sizes it once, when first shown: empty, so that "Schülerliste 2026/27 (Stand
        # 1.8.)" was cut to "Schülerl…").
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.setMinimumContentsLength(8)
        # (but not wider than about 48 characters: an ODS sheet's name may be a sentence,
        # which would widen the whole window; the full name is the tooltip)
        self.sheet_combo.setMaximumWidth(self.sheet_combo.fontMetrics().averageCharWidth() * 48)
        self.sheet_combo.currentTextChanged.connect(self.sheet_combo.setToolTip)
        self.sheet_combo.currentIndexChanged.connect(self._reload)
        self.header_check = QCheckBox(self.tr("The first row holds the column headers"))
        self.header_check.setChecked(True)
        self.header_check.toggled.connect(self._reload)
        self.info_label = QLabel()
        self.error = error_label()
        self.model = FilePreviewTableModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.setAlternatingRowColors(True)
        self._lay_out()

    def _combo(self, values: tuple[str, ...], label: object) -> QComboBox:
        combo = QComboBox()
        for value in values:
            combo.addItem(label(value), value)  # type: ignore[operator]
        combo.currentIndexChanged.connect(self._reload)
        return combo

    def _encoding_label(self, value: str) -> str:
        names = {"auto": self.tr("detect"), "utf-8": "UTF-8", "cp1252": "Windows-1252"}
        return names.get(value, {"shift_jis": "Shift-JIS", "utf-16": "UTF-16"}.get(value, value))

    def _delimiter_label(self, value: str) -> str:
        names = {"auto": self.tr("detect"), "\t": self.tr("tab")}
        return names.get(value, value)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.template_button)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Encoding:")), 0, 0)
        grid.addWidget(self.encoding_combo, 0, 1)
        grid.addWidget(QLabel(self.tr("Delimiter:")), 0, 2)
        grid.addWidget(self.delimiter_combo, 0, 3)
        grid.addWidget(QLabel(self.tr("Sheet:")), 0, 4)
        grid.addWidget(self.sheet_combo, 0, 5)
        grid.setColumnStretch(6, 1)
        grid.addWidget(self.header_check, 1, 0, 1, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.template_warning)
        layout.addWidget(self.info_label)
        layout.addWidget(self.preview, 1)
        self._update_controls()

    # -- choosing a file ---------------------------------------------------------------
    def start_folder(self) -> str:
        """The folder of the file read last, else the last folder used, else the
        documents folder (never the program's own folder)."""
        if self._path is not None:
            return str(self._path.parent)
        last = str(self.settings.value(LAST_FOLDER_KEY, "")) if self.settings else ""
        if last and Path(last).is_dir():
            return last
        documents = documents_folder()
        return str(documents) if documents.is_dir() else str(Path.home())

    def _choose(self) -> None:
        start = self.start_folder()
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a table"),
            start,
            self.tr("Tables (*.csv *.txt *.xlsx *.xls *.ods);;All files (*)"),
        )
        if name:
            self.load_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.load_file(Path(urls[0].toLocalFile()))

    def load_file(self, path: Path) -> None:
        """A new file: its sheet choice starts over, the other options stay."""
        self._path = path
        self.path_edit.setText(str(path))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.blockSignals(False)
        self._reload()
        self._check_template(path)
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER_KEY, str(path.resolve().parent))

    # -- the template ------------------------------------------------------------------
    def _ask_template(self, account_type: str) -> None:
        default = self.tr("import-template-%1.xlsx").replace("%1", account_type)
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the import template"),
            str(Path(self.start_folder()) / default),
            self.tr("Excel workbook (*.xlsx);;OpenDocument spreadsheet (*.ods)"),
        )
        if name:
            self.save_template(account_type, Path(name))

    def save_template(self, account_type: str, target: Path) -> Path | None:
        if target.suffix.lower() not in (".xlsx", ".ods"):
            target = target.with_name(target.name + ".xlsx")
        try:
            saved = write_template(target, account_type, texts.language())
        except (EngineError, OSError) as error:
            detail = error_text(error) if isinstance(error, EngineError) else str(error)
            show_error(self.error, detail)
            return None
        self.info_label.setText(self.tr("Template saved to %1").replace("%1", str(saved)))
        return saved

    def _check_template(self, path: Path) -> None:
        # (beside the interface, as the reading: it opens the file once more)
        version = run_responsive(lambda: template_version(path))
        if version is None or version >= TEMPLATE_VERSION:
            self.template_warning.hide()
            return
        text = self.tr(
            "This file was made from template version %1; the current template is version %2."
            " Please download the new template and copy the data into it."
        )
        self.template_warning.setText(
            text.replace("%1", str(version)).replace("%2", str(TEMPLATE_VERSION))
        )
        self.template_warning.show()

    # -- reading -----------------------------------------------------------------------
    def read_options(self) -> ReadOptions:
        sheet = self.sheet_combo.currentData()
        return ReadOptions(
            encoding=str(self.encoding_combo.currentData()),
            delimiter=str(self.delimiter_combo.currentData()),
            sheet=str(sheet) if sheet else None,
            header=self.header_check.isChecked(),
        )

    def _reload(self) -> None:
        if self._path is None:
            return
        path, options = self._path, self.read_options()
        try:
            run_responsive(lambda: self.session.load(path, options))
            self._error = None
        except EngineError as error:
            self._error = error_text(error)
            self.session.table = self.session.mapping = self.session.plan = None
        self._show_table()

    def _show_table(self) -> None:
        table = self.session.table
        show_error(self.error, self._error)
        self.model.set_table(table)
        self.preview.resizeColumnsToContents()  # 20 rows at most: cheap
        if table is not None:
            self._fill_sheets(table.sheets, table.sheet)
            rows, columns = len(table.rows), table.column_count
            info = counted(self.tr("%n data rows", "", rows), rows) + ", "
            info += self.tr("%n columns", "", columns)
            if table.kind is FileKind.CSV:
                info += " · " + self.tr("read as %1, delimiter %2").replace(
                    "%1", self._encoding_label(table.encoding or "")
                ).replace("%2", self._delimiter_label(table.delimiter or ""))
            self.info_label.setText(info)
        else:
            self.info_label.clear()
        self._update_controls()
        self.completeChanged.emit()

    def _fill_sheets(self, sheets: list[str], current: str | None) -> None:
        if [self.sheet_combo.itemData(i) for i in range(self.sheet_combo.count())] == sheets:
            return
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for sheet in sheets:
            self.sheet_combo.addItem(sheet, sheet)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(current)))
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setToolTip(self.sheet_combo.currentText())

    def _update_controls(self) -> None:
        table = self.session.table
        is_csv = self._path is not None and (table is None or table.kind is FileKind.CSV)
        self.encoding_combo.setEnabled(is_csv)
        self.delimiter_combo.setEnabled(is_csv)
        self.sheet_combo.setEnabled(self.sheet_combo.count() > 1)

    def isComplete(self) -> bool:  # noqa: N802
        return self.session.table is not None and self._error is None
