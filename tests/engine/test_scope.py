"""The operator's schools limit every engine query, not only the import (issue 19):
an operator with the "groups" kind for one school cannot reach into another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.access import operators
from app.engine.admin import directory, history
from app.engine.admin.groupcsv import plan_group_import
from app.engine.admin.groupexport import export_groups
from app.engine.admin.lifecycle import due_for_purge, restore_user
from app.engine.admin.undo import preview_undo
from app.engine.planning.results import ImportOptions
from app.engine.reasons import Reason, Refused
from app.engine.session import ImportSession
from app.models import GroupType, OperatorRole, User
from tests.conftest import HEADER, YEAR, CsvWriter, Importer

OTHER = "Andere Schule"


@pytest.fixture
def two_schools(engine: Engine, importer: Importer, write_csv: CsvWriter) -> operators.Actor:
    """Users in both schools, and an operator of "Meine Schule" with both kinds."""
    with session_scope(engine) as s:
        directory.add_school(s, OTHER)
    own = [HEADER, ["1", "Eigen", "Emma", "5a", ""]]
    other = [HEADER, ["9", "Fremd", "Fritz", "9f", ""]]
    importer.run(write_csv(own, name="own.csv"), create_missing_groups="class")
    importer.run(write_csv(other, name="other.csv"), create_missing_groups="class", school=OTHER)
    with session_scope(engine) as s:
        operators.add_operator(
            s, operators.local_actor(s), "admin2", OperatorRole.ADMINISTRATOR,
            password="Admin-Geheim-1",
        )  # fmt: skip
        admin = operators.authenticate(s, "admin2", "Admin-Geheim-1")
        operators.add_operator(
            s, admin, "sek", OperatorRole.IMPORT_OPERATOR, ["users", "groups"],
            ["Meine Schule"], password="Sek-Geheim-1",
        )  # fmt: skip
        return operators.authenticate(s, "sek", "Sek-Geheim-1")


def _other_login(engine: Engine) -> str:
    with session_scope(engine) as s:
        return s.scalars(select(User.login).where(User.last_name == "Fremd")).one()


def test_group_add_member_reaches_neither_users_nor_groups_of_another_school(
    engine: Engine, two_schools: operators.Actor
) -> None:
    actor, login = two_schools, _other_login(engine)
    with session_scope(engine) as s:
        year = directory.find_year(s, YEAR)
        own_group = directory.find_group(s, "5a", year, actor)
        with pytest.raises(Refused) as err:
            directory.add_members(s, own_group, [login], actor)
        assert err.value.message.reason is Reason.USER_NOT_FOUND
        with pytest.raises(Refused) as err:
            directory.find_group(s, "9f", year, actor)
        assert err.value.message.reason is Reason.GROUP_NOT_FOUND
        other_school = directory.find_school(s, OTHER)
        with pytest.raises(Refused) as err:
            directory.add_group(s, "neu", GroupType.TEAM, year, school_id=other_school, actor=actor)
        assert err.value.message.reason is Reason.NOT_ALLOWED


def test_reads_show_only_the_operators_schools(
    engine: Engine, two_schools: operators.Actor, tmp_path: Path
) -> None:
    actor = two_schools
    with session_scope(engine) as s:
        assert [u.last_name for u in directory.list_users(s, actor=actor)] == ["Eigen"]
        assert [g.name for g in directory.list_groups(s, actor=actor)] == ["5a"]
        assert [r.file_name for r in history.list_runs(s, actor)] == ["own.csv"]
        assert [x.name for x in directory.list_schools(s, actor)] == ["Meine Schule"]
        other_run = max(r.run_id for r in history.list_runs(s, operators.PROGRAM))
        for call in (
            lambda: history.export_rows(s, other_run, tmp_path / "x.csv", True, actor),
            lambda: preview_undo(s, other_run, actor),
            lambda: restore_user(s, _other_login(engine), actor),
        ):
            with pytest.raises(Refused):
                call()
        assert due_for_purge(s, date(2100, 1, 1), actor) == []
    target = tmp_path / "groups.csv"
    with session_scope(engine) as s:
        assert export_groups(s, target, actor=actor) == 1
    text = target.read_text(encoding="utf-8-sig")
    assert "5a" in text and "9f" not in text and "fremd" not in text.lower()


def test_an_import_without_a_school_goes_to_the_operators_first_school(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    with session_scope(engine) as s:
        directory.add_school(s, OTHER)
        local = operators.local_actor(s)
        operators.set_password(s, local, "admin", "Admin-Geheim-1")
        operators.add_operator(
            s, local, "fremd", OperatorRole.IMPORT_OPERATOR, ["users"], [OTHER],
            password="Fremd-Geheim-1",
        )  # fmt: skip
        actor = operators.authenticate(s, "fremd", "Fremd-Geheim-1")
    session = ImportSession(engine, ImportOptions(year=YEAR, account_type="student"), actor=actor)
    session.load(write_csv([HEADER, ["5", "Neu", "Nina", "", ""]], name="n.csv"))
    session.build_plan()
    session.apply()
    with session_scope(engine) as s:
        school = s.scalars(select(User.school_id).where(User.last_name == "Neu")).one()
        assert school == directory.find_school(s, OTHER)


def test_a_group_csv_cannot_add_a_user_of_another_school(
    engine: Engine, two_schools: operators.Actor, tmp_path: Path
) -> None:
    login = _other_login(engine)
    file = tmp_path / "gruppen.csv"
    file.write_text(
        "group_id,group_name,member_type,member_key\r\n,Chor,user," + login + "\r\n",
        encoding="utf-8",
    )
    with session_scope(engine) as s:
        plan = plan_group_import(s, file, actor=two_schools)
    assert [p.message.reason for p in plan.errors] == [Reason.USER_NOT_FOUND]
