"""Work done once per distinct value of a column: names, dates, classes and course
lists repeat a lot in a school's export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import count
from typing import TypeVar, cast

_T = TypeVar("_T")
_R = TypeVar("_R")


def map_distinct(make: Callable[[list[_T]], Sequence[_R]], values: Iterable[_T]) -> list[_R]:
    """What ``make`` gives for each of ``values``: ``make`` is called once, with the
    distinct values in the order they first come, and gives one result for each.

    One pass finds them: each value gives the position where it first comes (a
    number, cheaper to look up again than the value), and only those positions'
    results are placed before they are spread over every value."""
    firsts: dict[_T, int] = {}
    first_of = list(map(firsts.setdefault, values, count()))
    at: list[_R | None] = [None] * len(first_of)
    for first, result in zip(firsts.values(), make(list(firsts)), strict=True):
        at[first] = result
    return list(map(cast("list[_R]", at).__getitem__, first_of))  # (every one placed)
