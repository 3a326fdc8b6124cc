"""The import history (SPEC §3): runs with their status and counts, downloads of the
rows that succeeded or failed, archiving of old runs, and runs left over by a crash.

The failed-rows file has the run's original columns plus a last column "Gründe" with
the reasons of each row, several joined by ", ". The column mapper recognises and
ignores that column, so the file can be corrected and imported again as it is.

Archiving (after ``history_archive_days`` days, 30 by default) keeps the run and its
counts but deletes its row details and its before-image: its rows can no longer be
downloaded and the run can no longer be undone. The message of an archived run says
when it was archived and which status it had before.

Every function takes the acting operator (``actor``; None is the local administrator
of single-user mode) and sees only the runs of the operator's schools: a run of
another school is "not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, defer

from app.db import get_setting
from app.engine.access.operators import Actor, acting, scoped
from app.engine.admin.interrupted import clear_interrupted_runs as clear_interrupted_runs
from app.engine.german import words
from app.engine.output.exports import write_table
from app.engine.planning.mapping import normalize_header
from app.engine.planning.results import RowAction
from app.engine.reasons import Message, Reason, Refused, messages_from_json
from app.models import COUNT_NAMES, ImportRowResult, ImportRun, Operator, RunStatus, utcnow

ARCHIVE_DAYS_KEY = "history_archive_days"
DEFAULT_ARCHIVE_DAYS = 30
REASONS_HEADER = "Gründe"
INTERRUPTED = "interrupted"
# A run that another computer on a shared server is running right now may be visible
# as "running"; only runs older than this are taken for left-overs of a crash.
STALE_AFTER = timedelta(days=1)

_ARCHIVED_ON = re.compile(r"archived on (\d{4}-\d{2}-\d{2})")
# Runs whose rows cannot be downloaded (not written yet, or deleted).
_NO_ROWS = (RunStatus.RUNNING.value, RunStatus.ARCHIVED.value)


@dataclass(frozen=True, slots=True)
class RunRow:
    """One run as the history shows it."""

    run_id: int
    kind: str
    file_name: str
    status: str
    message: str
    started_at: datetime
    finished_at: datetime | None
    operator: str | None
    counts: dict[str, int]

    @property
    def downloadable(self) -> bool:
        return self.status not in _NO_ROWS


def list_runs(session: Session, actor: Actor | None = None) -> list[RunRow]:
    """Every run of the actor's schools, newest first."""
    operators = dict(session.execute(select(Operator.id, Operator.name)).all())
    # Not the before-image (an update's holds every changed user: 0.4 s to decode at
    # 50,000 rows), nor the options and headers: the list shows none of them.
    large = (ImportRun.before_image, ImportRun.options, ImportRun.headers)
    stmt = select(ImportRun).options(*map(defer, large)).order_by(ImportRun.id.desc())
    runs = session.scalars(scoped(stmt, ImportRun.school_id, acting(session, actor)))
    return [
        RunRow(
            run_id=run.id,
            kind=run.kind,
            file_name=run.file_name,
            status=run.status,
            message=run.message,
            started_at=run.started_at,
            finished_at=run.finished_at,
            operator=operators.get(run.operator_id) if run.operator_id is not None else None,
            counts={name: int(getattr(run, name)) for name in COUNT_NAMES},
        )
        for run in runs
    ]


def run_json(row: RunRow) -> dict[str, Any]:
    """The object of ``history list --json`` (SPEC §4), with exactly its keys."""
    data: dict[str, Any] = {
        "run_id": row.run_id,
        "file_name": row.file_name,
        "status": row.status,
        "started_at": row.started_at.isoformat(timespec="seconds"),
        "finished_at": row.finished_at.isoformat(timespec="seconds") if row.finished_at else None,
        "operator": row.operator,
    }
    data.update({name: row.counts.get(name, 0) for name in COUNT_NAMES})
    return data


# ------------------------------------------------------------------------ downloads
def export_rows(
    session: Session,
    run_id: int,
    target: Path,
    succeeded: bool,
    actor: Actor | None = None,
    language: str = "en",
) -> int:
    """Write the rows of a run that succeeded (or failed) to ``target`` (XLSX or CSV).

    Only rows that came from the file are written (not the accounts a run released for
    deletion), and no row of another account type (it was not this run's, so it
    neither failed nor succeeded). Returns the number of rows written; a header-only
    file for none.
    """
    target = Path(target)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        detail = Message(Reason.DOWNLOAD_SUFFIX, {"name": target.name})
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    run = _downloadable_run(session, run_id, acting(session, actor))
    keep = [i for i, h in enumerate(run.headers) if not _is_reasons_header(h)]
    headers = [run.headers[i] for i in keep]
    # (the two columns, not the entities: 50,000 ORM objects were half the download)
    results = session.execute(
        select(ImportRowResult.values, ImportRowResult.reason)
        .where(
            ImportRowResult.run_id == run.id,
            ImportRowResult.succeeded.is_(succeeded),
            ImportRowResult.row_number > 0,
            ImportRowResult.action != RowAction.OTHER_TYPE.value,
        )
        .order_by(ImportRowResult.row_number)
    )
    rows: list[list[str]] = []
    for stored, reason in results:
        if not stored:
            continue
        values = [*stored, *[""] * len(run.headers)]
        cells = [str(values[i]) for i in keep]
        rows.append([*cells, reason_words(reason, language)] if not succeeded else cells)
    write_table(target, [*headers, REASONS_HEADER] if not succeeded else headers, rows)
    return len(rows)


