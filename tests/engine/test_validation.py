"""Row values and their reasons (SPEC §2.6)."""

from __future__ import annotations

from datetime import date

import pytest

from app.engine.planning.mapping import auto_map
from app.engine.planning.validation import parse_date, split_groups, validate_row
from app.engine.reasons import Reason

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-05-03", date(2014, 5, 3)),
        ("03.05.2014", date(2014, 5, 3)),
        ("3.5.2014", date(2014, 5, 3)),
        ("03/05/2014", date(2014, 5, 3)),
        ("2014-05-03 00:00:00", date(2014, 5, 3)),
        ("2014-05-03T00:00:00", date(2014, 5, 3)),
        ("41762", date(2014, 5, 3)),  # an Excel serial number
        ("41762.0", date(2014, 5, 3)),
        ("03.05.14", date(2014, 5, 3)),
        ("03.05.98", date(1998, 5, 3)),
        ("31.02.2014", None),
        ("morgen", None),
        ("01.01.2030", None),  # in the future
        ("01.01.1850", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


def test_groups_from_lists_and_several_columns():
    assert split_groups(["5a, Chor; Theater", "chor", " ", "Kurs  Mathe"]) == [
        "5a",
        "Chor",
        "Theater",
        "Kurs Mathe",
    ]


def test_values_are_trimmed_and_normalised():
    mapping = auto_map(["ID", "Nachname", "Vorname", "E-Mail", "Login"])
    values, reasons = validate_row(
        [" 17 ", "Mu\u0308ller", " Ana ", "ana@schule.de", "Ana.M"], mapping, TODAY
    )
    assert reasons == []
    assert (values.source_id, values.last_name, values.first_name) == ("17", "Müller", "Ana")
    assert values.login == "ana.m"


def test_right_to_left_and_combining_characters_are_names():
    mapping = auto_map(["ID", "Nachname", "Vorname"])
    values, reasons = validate_row(["1", "\u200fحداد", "Zoe\u0308"], mapping, TODAY)
    assert reasons == []
    assert values.first_name == "Zoë"


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["1", "Ok", "Ok", "a@b"], Reason.INVALID_EMAIL),
        (["1", "Ok", "Ok", "a b@c.de"], Reason.INVALID_EMAIL),
        (["1", "Ok\x00", "Ok", ""], Reason.CONTROL_CHARACTERS),
        (["1", "Ok", "L" * 65, ""], Reason.TOO_LONG),
        (["1", "Ok", "Ok", "x@" + "d" * 250 + ".de"], Reason.TOO_LONG),
    ],
)
def test_invalid_values(cells, reason):
    mapping = auto_map(["ID", "Nachname", "Vorname", "E-Mail"])
    _values, reasons = validate_row(cells, mapping, TODAY)
    assert [m.reason for m in reasons] == [reason]


def test_invalid_login_in_file():
    mapping = auto_map(["ID", "Nachname", "Vorname", "Login"])
    _values, reasons = validate_row(["1", "A", "B", "ä b"], mapping, TODAY)
    assert [m.reason for m in reasons] == [Reason.INVALID_LOGIN]
