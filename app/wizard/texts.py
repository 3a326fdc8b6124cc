"""Words for the engine's codes: actions, fields, resolutions, phases, statuses, and
the engine's :class:`~app.engine.reasons.Message` templates in German.

Labels go through ``QCoreApplication.translate("Texts", ...)`` so ``lupdate`` finds
them. Engine reasons keep one German template table here, one per reason (the engine's
English wording is the source; a test keeps the table complete and its placeholders
equal to the English ones). A refused file's detail is a message of its own, worded
the same way; a few free-text details (the operating system's or a parser's own
error) stay as they come.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.engine import german
from app.engine.planning.results import Phase, Resolution, RowAction
from app.engine.reasons import Message, Reason

_language = "en"


def set_language(language: str) -> None:
    """The interface language, "de" or "en" (set once by :mod:`app.wizard.i18n`)."""
    global _language
    _language = language if language in ("de", "en") else "en"


def language() -> str:
    return _language


def action_label(action: RowAction) -> str:
    labels = {
        RowAction.CREATE: QCoreApplication.translate("Texts", "create"),
        RowAction.UPDATE: QCoreApplication.translate("Texts", "update"),
        RowAction.UNCHANGED: QCoreApplication.translate("Texts", "unchanged"),
        RowAction.EXPIRE: QCoreApplication.translate("Texts", "expire"),
        RowAction.REACTIVATE: QCoreApplication.translate("Texts", "reactivate"),
        RowAction.CONFLICT: QCoreApplication.translate("Texts", "conflict"),
        RowAction.INVALID: QCoreApplication.translate("Texts", "invalid"),
        RowAction.OTHER_TYPE: QCoreApplication.translate("Texts", "other account type"),
    }
    return labels[action]


def resolution_label(resolution: Resolution) -> str:
    labels = {
        Resolution.SKIP: QCoreApplication.translate("Texts", "Skip"),
        Resolution.KEEP: QCoreApplication.translate("Texts", "Keep this row"),
        Resolution.GENERATE_LOGIN: QCoreApplication.translate("Texts", "Use a generated login"),
        Resolution.LINK: QCoreApplication.translate("Texts", "Link to existing user"),
        Resolution.CREATE_NEW: QCoreApplication.translate("Texts", "Create new account"),
        Resolution.UPDATE: QCoreApplication.translate("Texts", "Update existing user"),
    }
    return labels[resolution]


def field_label(name: str) -> str:
    labels = {
        "source_id": QCoreApplication.translate("Texts", "Source ID"),
        "last_name": QCoreApplication.translate("Texts", "Last name"),
        "first_name": QCoreApplication.translate("Texts", "First name"),
        "groups": QCoreApplication.translate("Texts", "Groups"),
        "birth_date": QCoreApplication.translate("Texts", "Birth date"),
        "email": QCoreApplication.translate("Texts", "E-mail"),
        "login": QCoreApplication.translate("Texts", "Login"),
        "account_type": QCoreApplication.translate("Texts", "Account type"),
        "source": QCoreApplication.translate("Texts", "Source"),
    }
    return labels.get(name, name)


def account_type_label(code: str) -> str:
    labels = {
        "student": QCoreApplication.translate("Texts", "Student"),
        "teacher": QCoreApplication.translate("Texts", "Teacher"),
        "staff": QCoreApplication.translate("Texts", "Staff"),
    }
    return labels.get(code, code)


def status_label(code: str) -> str:
    labels = {
        "active": QCoreApplication.translate("Texts", "active"),
        "marked_for_deletion": QCoreApplication.translate("Texts", "marked for deletion"),
        "deactivated": QCoreApplication.translate("Texts", "deactivated"),
        "deleted": QCoreApplication.translate("Texts", "deleted"),
    }
    return labels.get(code, code)


def group_type_label(code: str) -> str:
    labels = {
        "class": QCoreApplication.translate("Texts", "class"),
        "course": QCoreApplication.translate("Texts", "course"),
        "team": QCoreApplication.translate("Texts", "team"),
        "manual": QCoreApplication.translate("Texts", "manual"),
        "system": QCoreApplication.translate("Texts", "system"),
    }
    return labels.get(code, code)


def phase_label(phase: str) -> str:
    labels = {
        Phase.HASHING.value: QCoreApplication.translate("Texts", "Generating passwords"),
        Phase.CHECKING.value: QCoreApplication.translate("Texts", "Checking the database"),
        Phase.WRITING.value: QCoreApplication.translate("Texts", "Writing users"),
        Phase.DONE.value: QCoreApplication.translate("Texts", "Done"),
    }
    return labels.get(phase, phase)


# Reasons whose ``status`` is a code: a user's, or an import run's.
_STATUS_WORDS: dict[Reason, Callable[[str], str]] = {
    Reason.NOT_RESTORABLE: lambda code: status_label(code),
    Reason.UNDO_STATUS: lambda code: run_status_label(code),
    Reason.UNDO_NOT_LAST: lambda code: run_status_label(code),
}


def reason_text(message: Message) -> str:
    """The message in the interface language."""
    if _language != "de":
        return message.text()
    word = _STATUS_WORDS.get(message.reason)
    return german.reason_text(message, word)


def error_text(error: Exception) -> str:
    """An engine refusal as one line: the file (if any) and the localized reason."""
    message = getattr(error, "message", None)
    if isinstance(message, Message):
        body = reason_text(message)
        file = getattr(error, "file", None)
        return f"{file}: {body}" if file else body
    return str(error)


def run_status_label(code: str) -> str:
    labels = {
        "running": QCoreApplication.translate("Texts", "running"),
        "completed": QCoreApplication.translate("Texts", "completed"),
        "completed_with_errors": QCoreApplication.translate("Texts", "completed with errors"),
        "failed": QCoreApplication.translate("Texts", "failed"),
        "cancelled": QCoreApplication.translate("Texts", "cancelled"),
        "archived": QCoreApplication.translate("Texts", "archived"),
        "undone": QCoreApplication.translate("Texts", "undone"),
    }
    return labels.get(code, code)


def role_label(code: str) -> str:
    labels = {
        "administrator": QCoreApplication.translate("Texts", "Administrator"),
        "import_operator": QCoreApplication.translate("Texts", "Import operator"),
    }
    return labels.get(code, code)


def import_kind_label(code: str) -> str:
    labels = {
        "users": QCoreApplication.translate("Texts", "users"),
        "groups": QCoreApplication.translate("Texts", "groups"),
    }
    return labels.get(code, code)


def sync_state_label(code: str) -> str:
    """Whether a user's LDAP entry is in step with the directory (issue 18)."""
    labels = {
        "synced": QCoreApplication.translate("Texts", "synced"),
        "pending": QCoreApplication.translate("Texts", "pending"),
        "new": QCoreApplication.translate("Texts", "not yet on the server"),
    }
    return labels.get(code, code)
