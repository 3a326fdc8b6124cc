"""The stale-plan check of a run: the snapshot's fingerprint (the school, and what the
file asked of the other schools, :mod:`app.engine.planning.state`) taken again must equal the
plan's, or the run is refused with :class:`~app.engine.reasons.StalePlan`."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, select

from app.engine.planning.district import on_own_connection
from app.engine.planning.state import DirectoryState, fingerprint
from app.engine.reasons import StalePlan
from app.models import SchoolYear


class FreshCheck:
    """The stale-plan check: the snapshot's fingerprint (the school, and what the file
    asked of the other schools) taken again must equal the plan's.

    On PostgreSQL it runs on a connection of its own while the run writes (the server
    answers it on another core: on a district it is 50,000 index look-ups per
    question), and :meth:`require` waits for it before the commit. That connection
    sees what was committed, which is what the check compares; the run's own writes
    are invisible to it. SQLite checks first, on the run's connection."""

    def __init__(self, conn: Connection, state: DirectoryState) -> None:
        self.state = state
        year = conn.execute(
            select(SchoolYear.id).where(SchoolYear.id == state.year_id)
        ).scalar_one_or_none()
        self.pool: ThreadPoolExecutor | None = None
        self.future: Future[str] | None = None
        if year is None:
            raise StalePlan()
        if conn.dialect.name != "postgresql":
            if fingerprint(conn, state) != state.fingerprint:
                raise StalePlan()
            return
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="schoolimport-check")
        self.future = self.pool.submit(on_own_connection, conn.engine, self._fingerprint)

    def _fingerprint(self, conn: Connection) -> str:
        return fingerprint(conn, self.state)

    def require(self, failure: BaseException | None = None) -> None:
        """Raise :class:`StalePlan` if the database changed since the plan (from
        ``failure``, the error the writes ended with, if any)."""
        if self.future is None:
            return
        try:
            current = self.future.result()
        except Exception:
            if failure is not None:
                return  # the writes' own error is the one to report
            raise
        if current != self.state.fingerprint:
            raise StalePlan() from failure

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False)
