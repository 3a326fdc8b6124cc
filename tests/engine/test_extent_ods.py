"""The claimed bound of an ODS sheet (app.engine.reading.extent): never below the exact
extent, None whenever something repeats, and taken for the files writers make."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.engine.reading import extent
from app.engine.reading.extent import Extent, workbook_extent
from app.engine.reading.table import FileKind
from tests.engine.test_extent import chunked

LIMIT = 5_000_000
HEAD = (
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    b"<office:body><office:spreadsheet>"
)
TAIL = b"</office:spreadsheet></office:body></office:document-content>"
CELLS = {
    "value": '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>',
    "empty": "<table:table-cell/>",
    "covered": "<table:covered-table-cell/>",
    "repeated": '<table:table-cell table:number-columns-repeated="3"><text:p>y</text:p>'
    "</table:table-cell>",
    "comment": "<!-- </table:table-row> -->",
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    sheets = []
    for _ in range(draw(st.integers(1, 3))):
        rows = []
        for _ in range(draw(st.integers(0, 12))):
            kinds = draw(st.lists(st.sampled_from(sorted(CELLS)), max_size=8))
            start = "<table:table-row>"
            if draw(st.integers(0, 20)) == 0:
                start = '<table:table-row table:number-rows-repeated="4">'
            rows.append(start + "".join(CELLS[k] for k in kinds) + "</table:table-row>")
        columns = '<table:table-column table:number-columns-repeated="5"/>'
        sheets.append(f'<table:table table:name="S">{columns}{"".join(rows)}</table:table>')
    data = HEAD + "".join(sheets).encode() + TAIL
    return data, draw(st.lists(st.integers(0, len(data)), max_size=6))


@settings(max_examples=300, deadline=None)
@given(documents(), st.sampled_from([LIMIT, 20]))
def test_the_claimed_bound_never_falls_below_the_exact_extent(
    case: tuple[bytes, list[int]], limit: int
) -> None:
    data, cuts = case
    bound = extent._ods_claimed(chunked(data, cuts), limit)
    exact = extent._ods_extent(chunked(data, cuts))
    if bound is not None:
        assert bound.rows >= exact.rows and bound.columns >= exact.columns
        assert bound.cells <= limit
    # (A cell repeated inside a row widens the claim: it may stand.)
    if b"number-rows-repeated" in data or b"<!" in data:
        assert bound is None


def test_written_spreadsheets_take_the_claim_and_it_covers_what_calamine_reads(
    tmp_path: Path,
) -> None:
    rows = [
        [str(1000 + i), "Müller", f"Anna {i}", "5a", "Chor" if i % 3 else ""] for i in range(3000)
    ]
    path = tmp_path / "s.ods"
    pd.DataFrame(rows, columns=["ID", "Nachname", "Vorname", "Klasse", "Kurse"]).to_excel(
        path, index=False, engine="odf"
    )
    with zipfile.ZipFile(path) as archive:
        claimed = extent._ods_claimed(extent._chunks(archive, "content.xml"), LIMIT)
    assert claimed is not None
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    assert claimed.rows >= grid.total_height and claimed.columns >= grid.total_width
    assert workbook_extent(path, FileKind.ODS, enough=LIMIT) == claimed
    assert workbook_extent(path, FileKind.ODS).rows == 3001


def test_a_sheet_of_repeated_rows_is_measured_exactly(tmp_path: Path) -> None:
    row = '<table:table-row table:number-rows-repeated="2000000">' + CELLS["value"]
    row += "</table:table-row>"
    data = HEAD + f'<table:table table:name="S">{row}</table:table>'.encode() + TAIL
    path = tmp_path / "rows.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", data)
    assert extent._ods_claimed(iter([data]), LIMIT) is None
    assert workbook_extent(path, FileKind.ODS, enough=LIMIT).rows == 2_000_000


def test_rows_are_bounded_by_their_length_unless_the_budget_is_tight() -> None:
    """Both ways of bounding a row's cells: its bytes / 17 (no count made), or, when
    that bound does not fit the limit, its counted cell tags (covered ones too)."""
    row = "<table:table-row>" + CELLS["value"] * 2 + CELLS["covered"] + "</table:table-row>"
    data = HEAD + f'<table:table table:name="S">{row * 10}</table:table>'.encode() + TAIL
    exact = extent._ods_extent(iter([data]))
    assert exact == extent.Extent(10, 2)  # calamine's grid ends at the last value
    by_length = extent._ods_claimed(iter([data]), LIMIT)
    assert by_length is not None and by_length.rows == 11
    first = HEAD + b'<table:table table:name="S">' + row.encode()  # the longest segment
    assert by_length.columns == (len(first) - len(b"</table:table-row>")) // 17
    assert extent._ods_claimed(iter([data]), 33) == extent.Extent(11, 3)
    assert extent._ods_claimed(iter([data]), 32) is None


def test_a_comment_still_disproves_the_claim() -> None:
    """The quick look for '!' must not miss '<!' (comments, CDATA)."""
    row = "<table:table-row>" + CELLS["value"] + "</table:table-row>"
    for hidden in ("<!-- x -->", "<![CDATA[ y ]]>"):
        table = f'<table:table table:name="S">{row}{hidden}{row}</table:table>'
        assert extent._ods_claimed(iter([HEAD + table.encode() + TAIL]), LIMIT) is None
    plain = f'<table:table table:name="S">{row}<text:p>Hallo!</text:p>{row}</table:table>'
    assert extent._ods_claimed(iter([HEAD + plain.encode() + TAIL]), LIMIT) is not None


def test_covered_cells_of_a_row_carried_into_the_next_chunk_are_counted() -> None:
    """A row cut by a chunk's end, its covered cells before the cut and none after:
    the counted bound (a tight limit) still counts them (it once looked for covered
    cells in the new chunk only, and claimed 2 columns for calamine's 5)."""
    start = HEAD + b'<table:table table:name="S"><table:table-row>'
    first = start + (CELLS["value"] + CELLS["covered"] * 3).encode()
    second = (CELLS["value"] + "</table:table-row></table:table>").encode() + TAIL
    exact = extent._ods_extent(iter([first + second]))
    assert exact == extent.Extent(1, 5)
    claimed = extent._ods_claimed(iter([first, second]), 15)
    assert claimed is not None and claimed.columns >= 5


def test_every_sheet_counts_for_calamine_reads_them_all() -> None:
    """calamine reads every sheet of an ODS file when it opens it: the extent is the
    sum of the sheets' rows (as wide as the widest), the claim bounds it as well."""
    value = CELLS["value"]
    sheet = f"<table:table-row>{value * 3}</table:table-row>" * 4
    wide = f"<table:table-row>{value * 7}</table:table-row>" * 2
    data = (
        HEAD
        + (
            f'<table:table table:name="A">{sheet}</table:table>'
            f'<table:table table:name="B">{wide}</table:table>'
        ).encode()
        + TAIL
    )
    assert extent._ods_extent(iter([data])) == Extent(6, 7)
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert claimed is not None and claimed.rows >= 6 and claimed.columns >= 7
