"""A minimal XLSX (SpreadsheetML) writer for one sheet of text, built in memory.

The protocol is a table of strings: a bold, frozen header row, column widths, and no
formulas, numbers or links. A general library spends ~10 µs per cell on that; this
writer builds the sheet XML a thousand rows at a time with one f-string per cell and
streams it into a zip entry of an :class:`io.BytesIO`, so nothing touches the disk and
at most one chunk of XML is held besides the compressed workbook.

Every cell is an inline string (``t="inlineStr"``). A value a spreadsheet could take
for a formula (``= + - @``, tab, CR first) is not changed: its cell gets the style with
``quotePrefix``, which marks it as text the way Excel and LibreOffice do when one types
``'=…`` (the apostrophe is not part of the value, so a mail merge prints it as is).
Text that XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)
becomes U+FFFD, and a literal ``_xHHHH_`` is escaped as ``_x005F_xHHHH_``, because
spreadsheet programs read that pattern as an escaped character (ECMA-376 Part 1,
§22.9.2.19 ST_Xstring).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain, repeat

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_LENGTH = 32_767  # UTF-16 code units, Excel's limit for the text of a cell
MAX_SHEET_NAME = 31
CHUNK_ROWS = 1000
COMPRESS_LEVEL = 1

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_ESCAPED_BYTES = re.compile(b"_(?=x[0-9A-Fa-f]{4}_)")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_XML_WHITESPACE = " \t\n\r"
FORMULA_FIRST = frozenset("=+-@\t\r")  # first characters a spreadsheet may evaluate
QUOTED_STYLE = ' s="2"'

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-"

_OVERRIDES = (
    ("/xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml"),
    ("/xl/worksheets/sheet1.xml", "officedocument.spreadsheetml.worksheet+xml"),
    ("/xl/styles.xml", "officedocument.spreadsheetml.styles+xml"),
    ("/docProps/core.xml", "package.core-properties+xml"),
    ("/docProps/app.xml", "officedocument.extended-properties+xml"),
)
CONTENT_TYPES = (
    f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    f'<Default Extension="rels" ContentType="{_CT}package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="{part}" ContentType="{_CT}{kind}"/>' for part, kind in _OVERRIDES
    )
    + "</Types>"
)
ROOT_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL_NS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_NS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
APP = (
    f"{_DECLARATION}<Properties xmlns="
    '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>schoolimport</Application></Properties>"
)
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
# cellXfs 0 is the default, 1 the bold header, 2 text that looks like a formula
# (quotePrefix); the two fills are the ones Excel requires.
STYLES = (
    f'{_DECLARATION}<styleSheet xmlns="{_MAIN_NS}">'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def workbook_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    sheet_title: str,
    column_widths: Sequence[float] = (),
    *,
    compress: bool = True,
    title: str = "",
) -> bytes:
    """An unencrypted XLSX file of one sheet: ``headers`` bold and frozen, then ``rows``.

    Every value is written as text; empty strings leave the cell out. ``column_widths``
    are in characters (as Excel's column-width dialog shows them), one per column from
    A on. ``title`` is the document's title (its properties). The parts are deflated,
    or stored with ``compress=False``. Raises
    :class:`ValueError` past Excel's 1,048,576 rows or 16,384 columns.
    """
    table = rows if isinstance(rows, Sequence) else list(rows)
    last_row, last_column = _used_range(headers, table)
    archive = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(archive, "w", method, compresslevel=COMPRESS_LEVEL) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("docProps/core.xml", _core_properties(title))
        package.writestr("docProps/app.xml", APP)
        package.writestr("xl/workbook.xml", _workbook(_sheet_name(sheet_title)))
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/styles.xml", STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            corner = f"{_column_name(last_column)}{last_row}"
            head = _sheet_head("A1" if corner == "A1" else f"A1:{corner}", column_widths)
            sheet.write(head.encode())
            for chunk in _sheet_data(headers, table):
                sheet.write(chunk)
            sheet.write(b"</sheetData>" + _PAGE_MARGINS + b"</worksheet>")
    return archive.getvalue()


def _sheet_name(title: str) -> str:
    """``title`` as Excel accepts it: no ``[]:*?/\\``, no quote at either end, ≤ 31 chars."""
    name = _ILLEGAL.sub("", _SHEET_NAME_FORBIDDEN.sub("", title)).strip("'")
    return name[:MAX_SHEET_NAME].strip("'") or "Sheet1"


def _column_name(number: int) -> str:
    """The name of the column ``number`` (1-based): A … Z, AA … AZ, BA …"""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _used_range(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The last row and column (1-based) holding a value; at least A1."""
    last_column = _filled_width(headers)
    last_row = 1
    for number, row in enumerate(rows, start=2):
        if len(row) > last_column:
            last_column = max(last_column, _filled_width(row))
        if any(row):
            last_row = number
    if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
        raise ValueError(f"{last_row} rows × {last_column} columns exceed a worksheet")
    return last_row, max(last_column, 1)


def _filled_width(row: Sequence[str]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index]:
            return index + 1
    return 0


def _core_properties(title: str = "") -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    clean = _ILLEGAL.sub("\ufffd", title)
    heading = f"<dc:title>{_attribute(clean)}</dc:title>" if clean else ""
    return (
        f"{_DECLARATION}<cp:coreProperties xmlns:cp="
        '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        f"{heading}</cp:coreProperties>"
    )


def _workbook(name: str) -> str:
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name="{_attribute(name)}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def _attribute(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _stored_width(characters: float) -> float:
    # ECMA-376 §18.3.1.13: characters of the maximum digit width (7 px in Calibri 11)
    # plus 5 px of padding, truncated to 1/256 — what Excel itself writes.
    return int((characters * 7 + 5) / 7 * 256) / 256 if characters > 0 else 0.0


def _sheet_head(dimension: str, column_widths: Sequence[float]) -> str:
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{_stored_width(w)}" customWidth="1"/>'
        for n, w in enumerate(column_widths, start=1)
    )
    return (
        f'{_DECLARATION}<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<dimension ref="{dimension}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )


_PAGE_MARGINS = (
    b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)


def _sheet_data(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[bytes]:
    """The ``<row>`` elements, encoded, :data:`CHUNK_ROWS` rows per piece."""
    starts = [f'<c r="{_column_name(n)}' for n in range(1, _widest(headers, rows) + 1)]
    header = "".join([_cell(starts[i], "1", value, ' s="1"') for i, value in enumerate(headers)])
    yield _encode([f'<row r="1">{header}</row>'] if header else [])
    for first in range(0, len(rows), CHUNK_ROWS):
        yield _encode(_rows_xml(rows[first : first + CHUNK_ROWS], first + 2, starts))


def _widest(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    return max(len(headers), max(map(len, rows), default=0))


def _rows_xml(rows: Sequence[Sequence[str]], first: int, starts: list[str]) -> list[str]:
    """The ``<row>`` elements of ``rows``, numbered from ``first``, as pieces to join.

    Most rows hold nothing to escape: their cells are one f-string each. A chunk whose
    values need care is handled row by row, and only its rows that need care cell by cell.
    """
    careful = _needs_care(rows)
    end = "</t></is></c>"
    pieces: list[str] = []
    extend = pieces.extend
    for number, row in enumerate(rows, start=first):
        if not any(row):
            continue
        pieces.append(f'<row r="{number}">')
        if careful and _needs_care((row,)):
            text = str(number)
            extend(
                [_cell(start, text, value, "") for start, value in zip(starts, row, strict=False)]
            )
        else:
            middle = f'{number}" t="inlineStr"><is><t>'
            extend(
                [
                    f"{start}{middle}{value}{end}"
                    for start, value in zip(starts, row, strict=False)
                    if value
                ]
            )
        pieces.append("</row>")
    return pieces


def _needs_care(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a value in ``rows`` needs escaping, ``xml:space`` or truncation."""
    values = list(chain.from_iterable(rows))
    if max(map(len, values), default=0) > MAX_CELL_LENGTH // 2:
        return True
    if not FORMULA_FIRST.isdisjoint({v[:1] for v in values}):
        return True  # a value that needs the quotePrefix style
    text = "".join(values)
    if "&" in text or "<" in text or ">" in text or "\r" in text or "\n" in text:
        return True
    # Whitespace at either end of a value (xml:space="preserve").
    return len("".join(map(str.strip, values, repeat(" \t")))) != len(text)


def _encode(pieces: list[str]) -> bytes:
    """``pieces`` joined and encoded, with what XML cannot hold replaced and ``_x`` escaped.

    Neither can occur in the markup around the values, so one pass over the chunk
    treats every value at once; the common case (nothing to replace) is found by fast
    scans instead of a regular expression.
    """
    text = "".join(pieces)
    try:
        data = text.encode()
        clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)
    except UnicodeEncodeError:  # a lone surrogate
        clean = False
    if not clean or "\ufffe" in text or "\uffff" in text:
        data = _ILLEGAL.sub("\ufffd", text).encode()
    if b"_x" in data:
        data = _ESCAPED_BYTES.sub(b"_x005F_", data)
    return data


def _cell(start: str, number: str, value: str, style: str) -> str:
    """One cell the careful way: truncated, escaped, whitespace kept; '' for no value."""
    if not value:
        return ""
    if not style and value[0] in FORMULA_FIRST:
        style = QUOTED_STYLE
    if len(value) > MAX_CELL_LENGTH // 2:
        value = _truncate(value)
    keep = value[0] in _XML_WHITESPACE or value[-1] in _XML_WHITESPACE or "\n" in value
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )
    text = '<t xml:space="preserve">' if keep else "<t>"
    return f'{start}{number}"{style} t="inlineStr"><is>{text}{value}</t></is></c>'


def _truncate(value: str) -> str:
    units = value.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * MAX_CELL_LENGTH:
        return value
    kept = units[: 2 * MAX_CELL_LENGTH]
    if 0xD8 <= kept[-1] <= 0xDB:  # do not split a surrogate pair
        kept = kept[:-2]
    return kept.decode("utf-16-le", "surrogatepass")
