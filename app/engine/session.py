"""One import from file to protocol: the object the wizard's pages share and the
command line drives (STYLE rule 5). It holds the choices; the work is done by the
reader, mapper, planner, applier and protocol modules."""

from __future__ import annotations

import hashlib
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine

from app.db import session_scope
from app.engine.access.operators import Actor, local_actor
from app.engine.admin.lookups import find_school, find_year_ref
from app.engine.applying.apply import BeforeCommit, apply_plan
from app.engine.applying.locks import import_lock
from app.engine.applying.stalecheck import preview_snapshot
from app.engine.applying.store import login_scheme, reserved_logins, saved_mapping
from app.engine.output import protocol
from app.engine.output.handover import Handover
from app.engine.output.letters import letters_entries
from app.engine.planning.accounttypes import recognise_by_values
from app.engine.planning.layouts import Layout, recognise
from app.engine.planning.mapping import ColumnMapping, auto_map, check_mapping
from app.engine.planning.plan import Plan, group_needs
from app.engine.planning.planner import build_plan, check_rows
from app.engine.planning.results import (
    ApplyResult,
    CancelCheck,
    GroupNeed,
    ImportOptions,
    ProgressCallback,
    RunInfo,
)
from app.engine.planning.state import DirectoryState, complete_state, load_groups, load_state
from app.engine.planning.validation import RowValidator
from app.engine.reading.readers import read_table
from app.engine.reading.table import ReadOptions, Table

