"""One sync from end to end: read the database and the tree, plan, apply, record.

``sync`` is what ``ldap sync``, ``import --ldap-sync`` and the main window's "Jetzt
abgleichen" call. With ``dry_run`` it stops after the plan; the counts are the
plan's either way, so the preview and the run report the same numbers. With Linux
sign-in on, the users' uidNumbers are given (and committed) before anything is sent;
a dry run works out the same numbers without keeping them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import ldap
from ldap.ldapobject import LDAPObject
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db import session_scope
from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync import desired as desired_mod
from app.engine.ldapsync import remote as remote_mod
from app.engine.ldapsync import uidnumbers
from app.engine.ldapsync.apply import Applier, SyncError
from app.engine.ldapsync.connection import LdapFailure, connect, translate
from app.engine.ldapsync.diff import StateRow, SyncPlan, make_plan
from app.engine.reasons import Reason
from app.models import LdapUserState, utcnow

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


@dataclass(slots=True)
class SyncResult:
    counts: dict[str, int]
    errors: list[SyncError] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {**self.counts, "errors": [e.as_dict() for e in self.errors]}


def load_states(session: Session) -> dict[int, StateRow]:
    rows = session.execute(
        select(
            LdapUserState.user_id,
            LdapUserState.dn,
            LdapUserState.password_fingerprint,
            LdapUserState.enabled,
        )
    )
    return {uid: StateRow(uid, dn, fp, enabled) for uid, dn, fp, enabled in rows}


def build_plan(
    engine: Engine, config: ldap_config.LdapConfig, conn: LDAPObject, *, dry_run: bool = False
) -> SyncPlan:
    # The server searches while the database is read (python-ldap releases the GIL).
    with ThreadPoolExecutor(1, thread_name_prefix="ldap-read") as pool:
        reading = pool.submit(remote_mod.read, conn, config.base_dn)
        with session_scope(engine) as session:
            desired = desired_mod.load(session, config)
            if config.posix:
                numbers = uidnumbers.allocate(
                    session, desired.users, config.uid_start, write=not dry_run
                )
                desired_mod.add_posix(desired, config, numbers)
            states = load_states(session)
        remote = _remote(config, reading)
    return make_plan(desired, remote, states)


def _remote(
    config: ldap_config.LdapConfig, reading: Future[remote_mod.Remote]
) -> remote_mod.Remote:
    try:
        return reading.result()
    except ldap.NO_SUCH_OBJECT:
        raise LdapFailure(Reason.LDAP_BASE_MISSING, base_dn=config.base_dn) from None
    except ldap.LDAPError as exc:
        raise translate(config, exc) from None


def sync(
    engine: Engine,
    *,
    password_env: str | None = None,
    password: str | None = None,
    dry_run: bool = False,
    progress: ProgressFn | None = None,
) -> SyncResult:
    """Bring the tree in step with the database; raises ``Refused`` (no configuration,
    no password) or :class:`LdapFailure` (unreachable, TLS, credentials)."""
    with session_scope(engine) as session:
        config = ldap_config.require(session)
    secret = password if password is not None else ldap_config.bind_password(config, password_env)
    conn = connect(config, secret)
    try:
        plan = build_plan(engine, config, conn, dry_run=dry_run)
        counts = plan.as_counts()
        if dry_run:
            return SyncResult(counts, dry_run=True)
        applier = Applier(conn, engine, plan.total, progress or (lambda _d, _t: None))
        try:
            applier.run(plan)
        except ldap.LDAPError as exc:
            applier.flush()  # what was done is recorded; the next sync does the rest
            raise translate(config, exc) from None
    finally:
        conn.unbind_s()
    result = SyncResult(counts, applier.errors)
    with session_scope(engine) as session:
        ldap_config.record_last_sync(session, {**counts, "errors": len(applier.errors)}, utcnow())
        if not applier.errors:
            ldap_config.record_posix_synced(session, config)
    log.info("ldap sync %s: %s, %d error(s)", config.url, counts, len(applier.errors))
    return result
