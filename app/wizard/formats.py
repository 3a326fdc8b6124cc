"""Numbers, days and counts as the interface language writes them.

German: 12.345 (four-digit numbers without a separator, as German writing has it, the
same as the engine's German reasons), days as 31.01.2014; English: 12,345 and ISO days.
Counted texts are Qt numerus translations (``tr("%n rows", "", n)``: "1 Zeile",
"2 Zeilen"); :func:`counted` puts the separators into the number Qt wrote.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from app.wizard import texts


def number(value: int) -> str:
    if texts.language() == "de":
        return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)
    return f"{value:,}"


def day(value: date | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if texts.language() == "de" else value.isoformat()


def counted(text: str, count: int) -> str:
    """A numerus translation whose ``%n`` Qt filled in, with the separators added."""
    plain, written = str(count), number(count)
    return text if plain == written else text.replace(plain, written, 1)


def source_label(code: str) -> str:
    labels = {
        "table": QCoreApplication.translate("Texts", "table import"),
        "manual": QCoreApplication.translate("Texts", "created by hand"),
    }
    return labels.get(code, code)


def moment(value: datetime | None) -> str:
    """A UTC timestamp of the database in the computer's time zone, to the minute."""
    if value is None:
        return ""
    local = value.replace(tzinfo=UTC).astimezone()
    return local.strftime("%d.%m.%Y %H:%M" if texts.language() == "de" else "%Y-%m-%d %H:%M")
