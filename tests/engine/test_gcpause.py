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
