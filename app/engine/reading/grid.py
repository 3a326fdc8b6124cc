"""From a file's records to a :class:`Table`: cells cleaned, empty rows dropped, the
header taken and the rows squared — the same for every kind of file."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from itertools import chain, compress, islice
from pathlib import Path
from typing import Any, NamedTuple, cast

from app.engine.reading.table import (
    FileKind,
    GridRows,
    Table,
    clean_cells,
    clean_cells_printable,
)
from app.engine.reasons import Message, Reason, Refused

MAX_CELLS = 5_000_000  # rows x columns of the grid a sheet is read into


def refuse_cells(path: Path, detail: Message) -> None:
    raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail)


def build_table(
    path: Path,
    numbers: Sequence[int],
    rows: list[list[str]] | GridRows,
    kind: FileKind,
    has_header: bool,
    cells: Cells | None = None,
) -> Table:
    """Drop empty rows, take the header, and square the table. ``rows`` are cleaned
    (:func:`clean_rows`); ``numbers[i]`` is the row or line of ``rows[i]`` in the file;
    ``cells``, if given, all rows' cells one row after another (:func:`clean_grid_cells`:
    the rows are equally long), kept as the table's :attr:`~Table.cells` when no row
    is dropped or squared. Rows that are those cells (:func:`grid_rows`) stay so
    when nothing is dropped or squared (:func:`_grid_table`).
    """
    if isinstance(rows, GridRows):
        if cells is not None and cells.cells is rows.cells:
            table = _grid_table(numbers, rows, kind, has_header, cells)
            if table is not None:
                return table
        rows = rows.made()  # (made before any cell changes below)
    used = _used_rows(rows, cells)  # a row with any text
    if True not in used:
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    start = used.index(True)
    rows[start][0] = rows[start][0].lstrip("\ufeff").strip()
    header = rows[start] if has_header else None
    if has_header:
        start += 1
    if all(islice(used, start, None)):  # no empty row to drop: slices, copied in C
        body, lines = rows[start:], list(numbers[start:])
    else:
        body = list(compress(islice(rows, start, None), islice(used, start, None)))
        lines = list(compress(islice(numbers, start, None), islice(used, start, None)))
    # (the rows of one-pass cells are equally long: their width is the first one's)
    first, width = _used_columns(header or [], body, len(rows[0]) if cells is not None else None)
    if width == 0:
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    headers = _headers(_square(header, first, width) if header is not None else None, width)
    lengths = {len(body[0])} if cells is not None and body else set(map(len, body))
    if first != 0 or lengths - {width}:
        body = [_square(row, first, width) for row in body]  # else nothing to cut or pad
        cells = None
    table = Table(headers, body, lines, kind, has_header=has_header)
    flat = cells.cells if cells is not None else []
    if cells is not None and len(flat) == len(rows) * width and len(body) + start == len(rows):
        if not has_header:
            flat[start * width] = body[0][0]  # (the first cell, without a byte order mark)
        del flat[: start * width]  # (the reader's own list: the header's cells go in place)
        table.cells, table.cells_printable = flat, cells.printable
    return table


def _grid_table(
    numbers: Sequence[int],
    rows: GridRows,
    kind: FileKind,
    has_header: bool,
    cells: Cells,
) -> Table | None:
    """:func:`build_table` of rows that are the one-pass cells, when every row is
    used and every column from the first to the last: the table's rows stay the cells
    (:class:`GridRows`, the header's cells taken off in place); None otherwise (the
    rows are then made and built the general way)."""
    flat, width = cells.cells, rows.width
    count = len(rows)
    if not count or all("" in flat[column::width] for column in range(width)):
        return None  # (maybe an empty row: looked for row by row)
    first = flat[0].lstrip("\ufeff").strip()  # (the first cell, without a byte order mark)
    # (the used columns over the header and the rows: any text in the column's cells)
    last_used = any(flat[width - 1 :: width]) if width > 1 else bool(first)
    if not (first or any(flat[width::width])) or not last_used:
        return None  # an empty first or last column: cut off the general way
    flat[0] = first
    if has_header:
        headers = _headers(flat[:width], width)
        del flat[:width]  # (the reader's own list: the header's cells go in place)
        lines = list(numbers[1:])
    else:
        headers = _headers(None, width)
        lines = list(numbers)
    table = Table(headers, GridRows(flat, width), lines, kind, has_header=has_header)
    table.cells, table.cells_printable = flat, cells.printable
    return table


def _headers(header: Sequence[str] | None, width: int) -> list[str]:
    """The header row's texts (an empty one named by its number), or without a header
    row ``Column 1``, ``Column 2``, …"""
    if header is None:
        return [f"Column {i}" for i in range(1, width + 1)]
    return [text or f"Column {i}" for i, text in enumerate(header, 1)]


def grid_rows(
    cells: Sequence[str], width: int, whole: str | None = None, plain: bool = False
) -> tuple[GridRows, Cells]:
    """:func:`clean_grid_cells` of cells whose rows are no lists yet: the rows are
    the cleaned cells' (:class:`GridRows`), each row's list made when asked for.
    ``whole`` and ``plain`` as for :func:`clean_cells_printable`."""
    cleaned, printable = clean_cells_printable(cells, whole, plain)
    return GridRows(cleaned, width), Cells(cleaned, printable)


def clean_rows(records: Sequence[Sequence[object]]) -> list[list[str]]:
    """Every record as text through :func:`clean_cells`: all cells in one pass when
    the records are equally long (a workbook's grid always is), else row by row."""
    return clean_lists([list(record) for record in records])[0]


def clean_lists(records: list[list[Any]]) -> tuple[list[list[str]], Cells | None]:
    """:func:`clean_rows` of records that are lists (calamine's grid, the csv module's
    records), and all their cells one row after another when they were cleaned in one
    pass (:func:`clean_grid_cells`), else None. The records are kept as the rows when
    cleaning changed none of their cells."""
    cells = _grid_cells(records)
    if cells is not None:
        return clean_grid_cells(cells, len(records[0]), records)
    return _clean_each(records), None


def _grid_cells(records: Sequence[Sequence[object]]) -> list[object] | None:
    """The records' cells one row after another when all are equally long, else None.
    (As many cells as width × rows and no record longer: all are as long, in C.)"""
    width = len(records[0]) if records else 0
    if width == 0 or max(map(len, records)) != width:
        return None
    cells = list(chain.from_iterable(records))
    return cells if len(cells) == width * len(records) else None


def _clean_each(records: Sequence[Sequence[object]]) -> list[list[str]]:
    try:  # see clean_grid_cells
        return [clean_cells(cast(Sequence[str], record)) for record in records]
    except TypeError:
        return [clean_cells(_texts(record)) for record in records]


class Cells(NamedTuple):
    """A grid's cleaned cells one row after another, and whether all are printable."""

    cells: list[str]
    printable: bool


def clean_grid_cells(
    cells: Sequence[object],
    width: int,
    rows: list[list[Any]] | None = None,
    whole: str | None = None,
) -> tuple[list[list[str]], Cells]:
    """Rows of ``width`` cleaned cells from the cells of all rows, one after another,
    and the cleaned cells in that order (the same strings: a column is a slice).

    ``rows``, if given, are those rows as lists: kept (not made again) when cleaning
    changed no cell, which is the usual file and saves a list per row. ``whole``, if
    given, is a text that holds every cell (:func:`clean_cells_printable`).
    """
    try:  # str.strip, clean_cells' first step, refuses a number, a date or None
        cleaned, printable = clean_cells_printable(cast(Sequence[str], cells), whole)
    except TypeError:
        cleaned, printable = clean_cells_printable(_all_texts(cells))
    # (a C-level comparison that finds the same string objects: strip returns a cell
    # that has nothing to strip, NFC one that is in NFC)
    if rows is not None and cleaned == cells:
        return rows, Cells(cast(list[str], cells), printable)
    rows = list(map(list, zip(*[iter(cleaned)] * width, strict=True)))
    return rows, Cells(cleaned, printable)


def _texts(cells: Sequence[object]) -> Sequence[str]:
    if set(map(type, cells)) <= {str}:  # a CSV's always are
        return cast(Sequence[str], cells)
    return _all_texts(cells)


def _all_texts(cells: Sequence[object]) -> list[str]:
    """Each cell as :func:`cell_text` makes it; a number or a date (a workbook's IDs
    and birth dates) by the maker of its type, found with one lookup instead of
    cell_text's tests one after another."""
    maker = _TEXT_MAKERS.get
    return [
        value if type(value) is str else maker(type(value), cell_text)(value) for value in cells
    ]


def cell_text(value: object) -> str:
    """A workbook cell as the text a person would type: 12345 not 12345.0, ISO dates."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()  # a birth date is a date, whatever its time
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _float_text(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return f"{value:.15g}"  # what Excel shows: 0.3, not 0.30000000000000004


# cell_text for values of exactly these types (a bool is no float, and no int: its
# type is bool). A datetime's text is its date's: date.isoformat, applied to a
# datetime, writes the date part alone. (An XLS file's whole numbers are ints.)
_TEXT_MAKERS: dict[type, Callable[[Any], str]] = {
    float: _float_text,
    int: str,
    datetime.date: datetime.date.isoformat,
    datetime.datetime: datetime.date.isoformat,
}


def _used_columns(
    header: list[str], body: list[list[str]], width: int | None = None
) -> tuple[int, int]:
    """First used column and the count up to the last used one, over the header and
    the rows (``width``: the length of each, when all are equally long).

    Column by column from both edges: a used column is found at its first non-empty
    cell, so the usual table costs two short scans instead of one per cell.
    """
    if width is None:
        width = max(len(header), max(map(len, body), default=0))

    def used(column: int) -> bool:
        if column < len(header) and header[column]:
            return True
        return any(column < len(row) and row[column] for row in body)

    first = next((c for c in range(width) if used(c)), None)
    if first is None:
        return 0, 0
    end = next(c + 1 for c in range(width - 1, first - 1, -1) if used(c))
    return first, end - first


def _used_rows(rows: list[list[str]], cells: Cells | None) -> list[bool]:
    """Whether each row has any text. Every row has when a column of the one-pass
    cells has no empty cell (the usual file: its ID column), which one C-level search
    of that column's slice finds instead of a pass over every row."""
    if cells is not None and rows:
        flat, width = cells.cells, len(rows[0])
        if any("" not in flat[column::width] for column in range(width)):
            return [True] * len(rows)
    return list(map(any, rows))


def _square(row: list[str] | None, first: int, width: int) -> list[str]:
    if row is not None and first == 0 and len(row) == width:
        return row  # the common case: nothing to cut or pad
    cells = (row or [])[first : first + width]
    return cells + [""] * (width - len(cells))
