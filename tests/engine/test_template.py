"""The import template: recognised headers, validations, instructions, version mark,
the outdated-template warning, ODS, and a filled-in template imported end to end."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine

from app.cli import main
from app.engine.admin.template import (
    INSTRUCTIONS_SHEET,
    TEMPLATE_VERSION,
    check_template,
    template_version,
    write_template,
)
from app.engine.planning.mapping import Field, auto_map
from app.engine.reasons import Refused


@pytest.mark.parametrize("account_type", ["student", "teacher", "staff"])
def test_headers_are_recognised_by_the_mapper(tmp_path: Path, account_type: str) -> None:
    path = write_template(tmp_path / f"{account_type}.xlsx", account_type)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[1] == INSTRUCTIONS_SHEET
    headers = [str(c.value) for c in workbook.worksheets[0][1]]
    mapping = auto_map(headers)
    assert mapping.is_complete()
    assert None not in mapping.fields
    expected = {Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME, Field.GROUPS}
    expected |= {Field.BIRTH_DATE, Field.EMAIL}
    if account_type != "student":
        expected.add(Field.LOGIN)
        assert "Gruppen" in headers
    else:
        assert "Klasse" in headers
    assert set(mapping.fields) == expected


def test_validations_formats_and_instructions(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", "teacher")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    birth = "ABCDEFG"[headers.index("Geburtsdatum")]
    email = "ABCDEFG"[headers.index("E-Mail")]
    by_type = {v.type: v for v in sheet.data_validations.dataValidation}
    assert by_type["date"].operator == "between"
    assert by_type["date"].formula1 == "DATE(1900,1,1)"
    assert by_type["date"].formula2 == "TODAY()"
    assert str(by_type["date"].sqref).startswith(f"{birth}2:")
    assert "@" in (by_type["custom"].formula1 or "")
    assert str(by_type["custom"].sqref).startswith(f"{email}2:")
    assert by_type["textLength"].formula1 == "64"
    assert sheet.column_dimensions[birth].number_format == "DD.MM.YYYY"
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet.max_row == 1  # no example rows that would be imported
    text = " ".join(
        str(v) for row in workbook[INSTRUCTIONS_SHEET].iter_rows(values_only=True) for v in row if v
    )
    for header in headers:
        assert str(header) in text
    assert "Pflicht" in text and "Benutzername" in text


def test_version_mark_and_outdated_warning(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", "student")
    assert TEMPLATE_VERSION == 1
    assert template_version(path) == TEMPLATE_VERSION
    assert check_template(path) is None
    workbook = openpyxl.load_workbook(path)
    assert workbook.properties.keywords == "schoolimport-template v1"
    assert workbook[INSTRUCTIONS_SHEET]["B2"].value == TEMPLATE_VERSION

    workbook.properties.keywords = "schoolimport-template v0"
    workbook.save(path)
    assert template_version(path) == 0
    warning = check_template(path)
    assert warning is not None and "version 0" in warning and "version 1" in warning

    # without the keyword, the instructions cell still tells the version
    workbook.properties.keywords = None
    workbook[INSTRUCTIONS_SHEET]["B2"] = 0
    workbook.save(path)
    assert template_version(path) == 0
    assert check_template(path) is not None


def test_other_files_are_no_templates(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.save(plain)
    text = tmp_path / "list.csv"
    text.write_text("Nachname;Vorname\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    for path in (plain, text, broken, tmp_path / "missing.xlsx"):
        assert template_version(path) is None
        assert check_template(path) is None


def test_ods_template_has_headers_instructions_and_mark(tmp_path: Path) -> None:
    path = write_template(tmp_path / "vorlage.ods", "staff")
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == ["Personal", INSTRUCTIONS_SHEET]
    headers = [str(v) for v in workbook.get_sheet_by_index(0).to_python()[0]]
    assert auto_map(headers).is_complete()
    assert template_version(path) == TEMPLATE_VERSION
    assert check_template(path) is None


def test_unknown_account_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="not an account type"):
        write_template(tmp_path / "t.xlsx", "parent")


def test_filled_in_template_imports(
    engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_template(tmp_path / "schueler.xlsx", "student")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.append(["00123", "Müller", "Jörg", "5a", date(2014, 3, 2), "joerg@example.org"])
    sheet.append(["00124", "Kaya", "Cem", "5a", None, None])
    workbook.save(path)
    capsys.readouterr()
    args = ["--db", db_url, "import", str(path), "--year", "2026/27", "--account-type"]
    args += ["student", "--create-missing-groups", "class", "--no-passwords", "--json"]
    assert main(args) == 0
    counts = json.loads(capsys.readouterr().out)
    assert (counts["created"], counts["invalid"], counts["groups_created"]) == (2, 0, 1)
    capsys.readouterr()
    assert main(["--db", db_url, "users", "list", "--json"]) == 0
    users = {u["source_id"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["00123"]["birth_date"] == "2014-03-02"
    assert users["00123"]["groups"] == ["5a"]


def test_the_version_is_read_from_the_keywords_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template filled with 50,000 rows is still a template: its version comes from
    the document's keywords (ODS meta.xml, XLSX core properties), and neither odfpy nor
    openpyxl loads the workbook (odfpy took 18 s and 1 GB for a 50,000-row ODS, on the
    wizard's interface thread)."""
    xlsx = write_template(tmp_path / "t.xlsx", "student")
    ods = write_template(tmp_path / "t.ods", "student")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was loaded")

    monkeypatch.setattr("odf.opendocument.load", refuse)
    monkeypatch.setattr("openpyxl.load_workbook", refuse)
    assert template_version(xlsx) == TEMPLATE_VERSION
    assert template_version(ods) == TEMPLATE_VERSION


def test_metadata_too_large_for_a_template_is_no_template(tmp_path: Path) -> None:
    path = tmp_path / "big-meta.ods"
    keyword = "<meta:keyword>schoolimport-template v0</meta:keyword>"
    meta = (
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
        f"{keyword}{' ' * (2 << 20)}</office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
        archive.writestr("meta.xml", meta)
    assert template_version(path) is None
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", "<x/>")
        archive.writestr("meta.xml", meta.replace(" " * (2 << 20), ""))
    assert template_version(path) == 0
