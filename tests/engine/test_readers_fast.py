"""The reader's shortcuts give what the general steps give: Latin-1 text taken as NFC,
Windows-1252 decoded as Latin-1 without C1 bytes, a grid's cells cleaned in one pass,
and a table without empty rows sliced instead of filtered."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.reading import filetypes, grid, sniffing, table
from app.engine.reading.table import FileKind, GridRows, clean_cells
from app.engine.reasons import Reason, Refused

LATIN1 = "".join(map(chr, range(256)))


def test_every_latin1_text_is_in_nfc() -> None:
    """Why clean_cells may skip the NFC check of a Latin-1 text: no character of
    U+0000-U+00FF decomposes, and no two of them compose."""
    assert unicodedata.is_normalized("NFC", LATIN1)
    assert all(unicodedata.is_normalized("NFC", a + b) for a in LATIN1 for b in LATIN1)


# Latin-1 letters and blanks, with a few that leave Latin-1: combining marks, the
# Angstrom sign (NFC: Å), a dotless i, a wide blank.
CELL_TEXT = st.text(st.sampled_from([*"aeAÅüß \t\xa0\xff'=", "\u0301", "\u212b", "ı", "\u3000"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(CELL_TEXT, max_size=8))
def test_cleaning_with_the_latin1_shortcut_is_strip_and_nfc(cells: list[str]) -> None:
    stripped = [cell.strip() for cell in cells]
    unquoted = [
        c[1:].strip() if c[:1] == "'" and c[1:2] in set("=+-@\t\r") else c for c in stripped
    ]
    assert clean_cells(cells) == [unicodedata.normalize("NFC", c) for c in unquoted]


def test_the_latin1_shortcut_answers_only_for_latin1() -> None:
    assert table._latin1("Müller ß\xff") and not table._latin1("Mu\u0301ller")
    assert clean_cells(["\u212b", "Mu\u0308ller"]) == ["Å", "Müller"]


@settings(max_examples=400, deadline=None)
@given(
    st.binary(max_size=40)
    | st.lists(st.sampled_from([b"a", b"\xe4", b"\x80", b"\x81"])).map(b"".join)
)
def test_windows_1252_decodes_as_the_codec_does(data: bytes) -> None:
    assert sniffing._cp1252(data) == sniffing._try_decode(data, "cp1252")


def test_windows_1252_is_latin1_outside_the_c1_bytes() -> None:
    outside = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)
    assert outside.decode("cp1252") == outside.decode("latin-1")
    assert sniffing._cp1252(b"\x80 M\xfcller") == "€ Müller"  # the codec's way


# Pieces of UTF-8 and Shift-JIS text (two-byte letters, cut anywhere by the probe's
# end), and bytes that neither allows.
_ENCODED_PIECES = st.sampled_from(["a", "ä", "ß", "€", "日本", "ｱ", "\n"]).map(
    lambda text: text.encode("utf-8")
) | st.sampled_from(
    [b"\x82\xa0", b"\x93\xfa", b"\xb1", b"\xe4", b"\x80", b"\xff", b"\xc3", b"\xa0"]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_ENCODED_PIECES, max_size=12).map(b"".join),
    st.sampled_from(["utf-8", "shift_jis", "cp932"]),
    st.integers(1, 8),
)
def test_decoding_with_a_probe_first_is_decoding_the_whole(
    data: bytes, encoding: str, probe: int
) -> None:
    """The probe of the first bytes refuses only what the whole decoding refuses,
    wherever its end cuts a letter."""
    try:
        expected: str | None = data.decode(encoding)
    except UnicodeDecodeError:
        expected = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sniffing, "_PROBE_BYTES", probe)
        assert sniffing._try_decode(data, encoding) == expected


def test_the_probe_refuses_an_early_invalid_byte_without_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The property above must cover the probe: an invalid byte among the first ones
    refuses the text before the whole is decoded; a letter cut at its end does not."""
    monkeypatch.setattr(sniffing, "_PROBE_BYTES", 4)
    assert not sniffing._prefix_decodes(b"ab\xe4cdef", "utf-8")
    assert sniffing._prefix_decodes("abcä".encode(), "utf-8")  # ä cut after its lead byte
    assert sniffing._try_decode("abcäx".encode(), "utf-8") == "abcäx"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aäÐÝÞðýþ\n;")), max_size=12), st.integers(1, 8))
def test_turkish_letters_are_looked_for_in_the_sample_as_before(text: str, sample: int) -> None:
    """The letters searched one by one in the sample (a search each) decide as the
    sample's characters tested against the set of them did, inside and past its end."""
    data = text.encode("cp1252")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sniffing, "_ENCODING_SAMPLE_CHARS", sample)
        turkish = not sniffing._TURKISH_IN_CP1252.isdisjoint(text[:sample])
        expected = ("cp1254", data.decode("cp1254")) if turkish else ("cp1252", text)
        assert sniffing._maybe_turkish(data, text) == expected


