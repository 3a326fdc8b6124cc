"""Operators in the GUI: sign-in, hidden actions, operator management, the import
lock, and the database connection whose password goes to the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.access.operators import Actor, add_operator, local_actor, set_password
from app.engine.admin.directory import find_school
from app.engine.applying.locks import import_lock
from app.models import Operator, OperatorRole, OperatorSchool
from app.wizard.connectiondialog import URL_KEY, ConnectionDialog, configured_url
from app.wizard.main import signed_in_actor
from app.wizard.mainwindow import MainWindow
from app.wizard.operatorsdialog import OperatorEditDialog
from app.wizard.signin import SignInDialog
from tests.memkeyring import MemoryKeyring

pytestmark = pytest.mark.gui
PASSWORD = "Sommer-2026!"
ADMIN_PASSWORD = "Winter-2026!"


def ok_button(dialog: object) -> QDialogButtonBox:
    buttons = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    assert buttons is not None
    return buttons


def signed_in(dialog: SignInDialog) -> Actor | None:
    return dialog.actor


def add_importer(engine: Engine, kinds: tuple[str, ...] = ("groups",)) -> None:
    with session_scope(engine) as db:
        admin = local_actor(db)
        set_password(db, admin, "admin", ADMIN_PASSWORD)
        add_operator(
            db,
            admin,
            "frau.schulz",
            OperatorRole.IMPORT_OPERATOR,
            kinds,
            ["Meine Schule"],
            PASSWORD,
        )


def test_sign_in_refuses_a_wrong_password_and_accepts_the_right_one(
    qtbot: QtBot, engine: Engine, settings: QSettings
) -> None:
    add_importer(engine)
    dialog = SignInDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "frau.schulz")
    qtbot.keyClicks(dialog.password_edit, "falsch-falsch")
    ok = ok_button(dialog).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and signed_in(dialog) is None
    assert "wrong" in dialog.error.text() and dialog.password_edit.text() == ""
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    actor = signed_in(dialog)
    assert actor is not None and actor.name == "frau.schulz" and not actor.is_admin
    window = MainWindow(engine, settings, actor)
    qtbot.addWidget(window)
    assert not window.import_action.isVisible()
    assert not window.restore_action.isVisible()
    assert window.groups_import_action.isVisible()
    assert not window.operators_action.isVisible()
    assert not window.history_tab.undo_button.isVisibleTo(window.history_tab)
    assert "frau.schulz" in window.operator_label.text()


def test_operators_dialog_adds_an_operator(
    qtbot: QtBot, window: MainWindow, engine: Engine
) -> None:
    assert window.operators_action.isVisible()
    window.operators_action.trigger()
    dialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    edit = dialog.edit_dialog  # type: ignore[attr-defined]
    assert isinstance(edit, OperatorEditDialog)
    qtbot.keyClicks(edit.name_edit, "herr.meier")
    edit.kind_checks["groups"].setChecked(False)
    qtbot.keyClicks(edit.password_edit, PASSWORD)
    qtbot.keyClicks(edit.repeat_edit, "something else")
    ok = ok_button(edit).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert edit.isVisible() and "same password" in edit.error.text()
    edit.repeat_edit.setText(PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    # single-user mode ends only once the administrator can sign in
    assert edit.isVisible() and "admin has no password yet" in edit.error.text()
    assert dialog.model.rowCount() == 1  # type: ignore[attr-defined]
    with session_scope(engine) as db:
        set_password(db, window.actor, "admin", ADMIN_PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not edit.isVisible()
    assert dialog.model.rowCount() == 2  # type: ignore[attr-defined]
    with session_scope(engine) as db:
        added = db.scalars(select(Operator).where(Operator.name == "herr.meier")).one()
        assert added.role == "import_operator" and added.import_kinds == ["users"]
        assert added.password_hash is not None
        scopes = db.scalars(select(OperatorSchool).where(OperatorSchool.operator_id == added.id))
        assert len(list(scopes)) == 1
    dialog.close()


def test_a_running_import_of_the_school_keeps_the_wizard_closed(
    window: MainWindow, engine: Engine
) -> None:
    with session_scope(engine) as db:
        school_id = find_school(db, None)
    with import_lock(engine, school_id, "frau.schulz"):
        window.import_action.trigger()
        assert window.wizard is None
        message = window.last_message
        assert message is not None and message.isVisible()
        assert "an import by frau.schulz has been running since" in message.text()
        message.close()
    wizard = window.start_import()
    assert wizard is not None and wizard.isVisible()
    wizard.close()


def test_connection_dialog_keeps_the_password_in_the_keyring(
    qtbot: QtBot,
    settings: QSettings,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SCHOOLIMPORT_DB", raising=False)
    dialog = ConnectionDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sqlite_radio.isChecked() and not dialog.host_edit.isEnabled()
    dialog.postgres_radio.setChecked(True)
    qtbot.keyClicks(dialog.host_edit, "db.schulamt.example")
    dialog.database_edit.setText("verwaltung")
    qtbot.keyClicks(dialog.user_edit, "schule")
    qtbot.keyClicks(dialog.password_edit, "Geh31m-Passw0rt")
    save = ok_button(dialog).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    ini = (tmp_path / "settings.ini").read_text()
    assert "db.schulamt.example" in ini and "Geh31m" not in ini
    bare = "postgresql+psycopg://schule@db.schulamt.example:5432/verwaltung"
    assert memory_keyring.items == {("schoolimport", bare): "Geh31m-Passw0rt"}
    assert str(settings.value(URL_KEY)) == bare
    assert configured_url(settings) == bare.replace("schule@", "schule:Geh31m-Passw0rt@")
    monkeypatch.setenv("SCHOOLIMPORT_DB", "sqlite:///other.db")
    assert configured_url(settings) == "sqlite:///other.db"
    again = ConnectionDialog(settings)
    qtbot.addWidget(again)
    assert again.postgres_radio.isChecked() and again.host_edit.text() == "db.schulamt.example"
    assert again.password_edit.text() == ""


def test_connection_test_button_on_sqlite(qtbot: QtBot, settings: QSettings) -> None:
    dialog = ConnectionDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.test_connection()
    assert "works" in dialog.status_label.text()
    dialog.postgres_radio.setChecked(True)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(1)  # nothing listens there
    dialog.user_edit.setText("nobody")
    dialog.password_edit.setText("x")
    assert not dialog.test_connection()
    assert "failed" in dialog.status_label.text()


def test_start_up_signs_in_only_when_required(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = signed_in_actor(engine)
    assert actor is not None and actor.name == "admin" and actor.is_admin
    add_importer(engine)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert signed_in_actor(engine) is None  # Cancel quits
