"""No plain-text password outside the encrypted protocol, and no formula in any file
the program writes (SPEC §5 "Data safety").

A real import with generated passwords runs as a process with its own temporary
folder, log folder and working folder; afterwards every generated password (read
from the decrypted protocol) is searched for in the database and its -wal/-shm
files, the log, the temporary folder and the working folder (where a crash report or
core file would land). Then every CSV and XLSX the program writes is opened and each
cell checked: nothing starts with ``=``, ``+``, ``-``, ``@``, tab or CR unless it is
neutralised with a leading apostrophe, and every workbook cell is a string cell.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import pyzipper

from app.engine.output.exports import write_table
from app.engine.output.safecells import DANGEROUS_PREFIXES
from tests.engine.test_hostile_inputs import REPO, YEAR_ARGS, Db

PASSWORD = "Protokoll-Passwort-2026"
HOSTILE = [
    ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse"],
    ["1", '=HYPERLINK("http://evil.example","x")', "Max", "5a"],
    ["2", "+49 30 1234", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"],
    ["3", "-Minus", "Anna", "-5b"],
    ["4", "\tTab", "Tina", "5a"],  # leading whitespace: stripped by the reader
    ["5", "\rReturn", "Rita", "5a"],
    ["", "Ohne", "Id", "=Fehler"],  # invalid: in the failed-rows files
    ["6", "Normal", "Nora", "@Gruppe"],
]


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    names = ("logs", "tmp", "work", "out")
    made = {name: tmp_path / name for name in names}
    for path in made.values():
        path.mkdir()
    return made


def run_process(db: Db, folders: dict[str, Path], *args: object) -> None:
    env = {
        **os.environ,
        "TMPDIR": str(folders["tmp"]),
        "SCHOOLIMPORT_LOG_DIR": str(folders["logs"]),
        "PROTO_PW": PASSWORD,
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "app.cli", "--db", db.url, *map(str, args)]
    result = subprocess.run(
        command, cwd=folders["work"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def xlsx_rows(source: Path | io.BytesIO) -> list[list[openpyxl.cell.cell.Cell]]:
    workbook = openpyxl.load_workbook(source)
    return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows()]


def decrypt(path: Path) -> io.BytesIO:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    return plain


def zipped_csv(path: Path) -> list[list[str]]:
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(PASSWORD.encode())
        text = archive.read(archive.namelist()[0]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if data.split("\n", 1)[0].count(";") else ","
    return list(csv.reader(io.StringIO(data, newline=""), delimiter=delimiter))


def assert_neutral(cells: list[str], where: str) -> None:
    for cell in cells:
        assert not cell.startswith(DANGEROUS_PREFIXES), (where, cell)


def assert_neutral_workbook(
    rows: list[list[openpyxl.cell.cell.Cell]], where: str, types: str = "s"
) -> list[str]:
    """No formula cell; text a spreadsheet could take for a formula is kept exactly and
    marked as text with the ``quotePrefix`` style — no value gains an apostrophe."""
    values = []
    for row in rows:
        for cell in row:
            if cell.value is None:
                continue
            assert cell.data_type in types, (where, cell.coordinate, cell.value)
            value = str(cell.value)
            if value.startswith(DANGEROUS_PREFIXES):
                assert cell.quotePrefix, (where, cell.coordinate, value)
            assert not (value[:1] == "'" and value[1:2] in "=+-@\t\r"), (where, value)
            values.append(value)
    return values


def test_no_password_outside_the_protocol_and_no_formula_in_any_file(
    tmp_path: Path, folders: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCHOOLIMPORT_LOG_DIR", str(folders["logs"]))
    db = Db(tmp_path / "secrets.db", f"sqlite:///{tmp_path / 'secrets.db'}")
    assert db.run("init")[0] == 0
    assert db.run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
    source = tmp_path / "schueler.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(HOSTILE)
    out = folders["out"]
    base = ["import", source, *YEAR_ARGS, "--create-missing-groups", "class"]
    run_process(db, folders, *base, "--protocol", out / "protokoll.xlsx",
                "--protocol-password-env", "PROTO_PW", "--errors", out / "fehler.xlsx")  # fmt: skip
    more = tmp_path / "neu.csv"
    more.write_text("ID;Nachname;Vorname\r\n7;=Neu;Nils\r\n8;Later;Lea\r\n", encoding="utf-8")
    run_process(db, folders, "import", more, *YEAR_ARGS, "--protocol", out / "protokoll.csv.zip",
                "--protocol-password-env", "PROTO_PW", "--errors", out / "fehler.csv")  # fmt: skip

    # --- the protocols hold the passwords, encrypted -----------------------------
    protocol = [
        [str(c.value or "") for c in row] for row in xlsx_rows(decrypt(out / "protokoll.xlsx"))
    ]
    header = protocol[0]
    secrets = {
        row[header.index(column)]
        for row in protocol[1:]
        for column in ("InitialPassword", "DataSafePassword")
    }
    zipped = zipped_csv(out / "protokoll.csv.zip")
    secrets |= {row[zipped[0].index("InitialPassword")] for row in zipped[1:]}
    secrets |= {row[zipped[0].index("DataSafePassword")] for row in zipped[1:]}
    secrets.discard("")
    assert len(secrets) == 2 * (6 + 2)  # two per new account, six and two in the runs
    needles = [s.encode(codec) for s in secrets for codec in ("utf-8", "utf-16-le")]

    # --- and nothing else does ---------------------------------------------------
    places = [db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm")]
    for folder in (folders["logs"], folders["tmp"], folders["work"]):
        places += [p for p in folder.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".log") for p in places), "the run wrote no log"
    for path in places:
        if path.exists():
            data = path.read_bytes()
            assert not [n for n in needles if n in data], path
    for path in out.iterdir():
        assert not [n for n in needles if n in path.read_bytes()], path  # encrypted

    # --- every file the program writes is neutral ----------------------------------
    assert_neutral_workbook(xlsx_rows(decrypt(out / "protokoll.xlsx")), "protocol.xlsx")
    assert_neutral([c for row in zipped for c in row], "protocol.csv.zip")
    failed = assert_neutral_workbook(xlsx_rows(out / "fehler.xlsx"), "fehler.xlsx")
    assert_neutral([c for row in csv_rows(out / "fehler.csv") for c in row], "fehler.csv")
    exports = [(1, "--failed", "f.xlsx"), (1, "--succeeded", "s.csv"), (1, "--failed", "f.csv")]
    for run_id, flag, name in exports:
        code, _o, err = db.run("history", "export", run_id, flag, out / name)
        assert code == 0, err
        if name.endswith(".xlsx"):
            assert_neutral_workbook(xlsx_rows(out / name), name)
        else:
            assert_neutral([c for row in csv_rows(out / name) for c in row], name)
    assert db.run("groups", "export", out / "gruppen.csv")[0] == 0
    groups = [c for row in csv_rows(out / "gruppen.csv") for c in row]
    assert_neutral(groups, "gruppen.csv")
    assert db.run("template", "--account-type", "student", out / "vorlage.xlsx")[0] == 0
    assert_neutral_workbook(xlsx_rows(out / "vorlage.xlsx"), "vorlage.xlsx", "sn")

    # The hostile values are there, exactly (protected by the style), not dropped.
    cells = {c for row in protocol for c in row}
    assert HOSTILE[1][1] in cells and "+49 30 1234" in cells and "@SUM(A1:A9)" in cells
    assert "-Minus" in cells
    assert "=Fehler" in failed
    # Tab and CR cannot come from an imported cell (the reader strips them); the
    # writer behind the failed-rows and history files neutralises them all the same.
    write_table(out / "tab.xlsx", ["A"], [["\tTab"], ["\rReturn"], ["=1+1"]])
    write_table(out / "tab.csv", ["A"], [["\tTab"], ["\rReturn"], ["=1+1"]])
    written = assert_neutral_workbook(xlsx_rows(out / "tab.xlsx"), "tab.xlsx")[1:]
    assert written == ["\tTab", "\rReturn", "=1+1"]  # exactly (the CR escaped in the XML)
    assert [r[0] for r in csv_rows(out / "tab.csv")[1:]] == ["'\tTab", "'\rReturn", "'=1+1"]
    # "|" separates groups (Chamilo's lists): the DDE payload's formula part is a group.
    assert "'=cmd" in groups and "'@Gruppe" in groups
