"""What the program does once at start, after the database opened: the grace-period
transitions that came due, archiving old runs, and clearing runs a crash left
"running". A failure here is logged and never stops the program."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine

from app.db import session_scope
from app.engine.access.operators import PROGRAM
from app.engine.admin import history
from app.engine.admin.lifecycle import expire_due

log = logging.getLogger(__name__)


def start_up_maintenance(engine: Engine, today: date | None = None) -> None:
    steps = (
        # Before anyone signs in, for every school, as the settings say.
        ("expire due accounts", lambda db: expire_due(db, today or date.today(), PROGRAM)),
        ("archive old runs", lambda db: history.archive_runs(db, actor=PROGRAM)),
        ("mark interrupted runs", history.mark_stale_runs_failed),
    )
    for name, step in steps:
        try:
            with session_scope(engine) as db:
                outcome = step(db)
            log.info("start-up: %s: %s", name, outcome)
        except Exception:  # logged with its traceback; the program starts anyway
            log.exception("start-up: %s failed", name)
    try:  # a run whose school's import lock is free was left by a killed process
        log.info("start-up: clear interrupted runs: %s", history.clear_interrupted_runs(engine))
    except Exception:
        log.exception("start-up: clear interrupted runs failed")
