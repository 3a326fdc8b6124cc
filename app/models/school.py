"""Schools, school years, account types and groups."""

from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SchoolYear(Base):
    """A school year such as ``2026/27``; exactly one is current."""

    __tablename__ = "school_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)


class AccountType(Base):
    """student / teacher / staff, with their grace periods (SPEC §3)."""

    __tablename__ = "account_types"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    label_de: Mapped[str] = mapped_column(String(50))
    label_en: Mapped[str] = mapped_column(String(50))
    tolerance_days: Mapped[int] = mapped_column(Integer, default=30)
    deletion_days: Mapped[int] = mapped_column(Integer, default=60)


class Group(Base):
    """A class, course, team, manual or system group of one school.

    ``year_key`` is the school year's id, or 0 for a permanent group, so that the
    uniqueness of (school, validity, name) holds on every backend (NULLs never collide).
    """

    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("school_id", "year_key", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    year_id: Mapped[int | None] = mapped_column(
        ForeignKey("school_years.id", ondelete="CASCADE"), nullable=True
    )
    year_key: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    external_id: Mapped[str | None] = mapped_column(String(100), nullable=True, unique=True)
    created_by_run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


@lru_cache(maxsize=16384)
def group_name_key(name: str) -> str:
    """The comparison key of a group name: trimmed and case-folded (SPEC §1)."""
    return " ".join(name.split()).casefold()
