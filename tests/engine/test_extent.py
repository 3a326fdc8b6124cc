"""The claimed bound of an XLSX sheet (app.engine.reading.extent): never below the exact
extent, and None whenever the sheet does not prove its claim."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from app.engine.reading import extent
from app.engine.reading.extent import Extent, workbook_extent
from app.engine.reading.table import FileKind

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"
LIMIT = 5_000_000


def cell(row: int, column: int, style: str = "plain") -> str:
    body = "<is><t>x</t></is></c>"
    ref = f"{get_column_letter(column)}{row}"
    if style == "no reference":
        return f'<c t="inlineStr">{body}'
    if style == "reference later":
        return f'<c t="inlineStr" r="{ref}">{body}'
    if style == "prefixed":
        return f'<x:c r="{ref}" t="inlineStr">{body}'.replace("</c>", "</x:c>")
    return f'<c r="{ref}" t="inlineStr">{body}'


def sheet(rows: list[list[tuple[int, int, str]]]) -> bytes:
    xml = "".join(
        f'<row r="{cells[0][0]}">{"".join(cell(*c) for c in cells)}</row>' if cells else "<row/>"
        for cells in rows
    )
    return HEAD + xml.encode() + TAIL


def chunked(data: bytes, cuts: list[int]) -> Iterator[bytes]:
    """The data cut after a '>' at the given places, as extent._chunks cuts it."""
    start = 0
    for cut in sorted(cuts):
        end = data.find(b">", max(cut, start)) + 1
        if end <= start:
            continue
        yield data[start:end]
        start = end
    yield data[start:]


def ordered_rows(count: int, width: int) -> list[list[tuple[int, int, str]]]:
    return [[(r, c, "plain") for c in range(1, width + 1)] for r in range(1, count + 1)]


def test_an_ordered_sheet_is_answered_by_its_rounded_up_claim() -> None:
    data = sheet(ordered_rows(2345, 6))
    assert extent._xlsx_claimed(iter([data]), LIMIT) == Extent(2999, 6)
    assert extent._xlsx_extent(iter([data])) == Extent(2345, 6)


def test_the_widest_complete_row_sets_the_columns_when_a_chunk_ends_early() -> None:
    data = sheet(ordered_rows(300, 4))
    cut = data.index(b'<c r="B200"')  # this chunk ends after A200
    bound = extent._xlsx_claimed(chunked(data, [cut]), LIMIT)
    assert bound is not None and bound.columns >= 4 and bound.rows >= 300


@pytest.mark.parametrize(
    "odd",
    [
        (5, 16384, "plain"),  # far to the right, in the middle of ordinary rows
        (1048576, 1, "plain"),  # far down, in the middle
        (5, 2, "no reference"),
        (5, 2, "reference later"),
        (5, 2, "prefixed"),
    ],
)
def test_a_cell_outside_the_claim_or_without_a_plain_reference_disproves_it(
    odd: tuple[int, int, str],
) -> None:
    rows = ordered_rows(10, 3)
    rows[4] = [*rows[4], odd]
    data = sheet(rows)
    assert extent._xlsx_claimed(iter([data]), LIMIT) is None


def test_a_claim_over_the_limit_is_not_proved() -> None:
    data = sheet([[(1, 1, "plain"), (1, 16384, "plain")], [(1048576, 16384, "plain")]])
    assert extent._xlsx_claimed(iter([data]), LIMIT) is None


def test_members_without_cells_have_no_extent() -> None:
    strings = b'<sst><si><t>c r="A1"</t></si><si><t>Chor</t></si></sst>'
    assert extent._xlsx_claimed(iter([strings]), LIMIT) == Extent(0, 0)


def test_rows_of_several_widths_take_the_dimension_the_sheet_states(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LibreOffice and Excel leave out the empty cells that end a row, so the last row
    of a chunk may be narrower than the header; the stated dimension is then the
    claim, proved as any other (a cell outside it disproves it)."""
    rows = ordered_rows(300, 7)
    for number, row in enumerate(rows[1:], 2):
        del row[5 + number % 3 :]  # five, six or seven cells; the last row five
    data = sheet(rows)
    stated = data.replace(b"<sheetData>", b'<dimension ref="A1:G300"/><sheetData>')
    assert extent._xlsx_claimed(iter([stated]), LIMIT) == Extent(399, 7)
    assert extent._xlsx_claimed(iter([data]), LIMIT) is None  # the last row: E300
    too_little = data.replace(b"<sheetData>", b'<dimension ref="A1:E300"/><sheetData>')
    assert extent._xlsx_claimed(iter([too_little]), LIMIT) is None
    # Whole formatted columns in Excel's dimension: past the limit, so not taken.
    whole_columns = sheet(ordered_rows(300, 7)).replace(
        b"<sheetData>", b'<dimension ref="A1:G1048576"/><sheetData>'
    )
    assert extent._xlsx_claimed(iter([whole_columns]), LIMIT) == Extent(399, 7)
    in_a_value = data.replace(b"<sheetData>", b'<sheetData><dimension ref="A1:G300"/>')
    assert extent._xlsx_claimed(iter([in_a_value]), LIMIT) is None  # only before the data
    real = Path(__file__).parent / "data" / "libreoffice_short_rows.xlsx"
    with zipfile.ZipFile(real) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        claimed = extent._xlsx_claimed(extent._chunks(archive, info), LIMIT)
        monkeypatch.setattr(extent, "_stated_dimension", lambda data, start, end: None)
        assert extent._xlsx_claimed(extent._chunks(archive, info), LIMIT) is None
    cells = CalamineWorkbook.from_path(str(real)).get_sheet_by_index(0).to_python()
    assert (len(cells), max(map(len, cells))) == (5, 7)
    assert claimed == Extent(5, 7)


