"""The guard's own unzipping gives what zipfile gives (the bytes, and the refusal of a
wrong checksum), whatever the directory claims; its windows cover the bytes and end
after a '>'; and the XLSX claim over windows is the claim over the same chunks."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine.reading import extent, unzip
from app.engine.reading.table import FileKind

CONTENT = st.binary(max_size=3000) | st.lists(
    st.sampled_from([b"<c r='A1'>", b"x" * 700, b">", b"\x00\xff", b'<c r="B22">']), max_size=400
).map(b"".join)
# What a crafted directory may claim instead of the truth.
LIES: dict[str, Callable[[zipfile.ZipInfo, int], None]] = {
    "none": lambda info, n: None,
    "shorter": lambda info, n: setattr(info, "file_size", n % (info.file_size + 1)),
    "longer": lambda info, n: setattr(info, "file_size", info.file_size + n),
    "checksum": lambda info, n: setattr(info, "CRC", info.CRC ^ (n | 1)),
    "packed shorter": lambda info, n: setattr(info, "compress_size", n % (info.compress_size + 1)),
}


def _outcome(read: Callable[[], bytes]) -> bytes | str:
    try:
        return read()
    except (zipfile.BadZipFile, EOFError) as exc:
        return type(exc).__name__


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    CONTENT,
    st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]),
    st.integers(0, 9),
    st.sampled_from(sorted(LIES)),
    st.integers(0, 5000),
    st.sampled_from([7, 100, unzip.PIECE]),
)
def test_pieces_are_what_zipfile_reads(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    method: int,
    level: int,
    lie: str,
    number: int,
    piece: int,
) -> None:
    monkeypatch.setattr(unzip, "PIECE", piece)
    monkeypatch.setattr(unzip, "_INPUT", max(piece // 3, 5))
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", method, compresslevel=level) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", content)
        archive.writestr("other.xml", b"<x/>")
    with zipfile.ZipFile(path) as archive:
        info = archive.infolist()[0]
        LIES[lie](info, number)
        expected = _outcome(lambda: archive.open(info).read())
        got = _outcome(lambda: b"".join(unzip.pieces(archive, info)))
    assert got == expected
    if lie == "none":
        assert got == content


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=50) | st.sampled_from([b">", b"a>b", b"<c>"]), max_size=30))
def test_windows_cover_the_bytes_and_end_after_a_tag(parts: list[bytes]) -> None:
    found = list(unzip.windows(parts))
    assert b"".join(data[start:end] for data, start, end in found) == b"".join(parts)
    for data, start, end in found[:-1]:
        assert data[start:end].endswith(b">")


def _rows(count: int, width: str) -> bytes:
    def row(number: int) -> str:
        cells = (f'<c r="{c}{number}" t="inlineStr"><is><t>x</t></is></c>' for c in width)
        return f'<row r="{number}">{"".join(cells)}</row>'

    body = "".join(map(row, range(1, count + 1)))
    return f"<worksheet><sheetData>{body}</sheetData></worksheet>".encode()


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 300),
    st.sampled_from(["ABC", "ABCDEF", "AB"]),
    st.lists(st.integers(0, 40_000), max_size=6),
    st.booleans(),
    st.binary(max_size=20),
)
def test_the_claim_over_windows_is_the_claim_over_their_chunks(
    count: int, width: str, cuts: list[int], far: bool, junk: bytes
) -> None:
    """Each chunk scanned in place inside other bytes (its window) gives the claim that
    the chunk alone gives, a cell far outside included."""
    data = _rows(count, width)
    if far:
        middle = data.index(b"</row>") + 6
        data = data[:middle] + b'<row r="9"><c r="XFD1048576"><v>1</v></c></row>' + data[middle:]
    ends = sorted(cuts)
    parts = [data[a:b] for a, b in zip([0, *ends], [*ends, len(data)], strict=True)]
    found = list(unzip.windows(parts))
    plain = [data[start:end] for data, start, end in found]
    # each window inside other bytes, with references out of the claim on both sides
    before, after = junk + b'<c r="ZZZ9">', b'<c r="A9999999"' + junk
    framed = [(before + chunk + after, len(before), len(before) + len(chunk)) for chunk in plain]
    assert extent._xlsx_claimed_in(framed, 5_000_000) == extent._xlsx_claimed(plain, 5_000_000)
    if far:
        assert extent._xlsx_claimed(plain, 5_000_000) is None


def test_every_entry_of_a_name_is_measured(tmp_path: Path) -> None:
    """zipfile opens the last entry of a name (so does calamine 0.9); a reader that
    took the first would read another: the guard measures both."""
    far = _rows(2, "AB").replace(
        b"</sheetData>", b'<row r="9"><c r="XFD1048576"/></row></sheetData>'
    )
    path = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", far)
        with pytest.warns(UserWarning, match="Duplicate"):
            archive.writestr("xl/worksheets/sheet1.xml", _rows(2, "AB"))
    measured = extent.workbook_extent(path, FileKind.XLSX, enough=5_000_000)
    assert measured == extent.Extent(1048576, 16384)
