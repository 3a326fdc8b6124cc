"""New initial passwords on demand (SPEC §3 "reset passwords of selected users (new
protocol)", §4 ``users reset-password``): when a protocol was lost or a letter torn.

The chosen *active* accounts (by login, by group of a year, or the accounts a run
created) get new generated passwords; only Argon2id hashes are stored, and
``must_change_password`` is set again. The changed hash is what a later directory
sync sees as "the password was reset". Like an import, the reset is one transaction,
writes its encrypted protocol (and letters) before the commit through a
:class:`~app.engine.output.handover.Handover`, and is recorded in the history as a run of
kind ``passwords`` with the number of accounts in ``updated``. Rights: the operator's
user-import right for each account's school (the same check an import makes).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.db import session_scope
from app.engine.access import passwords
from app.engine.access.operators import Actor
from app.engine.admin.directory import find_group, find_year
from app.engine.output.handover import Handover
from app.engine.output.letters import LetterEntry, sort_entries
from app.engine.output.protocol import ACTION_WORDS
from app.engine.reasons import EngineError, Reason, Refused
from app.models import (
    Group,
    GroupType,
    Membership,
    RunStatus,
    SchoolYear,
    User,
    UserStatus,
    tables,
    utcnow,
)

log = logging.getLogger(__name__)
RUNS = tables.import_runs
USERS = tables.users
ROW_RESULTS = tables.import_row_results
KIND = "passwords"  # the history's kind of a reset run
RESET_WORDS = {"de": "Passwort neu gesetzt", "en": "password reset"}


@dataclass(frozen=True, slots=True)
class Selection:
    """Which accounts: logins, or a group of a year, or the accounts a run created."""

    logins: Sequence[str] = ()
    group: str | None = None
    year: str | None = None
    run_id: int | None = None

    def describe(self) -> str:
        if self.logins:
            return "logins: " + ", ".join(self.logins)
        if self.group is not None:
            return f"group {self.group} ({self.year or 'current year'})"
        return f"accounts of run {self.run_id}"


@dataclass(frozen=True, slots=True)
class Account:
    """One account to reset, with what its protocol row and letter show."""

    user_id: int
    school_id: int
    login: str
    source_id: str
    last_name: str
    first_name: str
    account_type: str
    groups: tuple[str, ...]
    school_class: str


def select_accounts(session: Session, actor: Actor, selection: Selection) -> list[Account]:
    """The active accounts chosen; refused when a login is unknown, none is active, or
    one lies outside the operator's right to import users."""
    query = select(User).where(User.status == UserStatus.ACTIVE.value)
    if selection.logins:
        wanted = list(dict.fromkeys(selection.logins))
        known = set(session.scalars(select(User.login).where(User.login.in_(wanted))))
        for login in wanted:
            if login not in known:
                raise Refused(Reason.USER_NOT_FOUND, login=login)
        query = query.where(User.login.in_(wanted))
    elif selection.group is not None:
        group = find_group(session, selection.group, find_year(session, selection.year))
        members = select(Membership.user_id).where(Membership.group_id == group.id)
        query = query.where(User.id.in_(members))
    elif selection.run_id is not None:
        query = query.where(User.created_by_run_id == selection.run_id)
    users = list(session.scalars(query.order_by(User.login)))
    if not users:
        raise Refused(Reason.RESET_NONE)
    for school_id in sorted({u.school_id for u in users}):
        actor.require_import("users", school_id)
    groups = _groups_of(session, [u.id for u in users])
    return [_account(u, groups.get(u.id, [])) for u in users]


def _account(user: User, groups: list[tuple[str, str]]) -> Account:
    classes = [name for name, kind in groups if kind == GroupType.CLASS.value]
    return Account(
        user.id, user.school_id, user.login, user.source_id, user.last_name, user.first_name,
        user.account_type, tuple(name for name, _ in groups), classes[0] if classes else "",
    )  # fmt: skip


