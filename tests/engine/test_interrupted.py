"""Runs left ``running`` by a killed process (issue 19): marked failed (interrupted)
by the next command or start-up, unless the school's import lock is held — then the
run is really running, here or on another computer."""

from __future__ import annotations

from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.admin import directory, history
from app.engine.applying.locks import import_lock
from app.models import ImportRun, RunStatus


def _running_run(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as s:
        school = directory.find_school(s, None)
        run = ImportRun(school_id=school, kind="users", file_name="k.csv", file_sha256="0" * 64)
        s.add(run)
        s.flush()
        return run.id, school


def _status(engine: Engine, run_id: int) -> tuple[str, str]:
    with session_scope(engine) as s:
        row = s.execute(select(ImportRun.status, ImportRun.message).where(ImportRun.id == run_id))
        status, message = row.one()
        return status, message


def test_a_run_whose_lock_is_free_is_marked_interrupted(engine: Engine) -> None:
    run_id, _school = _running_run(engine)
    assert history.clear_interrupted_runs(engine) == 1
    assert _status(engine, run_id) == (RunStatus.FAILED.value, history.INTERRUPTED)
    assert history.clear_interrupted_runs(engine) == 0


def test_a_run_whose_school_is_locked_is_left_running(engine: Engine) -> None:
    run_id, school = _running_run(engine)
    with import_lock(engine, school, "frau.schulz"):
        assert history.clear_interrupted_runs(engine) == 0
        assert _status(engine, run_id) == (RunStatus.RUNNING.value, "")
    assert history.clear_interrupted_runs(engine) == 1
