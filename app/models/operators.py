"""Operators: the people who sign in to the application, and their scope (mapped onto
``tables.operators`` and ``tables.operator_schools``)."""

from datetime import datetime

from sqlalchemy.orm import Mapped

from app.models import tables
from app.models.orm import Base


class Operator(Base):
    __table__ = tables.operators

    id: Mapped[int]
    name: Mapped[str]
    display_name: Mapped[str]
    password_hash: Mapped[str | None]
    role: Mapped[str]
    import_kinds: Mapped[list[str]]
    is_active: Mapped[bool]
    created_at: Mapped[datetime]


class OperatorSchool(Base):
    """A school in an operator's scope (administrators see every school)."""

    __table__ = tables.operator_schools

    operator_id: Mapped[int]
    school_id: Mapped[int]
