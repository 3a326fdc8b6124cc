"""The start-up's reads on the Core tables (issue 23): one schema, mapped once; the
sign-in of single-user mode in one statement; the readers that take a plain
connection answer as they do in an ORM session."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

import app.models as models
from app.cli.operators import sign_in
from app.db import get_setting, session_scope, set_setting
from app.engine.access import operators
from app.engine.admin import directory, lookups
from app.engine.planning.state import default_school_id
from app.engine.reasons import Reason, Refused
from app.models import tables


def test_every_table_is_mapped_by_one_class_onto_the_same_object() -> None:
    classes = [
        found
        for name in models.__all__
        if isinstance(found := getattr(models, name), type) and hasattr(found, "__table__")
    ]

    assert models.Base.metadata is tables.metadata
    assert sorted(cls.__table__.name for cls in classes) == sorted(tables.metadata.tables)
    assert all(cls.__table__ is tables.metadata.tables[cls.__table__.name] for cls in classes)


def test_the_package_has_no_other_names() -> None:
    with pytest.raises(AttributeError):
        _ = models.Nonexistent


def test_the_single_user_sign_in_is_one_statement(engine) -> None:
    selects: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        actor = sign_in(engine, None)
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    assert actor.is_admin and actor.school_ids is None and actor.name == "admin"
    assert len(selects) == 1, selects


def test_a_connection_signs_in_as_a_session_does(engine) -> None:
    with session_scope(engine) as s:
        admin = operators.local_actor(s)
        operators.set_password(s, admin, "admin", "Admin-geheim-1")
        directory.add_school(s, "Zweite Schule", admin)
        operators.add_operator(
            s, admin, "sekretariat", models.OperatorRole.IMPORT_OPERATOR, ["users"],
            ["Zweite Schule"], "geheim-123",
        )  # fmt: skip
    with session_scope(engine) as s, engine.connect() as c:
        for reader in (s, c):
            assert operators.single_user_actor(reader) is None
            with pytest.raises(Refused) as refused:
                operators.local_actor(reader)
            assert refused.value.message.reason is Reason.SIGN_IN_REQUIRED
        by_session = operators.sign_in(s, "sekretariat", "geheim-123")
        by_connection = operators.sign_in(c, "sekretariat", "geheim-123")
        with pytest.raises(Refused):
            operators.sign_in(c, "sekretariat", "falsch-123")

    assert by_connection == by_session
    assert by_connection.school_ids is not None and len(by_connection.school_ids) == 1
    assert by_connection.import_kinds == frozenset({"users"})


def test_a_setting_reads_the_same_on_a_connection(engine) -> None:
    with session_scope(engine) as s:
        set_setting(s, "test.value", {"Straße": [1, None, "Ölberg"]})
    with session_scope(engine) as s, engine.connect() as c:
        assert get_setting(c, "test.value", None) == get_setting(s, "test.value", None)
        assert get_setting(c, "test.value", None) == {"Straße": [1, None, "Ölberg"]}
        assert get_setting(c, "test.missing", 7) == 7


def test_the_year_and_school_found_on_a_connection_are_the_directory_s(engine) -> None:
    with session_scope(engine) as s:  # the fixture's 2026/27 is the current one
        directory.add_year(s, "2025/26", date(2025, 8, 1), date(2026, 7, 31), False)
    with session_scope(engine) as s, engine.connect() as c:
        for name in (None, "2025/26", " 2026/27 "):
            year = directory.find_year(s, name)
            assert lookups.find_year_ref(c, name) == (year.id, year.name)
        for reader in (s, c):
            with pytest.raises(Refused) as unknown:
                lookups.find_year_ref(reader, "1999/00")
            assert unknown.value.message.reason is Reason.YEAR_NOT_FOUND
            assert lookups.find_school(reader, None) == default_school_id(reader)
            with pytest.raises(Refused) as no_school:
                lookups.find_school(reader, "Keine Schule")
            assert no_school.value.message.reason is Reason.SCHOOL_NOT_FOUND


def test_no_current_year_is_refused_on_a_connection_as_in_a_session(engine) -> None:
    with session_scope(engine) as s:
        s.execute(tables.school_years.update().values(is_current=False))
    with session_scope(engine) as s, engine.connect() as c:
        with pytest.raises(Refused) as by_session:
            directory.find_year(s, None)
        with pytest.raises(Refused) as by_connection:
            lookups.find_year_ref(c, None)
    assert by_connection.value.message == by_session.value.message


def test_the_readers_see_what_their_session_changed_and_has_not_written(engine) -> None:
    """The readers now run Core statements; in a session those flush what it changed
    first, as ORM queries do (SQLAlchemy 2 autoflushes for Core statements too)."""
    with session_scope(engine) as s:
        admin = operators.local_actor(s)
        operators.set_password(s, admin, "admin", "Admin-geheim-1")  # not flushed
        assert operators.sign_in_required(s)
        assert operators.authenticate(s, "admin", "Admin-geheim-1").name == "admin"
        operators.add_operator(s, admin, "sekretariat", models.OperatorRole.IMPORT_OPERATOR)
        s.add(models.School(name="Zweite Schule"))
        assert lookups.find_school(s, "Zweite Schule") > 0
