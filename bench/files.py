"""The school exports the benchmarks import: realistic students (2–4 groups each), their
update (10 % changed, 5 % gone, 5 % new), written as CSV (Windows-1252, ``;``), XLSX or
ODS."""

from __future__ import annotations

import csv
import random
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Özdemir",
    "Yılmaz",
    "Kowalski",
    "Lefèvre",
    "Nguyen",
    "Weiß",
]
FIRST = [
    "Anna",
    "Jürgen",
    "Lea",
    "Ömer",
    "Hélène",
    "Max",
    "Sophie",
    "Ben",
    "Elif",
    "Noah",
    "Mia",
    "Paul",
    "Zoë",
    "Luca",
    "Emma",
    "Finn",
]
HEADER = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse", "Geburtsdatum"]
YEAR = "2026/27"


def student(i: int, rnd: random.Random) -> list[str]:
    grade = 5 + i % 8
    courses = rnd.sample(
        ["Chor", "Theater", "Informatik", "Robotik", "Schach", "Sport"], rnd.randint(1, 3)
    )
    born = date(2026 - grade - 6, 1 + i % 12, 1 + i % 28)
    return [
        str(100000 + i),
        rnd.choice(LAST),
        f"{rnd.choice(FIRST)} {i}",
        f"{grade}{'abcd'[i % 4]}",
        ", ".join(courses),
        born.strftime("%d.%m.%Y"),
    ]


def make_rows(n: int, seed: int = 1) -> list[list[str]]:
    rnd = random.Random(seed)
    return [student(i, rnd) for i in range(n)]


def update_rows(rows: list[list[str]], seed: int = 2) -> list[list[str]]:
    """10 % changed, 5 % gone, 5 % new."""
    rnd = random.Random(seed)
    n = len(rows)
    out = [list(r) for r in rows[: n - n // 20]]
    for r in rnd.sample(out, n // 10):
        r[1] = r[1] + "-Neu"
    out += make_rows(n // 20, seed=3)
    for k, r in enumerate(out[-(n // 20) :]):
        r[0] = str(900000 + k)
    return out


def write_file(rows: list[list[str]], fmt: str, folder: Path, name: str) -> Path:
    path = folder / f"{name}.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows([HEADER, *rows])
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        sheet = wb.create_sheet("Schüler")
        sheet.append(HEADER)
        for r in rows:
            sheet.append(r)
        wb.save(path)
    else:
        write_ods(path, [HEADER, *rows])
    return path


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


CELL_START = '<table:table-cell office:value-type="string"><text:p>'


ODS_COLUMNS, ODS_ROWS = 16384, 1048576  # LibreOffice's sheet


def write_ods(path: Path, rows: list[list[str]]) -> None:
    """An OpenDocument spreadsheet of text cells, written as LibreOffice lays one out
    (the mimetype stored first, a manifest, one table in content.xml). Like LibreOffice
    (7.x), it fills the sheet: every row ends with an empty run to the last column, and
    a repeated empty row runs to the last row. pandas' odf writer took minutes for
    50,000 rows; what calamine reads is the same."""

    def cell(text: str) -> str:
        return f"{CELL_START}{escape(text)}</text:p></table:table-cell>"

    def run(columns: int) -> str:
        return f'<table:table-cell table:number-columns-repeated="{columns}"/>'

    body = "".join(
        f"<table:table-row>{''.join(map(cell, row))}{run(ODS_COLUMNS - len(row))}</table:table-row>"
        for row in rows
    )
    empty = run(ODS_COLUMNS) + "</table:table-row>"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Schüler">'
        f'<table:table-column table:number-columns-repeated="{ODS_COLUMNS}"/>{body}'
        f'<table:table-row table:number-rows-repeated="{ODS_ROWS - len(rows) - 1}">{empty}'
        f"<table:table-row>{empty}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
