"""A plan's entries for the new accounts of a usual file are made when first asked for
(``PlanRows``): the counts, outcomes and groups of a plan whose entries are partly made
equal those of the same plan with every entry made, row by row; an entry once made is
the same object on every access (from any thread), so a tick on it counts."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.engine.planning import plan as plan_module
from app.engine.planning.plan import Plan
from app.engine.planning.results import COUNT_KEYS, RowAction
from app.models import group_name_key
from tests.engine.plans import GROUP_CELLS, engine_fixture, plan_of  # noqa: F401 (fixture "engine")

row = st.tuples(
    st.sampled_from([str(n) for n in range(1, 13)]),  # some IDs repeat: duplicates
    st.sampled_from(["Müller", "Weiß", ""]),  # no last name: invalid
    st.sampled_from(["Anna", "Ben", "Zoë"]),  # logins collide and get numbers
    st.sampled_from(GROUP_CELLS),
    st.sampled_from(GROUP_CELLS),
)


def figures(plan: Plan) -> tuple[object, ...]:
    """Everything the preview counts, as the plan counts it."""
    return (
        plan.summary(),
        plan.outcome_counts(),
        plan.counts_by_action(),
        [need.name for need in plan.groups_to_create()],
        plan.rows.outcomes(),
    )


def by_definition(plan: Plan) -> tuple[object, ...]:
    """The same, row by row over every entry (which makes them all)."""
    entries = [*plan.rows, *plan.expiries]
    outcomes = Counter(entry.outcome for entry in entries)
    counted = Counter(entry.outcome for entry in plan.rows)
    counted.update(entry.outcome for entry in plan.expiries if entry.included)
    used = {
        group_name_key(name)
        for entry in plan.rows
        if entry.effective_action is not None
        for name in entry.values.groups
    }
    creating = [
        need.name
        for key, need in plan.groups.items()
        if need.create_type is not None and need.group_id is None and key in used
    ]
    summary = plan.summary()
    assert {k: getattr(summary, k) for k in COUNT_KEYS if k != "groups_created"} == {
        k: counted.get(k, 0) for k in COUNT_KEYS if k != "groups_created"
    }
    assert summary.groups_created == len(creating)
    actions = Counter(entry.action for entry in entries)
    return (
        summary,
        outcomes,
        {action: actions.get(action, 0) for action in RowAction},
        creating,
        [entry.outcome for entry in plan.rows],
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row, min_size=1, max_size=12), data=st.data())
@pytest.mark.parametrize("block", [1, 2, 1024])  # the rows' groups looked at per step
def test_counts_are_the_same_whatever_is_made(
    monkeypatch: pytest.MonkeyPatch,
    block: int,
    engine: Engine,
    rows: list[tuple[str, str, str, str, str]],
    data: st.DataObject,
) -> None:
    monkeypatch.setattr(plan_module, "_GROUP_BLOCK", block)
    plan = plan_of(engine, rows)
    count = len(plan.rows)
    # Only the invalid and duplicated rows' entries were made: no new account's.
    plain = [
        n
        for n, cells in enumerate(rows)
        if cells[1] and [c[0] for c in rows if c[1]].count(cells[0]) == 1
    ]
    assert plan.rows.waiting == len(plain)
    lazy = figures(plan)
    # Some entries asked for (as the preview asks for the rows it shows), one unticked.
    asked = data.draw(st.lists(st.integers(0, count - 1), max_size=count))
    for index in asked:
        assert plan.rows[index] is plan.rows[index]
        assert plan.rows[index].index == index
    assert figures(plan) == lazy
    if asked and plan.rows[asked[0]].action is RowAction.CREATE:
        plan.rows[asked[0]].included = False
        skipped = plan.summary()
        assert (skipped.created, skipped.skipped) == (lazy[0].created - 1, lazy[0].skipped + 1)  # type: ignore[attr-defined]
        lazy = figures(plan)
    assert by_definition(plan) == lazy
    assert plan.rows.waiting == 0
    assert figures(plan) == lazy


def test_a_new_schools_file_makes_no_entry_until_asked(engine: Engine) -> None:
    rows = [(str(n), "Muster", f"Max {n}", "5a", "Chor") for n in range(300)]
    plan = plan_of(engine, rows)
    assert plan.rows.waiting == 300 and plan.rows.made() == []
    assert plan.summary().created == 300
    entry = plan.rows[-1]  # made from the planner's columns
    assert (entry.index, entry.line, entry.action) == (299, 301, RowAction.CREATE)
    assert entry.login == entry.new_login == "max-299.muster"
    assert list(entry.groups_added) == ["5a", "Chor"]
    assert plan.rows.waiting == 299 and plan.rows.made() == [entry]
    assert plan.rows[10:13] == [plan.rows[10], plan.rows[11], plan.rows[12]]
    assert [e.login for e in plan.all_rows][:2] == ["max-0.muster", "max-1.muster"]
    assert plan.rows[-1] is entry  # the one made before is kept


def test_entries_made_from_two_threads_are_one_object_each(engine: Engine) -> None:
    rows = [(str(n), "Muster", f"Max {n}", "5a", "") for n in range(2000)]
    plan = plan_of(engine, rows)
    seen: list[list[object]] = [[], []]

    def ask(slot: int) -> None:
        order = range(2000) if slot == 0 else range(1999, -1, -1)
        seen[slot] = [plan.rows[i] for i in order]

    threads = [threading.Thread(target=ask, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    plan.rows.make_all()
    for thread in threads:
        thread.join()
    assert all(a is b for a, b in zip(seen[0], reversed(seen[1]), strict=True))
    assert all(a is b for a, b in zip(seen[0], plan.rows, strict=True))


def test_a_loop_that_stops_early_makes_one_block(engine: Engine) -> None:
    """``any(...)`` over the entries (the protocol page asks whether a row creates an
    account, on the interface thread) makes the first block only, not 3,000 entries."""
    rows = [(str(n), "Muster", f"Max {n}", "5a", "") for n in range(3000)]
    plan = plan_of(engine, rows)
    first = plan.rows[2500]  # made before: the iteration hands out the same object
    assert any(entry.effective_action is RowAction.CREATE for entry in plan.rows)
    assert 3000 - 1 - plan.rows.waiting <= 1024
    every = list(plan.rows)
    assert plan.rows.waiting == 0 and every[2500] is first
    assert [entry.index for entry in every] == list(range(3000))
    assert every == list(plan.rows) and all(a is b for a, b in zip(every, plan.rows, strict=True))
