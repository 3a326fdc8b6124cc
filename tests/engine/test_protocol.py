"""The encrypted protocol: rows, neutralised cells, XLSX and zip encryption, saving."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import pyzipper
from msoffcrypto.exceptions import InvalidKeyError
from openpyxl.cell.cell import Cell, MergedCell

from app.engine.output import protocol
from app.engine.output.protocol import (
    PROTOCOL_HEADERS,
    password_strength,
    protocol_rows,
    save_protocol,
)
from app.engine.output.safecells import (
    DANGEROUS_PREFIXES,
    neutralize,
    neutralize_row,
    neutralize_texts,
)
from app.engine.planning.results import FieldChange, NewCredentials, RowAction, RowPlan, RowValues
from app.engine.reasons import Message, Reason, Refused

PASSWORD = "Protokoll-Geheim-42"
HOSTILE = ['=HYPERLINK("http://x","y")', "+49 123", "-x", "@SUM(A1)"]


def _values(source_id: str, last: str, first: str, groups: list[str]) -> RowValues:
    return RowValues(source_id=source_id, last_name=last, first_name=first, groups=groups)


def _plan() -> tuple[list[RowPlan], dict[int, NewCredentials], dict[int, str]]:
    rows = [
        RowPlan(0, 2, RowAction.CREATE, _values("S1", "Müller", "Jörg", ["5a", "Chor"])),
        RowPlan(1, 3, RowAction.CREATE, _values("S2", HOSTILE[0], "Ann", ["5a"])),
        RowPlan(
            2,
            4,
            RowAction.UPDATE,
            _values("S3", HOSTILE[1], "Bea", ["6b"]),
            user_id=7,
            login="bea.x",
            changes=[FieldChange("birth_date", date(2010, 1, 2), date(2010, 2, 1))],
            groups_added=["6b"],
            groups_removed=["5b"],
        ),
        RowPlan(
            3,
            5,
            RowAction.INVALID,
            _values("S4", HOSTILE[2], HOSTILE[3], []),
            reasons=[Message(Reason.MISSING_REQUIRED, {"field": "first_name"})],
        ),
        RowPlan(4, 6, RowAction.CREATE, _values("S5", "Ohne", "Haken", []), included=False),
        RowPlan(None, None, RowAction.EXPIRE, _values("S9", "Alt", "Otto", []), login="otto.alt"),
    ]
    credentials = {
        0: NewCredentials("Init-Pass-0aa", "Safe-Pass-0bb"),
        1: NewCredentials("Init-Pass-1cc", None),
    }
    logins = {0: "joerg.mueller", 1: "ann.x", 2: "bea.x"}
    return rows, credentials, logins


def _decrypt_xlsx(path: Path, password: str) -> list[list[Cell | MergedCell]]:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office_file = msoffcrypto.OfficeFile(handle)
        office_file.load_key(password=password)
        office_file.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows()]


def _read_zip(path: Path, password: str) -> tuple[list[str], list[list[str]]]:
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        (name,) = archive.namelist()
        data = archive.read(name)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    return lines[0], lines[1:]


def test_neutralize() -> None:
    for value in [*HOSTILE, "\tx", "\rx"]:
        assert neutralize(value) == "'" + value
    for value in ["Müller", "", "a=b", "'quoted", "12"]:
        assert neutralize(value) == value
    assert neutralize_row(["=1", None, 3]) == ["'=1", "", "3"]
    values = [*HOSTILE, "\tx", "\rx", "Müller", "", "a=b", "'quoted", "12"]
    assert all(len(prefix) == 1 for prefix in DANGEROUS_PREFIXES)
    assert neutralize_texts(values) == [neutralize(v) for v in values]


def test_protocol_rows_content() -> None:
    rows, credentials, logins = _plan()
    table = protocol_rows(rows, credentials, logins)
    assert [r[0] for r in table] == [
        "created",
        "created",
        "updated",
        "invalid",
        "skipped",
        "expired",
    ]
    assert table[0][4] == "5a, Chor"
    assert table[0][5:8] == ["joerg.mueller", "Init-Pass-0aa", "Safe-Pass-0bb"]
    assert table[1][6:8] == ["Init-Pass-1cc", ""]
    assert table[2][8] == (
        "birth date: 2010-01-02 → 2010-02-01; groups added: 6b; groups removed: 5b"
    )
    assert table[3][9] == "first name is missing"
    assert table[4][9] == "left out in the preview"
    assert table[5][5] == "otto.alt"
    assert table[4][5] == table[3][5] == ""  # new rows left out: no login was given out
    for row in table[2:]:
        assert row[6] == row[7] == ""
    assert table[1][2] == HOSTILE[0]  # values as they are: the writers protect them
    for cells in table:  # the program's own texts never look like a formula
        assert not cells[0].startswith(DANGEROUS_PREFIXES)
        assert not cells[8].startswith(DANGEROUS_PREFIXES)
        assert not cells[9].startswith(DANGEROUS_PREFIXES)
    german = protocol_rows(rows, credentials, logins, language="de")
    assert german[5][0] == "zur Löschung vorgemerkt"
    assert german[2][0] == "aktualisiert"
    assert german[2][8] == (
        "Geburtsdatum: 02.01.2010 → 01.02.2010; Gruppen hinzugefügt: 6b; Gruppen entfernt: 5b"
    )
    assert german[3][9] == "Vorname fehlt"
    assert german[4][9] == "in der Vorschau abgewählt"


def test_headers_are_mail_merge_friendly() -> None:
    for headers in PROTOCOL_HEADERS.values():
        assert len(headers) == 10
        assert all(h.isascii() and h.replace("_", "").isalnum() for h in headers)


@pytest.mark.parametrize("language", ["en", "de"])
def test_xlsx_is_encrypted_and_neutralised(tmp_path: Path, language: str) -> None:
    rows, credentials, logins = _plan()
    headers = PROTOCOL_HEADERS[language]
    table = protocol_rows(rows, credentials, logins, language)
    path = save_protocol(tmp_path / "protokoll.xlsx", headers, table, PASSWORD)
    assert path == tmp_path / "protokoll.xlsx"
    raw = path.read_bytes()
    for secret in (PASSWORD, "Init-Pass-0aa", "Müller", "joerg.mueller"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw

    cells = _decrypt_xlsx(path, PASSWORD)
    assert tuple(c.value for c in cells[0]) == headers
    assert cells[0][0].font.bold
    values = [[c.value or "" for c in row] for row in cells[1:]]
    assert [v[6] for v in values] == ["Init-Pass-0aa", "Init-Pass-1cc", "", "", "", ""]
    assert [v[7] for v in values] == ["Safe-Pass-0bb", "", "", "", "", ""]
    hostile_cells = [cells[2][2], cells[3][2], cells[4][2], cells[4][3]]
    for cell, original in zip(hostile_cells, HOSTILE, strict=True):
        assert cell.value == original  # exactly, as text, marked quotePrefix
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert all(c.data_type == "s" for row in cells for c in row if c.value is not None)
    assert not any(str(c.value).startswith("'") for row in cells for c in row if c.value)
    assert not cells[1][2].quotePrefix  # only formula-like text is marked


def test_csv_zip_is_encrypted(tmp_path: Path) -> None:
    rows, credentials, logins = _plan()
    headers = PROTOCOL_HEADERS["de"]
    table = protocol_rows(rows, credentials, logins, "de")
    path = save_protocol(tmp_path / "protokoll.csv.zip", headers, table, PASSWORD)
    raw = path.read_bytes()
    for secret in (PASSWORD, "Init-Pass-0aa", "Müller", "Jörg"):
        assert secret.encode() not in raw
    with pyzipper.AESZipFile(path) as archive:
        assert archive.infolist()[0].flag_bits & 0x1  # encrypted entry
        assert archive.namelist() == ["protokoll.csv"]
    header, body = _read_zip(path, PASSWORD)
    assert tuple(header) == headers
    assert body[0][:4] == ["angelegt", "S1", "Müller", "Jörg"]
    assert [r[6] for r in body] == ["Init-Pass-0aa", "Init-Pass-1cc", "", "", "", ""]
    assert body[1][2] == "'" + HOSTILE[0]
    assert body[3][2:4] == ["'-x", "'@SUM(A1)"]


def test_wrong_password_fails(tmp_path: Path) -> None:
    rows, credentials, logins = _plan()
    table = protocol_rows(rows, credentials, logins)
    xlsx = save_protocol(tmp_path / "p.xlsx", PROTOCOL_HEADERS["en"], table, PASSWORD)
    with pytest.raises(InvalidKeyError):
        _decrypt_xlsx(xlsx, "wrong-password")
    archive = save_protocol(tmp_path / "p.zip", PROTOCOL_HEADERS["en"], table, PASSWORD)
    with pytest.raises(RuntimeError, match="[Bb]ad password"):
        _read_zip(archive, "wrong-password")


def test_format_from_suffix(tmp_path: Path) -> None:
    headers = PROTOCOL_HEADERS["en"]
    assert save_protocol(tmp_path / "a.csv", headers, [], PASSWORD) == tmp_path / "a.csv.zip"
    assert save_protocol(tmp_path / "b", headers, [], PASSWORD, fmt="xlsx") == tmp_path / "b.xlsx"
    with pytest.raises(Refused):
        save_protocol(tmp_path / "c.txt", headers, [], PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv.zip", "b.xlsx"]


def test_short_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused) as error:
        save_protocol(tmp_path / "p.xlsx", PROTOCOL_HEADERS["en"], [], "1234567")
    assert error.value.message.reason is Reason.PASSWORD_TOO_SHORT
    assert "8" in error.value.text()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["p.xlsx", "p.zip"])
def test_failure_while_saving_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(protocol.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_protocol(tmp_path / name, PROTOCOL_HEADERS["en"], [["x"] * 10], PASSWORD)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "p.zip"
    target.write_bytes(b"old")
    save_protocol(target, PROTOCOL_HEADERS["en"], [["x"] * 10], PASSWORD)
    assert target.read_bytes() != b"old"
    assert os.listdir(tmp_path) == ["p.zip"]


def test_control_characters_do_not_break_xlsx(tmp_path: Path) -> None:
    row = ["invalid", "S1", "Bad\x01Name", "", "", "", "", "", "", "#N/A"]
    path = save_protocol(tmp_path / "p.xlsx", PROTOCOL_HEADERS["en"], [row], PASSWORD)
    cells = _decrypt_xlsx(path, PASSWORD)
    assert cells[1][2].value == "Bad\ufffdName"
    assert cells[1][9].value == "#N/A"
    assert cells[1][9].data_type == "s"


def test_password_strength() -> None:
    assert password_strength("short") == 0
    assert password_strength("aaaaaaaaaaaa") == 1
    assert password_strength("abcdefgh") == 1
    assert password_strength("Abcdefgh12") == 2
    assert password_strength("Abcdefgh1234") == 3
    assert password_strength("Abcdefgh1234-xyz!") == 4
