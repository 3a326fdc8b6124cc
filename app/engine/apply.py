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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    false,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from app.engine.bulk import BulkStatement, fetch_all
from app.engine.diff import GroupRef, GroupRefs, membership_delta
from app.engine.gcpause import gc_paused
from app.engine.hashing import PendingHashes, start_hashing
from app.engine.plan import Plan
from app.engine.reasons import Cancelled, Reason, Refused, StalePlan
from app.engine.results import (
    ApplyResult,
    CancelCheck,
    Phase,
    Progress,
    ProgressCallback,
    RowAction,
    RowPlan,
)
from app.engine.state import fingerprint
from app.engine.store import record_run_outcome, record_run_start, remember_mapping
from app.models import (
    AccountType,
    Group,
    ImportRowResult,
    ImportRun,
    Membership,
    RunStatus,
    SchoolYear,
    UsedLogin,
    User,
    UserStatus,
    utcnow,
)

log = logging.getLogger(__name__)

BATCH = 2000
BEFORE_IMAGE_VERSION = 2
# Columns of a touched user that the before-image keeps besides the imported fields.
_STATUS_COLUMNS = ("status", "marked_at", "deactivate_on", "purge_on", "updated_at")
USERS = cast(Table, User.__table__)
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
_ROW_RESULT_COLUMNS = (
    "run_id",
    "row_number",
    "action",
    "succeeded",
    "reason",
    "values",
    "user_id",
    "login",
)
MEMBERSHIPS = cast(Table, Membership.__table__)
USED_LOGINS = cast(Table, UsedLogin.__table__)
ROW_RESULTS = cast(Table, ImportRowResult.__table__)
RUNS = cast(Table, ImportRun.__table__)


