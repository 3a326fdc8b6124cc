"""The LDAP settings dialog, "Jetzt abgleichen" in the users tab and the run page's sync
after an import — real widgets, a real slapd, German, rendered to PNG."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.ldapsync import config as ldap_config
from app.models import Setting, User, utcnow
from app.wizard import texts
from app.wizard.i18n import install_language
from app.wizard.ldapdialog import LdapDialog
from app.wizard.mainwindow import MainWindow
from app.wizard.views import fitting
from tests.slapd import ROOT_DN, ROOT_PW, Slapd
from tests.wizard.driver import run_import, shown_wizard, to_preview

pytestmark = pytest.mark.gui
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return DOCS if os.environ.get("SCHOOLIMPORT_SCREENSHOTS") == "1" else tmp_path


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = install_language(qapp, "de")
    texts.set_language("de")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    texts.set_language("en")


def test_settings_dialog_tests_the_connection_and_keeps_the_password_in_the_keyring(
    qtbot: QtBot, engine: Engine, slapd: Slapd, ldap_base: str, memory_keyring, german, shots
):
    dialog = LdapDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(slapd.url)
    dialog.base_edit.setText(ldap_base)
    dialog.bind_edit.setText(ROOT_DN)
    dialog.password_edit.setText("falsch")
    with qtbot.waitSignal(dialog.test_ended, timeout=20000):
        dialog.test_button.click()
    assert "abgelehnt" in dialog.error.text() and "falsch" not in dialog.error.text()

    dialog.password_edit.setText(ROOT_PW)
    dialog.starttls_box.setChecked(True)
    dialog.ca_edit.setText(str(slapd.ca_file))
    with qtbot.waitSignal(dialog.test_ended, timeout=20000):
        dialog.test_button.click()
    assert "Die Verbindung funktioniert" in dialog.result_label.text()
    assert dialog.test_button.text() == "Verbindung testen"
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(shots / "ldap-einstellungen.png"))

    dialog.accept()
    with session_scope(engine) as db:
        stored = ldap_config.load(db)
    assert stored is not None and stored.starttls and stored.base_dn == ldap_base
    assert ldap_config.bind_password(stored) == ROOT_PW
    assert memory_keyring.items  # the password is in the keyring, not in the settings
    with session_scope(engine) as db:
        assert ROOT_PW not in str(db.get(Setting, ldap_config.SETTING).value)


def test_run_page_syncs_and_users_tab_syncs_now(
    qtbot: QtBot,
    engine: Engine,
    settings: QSettings,
    students_csv: Path,
    slapd: Slapd,
    ldap_base: str,
    memory_keyring,
    german,
    shots,
):
    config = ldap_config.LdapConfig(url=slapd.url, base_dn=ldap_base, bind_dn=ROOT_DN)
    with session_scope(engine) as db:
        ldap_config.save(db, config)
    assert ldap_config.store_password(config, ROOT_PW)

    wizard = shown_wizard(qtbot, engine)
    to_preview(qtbot, wizard, students_csv, create={"5b": "class"})
    panel = wizard.run_page.ldap_panel
    with qtbot.waitSignal(panel.synced, timeout=30000) as synced:
        assert run_import(qtbot, wizard) == "finished"
    assert synced.args is not None and synced.args[0].counts["users_added"] == 4
    qtbot.waitUntil(lambda: not panel.is_running())
    assert "Benutzer angelegt 4" in panel.label.text()
    assert wizard.run_page.grab().save(str(shots / "ldap-nach-import.png"))
    wizard.close()
    assert slapd.exists(f"uid=joerg.mueller,ou=schueler,ou=Meine Schule,{ldap_base}")

    window = MainWindow(engine, settings)
    qtbot.addWidget(window)
    window.show()
    model = window.users_model
    column = model.headers().index("LDAP")
    states = {model.index(r, column).data() for r in range(model.rowCount())}
    assert states == {"abgeglichen"}
    with session_scope(engine) as db:  # a change in the directory is pending until synced
        user = db.query(User).filter_by(login="joerg.mueller").one()
        user.last_name, user.updated_at = "Müller-Lang", utcnow()
    window.refresh()
    states = [model.index(r, column).data() for r in range(model.rowCount())]
    assert sorted(states) == ["abgeglichen"] * 3 + ["ausstehend"]
    with qtbot.waitSignal(window.ldap_panel.synced, timeout=30000) as synced:
        window.ldap_panel.button.click()
    assert synced.args is not None and synced.args[0].counts["users_modified"] == 1
    qtbot.waitUntil(lambda: not window.ldap_panel.is_running())
    assert "geändert 1" in window.ldap_panel.label.text()
    states = {model.index(r, column).data() for r in range(model.rowCount())}
    assert states == {"abgeglichen"}
    qtbot.waitUntil(lambda: not fitting(window))  # columns are fitted between events
    assert window.grab().save(str(shots / "ldap-benutzer.png"))


def test_settings_dialog_turns_on_linux_sign_in(
    qtbot: QtBot, engine: Engine, slapd: Slapd, ldap_base: str, memory_keyring, german, shots
):
    """The box "Linux-Anmeldung (posixAccount)" enables the numbers, home and shell;
    a bad template is refused in German and nothing is stored; the schools limited by
    ``ldap set --school`` stay as they were."""
    with session_scope(engine) as db:
        ldap_config.save(
            db,
            ldap_config.LdapConfig(
                url=slapd.url, base_dn=ldap_base, bind_dn=ROOT_DN, schools=["Meine Schule"]
            ),
        )
    dialog = LdapDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.posix_box.text() == "Linux-Anmeldung (posixAccount)"
    assert not dialog.posix_box.isChecked() and not dialog.uid_spin.isEnabled()
    assert dialog.uid_spin.value() == 10000 and dialog.home_edit.text() == "/home/{login}"
    dialog.posix_box.setChecked(True)
    assert dialog.uid_spin.isEnabled() and dialog.shell_edit.isEnabled()
    dialog.uid_spin.setValue(20000)
    dialog.gid_spins["teacher"].setValue(5002)
    dialog.home_edit.setText("/home/schule/{login}")
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(shots / "ldap-einstellungen-linux.png"))
    # Nothing of the dialog is cut off: every label and field at least as wide as it
    # needs to be, and the dialog as tall as its contents must be.
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap():
            assert label.width() >= label.sizeHint().width(), label.text()
    for spin in dialog.findChildren(QSpinBox):
        assert spin.width() >= spin.minimumSizeHint().width()

    dialog.home_edit.setText("/home/{benutzer}")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("die LDAP-Einstellung ist nicht verwendbar: ")
    assert "das Home-Verzeichnis /home/{benutzer}" in dialog.error.text()
    assert dialog.height() >= dialog.minimumSizeHint().height()
    with session_scope(engine) as db:
        assert not ldap_config.require(db).posix

    dialog.home_edit.setText("/home/schule/{login}")
    dialog.accept()
    assert not dialog.isVisible()
    with session_scope(engine) as db:
        stored = ldap_config.require(db)
    assert stored.posix and stored.uid_start == 20000
    assert stored.gid_numbers == {"student": 9001, "teacher": 5002, "staff": 9003}
    assert (stored.home_template, stored.login_shell) == ("/home/schule/{login}", "/bin/bash")
    assert stored.schools == ["Meine Schule"]

    reopened = LdapDialog(engine)
    qtbot.addWidget(reopened)
    assert reopened.posix_box.isChecked() and reopened.uid_spin.value() == 20000