log = logging.getLogger(__name__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(slots=True)
class ImportSession:
    engine: Engine
    options: ImportOptions
    # Who runs the import; None means the local administrator of single-user mode.
    actor: Actor | None = None
    path: Path | None = None
    read_options: ReadOptions = field(default_factory=ReadOptions)
    table: Table | None = None
    mapping: ColumnMapping | None = None
    mapping_was_saved: bool = False
    # The known layout the file is read in: chosen, or recognised by its content.
    layout: Layout | None = None
    plan: Plan | None = None
    result: ApplyResult | None = None
    # How long the last build_plan waited for its snapshot (the bench reports it).
    state_wait_s: float = 0.0
    # A snapshot being loaded in the background, for the choices it was started with.
    _prefetched: tuple[tuple[str, str | None, str, str], Future[DirectoryState]] | None = field(
        default=None, init=False, repr=False
    )

    # -- table -----------------------------------------------------------------------
    def load(
        self,
        path: Path,
        read_options: ReadOptions | None = None,
        layout: Layout | None = None,
        recognise_layout: bool = True,
    ) -> Table:
        """Read the file; in ``layout`` (headerless), or in the layout its content
        fits when its headers name no complete mapping, or as a table with headers."""
        self.path = Path(path)
        self.read_options = read_options or self.read_options
        self.plan, self.layout = None, None
        if layout is not None:
            return self.use_layout(layout)
        self.table = read_table(self.path, self.read_options)
        self.mapping = self.suggest_mapping()
        if recognise_layout and not self.mapping.is_complete():
            table = self.table
            found = recognise(table.rows, table.headers if table.has_header else None)
            if found is not None:
                return self.use_layout(found)
        return self.table

    def use_layout(self, layout: Layout) -> Table:
        """Read the file again without a header row, mapped as ``layout`` says."""
        assert self.path is not None
        self.read_options = replace(self.read_options, header=False)
        self.table = read_table(self.path, self.read_options)
        self.layout, self.mapping_was_saved = layout, False
        self.mapping = layout.mapping(self.table)
        self.plan = None
        return self.table

    def require_table(self) -> Table:
        if self.table is None:
            raise RuntimeError("no table loaded")
        return self.table

    # -- mapping ---------------------------------------------------------------------
    def suggest_mapping(self) -> ColumnMapping:
        """The mapping remembered for this source and layout, else the recognised one."""
        table = self.require_table()
        if table.has_header:
            with self.engine.begin() as conn:
                saved = saved_mapping(conn, self.options.source, table.headers)
            if saved is not None and saved.is_complete():
                self.mapping_was_saved = True
                return saved
        self.mapping_was_saved = False
        return recognise_by_values(auto_map(table.headers), table.headers, table.rows)

    # -- groups and plan -------------------------------------------------------------
    def require_actor(self) -> Actor:
        if self.actor is None:
            with self.engine.begin() as conn:
                self.actor = local_actor(conn)
        return self.actor

    def school_id(self) -> int:
        """The named school, else the operator's first (the first of all for admins)."""
        actor = self.require_actor()
        with self.engine.begin() as conn:
            return find_school(conn, self.options.school, actor)

    def prefetch_state(self) -> None:
        """Start loading the directory snapshot in the background.

        The snapshot needs no file, so the command line starts it before reading:
        calamine parses without Python's lock, and loading 50,000 existing users
        overlaps with it. The next :meth:`load_state` with the same choices takes
        the result (or raises what loading raised); any later call loads afresh.
        """
        key = self._state_key()
        if self._prefetched is not None and self._prefetched[0] == key:
            return
        self.close()
        self.require_actor()  # resolved here, not in the background
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="schoolimport-state")
        self._prefetched = key, executor.submit(self._load_state_now)
        executor.shutdown(wait=False)

    def close(self) -> None:
        """Cancel or wait for a background load that nobody took, so that its
        connection is back in the pool before the engine is disposed (e.g. when
        reading the file failed, or the choices changed)."""
        pending, self._prefetched = self._prefetched, None
        if pending is not None and not pending[1].cancel():
            pending[1].exception()  # waits; what it raised matters to no one now

    def _state_key(self) -> tuple[str, str | None, str, str]:
        opts = self.options
        return opts.year, opts.school, opts.source, opts.account_type

    def load_state(self) -> DirectoryState:
        pending = self._prefetched
        if pending is not None and pending[0] == self._state_key():
            self._prefetched = None
            return pending[1].result()
        self.close()
        return self._load_state_now()

    def _load_state_now(self) -> DirectoryState:
        actor = self.require_actor()
        with self.engine.begin() as conn:
            year = find_year_ref(conn, self.options.year)
            school_id = find_school(conn, self.options.school, actor)
            actor.require_import("users", school_id)
            # Before anything is read: the run skips its stale-plan check when no
            # change was committed since (app/engine/applying/stalecheck.py).
            seen = preview_snapshot(conn)
            state = load_state(
                conn, school_id, year, self.options.source, self.options.account_type
            )
            state.seen = seen
            return state

    def group_needs(self, options: ImportOptions | None = None) -> dict[str, GroupNeed]:
        """Every group the file names, matched to the year's groups or marked missing,
        under ``options`` (default: the session's). Reads the groups, not the users.
        The groups of every account type in a typed file: the wizard asks for groups
        before the account type, and the run creates only the groups its rows use."""
        table, mapping = self.require_table(), self.require_mapping()
        opts = options or self.options
        actor = self.require_actor()
        with self.engine.begin() as conn:
            year = find_year_ref(conn, opts.year)
            school_id = find_school(conn, opts.school, actor)
            actor.require_import("users", school_id)
            existing = load_groups(conn, school_id, year)
        validator = RowValidator(mapping, None, None, table.delimiter)
        return group_needs(validator.group_lists(table.rows), opts, existing)

    def require_mapping(self) -> ColumnMapping:
        if self.mapping is None:
            raise RuntimeError("no mapping chosen")
        return self.mapping

    def build_plan(self, state: DirectoryState | None = None) -> Plan:
        """The plan against ``state``, or against the snapshot (prefetched or loaded
        now). The rows are checked first: that needs no snapshot, so it happens while
        a prefetched one is still loading."""
        table, mapping = self.require_table(), self.require_mapping()
        check_mapping(mapping)  # before checking 50,000 rows against it
        with self.engine.begin() as conn:
            scheme, reserved = login_scheme(conn), reserved_logins(conn)
        today = date.today()
        self.state_wait_s = 0.0
        checked = check_rows(table, mapping, today, self.options.account_type)
        if state is None:
            started = time.perf_counter()
            state = self.load_state()
            self.state_wait_s = time.perf_counter() - started
        if state.keys is None:  # what the file needs of the other schools
            with self.engine.begin() as conn:
                complete_state(conn, state, checked, scheme, reserved)
        scope = self.require_actor().school_ids
        self.plan = build_plan(
            table,
            mapping,
            self.options,
            state,
            scheme,
            reserved,
            today=today,
            scope=scope,
            checked=checked,
        )
        counts = self.plan.summary().as_dict()
        log.info("plan: %s", ", ".join(f"{k} {v}" for k, v in counts.items() if k != "run_id"))
        return self.plan

    # -- run and protocol ------------------------------------------------------------
    def apply(
        self,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
        handover: Handover | None = None,
    ) -> ApplyResult:
        """Run the plan. With ``handover``, its protocol and letters are written
        completely before the commit (a failure to write rolls the run back) and
        moved into place after it (SPEC §6)."""
        if self.plan is None:
            raise RuntimeError("no plan to apply")
        assert self.path is not None
        actor = self.require_actor()
        plan, school_id = self.plan, self.plan.state.school_id
        actor.require_import("users", school_id)
        if handover is not None:
            handover.check([self.path])
            handover.load_school(self.engine, school_id)
        info = RunInfo(self.path.name, file_sha256(self.path), actor.id)
        with import_lock(self.engine, school_id, actor.name):
            from app.engine.admin import history  # the ORM's: for a run, not a preview

            with session_scope(self.engine) as session:
                interrupted = history.mark_interrupted_runs(session, school_id)
            if interrupted:
                log.warning("%d interrupted run(s) of this school marked failed", interrupted)
            try:
                self.result = apply_plan(
                    self.engine,
                    plan,
                    info,
                    progress,
                    cancelled,
                    before_commit=_stager(handover, plan),
                )
            except BaseException:
                if handover is not None:
                    handover.discard()
                raise
            if handover is not None:
                handover.publish(self.engine, self.result.run_id)
        return self.result

    def protocol_table(self, language: str = "de") -> tuple[list[str], list[list[str]]]:
        if self.plan is None or self.result is None:
            raise RuntimeError("the protocol exists only after a run")
        headers = list(protocol.PROTOCOL_HEADERS[language])
        rows = protocol.protocol_rows(
            self.plan.all_rows, self.result.credentials, self.result.logins, language
        )
        return headers, rows

    def save_protocol(self, target: Path, password: str, language: str = "de") -> Path:
        headers, rows = self.protocol_table(language)
        saved = protocol.save_protocol(target, headers, rows, password)
        log.info("protocol saved (encrypted): %s, %d rows", saved.name, len(rows))
        return saved


def _stager(handover: Handover | None, plan: Plan) -> BeforeCommit | None:
    """The hook that writes ``handover``'s files inside the run's transaction."""
    if handover is None:
        return None

    def stage(conn: Connection, result: ApplyResult) -> None:
        def rows(language: str) -> list[list[str]]:
            return protocol.protocol_rows(
                plan.all_rows, result.credentials, result.logins, language
            )

        handover.stage(conn, result.run_id, rows, lambda: letters_entries(plan, result))

    return stage
