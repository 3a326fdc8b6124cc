"""Records kept around a run: its history row (started, finished with counts and
before-image, or refused/cancelled) and one result per row, remembered column
mappings, and the settings the planner needs (login scheme, reserved names)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from app.db import get_setting
from app.engine.bulk import BATCH, BulkStatement, batches
from app.engine.planning.district import present
from app.engine.planning.logins import (
    DEFAULT_RESERVED,
    DEFAULT_SCHEME,
    LoginScheme,
    normalize_reserved,
)
from app.engine.planning.mapping import ColumnMapping, header_signature, mapping_from_saved
from app.engine.planning.results import ImportSummary, RowAction, RowPlan, RunInfo
from app.engine.reasons import messages_json
from app.models import (
    COUNT_NAMES,
    RunStatus,
    tables,
    utcnow,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.engine.planning.plan import Plan

RUNS = tables.import_runs
ROW_RESULTS = tables.import_row_results
USED_LOGINS = tables.used_logins
ROW_RESULT_COLUMNS = (
    "run_id",
    "row_number",
    "action",
    "succeeded",
    "reason",
    "values",
    "user_id",
    "login",
)
SAVED_MAPPINGS = tables.saved_mappings
LOGIN_SCHEME_KEY = "login_scheme"
RESERVED_KEY = "reserved_logins"


def record_run_start(engine: Engine, plan: Plan, info: RunInfo, started: datetime) -> int:
    """The history row of a run, committed before the run's own transaction, so that
    other windows and computers see the import as ``running`` while it runs."""
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(RUNS).returning(RUNS.c.id),
            {
                "school_id": plan.state.school_id,
                "operator_id": info.operator_id,
                "kind": "users",
                "file_name": info.file_name,
                "file_sha256": info.file_sha256,
                "year_id": plan.state.year_id,
                "account_type": plan.options.account_type,
                "source": plan.options.source,
                "options": plan.options.as_dict(),
                "headers": list(plan.table.headers),
                "status": RunStatus.RUNNING.value,
                "message": "",
                "started_at": started,
                "total_rows": len(plan.rows),
            },
        ).scalar_one()
    return int(run_id)


def record_run_outcome(engine: Engine, run_id: int, status: RunStatus, message: str) -> None:
    """A run that changed nothing stays in the history as cancelled or failed."""
    with engine.begin() as conn:
        conn.execute(
            update(RUNS)
            .where(RUNS.c.id == run_id)
            .values(status=status.value, message=message, finished_at=utcnow())
        )


def record_rows(
    conn: Connection, plan: Plan, run_id: int, logins: dict[int, str], succeeded: set[int]
) -> None:
    """One result per input row and per expiry, with the row's cells as the file had
    them (the downloadable success and failure files are made from these).
    ``succeeded`` holds the ``id`` of each row the run carried out."""
    rows = plan.all_rows
    stmt = BulkStatement.insert(conn, ROW_RESULTS, ROW_RESULT_COLUMNS)
    with stmt.stream():
        for part in batches(rows):  # built per batch: memory stays flat
            stmt.execute(_row_result(plan, run_id, row, logins, succeeded) for row in part)


def _row_result(
    plan: Plan, run_id: int, row: RowPlan, logins: dict[int, str], succeeded: set[int]
) -> tuple[Any, ...]:
    reasons = row.explanations()
    cells = plan.table.rows[row.index] if row.index is not None else []
    done = row.included if row.action is RowAction.EXPIRE else id(row) in succeeded
    login = logins.get(row.index, row.login) if row.index is not None else row.login
    return (
        run_id,
        row.line or 0,
        row.outcome,
        done,
        messages_json(reasons) if reasons else "",
        list(cells),
        row.user_id,
        login,
    )


def record_run_finish(
    conn: Connection, run_id: int, summary: ImportSummary, before_image: dict[str, Any]
) -> None:
    """The run's status, counts and before-image, in the run's own transaction."""
    failed = summary.invalid + summary.conflicts + summary.skipped
    status = RunStatus.COMPLETED_WITH_ERRORS if failed else RunStatus.COMPLETED
    counts = {k: v for k, v in summary.as_dict().items() if k in COUNT_NAMES}
    conn.execute(
        update(RUNS)
        .where(RUNS.c.id == run_id)
        .values(status=status.value, finished_at=utcnow(), before_image=before_image, **counts)
    )


def record_used_logins(
    conn: Connection, logins: Iterable[str], now: ColumnElement[Any], new: Iterable[str] = ()
) -> None:
    """Every login the run gave or kept, in the table of logins ever used: a name once
    given is never given again. ``new`` are logins the plan found unused (asked by
    the plan and by the stale-plan check, ``app/engine/planning/district.py``): they are not
    looked up again (one index look-up each, 50,000 in a first import); one taken
    meanwhile fails the insert, and the run with it."""
    fresh = set(new)
    wanted = set(logins) - fresh
    if not wanted and not fresh:
        return
    known = present(conn, USED_LOGINS.c.login, sorted(wanted)) if wanted else set()
    rows = [(login,) for login in sorted((wanted - known) | fresh)]
    stmt = BulkStatement.insert(conn, USED_LOGINS, ("login",), first_used_at=now)
    stmt.execute_batched(rows, BATCH)


def remember_mapping(conn: Connection, plan: Plan) -> None:
    """Keep the mapping for this source and header layout (SPEC §2.3)."""
    if not plan.table.has_header:
        return
    signature = header_signature(plan.table.headers)
    mapping = plan.mapping.by_header(plan.table.headers)
    table = SAVED_MAPPINGS
    existing = conn.execute(
        select(table.c.id).where(
            table.c.source == plan.options.source, table.c.header_signature == signature
        )
    ).scalar_one_or_none()
    if existing is None:
        conn.execute(
            insert(table),
            {
                "source": plan.options.source,
                "header_signature": signature,
                "mapping": mapping,
                "updated_at": utcnow(),
            },
        )
    else:
        conn.execute(
            update(table).where(table.c.id == existing).values(mapping=mapping, updated_at=utcnow())
        )


def saved_mapping(
    session: Session | Connection, source: str, headers: Sequence[str]
) -> ColumnMapping | None:
    saved = SAVED_MAPPINGS.c
    row = session.execute(
        select(saved.mapping).where(
            saved.source == source, saved.header_signature == header_signature(headers)
        )
    ).first()
    return None if row is None else mapping_from_saved(headers, row.mapping)


def login_scheme(session: Session | Connection) -> LoginScheme:
    return LoginScheme(str(get_setting(session, LOGIN_SCHEME_KEY, DEFAULT_SCHEME)))


def reserved_logins(session: Session | Connection) -> frozenset[str]:
    names = get_setting(session, RESERVED_KEY, sorted(DEFAULT_RESERVED))
    return normalize_reserved(names)
