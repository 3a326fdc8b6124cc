"""Undo of the last import (SPEC §3): a full dump equals the state before the run; an
undo is refused, with the records named, once anything the run touched changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.admin import directory
from app.engine.admin.lifecycle import restore_user
from app.engine.admin.undo import BlockerKind, last_undoable_run, preview_undo, undo_run
from app.engine.reasons import Refused
from app.models import Group, GroupType, ImportRun, Membership, RunStatus, UsedLogin, User
from tests.conftest import Importer

HEADER = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Geburtsdatum", "E-Mail"]
FIRST = [
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014", ""],
    ["1002", "Weiß", "Anna", "5a", "01.02.2014", "anna@example.org"],
    ["1003", "Özdemir", "Ömer", "5b", "", ""],
    ["1004", "Berg", "Dana", "5b", "24.12.2013", ""],
    ["1005", "Kaya", "Cem", "5b", "", ""],
]
# The run to undo: a field change, a group change into a created group, an unchanged
# row, a reactivation, a new user, and an expiry (1004 is missing).
THIRD = [
    ["1001", "Müller-Lang", "Jürgen", "5a", "03.05.2014", "j.mueller@example.org"],
    ["1002", "Weiß", "Anna", "6a", "01.02.2014", "anna@example.org"],
    ["1003", "Özdemir", "Ömer", "5b", "", ""],
    ["1005", "Kaya", "Cem", "5b", "", "cem@example.org"],
    ["1006", "Neu", "Nina", "6a", "", ""],
]
OPTIONS: dict[str, Any] = {
    "create_missing_groups": "class",
    "generate_passwords": False,
    "datasafe_password": False,
}


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of users, memberships and groups."""
    tables = {"users": User, "memberships": Membership, "groups": Group}
    data: dict[str, list[tuple[Any, ...]]] = {}
    with session_scope(engine) as session:
        for name, model in tables.items():
            columns = list(model.__table__.columns)
            rows = session.execute(select(*columns).order_by(*columns[:2])).all()
            data[name] = [tuple(row) for row in rows]
    return data


def run(importer: Importer, path: Path, **options: Any) -> int:
    session = importer.run(path, **{**OPTIONS, **options})
    assert session.result is not None
    return session.result.run_id


@pytest.fixture
def history(engine: Engine, importer: Importer, write_csv: Callable[..., Path]) -> dict[str, Any]:
    """Run 1 creates everybody, a manual membership is added, run 2 marks 1005."""
    first = run(importer, write_csv([HEADER, *FIRST], name="a.csv"))
    with session_scope(engine) as session:
        theater = directory.add_group(session, "AG Theater", GroupType.MANUAL, None, "")
        directory.add_members(session, theater, ["juergen.mueller", "anna.weiss"])
    after_first = dump(engine)
    second = run(importer, write_csv([HEADER, *FIRST[:4]], name="b.csv"), detect_expired=True)
    return {"first": first, "second": second, "after_first": after_first}


