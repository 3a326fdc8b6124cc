"""The CSV reader's quote-free split gives what the csv module gives, line numbers too."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.engine.reading import csvfile
from app.engine.reading import table as table_module
from app.engine.reading.grid import clean_rows
from app.engine.reading.readers import read_table
from app.engine.reading.sniffing import refuse_mixed_utf8
from app.engine.reading.table import ReadOptions, clean_cells_printable
from app.engine.reasons import Reason, Refused

# Delimiters, every line end the csv module knows, blanks, and characters that other
# splitters (str.splitlines) would take for line ends.
_ALPHABET = st.sampled_from(list("ab;,\t |\r\n \u00e4\u00df\u2028\x0b\x1c\x85"))


def _csv_module(text: str, delimiter: str) -> tuple[list[int], list[list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbers, records, start = [], [], 1
    for row in reader:
        numbers.append(start)
        records.append(row)
        start = reader.line_num + 1
    return numbers, records


@given(st.text(_ALPHABET, max_size=60), st.sampled_from([";", ",", "\t", "|"]))
def test_unquoted_split_is_the_csv_modules(text: str, delimiter: str) -> None:
    numbers, records = csvfile._csv_records(Path("t.csv"), text, delimiter)
    expected_numbers, expected = _csv_module(text, delimiter)
    assert numbers == expected_numbers
    assert [r if r != [""] else [] for r in records] == expected  # a blank line: no data


def test_quoted_text_goes_through_the_csv_module() -> None:
    assert csvfile._unquoted_records('a;"b;c"\n', ";") is None
    numbers, records = csvfile._csv_records(Path("t.csv"), 'a;"b\nc"\nd;e\n', ";")
    assert records == [["a", "b\nc"], ["d", "e"]] and numbers == [1, 3]


def test_a_line_over_the_field_limit_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Nachname;Vorname\n" + "x" * (csv.field_size_limit() + 1) + ";y\n")
    assert csvfile._unquoted_records(path.read_text(), ";") is None


def test_a_windows_1252_table_reads_the_same_either_way(tmp_path: Path) -> None:
    rows = [["Nachname", "Vorname", "Klasse"], ["Müller", " Jörg ", "5a"], ["", "", ""]]
    rows += [["Weiß", "Zoë", "6b"]]
    path = tmp_path / "plain.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    quoted = tmp_path / "quoted.csv"
    with quoted.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)
    plain, reference = read_table(path), read_table(quoted)
    assert plain.rows == reference.rows == [["Müller", "Jörg", "5a"], ["Weiß", "Zoë", "6b"]]
    assert plain.line_numbers == reference.line_numbers == [2, 4]
    assert plain.encoding == "cp1252" and plain.delimiter == ";"


def test_mixed_encodings_are_still_found(tmp_path: Path) -> None:
    """The quick look for UTF-8 lead bytes must not hide a UTF-8 line (Ä Å Ã lead)."""
    for name in ("Schäfer", "Åsa", "Ãngela", "Łukasz", "Ōno"):
        data = "Müller;Jörg\n".encode("cp1252") + f"{name};Björn\n".encode()
        with pytest.raises(Refused) as caught:
            refuse_mixed_utf8(tmp_path / "mixed.csv", data)
        assert caught.value.message.params["detail"].reason is Reason.MIXED_ENCODINGS
    refuse_mixed_utf8(tmp_path / "plain.csv", "Müller;Jörg\nÄrzte;Ödön\n".encode("cp1252"))


# Cells of programs' exports, with what cleaning changes: blanks at either end (also
# Unicode ones), decomposed letters, our formula apostrophe, and line ends the csv
# module does not know.
_CELL = st.text(
    st.sampled_from(list("ab \t\u00e4e\u0301\u00a0\u3000'=\u2028\x0b\x85;,")), max_size=5
)


@st.composite
def _exports(draw: st.DrawFn) -> tuple[str, str]:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=1, max_size=8))
    ends = st.sampled_from(["\n", "\r\n", "\r"])
    text = "".join(delimiter.join(row) + draw(ends) for row in rows)
    return (text if draw(st.booleans()) else text.rstrip("\r\n")), delimiter


@settings(max_examples=500, deadline=None)
@given(_exports())
def test_uniform_rows_are_the_csv_modules_cleaned(case: tuple[str, str]) -> None:
    """The one-pass split and cleaning of equally wide lines gives what the csv module's
    records give through the general cleaning, line numbers too."""
    text, delimiter = case
    expected_numbers, records = _csv_module(text, delimiter)
    expected = [row or [""] for row in clean_rows(records)]  # a blank line: no data
    numbers, rows, cells = csvfile._csv_rows(Path("t.csv"), text, delimiter)
    assert list(numbers) == expected_numbers
    assert rows == expected
    if cells is not None:  # the same cells, one row after another
        assert cells.cells == [cell for row in rows for cell in row]
        printable = all(cell.isprintable() for cell in cells.cells)
        assert cells.printable <= printable  # never claimed wrongly (NFC: not claimed)


def test_uniform_exports_take_the_one_pass_split() -> None:
    """The property above must cover the fast path: an export's lines take it, a ragged
    text, quotes and line ends the csv module does not know do not."""
    text = "ID;Name \r\n1; Müller\r\n2;Jo\u0308rg\r\n"
    rows, cells = csvfile._uniform_rows(text, ";") or ([], None)
    assert rows == [["ID", "Name"], ["1", "Müller"], ["2", "Jörg"]]
    # (printable, but not claimed: NFC composed "Jörg", and is not scanned again)
    assert cells == (["ID", "Name", "1", "Müller", "2", "Jörg"], False)
    assert csvfile._uniform_rows("ID;Name\n1;Jörg\n", ";") == (
        [["ID", "Name"], ["1", "Jörg"]],
        (["ID", "Name", "1", "Jörg"], True),
    )
    assert csvfile._uniform_rows("a;b\nc\n", ";") is None
    assert csvfile._uniform_rows('a;"b"\n', ";") is None
    assert csvfile._uniform_rows("a;b\u2028c;d\n", ";") is None


# Cells for the cleaning's look at the whole text: Latin-1 letters and blanks, the
# formula apostrophe, control characters, NBSP and the soft hyphen (unprintable
# Latin-1), a decomposed letter and characters beyond Latin-1 (printable or not).
_WHOLE_CELL = st.one_of(
    st.text(
        st.sampled_from(list("aä ß'=\t\x07\x85\u00a0\u00ad\u0301\u20ac\u200b\u3000")),
        max_size=4,
    ),
    st.sampled_from(["'=1", " '-x", "'@ä ", "'Anna", "'"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WHOLE_CELL, max_size=12), st.sampled_from([";", ",", "\t", "|"]))
def test_cleaning_with_the_whole_text_equals_cleaning_the_cells(
    cells: list[str], delimiter: str
) -> None:
    """The cells cleaned with a text that holds them all (the CSV's joined lines) are
    what the cells cleaned on their own are, and so is whether all are printable."""
    whole = delimiter.join(cells)
    assert clean_cells_printable(cells, whole) == clean_cells_printable(cells)


def test_a_latin1_printable_text_takes_the_whole_texts_look(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The property above must cover the fast path: a Windows-1252 export's text takes
    it (no join of the cleaned cells), a text with a control character does not."""
    joins: list[str] = []

    def clean(cells: list[str], scan: bool) -> tuple[list[str], bool]:
        joins.append("joined")
        return original(cells, scan)

    original = table_module._clean
    monkeypatch.setattr(table_module, "_clean", clean)
    cells = ["1", " Müller ", "'=Weiß", "Zoë"]
    assert clean_cells_printable(cells, ";".join(cells)) == (["1", "Müller", "=Weiß", "Zoë"], True)
    assert not joins
    cells = ["1", "Mül\x07ler"]
    assert clean_cells_printable(cells, ";".join(cells)) == (["1", "Mül\x07ler"], False)
    assert joins


def _read_outcome(path: Path, delimiter: str, counted_always: bool) -> object:
    """The rows read, or the refusal's reason and detail; with ``counted_always``
    the text claims to be long (the general way: its cells counted before reading)."""

    class Long(str):
        def __len__(self) -> int:
            return 1 << 40

    with pytest.MonkeyPatch.context() as patch:
        if counted_always:
            decode = csvfile._decode
            patch.setattr(csvfile, "_decode", lambda p, d, e: Long(decode(p, d, e)))
        try:
            return csvfile.read_csv(path, ReadOptions(encoding="utf-8", delimiter=delimiter)).rows
        except Refused as refused:
            return refused.message.reason, refused.message.params.get("detail")


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(list('ab;\n\r\t"')), min_size=1, max_size=30),
    st.sampled_from([";", "\t", "\n"]),
    st.integers(1, 32),
)
@example("a\n\n", "\n", 4)  # a line end as the delimiter: counted twice
def test_a_csv_is_refused_for_its_cells_as_counted(text: str, delimiter: str, limit: int) -> None:
    """Texts shorter than the limit are not counted: whether a text is refused, and the
    count the refusal names, are those of the count of delimiters and lines."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvfile, "MAX_CELLS", limit)
        path = Path(folder) / "t.csv"
        path.write_text(text, encoding="utf-8", newline="")
        expected = _read_outcome(path, delimiter, counted_always=True)
        assert _read_outcome(path, delimiter, counted_always=False) == expected


def test_a_text_shorter_than_the_cell_limit_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The property above must cover the shortcut: a short text is read uncounted."""
    path = tmp_path / "t.csv"
    path.write_text("ID;Name\n1;Anna\n", encoding="utf-8")
    monkeypatch.setattr(csvfile, "MAX_CELLS", 17)  # 16 characters: never 17 cells

    class Uncountable(str):
        def count(self, *args: object) -> int:
            raise AssertionError("counted")

    decode = csvfile._auto_decode
    monkeypatch.setattr(
        csvfile, "_auto_decode", lambda p, d: (decode(p, d)[0], Uncountable(decode(p, d)[1]))
    )
    assert csvfile.read_csv(path, ReadOptions()).rows == [["1", "Anna"]]


