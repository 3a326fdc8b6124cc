"""What is waiting to be synced, read from the database alone (no server needed):
users new to the tree, changed since their last push (names, login, school, status,
password reset), and entries of users who are gone. Also each user's sync state for
the main window.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync import desired as desired_mod
from app.engine.ldapsync import layout, uidnumbers
from app.engine.ldapsync.service import load_states
from app.models import LdapUserState, User


class UserSyncState(enum.StrEnum):
    SYNCED = "synced"
    PENDING = "pending"
    NEW = "new"


@dataclass(frozen=True, slots=True)
class Pending:
    users_to_add: int
    users_to_change: int
    users_to_delete: int

    def as_dict(self) -> dict[str, int]:
        return {
            "users_to_add": self.users_to_add,
            "users_to_change": self.users_to_change,
            "users_to_delete": self.users_to_delete,
        }


def user_states(session: Session) -> dict[int, UserSyncState]:
    """Each user's state against the last push; empty when no server is configured."""
    config = ldap_config.load(session)
    if config is None:
        return {}
    desired = desired_mod.load(session, config)
    states = load_states(session)
    synced_at = dict(session.execute(select(LdapUserState.user_id, LdapUserState.synced_at)).all())
    updated = dict(session.execute(select(User.id, User.updated_at)).all())
    # With Linux sign-in on, a user without a uidNumber has not had its posixAccount
    # pushed yet (the first sync with it on gives every user one), and every user is
    # changed when the settings differ from those last pushed (gid, home, shell).
    numbered = set(uidnumbers.given(session)) if config.posix else None
    posix_changed = config.posix and (
        ldap_config.posix_synced(session) != ldap_config.posix_entries(config)
    )
    result: dict[int, UserSyncState] = {}
    for uid, want in desired.users.items():
        state = states.get(uid)
        if state is None:
            result[uid] = UserSyncState.NEW
            continue
        same = (
            layout.norm(state.dn) == layout.norm(want.dn)
            and state.fingerprint == layout.fingerprint(want.password_hash)
            and state.enabled == want.enabled
            and updated.get(uid) is not None
            and updated[uid] <= synced_at[uid]
            and (numbered is None or uid in numbered)
            and not posix_changed
        )
        result[uid] = UserSyncState.SYNCED if same else UserSyncState.PENDING
    return result


def pending(session: Session) -> Pending:
    states = user_states(session)
    known = set(load_states(session))
    gone = len(known - set(states))
    new = sum(1 for s in states.values() if s is UserSyncState.NEW)
    changed = sum(1 for s in states.values() if s is UserSyncState.PENDING)
    return Pending(new, changed, gone)


def status(session: Session) -> dict[str, Any]:
    config = ldap_config.load(session)
    if config is None:
        return {"configured": False, "last_sync": None, "pending": None, "posix": None}
    return {
        "configured": True,
        "url": config.url,
        "base_dn": config.base_dn,
        "bind_dn": config.bind_dn,
        "starttls": config.starttls,
        "ca_file": config.ca_file,
        "last_sync": ldap_config.last_sync(session),
        "pending": pending(session).as_dict(),
        "posix": posix_status(session, config),
    }


def posix_status(session: Session, config: ldap_config.LdapConfig) -> dict[str, Any]:
    """The Linux sign-in settings, and the uidNumbers given so far (also when it is
    off: numbers given stay taken)."""
    given, highest = uidnumbers.count(session)
    return {
        "enabled": config.posix,
        "uid_start": config.uid_start,
        "gid_numbers": dict(config.gid_numbers),
        "home_template": config.home_template,
        "login_shell": config.login_shell,
        "uid_numbers_given": given,
        "highest_uid_number": highest,
    }
