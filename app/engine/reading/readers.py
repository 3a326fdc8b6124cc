"""Read CSV, XLSX, XLS and ODS files into a :class:`Table` of stripped strings (SPEC §2.2).

The kind of file is sniffed from its content (ZIP or OLE2 signature), the extension only
breaks ties. Workbooks are read with python-calamine: calamine reads a 10,000-row,
8-column XLSX in 0.15 s, openpyxl (read-only mode) in 1.8 s (best of 5, 2-core machine).
CSV files are read by :mod:`app.engine.reading.csvfile`, tables built by
:mod:`app.engine.reading.grid`.
Every failure is a :class:`Refused` with a reason, never a raw library exception.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.gcpause import gc_paused
from app.engine.reading.csvfile import read_csv
from app.engine.reading.extent import workbook_extent
from app.engine.reading.filetypes import seems_to_be, zip_document
from app.engine.reading.grid import MAX_CELLS, build_table, clean_lists, refuse_cells
from app.engine.reading.sniffing import bom_encoding
from app.engine.reading.table import FileKind, ReadOptions, Table
from app.engine.reasons import Message, Reason, Refused

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

log = logging.getLogger(__name__)

# Memory stays proportional to these: a CSV is held as bytes and as text at once.
MAX_FILE_BYTES = 256 << 20  # on disk, any kind
MAX_UNCOMPRESSED_BYTES = 1 << 30  # sum of a workbook's ZIP members once unpacked
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
_DEFAULT_OPTIONS = ReadOptions()


@gc_paused
def read_table(path: Path | str, options: ReadOptions = _DEFAULT_OPTIONS) -> Table:
    """Read the file at ``path``; raise :class:`Refused` if it cannot be read."""
    path = Path(path)
    try:
        kind = _file_kind(path)
        if kind is FileKind.CSV:
            table = read_csv(path, options)
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
        refuse_cells(path, Message(Reason.GRID_LIMIT, {**grid, "limit": MAX_CELLS}))
    with _calamine_errors(path, kind), _open_workbook(path, kind) as workbook:
        sheets = list(workbook.sheet_names)
        sheet = _choose_sheet(path, sheets, options.sheet)
        cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    rows, flat = clean_lists(cells)
    table = build_table(path, range(1, len(rows) + 1), rows, kind, options.header, flat)
    table.sheet, table.sheets = sheet, sheets
    return table


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
