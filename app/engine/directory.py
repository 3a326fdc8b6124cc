"""The directory outside of imports: school years, groups, users (SPEC §1, §4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.engine.reasons import Message, Reason, Refused
from app.engine.state import default_school_id
from app.models import (
    AccountTypeCode,
    Group,
    GroupType,
    Membership,
    School,
    SchoolYear,
    User,
    group_name_key,
    utcnow,
)

IMPORTABLE_GROUP_TYPES = (GroupType.CLASS, GroupType.COURSE, GroupType.TEAM, GroupType.MANUAL)


# ----------------------------------------------------------------------- schools
def add_school(session: Session, name: str) -> School:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_NAME_LENGTH))
    if session.scalar(select(School.id).where(School.name == name)) is not None:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_EXISTS, {"school": name}))
    school = School(name=name)
    session.add(school)
    session.flush()
    return school


def list_schools(session: Session) -> list[School]:
    return list(session.scalars(select(School).order_by(School.id)))


def find_school(session: Session, name: str | None) -> int:
    """The id of the named school, or of the first school when no name is given."""
    if name is None:
        return default_school_id(session)
    school_id = session.scalar(select(School.id).where(School.name == name.strip()))
    if school_id is None:
        raise Refused(Reason.SCHOOL_NOT_FOUND, school=name)
    return school_id


# ------------------------------------------------------------------ school years
def add_year(session: Session, name: str, start: date, end: date, current: bool) -> SchoolYear:
    name = name.strip()
    if not name:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.YEAR_NAME_MISSING))
    if end <= start:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.YEAR_DAYS))
    if session.scalar(select(SchoolYear).where(SchoolYear.name == name)) is not None:
        raise Refused(Reason.YEAR_EXISTS, year=name)
    has_current = session.scalar(select(SchoolYear.id).where(SchoolYear.is_current)) is not None
    year = SchoolYear(name=name, start=start, end=end, is_current=current or not has_current)
    if year.is_current:
        session.execute(update(SchoolYear).values(is_current=False))
    session.add(year)
    session.flush()
    return year


def list_years(session: Session) -> list[SchoolYear]:
    return list(session.scalars(select(SchoolYear).order_by(SchoolYear.start)))


def find_year(session: Session, name: str | None) -> SchoolYear:
    """The named school year, or the current one when no name is given."""
    if name is None:
        year = session.scalar(select(SchoolYear).where(SchoolYear.is_current))
        if year is None:
            raise Refused(Reason.YEAR_NOT_FOUND, year="(current)")
        return year
    year = session.scalar(select(SchoolYear).where(SchoolYear.name == name.strip()))
    if year is None:
        raise Refused(Reason.YEAR_NOT_FOUND, year=name)
    return year


# ------------------------------------------------------------------------ groups
def parse_group_type(value: str) -> GroupType:
    try:
        return GroupType(value.strip().lower())
    except ValueError:
        raise Refused(
            Reason.INVALID_VALUE,
            detail=Message(Reason.GROUP_TYPE_UNKNOWN, {"value": value}),
        ) from None


def parse_account_type(value: str) -> AccountTypeCode:
    try:
        return AccountTypeCode(value.strip().lower())
    except ValueError:
        raise Refused(Reason.ACCOUNT_TYPE_UNKNOWN, value=value) from None


def add_group(
    session: Session,
    name: str,
    group_type: GroupType,
    year: SchoolYear | None,
    description: str = "",
    school_id: int | None = None,
) -> Group:
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.GROUP_NAME_LENGTH))
    school = school_id or default_school_id(session)
    key = group_name_key(name)
    year_key = year.id if year is not None else 0
    clash = session.scalar(
        select(Group.id).where(
            Group.school_id == school, Group.year_key == year_key, Group.name_key == key
        )
    )
    if clash is not None:
        raise Refused(Reason.GROUP_EXISTS, group=name, year=year.name if year else "permanent")
    group = Group(
        school_id=school,
        year_id=year.id if year else None,
        year_key=year_key,
        name=name,
        name_key=key,
        type=group_type.value,
        description=description,
        comment="",
        disabled=False,
    )
    session.add(group)
    session.flush()
    return group


def find_group(session: Session, name: str, year: SchoolYear | None) -> Group:
    key = group_name_key(name)
    stmt = select(Group).where(Group.name_key == key)
    if year is not None:
        stmt = stmt.where((Group.year_id == year.id) | Group.year_id.is_(None))
    found = list(session.scalars(stmt.order_by(Group.year_id.desc())))
    if not found:
        raise Refused(Reason.GROUP_NOT_FOUND, group=name, year=year.name if year else "any year")
    return found[0]


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    name: str
    type: str
    year: str | None
    member_count: int
    description: str


def list_groups(session: Session, year: SchoolYear | None = None) -> list[GroupRow]:
    counts = dict(
        session.execute(
            select(Membership.group_id, func.count()).group_by(Membership.group_id)
        ).all()
    )
    years = {y.id: y.name for y in session.scalars(select(SchoolYear))}
    stmt = select(Group).order_by(Group.year_id, Group.name_key)
    if year is not None:
        stmt = stmt.where((Group.year_id == year.id) | Group.year_id.is_(None))
    return [
        GroupRow(
            g.id,
            g.name,
            g.type,
            years.get(g.year_id) if g.year_id else None,
            int(counts.get(g.id, 0)),
            g.description,
        )
        for g in session.scalars(stmt)
    ]


def add_members(session: Session, group: Group, logins: list[str]) -> int:
    """Add users (by login) to a group; returns how many were new members."""
    wanted = [login.strip().lower() for login in logins]
    users = {u.login: u for u in session.scalars(select(User).where(User.login.in_(wanted)))}
    missing = [login for login in wanted if login not in users]
    if missing:
        raise Refused(Reason.USER_NOT_FOUND, login=", ".join(missing))
    present = set(
        session.scalars(select(Membership.user_id).where(Membership.group_id == group.id))
    )
    added = 0
    for login in dict.fromkeys(wanted):
        user = users[login]
        if user.id not in present:
            session.add(Membership(user_id=user.id, group_id=group.id, created_at=utcnow()))
            added += 1
    session.flush()
    return added


# ------------------------------------------------------------------------- users
@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    login: str
    first_name: str
    last_name: str
    source: str
    source_id: str
    account_type: str
    status: str
    birth_date: date | None
    email: str | None
    groups: list[str]
    deactivate_on: date | None
    purge_on: date | None

    def as_json(self) -> dict[str, object]:
        return {
            "login": self.login,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "source": self.source,
            "source_id": self.source_id,
            "account_type": self.account_type,
            "status": self.status,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "email": self.email,
            "groups": self.groups,
        }


def list_users(
    session: Session,
    status: str | None = None,
    account_type: str | None = None,
    year: SchoolYear | None = None,
) -> list[UserRow]:
    """Users with their group names (of ``year`` and permanent ones, or of all years).

    Columns, not ``User`` entities: the main window and ``users list`` show every
    user, and building 2,000 ORM objects cost more than the query."""
    stmt = select(*_USER_ROW_COLUMNS).order_by(User.last_name, User.first_name, User.login)
    if status:
        stmt = stmt.where(User.status == status)
    if account_type:
        stmt = stmt.where(User.account_type == account_type)
    group_stmt = select(Membership.user_id, Group.name).join(Group, Group.id == Membership.group_id)
    if year is not None:
        group_stmt = group_stmt.where((Group.year_id == year.id) | Group.year_id.is_(None))
    names: defaultdict[int, list[str]] = defaultdict(list)
    for user_id, name in session.execute(group_stmt.order_by(Group.name_key)):
        names[user_id].append(name)
    return [
        UserRow(id_, login, first, last, source, source_id, kind, status, born, email,
                names.get(id_, []), deactivate_on, purge_on)
        for id_, login, first, last, source, source_id, kind, status, born, email,
            deactivate_on, purge_on in session.execute(stmt)
    ]  # fmt: skip


_USER_ROW_COLUMNS = (
    User.id,
    User.login,
    User.first_name,
    User.last_name,
    User.source,
    User.source_id,
    User.account_type,
    User.status,
    User.birth_date,
    User.email,
    User.deactivate_on,
    User.purge_on,
)
