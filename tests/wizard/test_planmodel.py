"""The preview's model: lazy over the engine's plan, correct by Qt's model tester."""

from __future__ import annotations

import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.engine.applying.apply import apply_plan
from app.engine.planning.mapping import auto_map
from app.engine.planning.plan import Plan
from app.engine.planning.results import ImportOptions, RowAction, RunInfo, ValueColumns
from app.engine.reading.table import FileKind, Table
from app.engine.session import ImportSession
from app.wizard import planmodel
from app.wizard.planmodel import (
    ActionRole,
    PlanFilterProxy,
    PlanTableModel,
    RowPlanRole,
    outcome_counts,
)
from app.wizard.wizard import ImportWizard

pytestmark = pytest.mark.gui


def synthetic_plan(engine: Engine, rows: int) -> Plan:
    headers = ["Nachname", "Vorname", "Klasse", "Interne ID-Nummer", "Geburtsdatum"]
    data = [
        [f"Name{i}", f"Vorname{i}", "5a", str(100000 + i), "kein Datum" if i == 3 else ""]
        for i in range(rows)
    ]
    table = Table(headers, data, list(range(2, rows + 2)), FileKind.CSV)
    session = ImportSession(engine, ImportOptions(year="2026/27", account_type="student"))
    session.table, session.mapping = table, auto_map(headers)
    return session.build_plan()


def all_texts(proxy: PlanFilterProxy) -> list[str]:
    """Every row's search text made at once, now (the texts the proxy makes in idle
    time must be these)."""
    rows = proxy._source_rows()
    return planmodel._texts_between(rows, 0, len(rows))


def test_model_passes_the_qt_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, engine: Engine
) -> None:
    plan = synthetic_plan(engine, 25)
    model = PlanTableModel(plan)
    qtmodeltester.check(model, force_py=False)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=False)


