"""Read CSV, XLSX, XLS and ODS files into a :class:`Table` of stripped strings (SPEC §2.2).

The kind of file is sniffed from its content (ZIP or OLE2 signature), the extension only
breaks ties. Workbooks are read with python-calamine: calamine reads a 10,000-row,
8-column XLSX in 0.15 s, openpyxl (read-only mode) in 1.8 s (best of 5, 2-core machine).
CSV encodings and delimiters are detected by :mod:`app.engine.reading.sniffing`.
Every failure is a :class:`Refused` with a reason, never a raw library exception.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import logging
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, compress, islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, cast

from app.engine.gcpause import gc_paused
from app.engine.reading.extent import workbook_extent
from app.engine.reading.filetypes import seems_to_be, zip_document
from app.engine.reading.sniffing import (
    bom_encoding,
    guess_encoding,
    refuse_mixed_utf8,
    sniff_delimiter,
)
from app.engine.reading.table import FileKind, ReadOptions, Table, clean_cells
from app.engine.reasons import Message, Reason, Refused

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

log = logging.getLogger(__name__)

# Memory stays proportional to these: a CSV is held as bytes and as text at once.
MAX_FILE_BYTES = 256 << 20  # on disk, any kind
MAX_UNCOMPRESSED_BYTES = 1 << 30  # sum of a workbook's ZIP members once unpacked
MAX_CELLS = 5_000_000  # rows x columns of the grid a sheet is read into
MAX_COMPRESSION_RATIO = 200  # per member, only checked above RATIO_CHECK_BYTES
RATIO_CHECK_BYTES = 100 * 1024 * 1024


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SUFFIXES = {
    FileKind.XLSX: (".xlsx", ".xlsm"),
    FileKind.ODS: (".ods",),
    FileKind.XLS: (".xls",),
}
# Letters Windows-1254 has where Windows-1252 has Icelandic ones (Ğ İ Ş ğ ı ş).
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t"}
_DEFAULT_OPTIONS = ReadOptions()


@gc_paused
def read_table(path: Path | str, options: ReadOptions = _DEFAULT_OPTIONS) -> Table:
    """Read the file at ``path``; raise :class:`Refused` if it cannot be read."""
    path = Path(path)
    try:
        kind = _file_kind(path)
        if kind is FileKind.CSV:
            table = _read_csv(path, options)
        else:
            table = _read_workbook(path, kind, options)
    except Refused as exc:
        log.warning("refused %s: %s", path.name, exc.message.text())
        raise
    except MemoryError:
        detail = Message(Reason.OUT_OF_MEMORY)
        log.warning("refused %s: %s", path.name, detail.text())
        raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail) from None
    log.info(
        "read %s: %s, %d rows, %d columns, encoding %s, sheet %s",
        path.name,
        table.kind.value,
        len(table.rows),
        table.column_count,
        table.encoding or "-",
        table.sheet or "-",
    )
    return table


def list_sheets(path: Path | str) -> list[str]:
    """The sheet names of a workbook, in order; an empty list for a CSV file."""
    path = Path(path)
    kind = _file_kind(path)
    if kind is FileKind.CSV:
        return []
    with _calamine_errors(path, kind), _open_workbook(path, kind) as workbook:
        return list(workbook.sheet_names)


def _file_kind(path: Path) -> FileKind:
    head = _head(path)
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(_OLE2_MAGIC):
        return FileKind.XLS
    suffix = path.suffix.lower()
    seems = seems_to_be(head)
    # Noise named like a workbook is a damaged workbook; a PDF is a PDF whatever its name.
    if seems is not None and (seems.reason is not Reason.KIND_BINARY or suffix not in _BOOKS):
        raise Refused(Reason.NOT_A_TABLE, file=str(path), kind=seems)
    for kind in (FileKind.XLSX, FileKind.ODS):
        if suffix in _SUFFIXES[kind]:
            detail = Message(Reason.NOT_A_WORKBOOK)
            raise Refused(Reason.FILE_FORMAT, file=str(path), expected=kind.upper(), detail=detail)
    if suffix == ".xls" and b"\x00" in head and bom_encoding(head) is None:
        detail = Message(Reason.NEITHER_XLS_NOR_TEXT)
        raise Refused(Reason.FILE_FORMAT, file=str(path), expected="XLS", detail=detail)
    return FileKind.CSV  # also text exports that are named .xls


def _head(path: Path) -> bytes:
    """The first bytes, after checking that the path is a readable, non-empty file."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=Message(Reason.A_FOLDER))
        if size > MAX_FILE_BYTES:
            detail = Message(Reason.SIZE_LIMIT, {"size": _mb(size), "limit": _mb(MAX_FILE_BYTES)})
            raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail)
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise Refused(Reason.FILE_NOT_FOUND, file=str(path)) from None
    except OSError as exc:
        raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=exc.strerror) from exc
    if not head.strip() and len(head) == size:  # longer CSV files are checked once decoded
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    return head


