"""The school's snapshot asks only what can be there: no memberships in the groups of
a school that has none."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, Engine

from app.db import session_scope
from app.engine.admin import directory
from app.engine.planning import state
from app.models import GroupType
from tests.engine.plans import engine_fixture, plan_of  # noqa: F401 (fixture "engine")


def test_a_school_without_groups_is_asked_no_memberships(engine: Engine) -> None:
    """A snapshot of a school with no group of the year is the same without asking for
    memberships in its groups (there is none to be a member of); once it has groups,
    they are asked for. (This module's database: no import is ever run in it.)"""
    asked: list[int] = []
    in_scope = state._memberships_in_scope

    def counted(conn: Connection, school_id: int, year_id: int) -> Any:
        asked.append(school_id)
        return in_scope(conn, school_id, year_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(state, "_memberships_in_scope", counted)
        plan = plan_of(engine, [("1", "Muster", "Max", "5a", "")])
        assert asked == [] and plan.state.memberships == {}
        with session_scope(engine) as session:
            directory.add_group(session, "Chor", GroupType.COURSE, None)  # (a permanent one)
        grouped = plan_of(engine, [("1", "Muster", "Max", "5a", "")])
        assert list(grouped.state.groups_by_key) == ["chor"]
        assert asked == [plan.state.school_id]
