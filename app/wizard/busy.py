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

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from app.db import session_scope
from app.engine.gcpause import paused
from app.engine.planning.plan import PlanRows

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from app.engine.session import ImportSession

T = TypeVar("T")


class _Done(QObject):
    """Emitted from the worker thread; delivered (queued) to the waiting loop."""

    done = Signal()


def run_in_session(engine: Engine, work: Callable[[Session], T]) -> T:
    """``work(session)`` in a session of its own (committed when it returns), on a
    worker thread as :func:`run_responsive` runs it: the engine's steps that grow with
    the school (a download, an undo, a purge, a group import)."""

    def in_session() -> T:
        with session_scope(engine) as db:
            return work(db)

    return run_responsive(in_session)


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

    global _responsive_depth
    thread = threading.Thread(target=target, name="schoolimport-busy", daemon=True)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    _responsive_depth += 1
    try:
        thread.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        thread.join()  # the signal comes last: this returns at once
    finally:
        _responsive_depth -= 1
        QGuiApplication.restoreOverrideCursor()
    if errors:
        raise errors[0]
    return outcome[0]


_responsive_depth = 0


def waiting_for_worker() -> bool:
    """Whether the interface thread is in :func:`run_responsive`'s loop, waiting for
    its worker: work that can wait until it returns (fitting columns) should."""
    return _responsive_depth > 0


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
    """Free the objects of a big list or dictionary (50,000 users) a slice at a time
    between the interface thread's events: freeing them at once is one C call
    (40–90 ms for 50,000 users). The caller must hold no other reference to the
    container (it is emptied).

    Session 6 freed them on a thread of its own. That thread held the interpreter's
    lock while it freed, and the interface thread wants the lock for every call Qt
    makes into Python (a cell's ``data()``, a slot, a timer): each waited up to the
    switch interval (5 ms), and on a loaded machine for as long as the scheduler
    left the disposer off its core with the lock in hand. At Finish of a 50,000-row
    import the window stalled 184 ms for 26 ms of its own work. Freed here, a slice
    costs the interface thread at most ``_DISPOSE_SLICE_S`` per turn of its loop and
    nothing else waits for it."""
    if len(items) <= _WORTH_DISPOSING:
        return
    global _disposer
    if _disposer is None:
        if QCoreApplication.instance() is None:
            return  # no event loop to free them between events: freed by the caller
        _disposer = _Disposer()
    _disposer.add(items)


def discard_session(session: ImportSession) -> None:
    """Free what a closed wizard's session holds — the file's rows, the plan, the
    directory's snapshot, the new accounts' secrets — between events (freed with
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
            if isinstance(value, PlanRows):  # the plan's entries, and their columns
                for part in value.release():
                    dispose_in_background(part)
            elif isinstance(value, list | dict):
                dispose_in_background(value)


class _Disposer(QObject):
    """Frees queued containers in slices from a zero timer (run when the loop has
    handled what was pending), until the queue is empty."""

    def __init__(self) -> None:
        super().__init__()
        self._queue: deque[list[Any] | dict[Any, Any]] = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def add(self, items: list[Any] | dict[Any, Any]) -> None:
        self._queue.append(items)
        if not self._timer.isActive():
            self._timer.start()

    def _step(self) -> None:
        started = time.perf_counter()
        while self._queue and time.perf_counter() - started < _DISPOSE_SLICE_S:
            items = self._queue[0]
            if isinstance(items, dict):
                for _ in range(min(_DISPOSE_STEP, len(items))):
                    items.popitem()
            else:
                del items[-_DISPOSE_STEP:]
            if not items:
                self._queue.popleft()
        if not self._queue:
            self._timer.stop()


_WORTH_DISPOSING = 2000  # smaller containers are freed where they are
_DISPOSE_STEP = 64  # items freed in one C call (50,000 users: about 70 µs)
_DISPOSE_SLICE_S = 0.001  # how long one turn of the event loop frees
_disposer: _Disposer | None = None