def _zip_kind(path: Path) -> FileKind:
    """XLSX or ODS, after the zip-bomb guard: nothing is unpacked before this passes."""
    try:
        with zipfile.ZipFile(path) as archive:
            _check_unpacked_size(path, archive.infolist())
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    if member.read(100).strip() == _ODS_MIMETYPE:
                        return FileKind.ODS
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        zlib.error,
        NotImplementedError,  # e.g. "zip file version 8.4" (a damaged header)
        RuntimeError,  # an encrypted member
    ) as exc:
        kind = path.suffix.lstrip(".").upper() or "ZIP"
        detail = Message(Reason.WORKBOOK_DAMAGED, {"kind": kind, "error": str(exc)})
        raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=detail) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return FileKind.XLSX
    if "content.xml" in names:
        return FileKind.ODS
    document = zip_document(names)
    if document is not None:
        raise Refused(Reason.NOT_A_TABLE, file=str(path), kind=document)
    detail = Message(Reason.ZIP_WITHOUT_WORKBOOK)
    raise Refused(Reason.FILE_FORMAT, file=str(path), expected="XLSX/ODS", detail=detail)


def _check_unpacked_size(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        detail = Message(
            Reason.UNPACKED_LIMIT, {"size": _mb(total), "limit": _mb(MAX_UNCOMPRESSED_BYTES)}
        )
        raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_BYTES and ratio > MAX_COMPRESSION_RATIO:
            detail = Message(Reason.ZIP_BOMB, {"member": member.filename, "ratio": ratio})
            raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail)


def _mb(count: int) -> float:
    return count / (1 << 20)


def _read_workbook(path: Path, kind: FileKind, options: ReadOptions) -> Table:
    with _calamine_errors(path, kind):
        extent = workbook_extent(path, kind, enough=MAX_CELLS)
    if extent.cells > MAX_CELLS:
        grid = {"rows": extent.rows, "columns": extent.columns, "cells": extent.cells}
        _refuse_cells(path, Message(Reason.GRID_LIMIT, {**grid, "limit": MAX_CELLS}))
    with _calamine_errors(path, kind), _open_workbook(path, kind) as workbook:
        sheets = list(workbook.sheet_names)
        sheet = _choose_sheet(path, sheets, options.sheet)
        cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    table = _build_table(path, range(1, len(cells) + 1), cells, kind, options.header)
    table.sheet, table.sheets = sheet, sheets
    return table


def _refuse_cells(path: Path, detail: Message) -> None:
    raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail)


def _open_workbook(path: Path, kind: FileKind) -> CalamineWorkbook:
    # Here: a CSV file needs no workbook reader (docs/architecture.md, "Start-up").
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in _SUFFIXES[kind]:
        return CalamineWorkbook.from_path(str(path))
    # calamine picks its parser by extension for paths, by content for file objects.
    with path.open("rb") as handle:
        return CalamineWorkbook.from_filelike(handle)


@contextmanager
def _calamine_errors(path: Path, kind: FileKind) -> Iterator[None]:
    """Turn whatever calamine raises into one :class:`Refused`."""
    try:
        yield
    except (Refused, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # BaseException: calamine's Rust panics derive from it
        from python_calamine import PasswordError

        encrypted = kind is FileKind.XLS and path.suffix.lower() in _SUFFIXES[FileKind.XLSX]
        if isinstance(exc, PasswordError) or encrypted:  # an encrypted XLSX is an OLE2 file
            detail = Message(Reason.PASSWORD_PROTECTED)
        else:
            detail = Message(Reason.WORKBOOK_DAMAGED, {"kind": kind.upper(), "error": str(exc)})
        raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=detail) from exc


