"""Applying a :class:`~app.engine.ldapsync.diff.SyncPlan`: the operations of each
phase are pipelined (up to :data:`WINDOW` outstanding on one connection, as
``ldapadd`` cannot), and the sync state of the users whose operations succeeded is
committed every :data:`STATE_BATCH` results — so a sync killed at any point leaves a
state that the next sync completes (an entry added but not recorded is found by its
mark and adopted). An add refused because the entry exists already, carrying the
same mark, is an add the server finished for a sync that was killed after this one read
the tree: its attributes are set to the wanted ones instead. Any other operation the
server refuses is an error of that entry; a lost connection ends the sync with
:class:`~app.engine.ldapsync.connection.LdapFailure`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import ldap
from ldap.ldapobject import LDAPObject
from sqlalchemy import Engine, delete, insert

from app.db import session_scope
from app.engine.ldapsync import layout
from app.engine.ldapsync.connection import error_detail
from app.engine.ldapsync.diff import Op, StateRow, SyncPlan
from app.models import LdapUserState, utcnow

WINDOW = 256
STATE_BATCH = 2000

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SyncError:
    dn: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"dn": self.dn, "detail": self.detail}


@dataclass(slots=True)
class Applier:
    conn: LDAPObject
    engine: Engine
    total: int
    progress: ProgressFn
    done: int = 0
    errors: list[SyncError] = field(default_factory=list)
    rows: list[StateRow] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)

    def run(self, plan: SyncPlan) -> None:
        self.rows += plan.states
        self.dropped += plan.stale
        # An OU's parent must exist before it is added: slapd may take pipelined
        # operations in any order, so the few containers go one at a time.
        self._pipeline(plan.containers, window=1)
        for phase in plan.phases[1:]:
            self._pipeline(phase, WINDOW)
        self.flush()

    def _send(self, op: Op) -> int:
        if op.kind == "add":
            return int(self.conn.add_ext(op.dn, op.changes))
        if op.kind == "modify":
            return int(self.conn.modify_ext(op.dn, op.changes))
        if op.kind == "rename":
            return int(self.conn.rename(op.dn, op.new_rdn, op.new_superior, delold=1))
        return int(self.conn.delete_ext(op.dn))

    def _pipeline(self, ops: list[Op], window: int) -> None:
        pending: deque[tuple[int, Op]] = deque()
        for op in ops:
            pending.append((self._send(op), op))
            if len(pending) >= window:
                self._collect(*pending.popleft())
        while pending:
            self._collect(*pending.popleft())

    def _collect(self, msgid: int, op: Op) -> None:
        try:
            self.conn.result3(msgid)
        except (ldap.SERVER_DOWN, ldap.TIMEOUT):
            raise
        except ldap.NO_SUCH_OBJECT as exc:
            if op.kind != "delete":  # an entry already gone is what a delete wants
                self.errors.append(SyncError(op.dn, error_detail(exc)))
                return
        except ldap.ALREADY_EXISTS as exc:
            if not self._adopt(op):
                self.errors.append(SyncError(op.dn, error_detail(exc)))
                return
        except ldap.LDAPError as exc:
            self.errors.append(SyncError(op.dn, error_detail(exc)))
            return
        finally:
            self.done += 1
            if self.done % 500 == 0 or self.done == self.total:
                self.progress(self.done, self.total)
        if op.state is not None:
            self.rows.append(op.state)
        if op.dropped_user is not None:
            self.dropped.append(op.dropped_user)
        if len(self.rows) + len(self.dropped) >= STATE_BATCH:
            self.flush()

    def _adopt(self, op: Op) -> bool:
        """An add that found its entry there already: when the entry carries the add's
        own mark (a killed sync's add that the server finished after this sync read the
        tree), set its attributes to the add's and count it done; else False."""
        marks = [v for a, v in op.changes if a == layout.MARK_ATTR]
        if op.kind != "add" or not marks:
            return False
        try:
            found = self.conn.search_s(op.dn, ldap.SCOPE_BASE, attrlist=[layout.MARK_ATTR])
            have = {v for _dn, entry in found for k, vs in entry.items()
                    if k.lower() == layout.MARK_ATTR.lower() for v in vs}  # fmt: skip
            if not set(marks[0]) <= have:
                return False
            mods = [(ldap.MOD_REPLACE, a, v) for a, v in op.changes if a.lower() != "objectclass"]
            self.conn.modify_s(op.dn, mods)
        except (ldap.SERVER_DOWN, ldap.TIMEOUT):
            raise
        except ldap.LDAPError:
            return False
        return True

    def flush(self) -> None:
        """Commit the state of the operations done so far."""
        if not self.rows and not self.dropped:
            return
        rows = {r.user_id: r for r in self.rows}
        ids = list(rows) + self.dropped
        now = utcnow()
        with session_scope(self.engine) as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                session.execute(delete(LdapUserState).where(LdapUserState.user_id.in_(chunk)))
            if rows:
                session.execute(
                    insert(LdapUserState),
                    [
                        {
                            "user_id": r.user_id,
                            "dn": r.dn,
                            "password_fingerprint": r.fingerprint,
                            "enabled": r.enabled,
                            "synced_at": now,
                        }
                        for r in rows.values()
                    ],
                )
        self.rows, self.dropped = [], []
