"""What a German school administrator reads: words, numbers, days and counts (issue 16)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import session_scope
from app.engine.admin.undo import UserRestore
from app.engine.planning.results import FieldChange, Resolution, RowAction
from app.models import User, UserStatus
from app.wizard.i18n import LANGUAGE_KEY
from app.wizard.languagedialog import LanguageDialog, needs_language_question
from app.wizard.mainwindow import MainWindow
from app.wizard.pages.table import LAST_FOLDER_KEY
from app.wizard.planmodel import PlanTableModel
from app.wizard.undowords import restore_sentence
from app.wizard.wizard import ImportWizard, PageId
from tests.wizard.conftest import write_csv
from tests.wizard.driver import (
    allow_close,
    click_next,
    finish,
    import_through_window,
    run_import,
    to_preview,
)
from tests.wizard.german import german_ui

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine, settings: QSettings) -> ImportWizard:
    widget = ImportWizard(engine, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    allow_close(widget)
    return widget


def conflict_file(tmp_path: Path) -> Path:
    """Jörg twice (a duplicate source ID), Anna unchanged, Björn gone."""
    rows = [
        ["Müller", "Jörg", "5a", "1001", "01.02.2015"],
        ["Müller", "Jörg", "5b", "1001", "01.02.2015"],
        ["Schäfer", "Anna-Lena", "5b", "1002", "03.04.2015"],
        ["Öztürk", "Ayse", "5b", "1003", "05.06.2015"],
    ]
    return write_csv(tmp_path / "update.csv", rows)


def test_filters_count_what_the_grid_holds_after_a_resolution(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    wizard = ImportWizard(window.engine)
    qtbot.addWidget(wizard)
    wizard.show()
    allow_close(wizard)
    to_preview(qtbot, wizard, conflict_file(tmp_path))
    page = wizard.preview_page
    boxes = page.filter_buttons
    assert boxes["conflicts"].text() == "open conflict (2)"
    assert boxes["unchanged"].text() == "unchanged (2)"
    assert all(box.isCheckable() and box.isChecked() for box in boxes.values())
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "Continue, leaving out 2 rows"
    assert "2 rows with an open conflict" in page.left_out_label.text()
    # Show only the conflicts: untick the others; the check marks say what is shown.
    for outcome, box in boxes.items():
        if outcome != "conflicts":
            box.click()
    assert page.proxy.rowCount() == 2
    plan = wizard.session.plan
    assert plan is not None
    conflicts = [r for r in plan.rows if r.action is RowAction.CONFLICT]
    page.select_row(conflicts[1])
    qtbot.mouseClick(page.conflict_panel.buttons[Resolution.KEEP], Qt.MouseButton.LeftButton)
    assert boxes["conflicts"].text() == "open conflict (0)"
    assert boxes["updated"].text() == "update (1)"
    assert boxes["skipped"].text() == "left out (1)"
    assert page.proxy.rowCount() == 0  # the grid shows what the ticked filters say
    assert next_button.text() == "Continue, leaving out 1 row"
    assert page.summary_text() == "The import: 1 will be updated; 2 unchanged, 1 left out."


def test_released_rows_say_why_and_cancel_asks_before_dropping_choices(
    qtbot: QtBot, window: MainWindow, students_csv: Path, tmp_path: Path
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    wizard = ImportWizard(window.engine)
    qtbot.addWidget(wizard)
    wizard.show()
    allow_close(wizard)
    rows = [["Müller", "Jörg", "5a", "1001", "01.02.2015"]]
    click_next(qtbot, wizard)
    wizard.table_page.load_file(write_csv(tmp_path / "rest.csv", rows))
    for _ in range(3):
        click_next(qtbot, wizard)
    wizard.options_page.expire_check.setChecked(True)
    click_next(qtbot, wizard)
    page = wizard.preview_page
    model = page.model
    assert model is not None
    released = [
        model.data(model.index(n, PlanTableModel.REASON))
        for n in range(model.rowCount())
        if model.row_at(n).action is RowAction.EXPIRE
    ]
    assert released == ["no longer in the file"] * 3
    # Untick a row, then Cancel: the wizard asks; "Cancel" in the question keeps it open.
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert page.has_decisions()
    answers: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    del wizard.preview_page.confirm_discard  # the real question, answered by clicks
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    wizard.reject()
    assert wizard.isVisible() and "are lost when the wizard closes" in answers[0]
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    wizard.reject()
    assert not wizard.isVisible()


def test_the_protocol_comes_before_the_run_in_words(
    qtbot: QtBot, wizard: ImportWizard, students_csv: Path, tmp_path: Path
) -> None:
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    click_next(qtbot, wizard)
    assert wizard.currentId() == PageId.PROTOCOL
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Run import"
    target = tmp_path / "protokoll.xlsx"
    assert run_import(qtbot, wizard, protocol=target) == "finished"
    page = wizard.run_page
    assert page.count_label.text() == ""  # no "1 of 1"
    assert page.summary_label.text() == (
        f"4 accounts created; 1 group created.\nSaved (encrypted): {target}"
    )
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_progress_and_counts_in_german(
    qtbot: QtBot, qapp: QApplication, wizard: ImportWizard, students_csv: Path
) -> None:
    with german_ui(qapp):
        page = wizard.run_page
        page._progressed(87_552, 120_000, "writing")
        assert page.count_label.text() == "87.552 von 120.000"
        assert page.phase_label.text() == "Benutzer werden geschrieben"
        groups = wizard.groups_page
        click_next(qtbot, wizard)
        wizard.table_page.load_file(students_csv)
        assert wizard.table_page.info_label.text().startswith("4 Datenzeilen, 5 Spalten")
        click_next(qtbot, wizard)
        click_next(qtbot, wizard)
        assert groups.summary_label.text() == "2 Gruppen in der Datei: 1 gefunden, 1 fehlt."
        groups.create_group("5b").accept()
        assert groups.summary_label.text() == (
            "2 Gruppen in der Datei: 1 gefunden, 1 wird angelegt."
        )
        click_next(qtbot, wizard)
        click_next(qtbot, wizard)
        assert wizard.preview_page.summary_text() == (
            "Der Import: 4 Konten werden angelegt; 1 Gruppe wird angelegt."
        )
        box = wizard.preview_page.filter_buttons["created"]
        assert box.text() == "anlegen (4)"


def test_users_list_speaks_german(
    qtbot: QtBot,
    qapp: QApplication,
    window: MainWindow,
    students_csv: Path,
    engine: Engine,
    settings: QSettings,
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    planned = date.today() + timedelta(days=30)
    with session_scope(engine) as db:
        anna = db.scalars(select(User).where(User.login == "anna-lena.schaefer")).one()
        anna.status = UserStatus.MARKED_FOR_DELETION.value
        anna.deactivate_on = planned
    with german_ui(qapp):
        german = MainWindow(engine, settings)
        qtbot.addWidget(german)
        model = german.users_model
        row = [u.login for u in model.users()].index("anna-lena.schaefer")
        texts_of = dict(zip(model.headers(), model.row_texts(model.user_at(row)), strict=True))
        assert texts_of["Quelle"] == "Tabellenimport"
        assert texts_of["Geburtsdatum"] == "03.04.2015"
        assert texts_of["Deaktiviert am"] == f"wird deaktiviert am {planned:%d.%m.%Y}"
        assert texts_of["Status"] == "zur Löschung vorgemerkt"


def test_history_numbers_its_runs_and_counts_the_reactivated(
    qtbot: QtBot, window: MainWindow, students_csv: Path
) -> None:
    finish(qtbot, import_through_window(qtbot, window, students_csv))
    model = window.history_tab.model
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers[0] == "Run" and "Reactivated" in headers
    assert model.data(model.index(0, 0)) == str(model.run_at(0).run_id)
    reactivated = headers.index("Reactivated")
    assert model.data(model.index(0, reactivated)) == "0"


def test_undo_preview_in_german_sentences(qapp: QApplication) -> None:
    marked = datetime(2026, 12, 6, 17, 4, 22)
    back_to_marked = UserRestore(
        1,
        "lea.neumann",
        (
            FieldChange("status", "active", "marked_for_deletion"),
            FieldChange("marked_at", None, marked),
            FieldChange("deactivate_on", None, date(2027, 1, 5)),
        ),
    )
    lifted = UserRestore(
        2,
        "tim.kraemer",
        (
            FieldChange("status", "marked_for_deletion", "active"),
            FieldChange("marked_at", marked, None),
            FieldChange("last_name", "Kraemer", "Krämer"),
        ),
    )
    with german_ui(qapp):
        first = restore_sentence(back_to_marked)
        assert first.startswith("lea.neumann: wird wieder zur Löschung vorgemerkt (wie seit 06.12.")
        assert first.endswith("; Deaktivierung am 05.01.2027")
        assert "marked_for_deletion" not in first and "None" not in first
        second = restore_sentence(lifted)
        assert second.startswith(
            "tim.kraemer: wird wieder aktiv; war zur Löschung vorgemerkt seit 06.12.2026"
        )
        assert second.endswith("; Nachname wieder „Krämer“ (jetzt „Kraemer“)")


def test_create_all_missing_groups_guesses_their_types(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    rows = [
        ["Müller", "Jörg", "5a,10b", "1001", "01.02.2015"],
        ["Schäfer", "Anna-Lena", "Q1,EF", "1002", "03.04.2015"],
        ["Weiß", "Björn", "Fachschaft Deutsch,Schulsanitäter", "1004", "07.08.2014"],
    ]
    click_next(qtbot, wizard)
    wizard.table_page.load_file(write_csv(tmp_path / "gruppen.csv", rows))
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    page = wizard.groups_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    dialog = page.create_group(next(k for k in page.needs if "fachschaft" in k))
    assert dialog.group_type() == "team"  # not "class"
    dialog.reject()
    qtbot.mouseClick(page.create_all_button, Qt.MouseButton.LeftButton)
    question = page.type_question
    assert question is not None and "Schulsanitäter" in question.labelText()
    question.setTextValue("course")
    question.accept()
    kinds = {
        page.needs[key].name: kind
        for key, (kind, _) in wizard.session.options.group_creations.items()
    }
    assert kinds == {
        "10b": "class",
        "Q1": "class",
        "EF": "class",
        "Fachschaft Deutsch": "team",
        "Schulsanitäter": "course",
    }
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not page.create_all_button.isVisible()
    # Each stays editable.
    assert page.create_buttons[next(k for k in page.needs if k == "q1")].text() == "Change…"


def test_data_safe_password_is_explained(wizard: ImportWizard) -> None:
    page = wizard.options_page
    assert "data safe" in page.datasafe_check.toolTip()
    hints = [label.text() for label in page.findChildren(QLabel)]
    assert any(text.startswith("A second password of each new account") for text in hints)


def test_file_dialog_starts_in_documents_then_the_last_folder(
    wizard: ImportWizard, settings: QSettings, students_csv: Path
) -> None:
    page = wizard.table_page
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = documents if Path(documents).is_dir() else str(Path.home())
    assert page.start_folder() == expected
    page.load_file(students_csv)
    assert settings.value(LAST_FOLDER_KEY) == str(students_csv.parent)
    fresh = ImportWizard(wizard.session.engine, settings=settings)
    assert fresh.table_page.start_folder() == str(students_csv.parent)
    fresh.deleteLater()


def test_first_start_offers_the_language(qtbot: QtBot, settings: QSettings) -> None:
    assert needs_language_question(settings)
    dialog = LanguageDialog(settings)
    qtbot.addWidget(dialog)
    assert "Deutsch" in dialog.buttons["de"].text() and "English" in dialog.buttons["en"].text()
    dialog.buttons["de"].click()
    dialog.accept()
    assert settings.value(LANGUAGE_KEY) == "de"
    assert not needs_language_question(settings)
