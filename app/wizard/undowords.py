"""The undo preview in sentences: what happens to each user, with German words and
days ("wird wieder aktiv; war zur Löschung vorgemerkt seit 06.12.2026"), never the
engine's field names and values (``status active → marked_for_deletion``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.engine.admin.undo import UserRestore
from app.engine.planning.results import FieldChange
from app.models import UserStatus
from app.wizard import texts
from app.wizard.formats import day, moment, source_label

# The grace-period columns go with the status sentence, not on their own.
_WITH_STATUS = ("status", "marked_at", "deactivate_on", "purge_on")


def _tr(text: str) -> str:
    return QCoreApplication.translate("UndoDialog", text)


def value_text(name: str, value: Any) -> str:
    if value is None or value == "":
        return _tr("(empty)")
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return day(value)
    if name == "status":
        return texts.status_label(str(value))
    if name == "source":
        return source_label(str(value))
    return str(value)


def _field_name(name: str) -> str:
    names = {"school_id": _tr("school")}
    return names.get(name, texts.field_label(name))


def restore_sentence(entry: UserRestore) -> str:
    """One user's way back, as a sentence."""
    changes = {change.field: change for change in entry.changes}
    parts: list[str] = []
    status = changes.get("status")
    if status is not None:
        parts.append(_status_part(status, changes))
    for change in entry.changes:
        if change.field in _WITH_STATUS and status is not None:
            continue
        text = _tr("%1 back to “%2” (now “%3”)").replace("%1", _field_name(change.field))
        text = text.replace("%2", value_text(change.field, change.new))
        parts.append(text.replace("%3", value_text(change.field, change.old)))
    return f"{entry.login}: " + "; ".join(parts)


def _status_part(status: FieldChange, changes: dict[str, FieldChange]) -> str:
    def then(name: str) -> str:
        change = changes.get(name)
        return value_text(name, change.new) if change is not None else ""

    def before(name: str) -> str:
        change = changes.get(name)
        return value_text(name, change.old) if change is not None else ""

    if status.new == UserStatus.ACTIVE.value:
        text = _tr("becomes active again")
        if before("marked_at") and status.old == UserStatus.MARKED_FOR_DELETION.value:
            text += _tr("; was marked for deletion since %1").replace("%1", before("marked_at"))
        elif before("marked_at"):
            text += (
                _tr("; was %1 (marked for deletion since %2)")
                .replace("%1", value_text("status", status.old))
                .replace("%2", before("marked_at"))
            )
        return text
    if status.new == UserStatus.MARKED_FOR_DELETION.value:
        text = _tr("is marked for deletion again")
        if then("marked_at"):
            text += _tr(" (as since %1)").replace("%1", then("marked_at"))
        if then("deactivate_on"):
            text += _tr("; to be deactivated on %1").replace("%1", then("deactivate_on"))
        return text
    text = _tr("status back to “%1” (now “%2”)").replace("%1", value_text("status", status.new))
    return text.replace("%2", value_text("status", status.old))
