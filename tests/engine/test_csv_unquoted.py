"""The CSV reader's quote-free split gives what the csv module gives, line numbers too."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine.reading import readers
from app.engine.reading.readers import read_table
from app.engine.reading.sniffing import refuse_mixed_utf8
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
    numbers, records = readers._csv_records(Path("t.csv"), text, delimiter)
    expected_numbers, expected = _csv_module(text, delimiter)
    assert numbers == expected_numbers
    assert [r if r != [""] else [] for r in records] == expected  # a blank line: no data


def test_quoted_text_goes_through_the_csv_module() -> None:
    assert readers._unquoted_records('a;"b;c"\n', ";") is None
    numbers, records = readers._csv_records(Path("t.csv"), 'a;"b\nc"\nd;e\n', ";")
    assert records == [["a", "b\nc"], ["d", "e"]] and numbers == [1, 3]


def test_a_line_over_the_field_limit_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Nachname;Vorname\n" + "x" * (csv.field_size_limit() + 1) + ";y\n")
    assert readers._unquoted_records(path.read_text(), ";") is None


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
