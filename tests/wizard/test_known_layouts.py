"""The columns page with other systems' exports (issue 17): a headerless linuxmuster
list recognised as its layout, a source ID derived from fields, one column feeding
two fields, and rows of another account type in the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.admin.directory import UserRow, list_users
from app.engine.planning.mapping import Field
from app.engine.planning.results import RowAction
from app.wizard.tablemodels import UsersTableModel
from app.wizard.wizard import ImportWizard, PageId
from tests.wizard.driver import click_next, run_import, shown_wizard

pytestmark = pytest.mark.gui

SHOT_DIR = Path("/tmp")  # looked at by hand; not kept


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine) -> ImportWizard:
    widget = shown_wizard(qtbot, engine)
    return widget


def to_columns(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    click_next(qtbot, wizard)
    wizard.table_page.load_file(path)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.COLUMNS


def test_linuxmuster_students_recognised_then_imported(
    qtbot: QtBot, wizard: ImportWizard, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "students.csv"
    path.write_text(" 5a ; Müller ; Jürgen ; 03.05.2014 ;\n5a;Weiß;Anna;01.02.2014;\n", "utf-8")
    to_columns(qtbot, wizard, path)
    page = wizard.columns_page
    assert page.layout_combo.currentData() == "linuxmuster-students"
    assert page.fields()[:4] == [Field.GROUPS, Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE]
    assert page.identity() == (Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE)
    assert page.identity_note.isVisibleTo(page) and "last name" in page.identity_note.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Back to a header row: the first line becomes headers, nothing is complete.
    page.layout_combo.setCurrentIndex(page.layout_combo.findData(""))
    assert wizard.session.table is not None and wizard.session.table.has_header
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.layout_combo.setCurrentIndex(page.layout_combo.findData("linuxmuster-students"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click_next(qtbot, wizard)  # groups: 5a exists
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PREVIEW
    assert "derived from last name, first name, birth date" in wizard.preview_page.summary_text()
    assert run_import(qtbot, wizard) == "finished"
    with session_scope(engine) as db:
        made = {u.login: u for u in list_users(db)}
    assert set(made) == {"juergen.mueller", "anna.weiss"}
    assert made["anna.weiss"].source_id.startswith("id-")


def test_one_column_two_fields_and_other_account_types(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    path = tmp_path / "chamilo.csv"
    path.write_text(
        "LastName;FirstName;UserName;Status;Courses\n"
        "Müller;Max;mmueller;5;5a\n"
        "Bauer;Thomas;tbauer;1;5a|Physik\n",
        "utf-8",
    )
    to_columns(qtbot, wizard, path)
    page = wizard.columns_page
    assert page.fields() == [
        Field.LAST_NAME,
        Field.FIRST_NAME,
        Field.LOGIN,
        Field.ACCOUNT_TYPE,
        Field.GROUPS,
    ]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no source ID
    second = page.second_combos[2]
    second.setCurrentIndex(second.findData(Field.SOURCE_ID.value))
    assert wizard.session.mapping is not None
    assert wizard.session.mapping.extra == [(2, Field.SOURCE_ID)]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.grab().save(str(SHOT_DIR / "columns-two-fields.png"))
    click_next(qtbot, wizard)
    # The groups page asks about every type's groups (the type is chosen after it);
    # the run creates or needs only the groups of its own rows.
    assert set(wizard.groups_page.needs) == {"5a", "physik"}
    wizard.groups_page.ignore_check.setChecked(True)
    click_next(qtbot, wizard)
    qtbot.mouseClick(wizard.options_page.type_buttons["student"], Qt.MouseButton.LeftButton)
    click_next(qtbot, wizard)
    plan = wizard.session.plan
    assert plan is not None
    counts = plan.counts_by_action()
    assert (counts[RowAction.CREATE], counts[RowAction.OTHER_TYPE]) == (1, 1)
    button = wizard.preview_page.filter_buttons["other_type"]
    assert button.text() == "other account type (1)"
    assert "1 rows of another account type are left out." in wizard.preview_page.summary_text()


def test_two_columns_with_one_header_are_pointed_out(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("ID;Nachname;Nachname;Vorname\n1;Muster;Anders;Max\n", "utf-8")
    to_columns(qtbot, wizard, path)
    page = wizard.columns_page
    assert page.layout_error.isVisibleTo(page)
    assert "same header (Nachname)" in page.layout_error.text()
    page.set_field(1, None)
    page.set_field(2, Field.LAST_NAME)
    assert wizard.session.mapping is not None
    assert wizard.session.mapping.column_of(Field.LAST_NAME) == 2


def test_users_tab_sorts_names_the_german_way(qtbot: QtBot) -> None:
    names = ["Steinbrink", "Sörte", "Sauer"]
    rows = [
        UserRow(
            n, f"u{n}", "X", name, "table", str(n), "student", "active", None, None, [], None, None
        )
        for n, name in enumerate(names)
    ]
    model = UsersTableModel()
    model.set_users(rows)
    model.sort(1)  # the last-name column
    assert [model.user_at(i).last_name for i in range(3)] == ["Sauer", "Sörte", "Steinbrink"]
