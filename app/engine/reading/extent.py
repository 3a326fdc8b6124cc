"""How far a workbook's cells reach, measured before calamine reads it.

calamine turns a sheet into one dense grid from the first to the last used cell, and
Rust aborts the whole process when an allocation fails — no exception to catch. A
5 KB XLSX with one value in A1 and one in XFD1048576 asks for 17 billion cells; an
ODS cell repeated 1,000 columns × 99,000 rows for 99 million; an XLS record with a
column number past 255 likewise. This module bounds that grid from the raw file
(conservatively: it may overestimate, never underestimate what calamine allocates)
so that :mod:`readers` can refuse such a file with a message instead of dying.

The scans are regular expressions over the unpacked XML (XLSX, ODS) and a walk over
the cell records (XLS); they cost a fraction of calamine's own parse.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import add, sub
from pathlib import Path

from app.engine.reading.table import FileKind
from app.engine.reading.unzip import Window, pieces, windows

_CHUNK = 1 << 20

# XLSX: a cell start tag as writers write it (reference first), any reference
# attribute at all, a namespace-prefixed cell or row, cell start tags, and row ends.
_PLAIN_REF = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')
_ANY_REF = re.compile(rb"\sr\s*=\s*[\"']\$?([A-Za-z]*)\$?([0-9]*)")
_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row)[\s>/]")
_COLON_TAG = re.compile(rb":(?:c|row)")
_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")

# ODS: calamine matches these qualified names literally.
_ODS_SPLIT = re.compile(rb"(<table:table[\s>]|</table:table-row\s*>)")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell[\s>/]")
_ODS_COLS = re.compile(rb"table:number-columns-repeated\s*=\s*[\"']([0-9]+)")
# Column definitions repeat too; only a cell's repeat widens a row. (A column tag that
# hides its repeat from this pattern is counted as a cell's: an overestimate.)
_ODS_COLUMN_DEFS = re.compile(
    rb"<table:table-column\b[^>]*?table:number-columns-repeated\s*=\s*[\"']([0-9]+)"
)
_ODS_ROWS = re.compile(rb"table:number-rows-repeated\s*=\s*[\"']([0-9]+)")
_ODS_VALUE = (b"office:value", b"<text:")

# XLS (BIFF2-8): records that hold a value, with (row, column) in their first 4 bytes.
_XLS_VALUE_RECORDS = frozenset(
    {0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x007E, 0x00D6, 0x00FD, 0x0203, 0x0204,
     0x0205, 0x0206, 0x027E, 0x0406}
)  # fmt: skip
_XLS_MULRK = 0x00BD
_XLS_BOF = (0x0809, 0x0409, 0x0209, 0x0009)
_XLS_RECORD = struct.Struct("<4H")
# DIMENSIONS: rows and columns, in BIFF8 (14 bytes: rows in 32 bits) and before (10).
_XLS_DIMENSIONS = 0x0200
_XLS_DIMENSIONS_LAYOUTS = {14: "<2L2H", 10: "<4H"}
_XLS_WHOLE_SHEET = 65536 * 256  # cells: BIFF8's sheet; room for them is reserved, not filled


@dataclass(frozen=True, slots=True)
class Extent:
    """An upper bound of the grid calamine builds for the largest sheet."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def workbook_extent(path: Path, kind: FileKind, enough: int | None = None) -> Extent:
    """The largest sheet's grid, bounded from above. Raises what reading raises.

    With ``enough``, an XLSX sheet may be answered by a looser bound that is proved to
    stay within ``enough`` cells (:func:`_xlsx_claimed`), which costs a third of the
    exact scan; the exact extent is measured only when that proof fails.
    """
    if kind is FileKind.XLS:
        return _xls_extent(path)
    with zipfile.ZipFile(path) as archive:
        # Entries, not names: two may share a name (calamine 0.9 reads the last, as
        # zipfile does; a reader that took the first would read another), each is measured.
        if kind is FileKind.ODS:
            infos = [i for i in archive.infolist() if i.filename == "content.xml"]
            return _largest(_ods_member(archive, info, enough) for info in infos)
        # Every member: a sheet's path comes from the workbook's relationships,
        # which a crafted file may point anywhere.
        return _largest(_xlsx_member(archive, i, enough) for i in archive.infolist())


