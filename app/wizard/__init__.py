"""The desktop front end (PySide6): main window, import wizard and their table models.

Everything here is a thin layer over :mod:`app.engine`; no import logic lives in widgets.
"""
