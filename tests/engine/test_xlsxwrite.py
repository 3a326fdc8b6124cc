"""The in-memory XLSX writer, read back by openpyxl and python-calamine, and the
encrypted protocol built with it."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

import msoffcrypto
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.engine.output import xlsxwrite
from app.engine.output.protocol import (
    MINI_STREAM_CUTOFF,
    PROTOCOL_HEADERS,
    _column_widths,
    build_xlsx,
)
from app.engine.output.xlsxwrite import workbook_bytes

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HEADERS = ["Name", "Login", "Note"]
TRICKY = [
    ["<&>\"'", "a & b < c > d", "x&amp;y"],
    ["=SUM(A1:A2)", "+49 123", "-1", "@x"],
    ["Müller", "Jörg Öztürk-Straße", "ÄÖÜäöüß"],
    ["山田太郎", "日本語テキスト", "한국어"],
    ["😀 emoji 🎉", "👩‍👩‍👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"],
    ["  leading", "trailing  ", " both "],
    ["line one\nline two", "\nstarts with newline", "ends with newline\n"],
    ["tab\tinside", "\tleading tab", "0042"],
    ["1.5", "TRUE", "#N/A"],
]
PASSWORD = "Protokoll-Geheim-42"


def _workbook(rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS) -> bytes:
    return workbook_bytes(headers, rows, "Protokoll", [12, 20, 30])


def _openpyxl_values(data: bytes) -> list[list[object]]:
    """The sheet's values, '' for a missing cell (as calamine gives them)."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]


def _calamine_values(data: bytes) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def _decrypt(data: bytes) -> list[list[object]]:
    office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
    office_file.load_key(password=PASSWORD)
    plain = io.BytesIO()
    office_file.decrypt(plain)
    return _calamine_values(plain.getvalue())


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/worksheets/sheet1.xml").decode()


def _padded(rows: Sequence[Sequence[str]], width: int) -> list[list[str]]:
    return [[*row, *[""] * (width - len(row))] for row in rows]


def test_parts_are_complete_and_well_formed() -> None:
    data = _workbook(TRICKY)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert set(names) == {
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        }
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in package.infolist())
        trees = {name: ET.fromstring(package.read(name)) for name in names}
    sheet = trees["xl/worksheets/sheet1.xml"]
    assert [child.tag.removeprefix(MAIN) for child in sheet] == [
        "dimension",
        "sheetViews",
        "sheetFormatPr",
        "cols",
        "sheetData",
        "pageMargins",
    ]
    assert sheet.find(f"{MAIN}dimension").get("ref") == f"A1:D{len(TRICKY) + 1}"  # type: ignore[union-attr]
    pane = sheet.find(f"{MAIN}sheetViews/{MAIN}sheetView/{MAIN}pane")
    assert pane is not None and pane.attrib == {
        "ySplit": "1",
        "topLeftCell": "A2",
        "activePane": "bottomLeft",
        "state": "frozen",
    }
    rows = sheet.findall(f"{MAIN}sheetData/{MAIN}row")
    assert [row.get("r") for row in rows] == [str(n) for n in range(1, len(TRICKY) + 2)]
    cells = [cell for row in rows for cell in row]
    assert all(cell.get("t") == "inlineStr" and cell.get("r") for cell in cells)
    assert [cell.get("s") for cell in rows[0]] == ["1", "1", "1"]
    bold_font = trees["xl/styles.xml"].findall(f"{MAIN}fonts/{MAIN}font")[1]
    assert bold_font.find(f"{MAIN}b") is not None


def test_openpyxl_reads_values_and_format() -> None:
    data = _workbook(TRICKY)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "Protokoll"
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [12.7109375, 20.7109375, 30.7109375]
    assert all(cell.font.b for cell in sheet[1] if cell.value)
    assert not any(cell.font.b for row in sheet.iter_rows(min_row=2) for cell in row)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type == "s" for cell in cells)
    assert _openpyxl_values(data) == _padded([HEADERS, *TRICKY], 4)


def test_calamine_reads_the_same_values() -> None:
    data = _workbook(TRICKY)
    assert _calamine_values(data) == _padded([HEADERS, *TRICKY], 4)


