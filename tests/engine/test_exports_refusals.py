"""The clearer refusals and edges found with other systems' exports (issue 17): dates
out of range, a UTF-16 file read as another encoding, a UTF-8 line beside a
Windows-1252 one, invisible marks in names, layouts and identities, German order."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.engine.admin.collation import german_key
from app.engine.planning.accounttypes import account_type_of
from app.engine.planning.dates import date_reason
from app.engine.planning.identity import derive, normalise, parse_identity
from app.engine.planning.layouts import LAYOUTS, find_layout, recognise
from app.engine.planning.mapping import ColumnMapping, Field, apply_overrides, auto_map
from app.engine.planning.validation import RowValidator, split_groups
from app.engine.reading.readers import read_table
from app.engine.reading.sniffing import detect_encoding
from app.engine.reading.table import ReadOptions
from app.engine.reasons import Reason, Refused
from tests.engine.test_hostile_inputs import YEAR_ARGS, Db, refused_without_change

pytest_plugins = ["tests.engine.test_hostile_inputs"]

TODAY = date(2026, 12, 6)


def test_a_date_out_of_range_says_so() -> None:
    message = date_reason("birth_date", "01.01.1670", TODAY)
    assert message.reason is Reason.DATE_OUT_OF_RANGE
    assert message.text() == "birth date 01.01.1670 lies outside 1900-01-01 … 2026-12-06"
    assert date_reason("birth_date", "31.02.2010", TODAY).reason is Reason.INVALID_DATE
    assert date_reason("birth_date", "morgen", TODAY).reason is Reason.INVALID_DATE
    assert date_reason("birth_date", "2030-01-01", TODAY).reason is Reason.DATE_OUT_OF_RANGE


def test_a_date_out_of_range_in_german() -> None:
    pytest.importorskip("PySide6")
    from app.wizard import texts

    texts.set_language("de")
    try:
        text = texts.reason_text(date_reason("birth_date", "01.01.1670", TODAY))
    finally:
        texts.set_language("en")
    assert text == "Geburtsdatum 01.01.1670 liegt außerhalb von 01.01.1900 bis 06.12.2026"


def test_a_row_with_a_date_out_of_range(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "alt.csv"
    path.write_text("ID;Nachname;Vorname;Geburtsdatum\n1;Alt;Fritz;01.01.1670\n", "utf-8")
    code, out, err = db.run("import", path, *YEAR_ARGS, "--dry-run", "--json")
    assert code == 0, err
    (row,) = json.loads(out)["rows"]
    assert row["action"] == "invalid"
    assert row["reasons"][0]["code"] == "date_out_of_range"
    assert "01.01.1670 lies outside" in row["reasons"][0]["text"]


def test_cp1252_asked_for_a_utf16_file(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "ucs.csv"
    path.write_bytes("ID\tNachname\tVorname\n1\tWeiß\tAnna\n".encode("utf-16"))
    err = refused_without_change(db, path, "UTF-16", extra=("--encoding", "cp1252"))
    assert "byte order mark" in err
    with pytest.raises(Refused) as caught:
        read_table(path, ReadOptions(encoding="cp1252"))
    assert caught.value.message.params["detail"].reason is Reason.FILE_HAS_BOM
    assert read_table(path, ReadOptions(encoding="utf-16")).rows == [["1", "Weiß", "Anna"]]


def test_utf8_line_beside_a_cp1252_line_is_refused_not_read_as_shift_jis(
    db: Db, tmp_path: Path
) -> None:
    data = b"ID;Nachname;Vorname\n1;M\xc3\xbcller;Max\n2;Wei\xdf;Anna\n"
    assert detect_encoding(data) != "shift_jis"  # it was: "Mﾃｼller" / "Weiﾟ"
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    refused_without_change(db, path, "line 2 is UTF-8", "line 3")


def test_invisible_marks_are_removed_from_names_and_groups() -> None:
    mapping = auto_map(["ID", "Nachname", "Vorname", "Klasse"])
    validator = RowValidator(mapping, TODAY)
    cells = ["1", "\u202eMüller\u202c", "Max\u200b", "5a\u200e"]
    values, reasons = validator(cells)
    assert (values.last_name, values.first_name, values.groups, reasons) == (
        "Müller",
        "Max",
        ["5a"],
        [],
    )
    checked = validator.validate_all([cells])
    assert checked.values[0] == values
    # The zero-width non-joiner is part of Persian names: it stays.
    assert validator(["2", "Mehr\u200cdad", "Ali", "5a"])[0].last_name == "Mehr\u200cdad"
    # A name of nothing but marks is a missing name.
    assert validator(["3", "\u200f", "Ali", "5a"])[1][0].reason is Reason.MISSING_REQUIRED


def test_group_lists_split_as_people_write_them() -> None:
    assert split_groups(["MATHE|BIO | Chor", "5a; 5b", "Chor"]) == [
        "MATHE",
        "BIO",
        "Chor",
        "5a",
        "5b",
    ]
    mapping = auto_map(["ID", "Nachname", "Vorname", "Kurse"])
    in_semicolon_file = RowValidator(mapping, TODAY, delimiter=";")
    assert in_semicolon_file(["1", "A", "B", "Chor; Theater"])[0].groups == ["Chor; Theater"]


def test_moodle_and_german_group_columns_are_recognised() -> None:
    headers = ["username", "cohort1", "course1", "group1", "course2", "Klassen", "Kurse", "Gruppen"]
    mapping = auto_map(headers)
    assert mapping.fields[1:] == [Field.GROUPS] * 7
    # Moodle's "type1" is a course role, not an account type
    assert auto_map(["type1", "Benutzertyp"]).fields == [None, Field.ACCOUNT_TYPE]


def test_one_header_two_fields() -> None:
    headers = ["username", "firstname", "lastname"]
    pairs = [("username", "source_id"), ("username", "login")]
    mapping = apply_overrides(auto_map(headers), headers, pairs)
    assert mapping.column_of(Field.SOURCE_ID) == 0 and mapping.column_of(Field.LOGIN) == 0
    assert mapping.is_complete()
    assert mapping.by_header(headers)["username"] == "source_id+login"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("student", "student"),
        ("Schüler", "student"),
        ("SuS", "student"),
        ("5", "student"),
        ("Lehrkraft", "teacher"),
        ("LuL", "teacher"),
        ("teacher_and_staff", "teacher"),
        ("1", "teacher"),
        ("Verwaltung", "staff"),
        ("Personal", "staff"),
        ("Hausmeister", None),
        ("3", None),
    ],
)
def test_account_type_values(value: str, expected: str | None) -> None:
    assert account_type_of(value) == expected


def test_identity_is_normalised_and_stable() -> None:
    assert normalise("  Anna\u0301   Maria ") == normalise("ANNÁ maria")
    assert derive(["müller", "max", "2014-03-05"]) == derive(["müller", "max", "2014-03-05"])
    assert parse_identity("last_name, first_name,birth_date") == (
        Field.LAST_NAME,
        Field.FIRST_NAME,
        Field.BIRTH_DATE,
    )
    for bad in ("groups", "source_id", "last_name,last_name", "shoe_size", ""):
        with pytest.raises(Refused):
            parse_identity(bad)
    mapping = ColumnMapping(
        [Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE],
        identity=(Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE),
    )
    validator = RowValidator(mapping, TODAY)
    one = validator(["Müller", "Max", "05.03.2014"])[0].source_id
    assert one == validator([" MÜLLER ", "max", "2014-03-05"])[0].source_id
    assert one != validator(["Müller", "Max", "06.03.2014"])[0].source_id
    assert validator.validate_all([["Müller", "Max", "05.03.2014"]]).values[0].source_id == one


def test_layouts_are_recognised_by_content() -> None:
    students = [
        ["5a", "Müller", "Max", "03.05.2014", ""],
        ["10b", "Weiß", "Anna", "2014-02-01", ""],
    ]
    assert recognise(students, today=TODAY) is LAYOUTS["linuxmuster-students"]
    teachers = [["lehrer", "Bauer", "Thomas", "08.08.1970", "bat"]] * 3
    assert recognise(teachers, today=TODAY) is LAYOUTS["linuxmuster-teachers"]
    # A header row is no data: a file with headers is not taken for a layout.
    header = ["Klasse", "Nachname", "Vorname", "Geburtsdatum"]
    assert recognise(students, header, TODAY) is None
    assert recognise([["1", "Müller", "Max", "5a"]], today=TODAY) is None
    with pytest.raises(Refused, match="linuxmuster-students"):
        find_layout("iserv")


def test_unknown_layout_and_identity_are_refused(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text("5a;Müller;Max;03.05.2014\n", "utf-8")
    refused_without_change(db, path, "not a known layout", extra=("--layout", "iserv"))
    refused_without_change(db, path, "cannot identify", extra=("--identity", "groups"))


def test_dry_run_json_rows(db: Db, tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "ID;Nachname;Vorname;Klasse\n1;Müller;Max;5a, Chor\n2;;Anna;5a\n", encoding="utf-8"
    )
    args = ("--create-missing-groups", "class", "--dry-run", "--json")
    code, out, err = db.run("import", path, *YEAR_ARGS, *args)
    assert code == 0, err
    data = json.loads(out)
    assert data["created"] == 1 and data["invalid"] == 1
    assert data["rows"] == [
        {
            "line": 2,
            "action": "create",
            "source_id": "1",
            "login": "max.mueller",
            "last_name": "Müller",
            "first_name": "Max",
            "groups": ["5a", "Chor"],
            "reasons": [],
        },
        {
            "line": 3,
            "action": "invalid",
            "source_id": "2",
            "login": None,
            "last_name": "",
            "first_name": "Anna",
            "groups": ["5a"],
            "reasons": [{"code": "missing_required", "text": "last name is missing"}],
        },
    ]
    assert db.users() == []  # a dry run


def test_german_name_order() -> None:
    names = ["Steinbrink", "Sörte", "Szabo", "Sauer", "Äbi", "Zorn", "Abt"]
    assert sorted(names, key=german_key) == [
        "Äbi",
        "Abt",
        "Sauer",
        "Sörte",
        "Steinbrink",
        "Szabo",
        "Zorn",
    ]


def test_ambiguous_type_headers_need_fitting_values() -> None:
    from app.engine.planning.accounttypes import recognise_by_values

    headers = ["ID", "Nachname", "Vorname", "Typ"]
    fitting = [["1", "A", "B", "Schüler"], ["2", "C", "D", "Lehrkraft"]]
    other = [["1", "A", "B", "Regelschüler"], ["2", "C", "D", "Gast"]]
    numbers = [["1", "A", "B", "1"], ["2", "C", "D", "2"]]
    for rows, expected in ((fitting, Field.ACCOUNT_TYPE), (other, None), (numbers, None)):
        mapping = recognise_by_values(auto_map(headers), headers, rows)
        assert mapping.fields[3] is expected, rows
    status = ["ID", "Nachname", "Vorname", "Status"]
    chamilo = [["1", "A", "B", "5"], ["2", "C", "D", "4"]]
    assert recognise_by_values(auto_map(status), status, chamilo).fields[3] is Field.ACCOUNT_TYPE
    assert auto_map(["Benutzertyp"]).fields == [Field.ACCOUNT_TYPE]  # always
