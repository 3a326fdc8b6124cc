"""The dialog that plans a missing group: its type and validity (SPEC §2.4).

Nothing is written here: the choice goes into ``ImportOptions.group_creations`` and the
import's transaction creates the group, so a cancelled run leaves nothing behind.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.admin.directory import IMPORTABLE_GROUP_TYPES
from app.wizard import texts


class CreateGroupDialog(QDialog):
    def __init__(
        self,
        name: str,
        year: str,
        group_type: str = "class",
        permanent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create group"))
        self.name_edit = QLineEdit(name)
        self.name_edit.setReadOnly(True)
        self.name_edit.setToolTip(self.tr("The group gets the name the file uses."))
        self.type_combo = QComboBox()
        for kind in IMPORTABLE_GROUP_TYPES:
            self.type_combo.addItem(texts.group_type_label(kind.value), kind.value)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(group_type)))
        self.year_radio = QRadioButton(self.tr("Only in the school year %1").replace("%1", year))
        self.permanent_radio = QRadioButton(self.tr("Permanent (every school year)"))
        validity = QButtonGroup(self)
        validity.addButton(self.year_radio)
        validity.addButton(self.permanent_radio)
        (self.permanent_radio if permanent else self.year_radio).setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Type:"), self.type_combo)
        form.addRow(self.tr("Valid:"), self.year_radio)
        form.addRow("", self.permanent_radio)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def group_type(self) -> str:
        return str(self.type_combo.currentData())

    def permanent(self) -> bool:
        return self.permanent_radio.isChecked()