VALUES = st.one_of(
    CELL_TEXT,
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1)),
    st.dates(),
)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda w: st.lists(st.lists(VALUES, min_size=w, max_size=w))))
def test_a_grid_is_cleaned_as_row_by_row(records: list[list[object]]) -> None:
    """All cells in one pass (tried as text first) give what each row's cells give."""
    expected = [clean_cells(grid._texts(record)) for record in records]
    assert grid.clean_rows(records) == expected


def _reference(rows: list[list[str]], has_header: bool) -> tuple[list[list[str]], list[int]]:
    """Empty rows dropped one by one (numbers from 1), the header's row left out."""
    kept = [(n, row) for n, row in enumerate(rows, 1) if any(row)]
    if has_header:
        kept = kept[1:]
    return [row for _, row in kept], [n for n, _ in kept]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "x", "y"]), min_size=2, max_size=2)), st.booleans())
def test_tables_with_and_without_empty_rows_keep_the_right_rows(
    rows: list[list[str]], has_header: bool
) -> None:
    """The slice (no empty row after the first used one) and the filter agree."""
    rows = [["", ""], ["ID", "Name"], *rows]  # both columns used, a blank row first
    expected_rows, expected_lines = _reference([list(r) for r in rows], has_header)
    built = grid.build_table(Path("t.csv"), range(1, len(rows) + 1), rows, FileKind.CSV, has_header)
    assert built.rows == expected_rows and built.line_numbers == expected_lines


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda w: st.lists(st.lists(VALUES, min_size=w, max_size=w))))
def test_a_grid_of_lists_is_cleaned_as_row_by_row(records: list[list[object]]) -> None:
    """clean_lists keeps the records as the rows when no cell changed: the same rows,
    and the flat cells are still theirs (a column is a slice of them)."""
    expected = [clean_cells(grid._texts(record)) for record in records]
    copies = [list(record) for record in records]
    rows, cells = grid.clean_lists(copies)
    assert rows == expected
    if cells is not None:
        width = len(rows[0])
        assert all(c is rows[i // width][i % width] for i, c in enumerate(cells.cells))


def test_a_grid_without_a_change_keeps_its_lists() -> None:
    records = [["ID", "Name"], ["1", "Müller"]]
    rows, cells = grid.clean_lists(records)
    assert rows is records and cells is not None and cells.cells == ["ID", "Name", "1", "Müller"]
    changed = [["ID", " Name"], ["1", "Müller"]]
    rows, _ = grid.clean_lists(changed)
    assert rows == [["ID", "Name"], ["1", "Müller"]] and rows is not changed


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda w: st.lists(st.lists(st.sampled_from(["", "", "x"]), min_size=w, max_size=w))
    ),
    st.booleans(),
)
def test_a_table_from_one_pass_cells_is_the_table_from_rows(
    records: list[list[str]], has_header: bool
) -> None:
    """build_table given the one-pass cells (which rows are used found per column) makes
    the table that the rows alone make: rows, line numbers, headers, kept cells."""
    records = [["a"] * len(records[0]), *records] if records else [["a"]]
    plain = grid.build_table(
        Path("t.csv"), range(1, len(records) + 1), [list(r) for r in records], FileKind.CSV,
        has_header,
    )  # fmt: skip
    rows, cells = grid.clean_lists([list(r) for r in records])
    fast = grid.build_table(
        Path("t.csv"), range(1, len(rows) + 1), rows, FileKind.CSV, has_header, cells
    )
    assert (fast.rows, fast.line_numbers, fast.headers) == (
        plain.rows,
        plain.line_numbers,
        plain.headers,
    )
    flat = fast.flat_cells()
    if flat is not None:
        assert [flat[i :: len(fast.headers)] for i in range(len(fast.headers))] == [
            [row[i] for row in fast.rows] for i in range(len(fast.headers))
        ]


ANY_CELL = st.one_of(
    VALUES,
    st.floats(),
    st.integers(-(10**6), 10**6).map(float),
    st.integers(),
    st.datetimes(min_value=datetime.datetime(1, 1, 1)),
    st.times(),
    st.timedeltas(),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ANY_CELL, max_size=30))
def test_the_makers_of_common_kinds_give_what_cell_text_gives(values: list[object]) -> None:
    """Numbers and dates made into text by the maker of their type (NaN, infinities,
    whole and fractional numbers, dates and datetimes, and the rest by cell_text)."""
    assert grid._all_texts(values) == [grid.cell_text(value) for value in values]


