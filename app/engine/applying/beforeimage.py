"""The before-image a run keeps for undo (``app/engine/admin/undo.py``): what the run created,
and what the users and memberships it changed looked like before. ``apply`` writes it
as JSON (dates as ISO text, :func:`jsonable`); undo reads it back (:func:`read_image`).

Version 2 adds the status dates and ``updated_at`` of touched users and the removed
memberships' columns; undo refuses images older than :data:`BEFORE_IMAGE_VERSION`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from app.engine.bulk import batches
from app.models import tables

BEFORE_IMAGE_VERSION = 2
# Columns of a touched user that the before-image keeps besides the imported fields.
STATUS_COLUMNS = ("status", "marked_at", "deactivate_on", "purge_on", "updated_at")
USERS = tables.users
MEMBERSHIPS = tables.memberships


def empty_image() -> dict[str, Any]:
    return {
        "version": BEFORE_IMAGE_VERSION,
        "created_users": [],
        "created_groups": [],
        "updated": [],
        "memberships_added": [],
        "memberships_removed": [],
        "expired": [],
        "expired_before": [],
    }


def status_columns(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The status, its dates and updated_at of these users, before the run."""
    columns = [USERS.c[name] for name in STATUS_COLUMNS]
    found: dict[int, dict[str, Any]] = {}
    for part in batches(ids):
        stmt = select(USERS.c.id, *columns).where(USERS.c.id.in_(part))
        for row in conn.execute(stmt):
            found[row[0]] = dict(zip(STATUS_COLUMNS, row[1:], strict=True))
    return found


def removed_memberships(conn: Connection, to_remove: list[tuple[int, int]]) -> list[list[Any]]:
    """[user id, group id, is_admin, created_at] of each membership to remove."""
    wanted = set(to_remove)
    users = sorted({user_id for user_id, _group_id in to_remove})
    found: dict[tuple[int, int], list[Any]] = {}
    for part in batches(users):
        stmt = select(
            MEMBERSHIPS.c.user_id,
            MEMBERSHIPS.c.group_id,
            MEMBERSHIPS.c.is_admin,
            MEMBERSHIPS.c.created_at,
        ).where(MEMBERSHIPS.c.user_id.in_(part))
        for uid, gid, admin, created in conn.execute(stmt):
            if (uid, gid) in wanted:
                found[(uid, gid)] = [
                    uid,
                    gid,
                    bool(admin),
                    created.isoformat() if created else None,
                ]
    return [found[pair] for pair in to_remove]


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text (the image is stored as JSON)."""
    return {k: (v.isoformat() if isinstance(v, _DATES) else v) for k, v in values.items()}


_DATES = (date, datetime)  # a tuple: ``date | datetime`` would build a union per call


_DATE_FIELDS = frozenset({"birth_date", "deactivate_on", "purge_on"})
_DATETIME_FIELDS = frozenset({"marked_at", "updated_at"})


@dataclass(slots=True)
class Image:
    """The before-image, parsed back into Python values."""

    created_users: list[int]
    created_groups: list[int]
    updated: list[dict[str, Any]]
    added: list[tuple[int, int]]
    removed: list[tuple[int, int, bool, datetime | None]]
    expired: list[dict[str, Any]]


def is_complete(image: dict[str, Any] | None) -> bool:
    """Whether a run's image holds all an undo needs (version 1 lacked the dates)."""
    return image is not None and image.get("version", 1) >= BEFORE_IMAGE_VERSION


def read_image(raw: dict[str, Any] | None) -> Image:
    raw = raw or {}
    return Image(
        created_users=[int(i) for i in raw.get("created_users", [])],
        created_groups=[int(i) for i in raw.get("created_groups", [])],
        updated=[_parsed(e) for e in raw.get("updated", [])],
        added=[(int(m[0]), int(m[1])) for m in raw.get("memberships_added", [])],
        removed=[
            (int(m[0]), int(m[1]), bool(m[2]), datetime.fromisoformat(m[3]) if m[3] else None)
            for m in raw.get("memberships_removed", [])
        ],
        expired=[_parsed(e) for e in raw.get("expired_before", [])],
    )


def _parsed(values: dict[str, Any]) -> dict[str, Any]:
    """:func:`jsonable` undone: ISO text back to dates and times."""
    parsed = dict(values)
    for name, value in values.items():
        if value is None or not isinstance(value, str):
            continue
        if name in _DATE_FIELDS:
            parsed[name] = date.fromisoformat(value)
        elif name in _DATETIME_FIELDS:
            parsed[name] = datetime.fromisoformat(value)
    return parsed
