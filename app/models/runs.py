"""Import runs, their per-row results, remembered mappings and settings (mapped onto
the tables of :mod:`app.models.tables`)."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Mapped

from app.models import tables
from app.models.orm import Base
from app.models.tables import COUNT_NAMES

__all__ = ["COUNT_NAMES", "ImportLock", "ImportRowResult", "ImportRun", "SavedMapping", "Setting"]


class ImportRun(Base):
    __table__ = tables.import_runs

    id: Mapped[int]
    school_id: Mapped[int]
    operator_id: Mapped[int | None]
    kind: Mapped[str]
    file_name: Mapped[str]
    file_sha256: Mapped[str]
    year_id: Mapped[int | None]
    account_type: Mapped[str | None]
    source: Mapped[str]
    options: Mapped[dict[str, Any]]
    headers: Mapped[list[str]]
    status: Mapped[str]
    message: Mapped[str]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    total_rows: Mapped[int]
    created: Mapped[int]
    updated: Mapped[int]
    unchanged: Mapped[int]
    expired: Mapped[int]
    reactivated: Mapped[int]
    skipped: Mapped[int]
    invalid: Mapped[int]
    conflicts: Mapped[int]
    groups_created: Mapped[int]
    before_image: Mapped[dict[str, Any] | None]


class ImportRowResult(Base):
    """One input row of a run: what happened to it and the values it had."""

    __table__ = tables.import_row_results

    id: Mapped[int]
    run_id: Mapped[int]
    row_number: Mapped[int]
    action: Mapped[str]
    succeeded: Mapped[bool]
    reason: Mapped[str]
    values: Mapped[list[str]]
    user_id: Mapped[int | None]
    login: Mapped[str | None]


class SavedMapping(Base):
    """The column mapping last used for a source and a header layout (SPEC §2.3)."""

    __table__ = tables.saved_mappings

    id: Mapped[int]
    source: Mapped[str]
    header_signature: Mapped[str]
    mapping: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class Setting(Base):
    __table__ = tables.settings

    key: Mapped[str]
    value: Mapped[Any]


class ImportLock(Base):
    """Who runs the import of a school right now (SPEC §3: one import at a time)."""

    __table__ = tables.import_locks

    school_id: Mapped[int]
    holder: Mapped[str]
    host: Mapped[str]
    pid: Mapped[int]
    started_at: Mapped[datetime]
