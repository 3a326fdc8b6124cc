"""The whole wizard, clicked through with real files, checked against the database."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import msoffcrypto
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.db import session_scope
from app.engine.admin.directory import list_groups, list_users
from app.engine.planning.mapping import Field
from app.engine.planning.results import ConflictKind, Resolution, RowAction
from app.models import Group, ImportRun, User
from app.wizard.wizard import ImportWizard, PageId
from tests.wizard.conftest import HashGate, write_csv
from tests.wizard.driver import (
    click_next,
    fill_protocol,
    run_import,
    shown_wizard,
    start_run,
    to_preview,
)
from tests.wizard.german import german_ui

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine) -> ImportWizard:
    widget = shown_wizard(qtbot, engine)
    return widget


def users_by_login(engine: Engine) -> dict[str, Any]:
    with session_scope(engine) as db:
        return {u.login: u for u in list_users(db)}


def test_initial_import_with_inline_group(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine, students_csv: Path
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    assert wizard.session.table is not None
    assert wizard.session.table.encoding == "cp1252"
    assert wizard.session.options.group_creations == {"5b": ("class", False)}
    with session_scope(engine) as db:  # nothing written before the run page
        assert db.scalar(select(func.count()).select_from(User)) == 0
        assert [g.name for g in list_groups(db)] == ["5a"]
    counts = wizard.session.plan.counts_by_action()  # type: ignore[union-attr]
    assert counts[RowAction.CREATE] == 4
    assert wizard.preview_page.summary_text() == (
        "The import: 4 accounts will be created; 1 group will be created."
    )
    assert wizard.preview_page.filter_buttons["created"].text() == "create (4)"
    assert run_import(qtbot, wizard) == "finished"
    assert wizard.run_page.result is not None
    assert wizard.run_page.result.summary.created == 4
    assert wizard.run_page.result.summary.groups_created == 1
    users = users_by_login(engine)
    assert users["joerg.mueller"].groups == ["5a"]
    assert users["anna-lena.schaefer"].groups == ["5b"]
    assert users["bjoern.weiss"].last_name == "Weiß"
    with session_scope(engine) as db:
        groups = {g.name: g for g in list_groups(db)}
    assert groups["5b"].type == "class" and groups["5b"].member_count == 2
    assert groups["5b"].year == "2026/27"
    # Back is closed after the run; the run page is the last one.
    assert wizard.currentId() == PageId.RUN
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert wizard.run_page.unsaved_passwords() == 4  # imported without a protocol


def test_a_long_sheet_name_is_shown_whole(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    """The sheet list is as wide as its longest name, also when the names come after
    the page was first shown (Qt sizes a combo box once, when first shown: empty)."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Schülerliste 2026-27 Stand 1.8"  # (31 characters: Excel's longest)
    first.append(["Nachname", "Vorname", "Klasse", "Interne ID-Nummer"])
    first.append(["Muster", "Max", "5a", "1001"])
    workbook.create_sheet("Lehrkräfte")
    path = tmp_path / "lang.xlsx"
    workbook.save(path)
    wizard.show()
    click_next(qtbot, wizard)
    combo = wizard.table_page.sheet_combo
    qtbot.waitExposed(combo)
    wizard.table_page.load_file(path)
    qtbot.waitUntil(lambda: combo.count() == 2)
    qtbot.wait(50)  # (the layout follows the new size hint)
    wanted = combo.fontMetrics().horizontalAdvance("Schülerliste 2026-27 Stand 1.8")
    assert combo.width() >= wanted
    assert combo.toolTip() == "Schülerliste 2026-27 Stand 1.8"
    # a sentence of a name (ODS allows one) does not widen the window beyond reason
    wide = wizard.width()
    combo.addItem("Schülerinnen und Schüler der Sekundarstufe I, Stand nach den Ferien " * 3)
    qtbot.wait(50)
    assert combo.width() <= combo.maximumWidth() and wizard.width() == wide


