"""The engine's reasons, field names and numbers in German, for every German text an
administrator gets: the wizard's messages (through :mod:`app.wizard.texts`) and the
protocol, failed-rows file and letters, which the engine writes without Qt.

The engine's English wording (:mod:`app.engine.reasons`) is the source; a test keeps
this table complete and its placeholders equal to the English ones.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from app.engine.reasons import TEMPLATE_ERRORS, Message, Reason, describe, wording

# German wording of the engine's reasons; the keys of the parameters are the engine's.
GERMAN: dict[Reason, str] = {
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
    Reason.OUTPUT_EXISTS: (
        "die Datei gibt es schon; bitte einen anderen Namen wählen oder das Ersetzen erlauben"
        " (--overwrite)"
    ),
    Reason.OUTPUT_IS_INPUT: (
        "das ist die Datei, die importiert wird; bitte einen anderen Namen wählen"
    ),
    Reason.OUTPUT_TWICE: "für zwei Ausgaben angegeben; bitte für jede einen eigenen Namen wählen",
    Reason.OUTPUT_IS_FOLDER: "das ist ein Ordner; bitte einen Dateinamen wählen",
    Reason.OUTPUT_WRITE: ("kann nicht geschrieben werden ({detail}); es wurde nichts importiert"),
    Reason.PROTOCOL_PENDING: (
        "ein Protokoll von Lauf {run} wurde nicht an seinen Platz verschoben: es liegt unter "
        "{temp} (bestimmt für {target})"
    ),
    Reason.RESET_NONE: "kein aktives Konto passt; es wurde kein Passwort neu gesetzt",
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
    Reason.ACTION_SCHOOLS: "Schulen verwalten",
    Reason.ACTION_YEARS: "Schuljahre anlegen",
    Reason.ACTION_LETTERS_TEXT: "den Text der Anmeldebriefe ändern",
    Reason.ADMIN_PASSWORD_FIRST: (
        "der Administrator {name} hat noch kein Passwort, und ohne eines könnte sich "
        "niemand mehr als Administrator anmelden, sobald die Anmeldung gilt: zuerst sein "
        "Passwort setzen („Passwort setzen…“)"
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
    Reason.SYSTEM_REFUSED: "das System hat es abgelehnt: {detail}",
    Reason.INTERNAL_ERROR: (
        "ein unerwarteter Fehler ({error}); die Einzelheiten stehen in der Protokolldatei {log}"
    ),
    Reason.DATE_OUT_OF_RANGE: "{field} {value} liegt außerhalb von {first} bis {last}",
    Reason.POSSIBLE_RENAME: (
        "sieht aus wie {login} mit anderem Wert für {field}: verknüpfen, um das Konto zu behalten"
    ),
    Reason.IDENTITY_NOTE: (
        "Die Quell-ID wird aus {fields} gebildet. Ändert sich einer dieser Werte, erscheint "
        "die Person als neu und ihr bisheriges Konto als fehlend – außer Sie verknüpfen "
        "beide im Konflikt „mögliches Duplikat“"
    ),
    Reason.HEADER_TWICE: (
        "die Überschrift '{header}' steht über den Spalten {columns}; benennen Sie eine "
        "um oder ordnen Sie jede Spalte über ihre Nummer zu (--map {column}=FELD)"
    ),
    Reason.IDENTITY_FIELD: "'{value}' kann keine Person erkennen (Felder: {fields})",
    Reason.LAYOUT_UNKNOWN: "'{value}' ist kein bekanntes Format ({layouts})",
    Reason.FILE_HAS_BOM: (
        "die Datei beginnt mit der Bytereihenfolge-Markierung von {bom}; lesen Sie sie als {bom}"
    ),
    Reason.ACTION_LDAP: "den LDAP-Server einrichten, abgleichen oder ansehen",
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
    Reason.LDAP_UID_START: (
        "die erste uidNumber {value} ist keine Zahl von 1000 bis 2147483647"
        " (darunter liegen die des Systems)"
    ),
    Reason.LDAP_GID_NUMBER: (
        "die gidNumber {value} der Kontoart {account_type} ist keine Zahl von 1000"
        " bis 2147483647 (darunter liegen die des Systems)"
    ),
    Reason.LDAP_HOME_TEMPLATE: (
        "das Home-Verzeichnis {value} muss ein absoluter Pfad in ASCII ohne Leerzeichen"
        " sein, der {{login}} und kein anderes Feld enthält, z. B. /home/{{login}}"
    ),
    Reason.LDAP_LOGIN_SHELL: (
        "die Login-Shell {value} muss ein absoluter Pfad in ASCII ohne Leerzeichen sein,"
        " z. B. /bin/bash"
    ),
}


def german_value(value: Any) -> Any:
    """A parameter as German text: a message in German words, numbers with German
    separators (12.345 and 3,5; four-digit numbers without, as German writing has it)."""
    if isinstance(value, Message):
        return reason_text(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return f"{value:,.1f}".translate(_SWAP_SEPARATORS)
    return value


_SWAP_SEPARATORS = str.maketrans(",.", ".,")

GERMAN_FIELDS = {
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
    "account_type": "Kontoart",
}


def reason_text(message: Message, status_word: Callable[[str], str] | None = None) -> str:
    """``message`` in German; ``status_word`` words a ``status`` code (the wizard's
    labels), which the engine's own German texts never carry."""
    template = GERMAN.get(message.reason)
    if template is None:
        return message.text()
    params = dict(message.params)
    if status_word is not None and "status" in params:
        params["status"] = status_word(str(params["status"]))
    try:
        return wording(template, params, GERMAN_FIELDS, german_value)
    except TEMPLATE_ERRORS:
        return describe(message.reason, message.params)


def words(message: Message, language: str) -> str:
    """``message`` in ``language`` ("de" or "en")."""
    return reason_text(message) if language == "de" else message.text()


def field_words(name: str, language: str) -> str:
    """A field code (``first_name``) as the protocol's language names it."""
    from app.engine.reasons import FIELD_LABELS

    return (GERMAN_FIELDS if language == "de" else FIELD_LABELS).get(name, name)
