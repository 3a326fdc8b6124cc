"""Running ``ImportSession.apply`` off the interface thread.

:class:`ApplyWorker` is a ``QObject`` moved to a ``QThread``. The engine reports
progress through a callback (emitted as ``progressed``) and asks a ``cancelled``
callable between batches; :meth:`ApplyWorker.cancel` sets the ``threading.Event``
that callable reads. Exactly one of ``finished``, ``failed`` or ``cancelled`` is
emitted per run; :class:`ApplyRunner` then stops and waits for the thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.engine.output.handover import Handover
from app.engine.planning.results import Progress
from app.engine.reasons import Cancelled, EngineError
from app.engine.session import ImportSession
from app.wizard.busy import beside_the_interface
from app.wizard.texts import error_text


class ApplyWorker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)  # ApplyResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, session: ImportSession, handover: Handover | None = None) -> None:
        super().__init__()
        self._session = session
        self._handover = handover
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _report(self, progress: Progress) -> None:
        self.progressed.emit(progress.done, progress.total, progress.phase.value)

    @Slot()
    def run(self) -> None:
        try:
            with beside_the_interface():
                result = self._session.apply(self._report, self._stop.is_set, self._handover)
        except Cancelled:
            self.cancelled.emit()
        except EngineError as error:
            self.failed.emit(error_text(error))
        except Exception as error:  # shown to the user as one line, never a traceback
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.finished.emit(result)


class ApplyRunner(QObject):
    """Owns the thread and the worker of one run; ``ended`` once the thread stopped."""

    ended = Signal()

    def __init__(
        self,
        session: ImportSession,
        parent: QObject | None = None,
        handover: Handover | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self.worker = ApplyWorker(session, handover)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            signal.connect(self._thread.quit)
        self._thread.finished.connect(self.ended)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        """Stop and join the thread (closing the wizard mid-run)."""
        self.worker.cancel()
        self._thread.quit()
        self._thread.wait()
