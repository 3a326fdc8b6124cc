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
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from app.engine.gcpause import paused

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
            with paused():
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


def dispose_in_background(items: list[Any]) -> None:
    """Free the objects of a big list (50,000 users) on a thread of its own, a slice at a
    time: freeing them at once is one C call holding the interpreter's lock (40–90 ms
    for 50,000 users on the interface thread). The caller must hold no other
    reference to the list. One long-lived thread takes them from a queue (starting a
    thread waits until it runs: up to 0.1 s on a busy machine)."""
    if len(items) <= _DISPOSE_SLICE:
        return
    global _disposer
    with _disposer_lock:
        if _disposer is None:
            _disposer = threading.Thread(target=_dispose_forever, name="schoolimport-dispose")
            _disposer.daemon = True
            _disposer.start()
    _to_dispose.put(items)


def _dispose_forever() -> None:
    while True:
        items = _to_dispose.get()
        while items:
            del items[-_DISPOSE_SLICE:]  # between slices, the lock can change hands
        del items


_DISPOSE_SLICE = 2000
_to_dispose: queue.SimpleQueue[list[Any]] = queue.SimpleQueue()
_disposer: threading.Thread | None = None
_disposer_lock = threading.Lock()