def _xlsx_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, enough: int | None) -> Extent:
    if enough is not None:
        claimed = _xlsx_claimed_in(windows(pieces(archive, info)), enough)
        if claimed is not None:
            return claimed
    return _xlsx_extent(_chunks(archive, info))


def _largest(extents: Iterator[Extent]) -> Extent:
    return max(extents, key=lambda extent: extent.cells, default=Extent(0, 0))


def _chunks(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, cut after a '>' so that no tag or attribute is split."""
    carry: list[bytes] = []
    with archive.open(member) as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            cut = chunk.rfind(b">") + 1
            if cut == 0:
                carry.append(chunk)  # e.g. a 50 MB cell text: no tag ends here
                continue
            yield b"".join([*carry, memoryview(chunk)[:cut]])  # one copy, not two
            carry = [chunk[cut:]]
    if carry:
        yield b"".join(carry)


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (char - 64)
    return number


def _xlsx_extent(chunks: Iterator[bytes]) -> Extent:
    """Exact from the cell references when every cell starts with one (as writers do);
    otherwise a looser bound that follows calamine's counting."""
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    loose = _Loose()
    for data in chunks:
        found = _PLAIN_REF.findall(data)
        if found:
            cell_columns, cell_rows = zip(*found, strict=True)
            columns.update(cell_columns)
            rows.update(cell_rows)
        cell_tags = data.count(b"<c") - data.count(b"<col")  # also counts rarer <c… tags
        if cell_tags != len(found) or _has_prefixed_tags(data):
            loose.add(data)
    exact = Extent(max(map(int, rows), default=0), max(map(_column_number, columns), default=0))
    if not loose.used:
        return exact
    return Extent(
        max(exact.rows, loose.max_row) + loose.row_ends + 1,
        max(exact.columns, loose.max_column) + loose.runs,
    )


_REF_AT = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_ANY_CELL = re.compile(rb"<c[\s>/]")


def _xlsx_claimed(chunks: Iterable[bytes], enough: int) -> Extent | None:
    """:func:`_xlsx_claimed_in` of chunks that are cut after a '>', each scanned whole."""
    return _xlsx_claimed_in(((data, 0, len(data)) for data in chunks), enough)


def _xlsx_claimed_in(windows: Iterable[Window], enough: int) -> Extent | None:
    """A bound that the sheet claims, rounded up and then proved, or None.

    Writers write rows in order and a row's cells left to right, so the last
    reference of a chunk (and the last one of its last complete row: the widest) is
    the claim, or the dimension the sheet states before its data, if larger
    (:func:`_stated_dimension`: rows that leave out their last, empty cells).
    ``F50001`` rounds up to 59,999 rows × 6 columns. One search per chunk then looks
    for a cell tag that does not start with a plain reference inside the claim; if
    there is one (a cell out of order, without a reference, or with a namespace
    prefix), the claim proves nothing: None, and the caller measures exactly. Claims
    only grow from chunk to chunk, so every cell lies inside the last. A chunk is a
    window ``data[start:end]`` (:mod:`unzip`), scanned in place.
    """
    widest = last = b""
    bound, outside = Extent(0, 0), _ANY_CELL
    head = True
    for data, start, end in windows:
        if head:  # the sheet's stated dimension, before its data: only a first claim
            head, stated = False, _stated_dimension(data, start, end)
            # (a dimension past ``enough``, such as whole formatted columns, is no help)
            if stated is not None:
                letters, digits = stated
                if _rounded_up(letters, digits[:1], len(digits))[0].cells <= enough:
                    widest, last = letters, digits
        row_end = data.rfind(b"</row>", start, end)
        for found in (_ref_before(data, start, end), _ref_before(data, start, row_end)):
            if found is not None:
                letters, digits = found.groups()
                widest = max(widest, letters, key=lambda text: (len(text), text))
                last = max(last, digits, key=lambda text: (len(text), text))
        if widest:
            bound, outside = _rounded_up(widest, last[:1], len(last))
        if bound.cells > enough:
            return None
        if outside.search(data, start, end) is not None or _has_prefixed_tags(data, start, end):
            return None
    return bound


_DIMENSION = re.compile(
    rb'<dimension ref="(?:[A-Z]{1,3}[1-9][0-9]{0,6}:)?([A-Z]{1,3})([1-9][0-9]{0,6})"'
)


def _stated_dimension(data: bytes, start: int, end: int) -> tuple[bytes, bytes] | None:
    """The last column and row of the ``<dimension>`` that Excel and LibreOffice write
    before the sheet's data, if it is there. A row without values in its last columns
    leaves their cells out, so the last complete row of a chunk may be narrower than
    others; the stated dimension is a first claim that does not depend on which row
    ends a chunk. It proves nothing itself: every cell is still looked for outside the
    claim, which a dimension that says too little does not survive."""
    data_starts = data.find(b"<sheetData", start, end)
    if data_starts < 0:
        return None
    stated = _DIMENSION.search(data, start, data_starts)
    return (stated[1], stated[2]) if stated is not None else None


def _ref_before(data: bytes, start: int, end: int) -> re.Match[bytes] | None:
    """The last plain reference that starts in ``data[start:end]``."""
    at = data.rfind(b'<c r="', start, end) if end > start else -1
    return _REF_AT.match(data, at, end) if at >= 0 else None


@lru_cache(maxsize=64)
def _rounded_up(letters: bytes, lead: bytes, length: int) -> tuple[Extent, re.Pattern[bytes]]:
    """``F`` and ``50001`` (lead ``5``, five digits) → 59,999 rows × 6 columns, and a
    pattern for a cell tag whose first attribute is not a reference inside that."""
    rows = (int(lead) + 1) * 10 ** (length - 1) - 1
    columns = _column_number(letters[:1] + b"Z" * (len(letters) - 1))
    # The claim's own length first (most rows have it), possessive runs, and no group
    # where there is nothing to choose: a cell inside is then matched without
    # backtracking, in half the time of the plain pattern.
    row = rb'[1-%s]"' % lead
    if length > 1:
        row = rb'(?:[1-%s][0-9]{%d}"|[1-9][0-9]{0,%d}+")' % (lead, length - 1, length - 2)
    column = rb"[A-%s]" % letters[:1]
    if len(letters) > 1:
        column = rb"(?:%s[A-Z]{%d}|[A-Z]{1,%d}+)" % (column, len(letters) - 1, len(letters) - 1)
    return Extent(rows, columns), re.compile(rb'<c(?! r="%s%s)[\s>/]' % (column, row))


def _has_prefixed_tags(data: bytes, start: int = 0, end: int | None = None) -> bool:
    # Cheap tests first (a search for one byte, then a regular expression with a
    # literal start, which is 2.5 times faster here than ``b":c" in data``).
    end = len(data) if end is None else end
    if data.find(b":", start, end) < 0 or _COLON_TAG.search(data, start, end) is None:
        return False
    return _PREFIXED.search(data, start, end) is not None


class _Loose:
    """Where cells without a reference can land: calamine puts such a cell in the next
    column and a row without one in the next row. Runs are summed over chunks (a row
    may span two), and a comment or CDATA section could hide a row end from the split.
    """

    def __init__(self) -> None:
        self.used = False
        self.max_row = self.max_column = self.row_ends = self.runs = 0

    def add(self, data: bytes) -> None:
        self.used = True
        for letters, digits in set(_ANY_REF.findall(data)):
            self.max_row = max(self.max_row, int(digits or 0))
            self.max_column = max(self.max_column, _column_number(letters))
        self.row_ends += len(_ROW_END.findall(data))
        if b"<!" in data:
            self.runs += len(_CELL.findall(data))
        else:
            self.runs += max(len(_CELL.findall(part)) for part in _ROW_END.split(data))


def _ods_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, enough: int | None) -> Extent:
    if enough is not None:
        claimed = _ods_claimed(_chunks(archive, info), enough, info.file_size)
        if claimed is not None:
            return claimed
    return _ods_extent(_chunks(archive, info))


