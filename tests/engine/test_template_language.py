"""The import template in the language asked for: the German one unchanged, the
English one with English sheets, headers, instructions and validation messages, its
headers recognised by the column mapper, and its version read back (XLSX and ODS)."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.engine.admin.template import (
    TEMPLATE_VERSION,
    check_template,
    template_version,
    write_template,
)
from app.engine.planning.mapping import Field, auto_map
from app.engine.planning.results import RowAction
from app.engine.reading.readers import read_table
from tests.conftest import Importer
from tests.engine.templates import ods_content, xlsx_content

ACCOUNT_TYPES = ["student", "teacher", "staff"]
# What main wrote before the template had a language (48141b3): the German template
# must stay exactly that.
GERMAN_SNAPSHOT = Path(__file__).parent / "data" / "template_de.json"
ENGLISH_TITLES = {"student": "Students", "teacher": "Teachers", "staff": "Staff"}
STUDENT_HEADERS = ["Source ID", "Last name", "First name", "Class", "Birth date", "E-mail"]
OTHER_HEADERS = ["Source ID", "Last name", "First name", "Groups", "Birth date", "E-mail", "Login"]
FIELDS = [Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME, Field.GROUPS, Field.BIRTH_DATE]
FIELDS.append(Field.EMAIL)


def english_headers(account_type: str) -> list[str]:
    return STUDENT_HEADERS if account_type == "student" else OTHER_HEADERS


@pytest.mark.parametrize("account_type", ACCOUNT_TYPES)
def test_the_german_template_is_unchanged(tmp_path: Path, account_type: str) -> None:
    snapshot = json.loads(GERMAN_SNAPSHOT.read_text(encoding="utf-8"))
    default = write_template(tmp_path / "default.xlsx", account_type)
    german = write_template(tmp_path / "german.xlsx", account_type, "de")
    assert xlsx_content(default) == xlsx_content(german) == snapshot[f"{account_type}.xlsx"]
    ods = write_template(tmp_path / "german.ods", account_type, "de")
    assert ods_content(ods) == snapshot[f"{account_type}.ods"]


@pytest.mark.parametrize("account_type", ACCOUNT_TYPES)
def test_english_xlsx_template(tmp_path: Path, account_type: str) -> None:
    path = write_template(tmp_path / "template.xlsx", account_type, "en")
    workbook = openpyxl.load_workbook(path)
    title = ENGLISH_TITLES[account_type]
    assert workbook.sheetnames == [title, "Instructions"]
    headers = [str(c.value) for c in workbook.worksheets[0][1]]
    assert headers == english_headers(account_type)
    mapping = auto_map(headers)
    assert mapping.is_complete()
    expected = FIELDS + ([Field.LOGIN] if account_type != "student" else [])
    assert mapping.fields == expected

    guide = workbook["Instructions"]
    assert guide["A1"].value == f"Import template: {title}"
    assert (guide["A2"].value, guide["B2"].value) == ("Template version", TEMPLATE_VERSION)
    assert f"sheet “{title}”" in str(guide["A4"].value)
    assert [c.value for c in guide[6]] == ["Column", "Required", "Description", "Example"]
    rows = [list(row) for row in guide.iter_rows(min_row=7, values_only=True)]
    assert [row[0] for row in rows] == headers
    assert [row[1] for row in rows[:4]] == ["yes", "yes", "yes", "no"]

    errors = {
        v.type: (v.errorTitle, v.error)
        for v in workbook.worksheets[0].data_validations.dataValidation
    }
    assert errors["date"] == (
        "Invalid date",
        "Please enter a date between 01.01.1900 and today (DD.MM.YYYY).",
    )
    assert errors["custom"][0] == "Invalid e-mail address"
    assert errors["textLength"] == ("Too long", "Names have at most 64 characters.")
    assert workbook.properties.keywords == f"schoolimport-template v{TEMPLATE_VERSION}"
    assert workbook.properties.title == f"schoolimport – import template {title}"
    assert template_version(path) == TEMPLATE_VERSION and check_template(path) is None

    text = json.dumps(xlsx_content(path), ensure_ascii=False)
    for german in ("Anleitung", "Vorlagenversion", "Nachname", "Pflicht", "Ungültig", "Zeichen"):
        assert german not in text


@pytest.mark.parametrize("account_type", ACCOUNT_TYPES)
def test_english_ods_template(tmp_path: Path, account_type: str) -> None:
    path = write_template(tmp_path / "template.ods", account_type, "en")
    title = ENGLISH_TITLES[account_type]
    table = read_table(path)
    assert table.sheets == [title, "Instructions"]
    assert table.headers == english_headers(account_type)
    assert auto_map(table.headers).is_complete()
    guide = ods_content(path)["sheets"]["Instructions"]
    assert guide[0][0] == f"Import template: {title}"
    assert guide[1][:2] == ["Template version", str(TEMPLATE_VERSION)]
    assert guide[3] == ["Column", "Required", "Description", "Example"]
    assert [row[0] for row in guide[4:]] == table.headers
    assert template_version(path) == TEMPLATE_VERSION and check_template(path) is None


def test_an_outdated_english_template_warns(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx", "teacher", "en")
    workbook = openpyxl.load_workbook(path)
    workbook.properties.keywords = "schoolimport-template v0"
    workbook.save(path)
    warning = check_template(path)
    assert warning is not None and "version 0" in warning

    # Without the keyword, the English instructions sheet tells the version.
    workbook.properties.keywords = None
    workbook.save(path)
    assert template_version(path) == TEMPLATE_VERSION
    workbook["Instructions"]["B2"] = 0
    workbook.save(path)
    assert template_version(path) == 0
    assert check_template(path) is not None

    ods = write_template(tmp_path / "template.ods", "student", "en")
    outdated = tmp_path / "outdated.ods"
    with zipfile.ZipFile(ods) as source, zipfile.ZipFile(outdated, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "meta.xml":
                data = data.replace(b"schoolimport-template v1", b"schoolimport-template v0")
            target.writestr(info, data)
    assert template_version(outdated) == 0
    assert check_template(outdated) is not None


@pytest.mark.parametrize("account_type", ["student", "teacher"])
def test_a_filled_english_template_maps_every_column(
    importer: Importer, tmp_path: Path, account_type: str
) -> None:
    path = write_template(tmp_path / "template.xlsx", account_type, "en")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    login = [] if account_type == "student" else ["j.mueller"]
    sheet.append(["00123", "Müller", "Jörg", "5a", date(2014, 3, 2), "joerg@example.org", *login])
    workbook.save(path)

    session = importer.plan(path, account_type=account_type, create_missing_groups="class")
    assert session.mapping is not None and session.mapping.is_complete()
    assert None not in session.mapping.fields
    assert session.plan is not None
    [row] = session.plan.rows
    assert row.action is RowAction.CREATE
    values = row.values
    assert (values.source_id, values.last_name, values.first_name) == ("00123", "Müller", "Jörg")
    assert (values.birth_date, values.email, values.groups) == (
        date(2014, 3, 2),
        "joerg@example.org",
        ["5a"],
    )
    assert values.login == (login[0] if login else None)


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'fr'"):
        write_template(tmp_path / "t.xlsx", "student", "fr")
    assert not (tmp_path / "t.xlsx").exists()
