"""The planner's columnar classification (new rows created together, their logins
allocated one after the other) gives the plan the row-by-row one gives, for files of
new, existing, invalid and duplicated rows, with and without groups, against a
directory whose users' logins collide with the new ones."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.db import open_database, session_scope
from app.engine.admin import directory
from app.engine.applying.apply import apply_plan
from app.engine.planning import planner
from app.engine.planning.mapping import auto_map
from app.engine.planning.plan import Plan
from app.engine.planning.results import ImportOptions, RunInfo
from app.engine.reading.table import FileKind, Table
from app.engine.session import ImportSession

WITH_GROUPS = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse"]
GROUP_CELLS = ["5a", "5A", "6b", "Chor, Theater", ""]

row = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "5", "6", "7"]),  # 1–3 exist; duplicates likely
    st.sampled_from(["Müller", "Weiß", "", "Muller"]),  # no last name: invalid
    st.sampled_from(["Anna", "Ben", "Änna"]),  # logins collide and get numbers
    st.sampled_from(GROUP_CELLS),
    st.sampled_from(GROUP_CELLS),
)


def options(**choices: object) -> ImportOptions:
    return ImportOptions(
        year="2026/27",
        account_type="student",
        create_missing_groups="class",
        generate_passwords=False,
        datasafe_password=False,
        **choices,  # type: ignore[arg-type]
    )


def plan_of(engine: Engine, rows: list[list[str]], headers: list[str], **choices: object) -> Plan:
    data = [cells[: len(headers)] for cells in rows]
    table = Table(headers, data, list(range(2, len(data) + 2)), FileKind.CSV)
    session = ImportSession(engine, options(**choices))
    session.table, session.mapping = table, auto_map(headers)
    return session.build_plan()


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """A directory holding the users 1–3 (``anna.mueller``, ``ben.mueller``, …)."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 's.db'}")
        with session_scope(engine) as session:
            directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
        first = [
            ["1", "Müller", "Anna", "5a", ""],
            ["2", "Müller", "Ben", "6b", "Chor"],
            ["3", "Weiß", "Anna", "", ""],
        ]
        plan = plan_of(engine, first, WITH_GROUPS)
        apply_plan(engine, plan, RunInfo("first.csv", "0" * 64))
        yield engine
        engine.dispose()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(row.map(list), min_size=1, max_size=12),
    groups=st.booleans(),
    match_users=st.booleans(),
    detect_expired=st.booleans(),
)
def test_the_columnar_classification_is_the_row_by_row_one(
    engine: Engine,
    rows: list[list[str]],
    groups: bool,
    match_users: bool,
    detect_expired: bool,
) -> None:
    headers = WITH_GROUPS if groups else WITH_GROUPS[:3]
    choices = {"match_users": match_users, "detect_expired": detect_expired}
    taken: list[bool] = []
    columnar = planner._Planner._columnar

    def spied(self: planner._Planner, checked: planner.CheckedRows) -> bool:
        taken.append(columnar(self, checked))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(planner._Planner, "_columnar", spied)
        fast = plan_of(engine, rows, headers, **choices)
        patch.setattr(planner._Planner, "_columnar", lambda self, checked: False)
        slow = plan_of(engine, rows, headers, **choices)
    assert taken == [True]  # the directory holds no look-alike of another source
    assert fast.rows == slow.rows
    assert fast.expiries == slow.expiries
    assert fast.groups == slow.groups


def test_a_login_cell_or_a_look_alike_takes_the_row_by_row_way(engine: Engine) -> None:
    """Where a row's login or a similar user decides, the rows go one by one."""
    taken: list[bool] = []
    columnar = planner._Planner._columnar

    def spied(self: planner._Planner, checked: planner.CheckedRows) -> bool:
        taken.append(columnar(self, checked))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(planner._Planner, "_columnar", spied)
        headers = ["Interne ID-Nummer", "Nachname", "Vorname", "Login"]
        plan = plan_of(engine, [["9", "Kurz", "Ida", "anna.mueller"]], headers)
        plan_of(engine, [["9", "Kurz", "Ida", ""]], headers)
    assert taken == [False, True]
    assert plan.rows[0].conflict is not None  # the login is taken
