"""What keeps every failure of a command to one line (issue 19): signals and a closed
output pipe (database failures: :mod:`app.dbfailures`).

Ctrl-C (SIGINT) and SIGTERM outside an import raise ``KeyboardInterrupt`` at once,
which :func:`app.cli.main` reports as one line with exit 130. During an import's
write phase (:meth:`Interrupts.cancellable`) they only set the cancel flag that the
engine checks between batches, exactly as the wizard's Cancel button does: the
transaction rolls back, the run is marked cancelled and the school's lock released,
instead of an exception landing at a random point of a database call (where it left
"database is locked", a ``running`` run and a lock row behind).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

EXIT_INTERRUPTED = 130


class Interrupts:
    """SIGINT and SIGTERM for the command line (see the module docstring)."""

    def __init__(self) -> None:
        self.cancelling = False
        self._region = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        self.cancelling = False
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _handle(self, _signum: int, _frame: FrameType | None) -> None:
        if self._region:
            self.cancelling = True  # repeated signals too: the engine stops at the next batch
            return
        raise KeyboardInterrupt

    def cancelled(self) -> bool:
        return self.cancelling

    @contextmanager
    def cancellable(self) -> Iterator[Callable[[], bool]]:
        """A region in which a signal cancels through the engine's cancel check."""
        self._region = True
        try:
            yield self.cancelled
        finally:
            self._region = False


INTERRUPTS = Interrupts()


def close_broken_stdout() -> None:
    """After a ``BrokenPipeError``: point stdout at /dev/null, so that the interpreter's
    final flush does not fail again with "Exception ignored ... BrokenPipeError"."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
