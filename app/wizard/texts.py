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

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.engine.reasons import TEMPLATE_ERRORS, Message, Reason, describe, wording
from app.engine.results import Phase, Resolution, RowAction

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


# German wording of the engine's reasons; the keys of the parameters are the engine's.
_GERMAN: dict[Reason, str] = {
    Reason.MISSING_REQUIRED: "{field} fehlt",
    Reason.INVALID_DATE: "{field} '{value}' ist kein Datum",
    Reason.INVALID_EMAIL: "E-Mail '{value}' ist keine Adresse",
    Reason.TOO_LONG: "{field} ist länger als {limit} Zeichen",
    Reason.CONTROL_CHARACTERS: "{field} enthält Steuerzeichen",
    Reason.INVALID_LOGIN: "Benutzername '{value}' darf nur a-z, 0-9, '.' und '-' enthalten",
    Reason.DUPLICATE_SOURCE_ID: "Quell-ID {source_id} kommt mehrfach in der Datei vor",
    Reason.OTHER_ACCOUNT_TYPE: "Quell-ID {source_id} gehört zu einem Konto vom Typ {account_type}",
    Reason.LOGIN_TAKEN: "Benutzername '{login}' gehört einer anderen Person",
    Reason.LOGIN_RESERVED: "Benutzername '{login}' ist reserviert",
    Reason.POSSIBLE_DUPLICATE: "sieht aus wie der vorhandene Benutzer {login} der Quelle {source}",
    Reason.SOURCE_ID_EXISTS: "Quell-ID {source_id} gibt es schon (Benutzer {login})",
    Reason.UNTICKED: "in der Vorschau abgewählt",
    Reason.CONFLICT_SKIPPED: "übersprungen: {conflict}",
    Reason.CONFLICT_UNRESOLVED: "Konflikt nicht gelöst: {conflict}",
    Reason.GROUP_IGNORED: "Gruppe '{group}' gibt es nicht; sie wurde ignoriert",
    Reason.FILE_NOT_FOUND: "die Datei gibt es nicht",
    Reason.FILE_EMPTY: "die Datei ist leer",
    Reason.FILE_UNREADABLE: "die Datei kann nicht gelesen werden: {detail}",
    Reason.ENCODING: "die Datei ist nicht als {encoding} lesbar: {detail}",
    Reason.SHEET_NOT_FOUND: "die Arbeitsmappe hat kein Blatt '{sheet}' (Blätter: {sheets})",
    Reason.NO_DATA_ROWS: "die Datei enthält keine Datenzeilen",
    Reason.STALE_PLAN: "die Datenbank wurde seit der Vorschau geändert; bitte erneut prüfen",
    Reason.CANCELLED: "der Import wurde abgebrochen; es wurde nichts geändert",
    Reason.PASSWORD_TOO_SHORT: "das Passwort braucht mindestens {limit} Zeichen",
    Reason.PASSWORD_MISMATCH: "die beiden Passwörter sind verschieden",
    Reason.YEAR_EXISTS: "das Schuljahr '{year}' gibt es schon",
    Reason.GROUP_EXISTS: "die Gruppe '{group}' gibt es in {year} schon",
    Reason.USER_NOT_FOUND: "es gibt keinen Benutzer mit dem Benutzernamen '{login}'",
    Reason.NOT_ALLOWED: "{operator} darf nicht: {action}",
    Reason.IMPORT_RUNNING: "ein Import von {holder} läuft seit {since} Uhr",
    Reason.SIGN_IN_FAILED: "Bearbeitername oder Passwort ist falsch",
    Reason.OPERATOR_EXISTS: "den Bearbeiter '{name}' gibt es schon",
    Reason.SCHOOL_NOT_FOUND: "es gibt keine Schule '{school}'",
    Reason.ACCOUNT_TYPE_UNKNOWN: "'{value}' ist keine Kontoart (student, teacher, staff)",
    Reason.DATABASE: "die Datenbank hat die Änderung abgelehnt: {detail}",
    Reason.DUPLICATE_HEADER: (
        "die Spalte '{header}' kommt zweimal vor, und beide sind {field} zugeordnet"
    ),
    Reason.FILE_FORMAT: "das ist keine {expected}-Datei: {detail}",
    Reason.FILE_TOO_LARGE: "die Datei ist zu groß ({detail})",
    Reason.GROUP_NOT_FOUND: "es gibt keine Gruppe '{group}' in {year}",
    Reason.INVALID_VALUE: "{detail}",
    Reason.MASS_EXPIRY: (
        "der Import würde {count} von {active} aktiven Konten zum Löschen freigeben; "
        "bitte bestätigen, dass die Datei vollständig ist"
    ),
    Reason.MISSING_GROUPS: (
        "diese Gruppen gibt es in {year} nicht: {groups} – bitte anlegen oder nicht "
        "zugeordnete Gruppen ignorieren"
    ),
    Reason.OUT_OF_SCOPE: "der Benutzer {login} gehört zu {school}, also nicht zu Ihren Schulen",
    Reason.REQUIRED_COLUMN_MISSING: "keine Spalte ist zugeordnet für: {fields}",
    Reason.RESERVED_ACCOUNT: "das Konto {login} ist reserviert und wird von keinem Import geändert",
    Reason.SIGN_IN_REQUIRED: "eine Anmeldung ist nötig: --operator NAME angeben",
    Reason.UNKNOWN_FIELD: "'{value}' ist kein Feld (Felder: {fields})",
    Reason.UNKNOWN_HEADER: "die Datei hat keine Spalte '{header}' (Spalten: {headers})",
    Reason.YEAR_NOT_FOUND: "es gibt kein Schuljahr '{year}'",
    Reason.OUT_OF_MEMORY: "der Arbeitsspeicher reicht nicht, um sie zu lesen",
    Reason.NOT_A_WORKBOOK: "der Inhalt ist keine Arbeitsmappe (beschädigt oder umbenannt?)",
    Reason.NEITHER_XLS_NOR_TEXT: "der Inhalt ist weder eine Excel-97-2003-Arbeitsmappe noch Text",
    Reason.A_FOLDER: "es ist ein Ordner",
    Reason.SIZE_LIMIT: "{size} MB; die Grenze ist {limit} MB",
    Reason.UNPACKED_LIMIT: "{size} MB entpackt; die Grenze ist {limit} MB",
    Reason.ZIP_BOMB: "{member} wird beim Entpacken {ratio}-mal größer, wie eine ZIP-Bombe",
    Reason.ZIP_WITHOUT_WORKBOOK: "ein ZIP-Archiv ohne Arbeitsmappe darin",
    Reason.WORKBOOK_DAMAGED: "die {kind}-Arbeitsmappe ist beschädigt oder unvollständig ({error})",
    Reason.PASSWORD_PROTECTED: (
        "die Arbeitsmappe ist mit einem Passwort geschützt; bitte ohne Passwort speichern"
    ),
    Reason.GRID_LIMIT: (
        "bis zu {rows} Zeilen × {columns} Spalten = {cells} Zellen; die Grenze ist {limit} Zellen"
    ),
    Reason.CELL_LIMIT: "bis zu {cells} Zellen; die Grenze ist {limit} Zellen",
    Reason.NUL_BYTES: "sie enthält NUL-Bytes (eine Binärdatei, oder UTF-16 ohne Byte-Order-Mark?)",
    Reason.ENCODING_UNKNOWN: "diese Kodierung ist unbekannt",
    Reason.INVALID_BYTE: "Byte 0x{byte} in Zeile {line} ist ungültig",
    Reason.MIXED_ENCODINGS: (
        "Zeile {utf8_line} ist UTF-8, Zeile {other_line} aber nicht; die Zeilen haben "
        "verschiedene Kodierungen – bitte die Datei mit einer Kodierung (UTF-8) neu speichern"
    ),
    Reason.CSV_LINE: "Zeile {line}: {error}",
    Reason.CELL_TOO_LONG: "Zeile {line}: eine Zelle hat mehr als {limit} Zeichen",
    Reason.NOT_ONE_CHARACTER: "das Trennzeichen '{value}' ist nicht genau ein Zeichen",
    Reason.SCHOOL_NAME_LENGTH: "ein Schulname hat 1 bis 200 Zeichen",
    Reason.SCHOOL_EXISTS: "die Schule '{school}' gibt es schon",
    Reason.YEAR_NAME_MISSING: "ein Schuljahr braucht einen Namen",
    Reason.YEAR_DAYS: "der letzte Tag muss nach dem ersten liegen",
    Reason.GROUP_TYPE_UNKNOWN: "'{value}' ist keine Gruppenart (class, course, team, manual)",
    Reason.GROUP_NAME_LENGTH: "ein Gruppenname hat 1 bis 100 Zeichen",
    Reason.DOWNLOAD_SUFFIX: "{name}: bitte einen Dateinamen wählen, der auf .xlsx oder .csv endet",
    Reason.RUN_NOT_FOUND: "es gibt keinen Importlauf {run}",
    Reason.RUN_ARCHIVED: (
        "Lauf {run} wurde archiviert; seine Zeilen sind gelöscht und lassen sich nicht mehr "
        "herunterladen"
    ),
    Reason.RUN_ARCHIVED_ON: (
        "Lauf {run} wurde am {day} archiviert; seine Zeilen sind gelöscht und lassen sich "
        "nicht mehr herunterladen"
    ),
    Reason.RUN_STILL_RUNNING: (
        "Lauf {run} läuft noch; seine Zeilen lassen sich herunterladen, sobald er fertig ist"
    ),
    Reason.ARCHIVE_AGE_NEGATIVE: "das Alter fürs Archivieren kann nicht negativ sein",
    Reason.OPERATOR_NAME_MISSING: "ein Bearbeiter braucht einen Namen",
    Reason.IMPORT_KIND_UNKNOWN: "unbekannte Importart: {kinds}",
    Reason.OPERATOR_NOT_FOUND: "es gibt keinen Bearbeiter '{name}'",
    Reason.NOT_RESTORABLE: (
        "der Benutzer {login} ist {status}; nur vorgemerkte oder deaktivierte Benutzer werden "
        "wiederhergestellt"
    ),
    Reason.TOLERANCE_RANGE: (
        "die Kulanzfrist muss zwischen 0 und {limit} Tagen liegen, nicht {days}"
    ),
    Reason.DELETION_RANGE: "die Löschfrist muss zwischen 0 und {limit} Tagen liegen, nicht {days}",
    Reason.NO_NEW_ACCOUNTS: "es gibt keine neuen Konten, für die Briefe zu schreiben wären",
    Reason.PROTOCOL_SUFFIX: (
        "ein Protokoll wird als .xlsx gespeichert oder als .zip mit einer CSV-Datei darin"
    ),
    Reason.SCHEME_SYNTAX: "Schema der Benutzernamen: {error}",
    Reason.SCHEME_FIELD: (
        "Schema der Benutzernamen: '{{{name}}}' ist nicht erlaubt; möglich sind {{firstname}}, "
        "{{lastname}}, {{source_id}}, auch gekürzt wie {{firstname:.1}}"
    ),
    Reason.NOT_UNDOABLE: "Lauf {run} kann nicht rückgängig gemacht werden: {why}",
    Reason.USER_RUN_NOT_FOUND: "es gibt keinen Benutzer-Importlauf {run}",
    Reason.UNDO_BLOCKED: "diese Einträge wurden seitdem geändert: {records}",
    Reason.UNDO_DATABASE: "die Datenbank hat es abgelehnt ({error})",
    Reason.ACTION_IMPORT_USERS: "Benutzer importieren",
    Reason.ACTION_IMPORT_GROUPS: "Gruppen importieren",
    Reason.ACTION_IMPORT_HERE: "in diese Schule importieren",
    Reason.ACTION_PURGE: "Benutzer endgültig löschen",
    Reason.ACTION_GRACE_PERIODS: "die Fristen ändern",
    Reason.ACTION_OPERATORS: "Bearbeiter verwalten",
    Reason.ACTION_PASSWORD: "das Passwort eines anderen Bearbeiters setzen",
    Reason.ACTION_LDAP: "den LDAP-Server einrichten, abgleichen oder ansehen",
    Reason.ACTION_SCHOOLS: "Schulen verwalten",
    Reason.ACTION_YEARS: "Schuljahre anlegen",
    Reason.ACTION_LETTERS_TEXT: "den Text der Anmeldebriefe ändern",
    Reason.ADMIN_PASSWORD_FIRST: (
        "der Administrator {name} hat noch kein Passwort, und ohne eines könnte sich "
        "niemand mehr als Administrator anmelden, sobald die Anmeldung gilt: zuerst sein "
        "Passwort setzen"
    ),
    Reason.DATABASE_UNREACHABLE: "die Datenbank {db} lässt sich nicht öffnen: {detail}",
    Reason.DATABASE_NEWER: (
        "die Datenbank {db} wurde von einer neueren Version von schoolimport erweitert "
        "(Schema {revision}); sie braucht schoolimport {version} oder neuer"
    ),
    Reason.DATABASE_NEWER_UNKNOWN: (
        "die Datenbank {db} wurde von einer neueren Version von schoolimport erweitert "
        "(Schema {revision}); sie braucht eine neuere Version als {ours}"
    ),
    Reason.DATABASE_DAMAGED: (
        "die Datenbankdatei {db} ist beschädigt ({detail}); die letzte Sicherung "
        "zurückspielen oder retten, was noch da ist: sqlite3 {db} .recover | sqlite3 "
        "gerettet.db"
    ),
    Reason.NO_KEYRING: (
        "es gibt keinen Schlüsselbund des Systems ({detail}); das Passwort in die "
        "Passwortdatei von PostgreSQL (~/.pgpass) oder in die URL von $SCHOOLIMPORT_DB "
        "schreiben"
    ),
    Reason.INTERRUPTED: "abgebrochen; nichts wurde geändert",
    Reason.OUTPUT_CLOSED: "die Ausgabe wurde geschlossen, bevor alles geschrieben war",
    Reason.HEADER_ROW_MISSING: (
        "die erste Zeile ist keine Kopfzeile (keine ihrer Zellen nennt eine Spalte wie "
        "{columns}); eine Kopfzeile ist nötig"
    ),
    Reason.DISABLED_FLAG: "deaktiviert '{value}' ist weder wahr noch falsch (1/0, true/false)",
    Reason.ADMIN_FLAG: (
        "Mitglied ist Administrator '{value}' ist weder wahr noch falsch (1/0, true/false)"
    ),
    Reason.MEMBER_TYPE_UNSUPPORTED: (
        "der Mitgliedstyp '{value}' wird nicht unterstützt (nur 'user')"
    ),
    Reason.GROUP_ID_UNKNOWN: "es gibt keine Gruppe mit der ID {key}",
    Reason.GROUP_NAME_NEEDED: "eine Zeile ohne Gruppen-ID braucht einen Gruppennamen",
    Reason.NEW_GROUP_WITHOUT_NAME: (
        "die Gruppen-ID {key} ist unbekannt, und die Zeile hat keinen Gruppennamen"
    ),
    Reason.GROUP_NAME_HAS_ID: (
        "die Gruppen-ID {key} ist unbekannt, aber eine Gruppe namens '{name}' gibt es in "
        "diesem Schuljahr schon (ID {id}); bitte diese ID verwenden"
    ),
    Reason.NAME_OF_TWO_IDS: "der Gruppenname '{name}' steht bei zwei verschiedenen Gruppen-IDs",
    Reason.GROUP_FIELD_DIFFERS: "{field} weicht von Zeile {line} dieser Gruppe ab",
    Reason.GROUP_NAME_TAKEN: "eine andere Gruppe heißt schon '{name}'",
    Reason.ADMIN_TWICE: "{login} steht zweimal da, mit verschiedenen Angaben zum Administrator",
    Reason.SYSTEM_GROUP: "'{name}' ist eine Systemgruppe, die ein Import nie ändert",
    Reason.EXPORT_ENCODING: (
        "'{value}' ist keine Kodierung für den Export (utf-8, shift_jis, cp1252)"
    ),
    Reason.NOT_ENCODABLE: (
        "die Gruppe '{group}' (ID {id}) enthält '{text}', was {codec} nicht darstellen kann; "
        "bitte als UTF-8 exportieren"
    ),
    Reason.UNDONE_ALREADY: "er wurde schon rückgängig gemacht",
    Reason.UNDO_ARCHIVED: "er wurde archiviert, und damit ist gelöscht, was dafür nötig wäre",
    Reason.UNDO_CANCELLED: "er wurde abgebrochen und hat nichts geändert",
    Reason.UNDO_FAILED: "er ist gescheitert und hat nichts geändert",
    Reason.UNDO_RUNNING: "er läuft noch",
    Reason.UNDO_STATUS: "sein Status ist {status}",
    Reason.UNDO_NO_IMAGE: "er wurde ohne die Angaben aufgezeichnet, die dafür nötig sind",
    Reason.UNDO_NOT_LAST: (
        "er ist nicht der letzte Import der Schule (Lauf {later}, {file}, {status}, kam "
        "danach; zuerst diesen rückgängig machen)"
    ),
    Reason.NOT_A_TABLE: (
        "das ist {kind}, keine Tabelle; bitte eine CSV-, XLSX-, XLS- oder ODS-Datei wählen"
    ),
    Reason.KIND_PDF: "ein PDF-Dokument",
    Reason.KIND_IMAGE: "ein {format}-Bild",
    Reason.KIND_ARCHIVE: "ein {format}-Archiv",
    Reason.KIND_DOCUMENT: "ein {format}-Dokument",
    Reason.KIND_PROGRAM: "ein Programm",
    Reason.KIND_BINARY: "eine Binärdatei",
    Reason.NOT_IN_FILE: "nicht mehr in der Datei",
    Reason.LDAP_NOT_CONFIGURED: "es ist kein LDAP-Server eingerichtet",
    Reason.LDAP_SETTING: "die LDAP-Einstellung ist nicht verwendbar: {detail}",
    Reason.LDAP_NO_PASSWORD: "für {bind_dn} ist kein Bind-Passwort gespeichert",
    Reason.LDAP_NO_PASSWORD_ENV: "die Umgebungsvariable {var} ist leer oder nicht gesetzt",
    Reason.LDAP_UNREACHABLE: (
        "der LDAP-Server {url} ist nicht erreichbar ({detail}); nichts ging verloren"
    ),
    Reason.LDAP_TLS: (
        "die TLS-Verbindung zu {url} ist gescheitert ({detail}); nichts wurde gesendet"
    ),
    Reason.LDAP_BIND_FAILED: (
        "der LDAP-Server {url} hat den Bind-DN {bind_dn} oder sein Passwort abgelehnt"
    ),
    Reason.LDAP_BASE_MISSING: "die Basis-DN {base_dn} gibt es auf dem LDAP-Server nicht",
    Reason.LDAP_FAILED: "der LDAP-Server {url} hat abgelehnt: {detail}",
}