def test_ticks_and_roles_work_on_the_plan_itself(engine: Engine) -> None:
    plan = synthetic_plan(engine, 10)
    model = PlanTableModel(plan)
    tick = model.index(0, PlanTableModel.TICK)
    assert model.data(tick, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(tick, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert plan.rows[0].included is False
    assert plan.summary().skipped == 1
    invalid = model.index(3, PlanTableModel.TICK)
    assert model.data(invalid, ActionRole) == RowAction.INVALID.value
    assert not model.flags(invalid) & Qt.ItemFlag.ItemIsUserCheckable
    assert "not a date" in model.data(model.index(3, PlanTableModel.REASON))
    assert model.data(model.index(5, 0), RowPlanRole) is plan.rows[5]


@pytest.mark.slow
def test_hundred_thousand_rows_without_per_row_objects(engine: Engine) -> None:
    plan = synthetic_plan(engine, 100_000)
    tracemalloc.start()
    model = PlanTableModel(plan)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # A list of 100,000 objects alone would be ~800 kB of pointers; the model holds the plan.
    assert peak < 100_000, peak
    own = {k: v for k, v in vars(model).items() if not k[0].islower() or k == "_plan"}
    assert set(own) == {"_plan"}  # no row list, no per-row cache
    assert model.plan is plan
    assert model.rowCount() == 100_000 and proxy.rowCount() == 100_000
    last = model.index(99_999, PlanTableModel.SOURCE_ID)
    assert model.data(last) == "199999"
    assert model.data(model.index(99_999, PlanTableModel.ACTION)) == "create"
    proxy.set_search("Name99999")
    assert proxy.rowCount() == 1
    proxy.set_search("")
    proxy.set_outcome_shown("created", False)
    assert proxy.rowCount() == 1  # the invalid row


def test_proxy_filters_by_action_and_search(engine: Engine, tmp_path: Path) -> None:
    plan = synthetic_plan(engine, 30)
    model = PlanTableModel(plan)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_outcome_shown("invalid", False)
    assert proxy.rowCount() == 29
    proxy.set_search("vorname1")  # Vorname1, Vorname10..19
    assert proxy.rowCount() == 11


def test_the_outcome_filter_and_counts_make_no_entry(engine: Engine) -> None:
    """The grid asks only for the rows it shows: filtering by outcome and counting the
    filters' rows leave the plan's other new accounts unmade, and still count a tick."""
    plan = synthetic_plan(engine, 40)
    model = PlanTableModel(plan)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    made = len(plan.rows.made())  # the invalid row
    assert plan.rows.waiting == 39 and made == 1
    tick = model.index(7, PlanTableModel.TICK)
    assert model.setData(tick, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(plan.rows.made()) == 2
    proxy.set_outcome_shown("created", False)
    shown = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert shown == [3, 7]  # the invalid row and the unticked one
    assert outcome_counts(plan) == {"created": 38, "skipped": 1, "invalid": 1}
    assert len(plan.rows.made()) == 2  # nothing else made to filter or count
    assert outcome_counts(plan) == Counter(row.outcome for row in plan.rows)


def test_the_first_search_makes_no_entry(engine: Engine) -> None:
    """The search's texts of the entries not made yet come from what they are made of,
    the same texts as of the made ones."""
    plan = synthetic_plan(engine, 40)
    model = PlanTableModel(plan)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    plan.rows[12].included = False  # made, and unticked
    proxy.set_search("vorname1")  # Vorname1, Vorname10..19
    assert proxy.rowCount() == 11
    assert len(plan.rows.made()) == 2  # the invalid row and row 12: nothing else made
    proxy.set_search("vorname12.name12")  # the login of row 12, as planned
    assert [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())] == [12]
    lazy = all_texts(proxy)
    list(plan.rows)  # every entry made: the same texts
    assert all_texts(proxy) == lazy


def test_the_first_search_makes_no_rows_values(engine: Engine) -> None:
    """Nor the rows' values: the texts come from their columns (no RowValues made: at
    100,000 rows making them took the first search 0.12–0.25 s on the interface
    thread), the same texts as of the values made."""
    headers = ["Nachname", "Vorname", "Klasse", "Interne ID-Nummer"]
    data = [[f"Name{i}", f"Vorname{i}", "5a", str(100000 + i)] for i in range(40)]
    session = ImportSession(engine, ImportOptions(year="2026/27", account_type="student"))
    session.table = Table(headers, data, list(range(2, 42)), FileKind.CSV)
    session.mapping = auto_map(headers)
    plan = session.build_plan()
    values = plan.rows.planned()[1]
    assert isinstance(values, ValueColumns) and values.columns() is not None
    proxy = PlanFilterProxy()
    proxy.setSourceModel(PlanTableModel(plan))
    proxy.set_search("5A")  # the groups are searched, case-folded
    assert proxy.rowCount() == 40
    assert values.columns() is not None
    lazy = all_texts(proxy)
    values.made()  # every row's values made: from them, the same texts
    assert values.columns() is None and all_texts(proxy) == lazy


def test_the_question_before_passwords_are_lost_counts_without_making_entries(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The protocol page's count of new accounts (their passwords would be lost) is the
    rows whose effective action is create, counted on the interface thread without
    making the plan's entries."""
    wizard = ImportWizard(engine)
    qtbot.addWidget(wizard)
    plan = synthetic_plan(engine, 3000)
    plan.rows[5].included = False
    wizard.session.plan = plan
    asked: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", warning)
    assert not wizard.protocol_page.confirm_loss()
    assert len(plan.rows.made()) == 2  # the invalid row and the unticked one
    created = sum(1 for row in plan.rows if row.effective_action is RowAction.CREATE)
    assert created == 2998 and "2,998" in asked[0]


def planned_with_expiries(engine: Engine, rows: int, kept: int) -> Plan:
    """A second import of ``kept`` of ``rows`` imported students, the others expiring."""
    apply_plan(engine, synthetic_plan(engine, rows), RunInfo("first.csv", "0" * 64))
    headers = ["Nachname", "Vorname", "Klasse", "Interne ID-Nummer", "Geburtsdatum"]
    data = [[f"Name{i}", f"Vorname{i}", "5a", str(100000 + i), ""] for i in range(kept)]
    options = ImportOptions(
        year="2026/27", account_type="student", detect_expired=True, allow_mass_expiry=True
    )
    again = ImportSession(engine, options)
    again.table = Table(headers, data, list(range(2, kept + 2)), FileKind.CSV)
    again.mapping = auto_map(headers)
    return again.build_plan()


def test_the_search_texts_are_made_in_idle_time(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the rows change, the search's texts are made a few rows per turn of the
    event loop, so that the first letter typed finds them made (at 50,000 rows making
    them at that letter took 30–40 ms of the interface thread); the texts are those
    made at once, expiries included, and making them makes no entry."""
    monkeypatch.setattr(planmodel, "_PREPARED_PER_TURN", 7)
    plan = planned_with_expiries(engine, 40, 25)
    assert len(plan.expiries) == 15
    proxy = PlanFilterProxy()
    proxy.setSourceModel(PlanTableModel(plan))
    made = len(plan.rows.made())
    assert proxy._haystacks is None  # nothing made before the event loop turns
    qtbot.waitUntil(lambda: proxy._haystacks is not None)
    assert proxy._haystacks == all_texts(proxy)
    assert len(proxy._haystacks) == 25 + 15
    assert len(plan.rows.made()) == made
    proxy.set_search("name30")  # an expiry's name
    assert proxy.rowCount() == 1


def test_a_search_before_the_texts_are_made_makes_the_rest(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A letter typed while the texts are still being made makes the rest at once: the
    same rows are found; a change of the rows starts them again."""
    monkeypatch.setattr(planmodel, "_PREPARED_PER_TURN", 7)
    plan = planned_with_expiries(engine, 40, 25)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(PlanTableModel(plan))
    proxy._prepare_some()  # one turn's part
    assert proxy._haystacks is None and sum(map(len, proxy._parts)) == 7
    proxy.set_search("vorname1")  # Vorname1, Vorname10..19 (kept) and none expiring
    assert proxy.rowCount() == 11
    assert proxy._haystacks == all_texts(proxy) and not proxy._parts
    proxy.rows_changed()
    assert proxy._haystacks is None and not proxy._parts
    qtbot.waitUntil(lambda: proxy._haystacks is not None)
    assert proxy._haystacks == all_texts(proxy)
