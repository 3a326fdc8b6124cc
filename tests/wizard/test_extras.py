"""Group CSV import and export, restore and purge, the template button, login letters,
start-up maintenance and the log dialog, driven through the real widgets."""

from __future__ import annotations

import contextlib
import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.admin.template import KEYWORD_PREFIX
from app.engine.planning.mapping import auto_map
from app.engine.reading.readers import read_table
from app.models import Group, Membership, User, UserStatus
from app.wizard.groupcsvdialog import GroupExportDialog, GroupImportDialog
from app.wizard.logdialog import LogDialog
from app.wizard.mainwindow import MainWindow
from app.wizard.startup import start_up_maintenance
from app.wizard.wizard import PageId
from tests.wizard.driver import (
    allow_close,
    click_next,
    finish,
    import_through_window,
    run_import,
    shown_wizard,
    to_preview,
)
from tests.wizard.german import german_ui

pytestmark = pytest.mark.gui
GROUPS_CSV = (
    "group_id,group_name,description,comment,disabled,member_type,member_key,member_is_admin\r\n"
    ",Chor,Schulchor,,0,user,anna-lena.schaefer,1\r\n"
    ",Chor,Schulchor,,0,user,bjoern.weiss,0\r\n"
    ",Theater,,,0,user,niemand.da,0\r\n"
)


