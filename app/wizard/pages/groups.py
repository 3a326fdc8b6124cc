"""Step 4: every group the file names, matched, mapped by hand, planned or ignored.

The page reads the year's groups (reading only) and records the user's decisions in
``ImportOptions.group_overrides`` / ``group_creations`` / ``ignore_unassigned_groups``.
"Create all missing groups" plans every missing group at once with the type its name
suggests (5a, Q1 → class; "Fachschaft …" → team); the type of names that suggest
none is asked once. Each stays editable with "Change…".
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.db import session_scope
from app.engine.admin.directory import IMPORTABLE_GROUP_TYPES, GroupRow, find_year, list_groups
from app.engine.planning.grouptypes import guess_group_type
from app.engine.planning.results import GroupNeed
from app.engine.session import ImportSession
from app.wizard import texts
from app.wizard.busy import run_responsive
from app.wizard.formats import counted
from app.wizard.groupdialog import CreateGroupDialog
from app.wizard.pages.base import ImportPage


class GroupsPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Groups"))
        self.setSubTitle(
            self.tr("Each group of the file is matched to a group of the school year.")
        )
        self.group_dialog: CreateGroupDialog | None = None
        self.needs: dict[str, GroupNeed] = {}  # by name key, matched without the user's choices
        self.existing: list[GroupRow] = []
        self._key: object = None
        self.status_labels: dict[str, QLabel] = {}
        self.icon_labels: dict[str, QLabel] = {}
        self.map_combos: dict[str, QComboBox] = {}
        self.create_buttons: dict[str, QPushButton] = {}
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.create_all_button = QPushButton(self.tr("Create all missing groups"))
        self.create_all_button.setToolTip(
            self.tr(
                "Plans every missing group with the type its name suggests (5a, 10b, Q1, EF:"
                " class; “Fachschaft …”, “AG …”: team); each can be changed afterwards."
            )
        )
        self.create_all_button.clicked.connect(self.create_all_missing)
        self.type_question: QInputDialog | None = None
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.ignore_check = QCheckBox(
            self.tr("Ignore unassigned groups (their memberships are left out of this import)")
        )
        self.ignore_check.toggled.connect(self._ignore_toggled)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.create_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.ignore_check)

    def initializePage(self) -> None:  # noqa: N802
        opts = self.session.options
        mapping = self.session.mapping
        key = (id(self.session.table), tuple(mapping.fields) if mapping else (), opts.year)
        if key != self._key:
            self._key = key
            self._load()
            self._rebuild()
        self.ignore_check.setChecked(opts.ignore_unassigned_groups)
        self._refresh()

    def _load(self) -> None:
        bare = replace(
            self.session.options,
            group_overrides={},
            group_creations={},
            ignore_unassigned_groups=False,
            create_missing_groups=None,
        )
        self.needs = run_responsive(lambda: self.session.group_needs(bare))
        with session_scope(self.session.engine) as db:
            self.existing = list_groups(db, find_year(db, bare.year), self.session.actor)
        keys = set(self.needs)
        opts = self.session.options
        opts.group_overrides = {k: v for k, v in opts.group_overrides.items() if k in keys}
        opts.group_creations = {k: v for k, v in opts.group_creations.items() if k in keys}

    def _rebuild(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.status_labels, self.icon_labels, self.map_combos, self.create_buttons = {}, {}, {}, {}
        titles = (self.tr("Group in the file"), "", self.tr("Status"), self.tr("Use group"), "")
        for column, title in enumerate(titles):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        ordered = sorted(self.needs.items(), key=lambda item: item[1].name.casefold())
        for row, (key, need) in enumerate(ordered, start=1):
            self.icon_labels[key] = QLabel()
            self.status_labels[key] = QLabel()
            self.map_combos[key] = self._map_combo(key)
            button = QPushButton(self.tr("Create…"))
            button.clicked.connect(lambda _c=False, k=key: self.create_group(k))
            self.create_buttons[key] = button
            self.grid.addWidget(QLabel(need.name), row, 0)
            self.grid.addWidget(self.icon_labels[key], row, 1)
            self.grid.addWidget(self.status_labels[key], row, 2)
            self.grid.addWidget(self.map_combos[key], row, 3)
            self.grid.addWidget(button, row, 4)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(ordered) + 1, 1)

    def _map_combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(as named in the file)"), None)
        for group in self.existing:
            suffix = "" if group.year else " " + self.tr("(permanent)")
            combo.addItem(f"{group.name}{suffix}", group.id)
        chosen = self.session.options.group_overrides.get(key)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.currentIndexChanged.connect(lambda _n, k=key: self._mapped(k))
        return combo

    # -- the user's decisions ----------------------------------------------------------
    def map_group(self, key: str, group_id: int | None) -> None:
        combo = self.map_combos[key]
        combo.setCurrentIndex(max(0, combo.findData(group_id)))

    def _mapped(self, key: str) -> None:
        group_id = self.map_combos[key].currentData()
        if group_id is None:
            self.session.options.group_overrides.pop(key, None)
        else:
            self.session.options.group_overrides[key] = int(group_id)
            self.session.options.group_creations.pop(key, None)
        self._refresh()

    def create_group(self, key: str) -> CreateGroupDialog:
        """Ask for the new group's type and validity; recorded, not written."""
        guessed = guess_group_type(self.needs[key].name) or "class"
        kind, permanent = self.session.options.group_creations.get(key, (guessed, False))
        dialog = CreateGroupDialog(
            self.needs[key].name, self.session.options.year, kind, permanent, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._planned(key, dialog))
        self.group_dialog = dialog
        dialog.open()
        return dialog

    def missing(self) -> list[str]:
        return [key for key in self.needs if self.status(key) in ("missing", "ignored")]

    def create_all_missing(self) -> None:
        """Plan every missing group with its guessed type; ask once for the others."""
        keys = self.missing()
        unknown = [k for k in keys if guess_group_type(self.needs[k].name) is None]
        if not unknown:
            self._plan_all(keys, "class")
            return
        names = ", ".join(sorted(self.needs[k].name for k in unknown))
        question = QInputDialog(self)
        question.setWindowTitle(self.tr("Create all missing groups"))
        question.setLabelText(self.tr("Which type do these groups get?\n%1").replace("%1", names))
        labels = [texts.group_type_label(kind.value) for kind in IMPORTABLE_GROUP_TYPES]
        question.setComboBoxItems(labels)
        question.setTextValue(texts.group_type_label("team"))
        question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(label: str) -> None:
            kind = IMPORTABLE_GROUP_TYPES[labels.index(label)].value
            self._plan_all(keys, kind)

        question.textValueSelected.connect(chosen)
        self.type_question = question
        question.open()

    def _plan_all(self, keys: list[str], other: str) -> None:
        creations = self.session.options.group_creations
        for key in keys:
            creations[key] = (guess_group_type(self.needs[key].name) or other, False)
        self._refresh()

    def _planned(self, key: str, dialog: CreateGroupDialog) -> None:
        self.session.options.group_creations[key] = (dialog.group_type(), dialog.permanent())
        self._refresh()

    def _ignore_toggled(self, checked: bool) -> None:
        self.session.options.ignore_unassigned_groups = checked
        self._refresh()

    # -- showing the state -------------------------------------------------------------
    def status(self, key: str) -> str:
        """ok | planned | ignored | missing"""
        opts = self.session.options
        if key in opts.group_overrides or self.needs[key].group_id is not None:
            return "ok"
        if key in opts.group_creations:
            return "planned"
        return "ignored" if opts.ignore_unassigned_groups else "missing"

    def _refresh(self) -> None:
        counts = {"ok": 0, "planned": 0, "ignored": 0, "missing": 0}
        for key in self.needs:
            state = self.status(key)
            counts[state] += 1
            self.status_labels[key].setText(self._status_text(key, state))
            self.icon_labels[key].setPixmap(self._icon(state))
            matched = self.needs[key].group_id is not None
            overridden = key in self.session.options.group_overrides
            self.create_buttons[key].setVisible(not matched and not overridden)
            self.create_buttons[key].setText(
                self.tr("Change…") if state == "planned" else self.tr("Create…")
            )
        self.summary_label.setText(self._summary(counts))
        self.create_all_button.setVisible(bool(counts["missing"] or counts["ignored"]))
        self.completeChanged.emit()

    def _status_text(self, key: str, state: str) -> str:
        if state == "ok":
            if key in self.session.options.group_overrides:
                return self.tr("mapped by hand")
            return self.tr("exists")
        if state == "planned":
            kind, permanent = self.session.options.group_creations[key]
            validity = self.tr("permanent") if permanent else self.session.options.year
            return (
                self.tr("will be created (%1, %2)")
                .replace("%1", texts.group_type_label(kind))
                .replace("%2", validity)
            )
        return self.tr("ignored") if state == "ignored" else self.tr("missing")

    def _icon(self, state: str) -> QPixmap:
        icons = {
            "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
            "planned": QStyle.StandardPixmap.SP_FileDialogNewFolder,
            "ignored": QStyle.StandardPixmap.SP_DialogDiscardButton,
            "missing": QStyle.StandardPixmap.SP_MessageBoxWarning,
        }
        return self.style().standardIcon(icons[state]).pixmap(QSize(18, 18))

    def _summary(self, counts: dict[str, int]) -> str:
        if not self.needs:
            return self.tr("The file names no groups.")
        total = len(self.needs)
        parts = [counted(self.tr("%n groups in the file:", "", total), total)]
        words = (
            (counts["ok"], self.tr("%n found", "", counts["ok"])),
            (counts["planned"], self.tr("%n will be created", "", counts["planned"])),
            (counts["missing"], self.tr("%n missing", "", counts["missing"])),
            (counts["ignored"], self.tr("%n ignored", "", counts["ignored"])),
        )
        return parts[0] + " " + ", ".join(counted(t, n) for n, t in words if n) + "."

    def isComplete(self) -> bool:  # noqa: N802
        return all(self.status(key) != "missing" for key in self.needs)