def _ods_claimed(chunks: Iterator[bytes], enough: int, size: int = 0) -> Extent | None:
    """A bound of every sheet's grid from counts made in C, or None unless it is proved
    to stay within ``enough`` cells (the exact scan walks 50,000 rows in Python: 0.6 s).

    Rows: the row ends, and one more per chunk for the open row (the exact scan counts
    a sheet's row ends and one more, and starts again at the next sheet). Columns: at
    most the cell tags between two row ends (:func:`_widest`), and what repeats inside
    rows add to them. Both hold while nothing repeats but what LibreOffice writes,
    which :class:`_Repeats` accounts for (an empty run that ends a row adds no column,
    a cell repeated inside a row adds its count less one, a repeated empty row adds
    its count to the rows unless it ends the sheet); any other repeat disproves the
    claim, and so do comments and CDATA (``<!``), which could hide a row end from the
    count but not from calamine. ``size`` (the member's unpacked size, if known) only
    helps guess how many rows are coming, which decides how closely rows are counted.
    """
    rows = width = seen = 0
    pending = b""
    repeats = _Repeats()
    for data in chunks:
        if b"!" in data and b"<!" in data:  # one byte first: memchr; '<' is everywhere
            return None
        # No tag is cut between chunks, so no row end either: the chunk is split alone
        # and the open row carried over joins its first part (no copy of the chunk).
        parts = data.split(b"</table:table-row")
        texts = (pending, data)  # what the parts were cut from
        parts[0] = pending + parts[0]
        if b"-repeated" in data or repeats.carry:  # (one scan for both kinds)
            added = repeats.rows_added(data, parts)
            if added is None:
                return None
            rows += added
        pending = parts.pop()  # the open row, continued by the next chunk
        rows += len(parts) + 1
        seen += len(data)
        coming = rows * max(size, seen) * 5 // (4 * seen)  # a guess, a quarter over
        width = max(width, _widest(parts, texts, enough // max(coming, 1)))
    added = repeats.rows_added(b"", last=True)
    if added is None:
        return None
    width = max(width, _widest([pending], (pending,), enough // max(rows + added, 1)))
    claimed = Extent(rows + added, width + repeats.columns_added)
    return claimed if claimed.cells <= enough else None


# What LibreOffice writes in every sheet, in the exact form it writes it (anything else
# fails these patterns and leaves a repeat unaccounted for): a cell without a value or
# content, repeated or not, styled or not; a row's last cell if it is a repeated one; a
# repeated row of one repeated such cell; and the empty rows that may follow it to the
# sheet's end.
_STYLE = rb'(?: table:style-name="[^"<>]*")?'
_EMPTY_CELL = rb'<table:table-cell%s(?: table:number-columns-repeated="[0-9]+")?/>' % _STYLE
# The repeat is required here: every match must hold a counted word (see _Repeats). A
# repeated row's cell must have one too, as LibreOffice writes it (16,384 columns); a
# repeated row of a plain empty cell is left to the exact scan, as it was before.
_EMPTY_RUN = rb'<table:table-cell%s table:number-columns-repeated="[0-9]+"/>' % _STYLE
# A repeated empty row up to its end tag (its count the group), and an empty row,
# repeated or not, up to its end tag: the general scan adds the end tag, the rows'
# fast path (:func:`_row_repeats`) the '>' before them (a row split after the end before).
_EMPTY_ROWS_OPEN = rb'<table:table-row%s table:number-rows-repeated="([0-9]+)">%s' % (
    _STYLE,
    _EMPTY_RUN,
)
_EMPTY_ROW_OPEN = rb'<table:table-row%s(?: table:number-rows-repeated="[0-9]+")?>(?:%s)*+' % (
    _STYLE,
    _EMPTY_CELL,
)
_ODS_LAST_EMPTY = re.compile(_EMPTY_RUN + rb"</table:table-row>")
_ODS_EMPTY_ROWS = re.compile(_EMPTY_ROWS_OPEN + rb"</table:table-row>")
_ODS_EMPTY_ROW = _EMPTY_ROW_OPEN + rb"</table:table-row>"
_ODS_SHEET_TAIL = re.compile(rb"(?:%s)*+</table:table>" % _ODS_EMPTY_ROW)
# Empty rows only: what may lie between two repeated empty rows that end a sheet.
_ODS_EMPTY_ROWS_ONLY = re.compile(rb"(?:%s)*+" % _ODS_EMPTY_ROW)
_ROW_END_TAG = b"</table:table-row>"


class _Repeats:
    """The repeats of complete rows, proved harmless or counted, from the first chunk
    that has any.

    calamine (0.9) keeps a row's empty cells back until a cell follows, so an empty run
    that ends a row adds nothing to the width, and it drops the empty rows after a
    sheet's last row with a value (between two such rows, a repeated empty row adds its
    count: it is counted then). Each ``number-columns-repeated`` must lie in a column
    definition or in an empty cell that ends its row, each ``number-rows-repeated`` in
    a repeated row of one empty cell; as every match holds at least one of the counted
    words, equal counts leave no repeat outside them. Patterns span tags, which a chunk
    may cut (after a '>'): what follows the last complete row is carried into the next
    chunk's text (one copy of the chunk, only in files that repeat).

    That is the general scan, of the text. The rows the caller split are first given
    to :func:`_row_repeats`, which also bounds cells repeated inside a row (two equal
    or empty neighbours, as LibreOffice writes them): the general scan answers only
    for what it does not know.
    """

    def __init__(self) -> None:
        self.carry = b""
        # The most columns repeats inside a row add to its cell tags (:func:`_row_repeats`).
        self.columns_added = 0

    def rows_added(
        self, data: bytes, parts: list[bytes] | None = None, last: bool = False
    ) -> int | None:
        """The rows that repeats add to the complete rows of ``data`` (with ``last``,
        to what is left), or None if a repeat is not one of LibreOffice's. ``parts``:
        the row ends' split of the open row carried over and ``data``, if the caller
        made it (:func:`_row_repeats` then answers in a few passes of them, unless
        its rows hold a repeat it does not know: the patterns below are searched)."""
        carried = self.carry
        text = carried + data if carried else data
        done = len(text) if last else text.rfind(_ROW_END_TAG) + len(_ROW_END_TAG)
        if done < len(_ROW_END_TAG):
            done = 0
        self.carry = text[done:]
        if b"-repeated" not in self.carry:
            self.carry = b""  # nothing in it can start a pattern that holds a repeat
        elif len(self.carry) > 4 * _CHUNK:
            return None  # a repeat and megabytes without a row end: not LibreOffice's
        # (Either way the open row carried over is among the complete rows of ``parts``
        # or of the text; what follows them is carried, both ways, to the next chunk.)
        added = _row_repeats(parts) if parts is not None else None
        if added is not None:
            columns, rows = added
            self.columns_added = max(self.columns_added, columns)
            return rows
        return _repeated_rows(text, done)


_REPEAT_WORD = b"-repeated"  # in both kinds (and in any other repeat: counted too)
_TRAILING_RUN = re.compile(_EMPTY_RUN)
# A row (as split after the row end before it) that is a repeated empty row, and one
# that is an empty row, repeated or not; and where a sheet ends.
_EMPTY_ROWS_PART = re.compile(b">" + _EMPTY_ROWS_OPEN)
_EMPTY_ROW_PART = re.compile(b">" + _EMPTY_ROW_OPEN)
_SHEET_END = b"></table:table>"


def _row_repeats(parts: list[bytes]) -> tuple[int, int] | None:
    """The columns that repeats may add to any of the complete rows of ``parts`` (all
    but the last part, each a row up to its end tag), and the rows they add; None when
    a repeat is not one of those below (the general scan, :func:`_repeated_rows`,
    then looks at the text).

    What LibreOffice writes: an empty run that ends a row (in every row; it adds
    nothing to calamine's grid), a repeated cell inside a row (two equal or empty
    cells side by side: it adds its count less one), the sheet's column definitions
    (nothing), and repeated empty rows (their count, unless they end the sheet). Each
    kind is told apart in C over all rows: the words counted per row, each row's last
    tag compared (a run that ends the row holds one word). Only the rows with more
    words than that are looked at again: their cell repeats' counts, found by one
    search of their joined text, must be as many as their words (every word is then a
    cell's or a column definition's repeat; the largest cell repeat bounds them all),
    and a repeated empty row is matched alone. Each row end must be exactly
    ``</table:table-row>``, as the patterns require.
    """
    rows = parts[:-1]
    if not all(map(bytes.startswith, parts[1:], repeat(b">"))):
        return None
    counts = list(map(bytes.count, rows, repeat(_REPEAT_WORD)))
    # Only the rows with a word are looked at (all of them in a file that ends every
    # row with a run: then no list is made of them).
    worded = range(len(rows)) if 0 not in counts else list(compress(range(len(rows)), counts))
    if not worded:
        return 0, 0
    if len(worded) < len(rows):
        rows, counts = list(map(rows.__getitem__, worded)), list(compress(counts, counts))
    ends = _ends_with_a_run(rows)
    inside = list(map(sub, counts, ends))  # the words besides a run that ends the row
    if not any(inside):
        return 0, 0
    texts: list[bytes] = []
    repeated: list[tuple[int, int]] = []  # each repeated empty row: where, how often
    for index in compress(range(len(rows)), inside):
        row = rows[index]
        if b"rows-repeated" in row:
            empty = _EMPTY_ROWS_PART.fullmatch(row)
            if empty is None or inside[index] != 1:
                return None
            inside[index] = 0  # (its one word is the row's repeat: no cell's)
            repeated.append((worded[index], int(empty[1])))
            continue
        texts.append(row[: row.rfind(b"<")] if ends[index] else row)
    rows_added = _rows_before_the_sheet_ends(parts, repeated)
    text = b"".join(texts)
    found = _ODS_COLS.findall(text)
    if len(found) != sum(inside):
        return None
    cells = Counter(found)
    if b"<table:table-column" in text:
        cells.subtract(_ODS_COLUMN_DEFS.findall(text))  # (each is one of ``found``)
    largest = max((int(n) for n, left in cells.items() if left > 0), default=1)
    return max(inside) * (largest - 1), rows_added


def _ends_with_a_run(rows: list[bytes]) -> list[bool]:
    """Whether each of ``rows`` ends with an empty run (:data:`_TRAILING_RUN`). A row's
    last tag is what follows its last '<'; LibreOffice writes a few distinct ones.
    The first row's is tried on every row at once (C: ``endswith``), which answers
    when all rows end alike; otherwise each distinct last tag is matched once."""
    first = rows[0][rows[0].rfind(b"<") :]
    if _TRAILING_RUN.fullmatch(first):
        alike = list(map(bytes.endswith, rows, repeat(first)))
        if False not in alike:
            return alike
    starts = map(bytes.rfind, rows, repeat(b"<"))
    last_tags = list(map(bytes.__getitem__, rows, map(slice, starts, repeat(None))))
    runs = {tag for tag in set(last_tags) if _TRAILING_RUN.fullmatch(tag)}
    return list(map(runs.__contains__, last_tags))


def _rows_before_the_sheet_ends(parts: list[bytes], repeated: list[tuple[int, int]]) -> int:
    """The rows that the repeated empty rows (each at an index of ``parts``, with its
    count) add: each its count, unless only empty rows follow it up to the sheet's end
    (calamine drops those). Looked at from the last one back, so that each part is
    matched once, however many repeated rows follow each other (if the parts end
    before the sheet does, what follows is not known: the count is added)."""
    added = 0
    ending, following = False, len(parts)  # (whether the next repeated row ends the sheet)
    for index, count in reversed(repeated):
        between = parts[index + 1 : following]
        if following == len(parts):  # the last one: up to the sheet's end, if it is here
            ending = False
            for part in between:
                if part.startswith(_SHEET_END) or _EMPTY_ROW_PART.fullmatch(part) is None:
                    ending = part.startswith(_SHEET_END)
                    break
        else:
            ending = ending and all(_EMPTY_ROW_PART.fullmatch(part) for part in between)
        if not ending:
            added += count
        following = index
    return added


def _repeated_rows(text: bytes, end: int) -> int | None:
    columns = text.count(b"number-columns-repeated", 0, end)
    rows = text.count(b"number-rows-repeated", 0, end)
    if columns:
        # (The pattern is slow to search for; a sheet has its definitions once.)
        defined = text.find(b"<table:table-column", 0, end) >= 0
        allowed = len(_ODS_COLUMN_DEFS.findall(text, 0, end)) if defined else 0
        if columns != allowed + len(_ODS_LAST_EMPTY.findall(text, 0, end)):
            return None
    if not rows:
        return 0
    empty_rows = list(_ODS_EMPTY_ROWS.finditer(text, 0, end))
    if rows != len(empty_rows):
        return None
    # Whether the empty rows up to the sheet's end follow is looked for in the whole
    # text; if the text ends first (a chunk cut there), the count is added: a bound.
    # From the last one back, each stretch of text between two matched once.
    added, ending, following = 0, False, -1
    for row in reversed(empty_rows):
        if following < 0:
            ending = _ODS_SHEET_TAIL.match(text, row.end()) is not None
        else:
            between = _ODS_EMPTY_ROWS_ONLY.fullmatch(text, row.end(), following)
            ending = ending and between is not None
        if not ending:
            added += int(row[1])
        following = row.start()
    return added


_CELL_TAG = b"<table:table-cell"


def _widest(segments: list[bytes], texts: tuple[bytes, ...], affordable: int) -> int:
    """At least the most cell tags in any of the segments (cut from ``texts``, one
    after another), covered ones too (looked for in the open row carried over as
    well: a covered cell there was not counted before).

    A segment's bytes divided by the 17 of ``<table:table-cell`` bound its cell tags
    (a covered cell's tag is longer, and no two tags overlap: each starts with the
    only ``<`` it has), which costs a length per row instead of a count. The tags are
    counted when that bound is more than ``affordable``: a chunk with a long row (or
    the document's head, with its styles, before the first row end)."""
    longest = max(map(len, segments), default=0) // len(_CELL_TAG)
    if longest <= affordable:
        return longest
    covered = any(b"<table:covered-table-cell" in text for text in texts)
    return _most_cells(segments, covered)


def _most_cells(segments: list[bytes], covered: bool) -> int:
    """The most cell tags (with ``covered``, covered ones too) in any of the segments."""
    cells = map(bytes.count, segments, repeat(_CELL_TAG))
    if covered:
        cells = map(add, cells, map(bytes.count, segments, repeat(b"<table:covered-table-cell")))
    return max(cells, default=0)


def _ods_extent(chunks: Iterator[bytes]) -> Extent:
    """Rows up to the last row with a value, columns up to the last cell with one, of
    all sheets together (the sum of their rows, the widest): calamine reads every
    sheet of an ODS file when it opens it, each into a grid of its own."""
    sheets: list[Extent] = []
    rows = used_rows = columns = 0
    pending = b""
    for data in chunks:
        parts = _ODS_SPLIT.split(pending + data)
        pending = parts.pop()  # the open row, continued by the next chunk
        for index in range(0, len(parts) - 1, 2):
            segment, token = parts[index], parts[index + 1]
            rows, used_rows, columns = _ods_row(segment, rows, used_rows, columns)
            if token.startswith(b"<table:table"):  # a new sheet
                sheets.append(Extent(used_rows, columns))
                rows = used_rows = columns = 0
    rows, used_rows, columns = _ods_row(pending, rows, used_rows, columns)
    sheets.append(Extent(used_rows, columns))
    return Extent(sum(sheet.rows for sheet in sheets), max(sheet.columns for sheet in sheets))


def _ods_row(segment: bytes, rows: int, used_rows: int, columns: int) -> tuple[int, int, int]:
    repeated = _ODS_ROWS.findall(segment)
    rows += sum(int(r) for r in repeated) if repeated else 1
    last_value = max(segment.rfind(marker) for marker in _ODS_VALUE)
    if last_value < 0:
        return rows, used_rows, columns
    following = _ODS_CELL.search(segment, last_value)  # trailing empty cells stay out
    used = segment[: following.start()] if following else segment
    width = len(_ODS_CELL.findall(used))
    repeats = sum(max(int(n) - 1, 0) for n in _ODS_COLS.findall(used))
    repeats -= sum(max(int(n) - 1, 0) for n in _ODS_COLUMN_DEFS.findall(used))
    return rows, rows, max(columns, width + max(repeats, 0))


def _xls_extent(path: Path) -> Extent:
    """All sheets' grids, bounded together: calamine reads every sheet of an XLS file
    when it opens it, each into a grid of its own (the sum of the sheets' rows, and
    the widest). Before each sheet's cells it reserves room for as many as the
    sheet's DIMENSIONS record states (a crafted record asking for terabytes aborts
    the process): a record that states more than a whole sheet of the format holds
    (65,536 rows × 256 columns) is the extent instead."""
    import olefile  # only an XLS file needs it

    with olefile.OleFileIO(str(path)) as ole:
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            return Extent(0, 0)
        data = ole.openstream(stream).read()
    return _xls_stream_extent(data)


def _xls_stream_extent(data: bytes) -> Extent:
    """:func:`_xls_extent` of the workbook stream's bytes."""
    sheets: list[Extent] = []
    stated = Extent(0, 0)  # the largest room a DIMENSIONS record asks for
    rows = columns = 0
    unpack, values, bofs = _XLS_RECORD.unpack_from, _XLS_VALUE_RECORDS, _XLS_BOF
    position, end = 0, len(data) - 4
    data += bytes(4)  # (a record's first fields are read with its header: zeros at the end)
    while position <= end:
        # (the type, the length, and a cell's row and column if the record is one)
        record, length, row, column = unpack(data, position)
        if record in values:
            if length >= 4:  # (comparisons, not max(): 300,000 records in Python)
                if row >= rows:
                    rows = row + 1
                if column >= columns:
                    columns = column + 1
        elif record == _XLS_MULRK and length >= 6:
            (last,) = struct.unpack_from("<H", data, position + 2 + length)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif record == _XLS_DIMENSIONS and length in _XLS_DIMENSIONS_LAYOUTS:
            stated = max(stated, _xls_dimensions(data, position + 4, length), key=_cells)
        elif record in bofs:
            sheets.append(Extent(rows, columns))
            rows = columns = 0
        position += 4 + length
    sheets.append(Extent(rows, columns))
    if stated.cells > _XLS_WHOLE_SHEET:
        return stated
    return Extent(sum(sheet.rows for sheet in sheets), max(sheet.columns for sheet in sheets))


def _cells(extent: Extent) -> int:
    return extent.cells


def _xls_dimensions(data: bytes, start: int, length: int) -> Extent:
    """The rows and columns calamine reserves room for from a DIMENSIONS record (its
    first row, last row + 1, first column, last column + 1), computed as calamine
    computes them: in 32-bit unsigned numbers, so that a first row past the last wraps
    round to billions."""
    first_row, row_end, first_column, column_end = struct.unpack_from(
        _XLS_DIMENSIONS_LAYOUTS[length], data, start
    )
    if row_end < 1 or column_end < 1:
        return Extent(1, 1)
    return Extent((row_end - first_row) % (1 << 32), (column_end - first_column) % (1 << 32))
