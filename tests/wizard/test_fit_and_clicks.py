"""Nothing cut off at the default window size in German, and a first import of 40
pupils in few clicks (issue 16), driven by real clicks on the widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.wizard.mainwindow import MainWindow
from app.wizard.views import fitting
from app.wizard.wizard import ImportWizard, PageId
from tests.wizard.driver import allow_close
from tests.wizard.german import forty_pupils, german_ui

pytestmark = pytest.mark.gui


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    with german_ui(qapp):
        yield


class Clicks:
    """Left clicks on widgets, counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot, self.count = qtbot, 0

    def on(self, widget: QWidget) -> None:
        assert widget.isVisible() and widget.isEnabled(), widget
        self.count += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def next(self, wizard: ImportWizard, button: QWizard.WizardButton) -> None:
        self.on(wizard.button(button))


def choose_file_by_clicks(clicks: Clicks, wizard: ImportWizard, path: Path) -> None:
    """ "Choose file…", then in Qt's file dialog the file's name and "Open"."""

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, in_dialog)
            return
        assert dialog.directory().absolutePath() == str(path.parent)  # the last folder used
        dialog.selectFile(path.name)  # typed, not clicked
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        open_button = next(b for b in buttons if b.text() in ("&Öffnen", "Öffnen", "&Open"))
        clicks.on(open_button)

    QTimer.singleShot(0, in_dialog)
    clicks.on(wizard.table_page.choose_button)


def test_first_import_of_40_pupils_takes_at_most_12_clicks(
    qtbot: QtBot, engine: Engine, settings: QSettings, tmp_path: Path, german: None
) -> None:
    source = forty_pupils(tmp_path / "schueler.csv")
    settings.setValue("import/last_folder", str(tmp_path))
    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    clicks = Clicks(qtbot)
    toolbar_button = window.findChildren(QWidget, "actions")[0]
    clicks.on(toolbar_button.widgetForAction(window.import_action))  # type: ignore[attr-defined]
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    next_button = QWizard.WizardButton.NextButton
    clicks.next(wizard, next_button)  # the school year
    choose_file_by_clicks(clicks, wizard, source)
    qtbot.waitUntil(lambda: wizard.session.table is not None)
    assert len(wizard.session.table.rows) == 40  # type: ignore[union-attr]
    clicks.next(wizard, next_button)  # table → columns
    clicks.next(wizard, next_button)  # columns → groups
    assert wizard.currentId() == PageId.GROUPS
    clicks.on(wizard.groups_page.create_all_button)
    assert len(wizard.session.options.group_creations) == 5
    clicks.next(wizard, next_button)  # groups → options (pupils preselected)
    clicks.next(wizard, next_button)  # options → preview
    clicks.next(wizard, next_button)  # "Importieren": the protocol is asked first
    page = wizard.protocol_page
    target = tmp_path / "protokoll.xlsx"
    page.path_edit.clear()
    qtbot.keyClicks(page.path_edit, str(target))
    for edit in (page.password_edit, page.repeat_edit):
        qtbot.keyClicks(edit, "Herbst-Ferien-2026")
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=60_000):
        clicks.next(wizard, next_button)  # "Import ausführen": saved before the commit
    assert wizard.run_page.result is not None
    assert wizard.run_page.result.summary.created == 40
    assert wizard.run_page.result.summary.groups_created == 5
    assert target.exists() and wizard.run_page.unsaved_passwords() == 0
    print(f"\nclicks from the main window to the saved protocol: {clicks.count}")  # noqa: T201
    assert clicks.count <= 12


def elided(view: QTableView) -> list[str]:
    """Headers and visible cells whose text needs more room than their column has."""
    header, model = view.horizontalHeader(), view.model()
    found: list[str] = []
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        if header.sectionSizeHint(column) > header.sectionSize(column):
            found.append(f"header {title!r}")
        for row in range(model.rowCount()):
            if view.visualRect(model.index(row, column)).top() > view.viewport().height():
                break
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.font = view.font()
            needed = view.itemDelegateForIndex(index).sizeHint(option, index).width()
            if needed > view.columnWidth(column) and column != last:
                found.append(f"{title!r} row {row}: {index.data()!r}")
    return found


def squeezed(widget: QWidget) -> list[str]:
    """Buttons, check boxes and radio buttons narrower than their text needs."""
    return [
        button.text()
        for button in widget.findChildren(QAbstractButton)
        if button.isVisible() and button.text() and button.width() < button.sizeHint().width()
    ]


def test_nothing_is_cut_off_in_german_at_the_default_size(
    qtbot: QtBot, engine: Engine, settings: QSettings, tmp_path: Path, german: None
) -> None:
    source = forty_pupils(tmp_path / "schueler.csv")
    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    window.import_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    allow_close(wizard)
    problems: list[str] = []
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    wizard.table_page.load_file(source)

    def inspect() -> None:
        page = wizard.currentPage()
        QApplication.processEvents()
        qtbot.waitUntil(lambda: not fitting(wizard))  # columns are fitted between events
        name = type(page).__name__
        if wizard.width() > 960:  # the default size; a wider page forces the window wider
            problems.append(f"{name}: the wizard grew to {wizard.width()} pixels")
        problems.extend(f"{name}: {p}" for p in squeezed(wizard))
        for view in page.findChildren(QTableView):
            if view.isVisible():
                problems.extend(f"{name}: {p}" for p in elided(view))

    while wizard.currentId() != PageId.PREVIEW:
        inspect()
        if wizard.currentId() == PageId.GROUPS:
            qtbot.mouseClick(wizard.groups_page.create_all_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    inspect()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)  # the protocol, asked first
    assert wizard.currentId() == PageId.PROTOCOL
    inspect()
    wizard.protocol_page.confirm_loss = lambda *_count: True  # type: ignore[method-assign]
    wizard.protocol_page.accept_check.click()
    with qtbot.waitSignal(wizard.run_page.run_ended, timeout=60_000):
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    inspect()
    wizard.close()
    window.refresh()
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        qtbot.waitUntil(lambda: not fitting(window))
        current = window.tabs.currentWidget()
        views = [current] if isinstance(current, QTableView) else current.findChildren(QTableView)
        for view in views:
            problems += [f"{window.tabs.tabText(tab)}: {p}" for p in elided(view)]
    problems += [f"main window: {p}" for p in squeezed(window)]
    if window.width() > 1000:
        problems.append(f"the main window grew to {window.width()} pixels")
    assert problems == []