@settings(max_examples=400, deadline=None)
@given(
    st.text(st.sampled_from(list("ab;\r\n äß€\x07\x85\u00a0\u00ad\u0152\u3000\t")), max_size=30),
    st.sampled_from(["cp1252", "utf-8", "latin-1", "cp1254", "iso-8859-15"]),
)
def test_a_plain_files_bytes_tell_what_its_text_would(text: str, encoding: str) -> None:
    """A file whose bytes say its text is plain (Latin-1, printable but for line ends)
    has such a text, and its rows and cells are read as its text alone reads them."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    decoded = data.decode(encoding)
    plain = csvfile._plain(data, encoding, decoded)
    if plain:
        assert all(ch.isprintable() or ch in "\r\n" for ch in decoded)
        assert max(decoded, default="a") <= "\xff"
    path = Path("t.csv")
    assert csvfile._csv_rows(path, decoded, ";", plain) == csvfile._csv_rows(path, decoded, ";")


def test_a_windows_1252_export_is_plain_by_its_bytes() -> None:
    """The property above must cover the shortcut: an export's bytes tell it."""
    text = "ID;Name\r\n1;Müller\r\n"
    assert csvfile._plain(text.encode("cp1252"), "cp1252", text)
    assert not csvfile._plain("ID;€\r\n".encode("cp1252"), "cp1252", "ID;€\r\n")
    assert not csvfile._plain(b"ID;M\xfc\r\n", "cp1254", "ID;M\xfc\r\n")