def test_back_and_next_keep_choices(
    qtbot: QtBot, wizard: ImportWizard, students_xlsx: Path
) -> None:
    click_next(qtbot, wizard)
    page = wizard.table_page
    page.load_file(students_xlsx)
    assert page.sheet_combo.count() == 2 and page.sheet_combo.isEnabled()
    assert not page.encoding_combo.isEnabled()
    click_next(qtbot, wizard)
    columns = wizard.columns_page
    columns.set_field(4, None)  # the birth date is not imported
    columns.set_field(1, None)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "First name" in columns.missing_label.text()
    columns.set_field(1, Field.FIRST_NAME)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click_next(qtbot, wizard)
    groups = wizard.groups_page
    assert groups.status("5b") == "missing"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(groups.ignore_check, Qt.MouseButton.LeftButton)
    assert groups.status("5b") == "ignored"
    click_next(qtbot, wizard)
    wizard.back()
    wizard.back()
    assert wizard.currentId() == PageId.COLUMNS
    assert columns.fields()[4] is None
    click_next(qtbot, wizard)
    assert groups.ignore_check.isChecked()


def test_unreadable_file_keeps_next_disabled(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    click_next(qtbot, wizard)
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    wizard.table_page.load_file(broken)
    assert wizard.table_page.error.isVisibleTo(wizard.table_page)
    assert "kaputt.xlsx" in wizard.table_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_update_import_with_conflict_resolved_in_grid(
    qtbot: QtBot, engine: Engine, students_csv: Path, tmp_path: Path
) -> None:
    first = shown_wizard(qtbot, engine)
    to_preview(qtbot, first, students_csv, create={"5b": "class"})
    assert run_import(qtbot, first) == "finished"
    # Jörg moves to 5b and appears twice: keep the row that says 5b.
    rows = [
        ["Müller", "Jörg", "5a", "1001", "01.02.2015"],
        ["Müller", "Jörg", "5b", "1001", "01.02.2015"],
        ["Schäfer", "Anna-Lena", "5b", "1002", "03.04.2015"],
        ["Weiß", "Björn", "5a", "1004", "07.08.2014"],
    ]
    update_file = write_csv(tmp_path / "update.csv", rows)
    wizard = shown_wizard(qtbot, engine)
    to_preview(qtbot, wizard, update_file)
    page = wizard.preview_page
    plan = wizard.session.plan
    assert plan is not None
    conflicts = [r for r in plan.rows if r.action is RowAction.CONFLICT]
    assert len(conflicts) == 2
    assert conflicts[0].conflict is not None
    assert conflicts[0].conflict.kind is ConflictKind.DUPLICATE_SOURCE_ID
    page.filter_buttons["unchanged"].click()
    assert page.proxy.rowCount() == 2  # only the conflicts (Anna, Björn unchanged)
    page.select_row(conflicts[1])
    assert page.conflict_panel.row() is conflicts[1]
    keep = page.conflict_panel.buttons[Resolution.KEEP]
    assert keep.isVisibleTo(page) and keep.text() == "Keep this row"
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert conflicts[1].resolution is Resolution.KEEP
    assert conflicts[0].resolution is Resolution.SKIP
    summary = plan.summary()
    assert (summary.updated, summary.skipped, summary.conflicts) == (1, 1, 0)
    assert "1 will be updated" in page.summary_text()
    assert run_import(qtbot, wizard) == "finished"
    users = users_by_login(engine)
    assert users["joerg.mueller"].groups == ["5b"]
    assert users["ayse.oeztuerk"].status == "active"  # not expired: option off


def test_cancelled_run_changes_nothing(
    qtbot: QtBot,
    wizard: ImportWizard,
    engine: Engine,
    students_csv: Path,
    hash_gate: HashGate,
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    start_run(qtbot, wizard)
    assert hash_gate.entered.wait(timeout=10)
    assert wizard.run_page.is_running()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=20_000) as blocker:
        qtbot.mouseClick(wizard.run_page.cancel_button, Qt.MouseButton.LeftButton)
        hash_gate.release.set()
    assert blocker.args == ["cancelled"]
    assert "cancelled" in wizard.run_page.phase_label.text()
    with session_scope(engine) as db:
        assert db.scalar(select(func.count()).select_from(User)) == 0
        assert [g.name for g in db.scalars(select(Group))] == ["5a"]
        assert (
            db.scalar(
                select(func.count()).select_from(ImportRun).where(ImportRun.status == "completed")
            )
            == 0
        )
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _decrypt(path: Path, password: str) -> list[list[Any]]:
    out = BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)
        office.decrypt(out)
    sheet = load_workbook(out).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_protocol_asked_before_the_run_and_written_by_it(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine, students_csv: Path, tmp_path: Path
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "course"})
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL
    page = wizard.protocol_page
    run = wizard.button(QWizard.WizardButton.NextButton)
    assert not run.isEnabled()  # a plan that creates accounts needs a protocol …
    target = tmp_path / "protokoll.xlsx"
    page.path_edit.setText(str(target))
    qtbot.keyClicks(page.password_edit, "kurz")
    assert not run.isEnabled()
    assert "8" in page.hint_label.text()
    page.password_edit.clear()
    qtbot.keyClicks(page.password_edit, "Sommer-Ferien-2026!")
    qtbot.keyClicks(page.repeat_edit, "Sommer-Ferien-2026?")
    assert not run.isEnabled()
    page.repeat_edit.clear()
    qtbot.keyClicks(page.repeat_edit, "Sommer-Ferien-2026!")
    assert page.strength_bar.value() >= 3
    assert run.isEnabled()  # … and "Run import" opens with place and password
    with session_scope(engine) as db:
        assert db.scalar(select(func.count()).select_from(User)) == 0
    assert run_import(qtbot, wizard) == "finished"
    assert target.exists() and wizard.run_page.unsaved_passwords() == 0
    assert str(target) in wizard.run_page.summary_label.text()
    rows = _decrypt(target, "Sommer-Ferien-2026!")
    header, data = rows[0], rows[1:]
    login = header.index("Login")
    secret = header.index("InitialPassword")
    joerg = next(row for row in data if row[login] == "joerg.mueller")
    assert joerg[secret] and len(str(joerg[secret])) >= 10
    assert all(row[secret] for row in data)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)  # nothing to lose: no question
    assert not wizard.isVisible()


