"""The declarative base of the mapped classes: the tables' own metadata
(:mod:`app.models.tables`), so that the classes map onto the one schema."""

from sqlalchemy.orm import DeclarativeBase

from app.models import tables


class Base(DeclarativeBase):
    metadata = tables.metadata