def test_whitespace_is_preserved_only_where_needed() -> None:
    xml = _sheet_xml(_workbook(TRICKY))
    assert '<t xml:space="preserve">  leading</t>' in xml
    assert '<t xml:space="preserve">line one\nline two</t>' in xml
    assert "<t>tab\tinside</t>" in xml
    assert "<t>&lt;&amp;&gt;\"'</t>" in xml
    assert "<t>x&amp;amp;y</t>" in xml


def test_empty_cells_and_rows_are_left_out() -> None:
    rows = [["a", "", "c"], ["", "", ""], [], ["", "", "f"]]
    data = _workbook(rows)
    xml = _sheet_xml(data)
    assert 'r="B2"' not in xml and 'r="3"' not in xml and 'r="4"' not in xml
    assert '<row r="5"><c r="C5"' in xml
    assert '<dimension ref="A1:C5"/>' in xml
    assert _openpyxl_values(data) == [HEADERS, ["a", "", "c"], [""] * 3, [""] * 3, ["", "", "f"]]


def test_thirty_columns_are_named_beyond_z() -> None:
    headers = [f"H{n}" for n in range(30)]
    rows = [[f"r{r}c{c}" for c in range(30)] for r in range(3)]
    data = workbook_bytes(headers, rows, "Wide", [10] * 30)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert [cell.coordinate for cell in sheet[2]][24:] == ["Y2", "Z2", "AA2", "AB2", "AC2", "AD2"]
    assert sheet["AD4"].value == "r2c29"
    assert sheet.column_dimensions["AD"].width == 10.7109375
    assert '<dimension ref="A1:AD4"/>' in _sheet_xml(data)
    assert _calamine_values(data) == [headers, *rows]
    assert [xlsxwrite._column_name(n) for n in (1, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]


def test_characters_xml_cannot_hold_become_replacement_characters() -> None:
    rows = [["Bad\x01Name", "\x00\x08\x0b\x0c\x0e\x1f", "lone \ud800 surrogate"], ["\ufffe\uffff"]]
    data = _workbook(rows)
    expected = [
        HEADERS,
        ["Bad\ufffdName", "\ufffd" * 6, "lone \ufffd surrogate"],
        ["\ufffd\ufffd", "", ""],
    ]
    assert _calamine_values(data) == expected
    assert _openpyxl_values(data)[1] == expected[1]


def test_carriage_returns_survive() -> None:
    data = _workbook([["a\r\nb", "c\rd", ""]])
    assert _calamine_values(data)[1] == ["a\r\nb", "c\rd", ""]
    assert _openpyxl_values(data)[1] == ["a\r\nb", "c\rd", ""]


def test_literal_escape_sequences_are_escaped() -> None:
    # Spreadsheet programs read _xHHHH_ as an escaped character (ST_Xstring); a value
    # that holds one literally gets its underscore escaped. openpyxl does not decode
    # inline strings, so only calamine (and Excel, LibreOffice) show the original.
    rows = [["_x0041_", "a_x0009_b_x0042_x0043_", "_x12_ _xZZZZ_ x_y"]]
    data = _workbook(rows)
    xml = _sheet_xml(data)
    assert "<t>_x005F_x0041_</t>" in xml
    assert "a_x005F_x0009_b_x005F_x0042_x005F_x0043_" in xml
    assert "<t>_x12_ _xZZZZ_ x_y</t>" in xml
    assert _calamine_values(data)[1] == rows[0]


def test_long_values_are_cut_at_excels_limit() -> None:
    limit = xlsxwrite.MAX_CELL_LENGTH
    rows = [["x" * (limit + 10), "😀" * limit, "y" * limit]]
    values = _calamine_values(_workbook(rows))[1]
    assert values[0] == "x" * limit
    assert values[1] == "😀" * (limit // 2)  # 2 UTF-16 units each, no half pair
    assert values[2] == "y" * limit


def test_sheet_title_is_made_acceptable() -> None:
    def title(name: str) -> str:
        sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes([], [], name))).active
        assert sheet is not None
        return sheet.title

    assert title("Pro[to]:col*?/\\") == "Protocol"
    assert title("x" * 40) == "x" * 31
    assert title("'quoted'") == "quoted"
    assert title('Ärger & <Ümlaute> "ok"') == 'Ärger & <Ümlaute> "ok"'
    assert title("[]") == "Sheet1"


