"""Records kept around a run: the run row of a refused/cancelled run, remembered
column mappings, and the settings the planner needs (login scheme, reserved names)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Engine, Table, insert, select, update
from sqlalchemy.orm import Session

from app.db import get_setting
from app.engine.logins import DEFAULT_RESERVED, DEFAULT_SCHEME, LoginScheme, normalize_reserved
from app.engine.mapping import ColumnMapping, header_signature, mapping_from_saved
from app.models import ImportRun, RunStatus, SavedMapping, utcnow

if TYPE_CHECKING:
    from app.engine.apply import RunInfo
    from app.engine.plan import Plan

RUNS = cast(Table, ImportRun.__table__)
SAVED_MAPPINGS = cast(Table, SavedMapping.__table__)
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


def saved_mapping(session: Session, source: str, headers: Sequence[str]) -> ColumnMapping | None:
    row = session.scalar(
        select(SavedMapping).where(
            SavedMapping.source == source,
            SavedMapping.header_signature == header_signature(headers),
        )
    )
    return None if row is None else mapping_from_saved(headers, row.mapping)


def login_scheme(session: Session) -> LoginScheme:
    return LoginScheme(str(get_setting(session, LOGIN_SCHEME_KEY, DEFAULT_SCHEME)))


def reserved_logins(session: Session) -> frozenset[str]:
    names = get_setting(session, RESERVED_KEY, sorted(DEFAULT_RESERVED))
    return normalize_reserved(names)
