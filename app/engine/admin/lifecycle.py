"""Grace periods of users released for deletion (SPEC §3 "Grace periods").

An import with *detect expired accounts* only marks a user (``marked_for_deletion``,
still able to sign in) with ``deactivate_on = day of the run + tolerance period`` and
``purge_on = deactivate_on + deletion period`` (``apply._expire``). From then on:

- :func:`expire_due` moves marked users whose ``deactivate_on`` has come to
  ``deactivated`` (the application calls it at start-up; ``users expire-due`` too);
- :func:`purge_due` deletes deactivated users whose ``purge_on`` has come (their
  memberships go with them; their logins stay in ``used_logins`` for ever);
- :func:`restore_user` brings a marked or deactivated user back to ``active``.

The periods are per account type (:func:`set_periods`, :func:`get_periods`); changing
them affects users released afterwards, not the dates already set. Every function
takes ``today`` so that tests (and a scheduled job) control the clock, and the
acting operator (``actor``; None is the local administrator of single-user mode),
whose schools limit what it sees and changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor, acting, scoped
from app.engine.reasons import Message, Reason, Refused
from app.models import AccountType, UsedLogin, User, UserStatus, utcnow

MAX_PERIOD_DAYS = 3650
_RESTORABLE = (UserStatus.MARKED_FOR_DELETION.value, UserStatus.DEACTIVATED.value)


@dataclass(frozen=True, slots=True)
class GracePeriods:
    account_type: str
    tolerance_days: int
    deletion_days: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "account_type": self.account_type,
            "tolerance_days": self.tolerance_days,
            "deletion_days": self.deletion_days,
        }


@dataclass(frozen=True, slots=True)
class ExpiryCounts:
    """What :func:`expire_due` did, and what is now waiting to be purged."""

    deactivated: int
    due_for_purge: int

    def as_dict(self) -> dict[str, int]:
        return {"deactivated": self.deactivated, "due_for_purge": self.due_for_purge}


# ------------------------------------------------------------------- transitions
def expire_due(session: Session, today: date, actor: Actor | None = None) -> ExpiryCounts:
    """Deactivate every marked user of the actor's schools whose ``deactivate_on`` is
    ``today`` or earlier (the actor needs the ``users`` kind)."""
    who = acting(session, actor)
    who.require_import("users", None)
    due = scoped(
        select(User.id).where(
            User.status == UserStatus.MARKED_FOR_DELETION.value,
            User.deactivate_on.is_not(None),
            User.deactivate_on <= today,
        ),
        User.school_id,
        who,
    )
    result = session.execute(
        update(User)
        .where(User.id.in_(due))
        .values(status=UserStatus.DEACTIVATED.value, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    deactivated = int(getattr(result, "rowcount", 0) or 0)
    return ExpiryCounts(deactivated, len(due_for_purge(session, today, who)))


def due_for_purge(session: Session, today: date, actor: Actor | None = None) -> list[str]:
    """Logins of the deactivated users of the actor's schools whose ``purge_on`` is
    ``today`` or earlier."""
    stmt = select(User.login).where(
        User.status == UserStatus.DEACTIVATED.value,
        User.purge_on.is_not(None),
        User.purge_on <= today,
    )
    return list(
        session.scalars(scoped(stmt, User.school_id, acting(session, actor)).order_by(User.login))
    )


def purge_due(session: Session, today: date, actor: Actor | None = None) -> list[str]:
    """Delete the users :func:`due_for_purge` names; returns their logins.

    Memberships go with them (the database cascades); the logins are kept in
    ``used_logins`` so that they are never given to another person. Only an
    administrator may purge.
    """
    acting(session, actor).require_admin(Reason.ACTION_PURGE)
    users = list(
        session.scalars(
            select(User)
            .where(
                User.status == UserStatus.DEACTIVATED.value,
                User.purge_on.is_not(None),
                User.purge_on <= today,
            )
            .order_by(User.login)
        )
    )
    if not users:
        return []
    logins = [user.login for user in users]
    known = set(session.scalars(select(UsedLogin.login).where(UsedLogin.login.in_(logins))))
    now = utcnow()
    for user in users:
        if user.login not in known:
            session.add(UsedLogin(login=user.login, first_used_at=now))
        session.delete(user)
    session.flush()
    return logins


def restore_user(session: Session, login: str, actor: Actor | None = None) -> User:
    """Make a marked or deactivated user active again and clear the dates. The
    operator must be allowed to import users; a user of another school is not found."""
    who = acting(session, actor)
    who.require_import("users", None)
    key = login.strip().lower()
    user = session.scalar(scoped(select(User).where(User.login == key), User.school_id, who))
    if user is None:
        raise Refused(Reason.USER_NOT_FOUND, login=login)
    if user.status not in _RESTORABLE:
        detail = Message(Reason.NOT_RESTORABLE, {"login": user.login, "status": user.status})
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    user.status = UserStatus.ACTIVE.value
    user.marked_at = None
    user.deactivate_on = None
    user.purge_on = None
    user.updated_at = utcnow()
    session.flush()
    return user


# ------------------------------------------------------------------- settings
def get_periods(session: Session) -> list[GracePeriods]:
    """The periods of every account type, in a fixed order."""
    kinds = session.scalars(select(AccountType).order_by(AccountType.code))
    return [GracePeriods(k.code, k.tolerance_days, k.deletion_days) for k in kinds]


def set_periods(
    session: Session,
    account_type: str,
    tolerance_days: int | None = None,
    deletion_days: int | None = None,
    actor: Actor | None = None,
) -> GracePeriods:
    """Change one account type's periods (``None`` keeps a value as it is); only an
    administrator may."""
    acting(session, actor).require_admin(Reason.ACTION_GRACE_PERIODS)
    kind = session.get(AccountType, account_type)
    if kind is None:
        raise Refused(Reason.ACCOUNT_TYPE_UNKNOWN, value=account_type)
    periods = ((Reason.TOLERANCE_RANGE, tolerance_days), (Reason.DELETION_RANGE, deletion_days))
    for reason, days in periods:
        if days is not None and not 0 <= days <= MAX_PERIOD_DAYS:
            detail = Message(reason, {"limit": MAX_PERIOD_DAYS, "days": days})
            raise Refused(Reason.INVALID_VALUE, detail=detail)
    if tolerance_days is not None:
        kind.tolerance_days = tolerance_days
    if deletion_days is not None:
        kind.deletion_days = deletion_days
    session.flush()
    return GracePeriods(kind.code, kind.tolerance_days, kind.deletion_days)
