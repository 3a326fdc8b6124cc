"""Step 5: the account type of this run and the import options (SPEC §2.5, §2.7)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.session import ImportSession
from app.models import AccountTypeCode
from app.wizard import texts
from app.wizard.pages.base import ImportPage


class OptionsPage(ImportPage):
    def __init__(self, session: ImportSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setTitle(self.tr("Account type and options"))
        self.setSubTitle(self.tr("Every row of this file becomes an account of one type."))
        self.type_buttons: dict[str, QRadioButton] = {}
        self.type_group = QButtonGroup(self)
        type_box = QGroupBox(self.tr("Account type"))
        type_row = QHBoxLayout(type_box)
        for code in AccountTypeCode:
            button = QRadioButton(texts.account_type_label(code.value))
            self.type_buttons[code.value] = button
            self.type_group.addButton(button)
            type_row.addWidget(button)
            button.toggled.connect(lambda on, c=code.value: self._type_toggled(c, on))
        type_row.addStretch(1)
        self.match_check = self._check(
            self.tr("Match users by their source ID"),
            "match_users",
            self.tr("Off: every row becomes a new account; an existing source ID is a conflict."),
        )
        self.expire_check = self._check(
            self.tr("Detect expired accounts"),
            "detect_expired",
            self.tr(
                "Active accounts of this type that are missing from the file are released for"
                " deletion (restorable until they are purged)."
            ),
        )
        self.password_check = self._check(
            self.tr("Generate passwords for new accounts"), "generate_passwords", ""
        )
        self.datasafe_check = self._check(
            self.tr("Generate a data-safe password for new accounts"),
            "datasafe_password",
            self.tr(
                "A second password of each new account, for its personal protected storage"
                " (the data safe). It is kept apart from the login password, so a shared or"
                " reset login password does not open the stored files; it is printed in the"
                " protocol and the letters beside the initial password."
            ),
        )
        self.datasafe_check.setToolTip(str(self.datasafe_check.property("hint")))
        options_box = QGroupBox(self.tr("Options"))
        options_layout = QVBoxLayout(options_box)
        for check in (
            self.match_check,
            self.expire_check,
            self.password_check,
            self.datasafe_check,
        ):
            options_layout.addWidget(check)
            hint = check.property("hint")
            if hint:
                label = QLabel(str(hint))
                label.setWordWrap(True)
                label.setStyleSheet("color: #666; margin-left: 24px;")
                options_layout.addWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(type_box)
        layout.addWidget(options_box)
        layout.addStretch(1)

    def _check(self, text: str, option: str, hint: str) -> QCheckBox:
        check = QCheckBox(text)
        check.setProperty("hint", hint)
        check.toggled.connect(lambda on: self._set(option, on))
        return check

    def _type_toggled(self, code: str, on: bool) -> None:
        if on:
            self.session.options.account_type = code

    def _set(self, option: str, value: object) -> None:
        setattr(self.session.options, option, value)

    def initializePage(self) -> None:  # noqa: N802
        opts = self.session.options
        self.type_buttons.get(opts.account_type, self.type_buttons["student"]).setChecked(True)
        self.match_check.setChecked(opts.match_users)
        self.expire_check.setChecked(opts.detect_expired)
        self.password_check.setChecked(opts.generate_passwords)
        self.datasafe_check.setChecked(opts.datasafe_password)