def test_an_existing_protocol_is_replaced_only_when_confirmed(
    qtbot: QtBot,
    wizard: ImportWizard,
    students_csv: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    click_next(qtbot, wizard)
    target = tmp_path / "protokoll.xlsx"
    target.write_bytes(b"yesterday's passwords")
    fill_protocol(qtbot, wizard, target)
    answers = [False, True]
    monkeypatch.setattr(wizard.protocol_page, "confirm_replace", lambda _p: answers.pop(0))
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL  # declined: still here, file kept
    assert target.read_bytes() == b"yesterday's passwords"
    assert run_import(qtbot, wizard) == "finished"
    assert target.read_bytes() != b"yesterday's passwords"


def test_the_default_protocol_name_is_in_the_interfaces_language(
    qapp: QApplication, engine: Engine
) -> None:
    """English "protocol-…", German "protokoll-…": the file names a page proposes."""
    assert ImportWizard(engine).protocol_page.default_path().name.startswith("protocol-")
    with german_ui(qapp):
        name = ImportWizard(engine).protocol_page.default_path().name
    assert name.startswith("protokoll-") and name.count("-") >= 4  # date, time


def test_the_default_protocol_name_is_unique(wizard: ImportWizard) -> None:
    first = wizard.protocol_page.default_path()
    assert first.name.startswith("protocol-") and first.name.count("-") >= 4  # date, time
    first.parent.mkdir(parents=True, exist_ok=True)
    created = not first.exists()
    if created:
        first.write_bytes(b"x")
    try:
        assert wizard.protocol_page.default_path() != first
    finally:
        if created:
            first.unlink()


def _loss_questions(wizard: ImportWizard, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each "passwords will be lost" question (its count); decline the first."""
    asked: list[int] = []

    def confirm(count: int | None = None) -> bool:
        asked.append(-1 if count is None else count)
        return len(asked) > 1

    monkeypatch.setattr(wizard.protocol_page, "confirm_loss", confirm)
    return asked


@pytest.mark.parametrize("way_out", ["cancel", "escape", "close", "finish"])
def test_every_way_out_after_a_run_without_protocol_asks(
    qtbot: QtBot,
    wizard: ImportWizard,
    students_csv: Path,
    monkeypatch: pytest.MonkeyPatch,
    way_out: str,
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    assert run_import(qtbot, wizard) == "finished"  # without a protocol
    asked = _loss_questions(wizard, monkeypatch)

    def leave() -> None:
        if way_out == "cancel":
            button = wizard.button(QWizard.WizardButton.CancelButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        elif way_out == "escape":
            qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        elif way_out == "close":
            wizard.close()
        else:
            button = wizard.button(QWizard.WizardButton.FinishButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    leave()
    assert asked == [4] and wizard.isVisible()  # asked with the number; declined: stays
    leave()
    assert asked == [4, 4]
    qtbot.waitUntil(lambda: not wizard.isVisible())
