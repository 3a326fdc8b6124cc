"""A filter proxy that works out the rows it shows all at once.

``QSortFilterProxyModel`` asks a Python ``filterAcceptsRow`` once per source row on
every reset and filter change: 50,000 calls froze the window for 0.3 s when the
preview opened, and again in the users tab after each import. :class:`RowFilterProxy`
asks its subclass once for the shown source rows (:meth:`RowFilterProxy.accepted`, a
``range`` when nothing is filtered, else a sorted list made with C-level maps), and
maps indexes through that list. Sorting goes to the source model.

A cell's data is one call into Python per role, not two: Qt's own
``QAbstractProxyModel.data`` asks the Python ``mapToSource`` and then the source's
Python ``data()``. A source with a ``cell(row, column, role)`` method (the users'
model) is asked through it directly, without a source index. Painting and fitting
the users after a refresh make some 10,000 such calls, each of which waits for the
interpreter's lock while a worker holds it (the next refresh reading 50,000 users).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class RowFilterProxy(QAbstractProxyModel):
    """Shows the source rows :meth:`accepted` names, in the source's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: Sequence[int] = range(0)
        self._columns = 0  # the source's, kept: index() runs for every painted cell
        self._cell: Callable[[int, int, int], Any] | None = None  # the source's cell()

    # -- for subclasses ----------------------------------------------------------------
    def accepted(self) -> Sequence[int]:
        """The shown source rows, ascending."""
        model = self.sourceModel()
        return range(model.rowCount() if model is not None else 0)

    def rows_changed(self) -> None:
        """The source's rows changed in place or moved: drop what was cached per row."""

    def refilter(self) -> None:
        self.beginResetModel()
        model = self.sourceModel()
        self._columns = model.columnCount() if model is not None else 0
        self._shown = self.accepted()
        self.endResetModel()

    # -- following the source ----------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        old = self.sourceModel()
        if old is not None:
            old.dataChanged.disconnect(self._source_changed)
            old.modelReset.disconnect(self._source_reset)
            old.layoutAboutToBeChanged.disconnect(self._layout_changing)
            old.layoutChanged.disconnect(self._layout_changed)
        self.beginResetModel()
        super().setSourceModel(model)
        cell = getattr(model, "cell", None)
        self._cell = cell if callable(cell) else None
        self._columns = model.columnCount()
        self.rows_changed()
        self._shown = self.accepted()
        self.endResetModel()
        model.dataChanged.connect(self._source_changed)
        model.modelReset.connect(self._source_reset)
        model.layoutAboutToBeChanged.connect(self._layout_changing)
        model.layoutChanged.connect(self._layout_changed)

    def _source_reset(self) -> None:
        self.rows_changed()
        self.refilter()

    def _layout_changing(self, *_args: Any) -> None:
        self.beginResetModel()

    def _layout_changed(self, *_args: Any) -> None:
        self.rows_changed()
        self._shown = self.accepted()
        self.endResetModel()

    def _source_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: Any) -> None:
        if top.row() == bottom.row():
            self._row_changed(top.row(), top.column(), bottom.column())
            return
        self.rows_changed()  # many rows (a conflict resolved): anything may differ
        shown = self.accepted()
        if list(shown) != list(self._shown):
            self.beginResetModel()
            self._shown = shown
            self.endResetModel()
        elif shown:
            first, last = self.index(0, top.column()), self.index(len(shown) - 1, bottom.column())
            self.dataChanged.emit(first, last)

    def _row_changed(self, row: int, first_column: int, last_column: int) -> None:
        """One row changed (a tick): shown, hidden or repainted as the filter now says,
        the other rows staying where they are (no reset: the view keeps its place)."""
        shown = self._shown
        position = bisect_left(shown, row)
        present = position < len(shown) and shown[position] == row
        wanted = isinstance(shown, range) or row in set(self.accepted())
        if present and wanted:
            first = self.index(position, first_column)
            self.dataChanged.emit(first, first.siblingAtColumn(last_column))
        elif present:
            self.beginRemoveRows(QModelIndex(), position, position)
            self._shown = [*shown[:position], *shown[position + 1 :]]
            self.endRemoveRows()
        elif wanted:
            self.beginInsertRows(QModelIndex(), position, position)
            self._shown = [*shown[:position], row, *shown[position:]]
            self.endInsertRows()

    # -- QAbstractProxyModel -----------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._shown) and 0 <= column < self._columns):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._columns

    def mapToSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802
        model = self.sourceModel()
        if model is None or not index.isValid() or index.row() >= len(self._shown):
            return QModelIndex()
        # The source's own index, made directly: its index() would ask the (Python)
        # rowCount and columnCount of the source for every painted cell.
        return model.createIndex(self._shown[index.row()], index.column())

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        """What the source says for the mapped cell (Qt's own maps through Python)."""
        if self._cell is None:
            return super().data(index, role)
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        return self._cell(self._shown[index.row()], index.column(), role)

    def mapFromSource(self, index: AnyIndex) -> QModelIndex:  # noqa: N802
        if not index.isValid():
            return QModelIndex()
        row, shown = index.row(), self._shown
        position = bisect_left(shown, row)
        if position < len(shown) and shown[position] == row:
            return self.createIndex(position, index.column())
        return QModelIndex()

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        model = self.sourceModel()
        if model is None or orientation != Qt.Orientation.Horizontal:
            return None
        return model.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
