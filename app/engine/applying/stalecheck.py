"""The stale-plan check of a run: the snapshot's fingerprint (the school, and what the
file asked of the other schools, :mod:`app.engine.planning.state`) taken again must equal the
plan's, or the run is refused with :class:`~app.engine.reasons.StalePlan`.

On PostgreSQL the check is skipped when nothing can have changed. Migration 0005 keeps
``directory_changes``: one row (the transaction's id) per transaction that wrote a table
the fingerprint reads, written by statement triggers. The preview keeps the server's
snapshot taken before it read anything (:func:`preview_snapshot`, ``DirectoryState.seen``);
the run asks in one ``EXISTS`` whether a transaction that snapshot could not see has
committed a change since (:func:`changed_since`), and takes the fingerprint again only
then. Everything the preview read was committed by transactions the snapshot sees, or
by ones it does not see, whose rows say so: the answer "nothing changed" means that the
fingerprint would be the same. Old rows are pruned (:func:`prune_changes`), and a
snapshot older than what was pruned gets the full check."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, Engine, select, text

from app.engine.planning.district import on_own_connection
from app.engine.planning.state import DirectoryState, fingerprint
from app.engine.reasons import StalePlan
from app.models import tables


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
            select(tables.school_years.c.id).where(tables.school_years.c.id == state.year_id)
        ).scalar_one_or_none()
        self.pool: ThreadPoolExecutor | None = None
        self.future: Future[str] | None = None
        self.skipped = False  # nothing changed since the preview's snapshot
        if year is None:
            raise StalePlan()
        if conn.dialect.name != "postgresql":
            if fingerprint(conn, state) != state.fingerprint:
                raise StalePlan()
            return
        if state.seen is not None and not changed_since(conn, state.seen):
            self.skipped = True
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


# The snapshot (as text) in which a preview starts reading; pg_current_snapshot() is
# the statement's: every later statement, on any connection, sees at least as much.
_SNAPSHOT = text("SELECT pg_current_snapshot()::text")

# Whether a transaction that the snapshot :s does not see has committed a change since
# (its row is visible now; the run's own transaction, if it wrote, does not count), or
# rows that it might not have seen were pruned.
_CHANGED = text(
    "SELECT (SELECT upto FROM directory_changes_pruned) >= pg_snapshot_xmin(s.snap)"
    " OR EXISTS (SELECT 1 FROM directory_changes c"
    "  WHERE c.xid >= pg_snapshot_xmin(s.snap) AND NOT pg_visible_in_snapshot(c.xid, s.snap)"
    "  AND c.xid IS DISTINCT FROM pg_current_xact_id_if_assigned())"
    " FROM (SELECT CAST(:s AS pg_snapshot) AS snap) s"
)

# Markers older than a day pruned (the ones no one else is pruning), and the highest
# xid pruned kept: a snapshot whose xmin is not above it gets the full check.
_PRUNE = text(
    "WITH gone AS (DELETE FROM directory_changes WHERE ctid = ANY(ARRAY("
    "  SELECT ctid FROM directory_changes WHERE at < now() - interval '1 day'"
    "  FOR UPDATE SKIP LOCKED)) RETURNING xid)"
    " UPDATE directory_changes_pruned SET upto = greatest(upto, (SELECT max(xid) FROM gone))"
    " WHERE EXISTS (SELECT 1 FROM gone)"
)


def preview_snapshot(conn: Connection) -> str | None:
    """The server's snapshot before a preview reads (PostgreSQL; None on SQLite)."""
    if conn.dialect.name != "postgresql":
        return None
    return str(conn.execute(_SNAPSHOT).scalar_one())


def changed_since(conn: Connection, snapshot: str) -> bool:
    """Whether anything the fingerprint reads may have changed since ``snapshot``."""
    return bool(conn.execute(_CHANGED, {"s": snapshot}).scalar_one())


def prune_changes(engine: Engine) -> None:
    """Delete change markers older than a day (PostgreSQL), in a short transaction of
    its own (never waiting for another's markers)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        conn.execute(_PRUNE)
