"""Applying a plan: one transaction that does exactly what the plan says.

Passwords are generated first and hashed on all cores in the background while one
transaction re-checks the database against the plan's snapshot,
creates the groups, users and memberships with set-based statements, marks expired
accounts, records the run with one result per row, sets the hashes once they are
ready, and commits. Cancelling or any
error rolls everything back; the run is then recorded as cancelled or failed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    false,
    insert,
    literal_column,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from app.engine.applying.beforeimage import (
    empty_image,
    jsonable,
    removed_memberships,
    status_columns,
)
from app.engine.applying.hashing import PendingHashes, start_hashing
from app.engine.applying.stalecheck import FreshCheck, prune_changes
from app.engine.applying.store import (
    record_rows,
    record_run_finish,
    record_run_outcome,
    record_run_start,
    record_used_logins,
    remember_mapping,
)
from app.engine.bulk import BATCH, BulkStatement, batches, new_ids
from app.engine.gcpause import gc_paused
from app.engine.planning.diff import GroupRef, GroupRefs, membership_delta
from app.engine.planning.plan import Plan
from app.engine.planning.results import (
    ApplyResult,
    CancelCheck,
    Phase,
    Progress,
    ProgressCallback,
    RowAction,
    RowPlan,
    RunInfo,
)
from app.engine.reasons import Cancelled, EngineError, Reason, Refused, StalePlan
from app.models import (
    RunStatus,
    UserStatus,
    tables,
    utcnow,
)

log = logging.getLogger(__name__)

# Called inside the run's transaction once everything is written, just before the
# commit: the protocol is written there, and whatever it raises rolls the run back.
BeforeCommit = Callable[[Connection, ApplyResult], None]

USERS = tables.users
ACCOUNT_TYPES = tables.account_types
_USER_COLUMNS = (
    "school_id",
    "source",
    "source_id",
    "account_type",
    "last_name",
    "first_name",
    "birth_date",
    "email",
    "login",
    "password_hash",
    "datasafe_hash",
    "must_change_password",
    "status",
    "created_by_run_id",
)
# The columns an update of an existing user sets (besides the status dates).
_UPDATED_COLUMNS = (
    "school_id",
    "last_name",
    "first_name",
    "birth_date",
    "email",
    "login",
    "source",
    "source_id",
    "status",
)
MEMBERSHIPS = tables.memberships
USED_LOGINS = tables.used_logins


def check_applicable(plan: Plan) -> None:
    """Refusals that do not depend on the database's current state."""
    missing = plan.missing_groups()
    if missing:
        raise Refused(Reason.MISSING_GROUPS, year=plan.state.year_name, groups=", ".join(missing))
    if plan.mass_expiry and not (plan.options.allow_mass_expiry or plan.mass_expiry_confirmed):
        count = sum(1 for r in plan.expiries if r.included)
        raise Refused(Reason.MASS_EXPIRY, count=count, active=plan.state.active_count)


