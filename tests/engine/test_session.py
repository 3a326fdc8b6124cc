"""ImportSession's snapshot loaded in the background while the file is read."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from app.engine.planning.results import ImportOptions, RowAction
from app.engine.reasons import Reason, Refused
from app.engine.session import ImportSession
from tests.conftest import HEADER, YEAR, CsvWriter, Importer

ROWS = [HEADER, ["1", "Adler", "Ada", "5a", ""], ["2", "Berg", "Ben", "5b", ""]]


def session_for(engine: Engine, year: str = YEAR) -> ImportSession:
    return ImportSession(engine, ImportOptions(year=year, account_type="student"))


def test_the_prefetched_snapshot_is_taken_once(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    importer.run(write_csv(ROWS), create_missing_groups="class")
    session = session_for(engine)
    session.prefetch_state()
    session.prefetch_state()  # the same choices: the load already under way counts
    session.load(write_csv([HEADER, ["1", "Adler", "Ada", "5a", ""]], name="b.csv"))
    first = session.load_state()
    assert set(first.users_by_source_id) == {"1", "2"}
    second = session.load_state()  # loaded afresh, not the prefetched one again
    assert second is not first and set(second.users_by_source_id) == {"1", "2"}


def test_a_plan_on_the_prefetched_snapshot_is_the_plan_without_it(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    importer.run(write_csv(ROWS), create_missing_groups="class")
    changed = write_csv([HEADER, ["1", "Adler", "Ada", "6a", ""], ["3", "Cem", "Can", "", ""]])
    plans = []
    for prefetch in (True, False):
        session = session_for(engine)
        session.options.create_missing_groups = "class"
        if prefetch:
            session.prefetch_state()
        session.load(changed)
        plans.append([(r.action, r.values.source_id) for r in session.build_plan().rows])
    assert plans[0] == plans[1] == [(RowAction.UPDATE, "1"), (RowAction.CREATE, "3")]


def test_changed_choices_load_afresh(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    importer.run(write_csv(ROWS), create_missing_groups="class")
    session = session_for(engine)
    session.prefetch_state()
    session.options.account_type = "teacher"  # changed after the prefetch started
    state = session.load_state()
    assert state.account_type == "teacher"


def test_a_failed_prefetch_raises_where_loading_would(engine: Engine, write_csv: CsvWriter) -> None:
    session = session_for(engine, year="1999/00")
    session.prefetch_state()  # no such year: nothing raised yet
    session.load(write_csv(ROWS))
    with pytest.raises(Refused) as err:
        session.build_plan()
    without = session_for(engine, year="1999/00")
    without.load(write_csv(ROWS))
    with pytest.raises(Refused) as plain:
        without.build_plan()
    assert err.value.message.reason is plain.value.message.reason is Reason.YEAR_NOT_FOUND
    assert err.value.text() == plain.value.text()


def test_close_waits_for_a_load_nobody_took(engine: Engine, write_csv: CsvWriter) -> None:
    session = session_for(engine)
    session.prefetch_state()
    session.close()  # e.g. the file could not be read
    assert session._prefetched is None
    session.load(write_csv(ROWS))
    assert [r.action for r in session.build_plan().rows] == [RowAction.CREATE] * 2


def test_the_groups_page_needs_match_the_plans(
    engine: Engine, importer: Importer, write_csv: CsvWriter
) -> None:
    importer.run(write_csv(ROWS), create_missing_groups="class")  # 5a and 5b exist
    rows = [
        ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse"],
        ["1", "Adler", "Ada", "5A ", "Chor, Theater"],
        ["7", "", "Ohne Namen", "7c", "chor"],  # invalid, but its groups count too
        ["3", "Cem", "Can", "5b", "Theater, Robotik"],
    ]
    session = session_for(engine)
    session.load(write_csv(rows, name="g.csv"))
    needs = session.group_needs()
    plan_needs = session.build_plan().groups
    assert needs == plan_needs
    assert [n.name for n in needs.values()] == ["5a", "Chor", "Theater", "7c", "5b", "Robotik"]
    assert [n.missing for n in needs.values()] == [False, True, True, True, False, True]


def test_rows_checked_for_another_table_are_refused(engine: Engine, write_csv: CsvWriter) -> None:
    from app.engine.planning.planner import build_plan, check_rows
    from app.engine.planning.validation import CheckedRows

    session = session_for(engine)
    session.load(write_csv(ROWS))
    table, mapping = session.require_table(), session.require_mapping()
    state = session.load_state()
    checked = check_rows(table, mapping)
    plan = build_plan(table, mapping, session.options, state, checked=checked)
    assert [r.values for r in plan.rows] == checked.values
    short = CheckedRows(checked.values[:1], {}, checked.group_lists, checked.columns)
    with pytest.raises(ValueError, match="another table"):
        build_plan(table, mapping, session.options, state, checked=short)
