"""The table view every list of the main window and its dialogs uses, and the column
sizing all of them share: each column as wide as its header and its contents, up to
a sensible maximum (the cell's full text is its tooltip), so nothing is cut off."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

MAX_COLUMN_WIDTH = 360
# A 100,000-row grid is sized from its first rows. Fitting runs on the interface thread
# at every reset (each search, each refresh of the users): 500 rows cost 0.3 s of CPU
# over the preview's ten columns, 50 rows 0.03 s (bench/ui_latency.py found the former
# stalling the window at every search and refresh).
_SAMPLED_ROWS = 50


def table_view(model: QAbstractItemModel, sortable: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(sortable)
    if sortable:
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    fit_columns_on_change(view)
    return view


def fit_columns(
    view: QTableView, maximum: int = MAX_COLUMN_WIDTH, columns: range | None = None
) -> None:
    """Size every column (or ``columns``) to its header and contents, at most
    ``maximum`` pixels (a header is never cut, however narrow its contents)."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(_SAMPLED_ROWS)
    model = view.model()
    for column in columns if columns is not None else range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        view.resizeColumnToContents(column)
        title = header.sectionSizeHint(column)
        view.setColumnWidth(column, max(title, min(view.columnWidth(column), maximum)))


def fit_columns_on_change(view: QTableView, maximum: int = MAX_COLUMN_WIDTH) -> None:
    """Fit the columns now and whenever the model is reset, its layout changes or its
    data does (the running import's progress in the history)."""
    model = view.model()
    for signal in (model.modelReset, model.layoutChanged):
        signal.connect(lambda *_args: fit_columns(view, maximum))
    model.dataChanged.connect(lambda top, bottom, *_: _refit(view, maximum, top, bottom))
    fit_columns(view, maximum)


def _refit(view: QTableView, maximum: int, top: QModelIndex, bottom: QModelIndex) -> None:
    """A changed cell refits its own columns, and only where sizing looks (a run's
    progress in the history at every batch; not a tick in row 40,000)."""
    if top.row() < _SAMPLED_ROWS:
        fit_columns(view, maximum, range(top.column(), bottom.column() + 1))