def test_empty_workbook_and_iterator_rows() -> None:
    empty = workbook_bytes([], [], "Leer")
    assert '<dimension ref="A1"/>' in _sheet_xml(empty)
    assert _openpyxl_values(empty) == []
    data = workbook_bytes(HEADERS, iter([["a"], ["b"]]), "Iter")
    assert _calamine_values(data) == [HEADERS, ["a", "", ""], ["b", "", ""]]


def test_rows_across_chunks_keep_their_numbers() -> None:
    count = 2 * xlsxwrite.CHUNK_ROWS + 7
    rows = [
        [f"v{n}", "a&b" if n % 700 == 0 else "", " pad" if n == count - 1 else ""]
        for n in range(count)
    ]
    values = _calamine_values(_workbook(rows))
    assert len(values) == count + 1
    assert values[1:] == rows


def test_nothing_is_opened_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"opened a file: {args}")

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr("io.open", refuse)
    monkeypatch.setattr("os.open", refuse)
    data = build_xlsx(HEADERS, TRICKY, PASSWORD)
    monkeypatch.undo()
    assert _decrypt(data)[1][:3] == TRICKY[0]


def test_protocol_xlsx_decrypts_and_reads_back() -> None:
    headers = PROTOCOL_HEADERS["de"]
    rows = [[f"{row[0]}-{n}", *row[1:], *["x"] * (10 - len(row))] for n, row in enumerate(TRICKY)]
    encrypted = build_xlsx(headers, rows, PASSWORD, sheet_title="Protokoll")
    assert b"M\xc3\xbcller" not in encrypted and "Müller".encode("utf-16-le") not in encrypted
    office_file = msoffcrypto.OfficeFile(io.BytesIO(encrypted))
    assert office_file.is_encrypted()
    office_file.load_key(password=PASSWORD)
    plain = io.BytesIO()
    office_file.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).active
    assert sheet is not None
    assert sheet.title == "Protokoll" and sheet.freeze_panes == "A2"
    assert tuple(cell.value for cell in sheet[1]) == headers
    assert all(cell.font.b for cell in sheet[1] if cell.value)
    widths = [sheet.column_dimensions[xlsxwrite._column_name(n)].width for n in range(1, 11)]
    assert widths == [xlsxwrite._stored_width(w) for w in _column_widths(headers, rows)]
    assert _calamine_values(plain.getvalue()) == [list(headers), *rows]


@pytest.mark.parametrize("rows", [[], [["angelegt"]], [["x" * 40] * 10] * 20])
def test_small_protocols_decrypt(rows: list[list[str]]) -> None:
    # msoffcrypto-tool corrupts packages that fit the OLE mini stream (< 4 KiB).
    headers = list(PROTOCOL_HEADERS["en"])
    assert _decrypt(build_xlsx(headers, rows, PASSWORD)) == [headers, *_padded(rows, 10)]
    smallest = workbook_bytes([], [], "", compress=False)
    assert len(smallest) >= MINI_STREAM_CUTOFF
    assert _openpyxl_values(smallest) == []


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            TEXT | st.sampled_from(["", " x", "a&<b>", "_x0041_", "\r\n"]), min_size=3, max_size=3
        ),
        max_size=8,
    )
)
def test_any_text_reads_back(rows: list[list[str]]) -> None:
    def expected(value: str) -> str:
        return xlsxwrite._ILLEGAL.sub("\ufffd", value)

    data = _workbook(rows)
    ET.fromstring(_sheet_xml(data))
    read = _calamine_values(data)
    wanted = [HEADERS, *([expected(v) for v in row] for row in rows)]
    while len(wanted) > 1 and not any(wanted[-1]):
        wanted.pop()  # calamine stops at the last row holding a value
    assert read == wanted
