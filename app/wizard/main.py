"""The ``schoolimport-gui`` entry point: logging, language, database (``$SCHOOLIMPORT_DB``,
else the connection chosen in the dialog, else SQLite), start-up maintenance, sign-in,
first school year, main window."""

from __future__ import annotations

import logging
import multiprocessing
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import Engine

from app.db import default_url, open_database, session_scope
from app.dbfailures import open_failure
from app.engine.access.operators import Actor, local_actor, sign_in_required
from app.logs import setup_logging
from app.wizard import texts
from app.wizard.connectiondialog import configured_url
from app.wizard.firstyear import FirstYearDialog, has_school_year
from app.wizard.i18n import app_settings, chosen_language, install_language
from app.wizard.languagedialog import ask_language_once
from app.wizard.mainwindow import MainWindow
from app.wizard.signin import SignInDialog
from app.wizard.startup import start_up_maintenance

log = logging.getLogger("app.wizard")


def signed_in_actor(engine: Engine) -> Actor | None:
    """The local administrator in single-user mode, else whoever signs in (None: Cancel)."""
    with session_scope(engine) as db:
        if not sign_in_required(db):
            return local_actor(db)
    dialog = SignInDialog(engine)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def main() -> int:
    multiprocessing.freeze_support()  # the password hashing pool in frozen builds
    application = QApplication(sys.argv)
    application.setOrganizationName("schoolimport")
    application.setApplicationName("schoolimport")
    icon = Path(__file__).resolve().parents[2] / "resources" / "icons" / "schoolimport.png"
    if icon.exists():
        application.setWindowIcon(QIcon(str(icon)))
    application.setDesktopFileName("schoolimport")  # Wayland: match the .desktop entry
    setup_logging()
    settings = app_settings()
    ask_language_once(settings)
    translator = install_language(application, chosen_language(settings))
    url = configured_url(settings)
    try:
        engine = open_database(url)
    except Exception as error:  # a broken database path or server: say so, no traceback
        log.warning("the database cannot be opened: %s", type(error).__name__)
        why = texts.error_text(open_failure(error, url or default_url()))  # damaged, newer…
        QMessageBox.critical(
            None,
            "schoolimport",
            application.translate("main", "The database cannot be opened:\n%1").replace("%1", why),
        )
        return 2
    start_up_maintenance(engine)
    actor = signed_in_actor(engine)
    if actor is None:
        return 0
    log.info("signed in: %s (%s)", actor.name, actor.role.value)
    if not has_school_year(engine):
        dialog = FirstYearDialog(engine, actor=actor)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
    window = MainWindow(engine, settings, actor)
    window.show()
    window.offer_pending_protocols()
    code = application.exec()
    del translator
    return code


if __name__ == "__main__":
    sys.exit(main())
