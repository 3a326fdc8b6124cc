"""The main window keeps the new passwords (SPEC §6): closing it during an import asks
wait or cancel and then does exactly that — no crash, the run in the history with its
outcome —; closing it after a run without protocol asks with the number; a protocol
left over by a killed run is offered at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from app.db import session_scope
from app.engine.output import outputs
from app.models import Group, ImportRun, Membership, Setting, User
from app.wizard.mainwindow import MainWindow
from app.wizard.safekeeping import WhileRunning
from tests.wizard.conftest import HashGate
from tests.wizard.driver import allow_close, run_import, start_run, to_preview

pytestmark = pytest.mark.gui


def _runs(engine: Engine) -> list[str]:
    with session_scope(engine) as db:
        return [run.status for run in db.scalars(select(ImportRun).order_by(ImportRun.id))]


def _users(engine: Engine) -> int:
    with session_scope(engine) as db:
        return int(db.scalar(select(func.count()).select_from(User)) or 0)


@pytest.mark.parametrize(
    ("choice", "outcome", "users"),
    [(WhileRunning.WAIT, "completed", 4), (WhileRunning.CANCEL, "cancelled", 0)],
)
def test_closing_the_main_window_during_an_import(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    students_csv: Path,
    hash_gate: HashGate,
    monkeypatch: pytest.MonkeyPatch,
    choice: WhileRunning,
    outcome: str,
    users: int,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_wait_or_cancel", lambda: asked.append("asked") or choice)
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    start_run(qtbot, wizard)
    assert hash_gate.entered.wait(timeout=10)
    window.close()  # the window's X, or Quit
    assert asked == ["asked"]
    assert window.isVisible() and wizard.run_page.is_running()  # not while it runs
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=20_000):
        hash_gate.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert not wizard.run_page.is_running()
    assert _runs(engine) == [outcome]
    assert _users(engine) == users


def test_keep_working_leaves_the_window_open(
    qtbot: QtBot,
    window: MainWindow,
    students_csv: Path,
    hash_gate: HashGate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(window, "ask_wait_or_cancel", lambda: WhileRunning.STAY)
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    start_run(qtbot, wizard)
    assert hash_gate.entered.wait(timeout=10)
    window.close()
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=20_000):
        hash_gate.release.set()
    assert window.isVisible() and wizard.isVisible()


def test_closing_the_main_window_after_a_run_without_protocol_asks(
    qtbot: QtBot, window: MainWindow, students_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    assert run_import(qtbot, wizard) == "finished"
    asked: list[int | None] = []
    answers = [False, True]

    def confirm(count: int | None = None) -> bool:
        asked.append(count)
        return answers.pop(0)

    monkeypatch.setattr(wizard.protocol_page, "confirm_loss", confirm)
    window.close()
    assert asked == [4] and window.isVisible() and wizard.isVisible()
    window.close()
    assert asked == [4, 4]
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_left_over_protocol_is_offered_at_start(
    qtbot: QtBot, window: MainWindow, engine: Engine, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "protokoll.xlsx"
    staged = outputs.staged_name(target, 7)
    staged.write_bytes(b"encrypted bytes")
    with engine.begin() as conn:
        outputs.record_pending(conn, 7, [outputs.Staged(target, staged)])
    shown: list[str] = []

    def warn(_owner, _title, text, *_args):  # the question, answered "Yes"
        shown.append(text)
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("app.wizard.safekeeping.QMessageBox.warning", warn)
    assert window.offer_pending_protocols() == [str(target)]
    assert "run 7" in shown[0] and str(staged) in shown[0]
    assert target.read_bytes() == b"encrypted bytes" and not staged.exists()
    with session_scope(engine) as db:
        assert db.scalars(select(Setting.key).where(Setting.key.like("pending%"))).all() == []
    assert window.offer_pending_protocols() == []


def _protocol_logins(path: Path, password: str) -> list[str]:
    import io

    import msoffcrypto
    import openpyxl

    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=password)
        office.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).worksheets[0]
    return [str(row[5]) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("by", ["selection", "class"])
def test_new_initial_passwords_from_the_main_window(
    qtbot: QtBot, window: MainWindow, engine: Engine, students_csv: Path, tmp_path: Path, by: str
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from app.wizard.resetdialog import ResetDialog
    from tests.wizard.driver import import_through_window

    wizard = import_through_window(qtbot, window, students_csv)
    wizard.close()
    qtbot.waitUntil(lambda: not wizard.isVisible())
    with session_scope(engine) as db:
        before = dict(db.execute(select(User.login, User.password_hash)).all())
    if by == "selection":
        window.users_tab.select_login("joerg.mueller")
        expected = ["joerg.mueller"]
    else:
        window.users_view.clearSelection()
        combo = window.users_tab.group_filter
        combo.setCurrentIndex(combo.findData("5b"))
        with session_scope(engine) as db:
            members = (
                select(User.login)
                .join(Membership, Membership.user_id == User.id)
                .join(Group, Group.id == Membership.group_id)
                .where(Group.name == "5b")
            )
            expected = sorted(db.scalars(members))
        assert len(expected) == 2
    window.reset_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, ResetDialog)
    # the names it proposes are in the interface's language (English here)
    assert Path(dialog.path_edit.text()).name.startswith("initial-passwords-")
    assert Path(dialog.letters_edit.text()).name.startswith("login-letters-")
    target = tmp_path / "neu.xlsx"
    dialog.path_edit.setText(str(target))
    for edit in (dialog.password_edit, dialog.repeat_edit):
        qtbot.keyClicks(edit, "Winter-Ferien-2026")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.reset_count == len(expected)
    assert sorted(_protocol_logins(target, "Winter-Ferien-2026")) == expected
    with session_scope(engine) as db:
        after = dict(db.execute(select(User.login, User.password_hash)).all())
    assert {login for login in after if after[login] != before[login]} == set(expected)
    assert "reset" in window.statusBar().currentMessage()
    assert _runs(engine)[-1] == "completed"


def test_the_school_name_is_set_in_the_settings(
    qtbot: QtBot, window: MainWindow, engine: Engine
) -> None:
    from app.models import School
    from app.wizard.settingsdialog import SettingsDialog

    dialog = window.show_settings()
    assert isinstance(dialog, SettingsDialog) and dialog.school_edit is not None
    assert dialog.school_edit.text() == "Meine Schule"
    dialog.school_edit.setText("  Gesamtschule   Nord ")
    dialog.accept()
    with session_scope(engine) as db:
        assert [s.name for s in db.scalars(select(School))] == ["Gesamtschule Nord"]
