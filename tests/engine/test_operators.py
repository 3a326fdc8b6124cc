"""Operators, rights and scopes (SPEC §3 "Operators and rights"), through the engine
and the command line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.db import session_scope
from app.engine.access import operators
from app.engine.admin import directory
from app.engine.planning.results import ImportOptions, RowAction
from app.engine.reasons import Reason, Refused
from app.engine.session import ImportSession
from app.models import OperatorRole, User
from tests.conftest import HEADER, YEAR

ROWS = [HEADER, ["1", "Adler", "Ada", "", ""], ["2", "Berg", "Ben", "", ""]]


ADMIN_PW = "Admin-geheim-1"


def admin(engine) -> operators.Actor:
    """The administrator, with the password that adding operators needs."""
    with session_scope(engine) as s:
        if operators.sign_in_required(s):
            return operators.authenticate(s, "admin", ADMIN_PW)
        actor = operators.local_actor(s)
        operators.set_password(s, actor, "admin", ADMIN_PW)
        return actor


def test_single_user_mode_until_a_password_or_second_operator(engine):
    with session_scope(engine) as s:
        assert not operators.sign_in_required(s)
        actor = operators.local_actor(s)
        assert actor.is_admin and actor.school_ids is None
    with session_scope(engine) as s, pytest.raises(Refused) as err:
        operators.add_operator(
            s, actor, "sekretariat", OperatorRole.IMPORT_OPERATOR, password="geheim-123"
        )
    assert err.value.message.reason is Reason.ADMIN_PASSWORD_FIRST
    with session_scope(engine) as s:
        assert not operators.sign_in_required(s)
        operators.set_password(s, actor, "admin", ADMIN_PW)
    with session_scope(engine) as s:
        assert operators.sign_in_required(s)
        operators.add_operator(
            s, actor, "sekretariat", OperatorRole.IMPORT_OPERATOR, password="geheim-123"
        )
    with session_scope(engine) as s:
        assert operators.sign_in_required(s)
        with pytest.raises(Refused) as err:
            operators.local_actor(s)
        assert err.value.message.reason is Reason.SIGN_IN_REQUIRED
        with pytest.raises(Refused):
            operators.authenticate(s, "sekretariat", "falsch-falsch")
        assert operators.authenticate(s, "sekretariat", "geheim-123").name == "sekretariat"


def test_operator_without_the_users_right_is_refused(engine, write_csv):
    with session_scope(engine) as s:
        operators.add_operator(
            s,
            admin(engine),
            "gruppen",
            OperatorRole.IMPORT_OPERATOR,
            ["groups"],
            password="geheim-123",
        )
        actor = operators.authenticate(s, "gruppen", "geheim-123")
    session = ImportSession(engine, ImportOptions(year=YEAR, account_type="student"), actor=actor)
    session.load(write_csv(ROWS))
    with pytest.raises(Refused) as err:
        session.build_plan()
    assert err.value.message.reason is Reason.NOT_ALLOWED
    assert "import users" in err.value.text()
    with session_scope(engine) as s:
        assert s.scalar(select(User.id)) is None


def test_command_line_sign_in(db_url, write_csv, monkeypatch, capsys):
    def run(*args):
        code = main(["--db", db_url, *map(str, args)])
        return code, *capsys.readouterr()

    assert run("init")[0] == 0
    assert run("year", "add", YEAR, "--start", "2026-08-01", "--end", "2027-07-31")[0] == 0
    monkeypatch.setenv("OP_PW", "geheim-123")
    monkeypatch.setenv("ADMIN_PW", ADMIN_PW)
    assert run("operator", "password", "admin", "--password-env", "ADMIN_PW")[0] == 0
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", ADMIN_PW)
    code, _out, err = run(
        "--operator",
        "admin",
        "operator",
        "add",
        "lehrer",
        "--role",
        "import_operator",
        "--kinds",
        "groups",
        "--school",
        "Meine Schule",
        "--password-env",
        "OP_PW",
    )
    assert code == 0, err
    code, _out, err = run("users", "list", "--json")
    assert code == 2 and "--operator" in err
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", "geheim-123")
    code, out, err = run("--operator", "lehrer", "users", "list", "--json")
    assert code == 0 and json.loads(out) == []
    code, _out, err = run(
        "--operator",
        "lehrer",
        "import",
        write_csv(ROWS),
        "--year",
        YEAR,
        "--account-type",
        "student",
    )
    assert code == 2 and "lehrer may not import users" in err
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", "wrong-password")
    code, _out, err = run("--operator", "lehrer", "users", "list")
    assert code == 2 and "wrong" in err
    # the administrator signs in with its own password only
    code, _out, err = run("--operator", "admin", "users", "list")
    assert code == 2 and "wrong" in err


def test_out_of_scope_rows_are_rejected_and_nothing_outside_changes(engine, write_csv, importer):
    with session_scope(engine) as s:
        directory.add_school(s, "Zweite Schule")
    importer.run(write_csv(ROWS, name="a.csv"))
    importer.run(
        write_csv([HEADER, ["9", "Zorn", "Zoe", "", ""]], name="b.csv"), school="Zweite Schule"
    )
    with session_scope(engine) as s:
        operators.add_operator(
            s,
            admin(engine),
            "nur-a",
            OperatorRole.IMPORT_OPERATOR,
            ["users"],
            ["Meine Schule"],
            password="geheim-123",
        )
        actor = operators.authenticate(s, "nur-a", "geheim-123")
        before = s.execute(select(User.id, User.school_id, User.last_name)).all()
    changed = [HEADER, ["1", "Adler", "Ada", "", ""], ["9", "Zorn-Neu", "Zoe", "", ""]]
    session = ImportSession(engine, ImportOptions(year=YEAR, account_type="student"), actor=actor)
    session.load(write_csv(changed, name="c.csv"))
    plan = session.build_plan()
    rejected = plan.rows[1]
    assert rejected.action is RowAction.INVALID
    assert rejected.reasons[0].reason is Reason.OUT_OF_SCOPE
    assert "Zweite Schule" in rejected.reasons[0].text()
    session.apply()
    with session_scope(engine) as s:
        assert s.execute(select(User.id, User.school_id, User.last_name)).all() == before
    other = ImportSession(
        engine,
        ImportOptions(year=YEAR, account_type="student", school="Zweite Schule"),
        actor=actor,
    )
    other.load(write_csv(changed, name="d.csv"))
    with pytest.raises(Refused) as err:
        other.build_plan()
    assert err.value.message.reason is Reason.NOT_ALLOWED


def test_a_user_moves_between_schools_in_scope(engine, write_csv, importer):
    with session_scope(engine) as s:
        directory.add_school(s, "Zweite Schule")
    importer.run(write_csv(ROWS, name="a.csv"))
    session = importer.run(write_csv(ROWS, name="b.csv"), school="Zweite Schule")
    assert session.result.summary.updated == 2
    with session_scope(engine) as s:
        schools = set(s.scalars(select(User.school_id)))
        assert schools == {directory.find_school(s, "Zweite Schule")}


def test_reserved_accounts_are_never_updated(engine, write_csv, importer):
    header = ["Quell-ID", "Nachname", "Vorname", "Login"]
    importer.run(write_csv([header, ["R1", "Root", "Rudi", "rudi"]], name="a.csv"))
    with session_scope(engine) as s:
        s.execute(User.__table__.update().values(login="root"))
    session = importer.plan(write_csv([header, ["R1", "Root", "Rudolf", ""]], name="b.csv"))
    row = session.plan.rows[0]
    assert row.action is RowAction.INVALID
    assert row.reasons[0].reason is Reason.RESERVED_ACCOUNT
