"""The plan's counts and the groups it will create, for any mix of rows a person
ticks off and conflicts they resolve, equal the plain definition row by row
(``Plan.summary`` counts nearly all rows in C and asks only the rest)."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.engine.planning.results import COUNT_KEYS
from app.models import group_name_key
from tests.engine.plans import GROUP_CELLS, engine_fixture, plan_of  # noqa: F401 (fixture "engine")

row = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "5", "6"]),  # few IDs: duplicates are likely
    st.sampled_from(["Müller", "Weiß", ""]),  # no last name: invalid
    st.sampled_from(["Anna", "Ben"]),  # few names: logins collide and get numbers
    st.sampled_from(GROUP_CELLS),
    st.sampled_from(GROUP_CELLS),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row, min_size=1, max_size=10), data=st.data())
def test_counts_and_created_groups_follow_ticks_and_resolutions(
    engine: Engine, rows: list[tuple[str, str, str, str, str]], data: st.DataObject
) -> None:
    plan = plan_of(engine, rows)
    for entry in plan.rows:
        if entry.conflict is not None and data.draw(st.booleans()):
            if entry.resolution is None:  # keeping one duplicate may have skipped this one
                plan.resolve(entry, data.draw(st.sampled_from(entry.conflict.choices)))
        entry.included = data.draw(st.booleans())
    counted = Counter(entry.outcome for entry in plan.rows)
    counted.update(entry.outcome for entry in plan.expiries if entry.included)
    used = {
        group_name_key(name)
        for entry in plan.rows
        if entry.effective_action is not None
        for name in entry.values.groups
    }
    summary = plan.summary()
    rows_counted = [k for k in COUNT_KEYS if k != "groups_created"]
    assert {k: getattr(summary, k) for k in rows_counted} == {k: counted[k] for k in rows_counted}
    created = {key for key, need in plan.groups.items() if need.create_type and key in used}
    assert {group_name_key(need.name) for need in plan.groups_to_create()} == created
    assert summary.groups_created == len(created)
