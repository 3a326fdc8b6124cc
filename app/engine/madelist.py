"""A sequence whose items are made when asked for, and all of them at once when many
are: the checked rows' values (:class:`~app.engine.planning.results.ValueColumns`) and
a read table's rows (:class:`~app.engine.reading.table.GridRows`), which the preview of
a 50,000-row file needs only a few of."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Items a sequence makes one by one before it makes all of them: the few rows the
# preview shows need no more; a loop over many would pay a Python call per item.
ONE_BY_ONE = 4096


class MadeOnDemand(Sequence[T]):
    """Items made when asked for. A subclass makes one (or a few) in ``__getitem__``
    while :meth:`may_make` allows, and all of them in :meth:`make_all`; a loop, a
    change, or more than :data:`ONE_BY_ONE` asked one by one make every item once and
    keep them (:meth:`made`). Equal to a list (or another such sequence) of the same
    items, like a list."""

    __slots__ = ("_made", "_asked", "_lock")

    def __init__(self) -> None:
        self._made: list[T] | None = None
        self._asked = 0  # items made one by one (a count: no lock needed)
        self._lock = threading.Lock()

    def make_all(self) -> list[T]:
        raise NotImplementedError

    def made(self) -> list[T]:
        """Every item, made once and kept."""
        if self._made is None:
            with self._lock:
                if self._made is None:
                    self._made = self.make_all()
        return self._made

    def may_make(self, count: int = 1) -> bool:
        """Whether ``count`` more items may be made one by one (counted if so)."""
        if self._made is not None or self._asked + count > ONE_BY_ONE:
            return False
        self._asked += count
        return True

    def __iter__(self) -> Iterator[T]:
        return iter(self.made())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MadeOnDemand | list):
            return self.made() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (equal by content, like a list)
