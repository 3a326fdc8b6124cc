"""Step 6: the plan, row by row — ticks, filters by outcome, search, conflicts.

The grid is a :class:`PlanTableModel` over the engine's plan behind a filter proxy, so
a 100,000-row file opens without copying rows. Resolving a conflict calls
``Plan.resolve``; the counts, the filters' counts and the Import button's note of the
rows left out are recomputed from the plan, so they say what the grid holds now.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.engine.applying.apply import check_applicable
from app.engine.planning.plan import Plan
from app.engine.planning.results import ImportSummary, Resolution, RowAction, RowPlan
from app.engine.reasons import EngineError, Message, Reason
from app.engine.session import ImportSession
from app.wizard import counts, texts
from app.wizard.busy import run_responsive
from app.wizard.conflictpanel import ConflictPanel
from app.wizard.formats import number
from app.wizard.pages.base import ImportPage, error_label, show_error
from app.wizard.planmodel import (
    OUTCOME_ACTIONS,
    OUTCOME_ORDER,
    PlanFilterProxy,
    PlanTableModel,
    outcome_counts,
    outcome_icon,
)
from app.wizard.views import ColumnFitter


class PreviewPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr("What the import will do with each row. Untick rows to leave them out.")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Continue to the protocol"))
        self.left_out_label = QLabel()
        self.left_out_label.setWordWrap(True)
        self._signature: object = None
        self.model: PlanTableModel | None = None
        self.proxy = PlanFilterProxy(self)
        self._empty = QStandardItemModel(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.error = error_label()
        self.filter_buttons: dict[str, QCheckBox] = {}
        filters = QGridLayout()  # two rows of four: one row is wider than the window
        filters.addWidget(QLabel(self.tr("Show rows:")), 0, 0)
        for n, outcome in enumerate(OUTCOME_ORDER):
            box = QCheckBox()
            box.setChecked(True)
            box.setIcon(outcome_icon(outcome))
            box.toggled.connect(lambda on, o=outcome: self.proxy.set_outcome_shown(o, on))
            self.filter_buttons[outcome] = box
            filters.addWidget(box, n // 4, 1 + n % 4)
        filters.setColumnStretch(5, 1)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, ID, login, group"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit)
        search_row.addStretch(1)
        self.view = self._make_view()
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self.resolve)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.conflict_panel)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.left_out_label)

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.fitter = ColumnFitter(view)
        return view

    # -- building the plan -------------------------------------------------------------
    def _plan_signature(self) -> object:
        opts = self.session.options
        mapping = self.session.mapping
        return (
            id(self.session.table),
            tuple(mapping.fields) if mapping else (),
            repr(opts.as_dict()),
            tuple(sorted(opts.group_overrides.items())),
            tuple(sorted(opts.group_creations.items())),
        )

    def initializePage(self) -> None:  # noqa: N802
        signature = self._plan_signature()
        if self.session.plan is not None and signature == self._signature and self.model:
            return
        self._signature = signature

        def build() -> tuple[Plan, Counter[str], ImportSummary]:
            """The plan and what the page says of it, all counted off the interface
            thread (a pass over every row each: 40–60 ms for 50,000)."""
            plan = self.session.build_plan()
            return plan, outcome_counts(plan), plan.summary()

        try:
            plan, shown, summary = run_responsive(build)
            show_error(self.error, None)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            self.set_plan(None)
            return
        self.set_plan(plan, shown, summary)

    def set_plan(
        self,
        plan: Plan | None,
        shown: Counter[str] | None = None,
        summary: ImportSummary | None = None,
    ) -> None:
        """Show ``plan`` (its outcome counts and summary counted already, if given);
        its columns are fitted between the next events."""
        old = self.model
        self.model = PlanTableModel(plan, self) if plan is not None else None
        self.proxy.setSourceModel(self.model or self._empty)
        if old is not None:
            old.deleteLater()
        if self.model is not None:
            self.model.rows_changed.connect(self._update_counts)
        self.fitter.request()
        self.conflict_panel.show_row(None)
        self._update_counts(shown, summary)
        self.completeChanged.emit()

    # -- counts and conflicts ----------------------------------------------------------
    def _update_counts(
        self, shown: Counter[str] | None = None, summary: ImportSummary | None = None
    ) -> None:
        plan = self.session.plan
        if plan is not None and shown is None:
            shown = outcome_counts(plan)
        if plan is not None and summary is None:
            summary = plan.summary()
        for outcome, box in self.filter_buttons.items():
            count = shown.get(outcome, 0) if shown is not None else 0
            box.setText(f"{self.outcome_label(outcome)} ({number(count)})")
        self.summary_label.setText(self.summary_text(summary))
        left_out = counts.left_out(summary) if summary is not None else 0
        self.left_out_label.setText(counts.left_out_reasons(summary) if summary else "")
        self.left_out_label.setVisible(bool(left_out))
        button = self.tr("Import")
        if left_out:
            button = self.tr("Continue, leaving out %n rows", "", left_out)
        self.setButtonText(QWizard.WizardButton.NextButton, button)

    def outcome_label(self, outcome: str) -> str:
        action = OUTCOME_ACTIONS.get(outcome)
        if outcome == "skipped":
            return self.tr("left out")
        if action is RowAction.CONFLICT:
            return self.tr("open conflict")
        assert action is not None
        return texts.action_label(action)

    def summary_text(self, summary: ImportSummary | None = None) -> str:
        plan = self.session.plan
        if plan is None:
            return ""
        if summary is None:
            summary = plan.summary()
        text = self.tr("The import: %1").replace("%1", counts.planned(summary))
        if summary.other_type:
            other = self.tr("%1 rows of another account type are left out.")
            text += " " + other.replace("%1", f"{summary.other_type:,}")
        if plan.mapping.identity:  # what a derived source ID costs, said plainly
            fields = [f.value for f in plan.mapping.identity]
            text += " " + texts.reason_text(Message(Reason.IDENTITY_NOTE, {"fields": fields})) + "."
        return text

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        row = None
        if current.isValid() and self.model is not None:
            row = self.model.row_at(self.proxy.mapToSource(current).row())
        self.conflict_panel.show_row(row)

    def select_row(self, plan_row: RowPlan) -> None:
        """Select the grid line showing ``plan_row`` (if the filters show it)."""
        assert self.model is not None
        for source_row in range(self.model.rowCount()):
            if self.model.row_at(source_row) is plan_row:
                index = self.proxy.mapFromSource(self.model.index(source_row, 2))
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    def resolve(self, row: RowPlan, choice: Resolution) -> None:
        plan = self.session.plan
        assert plan is not None and self.model is not None
        plan.resolve(row, choice)
        self.model.refresh()
        self.view.resizeColumnToContents(PlanTableModel.ACTION)
        self.conflict_panel.show_row(row)

    # -- leaving -----------------------------------------------------------------------
    def confirm_mass_expiry(self, count: int, active: int) -> bool:
        text = self.tr(
            "The import would release %1 of %2 active accounts for deletion. Is the file"
            " complete? A truncated export must not empty the school."
        )
        answer = QMessageBox.warning(
            self,
            self.tr("Release many accounts?"),
            text.replace("%1", str(count)).replace("%2", str(active)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def validatePage(self) -> bool:  # noqa: N802
        plan = self.session.plan
        if plan is None:
            return False
        if plan.mass_expiry and not plan.mass_expiry_confirmed:
            count = sum(1 for row in plan.expiries if row.included)
            if not self.confirm_mass_expiry(count, plan.state.active_count):
                return False
            plan.mass_expiry_confirmed = True
        try:
            check_applicable(plan)
        except EngineError as error:
            show_error(self.error, texts.error_text(error))
            return False
        return True

    def confirm_discard(self) -> bool:
        """Cancel would drop the resolved conflicts and unticked rows: ask first."""
        answer = QMessageBox.question(
            self,
            self.tr("Cancel the import?"),
            self.tr(
                "The conflicts you resolved and the rows you unticked in the preview are"
                " lost when the wizard closes. Nothing has been imported yet."
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def has_decisions(self) -> bool:
        """Whether the user resolved a conflict or unticked a row (Cancel asks first)."""
        plan = self.session.plan
        if plan is None or self.model is None:
            return False
        return any(
            row.resolution is not None or (not row.included and row.action is not RowAction.INVALID)
            for row in chain(plan.rows.made(), plan.expiries)  # (others: as planned)
        )

    def isComplete(self) -> bool:  # noqa: N802
        return self.session.plan is not None and self.model is not None
