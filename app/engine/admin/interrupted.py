"""Runs left ``running`` by a killed process, found at every start (SPEC §3).

The command line asks before every command, the window at start. Nearly always there
is none, and finding that out is one Core statement on a connection: the history's
module (and with it the ORM) is imported only when there is a run to mark.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from app.engine.applying.locks import import_lock
from app.engine.reasons import Refused
from app.models import RunStatus, tables


def clear_interrupted_runs(engine: Engine) -> int:
    """Mark the user imports left ``running`` by a killed process as failed
    (interrupted), for every school whose import lock is free right now — a run of a
    school whose lock is held is really running (on this or another computer).
    Returns how many."""
    runs = tables.import_runs
    with engine.connect() as connection:
        schools = set(
            connection.scalars(
                select(runs.c.school_id).where(
                    runs.c.status == RunStatus.RUNNING.value, runs.c.kind == "users"
                )
            )
        )
    if not schools:
        return 0
    from app.db import session_scope
    from app.engine.admin.history import mark_interrupted_runs

    marked = 0
    for school_id in sorted(schools):
        try:
            with import_lock(engine, school_id, "schoolimport"), session_scope(engine) as session:
                marked += mark_interrupted_runs(session, school_id)
        except Refused:
            continue  # an import of the school is running now
    return marked
