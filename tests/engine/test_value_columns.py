"""A checked file's values are held as columns and each row's made when asked for
(``ValueColumns``): whichever way they are asked for — one row, some rows, a loop
that stops early, a loop over all, a change — they are the values the validator
makes row by row, and a first import's preview makes none of them."""

from __future__ import annotations

import threading
from datetime import date
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.engine import madelist
from app.engine.planning.mapping import auto_map
from app.engine.planning.results import RowValues, ValueColumns, each, take
from app.engine.planning.validation import RowValidator
from tests.engine.plans import engine_fixture, plan_of  # noqa: F401 (fixture "engine")
from tests.engine.test_fast_paths import HEADERS, ROWS


def _checked_values(rows: list[list[str]]) -> tuple[ValueColumns, list[RowValues]]:
    validator = RowValidator(auto_map(HEADERS), today=date(2026, 12, 7))
    expected = [validator(cells)[0] for cells in rows]
    values = validator.validate_all(rows).values
    assert isinstance(values, ValueColumns)
    return values, expected


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, data=st.data())
def test_values_asked_any_way_are_the_rows_values(
    rows: list[list[str]], data: st.DataObject
) -> None:
    values, expected = _checked_values(rows)
    count = len(expected)
    indexes = data.draw(st.lists(st.integers(-count, count - 1), max_size=8))
    assert [values[i] for i in indexes] == [expected[i] for i in indexes]
    assert take(values, [i % count for i in indexes]) == [expected[i] for i in indexes]
    stop = data.draw(st.integers(0, count))  # a loop that stops early
    assert list(islice(each(values), stop)) == expected[:stop]
    assert len(values) == count
    assert values == expected and list(values) == expected and values[1:] == expected[1:]
    assert [values[i] for i in indexes] == [expected[i] for i in indexes]  # (all made now)
    assert take(values, range(count)) == expected == list(each(values))


def test_a_row_asked_alone_is_made_alone_and_a_change_makes_all() -> None:
    """The test above must cover both ways: a few rows asked one by one make nothing
    else; many rows asked one by one, a loop or a change make (and keep) every row's."""
    rows = [["1", "Müller", "Anna", "5a", "Chor", "05.03.2014"]] * 12
    values, expected = _checked_values(rows)
    assert values[2] == expected[2] and take(values, [0, 1, 11]) == [expected[0]] * 3
    assert list(each(values)) == expected
    assert values._made is None  # (nothing kept)
    assert take(values, range(4)) == expected[:4] and values._made is not None  # (many)
    values, expected = _checked_values(rows)
    values[1] = expected[0]._replace(first_name="Ben")
    assert values._made is not None and values[1].first_name == "Ben"
    many = ValueColumns([[str(n) for n in range(5000)], *([[""] * 5000] * 6)])
    firsts = [many[n].source_id for n in range(madelist.ONE_BY_ONE + 1)]
    assert firsts == [str(n) for n in range(madelist.ONE_BY_ONE + 1)]
    assert many._made is not None  # made at once once many were asked one by one


def test_values_made_from_two_threads_are_made_once() -> None:
    values = ValueColumns([[str(n) for n in range(20000)], *([[""] * 20000] * 6)])
    made: list[list[RowValues]] = []
    threads = [threading.Thread(target=lambda: made.append(values.made())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made[0] is made[1] and made[0][-1].source_id == "19999"


def test_a_first_imports_preview_makes_no_rows_values(engine: Engine) -> None:
    rows = [(str(n), "Muster", f"Max {n}", "5a", "Chor") for n in range(300)]
    plan = plan_of(engine, rows)
    plan.summary()
    entry = plan.rows[7]
    assert entry.values == RowValues("7", "Muster", "Max 7", None, None, None, ["5a", "Chor"])
    values = plan.rows._values
    assert isinstance(values, ValueColumns) and values._made is None
    assert [row.values.first_name for row in plan.rows] == [f"Max {n}" for n in range(300)]