def _choose_sheet(path: Path, sheets: list[str], wanted: str | None) -> str:
    if not sheets:
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    if wanted is None or wanted == "":
        return sheets[0]
    if wanted in sheets:
        return wanted
    folded = [name for name in sheets if name.strip().casefold() == wanted.strip().casefold()]
    if folded:
        return folded[0]
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(sheets):
        return sheets[int(wanted) - 1]
    raise Refused(Reason.SHEET_NOT_FOUND, file=str(path), sheet=wanted, sheets=", ".join(sheets))


def _cell_text(value: object) -> str:
    """A workbook cell as the text a person would type: 12345 not 12345.0, ISO dates."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.15g}"  # what Excel shows: 0.3, not 0.30000000000000004
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()  # a birth date is a date, whatever its time
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _read_csv(path: Path, options: ReadOptions) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=exc.strerror) from exc
    if options.encoding in ("", "auto"):
        encoding, text = _auto_decode(path, data)
    else:
        _refuse_other_bom(path, data, options.encoding)
        encoding, text = options.encoding, _decode(path, data, options.encoding)
    if not text.lstrip("\ufeff").strip():
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    if "\x00" in text:
        detail = Message(Reason.NUL_BYTES)
        raise Refused(Reason.FILE_FORMAT, file=str(path), expected="CSV", detail=detail)
    delimiter = _delimiter(path, options.delimiter, text)
    cells = text.count(delimiter) + text.count("\n") + 1  # quoted ones overcount
    if cells > MAX_CELLS:
        _refuse_cells(path, Message(Reason.CELL_LIMIT, {"cells": cells, "limit": MAX_CELLS}))
    numbers, records = _csv_records(path, text, delimiter)
    table = _build_table(path, numbers, records, FileKind.CSV, options.header)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        detail = Message(Reason.ENCODING_UNKNOWN)
        raise Refused(Reason.ENCODING, file=str(path), encoding=encoding, detail=detail) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        detail = Message(Reason.INVALID_BYTE, {"byte": f"{data[exc.start]:02X}", "line": line})
        raise Refused(Reason.ENCODING, file=str(path), encoding=encoding, detail=detail) from exc


def _refuse_other_bom(path: Path, data: bytes, wanted: str) -> None:
    """A UTF-16 or UTF-32 file read as another encoding would be garbage: say what
    its byte order mark says it is."""
    bom = bom_encoding(data)
    if bom is None or bom.startswith("utf-8"):
        return
    try:
        if codecs.lookup(wanted).name.startswith(bom):
            return
    except LookupError:
        return  # _decode says that the encoding is unknown
    detail = Message(Reason.FILE_HAS_BOM, {"bom": bom.upper()})
    raise Refused(Reason.ENCODING, file=str(path), encoding=wanted, detail=detail)


def _delimiter(path: Path, wanted: str, text: str) -> str:
    if wanted in ("", "auto"):
        return sniff_delimiter(text)
    delimiter = _DELIMITER_NAMES.get(wanted.lower(), wanted)
    if len(delimiter) != 1:
        detail = Message(Reason.NOT_ONE_CHARACTER, {"value": wanted})
        raise Refused(Reason.INVALID_VALUE, file=str(path), detail=detail)
    return delimiter


def _csv_records(path: Path, text: str, delimiter: str) -> tuple[list[int], list[list[str]]]:
    """The records, and the physical line each starts on (quoted fields may span lines)."""
    plain = _unquoted_records(text, delimiter)
    if plain is not None:
        return list(range(1, len(plain) + 1)), plain
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbers: list[int] = []
    records: list[list[str]] = []
    start = 1
    try:
        for row in reader:
            numbers.append(start)
            records.append(row)
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = Message(Reason.CSV_LINE, {"line": reader.line_num, "error": str(exc)})
        if "field limit" in str(exc):
            limit = csv.field_size_limit()
            detail = Message(Reason.CELL_TOO_LONG, {"line": reader.line_num, "limit": limit})
            raise Refused(Reason.FILE_TOO_LARGE, file=str(path), detail=detail) from exc
        raise Refused(Reason.FILE_FORMAT, file=str(path), expected="CSV", detail=detail) from exc
    return numbers, records


def _unquoted_records(text: str, delimiter: str) -> list[list[str]] | None:
    """What ``csv.reader`` makes of a text without a quote character, in C-level splits
    (a record per line, blank lines as ``[""]`` instead of ``[]``: both are no data);
    None when the text has quotes or a line over the field size limit."""
    if '"' in text or delimiter in '"\r\n':
        return None
    if "\r" in text:  # the csv module ends a record at \r\n, \n and a lone \r alike
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the last line's end starts no record
    if max(map(len, lines), default=0) > csv.field_size_limit():
        return None  # the csv module words the refusal
    return list(map(str.split, lines, repeat(delimiter)))


def _auto_decode(path: Path, data: bytes) -> tuple[str, str]:
    bom = bom_encoding(data)
    if bom is not None:
        return bom, _decode(path, data, bom)
    encoding, text = guess_encoding(data)
    if encoding != "utf-8":
        refuse_mixed_utf8(path, data)
    return encoding, text


def _build_table(
    path: Path,
    numbers: Sequence[int],
    records: Sequence[Sequence[object]],
    kind: FileKind,
    has_header: bool,
) -> Table:
    """Clean cells, drop empty rows, take the header, and square the table.

    ``numbers[i]`` is the row or line of ``records[i]`` in the file.
    """
    rows = _clean_rows(records)
    used = list(map(any, rows))  # a row with any text
    if True not in used:
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    start = used.index(True)
    rows[start][0] = rows[start][0].lstrip("\ufeff").strip()
    header = rows[start] if has_header else None
    if has_header:
        start += 1
    body = list(compress(islice(rows, start, None), islice(used, start, None)))
    lines = list(compress(islice(numbers, start, None), islice(used, start, None)))
    first, width = _used_columns([header or [], *body])
    if width == 0:
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    if has_header:
        headers = [text or f"Column {i}" for i, text in enumerate(_square(header, first, width), 1)]
    else:
        headers = [f"Column {i}" for i in range(1, width + 1)]
    lengths = set(map(len, body))
    if first != 0 or lengths - {width}:
        body = [_square(row, first, width) for row in body]  # else nothing to cut or pad
    return Table(headers, body, lines, kind, has_header=has_header)


def _clean_rows(records: Sequence[Sequence[object]]) -> list[list[str]]:
    """Every record as text through :func:`clean_cells`: all cells in one pass when
    the records are equally long (a workbook's grid always is), else row by row."""
    width = len(records[0]) if records else 0
    if width == 0 or min(map(len, records)) != max(map(len, records)):
        return [clean_cells(_texts(record)) for record in records]
    cells = clean_cells(_texts(list(chain.from_iterable(records))))
    return list(map(list, zip(*[iter(cells)] * width, strict=True)))


def _texts(cells: Sequence[object]) -> Sequence[str]:
    if set(map(type, cells)) <= {str}:  # a CSV's always are
        return cast(Sequence[str], cells)
    return [value if type(value) is str else _cell_text(value) for value in cells]


def _used_columns(rows: list[list[str]]) -> tuple[int, int]:
    """First used column and the count up to the last used one, over all rows.

    Column by column from both edges: a used column is found at its first non-empty
    cell, so the usual table costs two short scans instead of one per cell.
    """
    width = max(map(len, rows), default=0)

    def used(column: int) -> bool:
        return any(column < len(row) and row[column] for row in rows)

    first = next((c for c in range(width) if used(c)), None)
    if first is None:
        return 0, 0
    end = next(c + 1 for c in range(width - 1, first - 1, -1) if used(c))
    return first, end - first


def _square(row: list[str] | None, first: int, width: int) -> list[str]:
    if row is not None and first == 0 and len(row) == width:
        return row  # the common case: nothing to cut or pad
    cells = (row or [])[first : first + width]
    return cells + [""] * (width - len(cells))
