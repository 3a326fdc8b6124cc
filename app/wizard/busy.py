"""Long engine calls off the interface thread, with the window still painting.

Reading a 50,000-row file, planning it or writing its protocol takes up to a second;
done on the interface thread, the window stops repainting for that long, and an
administrator closes a window that seems to hang. :func:`run_responsive` runs the call
on a thread of its own and waits for it in a local event loop that paints, runs
timers and takes the worker's signals, but holds back the user's clicks and keys until
the call returned (``ExcludeUserInputEvents``): to its caller the call is as
synchronous as before, so no page has to cope with a half-read file or a second click
on Next. The wait cursor shows meanwhile.

The call runs with Python's cyclic collector paused (:mod:`app.engine.gcpause`): a
collection runs in C, holding the interpreter's lock, and over the 50,000 users a
refresh of the main window builds it walked for up to a second at a time, during
which the interface thread could not run either.

:func:`beside_the_interface` is what every worker of the front end (this one, the
run's, the LDAP sync's) runs in: the collector paused, and the interpreter switching
threads every millisecond instead of every 5 ms. A thread that wants the lock waits
that long before the running one is asked to give it up, and the interface thread
wants it for every call of Python that Qt makes (a model's ``data()``, a slot, a
timer): with a worker busy, painting 30 cells or taking a progress signal waited
5 ms per call.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from app.engine.gcpause import paused

if TYPE_CHECKING:
    from app.engine.session import ImportSession

T = TypeVar("T")


class _Done(QObject):
    """Emitted from the worker thread; delivered (queued) to the waiting loop."""

    done = Signal()


def run_responsive(work: Callable[[], T]) -> T:
    """``work()`` on a worker thread, the interface thread painting meanwhile; returns
    what it returned or raises what it raised."""
    outcome: list[T] = []
    errors: list[BaseException] = []
    signal = _Done()
    loop = QEventLoop()
    signal.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def target() -> None:
        try:
            with beside_the_interface():
                outcome.append(work())
        except BaseException as exc:  # handed to the caller, on its own thread
            errors.append(exc)
        finally:
            signal.done.emit()

    thread = threading.Thread(target=target, name="schoolimport-busy", daemon=True)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        thread.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        thread.join()  # the signal comes last: this returns at once
    finally:
        QGuiApplication.restoreOverrideCursor()
    if errors:
        raise errors[0]
    return outcome[0]


SWITCH_INTERVAL_S = 0.001
_switching_lock = threading.Lock()
_switching_depth = 0
_switching_before = 0.005


@contextmanager
def beside_the_interface() -> Iterator[None]:
    """A worker's work next to the interface thread: the cyclic collector paused and
    a switch interval of ``SWITCH_INTERVAL_S`` (the previous one back when the last
    worker ends). Nests and is safe across threads."""
    global _switching_depth, _switching_before
    with _switching_lock:
        if _switching_depth == 0:
            _switching_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_switching_before, SWITCH_INTERVAL_S))
        _switching_depth += 1
    try:
        with paused():
            yield
    finally:
        with _switching_lock:
            _switching_depth -= 1
            if _switching_depth == 0:
                sys.setswitchinterval(_switching_before)


def dispose_in_background(items: list[Any] | dict[Any, Any]) -> None:
    """Free the objects of a big list or dictionary (50,000 users) on a thread of its
    own, a slice at a time: freeing them at once is one C call holding the
    interpreter's lock (40–90 ms for 50,000 users on the interface thread). The caller
    must hold no other reference to the container (it is emptied). One long-lived
    thread takes them from a queue (starting a thread waits until it runs: up to 0.1 s
    on a busy machine) and keeps the lock for at most ``_DISPOSE_HOLD_S`` at a time,
    then leaves it free for ``_DISPOSE_PAUSE_S``: the interface thread never waits for
    it longer than a slice."""
    if len(items) <= _WORTH_DISPOSING:
        return
    global _disposer
    with _disposer_lock:
        if _disposer is None:
            _disposer = threading.Thread(target=_dispose_forever, name="schoolimport-dispose")
            _disposer.daemon = True
            _disposer.start()
    _to_dispose.put(items)


def discard_session(session: ImportSession) -> None:
    """Free what a closed wizard's session holds — the file's rows, the plan, the
    directory's snapshot, the new accounts' secrets — in the background (freed with
    the wizard, a 50,000-row import took 40–70 ms of the interface thread; its page
    objects refer to each other, so without this they waited for a collection).
    Nothing may use the session afterwards."""
    plan, table, result = session.plan, session.table, session.result
    session.plan, session.table, session.result = None, None, None
    session.close()
    holders = (table, plan, plan.state if plan is not None else None, result)
    for holder in holders:
        for field in fields(holder) if holder is not None else ():
            value = getattr(holder, field.name)
            if isinstance(value, list | dict):
                dispose_in_background(value)


def _dispose_forever() -> None:
    while True:
        items = _to_dispose.get()
        while items:
            _free_a_slice(items)
            # Let go of the interpreter's lock between slices: a thread that only waits
            # for it takes it from a running one after the switch interval (5 ms), and
            # the interface thread wants it for every call Qt makes into Python (a
            # cell's data(), a slot, a timer), so a disposer running flat out made
            # every one of those wait (Finish of a 50,000-row import: 184 ms without a
            # tick for 26 ms of the interface thread's own work).
            time.sleep(_DISPOSE_PAUSE_S)
        del items


def _free_a_slice(items: list[Any] | dict[Any, Any]) -> None:
    """Free items for about ``_DISPOSE_HOLD_S``, a few at a time."""
    started = time.perf_counter()
    while items and time.perf_counter() - started < _DISPOSE_HOLD_S:
        if isinstance(items, dict):
            for _ in range(min(_DISPOSE_STEP, len(items))):
                items.popitem()
        else:
            del items[-_DISPOSE_STEP:]


_WORTH_DISPOSING = 2000  # smaller containers are freed where they are
_DISPOSE_STEP = 64  # items freed in one C call (50,000 users: about 70 µs)
_DISPOSE_HOLD_S = 0.0003  # how long the disposer keeps the lock at a time
_DISPOSE_PAUSE_S = 0.0005  # and how long it then leaves it to the others
_to_dispose: queue.SimpleQueue[list[Any] | dict[Any, Any]] = queue.SimpleQueue()
_disposer: threading.Thread | None = None
_disposer_lock = threading.Lock()
