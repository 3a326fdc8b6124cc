"""The extent of an XLS workbook (app.engine.reading.extent._xls_extent): what calamine
allocates when it opens one, bounded from the records — every sheet's cells (calamine
reads all sheets at once) and the room each sheet's DIMENSIONS record reserves."""

from __future__ import annotations

import struct
from pathlib import Path

import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.engine.reading import extent
from app.engine.reading.extent import Extent
from app.engine.reading.table import FileKind

BOF, LABELSST, NUMBER, MULRK, DIMENSIONS, OTHER = 0x0809, 0x00FD, 0x0203, 0x00BD, 0x0200, 0x0088


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def cell(kind: int, row: int, column: int) -> bytes:
    return record(kind, struct.pack("<HHH", row, column, 0) + bytes(8 if kind == NUMBER else 4))


def mulrk(row: int, first: int, last: int) -> bytes:
    return record(
        MULRK,
        struct.pack("<HH", row, first) + bytes(6 * (last - first + 1)) + struct.pack("<H", last),
    )


def dimensions(first_row: int, row_end: int, first_column: int, column_end: int) -> bytes:
    return record(
        DIMENSIONS, struct.pack("<2L2HH", first_row, row_end, first_column, column_end, 0)
    )


def reference(data: bytes) -> Extent:
    """The extent as the records say it, walked plainly: per sheet the cells' rows and
    columns; the sum of the sheets' rows and the widest; a stated room past a whole
    sheet instead."""
    sheets, stated, rows, columns, position = [], 0, 0, 0, 0
    stated_extent = Extent(0, 0)
    while position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        body = data[position + 4 : position + 4 + length]
        if kind in (LABELSST, NUMBER) and length >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind == MULRK and length >= 6:
            row, last = (
                struct.unpack_from("<H", body)[0],
                struct.unpack_from("<H", body, length - 2)[0],
            )
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == DIMENSIONS and length == 14:
            first_row, row_end, first_column, column_end = struct.unpack_from("<2L2H", body)
            room = Extent(1, 1)
            if row_end >= 1 and column_end >= 1:
                room = Extent((row_end - first_row) % 2**32, (column_end - first_column) % 2**32)
            if room.cells > stated:
                stated, stated_extent = room.cells, room
        elif kind == BOF:
            sheets.append((rows, columns))
            rows = columns = 0
        position += 4 + length
    sheets.append((rows, columns))
    if stated > 65536 * 256:
        return stated_extent
    return Extent(sum(r for r, _ in sheets), max(c for _, c in sheets))


RECORDS = st.one_of(
    st.builds(
        cell, st.sampled_from([LABELSST, NUMBER]), st.integers(0, 65535), st.integers(0, 255)
    ),
    st.builds(
        lambda row, first, more: mulrk(row, first, first + more),
        st.integers(0, 65535),
        st.integers(0, 200),
        st.integers(0, 5),
    ),
    st.builds(
        dimensions,
        st.integers(0, 2**32 - 1),
        st.integers(0, 2**32 - 1),
        st.integers(0, 65535),
        st.integers(0, 65535),
    ),
    st.builds(lambda: record(BOF, bytes(16))),
    st.builds(record, st.sampled_from([LABELSST, NUMBER, MULRK]), st.binary(max_size=5)),
    st.builds(lambda body: record(OTHER, body), st.binary(max_size=12)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(RECORDS, max_size=30), st.binary(max_size=3))
def test_the_walk_gives_what_the_records_say(records: list[bytes], tail: bytes) -> None:
    """Whatever the records (a short record's fields are read with its header, and the
    stream may end inside a header), the walk gives the plain walk's extent."""
    data = b"".join(records) + tail
    assert extent._xls_stream_extent(data) == reference(data)


def written(tmp_path: Path, sheets: list[list[tuple[int, int]]], name: str = "w.xls") -> Path:
    workbook = xlwt.Workbook()
    for number, cells in enumerate(sheets):
        sheet = workbook.add_sheet(f"S{number}")
        for row, column in cells:
            sheet.write(row, column, "x")
    path = tmp_path / name
    workbook.save(str(path))
    return path


def test_an_ordinary_workbook_is_as_wide_and_long_as_its_cells(tmp_path: Path) -> None:
    path = written(tmp_path, [[(0, 0), (2, 5), (40, 1)]])
    assert extent.workbook_extent(path, FileKind.XLS) == Extent(41, 6)
    cells = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert (len(cells), max(map(len, cells))) == (41, 6)


def test_every_sheet_counts_for_calamine_reads_them_all(tmp_path: Path) -> None:
    path = written(tmp_path, [[(0, 0), (99, 3)], [(0, 0), (9, 7)], [(4, 2)]])
    assert extent.workbook_extent(path, FileKind.XLS) == Extent(100 + 10 + 5, 8)


def test_a_stated_room_past_a_whole_sheet_is_the_extent(tmp_path: Path) -> None:
    path = written(tmp_path, [[(0, 0), (1, 2)]])
    data = path.read_bytes()
    stated = struct.pack("<HH2L2HH", DIMENSIONS, 14, 0, 2, 0, 3, 0)
    assert data.count(stated) == 1
    for rows, columns, expected in [
        (65536, 256, Extent(2, 3)),  # a whole sheet: room reserved, never filled
        (2_000_000, 16384, Extent(2_000_000, 16384)),
    ]:
        changed = struct.pack("<HH2L2HH", DIMENSIONS, 14, 0, rows, 0, columns, 0)
        path.write_bytes(data.replace(stated, changed))
        assert extent.workbook_extent(path, FileKind.XLS) == expected
    # A first row past the last: calamine's 32-bit subtraction wraps round.
    wrapped = struct.pack("<HH2L2HH", DIMENSIONS, 14, 5, 2, 0, 3, 0)
    path.write_bytes(data.replace(stated, wrapped))
    assert extent.workbook_extent(path, FileKind.XLS).rows == 2**32 - 3
