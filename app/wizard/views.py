"""The table view every list of the main window and its dialogs uses, and the column
sizing all of them share: each column as wide as its header and its contents, up to
a sensible maximum (the cell's full text is its tooltip), so nothing is cut off.

Fitting asks every sampled cell for its size through Python (the model's ``data()``
for each role the delegate reads, through the filter proxy): 4–5 ms of the interface
thread per column, 40–60 ms for the preview's ten columns or the users' thirteen, at
every reset. A :class:`ColumnFitter` therefore fits a view's columns after the reset,
a few at a time between events (``bench/ui_latency.py``), and several resets in a row
(the users, then their LDAP states) fit once. It waits while :func:`busy.run_responsive`
waits for its worker (the next refresh reading the users).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.wizard.busy import waiting_for_worker

MAX_COLUMN_WIDTH = 360
# A 100,000-row grid is sized from its first rows. Fitting runs on the interface thread
# at every reset (each search, each refresh of the users): 500 rows cost 0.3 s of CPU
# over the preview's ten columns, 50 rows 0.03 s (bench/ui_latency.py found the former
# stalling the window at every search and refresh).
_SAMPLED_ROWS = 50
# How long one turn of the event loop may fit columns before it lets events in.
_SLICE_S = 0.008
# A fitter that finds another one's slice ended less than this ago waits a turn.
_TURN_GAP_S = 0.001
_last_slice_end = 0.0
_last_slicer = 0  # id() of the fitter that had the last slice (no reference kept)
# While run_responsive waits for a worker, how often a fitter looks whether it is done.
_WAIT_MS = 20


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
    view: QTableView, maximum: int = MAX_COLUMN_WIDTH, columns: Iterable[int] | None = None
) -> None:
    """Size every column (or ``columns``) to its header and contents now, at most
    ``maximum`` pixels (a header is never cut, however narrow its contents)."""
    for column in columns if columns is not None else range(view.model().columnCount()):
        _fit_column(view, column, maximum)


def _fit_column(view: QTableView, column: int, maximum: int) -> None:
    if view.isColumnHidden(column) or column >= view.model().columnCount():
        return
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(_SAMPLED_ROWS)
    view.resizeColumnToContents(column)
    title = header.sectionSizeHint(column)
    view.setColumnWidth(column, max(title, min(view.columnWidth(column), maximum)))


class ColumnFitter(QObject):
    """Fits a view's columns after a change, in slices of at most ``_SLICE_S`` between
    events, so that a reset of 50,000 rows never holds the interface thread for the
    whole fitting; columns asked for again before their turn are fitted once."""

    def __init__(self, view: QTableView, maximum: int = MAX_COLUMN_WIDTH) -> None:
        super().__init__(view)
        self._view, self._maximum = view, maximum
        self._pending: dict[int, None] = {}  # an ordered set of columns
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def request(self, columns: Iterable[int] | None = None) -> None:
        """Fit ``columns`` (all by default) soon."""
        if columns is None:
            columns = range(self._view.model().columnCount())
        self._pending.update(dict.fromkeys(columns))
        if self._pending and not self._timer.isActive():
            self._timer.start(0)

    def pending(self) -> bool:
        return bool(self._pending)

    def finish(self) -> None:
        """Fit what is still to be fitted now."""
        while self._pending:
            self._fit_next()

    def _step(self) -> None:
        if waiting_for_worker():
            # Each sampled cell is a call into Python, which waits for the lock the
            # worker holds (Finish: the previous refresh's columns fitted while the
            # next one read 50,000 users, 47 ms for one column); and the worker's
            # result usually resets the model, which asks for the columns again.
            self._timer.start(_WAIT_MS)
            return
        global _last_slice_end, _last_slicer
        started = time.perf_counter()
        if _last_slicer != id(self) and started - _last_slice_end < _TURN_GAP_S:
            # Another view's fitter had this turn of the loop (their zero timers fire
            # in one pass: the users, the groups and the history after a refresh made
            # three slices, 24 ms, without an event between them).
            self._timer.start(0)
            return
        while self._pending and time.perf_counter() - started < _SLICE_S:
            self._fit_next()
        _last_slice_end, _last_slicer = time.perf_counter(), id(self)
        if self._pending:
            self._timer.start(0)

    def _fit_next(self) -> None:
        column = next(iter(self._pending))
        del self._pending[column]
        _fit_column(self._view, column, self._maximum)


def fitter(view: QTableView) -> ColumnFitter:
    """The view's fitter (made on first use)."""
    found = view.findChild(ColumnFitter)
    return found if isinstance(found, ColumnFitter) else ColumnFitter(view)


def fitting(widget: QWidget) -> bool:
    """Whether a table under ``widget`` (or ``widget`` itself) still has columns to fit
    (tests and screenshots wait for it)."""
    views = [widget] if isinstance(widget, QTableView) else []
    views += widget.findChildren(QTableView)
    return any(fitter(view).pending() for view in views if view.findChild(ColumnFitter))


def fit_columns_on_change(view: QTableView, maximum: int = MAX_COLUMN_WIDTH) -> None:
    """Fit the columns now and, between events, whenever the model is reset, its
    layout changes or its data does (the running import's progress in the history)."""
    model = view.model()
    columns = ColumnFitter(view, maximum)
    for signal in (model.modelReset, model.layoutChanged):
        signal.connect(lambda *_args: columns.request())
    model.dataChanged.connect(lambda top, bottom, *_: _refit(columns, top, bottom))
    fit_columns(view, maximum)


def _refit(columns: ColumnFitter, top: QModelIndex, bottom: QModelIndex) -> None:
    """A changed cell refits its own columns, and only where sizing looks (a run's
    progress in the history at every batch; not a tick in row 40,000)."""
    if top.row() < _SAMPLED_ROWS:
        columns.request(range(top.column(), bottom.column() + 1))
