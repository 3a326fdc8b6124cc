"""Step 3: which file column feeds which field; Next waits for the required fields."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.engine.mapping import MULTI_COLUMN_FIELDS, REQUIRED_FIELDS, ColumnMapping, Field
from app.engine.session import ImportSession
from app.engine.table import Table
from app.wizard import texts
from app.wizard.pages.base import ERROR_STYLE, OK_STYLE, ImportPage

FIELDS = [f for f in Field if f is not Field.IGNORE]


class ColumnsPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "Choose the field each column of the file feeds. Fields marked * are required;"
                " columns left as “not imported” are ignored."
            )
        )
        self.combos: list[QComboBox] = []
        self._table: Table | None = None
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.remembered_label = QLabel()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.remembered_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.missing_label)

    def initializePage(self) -> None:  # noqa: N802
        table = self.session.table
        if table is None or table is self._table:
            return
        self._table = table
        self._rebuild(table)
        remembered = self.session.mapping_was_saved
        self.remembered_label.setText(
            self.tr("The mapping of your last import of this layout is filled in.")
            if remembered
            else self.tr("The columns were recognised by their headers; please check.")
        )
        self._update_missing()

    def _rebuild(self, table: Table) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for column, title in enumerate((self.tr("Column"), self.tr("Sample"), self.tr("Field"))):
            label = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(label, 0, column)
        mapping = self.session.mapping or ColumnMapping([None] * table.column_count)
        for i, header in enumerate(table.headers):
            samples = [row[i] for row in table.rows[:50] if row[i]][:3]
            sample = QLabel(", ".join(samples))
            sample.setStyleSheet("color: #666;")
            combo = self._field_combo(mapping.fields[i])
            combo.currentIndexChanged.connect(lambda _n, col=i: self._changed(col))
            self.grid.addWidget(QLabel(header), i + 1, 0)
            self.grid.addWidget(sample, i + 1, 1)
            self.grid.addWidget(combo, i + 1, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(table.headers) + 1, 1)

    def _field_combo(self, current: Field | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("— not imported —"), None)
        for fld in FIELDS:
            star = " *" if fld in REQUIRED_FIELDS else ""
            combo.addItem(texts.field_label(fld.value) + star, fld.value)
        combo.setCurrentIndex(max(0, combo.findData(current.value if current else None)))
        return combo

    def fields(self) -> list[Field | None]:
        values = [combo.currentData() for combo in self.combos]
        return [Field(v) if v else None for v in values]

    def set_field(self, column: int, fld: Field | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(fld.value if fld else None))

    def _changed(self, column: int) -> None:
        chosen = self.fields()[column]
        if chosen is not None and chosen not in MULTI_COLUMN_FIELDS:
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == chosen.value:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.session.mapping = ColumnMapping(self.fields())
        self.session.plan = None
        self._update_missing()

    def _update_missing(self) -> None:
        mapping = self.session.mapping
        missing = mapping.missing_required() if mapping else list(REQUIRED_FIELDS)
        if missing:
            names = ", ".join(texts.field_label(f.value) for f in missing)
            self.missing_label.setText(self.tr("Still missing: %1").replace("%1", names))
            self.missing_label.setStyleSheet(ERROR_STYLE)
        else:
            self.missing_label.setText(self.tr("All required fields are mapped."))
            self.missing_label.setStyleSheet(OK_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.session.mapping is not None and self.session.mapping.is_complete()