CELL_STYLES = st.sampled_from(["plain"] * 8 + ["no reference", "reference later", "prefixed"])


@st.composite
def sheets(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    """Mostly ordered sheets, sometimes with cells out of order or odd tags."""
    count = draw(st.integers(1, 40))
    width = draw(st.integers(1, 30))
    rows = ordered_rows(count, width)
    for row in rows:
        if draw(st.booleans()):
            del row[draw(st.integers(0, len(row))) :]  # trailing empties left out
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(rows) - 1))
        far = (draw(st.integers(1, 1100)), draw(st.integers(1, 800)), draw(CELL_STYLES))
        rows[where] = [*rows[where], far]
    data = sheet(rows)
    # The dimension a writer states before the data: none, the true one (the exact
    # extent's), or one that says too little or too much.
    exact = extent._xlsx_extent(iter([data]))
    stated = draw(
        st.sampled_from(
            ["", f"A1:{get_column_letter(max(exact.columns, 1))}{max(exact.rows, 1)}", "A1:B2"]
            + ["XFD1048576"]
        )
    )
    if stated:
        data = data.replace(b"<sheetData>", b'<dimension ref="%s"/><sheetData>' % stated.encode())
    cuts = draw(st.lists(st.integers(0, len(data)), max_size=6))
    return data, cuts


@settings(max_examples=300, deadline=None)
@given(sheets(), st.sampled_from([LIMIT, 20_000]))
def test_the_claimed_bound_never_falls_below_the_exact_extent(
    case: tuple[bytes, list[int]], limit: int
) -> None:
    data, cuts = case
    bound = extent._xlsx_claimed(chunked(data, cuts), limit)
    exact = extent._xlsx_extent(chunked(data, cuts))
    if bound is not None:
        assert bound.rows >= exact.rows and bound.columns >= exact.columns
        assert bound.cells <= limit


def write_xlsx(path: Path, rows: list[list[object]], write_only: bool) -> Path:
    book = openpyxl.Workbook(write_only=write_only)
    sheet_ = book.create_sheet("S") if write_only else book.active
    assert sheet_ is not None
    for row in rows:
        sheet_.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("write_only", [True, False])
def test_real_workbooks_take_the_claim_and_it_covers_what_calamine_reads(
    tmp_path: Path, write_only: bool
) -> None:
    rows: list[list[object]] = [["ID", "Nachname", "Vorname", "Klasse", "Kurse"]]
    rows += [
        [str(1000 + i), "Müller", f"Anna {i}", "5a", "Chor" if i % 3 else None] for i in range(3000)
    ]
    path = write_xlsx(tmp_path / "s.xlsx", rows, write_only)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.startswith("xl/worksheets/"))
        claimed = extent._xlsx_claimed(extent._chunks(archive, name), LIMIT)
    assert claimed is not None
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert claimed.rows >= grid.total_height and claimed.columns >= grid.total_width
    assert workbook_extent(path, FileKind.XLSX, enough=LIMIT) == claimed
    assert workbook_extent(path, FileKind.XLSX) == Extent(3001, 5)


@settings(max_examples=500, deadline=None)
@given(
    st.text("ABFGZa$", min_size=1, max_size=3),
    st.text("0123456789", min_size=1, max_size=7),
    st.text("ABFGZ", min_size=1, max_size=3),
    st.text("123456789", min_size=1, max_size=1),
    st.integers(1, 7),
)
def test_the_rounded_claim_lets_in_exactly_the_references_inside_it(
    letters: str, digits: str, claim_letters: str, lead: str, length: int
) -> None:
    """The search for a cell outside the claim (possessive, the claim's length first)
    passes a reference exactly when it is well formed and within the rounded bound."""
    bound, outside = extent._rounded_up(claim_letters.encode(), lead.encode(), length)
    tag = f'<c r="{letters}{digits}" t="s">'.encode()
    well_formed = letters.isupper() and letters.isalpha() and digits[0] != "0"
    inside = (
        well_formed
        and extent._column_number(letters.encode()) <= bound.columns
        and int(digits) <= bound.rows
    )
    assert (outside.search(tag) is None) == inside