@gc_paused
def apply_plan(
    engine: Engine,
    plan: Plan,
    info: RunInfo,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    today: date | None = None,
    before_commit: BeforeCommit | None = None,
) -> ApplyResult:
    check_applicable(plan)
    report = progress or (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    started = time.perf_counter()
    log.info("apply %s: %d rows, %s", info.file_name, len(plan.rows), plan.options.account_type)
    now = utcnow()
    prune_changes(engine)
    run_id = record_run_start(engine, plan, info, now)
    pending = start_hashing(plan)
    try:
        with engine.begin() as conn:
            writer = _Writer(
                conn, plan, info, today or date.today(), report, is_cancelled, run_id, now
            )
            result = writer.run(pending)
            if before_commit is not None:
                before_commit(conn, result)
    except (Cancelled, KeyboardInterrupt):  # the Cancel button, or Ctrl-C
        log.warning("apply %s: cancelled, rolled back", info.file_name)
        pending.pool.shutdown(cancel=True)
        record_run_outcome(engine, run_id, RunStatus.CANCELLED, Reason.CANCELLED.value)
        raise
    except StalePlan:
        log.warning("apply %s: refused, the database changed since the plan", info.file_name)
        pending.pool.shutdown(cancel=True)
        record_run_outcome(engine, run_id, RunStatus.FAILED, Reason.STALE_PLAN.value)
        raise
    except BaseException as exc:
        log.warning("apply %s: failed (%s), rolled back", info.file_name, type(exc).__name__)
        pending.pool.shutdown(cancel=True)
        why = exc.message.reason.value if isinstance(exc, EngineError) else type(exc).__name__
        record_run_outcome(engine, run_id, RunStatus.FAILED, why)
        raise
    finally:
        pending.pool.shutdown()
    counts = ", ".join(f"{k} {v}" for k, v in result.summary.as_dict().items() if k != "run_id")
    seconds = time.perf_counter() - started
    log.info("apply %s: run %s done in %.1f s: %s", info.file_name, result.run_id, seconds, counts)
    report(Progress(1, 1, Phase.DONE))
    return result


class _Writer:
    def __init__(
        self,
        conn: Connection,
        plan: Plan,
        info: RunInfo,
        today: date,
        report: ProgressCallback,
        is_cancelled: CancelCheck,
        run_id: int,
        now: datetime,
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.info = info
        self.today = today
        self.now = now  # also the run's started_at, which undo relies on
        self.run_id = run_id  # the history row, recorded before the transaction
        # The same timestamp for every row, as SQL text: bulk inserts then bind no
        # per-row datetime (SQLAlchemy's per-row processing doubled their cost).
        self.now_sql: ColumnElement[Any] = literal_column(f"'{self.now:%Y-%m-%d %H:%M:%S.%f}'")
        self.report = report
        self.is_cancelled = is_cancelled
        self.group_ids: dict[GroupRef, int] = {}
        self.before = empty_image()  # what undo needs (app/engine/applying/beforeimage.py)
        self.done = 0
        self.total = len(plan.rows) + len(plan.expiries)
        # What each row does, worked out once (the plan does not change while applying).
        self.acting = [(row, row.effective_action) for row in plan.rows]
        self.succeeded = {id(row) for row, action in self.acting if action is not None}

    # -- orchestration --------------------------------------------------------------
    def run(self, pending: PendingHashes) -> ApplyResult:
        self.report(Progress(0, self.total, Phase.CHECKING))
        check = FreshCheck(self.conn, self.plan.state)
        try:
            result = self._write(pending)
            check.require()
        except (Cancelled, KeyboardInterrupt):
            raise
        except Exception as exc:
            check.require(exc)  # a stale plan is why the writes failed (e.g. a login taken)
            raise
        finally:
            check.close()
        return result

    def _write(self, pending: PendingHashes) -> ApplyResult:
        pending.start()
        run_id = self.run_id
        self._create_groups(run_id)
        logins = self._insert_users(run_id)
        # Asked of used_logins by the plan and the check only when the file's keys were.
        new = list(logins.values()) if self.plan.state.keys is not None else []
        logins.update(self._update_users())
        self._set_memberships()
        self._expire()
        record_used_logins(self.conn, logins.values(), self.now_sql, new)
        summary = self.plan.summary()
        summary.groups_created = len(self.before["created_groups"])
        summary.run_id = run_id
        record_rows(self.conn, self.plan, run_id, logins, self.succeeded)
        record_run_finish(self.conn, run_id, summary, self.before)
        remember_mapping(self.conn, self.plan)
        self._store_hashes(pending)
        if self.is_cancelled():  # asked for while the last hashes finished: before the commit
            raise Cancelled()
        return ApplyResult(summary, run_id, pending.credentials, logins)

    def _store_hashes(self, pending: PendingHashes) -> None:
        if not pending.secrets:
            return
        hashed = pending.wait(self.report, self.is_cancelled)
        params = pending.by_user(hashed, self.plan.rows)
        stmt = BulkStatement.update(self.conn, USERS, ("password_hash", "datasafe_hash"))
        stmt.execute_batched(params, BATCH)

    def _tick(self, count: int, phase: Phase = Phase.WRITING) -> None:
        if self.is_cancelled():
            raise Cancelled()
        self.done += count
        self.report(Progress(min(self.done, self.total), self.total, phase))

    # -- groups ----------------------------------------------------------------------
    def _create_groups(self, run_id: int) -> None:
        for need in self.plan.groups.values():
            if need.group_id is not None:
                self.group_ids[need.group_id] = need.group_id
        creations = self.plan.options.group_creations
        for need in self.plan.groups_to_create():
            key = next(k for k, n in self.plan.groups.items() if n is need)
            permanent = creations.get(key, ("", False))[1]
            year_id = None if permanent else self.plan.state.year_id
            gid = self.conn.execute(
                insert(tables.groups).returning(tables.groups.c.id),
                {
                    "school_id": self.plan.state.school_id,
                    "year_id": year_id,
                    "year_key": year_id or 0,
                    "name": need.name,
                    "name_key": key,
                    "type": need.create_type,
                    "description": "",
                    "comment": "",
                    "disabled": False,
                    "created_by_run_id": run_id,
                    "created_at": self.now,
                    "updated_at": self.now,
                },
            ).scalar_one()
            self.group_ids[key] = int(gid)
            self.before["created_groups"].append(int(gid))

    # -- users -----------------------------------------------------------------------
    def _insert_users(self, run_id: int) -> dict[int, str]:
        rows = [r for r, action in self.acting if action is RowAction.CREATE]
        logins: dict[int, str] = {}
        if not rows:
            return logins
        # No RETURNING: SQLite cannot return the ids of a multi-row insert in parameter
        # order, so SQLAlchemy would fall back to one statement per row (5× slower),
        # and COPY returns nothing. PostgreSQL's ids are taken from the sequence first
        # (one statement) and written with the rows; SQLite's are read back afterwards
        # by the run that created them.
        taken = new_ids(self.conn, USERS, len(rows))
        names = _USER_COLUMNS if taken is None else ("id", *_USER_COLUMNS)
        stmt = BulkStatement.insert(
            self.conn, USERS, names, created_at=self.now_sql, updated_at=self.now_sql
        )
        with stmt.stream():
            self._insert_batches(stmt, rows, run_id, taken)
        if taken is None:
            created = self.conn.execute(
                select(USERS.c.login, USERS.c.id).where(USERS.c.created_by_run_id == run_id)
            )
            ids: dict[str, int] = {login: int(user_id) for login, user_id in created}
            taken = [ids[row.new_login] for row in rows if row.new_login is not None]
        for row, user_id in zip(rows, taken, strict=True):
            assert row.index is not None and row.new_login is not None
            row.user_id = user_id
            logins[row.index] = row.new_login
        self.before["created_users"] = sorted(taken)
        return logins

    def _insert_batches(
        self, stmt: BulkStatement, rows: list[RowPlan], run_id: int, ids: list[int] | None
    ) -> None:
        opts = self.plan.options
        school_id = self.plan.state.school_id
        status = UserStatus.ACTIVE.value
        first = 0
        for batch in batches(rows):  # built per batch: memory stays flat
            given = () if ids is None else [(i,) for i in ids[first : first + len(batch)]]
            first += len(batch)
            values = (
                (
                    school_id,
                    opts.source,
                    row.values.source_id,
                    opts.account_type,
                    row.values.last_name,
                    row.values.first_name,
                    row.values.birth_date,
                    row.values.email,
                    row.new_login,
                    None,  # password_hash and datasafe_hash: set by _store_hashes
                    None,
                    True,
                    status,
                    run_id,
                )
                for row in batch
            )
            stmt.execute(values if ids is None else map(tuple.__add__, given, values))
            self._tick(len(batch))

    def _update_users(self) -> dict[int, str]:
        kinds = (RowAction.UPDATE, RowAction.REACTIVATE)
        rows = [(r, action) for r, action in self.acting if action in kinds]
        users = {u.id: u for u in self.plan.state.users_by_source_id.values()}
        logins: dict[int, str] = {}
        params: list[tuple[Any, ...]] = []
        for row, action in rows:
            assert row.user_id is not None and row.index is not None
            user = users.get(row.user_id) or self.plan.state.user_by_id(row.user_id)
            assert user is not None
            current: dict[str, Any] = {name: getattr(user, name) for name in _UPDATED_COLUMNS}
            new = dict(current)
            for change in row.changes:
                new[change.field] = change.new
            if action is RowAction.REACTIVATE:
                new["status"] = UserStatus.ACTIVE.value
            logins[row.index] = new["login"]
            if new == current and action is RowAction.UPDATE:
                continue  # only memberships change
            self.before["updated"].append({"id": user.id, **current})
            params.append((*(new[name] for name in _UPDATED_COLUMNS), None, None, None, user.id))
        old = status_columns(self.conn, [entry["id"] for entry in self.before["updated"]])
        self.before["updated"] = [jsonable({**e, **old[e["id"]]}) for e in self.before["updated"]]
        names = (*_UPDATED_COLUMNS, "marked_at", "deactivate_on", "purge_on")
        stmt = BulkStatement.update(self.conn, USERS, names, updated_at=self.now_sql)
        stmt.execute_batched(params, BATCH)
        self._tick(len(rows))
        return logins

    def _set_memberships(self) -> None:
        if not self.plan.file_groups_mapped:
            return
        to_add: list[tuple[int, int]] = []  # tuples: a third of a dict's memory
        to_remove: list[tuple[int, int]] = []
        group_ids, state, refs_of = self.group_ids, self.plan.state, GroupRefs(self.plan.groups)
        writing = (RowAction.CREATE, RowAction.UPDATE, RowAction.REACTIVATE)
        for row, action in self.acting:
            if action not in writing:
                continue
            user_id = row.user_id
            assert user_id is not None
            refs = refs_of(row.values.groups)
            existing = None if action is RowAction.CREATE else user_id
            add, remove = membership_delta(existing, refs, state)
            to_add += [(user_id, group_ids[ref]) for ref in add]
            to_remove += [(user_id, gid) for gid in remove]
        self.before["memberships_removed"] = removed_memberships(self.conn, to_remove)
        if to_remove:
            delete = MEMBERSHIPS.delete().where(
                MEMBERSHIPS.c.user_id == bindparam("b_user"),
                MEMBERSHIPS.c.group_id == bindparam("b_group"),
            )
            BulkStatement(self.conn, delete, ("b_user", "b_group")).execute_batched(
                to_remove, BATCH
            )
        stmt = BulkStatement.insert(
            self.conn,
            MEMBERSHIPS,
            ("user_id", "group_id"),
            is_admin=false(),
            created_at=self.now_sql,
        )
        stmt.execute_batched(to_add, BATCH)
        self.before["memberships_added"] = to_add  # pairs: JSON arrays like lists

    def _expire(self) -> None:
        rows = [r for r in self.plan.expiries if r.included]
        if not rows:
            return
        kind = self.conn.execute(
            select(ACCOUNT_TYPES.c.tolerance_days, ACCOUNT_TYPES.c.deletion_days).where(
                ACCOUNT_TYPES.c.code == self.plan.options.account_type
            )
        ).one()
        deactivate_on = self.today + timedelta(days=kind.tolerance_days)
        purge_on = deactivate_on + timedelta(days=kind.deletion_days)
        marked = UserStatus.MARKED_FOR_DELETION.value
        params = [(marked, self.now, deactivate_on, purge_on, r.user_id) for r in rows]
        ids = [r.user_id for r in rows if r.user_id is not None]
        old = status_columns(self.conn, ids)
        self.before["expired_before"] = [jsonable({"id": uid, **old[uid]}) for uid in ids]
        names = ("status", "marked_at", "deactivate_on", "purge_on")
        stmt = BulkStatement.update(self.conn, USERS, names, updated_at=self.now_sql)
        stmt.execute_batched(params, BATCH)
        self.before["expired"] = ids
        self._tick(len(rows))