@dataclass(slots=True)
class RunInfo:
    file_name: str
    file_sha256: str
    operator_id: int | None = None


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
) -> ApplyResult:
    check_applicable(plan)
    report = progress or (lambda _p: None)
    is_cancelled = cancelled or (lambda: False)
    started = time.perf_counter()
    log.info("apply %s: %d rows, %s", info.file_name, len(plan.rows), plan.options.account_type)
    now = utcnow()
    run_id = record_run_start(engine, plan, info, now)
    pending = start_hashing(plan)
    try:
        with engine.begin() as conn:
            writer = _Writer(
                conn, plan, info, today or date.today(), report, is_cancelled, run_id, now
            )
            result = writer.run(pending)
    except Cancelled:
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
        record_run_outcome(engine, run_id, RunStatus.FAILED, type(exc).__name__)
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
        # What undo needs (app/engine/undo.py); version 2 adds the status dates and
        # updated_at of touched users and the removed memberships' columns.
        self.before: dict[str, Any] = {
            "version": BEFORE_IMAGE_VERSION,
            "created_users": [],
            "created_groups": [],
            "updated": [],
            "memberships_added": [],
            "memberships_removed": [],
            "expired": [],
            "expired_before": [],
        }
        self.done = 0
        self.total = len(plan.rows) + len(plan.expiries)
        # What each row does, worked out once (the plan does not change while applying).
        self.acting = [(row, row.effective_action) for row in plan.rows]
        self.succeeded = {id(row) for row, action in self.acting if action is not None}

    # -- orchestration --------------------------------------------------------------
    def run(self, pending: PendingHashes) -> ApplyResult:
        self.report(Progress(0, self.total, Phase.CHECKING))
        self._check_fresh()
        pending.start()
        run_id = self.run_id
        self._create_groups(run_id)
        logins = self._insert_users(run_id)
        logins.update(self._update_users())
        self._set_memberships()
        self._expire()
        self._record_used_logins(logins.values())
        summary = self.plan.summary()
        summary.groups_created = len(self.before["created_groups"])
        summary.run_id = run_id
        self._record_rows(run_id, logins)
        self._finish_run(run_id, summary)
        remember_mapping(self.conn, self.plan)
        self._store_hashes(pending)
        if self.is_cancelled():  # asked for while the last hashes finished: before the commit
            raise Cancelled()
        return ApplyResult(summary, run_id, pending.credentials, logins)

    def _store_hashes(self, pending: PendingHashes) -> None:
        if not pending.secrets:
            return
        hashed = pending.wait(self.report, self.is_cancelled)
        count = len(pending.indexes)
        pw_hashes = hashed[:count] if pending.with_password else []
        safe_hashes = hashed[len(pw_hashes) :] if pending.with_datasafe else []
        rows = {r.index: r for r in self.plan.rows if r.index is not None}
        params = [
            (
                pw_hashes[n] if pw_hashes else None,
                safe_hashes[n] if safe_hashes else None,
                rows[index].user_id,
            )
            for n, index in enumerate(pending.indexes)
        ]
        stmt = BulkStatement.update(self.conn, USERS, ("password_hash", "datasafe_hash"))
        stmt.execute_batched(params, BATCH)

    def _tick(self, count: int, phase: Phase = Phase.WRITING) -> None:
        if self.is_cancelled():
            raise Cancelled()
        self.done += count
        self.report(Progress(min(self.done, self.total), self.total, phase))

    def _check_fresh(self) -> None:
        state = self.plan.state
        year = self.conn.execute(
            select(SchoolYear.id).where(SchoolYear.id == state.year_id)
        ).scalar_one_or_none()
        if year is None or fingerprint(self.conn, state.school_id, state.year_id) != (
            state.fingerprint
        ):
            raise StalePlan()

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
                insert(Group).returning(Group.id),
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
        opts = self.plan.options
        school_id = self.plan.state.school_id
        status = UserStatus.ACTIVE.value
        # No RETURNING: SQLite cannot return the ids of a multi-row insert in parameter
        # order, so SQLAlchemy would fall back to one statement per row (5× slower).
        # The ids are read back afterwards by the run that created them.
        stmt = BulkStatement.insert(
            self.conn, USERS, _USER_COLUMNS, created_at=self.now_sql, updated_at=self.now_sql
        )
        for start in range(0, len(rows), BATCH):  # built per batch: memory stays flat
            batch = rows[start : start + BATCH]
            stmt.execute(
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
            self._tick(len(batch))
        if not rows:
            return logins
        created = self.conn.execute(
            select(USERS.c.login, USERS.c.id).where(USERS.c.created_by_run_id == run_id)
        )
        ids: dict[str, int] = {login: int(user_id) for login, user_id in created}
        for row in rows:
            assert row.index is not None and row.new_login is not None
            row.user_id = ids[row.new_login]
            logins[row.index] = row.new_login
        self.before["created_users"] = sorted(ids.values())
        return logins

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
        old = self._status_columns([entry["id"] for entry in self.before["updated"]])
        self.before["updated"] = [_jsonable({**e, **old[e["id"]]}) for e in self.before["updated"]]
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
        self.before["memberships_removed"] = self._removed_memberships(to_remove)
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

    def _removed_memberships(self, to_remove: list[tuple[int, int]]) -> list[list[Any]]:
        """[user id, group id, is_admin, created_at] of each membership to remove."""
        wanted = set(to_remove)
        users = sorted({user_id for user_id, _group_id in to_remove})
        found: dict[tuple[int, int], list[Any]] = {}
        for start in range(0, len(users), BATCH):
            stmt = select(
                MEMBERSHIPS.c.user_id,
                MEMBERSHIPS.c.group_id,
                MEMBERSHIPS.c.is_admin,
                MEMBERSHIPS.c.created_at,
            ).where(MEMBERSHIPS.c.user_id.in_(users[start : start + BATCH]))
            for uid, gid, admin, created in self.conn.execute(stmt):
                if (uid, gid) in wanted:
                    found[(uid, gid)] = [
                        uid,
                        gid,
                        bool(admin),
                        created.isoformat() if created else None,
                    ]
        return [found[pair] for pair in to_remove]

    def _status_columns(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The status, its dates and updated_at of these users, before the run."""
        columns = [USERS.c[name] for name in _STATUS_COLUMNS]
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), BATCH):
            stmt = select(USERS.c.id, *columns).where(USERS.c.id.in_(ids[start : start + BATCH]))
            for row in self.conn.execute(stmt):
                found[row[0]] = dict(zip(_STATUS_COLUMNS, row[1:], strict=True))
        return found

    def _expire(self) -> None:
        rows = [r for r in self.plan.expiries if r.included]
        if not rows:
            return
        kind = self.conn.execute(
            select(AccountType.tolerance_days, AccountType.deletion_days).where(
                AccountType.code == self.plan.options.account_type
            )
        ).one()
        deactivate_on = self.today + timedelta(days=kind.tolerance_days)
        purge_on = deactivate_on + timedelta(days=kind.deletion_days)
        marked = UserStatus.MARKED_FOR_DELETION.value
        params = [(marked, self.now, deactivate_on, purge_on, r.user_id) for r in rows]
        ids = [r.user_id for r in rows if r.user_id is not None]
        old = self._status_columns(ids)
        self.before["expired_before"] = [_jsonable({"id": uid, **old[uid]}) for uid in ids]
        names = ("status", "marked_at", "deactivate_on", "purge_on")
        stmt = BulkStatement.update(self.conn, USERS, names, updated_at=self.now_sql)
        stmt.execute_batched(params, BATCH)
        self.before["expired"] = ids
        self._tick(len(rows))

    def _record_used_logins(self, logins: Any) -> None:
        wanted = set(logins)
        if not wanted:
            return
        known = {login for (login,) in fetch_all(self.conn, select(UsedLogin.login))}
        rows = [(login,) for login in sorted(wanted - known)]
        stmt = BulkStatement.insert(self.conn, USED_LOGINS, ("login",), first_used_at=self.now_sql)
        stmt.execute_batched(rows, BATCH)

    # -- the record of the run -------------------------------------------------------
    def _record_rows(self, run_id: int, logins: dict[int, str]) -> None:
        rows = self.plan.all_rows
        stmt = BulkStatement.insert(self.conn, ROW_RESULTS, _ROW_RESULT_COLUMNS)
        for start in range(0, len(rows), BATCH):  # built per batch: memory stays flat
            stmt.execute(
                self._row_result(run_id, row, logins) for row in rows[start : start + BATCH]
            )

    def _row_result(self, run_id: int, row: RowPlan, logins: dict[int, str]) -> tuple[Any, ...]:
        reasons = [m.text() for m in row.explanations()]
        cells = self.plan.table.rows[row.index] if row.index is not None else []
        is_expiry = row.action is RowAction.EXPIRE
        succeeded = row.included if is_expiry else id(row) in self.succeeded
        login = logins.get(row.index, row.login) if row.index is not None else row.login
        return (
            run_id,
            row.line or 0,
            row.outcome,
            succeeded,
            ", ".join(reasons),
            list(cells),
            row.user_id,
            login,
        )

    def _finish_run(self, run_id: int, summary: Any) -> None:
        failed = summary.invalid + summary.conflicts + summary.skipped
        status = RunStatus.COMPLETED_WITH_ERRORS if failed else RunStatus.COMPLETED
        counts = {k: v for k, v in summary.as_dict().items() if k != "run_id"}
        self.conn.execute(
            update(ImportRun)
            .where(ImportRun.id == run_id)
            .values(
                status=status.value,
                finished_at=utcnow(),
                before_image=self.before,
                **counts,
            )
        )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, _DATES) else v) for k, v in values.items()}


_DATES = (date, datetime)  # a tuple: ``date | datetime`` would build a union per call
