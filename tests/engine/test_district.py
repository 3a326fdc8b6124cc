"""A school's import on a directory shared by several schools: the snapshot holds the
school, and the other schools are asked only what the file needs (``district.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, func, insert, select

from app.db import alembic_config, init_database, session_scope, set_setting
from app.engine.admin import directory
from app.engine.admin.undo import undo_run
from app.engine.applying.store import RESERVED_KEY
from app.engine.planning import district
from app.engine.planning.district import FileKeys
from app.engine.planning.results import ConflictKind, RowAction
from app.engine.reasons import StalePlan
from app.engine.session import ImportSession
from app.models import School, UsedLogin, User, utcnow
from tests.conftest import HEADER

NEIGHBOUR = "Nachbarschule"


@pytest.fixture
def neighbour(engine) -> str:
    with session_scope(engine) as session:
        directory.add_school(session, NEIGHBOUR)
    return NEIGHBOUR


def logins(engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.scalars(select(User.login).order_by(User.login)))


@contextmanager
def before_0006(engine: Engine) -> Iterator[None]:
    """The schema as it was before migration 0006 (a user's login was not always in
    ``used_logins``), then migrated to the newest again as the program does."""
    config = alembic_config(engine)
    previous = ScriptDirectory.from_config(config).get_revision("0006").down_revision
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, str(previous))
    yield
    init_database(engine)


def test_logins_stay_unique_across_schools_when_one_school_is_loaded(
    importer, write_csv, engine, neighbour
):
    twins = [["2001", "Muster", "Max", "5a", ""], ["2002", "Muster", "Max", "5a", ""]]
    importer.run(
        write_csv([HEADER, *twins], name="n.csv"), school=neighbour, create_missing_groups="class"
    )
    with session_scope(engine) as session:  # given once, its user long gone
        session.execute(insert(UsedLogin).values(login="max.muster3", first_used_at=utcnow()))
    # A user that an older program (or a hand) left with its login only in ``users``:
    # migration 0006 records it, and the district's one login question finds it.
    with before_0006(engine), session_scope(engine) as session:
        school = session.scalar(select(School.id).where(School.name == neighbour))
        session.execute(insert(User).values(**_user(school, "2003", "max.muster4")))
    with session_scope(engine) as session:
        assert session.get(UsedLogin, "max.muster4") is not None

    rows = [["1001", "Muster", "Max", "5a", ""], ["1002", "Muster", "Max", "5a", ""]]
    session = importer.plan(write_csv([HEADER, *rows]), create_missing_groups="class")
    plan = session.plan
    assert plan is not None
    # Only this school's users are in the snapshot: none of the neighbour's.
    assert plan.state.users_by_source_id == {}
    assert "max.muster" not in plan.state.login_owner
    assert [r.login for r in plan.rows] == ["max.muster5", "max.muster6"]
    session.apply()
    assert logins(engine) == [
        "max.muster",
        "max.muster2",
        "max.muster4",
        "max.muster5",
        "max.muster6",
    ]


def _user(school_id: int | None, source_id: str, login: str) -> dict[str, object]:
    now = utcnow()
    return {
        "school_id": school_id,
        "source": "table",
        "source_id": source_id,
        "account_type": "student",
        "last_name": "Muster",
        "first_name": "Max",
        "login": login,
        "must_change_password": True,
        "status": "active",
        "created_at": now,
        "updated_at": now,
    }


def test_every_users_login_is_in_used_logins(importer, write_csv, engine, neighbour):
    """What the one login question relies on: the run records the logins it gives
    and the ones it changes to, and undo only brings back recorded ones."""

    def unrecorded() -> set[str]:
        with session_scope(engine) as db:
            users = set(db.scalars(select(User.login)))
            return users - set(db.scalars(select(UsedLogin.login)))

    rows = [["1001", "Muster", "Max", "5a", ""], ["1002", "Berg", "Ben", "5a", ""]]
    importer.run(write_csv([HEADER, *rows]), create_missing_groups="class")
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", ""]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    assert unrecorded() == set()
    header = [*HEADER, "Login"]
    renamed = [["1001", "Muster", "Max", "5b", "", "max.neu"], [*rows[1], ""]]
    session = importer.run(
        write_csv([header, *renamed], name="r.csv"), create_missing_groups="class"
    )
    assert session.result is not None
    assert logins(engine) == ["ben.berg", "max.muster2", "max.neu"]
    assert unrecorded() == set()
    with session_scope(engine) as db:
        undo_run(db, session.result.run_id)
    assert logins(engine) == ["ben.berg", "max.muster", "max.muster2"]
    assert unrecorded() == set()
    # A login only ever recorded (max.neu) is given to nobody else.
    path = write_csv([header, ["1003", "Neu", "Max", "5a", "", "max.neu"]], name="t.csv")
    plan = importer.plan(path, create_missing_groups="class").plan
    assert plan is not None and plan.rows[0].conflict is not None
    assert plan.rows[0].conflict.kind is ConflictKind.LOGIN_TAKEN


def test_a_login_of_the_file_taken_in_another_school_is_a_conflict(
    importer, write_csv, engine, neighbour
):
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", ""]]),
        school=neighbour,
        create_missing_groups="class",
    )
    header = [*HEADER, "Login"]
    path = write_csv([header, ["1001", "Berg", "Ben", "5a", "", "max.muster"]], name="l.csv")
    plan = importer.plan(path, create_missing_groups="class").plan
    assert plan is not None
    row = plan.rows[0]
    assert row.action is RowAction.CONFLICT
    assert row.conflict is not None and row.conflict.kind is ConflictKind.LOGIN_TAKEN


def test_users_of_other_schools_are_found_by_the_files_keys(importer, write_csv, engine, neighbour):
    other = [
        ["3001", "Weiß", "Anna", "5a", "01.02.2014"],  # another source: a look-alike
        ["3002", "Berg", "Ben", "5a", "02.03.2014"],
    ]
    importer.run(
        write_csv([HEADER, *other], name="o.csv"),
        school=neighbour,
        source="ldap",
        create_missing_groups="class",
    )
    importer.run(
        write_csv([HEADER, ["4001", "Kern", "Kai", "5a", ""]], name="k.csv"), school=neighbour
    )
    rows = [
        ["1001", "Weiß", "Anna", "5a", "02.02.2014"],  # born another day
        ["1002", "weiß", "ANNA", "5a", "01.02.2014"],  # names in another case
        ["4001", "Kern", "Kai", "5a", ""],  # the neighbour's pupil, by source ID
    ]
    plan = importer.plan(write_csv([HEADER, *rows]), create_missing_groups="class").plan
    assert plan is not None
    first, second, moved = plan.rows
    assert first.action is RowAction.CREATE
    assert second.conflict is not None
    assert second.conflict.kind is ConflictKind.POSSIBLE_DUPLICATE
    assert moved.user_id is not None and moved.action is not RowAction.CREATE
    assert plan.state.users_by_source_id.keys() == {"4001"}


def test_a_login_taken_elsewhere_after_the_plan_makes_it_stale(
    importer, write_csv, engine, neighbour
):
    path = write_csv([HEADER, ["1001", "Muster", "Max", "5a", ""]])
    session = importer.plan(path, create_missing_groups="class")
    assert session.plan is not None and session.plan.rows[0].login == "max.muster"
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", ""]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    with pytest.raises(StalePlan):
        session.apply()
    with session_scope(engine) as db:
        assert db.scalar(select(func.count()).select_from(User)) == 1


def test_a_login_recorded_as_used_after_the_plan_makes_it_stale(importer, write_csv, engine):
    """The run does not look its new logins up in used_logins again (the plan and the
    stale-plan check asked): one given meanwhile, by a user since gone, refuses the
    run and leaves nothing behind."""
    session = importer.plan(
        write_csv([HEADER, ["1001", "Muster", "Max", "5a", ""]]), create_missing_groups="class"
    )
    assert session.plan is not None and session.plan.rows[0].login == "max.muster"
    with session_scope(engine) as db:
        db.execute(insert(UsedLogin).values(login="max.muster", first_used_at=utcnow()))
    with pytest.raises(StalePlan):
        session.apply()
    with session_scope(engine) as db:
        assert db.scalar(select(func.count()).select_from(User)) == 0
        assert db.scalar(select(func.count()).select_from(UsedLogin)) == 1


def test_a_reserved_variant_is_skipped_and_still_enough_are_asked(
    importer, write_csv, engine, neighbour
):
    with session_scope(engine) as session:
        set_setting(session, RESERVED_KEY, ["admin", "max.muster2"])
    triplets = [[str(2001 + n), "Muster", "Max", "5a", ""] for n in range(3)]
    importer.run(
        write_csv([HEADER, *triplets], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    assert logins(engine) == ["max.muster", "max.muster3", "max.muster4"]
    # One row: the base and its first variant are not enough (taken, reserved), and
    # what the allocator reaches next must have been asked too.
    session = importer.run(
        write_csv([HEADER, ["1001", "Muster", "Max", "5a", ""]]), create_missing_groups="class"
    )
    assert session.plan is not None and session.plan.rows[0].login == "max.muster5"


def test_the_schools_own_rows_ask_nothing_and_plan_as_if_they_had(
    importer, write_csv, engine, neighbour, monkeypatch
):
    """Rows the snapshot matches by source ID are left out of the keys (no other
    school can hold their ID; they need no new login): the plan is the one that
    asking for every row gives."""
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", "01.02.2014"]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    mine = [
        ["1001", "Muster", "Max", "5a", "01.02.2014"],
        ["1002", "Muster", "Max", "5a", ""],
        ["1003", "Weiß", "Jürgen", "5a", "03.04.2014"],
    ]
    importer.run(write_csv([HEADER, *mine]), create_missing_groups="class")
    update = [
        ["1001", "Muster", "Max", "5b", "01.02.2014"],  # the same, another class
        ["1003", "Weiss", "Jürgen", "5a", "03.04.2014"],  # renamed
        ["1004", "Muster", "Max", "5a", "01.02.2014"],  # new: a third max.muster
        ["1005", "Weiß", "Jürgen", "5a", ""],  # new: juergen.weiss is taken
        ["", "Ohne", "Nummer", "5a", ""],  # invalid
    ]
    path = write_csv([HEADER, *update], name="u.csv")

    def outcome() -> tuple[list[tuple[object, ...]], FileKeys]:
        session = importer.plan(path, create_missing_groups="class", detect_expired=True)
        plan = session.plan
        assert plan is not None and plan.state.keys is not None
        rows = [(r.action, r.login, r.new_login, r.conflict and r.conflict.kind) for r in plan.rows]
        return rows, plan.state.keys

    rows, keys = outcome()
    assert sorted(keys.source_ids) == ["1004", "1005"]
    assert sorted(keys.bases) == ["juergen.weiss", "max.muster"]
    assert list(keys.based_rows) == [2, 3]
    assert keys.bases_of([3, 2]) == [keys.row_bases[1], keys.row_bases[0]]
    every_row = district.file_keys

    def asking_for_every_row(checked, scheme, reserved=(), known=(), others=True, own_logins=()):
        return every_row(checked, scheme, reserved, others=others)

    monkeypatch.setattr(district, "file_keys", asking_for_every_row)
    all_rows, all_keys = outcome()
    assert sorted(all_keys.source_ids) == ["1001", "1003", "1004", "1005"]
    assert rows == all_rows
    assert [r[1] for r in rows[2:4]] == ["max.muster4", "juergen.weiss2"]


def test_the_schools_own_logins_in_login_cells_are_not_asked_and_plan_as_if_they_were(
    importer, write_csv, engine, neighbour, monkeypatch
):
    """A login cell that a user of the school already has (in the snapshot) is taken
    whoever asks: it is left out of the logins asked, and the plan is the one that
    asking for it gives (its own user keeps it, another row may not have it)."""
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", ""]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    mine = [["1001", "Muster", "Max", "5a", ""], ["1002", "Muster", "Max", "5a", ""]]
    importer.run(write_csv([HEADER, *mine]), create_missing_groups="class")
    assert logins(engine) == ["max.muster", "max.muster2", "max.muster3"]
    update = [
        ["1001", "Muster", "Max", "5b", "", "max.muster2"],  # its own login
        ["1002", "Muster", "Max", "5b", "", "max.muster2"],  # another user's of the school
        ["1004", "Muster", "Max", "5a", "", ""],  # new: the next max.muster
        ["1005", "Berg", "Ben", "5a", "", "max.muster5"],  # new, a login of its own
        ["1006", "Kern", "Kai", "5a", "", "max.muster"],  # the neighbour's
    ]
    path = write_csv([[*HEADER, "Login"], *update], name="u.csv")

    def outcome() -> tuple[list[tuple[object, ...]], FileKeys]:
        plan = importer.plan(path, create_missing_groups="class").plan
        assert plan is not None and plan.state.keys is not None
        rows = [(r.action, r.login, r.new_login, r.conflict and r.conflict.kind) for r in plan.rows]
        return rows, plan.state.keys

    rows, keys = outcome()
    assert sorted(keys.logins) == ["max.muster", "max.muster5"]
    every_cell = district.file_keys

    def asking_for_every_cell(checked, scheme, reserved=(), known=(), others=True, own_logins=()):
        return every_cell(checked, scheme, reserved, known, others)

    monkeypatch.setattr(district, "file_keys", asking_for_every_cell)
    all_rows, all_keys = outcome()
    assert sorted(all_keys.logins) == ["max.muster", "max.muster2", "max.muster5"]
    assert rows == all_rows
    taken = ConflictKind.LOGIN_TAKEN
    assert [(r[1], r[3]) for r in rows] == [
        ("max.muster2", None),
        ("max.muster3", taken),
        ("max.muster4", None),
        ("max.muster5", None),
        ("kai.kern", taken),  # the login it would get instead
    ]


def test_look_alikes_are_asked_only_when_other_schools_have_another_source(
    importer, write_csv, engine, neighbour, monkeypatch
):
    """Only users of another source can be a possible duplicate of a new row: when
    the other schools have none, the look-alikes are not asked, the plan is the one
    asking gives, and a user of another source added meanwhile makes it stale."""
    born = "01.02.2014"
    importer.run(
        write_csv([HEADER, ["2001", "Berg", "Ben", "5a", born]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    path = write_csv([HEADER, ["1001", "Weiß", "Anna", "5a", born]])
    asked: list[int] = []
    alike = district.users_alike

    def counted(conn, columns, school_id, source, people):
        asked.append(len(people))
        return alike(conn, columns, school_id, source, people)

    monkeypatch.setattr(district, "users_alike", counted)

    def outcome() -> tuple[ImportSession, list[tuple[object, ...]]]:
        session = importer.plan(path, create_missing_groups="class")
        assert session.plan is not None
        rows = [(r.action, r.login, r.conflict and r.conflict.kind) for r in session.plan.rows]
        return session, rows

    session, rows = outcome()
    assert asked == [] and rows == [(RowAction.CREATE, "anna.weiss", None)]
    with monkeypatch.context() as always:
        always.setattr(district, "other_sources", lambda conn, school_id, source: True)
        assert outcome()[1] == rows
    assert asked == [1]
    importer.run(
        write_csv([HEADER, ["3001", "Weiß", "Anna", "5a", born]], name="o.csv"),
        school=neighbour,
        source="ldap",
        create_missing_groups="class",
    )
    with pytest.raises(StalePlan):
        session.apply()
    rows = outcome()[1]
    assert rows[0][2] is ConflictKind.POSSIBLE_DUPLICATE


def test_a_school_alone_asks_about_no_one(importer, write_csv, engine, neighbour):
    """No other school has users: neither source IDs nor people are asked about (an
    empty keys list), and the plan still refuses to go stale once one has."""
    rows = [["1001", "Muster", "Max", "5a", "01.02.2014"], ["1002", "Muster", "Max", "5a", ""]]
    asked: list[int] = []
    have_users = district.other_schools_have_users

    def counted(conn: Connection, school_id: int) -> bool:
        asked.append(school_id)
        return have_users(conn, school_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(district, "other_schools_have_users", counted)
        session = importer.plan(write_csv([HEADER, *rows]), create_missing_groups="class")
    assert len(asked) == 1  # once per plan: the file's keys and its questions share it
    plan = session.plan
    assert plan is not None and plan.state.keys is not None
    keys = plan.state.keys
    assert (keys.others, keys.source_ids, keys.people) == (False, [], [])
    assert keys._counted is None  # (no login asked about: the bases were not counted)
    assert keys.bases == {"max.muster": 2} and keys.linked == set()
    assert [r.login for r in plan.rows] == ["max.muster", "max.muster2"]
    importer.run(
        write_csv([HEADER, ["2001", "Muster", "Max", "5a", "01.02.2014"]], name="n.csv"),
        school=neighbour,
        create_missing_groups="class",
    )
    with pytest.raises(StalePlan):
        session.apply()
