"""Read a CSV file: its encoding and delimiter (given or sniffed), the records (through
the csv module, or split in C when the text has no quotes), cleaned into a :class:`Table`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path

from app.engine.reading.grid import (
    MAX_CELLS,
    Cells,
    build_table,
    clean_lists,
    grid_rows,
    refuse_cells,
)
from app.engine.reading.sniffing import (
    bom_encoding,
    guess_encoding,
    refuse_mixed_utf8,
    sniff_delimiter,
)
from app.engine.reading.table import FileKind, GridRows, ReadOptions, Table
from app.engine.reasons import Message, Reason, Refused

_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t"}
# Where str.splitlines() ends a line and the csv module does not.
_OTHER_LINE_ENDS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def read_csv(path: Path, options: ReadOptions) -> Table:
    """The CSV file at ``path`` as a table (after :func:`readers.read_table`'s checks)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(Reason.FILE_UNREADABLE, file=str(path), detail=exc.strerror) from exc
    if options.encoding in ("", "auto"):
        encoding, text = _auto_decode(path, data)
    else:
        _refuse_other_bom(path, data, options.encoding)
        encoding, text = options.encoding, _decode(path, data, options.encoding)
    content = text.lstrip("\ufeff")
    if not content or content.isspace():
        raise Refused(Reason.FILE_EMPTY, file=str(path))
    if "\x00" in text:
        detail = Message(Reason.NUL_BYTES)
        raise Refused(Reason.FILE_FORMAT, file=str(path), expected="CSV", detail=detail)
    delimiter = _delimiter(path, options.delimiter, text)
    # The count below is at most the text's length plus one (two different characters
    # counted), so a shorter text is never refused: not counted (the usual export).
    if len(text) >= MAX_CELLS or delimiter == "\n":
        cells = text.count(delimiter) + text.count("\n") + 1  # quoted ones overcount
        if cells > MAX_CELLS:
            refuse_cells(path, Message(Reason.CELL_LIMIT, {"cells": cells, "limit": MAX_CELLS}))
    numbers, rows, flat = _csv_rows(path, text, delimiter, _plain(data, encoding, text))
    table = build_table(path, numbers, rows, FileKind.CSV, options.header, flat)
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


def _csv_rows(
    path: Path, text: str, delimiter: str, plain: bool = False
) -> tuple[Sequence[int], list[list[str]] | GridRows, Cells | None]:
    """The cleaned rows, the physical line each starts on, and their cells one row
    after another when the rows were split at once (:func:`_uniform_rows`; ``plain``
    as :func:`_plain` says)."""
    uniform = _uniform_rows(text, delimiter, plain)
    if uniform is not None:
        rows, cells = uniform
        return range(1, len(rows) + 1), rows, cells
    numbers, records = _csv_records(path, text, delimiter)
    return numbers, clean_lists(records)[0], None


def _uniform_rows(text: str, delimiter: str, plain: bool = False) -> tuple[GridRows, Cells] | None:
    """The cleaned rows of a text without quotes whose lines all hold the same number
    of delimiters (what programs export), split in C: the lines, then every cell at
    once; the cells then go through :func:`clean_grid_cells` in one pass. None for any other
    text: :func:`_csv_records` reads it, and a blank line makes it other (unless there
    is one column: then it is ``[""]``, no data, as in :func:`_unquoted_records`)."""
    if '"' in text or delimiter in '"\r\n' or any(map(text.__contains__, _OTHER_LINE_ENDS)):
        return None
    lines = text.splitlines()  # at \r\n, \r and \n, as the csv module, without the others
    counts = set(map(str.count, lines, repeat(delimiter)))
    if len(counts) != 1 or max(map(len, lines)) > csv.field_size_limit():
        return None  # ragged, or the csv module words the refusal of a long field
    joined = delimiter.join(lines)
    # (the joined lines hold every cell: looked at once for the cleaning's tests)
    whole = joined if delimiter.isprintable() else None
    return grid_rows(joined.split(delimiter), counts.pop() + 1, whole, plain)


# Encodings whose decoding of bytes without 0x80-0x9F gives each byte's Latin-1 character.
_LATIN1_DECODINGS = frozenset({"cp1252", "iso8859-1", "utf-8", "ascii"})
# The bytes of printable Latin-1 characters, and the line ends.
_PLAIN_BYTES = bytes(b for b in range(256) if chr(b).isprintable() or chr(b) in "\r\n")


def _plain(data: bytes, encoding: str, text: str) -> bool:
    """Whether ``text`` (``data`` decoded) is Latin-1 and printable but for its line
    ends, told by its bytes when each decoded to its Latin-1 character (a Windows-1252
    export without 0x80-0x9F, or ASCII): no byte is left when the printable ones and
    the line ends are deleted (one C-level pass, instead of the joined lines encoded
    again and scanned)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if name not in _LATIN1_DECODINGS or len(data) != len(text):  # (UTF-8: ASCII only)
        return False
    return not data.translate(None, _PLAIN_BYTES)  # (0x80-0x9F are not printable)


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
