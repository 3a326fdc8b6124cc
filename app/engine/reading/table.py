"""The in-memory form of a read file: headers, rows of text, and how it was read."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import overload

from app.engine.madelist import MadeOnDemand

_nfc = partial(unicodedata.normalize, "NFC")


def clean_cells(cells: Iterable[str]) -> list[str]:
    """Cells trimmed and in Unicode NFC, the form every cell of a :class:`Table` has
    (C-level maps: readers and the validator run this over 300,000 cells)."""
    return _clean(cells, False)[0]


def clean_cells_printable(
    cells: Iterable[str], whole: str | None = None, plain: bool = False
) -> tuple[list[str], bool]:
    """:func:`clean_cells`, and whether every cleaned cell is printable (one scan of
    their joined text; False also when NFC changed a cell: not looked at again).

    ``whole``, if given, is a text that holds every cell (a CSV's lines joined by its
    delimiter): when it is Latin-1 and printable, so is every cell, and in NFC, which
    one look at its bytes shows instead of joining the cleaned cells and scanning them;
    ``plain``, that ``whole`` is known to be so (the reader saw it in the file's bytes).
    """
    if whole is not None and (plain or _latin1_printable(whole)):
        return _unquoted(list(map(str.strip, cells)), whole), True
    return _clean(cells, True)


def _clean(cells: Iterable[str], scan: bool) -> tuple[list[str], bool]:
    cleaned = list(map(str.strip, cells))
    joined = "".join(cleaned)
    if "'" in joined:  # our own exports' protection against formulas is not a value
        cleaned = [_unquote(c) if c[:1] == "'" else c for c in cleaned]  # (a part goes)
    if joined.isascii() or _latin1(joined) or unicodedata.is_normalized("NFC", joined):
        # (a text in NFC has every part in NFC; not always the reverse)
        return cleaned, scan and joined.isprintable()
    return list(map(_nfc, cleaned)), False


def _unquoted(cleaned: list[str], text: str) -> list[str]:
    """The cells without our formula apostrophe (:func:`_unquote`); ``text`` holds
    every cell: without an apostrophe in it, none of them has one."""
    if "'" in text:
        return [_unquote(c) if c[:1] == "'" else c for c in cleaned]
    return cleaned


# The Latin-1 characters that str.isprintable() accepts, as bytes.
_PRINTABLE_LATIN1 = bytes(code for code in range(256) if chr(code).isprintable())


def _latin1_printable(text: str) -> bool:
    """Whether the text is Latin-1 only (so every part of it is in NFC: see
    :func:`_latin1`) and printable: its Latin-1 bytes without the printable ones are
    none (a C-level table walk; ``isprintable`` looks each character up)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not data.translate(None, _PRINTABLE_LATIN1)


def _latin1(text: str) -> bool:
    """Whether the text has only characters U+0000-U+00FF: none of them decomposes or
    combines with another, so such a text is in NFC (a copy in C, where the NFC check
    looks up every character: a fifth of reading a Windows-1252 CSV)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _unquote(cell: str) -> str:
    """``'=x`` → ``=x``: the apostrophe our CSV exports put before text a spreadsheet
    would take for a formula (safecells.neutralize), so that a corrected failed-rows
    file imports the name it had, not the apostrophe."""
    return cell[1:].strip() if len(cell) > 1 and cell[1] in "=+-@\t\r" else cell


class FileKind(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the user may override on the table page (SPEC §2.2)."""

    encoding: str = "auto"  # auto | utf-8 | utf-8-sig | utf-16 | cp1252 | shift_jis | ...
    delimiter: str = "auto"  # auto | ";" | "," | "\t"
    sheet: str | None = None  # None = first sheet
    header: bool = True  # first row is a header row


class GridRows(MadeOnDemand[list[str]]):
    """A table's rows as ``width`` cells each of ``cells`` (one row after another),
    each row's list made when asked for: checking and planning take the columns as
    slices of the cells, so the preview of a 50,000-row file needs no list per row.
    A loop over all rows, a slice of many, a change, or many rows asked one by one
    make every row's list at once and keep them (:meth:`made`); a row asked for
    before that is a new list each time (nobody changes a read table's rows)."""

    __slots__ = ("_cells", "width")

    def __init__(self, cells: list[str], width: int) -> None:
        super().__init__()
        self._cells, self.width = cells, width

    @property
    def cells(self) -> list[str]:
        """The cells the rows are made of."""
        return self._cells

    def make_all(self) -> list[list[str]]:
        """Every row's list (in C)."""
        return list(map(list, zip(*[iter(self._cells)] * self.width, strict=True)))

    def __len__(self) -> int:
        return len(self._cells) // self.width

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | list[list[str]]:
        if self._made is None:
            count, width = len(self), self.width
            if isinstance(index, int) and -count <= index < count and self.may_make():
                start = index % count * width
                return self._cells[start : start + width]
            if isinstance(index, slice):
                found = range(count)[index]
                if self.may_make(len(found)):
                    return [self._cells[i * width : i * width + width] for i in found]
        return self.made()[index]

    def __repr__(self) -> str:
        return f"GridRows({len(self)} rows of {self.width}, made: {self._made is not None})"


@dataclass(slots=True)
class Table:
    """A file as rows of stripped strings.

    ``headers`` always has one entry per column: the header row's texts, or
    ``Column 1``, ``Column 2``, … when the file has no header row. Every row has
    exactly ``len(headers)`` cells. ``line_numbers[i]`` is the 1-based row/line of
    ``rows[i]`` in the file, for messages a person can find again.
    """

    headers: list[str]
    # (a list, or the reader's cells as rows made when asked for: :class:`GridRows`)
    rows: list[list[str]] | GridRows
    line_numbers: list[int]
    kind: FileKind
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    has_header: bool = True
    # The rows' cells one row after another (row i's cell j at i × width + j), as the
    # reader had them: a column is then a slice (see :meth:`flat_cells`).
    cells: list[str] | None = field(default=None, repr=False, compare=False)
    # Whether every one of those cells is printable (no control character, no
    # invisible mark: each is unprintable), as the reader found while cleaning them.
    cells_printable: bool = field(default=False, repr=False, compare=False)

    @property
    def column_count(self) -> int:
        return len(self.headers)

    def flat_cells(self) -> list[str] | None:
        """:attr:`cells` when they are still the rows' (as many, the same first and
        last cell), else None: the rows were replaced after reading."""
        cells, rows = self.cells, self.rows
        if cells is None or not rows or len(cells) != len(rows) * len(self.headers):
            return None
        if cells[0] is not rows[0][0] or cells[-1] is not rows[-1][-1]:
            return None
        return cells
