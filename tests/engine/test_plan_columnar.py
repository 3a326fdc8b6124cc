"""The planner's columnar classification (new rows created together, their logins
allocated one after the other) gives the plan the row-by-row one gives, for files of
new, existing, invalid and duplicated rows, with and without groups, against a
directory whose users' logins collide with the new ones, and against one with
look-alikes of another source."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
from app.engine.planning.results import ConflictKind, ImportOptions, RowAction, RowPlan, RunInfo
from app.engine.planning.state import ExistingUser
from app.engine.reading.table import FileKind, Table
from app.engine.session import ImportSession
from app.models import GroupType
from tests.engine.plans import database_with_year

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


@contextmanager
def columnar_spied() -> Iterator[tuple[list[bool], pytest.MonkeyPatch]]:
    """Whether the planner took the columnar way, once per plan made meanwhile (the
    list), and the patch that may change its choice."""
    taken: list[bool] = []
    columnar = planner._Planner._columnar

    def spied(self: planner._Planner, checked: planner.CheckedRows) -> bool:
        taken.append(columnar(self, checked))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(planner._Planner, "_columnar", spied)
        yield taken, patch


def both_ways(
    engine: Engine, rows: list[list[str]], headers: list[str], **choices: bool
) -> tuple[list[bool], Plan, Plan]:
    """The plan of ``rows`` made the columnar way where the planner takes it (and
    whether it did), and the same plan made row by row."""
    with columnar_spied() as (taken, patch):
        fast = plan_of(engine, rows, headers, **choices)
        patch.setattr(planner._Planner, "_columnar", lambda self, checked: False)
        slow = plan_of(engine, rows, headers, **choices)
    return taken, fast, slow


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """A directory holding the users 1–3 (``anna.mueller``, ``ben.mueller``, …)."""
    with database_with_year() as engine:
        first = [
            ["1", "Müller", "Anna", "5a", ""],
            ["2", "Müller", "Ben", "6b", "Chor"],
            ["3", "Weiß", "Anna", "", ""],
        ]
        plan = plan_of(engine, first, WITH_GROUPS)
        apply_plan(engine, plan, RunInfo("first.csv", "0" * 64))
        yield engine


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
    taken, fast, slow = both_ways(engine, rows, headers, **choices)
    assert taken == [True]  # the directory holds no look-alike of another source
    assert fast.rows == slow.rows
    assert fast.expiries == slow.expiries
    assert fast.groups == slow.groups


@pytest.fixture(scope="module")
def alike_engine() -> Iterator[Engine]:
    """A directory holding users of the source ``table`` and, in another school, of
    ``ldap`` with birth dates: look-alikes of new rows (names differing in case count;
    another birth date does not). (Names in ASCII: SQLite's lower() folds no other
    letters.)"""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'a.db'}")
        with session_scope(engine) as session:
            directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
            directory.add_school(session, "Nachbarschule")
        first = [["1", "Müller", "Anna", "5a", ""], ["2", "Weiß", "Ben", "6b", "Chor"]]
        apply_plan(engine, plan_of(engine, first, WITH_GROUPS), RunInfo("a.csv", "0" * 64))
        ldap = [
            ["L1", "mueller", "ANNA", "01.02.2015"],
            ["L2", "Weiss", "Ben  Tom", "03.04.2014"],
            ["L3", "Muller", "Änna", "05.06.2013"],
        ]
        headers = ["Interne ID-Nummer", "Nachname", "Vorname", "Geburtsdatum"]
        plan = plan_of(engine, ldap, headers, source="ldap", school="Nachbarschule")
        apply_plan(engine, plan, RunInfo("l.csv", "0" * 64))
        yield engine
        engine.dispose()


alike_row = st.tuples(
    st.sampled_from(["1", "2", "5", "6", "7"]),  # 1–2 exist; duplicates likely
    st.sampled_from(["Mueller", "MUELLER", "Weiss", "", "Muller"]),
    st.sampled_from(["Anna", "anna", "Ben  Tom", "BEN  tom", "Änna", "Ben"]),
    st.sampled_from(["01.02.2015", "03.04.2014", "05.06.2013", "", "02.02.2015"]),
    st.sampled_from(GROUP_CELLS),
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(alike_row.map(list), min_size=1, max_size=12), match_users=st.booleans())
def test_look_alikes_of_another_source_classified_columnar_as_row_by_row(
    alike_engine: Engine, rows: list[list[str]], match_users: bool
) -> None:
    """A directory with look-alikes of another source: the new rows that look like
    one are the same conflicts (their logins allocated in the rows' order) both ways."""
    headers = ["Interne ID-Nummer", "Nachname", "Vorname", "Geburtsdatum", "Klasse"]
    taken, fast, slow = both_ways(alike_engine, rows, headers, match_users=match_users)
    assert taken == [True]
    assert fast.rows == slow.rows


def test_a_look_alike_is_found_by_the_columnar_way(alike_engine: Engine) -> None:
    """Names in another case, the same birth date: a possible duplicate; another
    birth date or first name: a new user."""
    headers = ["Interne ID-Nummer", "Nachname", "Vorname", "Geburtsdatum"]
    rows = [
        ["7", "MUELLER", "anna", "01.02.2015"],
        ["8", "Weiss", "ben  TOM", "03.04.2014"],
        ["9", "Mueller", "Anna", "02.02.2015"],
        ["10", "Mueller", "Anne", "01.02.2015"],
    ]
    plan = plan_of(alike_engine, rows, headers)
    kinds = [row.conflict.kind if row.conflict else row.action for row in plan.rows]
    assert kinds == [
        ConflictKind.POSSIBLE_DUPLICATE,
        ConflictKind.POSSIBLE_DUPLICATE,
        RowAction.CREATE,
        RowAction.CREATE,
    ]
    assert all(row.new_login for row in plan.rows)  # allocated, as row by row


def test_the_no_space_table_is_what_split_splits_at() -> None:
    every = {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(planner._NO_SPACE) == every


def test_a_login_cell_takes_the_row_by_row_way(engine: Engine) -> None:
    """Where a row's login decides, the rows go one by one."""
    with columnar_spied() as (taken, _patch):
        headers = ["Interne ID-Nummer", "Nachname", "Vorname", "Login"]
        plan = plan_of(engine, [["9", "Kurz", "Ida", "anna.mueller"]], headers)
        plan_of(engine, [["9", "Kurz", "Ida", ""]], headers)
    assert taken == [False, True]
    assert plan.rows[0].conflict is not None  # the login is taken


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_a_name_that_spaces_would_change_is_never_called_regular(names: list[str]) -> None:
    """The quick test may call a regular name irregular, never the other way: a name
    it lets through is compared as it is, which must then be its folded form."""
    if any(" ".join(name.split()) != name for name in names):
        assert planner._irregular_spaces(names)


def test_regular_names_are_compared_as_they_are() -> None:
    assert not planner._irregular_spaces(["anna 17", "jürgen", "ben tom"])
    assert planner._irregular_spaces(["anna", "ben\u3000tom"])


VARIED = ["Interne ID-Nummer", "Nachname", "Vorname", "Geburtsdatum", "E-Mail", "Klasse", "Kurse"]


@pytest.fixture(scope="module")
def varied_engine() -> Iterator[Engine]:
    """A directory whose users 1–6 stand differently: 1 plain, 2 deactivated, 3 a
    teacher, 4 with the reserved login ``admin``, 5 also in a manual group, 6 of
    another school; with birth dates, e-mail addresses and groups. An unchanged row of
    each but the first is not plainly unchanged (reactivated, a conflict, rejected,
    kept in its manual group, moved)."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{Path(folder) / 'v.db'}")
        with session_scope(engine) as session:
            directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
            directory.add_school(session, "Nachbarschule")
        first = [
            [str(n), "Müller", "Anna", "01.02.2015", "a@b.de", "5a", "Chor"] for n in range(1, 7)
        ]
        apply_plan(engine, plan_of(engine, first, VARIED), RunInfo("v.csv", "0" * 64))
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE users SET status = 'deactivated' WHERE source_id = '2'")
            conn.exec_driver_sql("UPDATE users SET account_type = 'teacher' WHERE source_id = '3'")
            conn.exec_driver_sql("UPDATE users SET login = 'admin' WHERE source_id = '4'")
            conn.exec_driver_sql(
                "UPDATE users SET school_id = (SELECT id FROM schools WHERE name = "
                "'Nachbarschule') WHERE source_id = '6'"
            )
        with session_scope(engine) as session:
            year = directory.find_year(session, "2026/27")
            manual = directory.add_group(session, "Förderverein", GroupType.MANUAL, year)
            login = next(u.login for u in directory.list_users(session) if u.source_id == "5")
            directory.add_members(session, manual, [login])
        yield engine
        engine.dispose()


varied_row = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "5", "6", "7"]),  # 1–6 exist; duplicates likely
    st.sampled_from(["Müller", "Müller", "Weiß"]),  # mostly the user's own name
    st.sampled_from(["Anna", "Anna", "Ben"]),
    st.sampled_from(["01.02.2015", "01.02.2015", "", "02.02.2015"]),
    st.sampled_from(["a@b.de", "a@b.de", "", "c@d.de"]),
    st.sampled_from(["5a", "5a", "6b", ""]),
    st.sampled_from(["Chor", "Chor", "Chor, Förderverein", ""]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(varied_row.map(list), min_size=1, max_size=10),
    width=st.sampled_from([3, 4, 5, 7]),  # without birth dates, e-mail, groups
    match_users=st.booleans(),
)
def test_unchanged_users_found_in_columns_as_row_by_row(
    varied_engine: Engine, rows: list[list[str]], width: int, match_users: bool
) -> None:
    """Existing rows the columnar way finds unchanged in columns (the plain user 1
    with the row's names, birth date, e-mail and groups), and every other existing
    row, get the entries the row-by-row classification gives them."""
    taken, fast, slow = both_ways(varied_engine, rows, VARIED[:width], match_users=match_users)
    assert taken == [True]
    assert fast.rows == slow.rows
    assert fast.expiries == slow.expiries


def test_an_unchanged_file_is_classified_without_a_step_per_row(
    varied_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows the directory holds as they are become unchanged entries without a
    row-by-row classification; the others (deactivated, a teacher, a reserved login,
    a manual group kept, another school) take it, and both equal the row-by-row ones."""
    rows = [[str(n), "Müller", "Anna", "01.02.2015", "a@b.de", "5a", "Chor"] for n in range(1, 7)]
    classified: list[str] = []
    by_row = planner._Planner._classify_existing

    def spied(self: planner._Planner, row: RowPlan, user: ExistingUser) -> None:
        classified.append(user.source_id)
        by_row(self, row, user)

    monkeypatch.setattr(planner._Planner, "_classify_existing", spied)
    taken, fast, slow = both_ways(varied_engine, rows, VARIED)
    assert taken == [True]
    assert classified[:5] == ["2", "3", "4", "5", "6"]  # the columnar plan's
    assert classified[5:] == ["1", "2", "3", "4", "5", "6"]  # the row-by-row one's
    assert fast.rows == slow.rows
    assert [row.action for row in fast.rows] == [
        RowAction.UNCHANGED,
        RowAction.REACTIVATE,
        RowAction.CONFLICT,
        RowAction.INVALID,
        RowAction.UNCHANGED,
        RowAction.UPDATE,
    ]


@pytest.fixture(scope="module")
def empty_engine() -> Iterator[Engine]:
    """A directory with the school year and no user: a school's first import."""
    with database_with_year() as engine:
        yield engine


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row.map(list), min_size=1, max_size=12), groups=st.booleans())
def test_a_first_import_is_classified_columnar_as_row_by_row(
    empty_engine: Engine, rows: list[list[str]], groups: bool
) -> None:
    """An empty directory (every row new, with or without invalid and duplicated
    rows: the first import's shortcuts and the general columnar way)."""
    headers = WITH_GROUPS if groups else WITH_GROUPS[:3]
    taken, fast, slow = both_ways(empty_engine, rows, headers)
    assert taken == [True]
    assert fast.rows == slow.rows
    assert fast.groups == slow.groups


def test_a_first_import_of_valid_rows_takes_every_row_as_new(empty_engine: Engine) -> None:
    """The property above must cover the shortcut: all rows valid and new."""
    rows = [[str(n), "Muster", f"Max {n}", "5a", "Chor"] for n in range(5)]
    with columnar_spied() as (taken, _patch):
        plan = plan_of(empty_engine, rows, WITH_GROUPS)
    assert taken == [True] and plan.rows.waiting == 5
    assert [row.login for row in plan.rows] == [f"max-{n}.muster" for n in range(5)]
