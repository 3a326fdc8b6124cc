"""The uidNumbers of the users the sync gives a ``posixAccount``: one per user, given
once and kept for good (table ``ldap_uid_numbers``, migration 0009).

A user keeps the number through renames, moves and re-imports (the row is found by
the user's id). A number is never given twice: rows are never deleted — a deleted
user's row only loses its ``user_id`` (by the database, see the migration) — and a new
number is one above the highest ever given, or the configured start if that is
higher. ``start + users.id`` would not do: SQLite gives the highest row id again
after a delete, so a purged pupil's number would go to the next new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.models import tables, utcnow

NUMBERS = tables.ldap_uid_numbers


def given(session: Session) -> dict[int, int]:
    """user id → uidNumber, for every user that has one."""
    rows = session.execute(
        select(NUMBERS.c.user_id, NUMBERS.c.uid_number).where(NUMBERS.c.user_id.is_not(None))
    )
    return {int(uid): int(number) for uid, number in rows}


def allocate(
    session: Session, user_ids: Iterable[int], start: int, *, write: bool = True
) -> dict[int, int]:
    """The numbers of ``user_ids``: those given before, and new ones for the rest (in
    the order of the user ids), inserted in ``session``'s transaction unless
    ``write`` is false (a dry run: the numbers a sync would give now)."""
    if write and session.get_bind().dialect.name == "postgresql":
        # Two syncs at once must not both take max + 1 (the key would refuse one).
        session.execute(text("LOCK TABLE ldap_uid_numbers IN SHARE ROW EXCLUSIVE MODE"))
    numbers = given(session)
    wanted = set(user_ids)
    missing = sorted(wanted - numbers.keys())
    if missing:
        highest = session.scalar(select(func.max(NUMBERS.c.uid_number)))
        first = max(start, (highest or 0) + 1)
        new = {uid: first + n for n, uid in enumerate(missing)}
        if write:
            now = utcnow()
            session.execute(
                insert(NUMBERS),
                [{"uid_number": n, "user_id": uid, "allocated_at": now} for uid, n in new.items()],
            )
        numbers.update(new)
    return {uid: numbers[uid] for uid in wanted}


def count(session: Session) -> tuple[int, int | None]:
    """How many numbers were ever given, and the highest."""
    found = session.execute(
        select(func.count(), func.max(NUMBERS.c.uid_number)).select_from(NUMBERS)
    ).one()
    return int(found[0]), found[1]
