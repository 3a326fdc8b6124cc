"""Header recognition, explicit overrides and remembered mappings (SPEC §2.3)."""

from __future__ import annotations

import pytest

from app.db import session_scope
from app.engine.applying.store import saved_mapping
from app.engine.planning.mapping import (
    Field,
    apply_overrides,
    auto_map,
    check_mapping,
    guess_field,
    header_signature,
)
from app.engine.reasons import Reason, Refused
from tests.conftest import HEADER


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nachname", Field.LAST_NAME),
        ("Name", Field.LAST_NAME),
        ("Familienname", Field.LAST_NAME),
        ("Last Name", Field.LAST_NAME),
        ("Vorname", Field.FIRST_NAME),
        ("Rufname", Field.FIRST_NAME),
        ("first_name", Field.FIRST_NAME),
        ("Klasse", Field.GROUPS),
        ("Kurs 2", Field.GROUPS),
        ("Groups", Field.GROUPS),
        ("Interne ID-Nummer", Field.SOURCE_ID),
        ("Quell-ID", Field.SOURCE_ID),
        ("source id", Field.SOURCE_ID),
        ("Geburtsdatum", Field.BIRTH_DATE),
        ("Geb.-Datum", Field.BIRTH_DATE),
        ("Date of birth", Field.BIRTH_DATE),
        ("E-Mail", Field.EMAIL),
        ("E-Mail-Adresse", Field.EMAIL),
        ("Benutzername", Field.LOGIN),
        ("Login", Field.LOGIN),
        ("Lieblingsfarbe", None),
    ],
)
def test_headers_are_recognised(header, field):
    assert guess_field(header) is field


def test_auto_map_takes_each_single_field_once_and_groups_many():
    mapping = auto_map(["Name", "Nachname", "Vorname", "Klasse", "Kurs 1", "Kurs 2", "Quell-ID"])
    assert mapping.fields == [
        Field.LAST_NAME,
        None,
        Field.FIRST_NAME,
        Field.GROUPS,
        Field.GROUPS,
        Field.GROUPS,
        Field.SOURCE_ID,
    ]
    assert mapping.warnings == ["Nachname"]
    assert mapping.is_complete()


def test_reasons_column_of_the_error_file_is_left_unmapped():
    mapping = auto_map([*HEADER, "Gründe"])
    assert mapping.fields[-1] is None


def test_overrides_by_header_and_number():
    headers = ["ID", "Nachname", "Vorname", "Geburtsdatum"]
    mapping = apply_overrides(auto_map(headers), headers, {"Geburtsdatum": "ignore", "1": "login"})
    assert mapping.fields == [Field.LOGIN, Field.LAST_NAME, Field.FIRST_NAME, None]
    with pytest.raises(Refused) as err:
        check_mapping(mapping)
    assert "source ID" in err.value.text()


def test_override_moves_a_single_field():
    headers = ["Schüler-ID", "Personalnummer", "Name", "Vorname"]
    mapping = apply_overrides(auto_map(headers), headers, {"Personalnummer": "source_id"})
    assert mapping.fields[:2] == [None, Field.SOURCE_ID]


def test_unknown_header_and_field_are_refused():
    headers = ["A", "B"]
    with pytest.raises(Refused) as err:
        apply_overrides(auto_map(headers), headers, {"C": "login"})
    assert err.value.message.reason is Reason.UNKNOWN_HEADER
    with pytest.raises(Refused) as err:
        apply_overrides(auto_map(headers), headers, {"A": "shoe_size"})
    assert err.value.message.reason is Reason.UNKNOWN_FIELD


def test_mapping_is_remembered_per_source(write_csv, engine):
    headers = ["Kennziffer", "Zuname", "Vorname"]
    path = write_csv([headers, ["9", "Nowak", "Ida"]])
    from app.engine.planning.results import ImportOptions
    from app.engine.session import ImportSession

    first = ImportSession(engine, ImportOptions(year="2026/27", account_type="student"))
    first.load(path)
    assert not first.require_mapping().is_complete()
    first.mapping = apply_overrides(first.require_mapping(), headers, {"Kennziffer": "source_id"})
    first.build_plan()
    first.apply()
    second = ImportSession(engine, ImportOptions(year="2026/27", account_type="student"))
    second.load(path)
    assert second.mapping_was_saved
    assert second.require_mapping().fields == [Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME]
    with session_scope(engine) as db:
        assert saved_mapping(db, "other-source", headers) is None
    assert header_signature(headers) == header_signature([" kennziffer", "ZUNAME", "Vorname"])
