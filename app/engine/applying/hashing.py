"""The new accounts' secrets, and their hashes computed in the background while the
run writes (SPEC §2.7): Argon2id on a thread pool over all cores, started after the
stale-plan check and collected just before the commit.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field

from app.engine.access import passwords
from app.engine.planning.plan import Plan
from app.engine.planning.results import (
    CancelCheck,
    NewCredentials,
    Phase,
    Progress,
    ProgressCallback,
    RowAction,
    RowPlan,
)
from app.engine.reasons import Cancelled


@dataclass(slots=True)
class PendingHashes:
    """The new accounts' secrets and their hashes being computed in the background.

    Hashing (the dominant cost) overlaps with the database writes: users are inserted
    without hashes, and the hashes are set by primary key just before the commit. It
    starts after the stale-plan check (:meth:`start`), which would otherwise share the
    cores with it and take twice as long.
    """

    credentials: dict[int, NewCredentials]
    indexes: list[int]
    pool: passwords.HashPool
    secrets: list[str]
    parts: list[Future[list[str]]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    with_password: bool = True
    with_datasafe: bool = True

    def start(self) -> None:
        if self.secrets and not self.parts:
            self.parts = self.pool.submit_chunks(self.secrets)
            self.started = time.perf_counter()

    @property
    def total(self) -> int:
        return sum(
            bool(p) for c in self.credentials.values() for p in (c.password, c.datasafe_password)
        )

    def wait(self, report: ProgressCallback, is_cancelled: CancelCheck) -> list[str]:
        pending = set(self.parts)
        while pending:
            if is_cancelled():
                raise Cancelled()
            _finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            done = sum(len(p.result()) for p in self.parts if p.done())
            report(Progress(done, self.total, Phase.HASHING))
        return [h for part in self.parts for h in part.result()]

    def by_user(
        self, hashed: list[str], rows: Sequence[RowPlan]
    ) -> list[tuple[str | None, str | None, int | None]]:
        """(password hash, data-safe hash, user id) of each new account, from the
        :meth:`wait` result and the plan's rows (whose user ids the insert set)."""
        count = len(self.indexes)
        pw_hashes = hashed[:count] if self.with_password else []
        safe_hashes = hashed[len(pw_hashes) :] if self.with_datasafe else []
        by_index = {r.index: r for r in rows if r.index is not None}
        return [
            (
                pw_hashes[n] if pw_hashes else None,
                safe_hashes[n] if safe_hashes else None,
                by_index[index].user_id,
            )
            for n, index in enumerate(self.indexes)
        ]


def start_hashing(plan: Plan) -> PendingHashes:
    """Generate the new accounts' secrets; :meth:`PendingHashes.start` hashes them on
    all cores."""
    opts = plan.options
    indexes = [
        r.index for r in plan.rows if r.effective_action is RowAction.CREATE and r.index is not None
    ]
    plain = [passwords.generate_password() for _ in indexes] if opts.generate_passwords else []
    safe = [passwords.generate_password() for _ in indexes] if opts.datasafe_password else []
    credentials = {
        index: NewCredentials(plain[n] if plain else None, safe[n] if safe else None)
        for n, index in enumerate(indexes)
    }
    return PendingHashes(
        credentials,
        indexes,
        passwords.HashPool(passwords.INITIAL),
        plain + safe,
        with_password=bool(plain),
        with_datasafe=bool(safe),
    )
