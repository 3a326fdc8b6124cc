"""Files written for the user — protocols, letters, downloads, exports, templates —
and the rules that keep them from losing anything (SPEC §4, §6 "Passwords never lost").

- :func:`check_targets` refuses, before anything runs, a target that exists (unless
  replacing was allowed), a folder, the input file itself, or one name for two outputs.
- :func:`stage` writes the encrypted bytes of a protocol (or letters) completely to a
  temporary file beside the target and syncs it; the run commits only after that, and
  :meth:`Staged.publish` renames the file into place after the commit. The run's
  transaction records the staged files (:func:`record_pending`), so that a process
  killed between the commit and the rename leaves a note the next start finds
  (:func:`pending_outputs`, :func:`recover`). Staged files hold only encrypted bytes.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select

from app.engine.reasons import Message, Reason, Refused
from app.models import tables

SETTINGS = tables.settings
PENDING_PREFIX = "pending_outputs:"  # + run id: the files a run staged before its commit
TEST_EXIT_ENV = "SCHOOLIMPORT_TEST_EXIT_AFTER_COMMIT"  # tests kill the process here


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_targets(
    targets: Iterable[Path | None], inputs: Iterable[Path] = (), overwrite: bool = False
) -> None:
    """Refuse what an output may not be, naming the file. Nothing is written."""
    chosen = [Path(t) for t in targets if t is not None]
    sources = [Path(i) for i in inputs]
    seen: list[Path] = []
    for target in chosen:
        resolved = target.expanduser().resolve()
        if any(resolved == s.expanduser().resolve() or _same(target, s) for s in sources):
            raise Refused(Reason.OUTPUT_IS_INPUT, file=str(target))
        if any(resolved == other or _same(target, other) for other in seen):
            raise Refused(Reason.OUTPUT_TWICE, file=str(target))
        seen.append(resolved)
        if target.is_dir():
            raise Refused(Reason.OUTPUT_IS_FOLDER, file=str(target))
        if target.exists() and not overwrite:
            raise Refused(Reason.OUTPUT_EXISTS, file=str(target))


def write_error(target: Path, error: OSError) -> Refused:
    """An operating system's refusal to write ``target`` as one message."""
    detail = error.strerror or type(error).__name__
    if error.errno == errno.EISDIR:
        return Refused(Reason.OUTPUT_IS_FOLDER, file=str(target))
    return Refused(Reason.OUTPUT_WRITE, file=str(target), detail=detail)


@dataclass(slots=True)
class Staged:
    """Encrypted bytes complete on disk beside their target, not yet in place."""

    target: Path
    temp: Path

    def publish(self) -> Path:
        os.replace(self.temp, self.target)
        _sync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.temp.unlink()


def staged_name(target: Path, run_id: int) -> Path:
    return target.with_name(f".{target.name}.run{run_id}.pending")


def stage(target: Path, data: bytes, run_id: int) -> Staged:
    """Write ``data`` to a temporary file beside ``target`` and sync it to the disk.

    Raises :class:`Refused` (``OUTPUT_WRITE``, naming ``target``) when the folder is
    missing, read-only or full; the partial temporary file is removed.
    """
    target = Path(target)
    temp = staged_name(target, run_id)
    try:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _sync_folder(target.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise write_error(target, error) from error
    return Staged(target, temp)


def _sync_folder(folder: Path) -> None:
    """Make a new directory entry durable (POSIX); Windows has no folder handles."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -------------------------------------------------------------- the pending record
def record_pending(conn: Connection, run_id: int, staged: Sequence[Staged]) -> None:
    """Note the staged files in the run's own transaction (committed with it)."""
    files = [{"temp": str(s.temp), "target": str(s.target)} for s in staged]
    conn.execute(insert(SETTINGS), {"key": f"{PENDING_PREFIX}{run_id}", "value": files})


def clear_pending(engine: Engine, run_id: int) -> None:
    with engine.begin() as conn:
        conn.execute(delete(SETTINGS).where(SETTINGS.c.key == f"{PENDING_PREFIX}{run_id}"))


@dataclass(frozen=True, slots=True)
class PendingOutput:
    """A file a run staged and committed but never moved into place."""

    run_id: int
    temp: Path
    target: Path

    def message(self) -> Message:
        params = {"run": self.run_id, "temp": str(self.temp), "target": str(self.target)}
        return Message(Reason.PROTOCOL_PENDING, params)


def pending_outputs(engine: Engine) -> list[PendingOutput]:
    """The left-overs of runs killed between their commit and the rename; records
    whose files are gone (moved after all, or removed by hand) are dropped."""
    with engine.begin() as conn:
        rows = conn.execute(
            select(SETTINGS.c.key, SETTINGS.c.value).where(
                SETTINGS.c.key.startswith(PENDING_PREFIX)
            )
        ).all()
        found: list[PendingOutput] = []
        for key, files in rows:
            run_id = int(str(key)[len(PENDING_PREFIX) :])
            left = [
                PendingOutput(run_id, Path(f["temp"]), Path(f["target"]))
                for f in files or []
                if Path(f["temp"]).exists()
            ]
            if not left:
                conn.execute(delete(SETTINGS).where(SETTINGS.c.key == key))
            found += left
    return found


def recover(engine: Engine, pending: PendingOutput, target: Path | None = None) -> Path:
    """Move a left-over file to ``target`` (default: where it was meant to go; a free
    name beside it when that exists now). Returns where it is now."""
    where = Path(target) if target is not None else free_name(pending.target, pending.run_id)
    os.replace(pending.temp, where)
    pending_outputs(engine)  # drops the record once none of its files is left
    return where


def free_name(target: Path, run_id: int) -> Path:
    """``target``, or ``stem-run{N}.suffix`` (then ``-2``…) when that exists."""
    if not target.exists():
        return target
    suffixes = "".join(target.suffixes[-2:]) if target.name.endswith(".csv.zip") else target.suffix
    stem = target.name[: len(target.name) - len(suffixes)]
    for number in range(1, 1000):
        extra = f"-run{run_id}" + (f"-{number}" if number > 1 else "")
        candidate = target.with_name(f"{stem}{extra}{suffixes}")
        if not candidate.exists():
            return candidate
    raise Refused(Reason.OUTPUT_EXISTS, file=str(target))  # pragma: no cover
