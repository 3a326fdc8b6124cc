"""The collector pause nests, and the collector's own state comes back afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from app.engine.gcpause import gc_paused, paused


def test_nested_pauses_restore_the_collector_at_the_end() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_still_restores_it() -> None:
    @gc_paused
    def fails() -> None:
        assert not gc.isenabled()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fails()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_threads() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def worker() -> None:
        with paused():
            inside.wait()
            leave.wait()

    thread = threading.Thread(target=worker)
    thread.start()
    with paused():
        inside.wait()
    assert not gc.isenabled()  # the worker's pause is still on
    leave.set()
    thread.join()
    assert gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_what_the_pause_made_is_not_walked_again_and_cycles_are_still_freed() -> None:
    import weakref

    gc.collect()
    with paused():
        kept = [[n] for n in range(50_000)]
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle, dropped during the pause
        freed = weakref.ref(a)
        del a, b
    # The pause's containers went to the oldest generation, not the youngest, so the
    # next young collection has nothing of them to walk.
    assert len(gc.get_objects(generation=0)) < 1_000
    assert freed() is not None  # reference counting cannot free a cycle …
    gc.collect()
    assert freed() is None  # … the next full collection does
    assert len(kept) == 50_000