def _groups_of(session: Session, user_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each user's groups of the current year and the permanent ones, by name."""
    current = session.scalar(select(SchoolYear.id).where(SchoolYear.is_current.is_(True)))
    rows = session.execute(
        select(Membership.user_id, Group.name, Group.type)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.user_id.in_(user_ids))
        .where((Group.year_id == current) | Group.year_id.is_(None))
        .order_by(Group.name)
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for user_id, name, kind in rows:
        found.setdefault(user_id, []).append((name, kind))
    return found


def reset_passwords(
    engine: Engine, actor: Actor, selection: Selection, handover: Handover
) -> tuple[int, int]:
    """Give the chosen accounts new initial passwords; returns (run id, count).

    The protocol (and letters) are written before the commit; a failure to write
    them leaves every password as it was and the run ``failed``.
    """
    handover.check()
    with session_scope(engine) as session:
        accounts = select_accounts(session, actor, selection)
    handover.load_school(engine, accounts[0].school_id)
    secrets = [passwords.generate_password() for _ in accounts]
    hashes = passwords.hash_passwords(secrets)
    run_id = _record_start(engine, actor, selection, accounts)
    try:
        with engine.begin() as conn:
            now = utcnow()
            conn.execute(
                update(USERS).where(USERS.c.id == bindparam("b_id")),
                [
                    {"b_id": a.user_id, "password_hash": h, "must_change_password": True,
                     "updated_at": now}
                    for a, h in zip(accounts, hashes, strict=True)
                ],
            )  # fmt: skip
            conn.execute(
                insert(ROW_RESULTS),
                [
                    {"run_id": run_id, "row_number": 0, "action": KIND, "succeeded": True,
                     "reason": "", "values": [], "user_id": a.user_id, "login": a.login}
                    for a in accounts
                ],
            )  # fmt: skip
            conn.execute(
                update(RUNS)
                .where(RUNS.c.id == run_id)
                .values(status=RunStatus.COMPLETED.value, finished_at=now, updated=len(accounts))
            )
            handover.stage(
                conn,
                run_id,
                lambda language: _protocol_rows(accounts, secrets, language),
                lambda: _letters(accounts, secrets),
            )
    except BaseException as exc:
        handover.discard()
        why = exc.message.reason.value if isinstance(exc, EngineError) else type(exc).__name__
        with engine.begin() as conn:
            conn.execute(
                update(RUNS)
                .where(RUNS.c.id == run_id)
                .values(status=RunStatus.FAILED.value, message=why, finished_at=utcnow())
            )
        raise
    handover.publish(engine, run_id)
    log.info("reset %d password(s) in run %d (%s)", len(accounts), run_id, selection.describe())
    return run_id, len(accounts)


def _record_start(
    engine: Engine, actor: Actor, selection: Selection, accounts: list[Account]
) -> int:
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(RUNS).returning(RUNS.c.id),
            {
                "school_id": accounts[0].school_id,
                "operator_id": actor.id,
                "kind": KIND,
                "file_name": selection.describe()[:500],
                "file_sha256": "",
                "status": RunStatus.RUNNING.value,
                "message": "",
                "started_at": utcnow(),
                "total_rows": len(accounts),
            },
        ).scalar_one()
    return int(run_id)


def _protocol_rows(accounts: list[Account], secrets: list[str], language: str) -> list[list[str]]:
    word = RESET_WORDS.get(language, ACTION_WORDS["en"]["updated"])
    return [
        [word, a.source_id, a.last_name, a.first_name, ", ".join(a.groups), a.login, s, "", "", ""]
        for a, s in zip(accounts, secrets, strict=True)
    ]


def _letters(accounts: list[Account], secrets: list[str]) -> list[LetterEntry]:
    return sort_entries(
        [
            LetterEntry(
                a.last_name, a.first_name, a.login, a.school_class, a.groups, s, None,
                a.account_type,
            )
            for a, s in zip(accounts, secrets, strict=True)
        ]
    )  # fmt: skip