def test_group_csv_import_previews_then_imports(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path, engine: Engine
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    path = tmp_path / "gruppen.csv"
    path.write_text(GROUPS_CSV, encoding="utf-8")
    window.groups_import_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, GroupImportDialog)
    dialog.load_file(path)
    model = dialog.model
    assert model.rowCount() == 2  # the group Chor and the error of the unknown member
    assert model.data(model.index(0, 2)) == "Chor" and model.data(model.index(0, 3)) == "add"
    assert model.data(model.index(0, 4)) == 2
    assert "niemand.da" in model.data(model.index(1, 6))
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 group added" in dialog.summary_label.text()
    with session_scope(engine) as db:
        assert db.scalar(select(Group).where(Group.name == "Chor")) is None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary_label.text() == (
        "1 group added, 0 groups updated. 2 members added, 0 members updated"
    )
    with session_scope(engine) as db:
        chor = db.scalars(select(Group).where(Group.name == "Chor")).one()
        members = db.scalars(select(Membership).where(Membership.group_id == chor.id)).all()
        assert len(members) == 2 and sum(m.is_admin for m in members) == 1
    window.groups_export_action.trigger()
    export = window.dialog
    assert isinstance(export, GroupExportDialog)
    export.path_edit.setText(str(tmp_path / "export.csv"))
    export.encoding_combo.setCurrentIndex(export.encoding_combo.findData("cp1252"))
    save = export.findChild(QDialogButtonBox)
    assert save is not None
    qtbot.mouseClick(save.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "Chor" in (tmp_path / "export.csv").read_text(encoding="cp1252")
    dialog.close()


def set_status(engine: Engine, login: str, status: UserStatus, purge_on: date | None) -> None:
    with session_scope(engine) as db:
        user = db.scalars(select(User).where(User.login == login)).one()
        user.status = status.value
        user.deactivate_on = date.today() - timedelta(days=1)
        user.purge_on = purge_on


def test_restore_and_purge(
    qtbot: QtBot, window: MainWindow, students_csv: Path, engine: Engine
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    future = date.today() + timedelta(days=30)
    set_status(engine, "anna-lena.schaefer", UserStatus.MARKED_FOR_DELETION, future)
    set_status(engine, "bjoern.weiss", UserStatus.DEACTIVATED, date.today() - timedelta(days=1))
    window.refresh()
    column = window.users_model.headers().index("Purged on")
    window.users_tab.select_login("anna-lena.schaefer")
    index = window.users_view.selectionModel().selectedRows(column)[0]
    assert window.users_proxy.data(index) == f"will be purged on {future.isoformat()}"
    window.restore_action.trigger()
    window.confirm = lambda *_args: True  # type: ignore[method-assign]
    window.purge_action.trigger()
    with session_scope(engine) as db:
        anna = db.scalars(select(User).where(User.login == "anna-lena.schaefer")).one()
        assert anna.status == "active" and anna.purge_on is None
        assert db.scalar(select(User).where(User.login == "bjoern.weiss")) is None
    assert window.last_message is not None and "1 account deleted." == window.last_message.text()
    window.last_message.close()
    assert window.users_model.rowCount() == 3


def test_template_button_and_outdated_template_warning(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    wizard = shown_wizard(qtbot, engine)
    click_next(qtbot, wizard)
    page = wizard.table_page
    saved = page.save_template("student", tmp_path / "vorlage")
    assert saved == tmp_path / "vorlage.xlsx" and saved.exists()
    assert auto_map(read_table(saved).headers).is_complete()
    page.load_file(saved)
    assert page.template_warning.isHidden()
    workbook = load_workbook(saved)
    workbook.properties.keywords = KEYWORD_PREFIX + "0"
    workbook.save(tmp_path / "alt.xlsx")
    page.load_file(tmp_path / "alt.xlsx")
    assert not page.template_warning.isHidden()
    assert "template version 0" in page.template_warning.text()


@pytest.mark.parametrize(
    ("language", "name", "sheets", "first_header"),
    [
        ("en", "import-template-teacher.xlsx", ["Teachers", "Instructions"], "Source ID"),
        ("de", "importvorlage-teacher.xlsx", ["Lehrkräfte", "Anleitung"], "Quell-ID"),
    ],
)
def test_the_template_button_writes_the_interface_language(
    qtbot: QtBot,
    qapp: QApplication,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    name: str,
    sheets: list[str],
    first_header: str,
) -> None:
    """The template the button saves is in the interface's language, under the name
    the page proposes in it; either is recognised and read back as a current template."""
    proposed: list[str] = []

    def save_as(_parent: object, _caption: str, start: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(start).name)
        return str(tmp_path / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with contextlib.ExitStack() as interface:
        if language == "de":
            interface.enter_context(german_ui(qapp))
        wizard = shown_wizard(qtbot, engine)
        click_next(qtbot, wizard)
        page = wizard.table_page
        menu = page.template_button.menu()
        assert menu is not None
        menu.actions()[1].trigger()  # student, teacher, staff
    assert proposed == [name]
    saved = tmp_path / name
    workbook = load_workbook(saved)
    assert workbook.sheetnames == sheets
    assert workbook.worksheets[0]["A1"].value == first_header
    assert auto_map(read_table(saved).headers).is_complete()
    assert str(saved) in page.info_label.text()
    page.load_file(saved)
    assert page.template_warning.isHidden()


def test_login_letters_open_with_the_protocol_password(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path
) -> None:
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL  # asked before the run
    page = wizard.protocol_page
    page.path_edit.setText(str(tmp_path / "protokoll.xlsx"))
    page.letters_check.setChecked(True)
    page.letters_edit.setText(str(tmp_path / "briefe.pdf"))
    for edit in (page.password_edit, page.repeat_edit):
        qtbot.keyClicks(edit, "Herbst-Ferien-2026")
    assert run_import(qtbot, wizard) == "finished"
    assert page.handover is not None
    assert page.handover.saved == [tmp_path / "protokoll.xlsx", tmp_path / "briefe.pdf"]
    assert wizard.run_page.unsaved_passwords() == 0
    reader = PdfReader(str(tmp_path / "briefe.pdf"))
    assert reader.is_encrypted and reader.decrypt("Herbst-Ferien-2026")
    assert len(reader.pages) == 4
    assert "anna-lena.schaefer" in "".join(p.extract_text() for p in reader.pages)
    finish(qtbot, wizard)


def test_start_up_maintenance_and_log_dialog(
    qtbot: QtBot, engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="app"):
        start_up_maintenance(engine)
    assert "archive old runs" in caplog.text and "failed" not in caplog.text
    log = tmp_path / "schoolimport.log"
    log.write_text("".join(f"line {n}\n" for n in range(800)), encoding="utf-8")
    dialog = LogDialog(log)
    qtbot.addWidget(dialog)
    lines = dialog.text.toPlainText().splitlines()
    assert len(lines) == 500 and lines[-1] == "line 799" and dialog.text.isReadOnly()
    assert str(log) in dialog.path_label.text()
    empty = LogDialog(tmp_path / "none.log")
    qtbot.addWidget(empty)
    assert empty.text.toPlainText() == ""