def _german(value: Any) -> Any:
    """A parameter as German text: a message in German words, numbers with German
    separators (12.345 and 3,5; four-digit numbers without, as German writing has it)."""
    if isinstance(value, Message):
        return reason_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return f"{value:,.1f}".translate(_SWAP_SEPARATORS)
    return value


_SWAP_SEPARATORS = str.maketrans(",.", ".,")

_GERMAN_FIELDS = {
    "group_id": "Gruppen-ID",
    "group_name": "Gruppenname",
    "description": "Beschreibung",
    "comment": "Kommentar",
    "disabled": "Deaktiviert-Angabe",
    "group_type": "Gruppenart",
    "source_id": "Quell-ID",
    "last_name": "Nachname",
    "first_name": "Vorname",
    "groups": "Gruppen",
    "birth_date": "Geburtsdatum",
    "email": "E-Mail",
    "login": "Benutzername",
}


# Reasons whose ``status`` is a code: a user's, or an import run's.
_STATUS_WORDS = {
    Reason.NOT_RESTORABLE: lambda code: status_label(code),
    Reason.UNDO_STATUS: lambda code: run_status_label(code),
    Reason.UNDO_NOT_LAST: lambda code: run_status_label(code),
}


def reason_text(message: Message) -> str:
    """The message in the interface language."""
    template = _GERMAN.get(message.reason) if _language == "de" else None
    if template is None:
        return message.text()
    params = dict(message.params)
    if "status" in params and message.reason in _STATUS_WORDS:
        params["status"] = _STATUS_WORDS[message.reason](str(params["status"]))
    try:
        return wording(template, params, _GERMAN_FIELDS, _german)
    except TEMPLATE_ERRORS:
        return describe(message.reason, message.params)


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
