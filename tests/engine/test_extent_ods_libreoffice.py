"""The ODS claim (app.engine.reading.extent._ods_claimed) on what LibreOffice writes: a
row's trailing empty run and the sheet's final repeated empty row take the fast path,
and every other repeat still leaves it; a claim is never below calamine's grid."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.engine.reading import extent
from app.engine.reading.extent import workbook_extent
from app.engine.reading.table import FileKind
from tests.engine.test_extent import chunked
from tests.engine.test_extent_ods import CELLS, HEAD, LIMIT, TAIL

REAL = Path(__file__).parent / "data" / "libreoffice_20_rows.ods"
VALUE = CELLS["value"]
RUN = '<table:table-cell table:number-columns-repeated="16378"/>'
STYLED_RUN = '<table:table-cell table:style-name="ce1" table:number-columns-repeated="9"/>'
END_ROWS = (
    '<table:table-row table:style-name="ro1" table:number-rows-repeated="998574">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    '<table:table-row table:style-name="ro1">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)


MANIFEST = (
    '<?xml version="1.0"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
)


def row(cells: str, repeated: int = 0) -> str:
    start = '<table:table-row table:style-name="ro1"'
    if repeated:
        start += f' table:number-rows-repeated="{repeated}"'
    return f"{start}>{cells}</table:table-row>"


def sheet(rows: str) -> bytes:
    columns = '<table:table-column table:number-columns-repeated="16384"/>'
    return HEAD + f'<table:table table:name="S">{columns}{rows}</table:table>'.encode() + TAIL


def written(tmp_path: Path, content: bytes, name: str = "lo.ods") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", content)
    return path


def calamine_grid(path: Path) -> tuple[int, int]:
    """The rows and columns calamine actually gives (its dense grid)."""
    cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return len(cells), max(map(len, cells), default=0)


def assert_covers(claimed: extent.Extent | None, data: bytes, path: Path) -> None:
    assert claimed is not None
    exact = extent._ods_extent(iter([data]))
    rows, columns = calamine_grid(path)
    assert claimed.rows >= max(exact.rows, rows) and claimed.columns >= max(exact.columns, columns)


def test_a_libreoffice_shaped_sheet_takes_the_claim(tmp_path: Path) -> None:
    data = sheet(row(VALUE * 6 + RUN) * 3000 + END_ROWS)
    path = written(tmp_path, data)
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert_covers(claimed, data, path)
    assert claimed is not None and claimed.rows < 3010  # the final empty rows add none
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
        as_read = extent._ods_claimed(extent._chunks(archive, info), LIMIT, info.file_size)
    assert as_read is not None and as_read.rows < 3010
    assert workbook_extent(path, FileKind.ODS, enough=LIMIT) == as_read
    assert workbook_extent(path, FileKind.ODS) == extent.Extent(3000, 6)


def test_a_file_libreoffice_wrote_takes_the_claim() -> None:
    """20 rows and a header converted from XLSX by soffice (LibreOffice 7): every row
    ends with an empty run (16,379 or 16,380 cells), the sheet with 1,048,554 rows."""
    with zipfile.ZipFile(REAL) as archive:
        data = archive.read("content.xml")
        info = archive.getinfo("content.xml")
        claimed = extent._ods_claimed(extent._chunks(archive, info), LIMIT, info.file_size)
    assert b'table:number-rows-repeated="1048554"' in data
    assert claimed is not None
    exact = extent._ods_extent(iter([data]))
    assert exact == extent.Extent(21, 5)
    rows, columns = calamine_grid(REAL)
    assert (rows, columns) == (21, 5)
    assert claimed.rows >= 21 and claimed.columns >= 5
    assert workbook_extent(REAL, FileKind.ODS, enough=LIMIT) == claimed


def test_chunks_cut_inside_the_patterns_still_take_the_claim() -> None:
    """Cut after a trailing run's '/>', after the repeated row's start tag and after its
    cell: the carried text completes each pattern in the next chunk."""
    data = sheet(row(VALUE * 6 + RUN) * 40 + END_ROWS)
    run_end = data.find(RUN.encode()) + len(RUN) - 1
    repeated = data.find(b"table:number-rows-repeated")
    cuts = [run_end, repeated, data.find(b"/>", repeated)]
    whole = extent._ods_claimed(iter([data]), LIMIT)
    claimed = extent._ods_claimed(chunked(data, cuts), LIMIT)
    assert whole is not None and claimed is not None
    assert claimed.rows >= 40 and claimed.rows < 1000 and claimed.columns >= 6


def test_a_repeated_empty_row_between_values_adds_its_count(tmp_path: Path) -> None:
    data = sheet(row(VALUE + RUN) + row(RUN, repeated=500) + row(VALUE * 2 + RUN))
    path = written(tmp_path, data)
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert_covers(claimed, data, path)
    assert calamine_grid(path) == (502, 2)
    # Nearly a million of them: the claim does not fit, the exact scan answers.
    huge = sheet(row(VALUE * 6 + RUN) + row(RUN, repeated=998574) + row(VALUE + RUN))
    assert extent._ods_claimed(iter([huge]), LIMIT) is None
    assert workbook_extent(written(tmp_path, huge, "huge.ods"), FileKind.ODS, LIMIT).rows > 998574


def test_a_repeated_empty_row_that_starts_the_sheet_is_counted(tmp_path: Path) -> None:
    data = sheet(row(RUN, repeated=300) + row(VALUE + RUN))
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert_covers(claimed, data, written(tmp_path, data))
    assert claimed is not None and claimed.rows >= 301


def test_a_styled_trailing_run_is_still_bounded(tmp_path: Path) -> None:
    data = sheet(row(VALUE * 3 + STYLED_RUN) * 20 + END_ROWS)
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert_covers(claimed, data, written(tmp_path, data))


def test_other_repeats_are_bounded_or_leave_the_claim(tmp_path: Path) -> None:
    """Each of these repeats widens calamine's grid or might. A cell repeated inside a
    row widens the claim by its count; a repeated row with a value, or a row end the
    patterns do not know, leaves the claim to the exact scan."""
    value_run = VALUE.replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="9" '
    )
    string_run = '<table:table-cell office:value-type="string" table:number-columns-repeated="9"/>'
    covered_run = '<table:covered-table-cell table:number-columns-repeated="9"/>'
    widened = {
        "an empty run followed by a value": row(RUN + VALUE),
        "a repeated cell with a value": row(VALUE + value_run + RUN),
        "a value-typed empty run at the end": row(VALUE + string_run),
        "a covered run at the end": row(VALUE + covered_run),
    }
    left = {
        "a repeated row with a value": row(VALUE + RUN, repeated=5),
        "a repeated row of two cells": row(VALUE.replace("x", "") + RUN, repeated=5),
    }
    for name, rows in {**widened, **left}.items():
        data = sheet(row(VALUE + RUN) + rows + row(VALUE + RUN))
        path = written(tmp_path, data, "c.ods")
        claimed = extent._ods_claimed(iter([data]), LIMIT)
        if name in left:
            assert claimed is None, name
        else:
            assert_covers(claimed, data, path)
        measured, exact = (
            workbook_extent(path, FileKind.ODS, LIMIT),
            extent._ods_extent(iter([data])),
        )
        assert measured.rows >= exact.rows and measured.columns >= exact.columns, name
    # Text after a row's last cell (calamine refuses the file): not a run that ends it.
    data = sheet(row(VALUE + RUN) + row(VALUE + RUN + " ") + row(VALUE + RUN))
    claimed, exact = extent._ods_claimed(iter([data]), LIMIT), extent._ods_extent(iter([data]))
    assert claimed is not None and claimed.columns > 16378 and claimed.rows >= exact.rows


# A row's cells: a value, an empty or covered cell, a value repeated three times and
# two empty cells written as one (what LibreOffice writes for equal neighbours).
PIECES = {
    **{k: CELLS[k] for k in ("value", "empty", "covered", "repeated")},
    "two empty": '<table:table-cell table:number-columns-repeated="2"/>',
}


@st.composite
def libreoffice_documents(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    """Sheets of value, empty and covered cells and short repeats of them, rows ending
    with empty runs (styled or not), repeated empty rows anywhere, and sometimes a
    repeat of another kind (a long run inside a row, a repeated row with values)."""
    kinds = ["value", "empty", "covered", "run", "styled", "empty row", "other"]
    sheets = []
    for _ in range(draw(st.integers(1, 2))):
        rows = []
        for _ in range(draw(st.integers(0, 10))):
            kind = draw(st.sampled_from(kinds))
            cells = "".join(PIECES[k] for k in draw(st.lists(st.sampled_from(sorted(PIECES)))))
            if kind == "run":
                rows.append(row(cells + RUN))
            elif kind == "styled":
                rows.append(row(cells + STYLED_RUN))
            elif kind == "empty row":
                rows.append(row(RUN, repeated=draw(st.integers(1, 40))))
            elif kind == "other":
                rows.append(row(cells + RUN + cells, repeated=draw(st.sampled_from([0, 3]))))
            else:
                rows.append(row(cells))
        if draw(st.booleans()):
            rows.append(END_ROWS.replace("998574", str(draw(st.integers(1, 10**6)))))
        columns = '<table:table-column table:number-columns-repeated="16384"/>'
        sheets.append(
            f'<table:table table:name="S{len(sheets)}">{columns}{"".join(rows)}</table:table>'
        )
    data = HEAD + "".join(sheets).encode() + TAIL
    return data, draw(st.lists(st.integers(0, len(data)), max_size=6))


@settings(max_examples=150, deadline=None)
@given(libreoffice_documents(), st.sampled_from([LIMIT, 200]))
def test_the_claim_never_falls_below_calamine_or_the_exact_extent(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[bytes, list[int]], limit: int
) -> None:
    data, cuts = case
    bound = extent._ods_claimed(chunked(data, cuts), limit)
    if bound is None:
        return
    assert bound.cells <= limit
    exact = extent._ods_extent(iter([data]))
    assert bound.rows >= exact.rows and bound.columns >= exact.columns
    path = written(tmp_path_factory.mktemp("lo"), data)
    with CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            cells = workbook.get_sheet_by_name(name).to_python()
            assert bound.rows >= len(cells)
            assert bound.columns >= max(map(len, cells), default=0)


def test_generated_libreoffice_documents_do_take_the_claim() -> None:
    """The property test above is not vacuous: its documents without an 'other' repeat
    take the claim."""
    data = sheet(row(VALUE + RUN) + row(RUN, repeated=7) + row(VALUE + STYLED_RUN) + END_ROWS)
    assert extent._ods_claimed(chunked(data, [100, 400, 700]), LIMIT) is not None


def claim_without_the_fast_path(chunks: Iterator[bytes], limit: int) -> extent.Extent | None:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(extent, "_row_repeats", lambda parts: None)
        return extent._ods_claimed(chunks, limit)


@settings(max_examples=150, deadline=None)
@given(libreoffice_documents(), st.sampled_from([LIMIT, 200]))
def test_the_rows_answer_as_the_general_scan_does_where_it_answers(
    case: tuple[bytes, list[int]], limit: int
) -> None:
    """Where the general scan (its patterns searched in the text) gives a claim, the
    fast path (the rows' words counted, their last tags compared) gives the very same,
    cut anywhere. (Where it gives none, the property above bounds the fast path's.)"""
    data, cuts = case
    general = claim_without_the_fast_path(chunked(data, cuts), limit)
    if general is not None:
        assert extent._ods_claimed(chunked(data, cuts), limit) == general


def test_a_libreoffice_sheet_is_answered_by_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not vacuous: the rows of a LibreOffice sheet take the fast path (two forms of
    last tag: the first row's, then a styled run)."""
    data = sheet(row(VALUE * 6 + RUN) * 200 + row(VALUE * 3 + STYLED_RUN) * 50 + END_ROWS)
    answers: list[tuple[int, int] | None] = []
    answer = extent._row_repeats

    def spied(parts: list[bytes]) -> tuple[int, int] | None:
        answers.append(answer(parts))
        return answers[-1]

    monkeypatch.setattr(extent, "_row_repeats", spied)
    # Cut after the 100th row's end tag, and inside the 240th row's run.
    ends = [found.end() for found in re.finditer(b"</table:table-row>", data)]
    cuts = [ends[99] - 1, data.find(b'repeated="9"', ends[238])]
    claimed = extent._ods_claimed(chunked(data, cuts), LIMIT)
    assert claimed is not None and claimed.rows < 300 and claimed.columns >= 6
    # The head (its column definition), the rows, the tail (its repeated empty row,
    # which ends the sheet: no rows added)
    assert answers == [(0, 0), (0, 0), (0, 0)]


def rows_parts(rows: str) -> list[bytes]:
    """The rows as the claim splits them, after a row end (no sheet's head)."""
    return (b">" + rows.encode() + b"</table:table>").split(b"</table:table-row")


def test_repeats_inside_rows_widen_the_bound_by_the_largest() -> None:
    two = '<table:table-cell table:number-columns-repeated="2"/>'
    valued = VALUE.replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="4" '
    )
    rows = row(VALUE + two + VALUE + RUN) + row(VALUE + valued + two + VALUE) + row(VALUE + RUN)
    # The second row has two repeats; the largest repeats 4 times: up to 2 × 3 more.
    assert extent._row_repeats(rows_parts(rows)) == (6, 0)
    # Repeated empty rows between rows add their count; those that end the sheet, none.
    between = row(VALUE + RUN) + row(RUN, repeated=7) + row(VALUE + RUN)
    assert extent._row_repeats(rows_parts(between)) == (0, 7)
    ending = row(VALUE + RUN) + row(RUN, repeated=7) + row(RUN)
    assert extent._row_repeats(rows_parts(ending)) == (0, 0)


def test_repeats_the_rows_do_not_explain_leave_the_fast_path(tmp_path: Path) -> None:
    """A repeat word that is no cell's repeat with a number, a repeated row that is not
    empty, or a row end other than ``</table:table-row>``: the fast path says None, and
    the claim (if any) still covers calamine's grid and the exact extent."""
    cases = {
        "a repeat word in a value's text": VALUE.replace("x", "number-rows-repeated") + RUN,
        "a repeat without a number": VALUE
        + '<table:table-cell table:number-columns-repeated=""/>'
        + VALUE,
        "another kind of repeat": VALUE + '<table:table-cell table:foo-repeated="3"/>' + VALUE,
    }
    plain = row(VALUE + RUN) * 3 + row(VALUE * 2 + STYLED_RUN) + row(VALUE + RUN)
    assert extent._row_repeats(rows_parts(plain)) == (0, 0)
    for name, cells in cases.items():
        rows = row(VALUE + RUN) * 3 + row(cells) + row(VALUE + RUN)
        assert extent._row_repeats(rows_parts(rows)) is None, name
        data = sheet(rows)
        claimed = extent._ods_claimed(iter([data]), LIMIT)
        if claimed is not None:
            assert_covers(claimed, data, written(tmp_path, data, "n.ods"))
    assert extent._row_repeats(rows_parts(row(VALUE + RUN, repeated=3))) is None
    spaced_end = plain.replace("</table:table-row>", "</table:table-row >", 1)
    assert extent._row_repeats(rows_parts(spaced_end)) is None


def test_a_file_libreoffice_made_of_a_csv_takes_the_claim() -> None:
    """Three pupils converted from CSV by soffice (LibreOffice 7): two equal classes side
    by side and two or three empty columns are written as repeated cells inside rows
    (no trailing runs here). The claim covers calamine's grid without the exact scan."""
    path = Path(__file__).parent / "data" / "libreoffice_inner_repeats.ods"
    with zipfile.ZipFile(path) as archive:
        data = archive.read("content.xml")
        info = archive.getinfo("content.xml")
        claimed = extent._ods_claimed(extent._chunks(archive, info), LIMIT, info.file_size)
    assert b'table:number-columns-repeated="2" office:value-type="string"' in data
    assert b'<table:table-cell table:number-columns-repeated="3"/>' in data
    assert calamine_grid(path) == (4, 8)
    assert_covers(claimed, data, path)
    assert workbook_extent(path, FileKind.ODS, enough=LIMIT) == claimed


class CountingPattern:
    """A compiled pattern that adds up the bytes each of its matches may look at."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern, self.looked_at = pattern, 0

    def fullmatch(self, data: bytes, start: int = 0, end: int | None = None) -> object:
        self.looked_at += (len(data) if end is None else end) - start
        return self.pattern.fullmatch(data, start, len(data) if end is None else end)

    def match(self, data: bytes, start: int = 0) -> object:
        self.looked_at += len(data) - start
        return self.pattern.match(data, start)


@pytest.mark.parametrize("fast", [True, False])
def test_repeated_empty_rows_side_by_side_are_looked_at_once(
    monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    """Thousands of repeated empty rows one after another (of alternating styles, so
    that LibreOffice would not merge them): whether each ends the sheet is found from
    the last one back, each row matched once, not once for every repeated row before
    it (which made a 1 MB chunk of them take minutes)."""
    empty = [row(RUN, repeated=1), row(RUN, repeated=2).replace("ro1", "ro2")]
    data = sheet(row(VALUE + RUN) + "".join(empty * 3000) + row(RUN))
    if not fast:
        monkeypatch.setattr(extent, "_row_repeats", lambda parts: None)
    counted = {
        name: CountingPattern(getattr(extent, name))
        for name in ("_EMPTY_ROW_PART", "_ODS_EMPTY_ROWS_ONLY", "_ODS_SHEET_TAIL")
    }
    for name, pattern in counted.items():
        monkeypatch.setattr(extent, name, pattern)
    claimed = extent._ods_claimed(iter([data]), LIMIT)
    assert claimed is not None and claimed.rows >= 6002
    assert sum(pattern.looked_at for pattern in counted.values()) <= 2 * len(data)
