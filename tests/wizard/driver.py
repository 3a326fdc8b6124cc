"""Clicking through the import wizard the way a person does (shared by the tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.wizard.groupdialog import CreateGroupDialog
from app.wizard.mainwindow import MainWindow
from app.wizard.wizard import ImportWizard, PageId


def click_next(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled on page {PageId(wizard.currentId()).name}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def create_group_inline(
    qtbot: QtBot, wizard: ImportWizard, key: str, kind: str = "class", permanent: bool = False
) -> None:
    page = wizard.groups_page
    qtbot.mouseClick(page.create_buttons[key], Qt.MouseButton.LeftButton)
    dialog = page.group_dialog
    assert isinstance(dialog, CreateGroupDialog)
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(kind))
    (dialog.permanent_radio if permanent else dialog.year_radio).setChecked(True)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def to_preview(
    qtbot: QtBot,
    wizard: ImportWizard,
    path: Path,
    create: dict[str, str] | None = None,
    account_type: str = "student",
) -> None:
    """Year → table → columns → groups (creating ``create`` inline) → options → preview."""
    assert wizard.currentId() == PageId.YEAR
    click_next(qtbot, wizard)
    wizard.table_page.load_file(path)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.COLUMNS
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.GROUPS
    for key, kind in (create or {}).items():
        create_group_inline(qtbot, wizard, key, kind)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.OPTIONS
    qtbot.mouseClick(wizard.options_page.type_buttons[account_type], Qt.MouseButton.LeftButton)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PREVIEW


def fill_protocol(
    qtbot: QtBot, wizard: ImportWizard, target: Path, password: str = "Sommer-Ferien-2026!"
) -> None:
    """The protocol page (before the run): a place and the password twice."""
    page = wizard.protocol_page
    page.path_edit.setText(str(target))
    page.password_edit.clear()
    page.repeat_edit.clear()
    qtbot.keyClicks(page.password_edit, password)
    qtbot.keyClicks(page.repeat_edit, password)


def start_run(qtbot: QtBot, wizard: ImportWizard) -> None:
    """From the preview past the protocol page (no protocol) into the run; no waiting."""
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL
    if wizard.protocol_page.needs_protocol():
        wizard.protocol_page.accept_check.click()
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.RUN


def run_import(qtbot: QtBot, wizard: ImportWizard, protocol: Path | None = None) -> str:
    """Next on the preview, then the protocol page (``protocol`` saved there; without
    one and without a password typed, the import goes without a protocol), then "Run
    import"; returns how the run ended."""
    if wizard.currentId() == PageId.PREVIEW:
        click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL
    page = wizard.protocol_page
    if protocol is not None:
        fill_protocol(qtbot, wizard, protocol)
    elif page.needs_protocol() and not page.password_edit.text():
        page.accept_check.click()
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=30_000) as blocker:
        click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.RUN
    qtbot.waitUntil(lambda: not wizard.run_page.is_running())
    return str(blocker.args[0]) if blocker.args else ""


def shown_wizard(qtbot: QtBot, engine: Engine) -> ImportWizard:
    """A new wizard on ``engine``, shown, closed by the test's teardown without asking
    (:func:`allow_close`)."""
    wizard = ImportWizard(engine)
    qtbot.addWidget(wizard)
    wizard.show()
    allow_close(wizard)
    return wizard


def allow_close(wizard: ImportWizard) -> None:
    """Closing at teardown must not wait on the "passwords will be lost" question, nor
    on "your choices in the preview will be lost"."""
    wizard.protocol_page.confirm_loss = lambda *_count: True  # type: ignore[method-assign]
    wizard.preview_page.confirm_discard = lambda: True  # type: ignore[method-assign]


def import_through_window(
    qtbot: QtBot, window: MainWindow, path: Path, create: dict[str, str] | None = None
) -> ImportWizard:
    """Import ``path`` from the main window's Import action, without a protocol."""
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    allow_close(wizard)
    to_preview(qtbot, wizard, path, create={"5b": "class"} if create is None else create)
    assert run_import(qtbot, wizard) == "finished"
    return wizard


def finish(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
