"""The import history: listing, succeeded/failed-rows downloads, archiving, stale runs,
and the failed-rows file corrected and imported again."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, func, select

from app.cli import main
from app.db import session_scope, set_setting
from app.engine.admin.directory import add_school
from app.engine.admin.history import (
    REASONS_HEADER,
    archive_runs,
    export_rows,
    list_runs,
    mark_interrupted_runs,
    mark_stale_runs_failed,
    run_json,
)
from app.engine.planning.mapping import auto_map
from app.engine.planning.state import default_school_id
from app.engine.reasons import Refused
from app.models import COUNT_NAMES, ImportRowResult, ImportRun, RunStatus, User, utcnow

YEAR = "2026/27"
HEADER = ["Quell-ID", "Nachname", "Vorname", "Klasse", "Geburtsdatum", "E-Mail"]
ROWS = [
    ["S1", "Müller", "Anna", "5a", "2014-03-02", "anna@example.org"],
    ["S2", "", "Ben", "5a", "2014-01-01", ""],  # last name missing
    ["S3", "Kaya", "Cem", "5b", "kein Datum", "keine-adresse"],  # two reasons
    ["S4", "Berg", "Dana", "5b", "2013-12-24", ""],
    ["S5", "=Lang", "", "5a", "", ""],  # first name missing; hostile cell
]
INVALID_IDS = ["S2", "S3", "S5"]


def _import(db_url: str, path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    code = main(
        [
            "--db", db_url, "import", str(path), "--year", YEAR, "--account-type", "student",
            "--create-missing-groups", "class", "--no-passwords", "--json",
        ]
    )  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    return dict(json.loads(out.out))


@pytest.fixture
def run_id(
    engine: Engine, db_url: str, write_csv: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> int:
    path = write_csv([HEADER, *ROWS], name="schueler.csv")
    counts = _import(db_url, path, capsys)
    assert counts["created"] == 2
    assert counts["invalid"] == 3
    return int(counts["run_id"])


def _xlsx_rows(path: Path) -> list[list[str]]:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def test_list_runs_and_json_keys(engine: Engine, run_id: int) -> None:
    with session_scope(engine) as session:
        runs = list_runs(session)
    assert [r.run_id for r in runs] == [run_id]
    data = run_json(runs[0])
    expected = {"run_id", "file_name", "status", "started_at", "finished_at", "operator"}
    assert set(data) == expected | set(COUNT_NAMES)
    assert data["file_name"] == "schueler.csv"
    assert data["status"] == RunStatus.COMPLETED_WITH_ERRORS.value
    assert data["operator"] == "admin"
    assert (data["created"], data["invalid"]) == (2, 3)
    json.dumps(data)


def test_failed_rows_xlsx_has_exactly_the_invalid_rows_with_reasons(
    engine: Engine, run_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "fehler.xlsx"
    with session_scope(engine) as session:
        assert export_rows(session, run_id, target, succeeded=False) == 3
    header, *rows = _xlsx_rows(target)
    assert header == [*HEADER, REASONS_HEADER]
    assert [r[0] for r in rows] == INVALID_IDS
    reasons = {r[0]: r[-1] for r in rows}
    assert reasons["S2"] == "last name is missing"
    assert reasons["S3"] == (
        "birth date 'kein Datum' is not a date, e-mail 'keine-adresse' is not an address"
    )
    assert reasons["S5"] == "first name is missing"
    assert rows[2][1] == "=Lang"  # exactly the value: no character added …
    cell = openpyxl.load_workbook(target).worksheets[0]["B4"]
    assert cell.data_type == "s" and cell.quotePrefix  # … but stored as text, never a formula
    assert rows[1][:6] == ROWS[2]


def test_failed_rows_reasons_in_german(engine: Engine, run_id: int, tmp_path: Path) -> None:
    target = tmp_path / "fehler.csv"
    with session_scope(engine) as session:
        export_rows(session, run_id, target, succeeded=False, language="de")
    rows = list(csv.reader(target.read_text("utf-8-sig").splitlines(), delimiter=";"))
    reasons = {r[0]: r[-1] for r in rows[1:]}
    assert reasons["S2"] == "Nachname fehlt"
    assert reasons["S3"] == (
        "Geburtsdatum 'kein Datum' ist kein Datum, E-Mail 'keine-adresse' ist keine Adresse"
    )


def test_a_corrected_csv_imports_no_protective_apostrophe(
    engine: Engine, db_url: str, run_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fehler.csv"
    with session_scope(engine) as session:
        export_rows(session, run_id, target, succeeded=False)
    text = target.read_text("utf-8-sig")
    assert "'=Lang" in text  # a CSV cell has no style: the apostrophe protects it
    target.write_text(text.replace(";;5a", ";Emil;5a"), "utf-8-sig")  # S5's first name
    assert _import(db_url, target, capsys)["created"] == 1
    with session_scope(engine) as session:
        names = session.scalars(select(User.last_name).where(User.source_id == "S5")).all()
    assert names == ["=Lang"]


def test_failed_and_succeeded_rows_as_csv(engine: Engine, run_id: int, tmp_path: Path) -> None:
    failed, succeeded = tmp_path / "failed.csv", tmp_path / "ok.csv"
    with session_scope(engine) as session:
        assert export_rows(session, run_id, failed, succeeded=False) == 3
        assert export_rows(session, run_id, succeeded, succeeded=True) == 2
    rows = list(csv.reader(failed.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][-1] == REASONS_HEADER
    assert [r[0] for r in rows[1:]] == INVALID_IDS
    ok = list(csv.reader(succeeded.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert ok == [HEADER, ROWS[0], ROWS[3]]


def test_unknown_run_is_refused(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session, pytest.raises(Refused, match="no import run 99"):
        export_rows(session, 99, tmp_path / "x.xlsx", succeeded=True)
    with session_scope(engine) as session, pytest.raises(Refused, match=r"\.xlsx or \.csv"):
        export_rows(session, 1, tmp_path / "x.ods", succeeded=True)
    assert not (tmp_path / "x.xlsx").exists()


def test_archive_only_old_runs_and_refuse_their_downloads(
    engine: Engine, run_id: int, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        run = session.get_one(ImportRun, run_id)
        finished = run.finished_at
        assert finished is not None and run.before_image is not None
        assert archive_runs(session, 30, now=finished + timedelta(days=29)) == 0
        set_setting(session, "history_archive_days", 10)
        assert archive_runs(session, now=finished + timedelta(days=11)) == 1
    with session_scope(engine) as session:
        run = session.get_one(ImportRun, run_id)
        assert run.status == RunStatus.ARCHIVED.value
        assert run.before_image is None
        assert run.created == 2  # the counts stay
        left = session.scalar(select(func.count()).select_from(ImportRowResult))
        assert left == 0
        with pytest.raises(Refused, match=rf"run {run_id} was archived on \d{{4}}-\d\d-\d\d"):
            export_rows(session, run_id, tmp_path / "x.xlsx", succeeded=False)
        assert archive_runs(session, 0) == 0  # archived runs stay as they are
    assert not (tmp_path / "x.xlsx").exists()


def test_archive_with_zero_days_archives_every_finished_run(engine: Engine, run_id: int) -> None:
    with session_scope(engine) as session:
        assert list_runs(session)[0].downloadable
        assert archive_runs(session, 0, now=utcnow() + timedelta(seconds=1)) == 1
    with session_scope(engine) as session:
        row = list_runs(session)[0]
        assert row.status == RunStatus.ARCHIVED.value
        assert not row.downloadable
        assert "was completed_with_errors" in row.message
        with pytest.raises(Refused, match="negative"):
            archive_runs(session, -1)


def test_stale_running_runs_are_marked_failed(engine: Engine, run_id: int) -> None:
    now = utcnow()
    with session_scope(engine) as session:
        template = session.get_one(ImportRun, run_id)
        for started in (now - timedelta(days=2), now - timedelta(minutes=5)):
            session.add(
                ImportRun(
                    school_id=template.school_id,
                    file_name="crash.csv",
                    file_sha256="0" * 64,
                    status=RunStatus.RUNNING.value,
                    started_at=started,
                )
            )
    with session_scope(engine) as session:
        assert mark_stale_runs_failed(session, now=now) == 1
    with session_scope(engine) as session:
        statuses = {(r.status, r.message) for r in session.scalars(select(ImportRun))}
        assert (RunStatus.FAILED.value, "interrupted") in statuses
        assert (RunStatus.RUNNING.value, "") in statuses
        assert mark_stale_runs_failed(session, now=now, older_than=timedelta(0)) == 1


def test_corrected_failed_rows_file_imports_only_those_rows(
    engine: Engine,
    db_url: str,
    run_id: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "fehler.xlsx"
    with session_scope(engine) as session:
        export_rows(session, run_id, target, succeeded=False)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert auto_map([str(h) for h in headers]).fields[-1] is None  # "Gründe" ignored
    sheet["B2"] = "Berg"  # S2: last name
    sheet["E3"] = "2014-05-06"  # S3: birth date
    sheet["F3"] = "cem@example.org"  # S3: e-mail
    sheet["B4"] = "Lang"  # S5: the neutralised last name
    sheet["C4"] = "Emil"  # S5: first name
    workbook.save(target)

    counts = _import(db_url, target, capsys)
    assert counts["created"] == 3
    assert counts["invalid"] == 0
    assert counts["unchanged"] == 0
    with session_scope(engine) as session:
        runs = list_runs(session)
        assert export_rows(session, runs[0].run_id, tmp_path / "again.xlsx", succeeded=False) == 0
        assert export_rows(session, runs[0].run_id, tmp_path / "ok.xlsx", succeeded=True) == 3
    # the reasons column of the re-imported file is replaced, not repeated
    assert _xlsx_rows(tmp_path / "again.xlsx") == [[*HEADER, REASONS_HEADER]]


def test_the_lock_holder_marks_its_schools_interrupted_runs(engine: Engine) -> None:
    with session_scope(engine) as session:
        school = default_school_id(session)
        other = add_school(session, "Andere Schule").id
        for school_id, kind in ((school, "users"), (other, "users"), (school, "groups")):
            session.add(
                ImportRun(
                    school_id=school_id,
                    kind=kind,
                    file_name="killed.csv",
                    file_sha256="0" * 64,
                    status=RunStatus.RUNNING.value,
                    started_at=datetime(2026, 8, 1, 8),
                )
            )
    with session_scope(engine) as session:
        assert mark_interrupted_runs(session, school) == 1
        left = session.execute(
            select(ImportRun.school_id, ImportRun.kind, ImportRun.status, ImportRun.message)
        ).all()
    assert sorted(tuple(r) for r in left) == sorted(
        [
            (school, "users", "failed", "interrupted"),
            (other, "users", "running", ""),
            (school, "groups", "running", ""),
        ]
    )
