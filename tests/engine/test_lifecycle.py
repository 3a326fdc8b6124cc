"""Grace periods (SPEC §3) on a clock the tests control: marked → deactivated on the
deactivation day → purged on the purge day, restore, and the periods per account type."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.admin import directory
from app.engine.admin.lifecycle import (
    due_for_purge,
    expire_due,
    get_periods,
    purge_due,
    restore_user,
    set_periods,
)
from app.engine.planning.state import default_school_id
from app.engine.reasons import Refused
from app.models import Membership, UsedLogin, User, UserStatus

MARKED_ON = date(2026, 9, 1)
DEACTIVATE_ON = MARKED_ON + timedelta(days=30)
PURGE_ON = DEACTIVATE_ON + timedelta(days=60)


def add_user(engine: Engine, login: str, status: UserStatus, shift: int = 0) -> None:
    """A user released on ``MARKED_ON + shift`` days, in the status given."""
    released = status is not UserStatus.ACTIVE
    with session_scope(engine) as session:
        user = User(
            school_id=default_school_id(session),
            source="table",
            source_id=login,
            account_type="student",
            last_name=login,
            first_name="T",
            login=login,
            status=status.value,
            marked_at=datetime(2026, 9, 1) if released else None,
            deactivate_on=DEACTIVATE_ON + timedelta(days=shift) if released else None,
            purge_on=PURGE_ON + timedelta(days=shift) if released else None,
        )
        session.add(user)
        session.flush()
        year = directory.find_year(session, None)
        group = directory.add_group(session, f"g-{login}", directory.GroupType.CLASS, year, "")
        session.add(Membership(user_id=user.id, group_id=group.id))


def statuses(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {login: status for login, status in session.execute(select(User.login, User.status))}


def test_marked_users_are_deactivated_on_their_day(engine: Engine) -> None:
    add_user(engine, "early", UserStatus.MARKED_FOR_DELETION)
    add_user(engine, "late", UserStatus.MARKED_FOR_DELETION, shift=1)
    add_user(engine, "active", UserStatus.ACTIVE)
    with session_scope(engine) as session:
        counts = expire_due(session, DEACTIVATE_ON - timedelta(days=1))
    assert counts.as_dict() == {"deactivated": 0, "due_for_purge": 0}
    assert set(statuses(engine).values()) == {"marked_for_deletion", "active"}
    with session_scope(engine) as session:
        assert expire_due(session, DEACTIVATE_ON).deactivated == 1
    assert statuses(engine) == {
        "early": "deactivated",
        "late": "marked_for_deletion",
        "active": "active",
    }
    with session_scope(engine) as session:
        assert expire_due(session, DEACTIVATE_ON + timedelta(days=1)).deactivated == 1
        assert expire_due(session, DEACTIVATE_ON + timedelta(days=1)).deactivated == 0


def test_purge_deletes_only_what_is_due_and_keeps_the_logins(engine: Engine) -> None:
    add_user(engine, "due", UserStatus.DEACTIVATED)
    add_user(engine, "later", UserStatus.DEACTIVATED, shift=1)
    add_user(engine, "marked", UserStatus.MARKED_FOR_DELETION, shift=-200)  # not deactivated yet
    with session_scope(engine) as session:
        assert purge_due(session, PURGE_ON - timedelta(days=1)) == []
        assert due_for_purge(session, PURGE_ON) == ["due"]
        assert purge_due(session, PURGE_ON) == ["due"]
    assert statuses(engine) == {"later": "deactivated", "marked": "marked_for_deletion"}
    with session_scope(engine) as session:
        assert session.get(UsedLogin, "due") is not None
        members = session.scalars(select(Membership.user_id)).all()
        assert len(members) == 2  # the purged user's membership went with it
    # A marked user long past both dates is first deactivated, then purgeable.
    with session_scope(engine) as session:
        counts = expire_due(session, PURGE_ON)
        assert counts.as_dict() == {"deactivated": 1, "due_for_purge": 1}
        assert purge_due(session, PURGE_ON) == ["marked"]


def test_restore_brings_a_user_back(engine: Engine) -> None:
    add_user(engine, "marked", UserStatus.MARKED_FOR_DELETION)
    add_user(engine, "off", UserStatus.DEACTIVATED)
    add_user(engine, "on", UserStatus.ACTIVE)
    with session_scope(engine) as session:
        for login in ("marked", "OFF "):
            user = restore_user(session, login)
            assert user.status == UserStatus.ACTIVE.value
            assert (user.marked_at, user.deactivate_on, user.purge_on) == (None, None, None)
        with pytest.raises(Refused, match="only marked or deactivated"):
            restore_user(session, "on")
        with pytest.raises(Refused, match="no user with the login 'ghost'"):
            restore_user(session, "ghost")
    with session_scope(engine) as session:
        assert expire_due(session, PURGE_ON).deactivated == 0
        assert purge_due(session, PURGE_ON) == []


def test_periods_per_account_type(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert [p.as_dict() for p in get_periods(session)][1] == {
            "account_type": "student",
            "tolerance_days": 30,
            "deletion_days": 60,
        }
        changed = set_periods(session, "teacher", tolerance_days=14)
        assert (changed.tolerance_days, changed.deletion_days) == (14, 60)
        set_periods(session, "teacher", deletion_days=0)
        with pytest.raises(Refused, match="between 0 and 3650"):
            set_periods(session, "staff", tolerance_days=-1)
        with pytest.raises(Refused, match="not an account type"):
            set_periods(session, "alumni", tolerance_days=3)
    with session_scope(engine) as session:
        periods = {
            p.account_type: (p.tolerance_days, p.deletion_days) for p in get_periods(session)
        }
    assert periods == {"staff": (30, 60), "student": (30, 60), "teacher": (14, 0)}
