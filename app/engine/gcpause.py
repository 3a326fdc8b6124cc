"""Pausing Python's cyclic garbage collector while a bulk step builds its objects.

Reading, planning and applying 50,000 rows create a few hundred thousand small
containers (rows, values, plans) that live on. Each allocation counts towards the next
collection, and each collection walks every live container again: at 100,000 rows the
collector took more time than the work (3× on planning, measured with
``bench/run.py``). The objects built here form no reference cycles that need the
collector (plain lists, tuples, dictionaries and dataclasses without back references),
so reference counting frees them as before.

``paused()`` nests and is safe across threads: the collector runs again when the last
paused step ends, with the state it had before the first.

When it does, the containers made meanwhile would all sit in the youngest generation,
and the first collection after the pause would walk every one of them (0.06–0.12 s
after planning 50,000 rows, once per step). They are handed to the oldest generation
instead (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, no walk), as if
they had survived; a cycle among them is still found by the next full collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_depth = 0
_was_enabled = False

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.freeze()  # every tracked object to the permanent generation …
                gc.unfreeze()  # … and from there to the oldest
                gc.enable()


def gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the collector paused (see :func:`paused`)."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return fn(*args, **kwargs)

    return wrapper
