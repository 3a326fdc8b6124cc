"""Step 3: which file column feeds which field; Next waits for the required fields.

Above the columns: a known layout ("Bekanntes Format": linuxmuster's headerless lists,
also recognised by content) and the fields a source ID is derived from when the file
has none; beside each column a second field, for a column that feeds two (Moodle's
``username``: source ID and login).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.engine.planning.identity import IDENTITY_FIELDS
from app.engine.planning.layouts import LAYOUTS
from app.engine.planning.mapping import MULTI_COLUMN_FIELDS, REQUIRED_FIELDS, ColumnMapping, Field
from app.engine.reading.table import Table
from app.engine.reasons import EngineError, Message, Reason
from app.engine.session import ImportSession
from app.wizard import texts
from app.wizard.pages.base import ERROR_STYLE, OK_STYLE, ImportPage, error_label, show_error

FIELDS = [f for f in Field if f is not Field.IGNORE]


def repeated_headers(headers: list[str]) -> list[str]:
    """The headers that stand over more than one column (compared as the mapper does)."""
    seen: dict[str, int] = {}
    for header in headers:
        key = header.strip().casefold()
        seen[key] = seen.get(key, 0) + 1
    return list(dict.fromkeys(h for h in headers if seen[h.strip().casefold()] > 1))


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
        self.second_combos: list[QComboBox] = []
        self._table: Table | None = None
        self.layout_combo = QComboBox()
        self.layout_combo.addItem(self.tr("— none: the first row holds the headers —"), "")
        self.layout_combo.addItem(
            self.tr("linuxmuster students.csv (class;last name;first name;birth date;ID)"),
            "linuxmuster-students",
        )
        self.layout_combo.addItem(
            self.tr("linuxmuster teachers.csv (type;last name;first name;birth date;login)"),
            "linuxmuster-teachers",
        )
        self.layout_combo.currentIndexChanged.connect(self._layout_chosen)
        self.identity_checks: dict[Field, QCheckBox] = {}
        identity_row = QHBoxLayout()
        identity_row.addWidget(QLabel(self.tr("Derive the source ID from:")))
        for fld in IDENTITY_FIELDS:
            check = QCheckBox(texts.field_label(fld.value))
            check.toggled.connect(lambda _on: self._changed(None))
            identity_row.addWidget(check)
            self.identity_checks[fld] = check
        identity_row.addStretch(1)
        self.identity_note = QLabel()
        self.identity_note.setWordWrap(True)
        self.layout_error = error_label()
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.remembered_label = QLabel()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        known = QHBoxLayout()
        known.addWidget(QLabel(self.tr("Known layout:")))
        known.addWidget(self.layout_combo, 1)
        layout.addLayout(known)
        layout.addWidget(self.layout_error)
        layout.addLayout(identity_row)
        layout.addWidget(self.identity_note)
        layout.addWidget(self.remembered_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.missing_label)

    def initializePage(self) -> None:  # noqa: N802
        table = self.session.table
        if table is None or table is self._table:
            return
        self._show(table)

    def _show(self, table: Table) -> None:
        """The page for the session's table, mapping and layout."""
        self._table = table
        self._rebuild(table)
        mapping = self.session.mapping
        identity = mapping.identity if mapping else ()
        for fld, check in self.identity_checks.items():
            check.blockSignals(True)
            check.setChecked(fld in identity)
            check.blockSignals(False)
        layout = self.session.layout
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(
            max(0, self.layout_combo.findData(layout.name if layout else ""))
        )
        self.layout_combo.blockSignals(False)
        if layout is not None:
            text = self.tr("The file has no header row; its columns were read as the known layout.")
        elif self.session.mapping_was_saved:
            text = self.tr("The mapping of your last import of this layout is filled in.")
        else:
            text = self.tr("The columns were recognised by their headers; please check.")
        self.remembered_label.setText(text)
        twice = repeated_headers(table.headers)
        if twice:  # the wizard's way to "ask which": both columns shown, the user picks
            warning = self.tr(
                "Several columns have the same header (%1): check which one is imported."
            )
            show_error(self.layout_error, warning.replace("%1", ", ".join(twice)))
        else:
            show_error(self.layout_error, None)
        self._update_missing()

    def _layout_chosen(self) -> None:
        """Read the file again in the chosen layout (or with its header row)."""
        name = self.layout_combo.currentData()
        path = self.session.path
        if path is None:
            return
        try:
            if name:
                table = self.session.use_layout(LAYOUTS[name])
            else:
                options = replace(self.session.read_options, header=True)
                table = self.session.load(path, options, recognise_layout=False)
        except EngineError as error:
            show_error(self.layout_error, texts.error_text(error))
            return
        self._show(table)

    def _rebuild(self, table: Table) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos, self.second_combos = [], []
        titles = (self.tr("Column"), self.tr("Sample"), self.tr("Field"), self.tr("Also"))
        for column, title in enumerate(titles):
            label = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(label, 0, column)
        mapping = self.session.mapping or ColumnMapping([None] * table.column_count)
        seconds = dict(mapping.extra)
        for i, header in enumerate(table.headers):
            samples = [row[i] for row in table.rows[:50] if row[i]][:3]
            sample = QLabel(", ".join(samples))
            sample.setStyleSheet("color: #666;")
            combo = self._field_combo(mapping.fields[i])
            combo.currentIndexChanged.connect(lambda _n, col=i: self._changed(col))
            second = self._field_combo(seconds.get(i), self.tr("—"))
            second.currentIndexChanged.connect(lambda _n: self._changed(None))
            if not table.has_header:  # the reader's "Column 3", in the interface language
                header = self.tr("Column %1").replace("%1", str(i + 1))
            self.grid.addWidget(QLabel(header), i + 1, 0)
            self.grid.addWidget(sample, i + 1, 1)
            self.grid.addWidget(combo, i + 1, 2)
            self.grid.addWidget(second, i + 1, 3)
            self.combos.append(combo)
            self.second_combos.append(second)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(table.headers) + 1, 1)

    def _field_combo(self, current: Field | None, empty: str | None = None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(empty or self.tr("— not imported —"), None)
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

    def extras(self) -> list[tuple[int, Field]]:
        """The second fields: (column, field) for each column that feeds two."""
        found = [(i, combo.currentData()) for i, combo in enumerate(self.second_combos)]
        return [(i, Field(value)) for i, value in found if value]

    def identity(self) -> tuple[Field, ...]:
        return tuple(f for f, check in self.identity_checks.items() if check.isChecked())

    def _changed(self, column: int | None) -> None:
        chosen = self.fields()[column] if column is not None else None
        if column is not None and chosen is not None and chosen not in MULTI_COLUMN_FIELDS:
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == chosen.value:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self.session.mapping = ColumnMapping(
            self.fields(), extra=self.extras(), identity=self.identity()
        )
        self.session.plan = None
        self._update_missing()

    def _update_missing(self) -> None:
        mapping = self.session.mapping
        identity = [f.value for f in mapping.identity] if mapping else []
        note = Message(Reason.IDENTITY_NOTE, {"fields": identity})
        self.identity_note.setText(texts.reason_text(note) if identity else "")
        self.identity_note.setVisible(bool(identity))
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