# Grid cells for the rows kept as cells: empty ones (empty rows and edge columns),
# a byte order mark before the first, blanks around it.
_GRID_CELL = st.sampled_from(["", "", "x", "Müller", "\ufeff", "\ufeff x", " \ufeffy"])


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda w: st.lists(st.lists(_GRID_CELL, min_size=w, max_size=w), max_size=6).map(
            lambda rows: (w, rows)
        )
    ),
    st.booleans(),
)
def test_a_table_of_rows_kept_as_cells_is_the_table_from_rows(
    grid_case: tuple[int, list[list[str]]], has_header: bool
) -> None:
    """build_table of rows that are the reader's cells (a CSV's uniform lines) makes
    the table that the same rows as lists make: rows, line numbers, headers, cells,
    and the same refusal of an empty file."""
    width, records = grid_case
    lists = [list(record) for record in records]
    flat = [cell for record in records for cell in record]
    numbers = range(1, len(records) + 1)

    def built(rows: list[list[str]] | GridRows, cells: grid.Cells | None) -> object:
        try:
            made = grid.build_table(Path("t.csv"), numbers, rows, FileKind.CSV, has_header, cells)
        except Refused as refused:
            return refused.message.reason
        return made.rows, made.line_numbers, made.headers, made.flat_cells()

    listed, cells = grid.clean_lists([list(record) for record in records] or [[]])
    expected = built(listed, cells) if records else built(lists, None)
    assert built(*grid.grid_rows(flat, width)) == expected  # (cleaned as the reader's)


def test_rows_kept_as_cells_take_the_shortcut() -> None:
    """The property above must cover the shortcut: a file without an empty row or
    edge column keeps its rows as the cells; one with an empty row does not."""
    flat = ["\ufeffID", "Name", "1", "Müller", "2", "Weiß"]
    table = grid.build_table(
        Path("t.csv"), range(1, 4), GridRows(flat, 2), FileKind.CSV, True, grid.Cells(flat, True)
    )
    assert isinstance(table.rows, GridRows) and table.headers == ["ID", "Name"]
    assert table.rows == [["1", "Müller"], ["2", "Weiß"]] and table.flat_cells() == flat
    flat = ["ID", "Name", "", "", "2", "Weiß"]
    table = grid.build_table(
        Path("t.csv"), range(1, 4), GridRows(flat, 2), FileKind.CSV, True, grid.Cells(flat, True)
    )
    assert not isinstance(table.rows, GridRows) and table.rows == [["2", "Weiß"]]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda w: st.lists(st.text("ab", max_size=2), max_size=12).map(
            lambda cells: (w, cells[: len(cells) // w * w])
        )
    ),
    st.data(),
)
def test_rows_kept_as_cells_are_the_rows_asked_any_way(
    grid_case: tuple[int, list[str]], data: st.DataObject
) -> None:
    """A row, a slice, a loop, a comparison: the rows of ``width`` cells each, before
    and after they are made; many rows asked one by one make them all."""
    width, flat = grid_case
    expected = [flat[i : i + width] for i in range(0, len(flat), width)]
    rows = GridRows(flat, width)
    count = len(expected)
    for index in data.draw(st.lists(st.integers(-count - 1, count), max_size=6)):
        if -count <= index < count:
            assert rows[index] == expected[index]
        else:
            with pytest.raises(IndexError):
                rows[index]
    cut = slice(
        *data.draw(st.tuples(st.integers(-3, 3) | st.none(), st.integers(-3, 3) | st.none()))
    )
    assert rows[cut] == expected[cut] and len(rows) == count
    assert rows == expected and list(rows) == expected and rows.made() is rows.made()
    assert rows[cut] == expected[cut] and [rows[i] for i in range(count)] == expected


def test_many_rows_asked_one_by_one_make_all() -> None:
    flat = [str(n) for n in range(2 * 5000)]
    rows = GridRows(flat, 2)
    assert rows[3] == ["6", "7"] and rows[1:3] == [["2", "3"], ["4", "5"]]
    assert rows._made is None  # (a row and a short slice: made alone)
    assert [rows[i][0] for i in range(5000)] == flat[::2]
    assert rows._made is not None


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200)
    | st.lists(st.sampled_from([b"a", b"\x01", b"\x1b", b"\t"])).map(b"".join)
)
def test_binary_heads_are_told_by_their_control_bytes_as_counted_one_by_one(head: bytes) -> None:
    """The share of control bytes, counted in C, decides as the count byte by byte."""
    control = set(range(1, 9)) | set(range(14, 27)) | set(range(28, 32))
    binary = bool(head) and sum(byte in control for byte in head) / len(head) > 0.05
    seems = filetypes.seems_to_be(head)
    if seems is None or seems.reason is Reason.KIND_BINARY:
        assert (seems is not None) == binary
