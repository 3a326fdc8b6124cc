"""The ``schoolimport-gui`` entry point: application, language, database, first start."""

from __future__ import annotations

import multiprocessing
import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.db import open_database
from app.wizard.firstyear import FirstYearDialog, has_school_year
from app.wizard.i18n import app_settings, chosen_language, install_language
from app.wizard.mainwindow import MainWindow


def main() -> int:
    multiprocessing.freeze_support()  # the password hashing pool in frozen builds
    application = QApplication(sys.argv)
    application.setOrganizationName("schoolimport")
    application.setApplicationName("schoolimport")
    settings = app_settings()
    translator = install_language(application, chosen_language(settings))
    try:
        engine = open_database()  # honours $SCHOOLIMPORT_DB
    except Exception as error:  # a broken database path or server: say so, no traceback
        QMessageBox.critical(
            None,
            "schoolimport",
            application.translate("main", "The database cannot be opened:\n%1").replace(
                "%1", str(error)
            ),
        )
        return 2
    if not has_school_year(engine):
        dialog = FirstYearDialog(engine)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
    window = MainWindow(engine, settings)
    window.show()
    code = application.exec()
    del translator
    return code


if __name__ == "__main__":
    sys.exit(main())
