"""Undoing an import from the history: the engine's preview as a readable list, the
records that changed since (which block the undo), and the undo itself."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor
from app.engine.admin.undo import (
    Blocker,
    BlockerKind,
    UndoPlan,
    UndoResult,
    UserRestore,
    preview_undo,
    undo_run,
)
from app.engine.reasons import EngineError
from app.wizard.busy import run_in_session
from app.wizard.formats import counted
from app.wizard.pages.base import OK_STYLE, error_label, show_error
from app.wizard.texts import error_text
from app.wizard.undowords import restore_sentence

LISTED = 50


class UndoDialog(QDialog):
    undone = Signal(object)  # UndoResult

    def __init__(
        self, engine: Engine, run_id: int, actor: Actor | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.run_id, self.actor = engine, run_id, actor
        self.plan: UndoPlan | None = None
        self.outcome: UndoResult | None = None
        self.setWindowTitle(self.tr("Undo import"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.error = error_label()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet(OK_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.undo_button = QPushButton(self.tr("Undo import"))
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self.undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.done_label)
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        self.load()

    def load(self) -> None:
        def preview(db: Session) -> UndoPlan:
            return preview_undo(db, self.run_id, self.actor)

        try:
            self.plan = run_in_session(self.engine, preview)  # (a 50,000-row import: seconds)
        except EngineError as error:
            self.plan = None
            self.intro.setText(self.tr("This import cannot be undone."))
            self.details.hide()
            show_error(self.error, error_text(error))
            self.undo_button.setEnabled(False)
            return
        plan = self.plan
        if plan.possible:
            text = self.tr("Undoing the import of %1 does the following, in one step:")
        else:
            text = self.tr(
                "The import of %1 cannot be undone: these records were changed after it."
                " An undo never overwrites later work."
            )
        self.intro.setText(text.replace("%1", plan.file_name))
        if plan.possible:
            lines = self.plan_lines(plan)
        else:
            lines = [self.blocker_text(b) for b in plan.blockers]
        self.details.setPlainText("\n".join(lines))
        self.undo_button.setEnabled(plan.possible)

    # -- the readable list -------------------------------------------------------------
    def _section(self, title: str, items: list[str]) -> list[str]:
        if not items:
            return []
        lines = [counted(title, len(items))]
        lines += [f"  • {item}" for item in items[:LISTED]]
        if len(items) > LISTED:
            more = len(items) - LISTED
            lines.append("  " + counted(self.tr("… and %n more", "", more), more))
        return [*lines, ""]

    def plan_lines(self, plan: UndoPlan) -> list[str]:
        def restored(entries: list[UserRestore]) -> list[str]:
            return [restore_sentence(entry) for entry in entries]

        in_group = self.tr("%1 in %2")
        pairs = [in_group.replace("%1", u).replace("%2", g) for u, g in plan.memberships_to_remove]
        back = [in_group.replace("%1", u).replace("%2", g) for u, g in plan.memberships_to_restore]
        lines = [
            *self._section(
                self.tr("%n accounts are deleted:", "", len(plan.users_to_delete)),
                plan.users_to_delete,
            ),
            *self._section(
                self.tr("%n users are changed back:", "", len(plan.users_to_restore)),
                restored(plan.users_to_restore),
            ),
            *self._section(
                self.tr("%n releases for deletion are lifted:", "", len(plan.expiries_to_lift)),
                restored(plan.expiries_to_lift),
            ),
            *self._section(self.tr("%n memberships are removed:", "", len(pairs)), pairs),
            *self._section(self.tr("%n memberships are restored:", "", len(back)), back),
            *self._section(
                self.tr("%n groups are deleted if empty:", "", len(plan.groups_to_delete)),
                plan.groups_to_delete,
            ),
        ]
        return lines or [self.tr("The import changed nothing that needs undoing.")]

    def blocker_text(self, blocker: Blocker) -> str:
        templates = {
            BlockerKind.USER_CHANGED: self.tr("user %1 was changed after the import"),
            BlockerKind.USER_DELETED: self.tr("user %1 was deleted after the import"),
            BlockerKind.MEMBERSHIP_REMOVED: self.tr(
                "%1 was removed from the group %2 after the import"
            ),
            BlockerKind.MEMBERSHIP_READDED: self.tr(
                "%1 was added to the group %2 again after the import"
            ),
            BlockerKind.MEMBERSHIP_ADDED: self.tr("%1 was added to the group %2 after the import"),
            BlockerKind.GROUP_CHANGED: self.tr("the group %2 was changed after the import"),
            BlockerKind.GROUP_DELETED: self.tr("the group %2 was deleted after the import"),
        }
        text = templates[blocker.kind].replace("%1", blocker.login).replace("%2", blocker.group)
        return f"• {text}"

    # -- undoing -----------------------------------------------------------------------
    def undo(self) -> None:
        def undo(db: Session) -> UndoResult:
            return undo_run(db, self.run_id, self.actor)

        try:
            result = run_in_session(self.engine, undo)
        except EngineError as error:
            show_error(self.error, error_text(error))
            self.load()
            return
        self.outcome = result
        self.undo_button.setEnabled(False)
        words = (
            (result.users_deleted, self.tr("%n accounts deleted", "", result.users_deleted)),
            (
                result.users_restored + result.expiries_lifted,
                self.tr(
                    "%n users changed back", "", result.users_restored + result.expiries_lifted
                ),
            ),
            (
                result.memberships_removed,
                self.tr("%n memberships removed", "", result.memberships_removed),
            ),
            (result.groups_deleted, self.tr("%n groups deleted", "", result.groups_deleted)),
        )
        done = ", ".join(counted(text, n) for n, text in words if n)
        text = self.tr("The import was undone: %1.").replace("%1", done or self.tr("no changes"))
        self.done_label.setText(text)
        self.undone.emit(result)
