"""The directory outside of imports: school years, groups, users (SPEC §1, §4).

Every function that reads or changes schools, groups or users takes the acting
operator (``actor``; None is the local administrator of single-user mode) and limits
itself to the operator's schools: a group or user of another school is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor, acting, scoped
from app.engine.admin.lookups import find_school as find_school
from app.engine.admin.userlist import UserRow as UserRow
from app.engine.admin.userlist import list_users as list_users
from app.engine.admin.userlist import parse_account_type as parse_account_type
from app.engine.reasons import Message, Reason, Refused
from app.models import (
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
def add_school(session: Session, name: str, actor: Actor | None = None) -> School:
    acting(session, actor).require_admin(Reason.ACTION_SCHOOLS)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_NAME_LENGTH))
    if session.scalar(select(School.id).where(School.name == name)) is not None:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_EXISTS, {"school": name}))
    school = School(name=name)
    session.add(school)
    session.flush()
    return school


def list_schools(session: Session, actor: Actor | None = None) -> list[School]:
    stmt = scoped(select(School).order_by(School.id), School.id, acting(session, actor))
    return list(session.scalars(stmt))


def rename_school(session: Session, old: str, new: str, actor: Actor | None = None) -> School:
    """Rename a school (administrators); its name is printed on letters and protocols."""
    acting(session, actor).require_admin(Reason.ACTION_SCHOOLS)
    school = session.get(School, find_school(session, old, actor))
    assert school is not None
    name = " ".join(new.split())
    if not name or len(name) > 200:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_NAME_LENGTH))
    other = session.scalar(select(School.id).where(School.name == name))
    if other is not None and other != school.id:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.SCHOOL_EXISTS, {"school": name}))
    school.name = name
    session.flush()
    return school


# ------------------------------------------------------------------ school years
def add_year(
    session: Session,
    name: str,
    start: date,
    end: date,
    current: bool,
    actor: Actor | None = None,
) -> SchoolYear:
    acting(session, actor).require_admin(Reason.ACTION_YEARS)
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


def add_group(
    session: Session,
    name: str,
    group_type: GroupType,
    year: SchoolYear | None,
    description: str = "",
    school_id: int | None = None,
    actor: Actor | None = None,
) -> Group:
    """A new group of the school (default: the actor's first), which the actor must be
    allowed to import groups into."""
    who = acting(session, actor)
    who.require_import("groups", None)
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.GROUP_NAME_LENGTH))
    school = school_id or find_school(session, None, who)
    who.require_import("groups", school)
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


def find_group(
    session: Session, name: str, year: SchoolYear | None, actor: Actor | None = None
) -> Group:
    """The group of that name in ``year`` (or permanent) among the actor's schools."""
    key = group_name_key(name)
    stmt = scoped(
        select(Group).where(Group.name_key == key), Group.school_id, acting(session, actor)
    )
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


def list_groups(
    session: Session, year: SchoolYear | None = None, actor: Actor | None = None
) -> list[GroupRow]:
    """The groups of the actor's schools (of ``year`` and permanent ones, or all)."""
    counts = dict(
        session.execute(
            select(Membership.group_id, func.count()).group_by(Membership.group_id)
        ).all()
    )
    years = {y.id: y.name for y in session.scalars(select(SchoolYear))}
    stmt = scoped(
        select(Group).order_by(Group.year_id, Group.name_key),
        Group.school_id,
        acting(session, actor),
    )
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


def add_members(
    session: Session, group: Group, logins: list[str], actor: Actor | None = None
) -> int:
    """Add users (by login) to a group; returns how many were new members. The actor
    needs the ``groups`` kind for the group's school; users outside its schools are
    not found."""
    who = acting(session, actor)
    who.require_import("groups", group.school_id)
    wanted = [login.strip().lower() for login in logins]
    stmt = scoped(select(User).where(User.login.in_(wanted)), User.school_id, who)
    users = {u.login: u for u in session.scalars(stmt)}
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
