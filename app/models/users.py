"""Users, their memberships and the login names ever given out."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UserStatus, utcnow


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_users_school_status", "school_id", "status"),
        # Migration 0003: a run's users (read back after COPY), and look-alikes of a
        # new row in other schools (app/engine/planning/district.py). On PostgreSQL
        # the lower-case names are kept in the "C" collation (migration 0007).
        Index("ix_users_created_by_run_id", "created_by_run_id"),
        Index(
            "ix_users_similar",
            "birth_date",
            func.lower(text("last_name")),
            func.lower(text("first_name")),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The foreign keys of users and memberships: on PostgreSQL kept by statement
    # triggers instead (migration 0005), with the same refusals and cascades.
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(50))
    source_id: Mapped[str] = mapped_column(String(100))
    account_type: Mapped[str] = mapped_column(ForeignKey("account_types.code"))
    last_name: Mapped[str] = mapped_column(String(64))
    first_name: Mapped[str] = mapped_column(String(64))
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    datasafe_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(30), default=UserStatus.ACTIVE.value)
    marked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    deactivate_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    purge_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by_run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Membership(Base):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class UsedLogin(Base):
    """Every login name ever given, so none is given to another person later."""

    __tablename__ = "used_logins"

    # On PostgreSQL in the "C" collation: compared byte by byte (migration 0007).
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_used_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
