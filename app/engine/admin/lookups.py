"""Finding the school and the school year an import or a directory command works in.

Core statements on the tables, run on an ORM session or a plain connection: the
preview of an import (``import --dry-run``, the wizard's plan) reads them without
importing the ORM (docs/performance.md, "Start-up, third round").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, select

from app.engine.access.operators import Actor, scoped
from app.engine.reasons import Reason, Refused
from app.models import tables

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SCHOOLS = tables.schools
YEARS = tables.school_years


class YearRef(NamedTuple):
    """A school year as the planner needs it: its id and its name."""

    id: int
    name: str


def find_school(session: Session | Connection, name: str | None, actor: Actor | None = None) -> int:
    """The id of the named school; with no name, the first school of the actor's (of
    all schools when no actor is given). Whether the actor may work in it is checked
    by the caller (``Actor.require_import``), which names the refusal."""
    # Here: app.engine.planning.state brings the planner's modules, which the directory
    # commands and the window's start do not need (docs/architecture.md, "Start-up").
    from app.engine.planning.state import default_school_id

    if name is None:
        if actor is None or actor.school_ids is None:
            return default_school_id(session)
        first = session.scalar(
            scoped(select(SCHOOLS.c.id).order_by(SCHOOLS.c.id), SCHOOLS.c.id, actor)
        )
        return first if first is not None else default_school_id(session)
    school_id = session.scalar(select(SCHOOLS.c.id).where(SCHOOLS.c.name == name.strip()))
    if school_id is None:
        raise Refused(Reason.SCHOOL_NOT_FOUND, school=name)
    return int(school_id)


def find_year_ref(session: Session | Connection, name: str | None) -> YearRef:
    """The named school year, or the current one when no name is given (as
    ``directory.find_year`` finds it, without the ORM's object)."""
    stmt = select(YEARS.c.id, YEARS.c.name)
    if name is None:
        found = session.execute(stmt.where(YEARS.c.is_current)).first()
        if found is None:
            raise Refused(Reason.YEAR_NOT_FOUND, year="(current)")
    else:
        found = session.execute(stmt.where(YEARS.c.name == name.strip())).first()
        if found is None:
            raise Refused(Reason.YEAR_NOT_FOUND, year=name)
    return YearRef(found.id, found.name)
