"""Import runs, their per-row results, remembered mappings and settings."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, RunStatus, utcnow

COUNT_NAMES = (
    "created",
    "updated",
    "unchanged",
    "expired",
    "reactivated",
    "skipped",
    "invalid",
    "conflicts",
    "groups_created",
)


class ImportRun(Base):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    operator_id: Mapped[int | None] = mapped_column(
        ForeignKey("operators.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="users")
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    year_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_years.id", ondelete="SET NULL"), nullable=True
    )
    account_type: Mapped[str | None] = mapped_column(String(20), nullable=True)
    source: Mapped[str] = mapped_column(String(50), default="table")
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    headers: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(30), default=RunStatus.RUNNING.value)
    message: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    expired: Mapped[int] = mapped_column(Integer, default=0)
    reactivated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    groups_created: Mapped[int] = mapped_column(Integer, default=0)
    # What the run changed, so that it can be undone (SPEC §3 "Undo").
    before_image: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ImportRowResult(Base):
    """One input row of a run: what happened to it and the values it had."""

    __tablename__ = "import_row_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    succeeded: Mapped[bool] = mapped_column(default=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[list[str]] = mapped_column(JSON, default=list)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    login: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SavedMapping(Base):
    """The column mapping last used for a source and a header layout (SPEC §2.3)."""

    __tablename__ = "saved_mappings"
    __table_args__ = (UniqueConstraint("source", "header_signature"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(50))
    header_signature: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class ImportLock(Base):
    """Who runs the import of a school right now (SPEC §3: one import at a time).

    On PostgreSQL the lock itself is an advisory lock held by the running process's
    connection (released when the process dies); this row only names the holder. On
    SQLite the row is the lock, and a row whose process is gone is taken over.
    """

    __tablename__ = "import_locks"

    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