def reason_words(stored: str, language: str) -> str:
    """A row's stored reasons in ``language``, several joined by ", "."""
    messages = messages_from_json(stored)
    if messages is None:
        return stored  # a run recorded before reasons were stored as codes
    return ", ".join(dict.fromkeys(words(m, language) for m in messages))


def _downloadable_run(session: Session, run_id: int, actor: Actor) -> ImportRun:
    run = session.get(ImportRun, run_id)
    if run is None or not actor.in_scope(run.school_id):
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.RUN_NOT_FOUND, {"run": run_id}))
    if run.status == RunStatus.ARCHIVED.value:
        found = _ARCHIVED_ON.search(run.message)
        detail = (
            Message(Reason.RUN_ARCHIVED_ON, {"run": run_id, "day": found.group(1)})
            if found
            else Message(Reason.RUN_ARCHIVED, {"run": run_id})
        )
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    if run.status == RunStatus.RUNNING.value:
        detail = Message(Reason.RUN_STILL_RUNNING, {"run": run_id})
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    return run


def _is_reasons_header(header: str) -> bool:
    """Our own reasons column of an earlier failed-rows file: replaced, not repeated."""
    return normalize_header(header) == normalize_header(REASONS_HEADER)


# ------------------------------------------------------------------------ archiving
def archive_days(session: Session) -> int:
    value = get_setting(session, ARCHIVE_DAYS_KEY, DEFAULT_ARCHIVE_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_ARCHIVE_DAYS
    return days if days >= 0 else DEFAULT_ARCHIVE_DAYS


def archive_runs(
    session: Session,
    older_than_days: int | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> int:
    """Archive the runs of the actor's schools that finished more than
    ``older_than_days`` days ago.

    ``None`` takes the setting ``history_archive_days`` (default 30). Running and
    already archived runs are left alone. Returns how many runs were archived.
    """
    who = acting(session, actor)
    days = archive_days(session) if older_than_days is None else older_than_days
    if days < 0:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.ARCHIVE_AGE_NEGATIVE))
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    stmt = select(ImportRun).where(
        ImportRun.status.not_in(_NO_ROWS),
        ImportRun.finished_at.is_not(None),
        ImportRun.finished_at < cutoff,
    )
    runs = list(session.scalars(scoped(stmt, ImportRun.school_id, who)))
    if not runs:
        return 0
    ids = [run.id for run in runs]
    session.execute(delete(ImportRowResult).where(ImportRowResult.run_id.in_(ids)))
    stamp = now.date().isoformat()
    for run in runs:
        note = f"archived on {stamp} (was {run.status})"
        run.message = f"{run.message}; {note}" if run.message else note
        run.status = RunStatus.ARCHIVED.value
        run.before_image = None
    session.flush()
    return len(runs)


def mark_stale_runs_failed(
    session: Session, now: datetime | None = None, older_than: timedelta = STALE_AFTER
) -> int:
    """Mark runs still ``running`` since before ``now - older_than`` as ``failed``.

    The application calls this at start-up. A run is one transaction, so a crash
    normally leaves no ``running`` row behind; one that does was interrupted (its
    changes were rolled back) and the history should not show it as running for
    ever. On a single-user desktop database ``older_than=timedelta(0)`` is safe; on a
    shared server keep the default, because a young ``running`` run may belong to
    another computer that is importing right now. Returns how many runs were marked.
    """
    now = now or utcnow()
    result = session.execute(
        update(ImportRun)
        .where(
            ImportRun.status == RunStatus.RUNNING.value,
            ImportRun.started_at <= now - older_than,
        )
        .values(status=RunStatus.FAILED.value, message=INTERRUPTED, finished_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def mark_interrupted_runs(session: Session, school_id: int, now: datetime | None = None) -> int:
    """Mark the school's user imports still ``running`` as ``failed`` (interrupted).

    Called by the holder of the school's import lock just before its own run: no other
    user import of the school can be running then, so a ``running`` row is left from
    a process that was killed (its transaction was rolled back). Returns how many.
    """
    now = now or utcnow()
    result = session.execute(
        update(ImportRun)
        .where(
            ImportRun.status == RunStatus.RUNNING.value,
            ImportRun.school_id == school_id,
            ImportRun.kind == "users",
        )
        .values(status=RunStatus.FAILED.value, message=INTERRUPTED, finished_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