def test_undo_restores_the_database_exactly(
    engine: Engine, importer: Importer, write_csv: Callable[..., Path], history: dict[str, Any]
) -> None:
    before = dump(engine)
    third = run(importer, write_csv([HEADER, *THIRD], name="c.csv"), detect_expired=True)
    with session_scope(engine) as session:
        run_row = session.get_one(ImportRun, third)
        assert (run_row.created, run_row.updated, run_row.reactivated) == (1, 2, 1)
        assert (run_row.expired, run_row.groups_created) == (1, 1)
    assert dump(engine) != before

    with session_scope(engine) as session:
        assert last_undoable_run(session, run_row.school_id) == third
        plan = preview_undo(session, third)
    assert plan.possible and plan.blockers == []
    assert plan.users_to_delete == ["nina.neu"]
    assert plan.groups_to_delete == ["6a"]
    assert [u.login for u in plan.expiries_to_lift] == ["dana.berg"]
    restored = {u.login: {c.field: c.new for c in u.changes} for u in plan.users_to_restore}
    assert restored["juergen.mueller"]["last_name"] == "Müller"
    assert restored["cem.kaya"]["status"] == "marked_for_deletion"
    assert ("anna.weiss", "5a") in plan.memberships_to_restore
    assert ("anna.weiss", "6a") in plan.memberships_to_remove

    with session_scope(engine) as session:
        result = undo_run(session, third)
    assert result.as_dict() == {
        "run_id": third,
        "users_deleted": 1,
        "users_restored": 2,
        "expiries_lifted": 1,
        "memberships_removed": 2,
        "memberships_restored": 1,
        "groups_deleted": 1,
    }
    assert dump(engine) == before
    with session_scope(engine) as session:
        assert session.get_one(ImportRun, third).status == RunStatus.UNDONE.value
        assert session.get(UsedLogin, "nina.neu") is not None  # never given again
        with pytest.raises(Refused, match="undone already"):
            undo_run(session, third)
    # Now run 2 is the last import again, and undoing it too goes back further.
    with session_scope(engine) as session:
        undo_run(session, history["second"])
    assert dump(engine) == history["after_first"]


def test_only_the_last_import_can_be_undone(engine: Engine, history: dict[str, Any]) -> None:
    with session_scope(engine) as session, pytest.raises(Refused, match="not the school's last"):
        undo_run(session, history["first"])
    with session_scope(engine) as session, pytest.raises(Refused, match="no user import run"):
        preview_undo(session, 999)


def test_undo_is_refused_after_a_later_change_and_names_it(
    engine: Engine, importer: Importer, write_csv: Callable[..., Path], history: dict[str, Any]
) -> None:
    third = run(importer, write_csv([HEADER, *THIRD], name="c.csv"), detect_expired=True)
    with session_scope(engine) as session:
        theater = directory.find_group(session, "AG Theater", None)
        directory.add_members(session, theater, ["nina.neu"])
        restore_user(session, "dana.berg")
    before = dump(engine)
    with session_scope(engine) as session:
        plan = preview_undo(session, third)
    kinds = {(b.kind, b.login, b.group) for b in plan.blockers}
    assert (BlockerKind.MEMBERSHIP_ADDED, "nina.neu", "AG Theater") in kinds
    assert (BlockerKind.USER_CHANGED, "dana.berg", "") in kinds
    with session_scope(engine) as session, pytest.raises(Refused) as caught:
        undo_run(session, third)
    message = caught.value.text()
    assert "nina.neu was added to the group AG Theater after the run" in message
    assert "user dana.berg was changed after the run" in message
    assert dump(engine) == before


def test_membership_removed_later_blocks(
    engine: Engine, importer: Importer, write_csv: Callable[..., Path], history: dict[str, Any]
) -> None:
    third = run(importer, write_csv([HEADER, *THIRD], name="c.csv"), detect_expired=True)
    with session_scope(engine) as session:
        group = session.scalar(select(Group).where(Group.name == "6a"))
        assert group is not None
        user = session.scalar(select(User).where(User.login == "anna.weiss"))
        assert user is not None
        member = session.get_one(Membership, (user.id, group.id))
        session.delete(member)
    with session_scope(engine) as session:
        blockers = preview_undo(session, third).blockers
    assert [b.text() for b in blockers] == [
        "anna.weiss was removed from the group 6a after the run"
    ]


def test_archived_run_cannot_be_undone(engine: Engine, history: dict[str, Any]) -> None:
    with session_scope(engine) as session:
        run_row = session.get_one(ImportRun, history["second"])
        run_row.status = RunStatus.ARCHIVED.value
        run_row.before_image = None
    with session_scope(engine) as session, pytest.raises(Refused, match="archived"):
        undo_run(session, history["second"])
    with session_scope(engine) as session:
        assert last_undoable_run(session, run_row.school_id) is None
