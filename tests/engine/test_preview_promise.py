"""The run does what the preview promised: for any memberships users already hold (in
groups of every type, this year, permanent or of another year) and any groups a file
names, applying succeeds and each user's groups change by exactly the groups the
preview listed as added and removed."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from app.db import open_database, session_scope
from app.engine.admin import directory
from app.engine.planning.results import ImportOptions, RowAction
from app.engine.session import ImportSession
from app.models import Group, GroupType, Membership, User, UserStatus
from tests.conftest import HEADER, YEAR

# name: (type, whose year: "this", "old" or None for permanent)
GROUPS = {
    "5a": (GroupType.CLASS, "this"),
    "5b": (GroupType.CLASS, "this"),
    "Chor": (GroupType.COURSE, "this"),
    "Robotik": (GroupType.TEAM, "this"),
    "Förderverein": (GroupType.MANUAL, "this"),
    "Alle": (GroupType.SYSTEM, None),
    "Bibliothek": (GroupType.COURSE, None),
    "4a": (GroupType.CLASS, "old"),
}
IN_SCOPE = [name for name, (_type, year) in GROUPS.items() if year != "old"]
PEOPLE = [("1001", "Müller", "Jürgen"), ("1002", "Weiß", "Anna"), ("1003", "Öz", "Ömer")]
NAMEABLE = [*IN_SCOPE, "Neu"]  # "Neu" does not exist yet: the run creates it

held_groups = st.lists(st.sets(st.sampled_from(list(GROUPS))), min_size=3, max_size=3)
file_groups = st.lists(st.lists(st.sampled_from(NAMEABLE), unique=True), min_size=3, max_size=3)


def write(path: Path, groups: list[list[str]]) -> Path:
    rows = [HEADER] + [
        [sid, last, first, ", ".join(names), ""]
        for (sid, last, first), names in zip(PEOPLE, groups, strict=True)
    ]
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    return path


def memberships(engine: Engine) -> dict[str, set[str]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(User.source_id, Group.name)
            .join(Membership, Membership.user_id == User.id)
            .join(Group, Group.id == Membership.group_id)
        ).all()
    found: dict[str, set[str]] = {sid: set() for sid, _last, _first in PEOPLE}
    for sid, name in rows:
        found[sid].add(name)
    return found


def managed(name: str) -> bool:
    """Whether the file decides this group's members (this year's or permanent, not
    manual or system; "Neu" is created as a course)."""
    if name == "Neu":
        return True
    group_type, year = GROUPS[name]
    return year != "old" and group_type not in (GroupType.MANUAL, GroupType.SYSTEM)


def run(engine: Engine, path: Path, **choices: bool) -> ImportSession:
    options = ImportOptions(
        year=YEAR, account_type="student", create_missing_groups="course", **choices
    )
    session = ImportSession(engine, options)
    session.load(path)
    session.build_plan()
    session.apply()
    return session


EXAMPLES = int(os.environ.get("SCHOOLIMPORT_FUZZ_EXAMPLES", "0")) or 40  # ``make fuzz``: more


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(held=held_groups, named=file_groups)
def test_the_run_changes_memberships_exactly_as_previewed(
    held: list[set[str]], named: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'p.db'}")
        try:
            with session_scope(engine) as session:
                years = {
                    "this": directory.add_year(
                        session, YEAR, date(2026, 8, 1), date(2027, 7, 31), current=True
                    ),
                    "old": directory.add_year(
                        session, "2025/26", date(2025, 8, 1), date(2026, 7, 31), current=False
                    ),
                }
            run(engine, write(Path(folder) / "first.csv", [[], [], []]))
            with session_scope(engine) as session:
                for name, (group_type, year) in GROUPS.items():
                    where = None if year is None else session.merge(years[year])
                    group = directory.add_group(session, name, group_type, where)
                    logins = [
                        session.scalar(select(User.login).where(User.source_id == sid))
                        for (sid, _last, _first), groups in zip(PEOPLE, held, strict=True)
                        if name in groups
                    ]
                    directory.add_members(session, group, [x for x in logins if x])
            before = memberships(engine)
            session = run(engine, write(Path(folder) / "second.csv", named))
            after = memberships(engine)
            assert session.plan is not None and session.result is not None
            promised = session.plan.summary().as_dict() | {"run_id": 0}
            assert session.result.summary.as_dict() | {"run_id": 0} == promised
            for row, names in zip(session.plan.rows, named, strict=True):
                sid = row.values.source_id
                assert row.action in (RowAction.UPDATE, RowAction.UNCHANGED)
                expected = (before[sid] - set(row.groups_removed)) | set(row.groups_added)
                assert after[sid] == expected, (sid, before[sid], names)
                assert not set(row.groups_added) & before[sid]  # nothing added twice
                kept = {n for n in before[sid] if not managed(n)}
                assert kept <= after[sid]  # manual, system and other years' groups stay
                assert {n for n in after[sid] if managed(n)} == {n for n in names if managed(n)}
        finally:
            engine.dispose()


STATUSES = st.sampled_from([s.value for s in UserStatus])
SIX = [(f"20{n:02d}", f"Name{n}", f"Vorname{n}") for n in range(6)]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    statuses=st.lists(STATUSES, min_size=6, max_size=6),
    present=st.lists(st.booleans(), min_size=6, max_size=6),
    renamed=st.lists(st.booleans(), min_size=6, max_size=6),
    newcomers=st.integers(0, 2),
)
def test_the_run_changes_users_exactly_as_previewed(
    statuses: list[str], present: list[bool], renamed: list[bool], newcomers: int
) -> None:
    """Any mix of statuses, people missing from the file, renamed or new: each row's
    user ends as the preview said, the missing active ones are marked, nobody else
    changes, and the run's counts are the preview's."""
    assume(any(present) or newcomers)  # a file without rows is refused (tested elsewhere)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'u.db'}")
        try:
            with session_scope(engine) as session:
                directory.add_year(session, YEAR, date(2026, 8, 1), date(2027, 7, 31), True)
            first = [HEADER] + [[sid, last, first, "", ""] for sid, last, first in SIX]
            run(engine, write_rows(Path(folder) / "first.csv", first))
            with session_scope(engine) as session:
                for (sid, _last, _first), status in zip(SIX, statuses, strict=True):
                    user = session.scalars(select(User).where(User.source_id == sid)).one()
                    user.status = status
            before = people(engine)
            rows = [HEADER] + [
                [sid, last + ("-Neu" if rename else ""), first, "", ""]
                for (sid, last, first), here, rename in zip(SIX, present, renamed, strict=True)
                if here
            ]
            rows += [[f"90{n}", "Neu", f"Person{n}", "", ""] for n in range(newcomers)]
            session = run(
                engine,
                write_rows(Path(folder) / "second.csv", rows),
                detect_expired=True,
                allow_mass_expiry=True,
            )
            after = people(engine)
            plan, result = session.plan, session.result
            assert plan is not None and result is not None
            assert result.summary.as_dict() | {"run_id": 0} == plan.summary().as_dict() | {
                "run_id": 0
            }
            touched = set()
            for row in plan.rows:
                sid = row.values.source_id
                touched.add(sid)
                last, status, login = after[sid]
                assert last == row.values.last_name
                assert login == row.login
                if row.action is RowAction.UNCHANGED:
                    assert after[sid] == before[sid]
                else:
                    assert status == UserStatus.ACTIVE
            for row in plan.expiries:
                sid = row.values.source_id
                touched.add(sid)
                assert before[sid][1] == UserStatus.ACTIVE
                assert after[sid][1] == UserStatus.MARKED_FOR_DELETION
            for sid in set(before) - touched:
                assert after[sid] == before[sid]
        finally:
            engine.dispose()


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8")
    return path


def people(engine: Engine) -> dict[str, tuple[str, str, str]]:
    with session_scope(engine) as session:
        rows = session.execute(select(User.source_id, User.last_name, User.status, User.login))
        return {sid: (last, status, login) for sid, last, status, login in rows}
