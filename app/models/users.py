"""Users, their memberships and the login names ever given out (mapped onto the
tables of :mod:`app.models.tables`)."""

from datetime import date, datetime

from sqlalchemy.orm import Mapped

from app.models import tables
from app.models.orm import Base


class User(Base):
    __table__ = tables.users

    id: Mapped[int]
    school_id: Mapped[int]
    source: Mapped[str]
    source_id: Mapped[str]
    account_type: Mapped[str]
    last_name: Mapped[str]
    first_name: Mapped[str]
    birth_date: Mapped[date | None]
    email: Mapped[str | None]
    login: Mapped[str]
    password_hash: Mapped[str | None]
    datasafe_hash: Mapped[str | None]
    must_change_password: Mapped[bool]
    status: Mapped[str]
    marked_at: Mapped[datetime | None]
    deactivate_on: Mapped[date | None]
    purge_on: Mapped[date | None]
    created_by_run_id: Mapped[int | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Membership(Base):
    __table__ = tables.memberships

    user_id: Mapped[int]
    group_id: Mapped[int]
    is_admin: Mapped[bool]
    created_at: Mapped[datetime]


class UsedLogin(Base):
    """Every login name ever given, so none is given to another person later."""

    __table__ = tables.used_logins

    login: Mapped[str]
    first_used_at: Mapped[datetime]
    user_id: Mapped[int | None]
