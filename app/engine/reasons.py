"""Message codes with parameters, and their default (English) wording.

The engine never builds user-facing sentences itself beyond this table: it reports a
:class:`Reason` with parameters, and each front end renders it (the command line in
English via :func:`describe`, the wizard through its translations).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class Reason(enum.StrEnum):
    # Row validation (SPEC §2.6)
    MISSING_REQUIRED = "missing_required"
    INVALID_DATE = "invalid_date"
    INVALID_EMAIL = "invalid_email"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    INVALID_LOGIN = "invalid_login"
    DATE_OUT_OF_RANGE = "date_out_of_range"
    # Conflicts (SPEC §2.6)
    DUPLICATE_SOURCE_ID = "duplicate_source_id"
    OTHER_ACCOUNT_TYPE = "other_account_type"
    LOGIN_TAKEN = "login_taken"
    LOGIN_RESERVED = "login_reserved"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    SOURCE_ID_EXISTS = "source_id_exists"
    POSSIBLE_RENAME = "possible_rename"
    # Outcomes of rows that were left out
    UNTICKED = "unticked"
    CONFLICT_SKIPPED = "conflict_skipped"
    CONFLICT_UNRESOLVED = "conflict_unresolved"
    GROUP_IGNORED = "group_ignored"
    IDENTITY_NOTE = "identity_note"
    # Refusals of a whole file or run
    FILE_NOT_FOUND = "file_not_found"
    FILE_EMPTY = "file_empty"
    FILE_UNREADABLE = "file_unreadable"
    FILE_FORMAT = "file_format"
    FILE_TOO_LARGE = "file_too_large"
    ENCODING = "encoding"
    SHEET_NOT_FOUND = "sheet_not_found"
    NO_DATA_ROWS = "no_data_rows"
    DUPLICATE_HEADER = "duplicate_header"
    HEADER_TWICE = "header_twice"
    IDENTITY_FIELD = "identity_field"
    LAYOUT_UNKNOWN = "layout_unknown"
    UNKNOWN_HEADER = "unknown_header"
    UNKNOWN_FIELD = "unknown_field"
    REQUIRED_COLUMN_MISSING = "required_column_missing"
    MISSING_GROUPS = "missing_groups"
    MASS_EXPIRY = "mass_expiry"
    STALE_PLAN = "stale_plan"
    CANCELLED = "cancelled"
    YEAR_NOT_FOUND = "year_not_found"
    YEAR_EXISTS = "year_exists"
    GROUP_EXISTS = "group_exists"
    GROUP_NOT_FOUND = "group_not_found"
    USER_NOT_FOUND = "user_not_found"
    ACCOUNT_TYPE_UNKNOWN = "account_type_unknown"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_MISMATCH = "password_mismatch"
    INVALID_VALUE = "invalid_value"
    DATABASE = "database"
    # Operators, rights and the import lock (SPEC §3)
    NOT_ALLOWED = "not_allowed"
    OUT_OF_SCOPE = "out_of_scope"
    RESERVED_ACCOUNT = "reserved_account"
    IMPORT_RUNNING = "import_running"
    SIGN_IN_REQUIRED = "sign_in_required"
    SIGN_IN_FAILED = "sign_in_failed"
    OPERATOR_EXISTS = "operator_exists"
    SCHOOL_NOT_FOUND = "school_not_found"
    # Details of a refused file: the ``detail`` parameter of the file reasons above
    OUT_OF_MEMORY = "out_of_memory"
    NOT_A_WORKBOOK = "not_a_workbook"
    NEITHER_XLS_NOR_TEXT = "neither_xls_nor_text"
    A_FOLDER = "a_folder"
    SIZE_LIMIT = "size_limit"
    UNPACKED_LIMIT = "unpacked_limit"
    ZIP_BOMB = "zip_bomb"
    ZIP_WITHOUT_WORKBOOK = "zip_without_workbook"
    WORKBOOK_DAMAGED = "workbook_damaged"
    PASSWORD_PROTECTED = "password_protected"
    GRID_LIMIT = "grid_limit"
    CELL_LIMIT = "cell_limit"
    NUL_BYTES = "nul_bytes"
    ENCODING_UNKNOWN = "encoding_unknown"
    INVALID_BYTE = "invalid_byte"
    MIXED_ENCODINGS = "mixed_encodings"
    FILE_HAS_BOM = "file_has_bom"
    CSV_LINE = "csv_line"
    CELL_TOO_LONG = "cell_too_long"
    NOT_ONE_CHARACTER = "not_one_character"
    # Details of other refusals (the ``detail`` of INVALID_VALUE, or ``why`` of NOT_UNDOABLE)
    SCHOOL_NAME_LENGTH = "school_name_length"
    SCHOOL_EXISTS = "school_exists"
    YEAR_NAME_MISSING = "year_name_missing"
    YEAR_DAYS = "year_days"
    GROUP_TYPE_UNKNOWN = "group_type_unknown"
    GROUP_NAME_LENGTH = "group_name_length"
    DOWNLOAD_SUFFIX = "download_suffix"
    RUN_NOT_FOUND = "run_not_found"
    RUN_ARCHIVED = "run_archived"
    RUN_ARCHIVED_ON = "run_archived_on"
    RUN_STILL_RUNNING = "run_still_running"
    ARCHIVE_AGE_NEGATIVE = "archive_age_negative"
    OPERATOR_NAME_MISSING = "operator_name_missing"
    IMPORT_KIND_UNKNOWN = "import_kind_unknown"
    OPERATOR_NOT_FOUND = "operator_not_found"
    NOT_RESTORABLE = "not_restorable"
    TOLERANCE_RANGE = "tolerance_range"
    DELETION_RANGE = "deletion_range"
    NO_NEW_ACCOUNTS = "no_new_accounts"
    PROTOCOL_SUFFIX = "protocol_suffix"
    # Files written for the user (protocol, letters, downloads, exports)
    OUTPUT_EXISTS = "output_exists"
    OUTPUT_IS_INPUT = "output_is_input"
    OUTPUT_TWICE = "output_twice"
    OUTPUT_IS_FOLDER = "output_is_folder"
    OUTPUT_WRITE = "output_write"
    PROTOCOL_PENDING = "protocol_pending"
    # New initial passwords on demand
    RESET_NONE = "reset_none"
    SCHEME_SYNTAX = "scheme_syntax"
    SCHEME_FIELD = "scheme_field"
    NOT_UNDOABLE = "not_undoable"
    USER_RUN_NOT_FOUND = "user_run_not_found"
    UNDO_BLOCKED = "undo_blocked"
    UNDO_DATABASE = "undo_database"
    # What an operator may not do (the ``action`` of NOT_ALLOWED)
    ACTION_IMPORT_USERS = "action_import_users"
    ACTION_IMPORT_GROUPS = "action_import_groups"
    ACTION_IMPORT_HERE = "action_import_here"
    ACTION_PURGE = "action_purge"
    ACTION_GRACE_PERIODS = "action_grace_periods"
    ACTION_OPERATORS = "action_operators"
    ACTION_PASSWORD = "action_password"
    ACTION_LDAP = "action_ldap"
    ACTION_SCHOOLS = "action_schools"
    ACTION_YEARS = "action_years"
    ACTION_LETTERS_TEXT = "action_letters_text"
    # Refusals around the database and the command line itself (issue 19)
    ADMIN_PASSWORD_FIRST = "admin_password_first"
    DATABASE_UNREACHABLE = "database_unreachable"
    DATABASE_NEWER = "database_newer"
    DATABASE_NEWER_UNKNOWN = "database_newer_unknown"
    DATABASE_DAMAGED = "database_damaged"
    NO_KEYRING = "no_keyring"
    INTERRUPTED = "interrupted"
    OUTPUT_CLOSED = "output_closed"
    SYSTEM_REFUSED = "system_refused"
    INTERNAL_ERROR = "internal_error"
    # Details of a group CSV row left out, or of a group export refused
    HEADER_ROW_MISSING = "header_row_missing"
    DISABLED_FLAG = "disabled_flag"
    ADMIN_FLAG = "admin_flag"
    MEMBER_TYPE_UNSUPPORTED = "member_type_unsupported"
    GROUP_ID_UNKNOWN = "group_id_unknown"
    GROUP_NAME_NEEDED = "group_name_needed"
    NEW_GROUP_WITHOUT_NAME = "new_group_without_name"
    GROUP_NAME_HAS_ID = "group_name_has_id"
    NAME_OF_TWO_IDS = "name_of_two_ids"
    GROUP_FIELD_DIFFERS = "group_field_differs"
    GROUP_NAME_TAKEN = "group_name_taken"
    ADMIN_TWICE = "admin_twice"
    SYSTEM_GROUP = "system_group"
    EXPORT_ENCODING = "export_encoding"
    NOT_ENCODABLE = "not_encodable"
    UNDONE_ALREADY = "undone_already"
    UNDO_ARCHIVED = "undo_archived"
    UNDO_CANCELLED = "undo_cancelled"
    UNDO_FAILED = "undo_failed"
    UNDO_RUNNING = "undo_running"
    UNDO_STATUS = "undo_status"
    UNDO_NO_IMAGE = "undo_no_image"
    UNDO_NOT_LAST = "undo_not_last"
    # A file that is no table: NOT_A_TABLE's ``kind`` is one of the KIND_ messages
    NOT_A_TABLE = "not_a_table"
    KIND_PDF = "kind_pdf"
    KIND_IMAGE = "kind_image"
    KIND_ARCHIVE = "kind_archive"
    KIND_DOCUMENT = "kind_document"
    KIND_PROGRAM = "kind_program"
    KIND_BINARY = "kind_binary"
    # Why the preview releases an account: it is not in the file any more
    NOT_IN_FILE = "not_in_file"
    # The LDAP server (issue 18)
    LDAP_NOT_CONFIGURED = "ldap_not_configured"
    LDAP_SETTING = "ldap_setting"
    LDAP_NO_PASSWORD = "ldap_no_password"
    LDAP_NO_PASSWORD_ENV = "ldap_no_password_env"
    LDAP_UNREACHABLE = "ldap_unreachable"
    LDAP_TLS = "ldap_tls"
    LDAP_BIND_FAILED = "ldap_bind_failed"
    LDAP_BASE_MISSING = "ldap_base_missing"
    LDAP_FAILED = "ldap_failed"
    # Details of LDAP_SETTING: the Linux sign-in (posixAccount) settings
    LDAP_UID_START = "ldap_uid_start"
    LDAP_GID_NUMBER = "ldap_gid_number"
    LDAP_HOME_TEMPLATE = "ldap_home_template"
    LDAP_LOGIN_SHELL = "ldap_login_shell"


_TEXT: dict[Reason, str] = {
    Reason.MISSING_REQUIRED: "{field} is missing",
    Reason.INVALID_DATE: "{field} '{value}' is not a date",
    Reason.DATE_OUT_OF_RANGE: "{field} {value} lies outside {first} … {last}",
    Reason.INVALID_EMAIL: "e-mail '{value}' is not an address",
    Reason.TOO_LONG: "{field} is longer than {limit} characters",
    Reason.CONTROL_CHARACTERS: "{field} contains control characters",
    Reason.INVALID_LOGIN: "login '{value}' may only contain a-z, 0-9, '.' and '-'",
    Reason.DUPLICATE_SOURCE_ID: "source ID {source_id} appears more than once in the file",
    Reason.OTHER_ACCOUNT_TYPE: "source ID {source_id} belongs to a {account_type} account",
    Reason.LOGIN_TAKEN: "login '{login}' belongs to another user",
    Reason.LOGIN_RESERVED: "login '{login}' is reserved",
    Reason.POSSIBLE_DUPLICATE: "looks like the existing user {login} of source {source}",
    Reason.SOURCE_ID_EXISTS: "source ID {source_id} exists already (user {login})",
    Reason.POSSIBLE_RENAME: (
        "looks like {login}, with another {field}: link them to keep that account"
    ),
    Reason.IDENTITY_NOTE: (
        "the source ID is derived from {fields}: a change of one of them reads as one "
        "person gone and one new, unless linked in a possible-duplicate conflict"
    ),
    Reason.UNTICKED: "left out in the preview",
    Reason.CONFLICT_SKIPPED: "skipped: {conflict}",
    Reason.CONFLICT_UNRESOLVED: "conflict not resolved: {conflict}",
    Reason.GROUP_IGNORED: "group '{group}' does not exist and was ignored",
    Reason.FILE_NOT_FOUND: "the file does not exist",
    Reason.FILE_EMPTY: "the file is empty",
    Reason.FILE_UNREADABLE: "the file cannot be read: {detail}",
    Reason.FILE_FORMAT: "this is not a {expected} file: {detail}",
    Reason.FILE_TOO_LARGE: "the file is too large ({detail})",
    Reason.ENCODING: "the file is not readable as {encoding}: {detail}",
    Reason.SHEET_NOT_FOUND: "the workbook has no sheet '{sheet}' (sheets: {sheets})",
    Reason.NO_DATA_ROWS: "the file has no data rows",
    Reason.DUPLICATE_HEADER: "the column '{header}' appears twice and both are mapped to {field}",
    Reason.HEADER_TWICE: (
        "the header '{header}' names columns {columns}; rename one in the file, or "
        "choose each column by its number (--map {column}=FIELD)"
    ),
    Reason.IDENTITY_FIELD: "'{value}' cannot identify a person (fields: {fields})",
    Reason.LAYOUT_UNKNOWN: "'{value}' is not a known layout ({layouts})",
    Reason.UNKNOWN_HEADER: "the file has no column '{header}' (columns: {headers})",
    Reason.UNKNOWN_FIELD: "'{value}' is not a field (fields: {fields})",
    Reason.REQUIRED_COLUMN_MISSING: "no column is mapped to {fields}",
    Reason.MISSING_GROUPS: (
        "these groups do not exist in {year}: {groups} — create them or ignore unassigned groups"
    ),
    Reason.MASS_EXPIRY: (
        "the import would release {count} of {active} active accounts for deletion; "
        "confirm with --allow-mass-expiry if the file is complete"
    ),
    Reason.STALE_PLAN: "the database was changed since the preview; please check again",
    Reason.CANCELLED: "the import was cancelled; nothing was changed",
    Reason.YEAR_NOT_FOUND: "there is no school year '{year}'",
    Reason.YEAR_EXISTS: "the school year '{year}' exists already",
    Reason.GROUP_EXISTS: "the group '{group}' exists already in {year}",
    Reason.GROUP_NOT_FOUND: "there is no group '{group}' in {year}",
    Reason.USER_NOT_FOUND: "there is no user with the login '{login}'",
    Reason.ACCOUNT_TYPE_UNKNOWN: "'{value}' is not an account type (student, teacher, staff)",
    Reason.PASSWORD_TOO_SHORT: "the password must have at least {limit} characters",
    Reason.PASSWORD_MISMATCH: "the two passwords differ",
    Reason.INVALID_VALUE: "{detail}",
    Reason.DATABASE: "the database refused the change: {detail}",
    Reason.NOT_ALLOWED: "{operator} may not {action}",
    Reason.OUT_OF_SCOPE: "the user {login} belongs to {school}, which is outside your schools",
    Reason.RESERVED_ACCOUNT: "the account {login} is reserved and never changed by an import",
    Reason.IMPORT_RUNNING: "an import by {holder} has been running since {since}",
    Reason.SIGN_IN_REQUIRED: "sign-in is required: give --operator NAME",
    Reason.SIGN_IN_FAILED: "the operator name or the password is wrong",
    Reason.OPERATOR_EXISTS: "the operator '{name}' exists already",
    Reason.SCHOOL_NOT_FOUND: "there is no school '{school}'",
    Reason.OUT_OF_MEMORY: "there is not enough memory to read it",
    Reason.NOT_A_WORKBOOK: "the content is not a workbook (damaged or renamed?)",
    Reason.NEITHER_XLS_NOR_TEXT: "the content is neither an Excel 97-2003 workbook nor text",
    Reason.A_FOLDER: "it is a folder",
    Reason.SIZE_LIMIT: "{size:,.1f} MB; the limit is {limit:,.1f} MB",
    Reason.UNPACKED_LIMIT: "{size:,.1f} MB unpacked; the limit is {limit:,.1f} MB",
    Reason.ZIP_BOMB: "{member} unpacks {ratio:,.0f} times larger, like a zip bomb",
    Reason.ZIP_WITHOUT_WORKBOOK: "a ZIP archive without a workbook inside",
    Reason.WORKBOOK_DAMAGED: "the {kind} workbook is damaged or incomplete ({error})",
    Reason.PASSWORD_PROTECTED: "the workbook is password-protected; save it without a password",
    Reason.GRID_LIMIT: (
        "up to {rows:,} rows × {columns:,} columns = {cells:,} cells; the limit is {limit:,} cells"
    ),
    Reason.CELL_LIMIT: "up to {cells:,} cells; the limit is {limit:,} cells",
    Reason.NUL_BYTES: (
        "it contains NUL bytes (a binary file, or UTF-16 without a byte order mark?)"
    ),
    Reason.ENCODING_UNKNOWN: "this encoding is unknown",
    Reason.INVALID_BYTE: "byte 0x{byte} in line {line} is not valid",
    Reason.MIXED_ENCODINGS: (
        "line {utf8_line} is UTF-8 but line {other_line} is not; the lines use different "
        "encodings — save the file again with one encoding (UTF-8)"
    ),
    Reason.FILE_HAS_BOM: "the file starts with the byte order mark of {bom}; read it as {bom}",
    Reason.CSV_LINE: "line {line}: {error}",
    Reason.CELL_TOO_LONG: "line {line}: a cell has more than {limit:,} characters",
    Reason.NOT_ONE_CHARACTER: "the delimiter '{value}' is not a single character",
    Reason.SCHOOL_NAME_LENGTH: "a school name has 1 to 200 characters",
    Reason.SCHOOL_EXISTS: "the school '{school}' exists already",
    Reason.YEAR_NAME_MISSING: "a school year needs a name",
    Reason.YEAR_DAYS: "the last day must be after the first day",
    Reason.GROUP_TYPE_UNKNOWN: "'{value}' is not a group type (class, course, team, manual)",
    Reason.GROUP_NAME_LENGTH: "a group name has 1 to 100 characters",
    Reason.DOWNLOAD_SUFFIX: "{name}: use a file name ending in .xlsx or .csv",
    Reason.RUN_NOT_FOUND: "there is no import run {run}",
    Reason.RUN_ARCHIVED: (
        "run {run} was archived; its row details are deleted, so its rows can no longer be "
        "downloaded"
    ),
    Reason.RUN_ARCHIVED_ON: (
        "run {run} was archived on {day}; its row details are deleted, so its rows can no "
        "longer be downloaded"
    ),
    Reason.RUN_STILL_RUNNING: (
        "run {run} is still running; its rows can be downloaded when it has finished"
    ),
    Reason.ARCHIVE_AGE_NEGATIVE: "the archive age cannot be negative",
    Reason.OPERATOR_NAME_MISSING: "an operator needs a name",
    Reason.IMPORT_KIND_UNKNOWN: "unknown import kind: {kinds}",
    Reason.OPERATOR_NOT_FOUND: "there is no operator '{name}'",
    Reason.NOT_RESTORABLE: (
        "user {login} is {status}; only marked or deactivated users are restored"
    ),
    Reason.TOLERANCE_RANGE: "the tolerance period must be between 0 and {limit} days, not {days}",
    Reason.DELETION_RANGE: "the deletion period must be between 0 and {limit} days, not {days}",
    Reason.NO_NEW_ACCOUNTS: "there are no new accounts to write letters for",
    Reason.PROTOCOL_SUFFIX: "a protocol is saved as .xlsx, or as .zip holding a CSV file",
    Reason.OUTPUT_EXISTS: (
        "the file exists already; choose another name or allow replacing it (--overwrite)"
    ),
    Reason.OUTPUT_IS_INPUT: "this is the file being imported; choose another name",
    Reason.OUTPUT_TWICE: "named for two outputs; choose a name for each",
    Reason.OUTPUT_IS_FOLDER: "this is a folder; choose a file name",
    Reason.OUTPUT_WRITE: "cannot be written ({detail}); nothing was imported",
    Reason.PROTOCOL_PENDING: (
        "a protocol of run {run} was not moved into place: it is at {temp} (meant for {target})"
    ),
    Reason.RESET_NONE: "no active account matches; no password was reset",
    Reason.SCHEME_SYNTAX: "login scheme: {error}",
    Reason.SCHEME_FIELD: (
        "login scheme: '{{{name}}}' is not allowed; use {{firstname}}, {{lastname}}, "
        "{{source_id}}, optionally cut like {{firstname:.1}}"
    ),
    Reason.NOT_UNDOABLE: "run {run} cannot be undone: {why}",
    Reason.USER_RUN_NOT_FOUND: "there is no user import run {run}",
    Reason.UNDO_BLOCKED: "these records changed since: {records}",
    Reason.UNDO_DATABASE: "the database refused it ({error})",
    Reason.ACTION_IMPORT_USERS: "import users",
    Reason.ACTION_IMPORT_GROUPS: "import groups",
    Reason.ACTION_IMPORT_HERE: "import into this school",
    Reason.ACTION_PURGE: "purge users",
    Reason.ACTION_GRACE_PERIODS: "change the grace periods",
    Reason.ACTION_OPERATORS: "manage operators",
    Reason.ACTION_PASSWORD: "set another operator's password",
    Reason.ACTION_LDAP: "set up, sync or look at the LDAP server",
    Reason.ACTION_SCHOOLS: "manage schools",
    Reason.ACTION_YEARS: "add school years",
    Reason.ACTION_LETTERS_TEXT: "change the letters' text",
    Reason.ADMIN_PASSWORD_FIRST: (
        "the administrator {name} has no password yet, and without one nobody could sign in "
        "as administrator once sign-in is on: set it first (operator password {name})"
    ),
    Reason.DATABASE_UNREACHABLE: "the database {db} cannot be opened: {detail}",
    Reason.DATABASE_NEWER: (
        "the database {db} was upgraded by a newer schoolimport (schema {revision}); "
        "it needs schoolimport {version} or later"
    ),
    Reason.DATABASE_NEWER_UNKNOWN: (
        "the database {db} was upgraded by a newer schoolimport (schema {revision}); "
        "it needs a version later than {ours}"
    ),
    Reason.DATABASE_DAMAGED: (
        "the database file {db} is damaged ({detail}); restore the latest backup, or "
        "rescue what is left with: sqlite3 {db} .recover | sqlite3 rescued.db"
    ),
    Reason.NO_KEYRING: (
        "no system keyring is available ({detail}); put the password into PostgreSQL's "
        "password file ~/.pgpass, or into the URL of $SCHOOLIMPORT_DB"
    ),
    Reason.INTERRUPTED: "interrupted; nothing was changed",
    Reason.OUTPUT_CLOSED: "the output was closed before everything was written",
    Reason.SYSTEM_REFUSED: "the system refused it: {detail}",
    Reason.INTERNAL_ERROR: "an unexpected error ({error}); the log file {log} has the details",
    Reason.HEADER_ROW_MISSING: (
        "the first line is not a header row (none of its cells names a column such as "
        "{columns}); a header row is required"
    ),
    Reason.DISABLED_FLAG: "disabled '{value}' is neither true nor false (1/0, true/false)",
    Reason.ADMIN_FLAG: (
        "member is administrator '{value}' is neither true nor false (1/0, true/false)"
    ),
    Reason.MEMBER_TYPE_UNSUPPORTED: "member type '{value}' is not supported (only 'user')",
    Reason.GROUP_ID_UNKNOWN: "there is no group with the ID {key}",
    Reason.GROUP_NAME_NEEDED: "a row without a group ID needs a group name",
    Reason.NEW_GROUP_WITHOUT_NAME: "the group ID {key} is unknown and the row has no group name",
    Reason.GROUP_NAME_HAS_ID: (
        "the group ID {key} is unknown, but a group named '{name}' exists already in this "
        "school year (ID {id}); use that ID"
    ),
    Reason.NAME_OF_TWO_IDS: "the group name '{name}' is given to two different group IDs",
    Reason.GROUP_FIELD_DIFFERS: "the {field} differs from line {line} of this group",
    Reason.GROUP_NAME_TAKEN: "another group is named '{name}' already",
    Reason.ADMIN_TWICE: "{login} is listed twice with different administrator flags",
    Reason.SYSTEM_GROUP: "'{name}' is a system group, which imports never change",
    Reason.EXPORT_ENCODING: "'{value}' is not an export encoding (utf-8, shift_jis, cp1252)",
    Reason.NOT_ENCODABLE: (
        "the group '{group}' (ID {id}) contains '{text}', which {codec} cannot represent; "
        "export it as UTF-8"
    ),
    Reason.UNDONE_ALREADY: "it was undone already",
    Reason.UNDO_ARCHIVED: "it was archived, which deleted what an undo needs",
    Reason.UNDO_CANCELLED: "it was cancelled and changed nothing",
    Reason.UNDO_FAILED: "it failed and changed nothing",
    Reason.UNDO_RUNNING: "it is still running",
    Reason.UNDO_STATUS: "its status is {status}",
    Reason.UNDO_NO_IMAGE: "it was recorded without the before-image an undo needs",
    Reason.UNDO_NOT_LAST: (
        "it is not the school's last import (run {later}, {file}, {status}, came after it; "
        "undo that one first)"
    ),
    Reason.NOT_A_TABLE: ("this is {kind}, not a table; please choose a CSV, XLSX, XLS or ODS file"),
    Reason.KIND_PDF: "a PDF document",
    Reason.KIND_IMAGE: "a {format} image",
    Reason.KIND_ARCHIVE: "a {format} archive",
    Reason.KIND_DOCUMENT: "a {format} document",
    Reason.KIND_PROGRAM: "a program",
    Reason.KIND_BINARY: "a binary file",
    Reason.NOT_IN_FILE: "no longer in the file",
    Reason.LDAP_NOT_CONFIGURED: (
        "no LDAP server is set up; use 'schoolimport ldap set --url … --base-dn … --bind-dn …'"
    ),
    Reason.LDAP_SETTING: "the LDAP setting is not usable: {detail}",
    Reason.LDAP_NO_PASSWORD: (
        "no bind password for {bind_dn} in the keyring; give --bind-password-env VAR"
    ),
    Reason.LDAP_NO_PASSWORD_ENV: "the environment variable {var} is empty or not set",
    Reason.LDAP_UNREACHABLE: "the LDAP server {url} cannot be reached ({detail}); nothing was lost",
    Reason.LDAP_TLS: "the TLS connection to {url} failed ({detail}); nothing was sent",
    Reason.LDAP_BIND_FAILED: "the LDAP server {url} refused the bind DN {bind_dn} or its password",
    Reason.LDAP_BASE_MISSING: "the base DN {base_dn} does not exist on the LDAP server",
    Reason.LDAP_FAILED: "the LDAP server {url} refused: {detail}",
    Reason.LDAP_UID_START: (
        "the first uidNumber {value} is not a number from 1000 to 2147483647"
        " (below 1000 are the system's)"
    ),
    Reason.LDAP_GID_NUMBER: (
        "the gidNumber {value} of account type {account_type} is not a number from 1000"
        " to 2147483647 (below 1000 are the system's)"
    ),
    Reason.LDAP_HOME_TEMPLATE: (
        "the home directory {value} must be an absolute path in ASCII without blanks"
        " that holds {{login}} and no other field, e.g. /home/{{login}}"
    ),
    Reason.LDAP_LOGIN_SHELL: (
        "the login shell {value} must be an absolute path in ASCII without blanks, e.g. /bin/bash"
    ),
}

FIELD_LABELS = {
    # The group CSV's fields (its row errors name them).
    "group_id": "group ID",
    "group_name": "group name",
    "description": "description",
    "comment": "comment",
    "disabled": "disabled flag",
    "group_type": "group type",
    "source_id": "source ID",
    "last_name": "last name",
    "first_name": "first name",
    "groups": "groups",
    "birth_date": "birth date",
    "email": "e-mail",
    "login": "login",
    "account_type": "account type",
}


@dataclass(frozen=True, slots=True)
class Message:
    """A reason with its parameters: what the front ends turn into words. A parameter
    may itself be a message (the ``detail`` of a refused file), worded the same way."""

    reason: Reason
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return describe(self.reason, self.params)


def messages_json(messages: Sequence[Message]) -> str:
    """``messages`` as JSON codes with their parameters (nested messages too), so that a
    stored reason can be worded later in any language (:func:`messages_from_json`)."""
    return json.dumps([_encoded(m) for m in messages], ensure_ascii=False, default=str)


def _encoded(message: Message) -> dict[str, Any]:
    params = {k: _encoded(v) if isinstance(v, Message) else v for k, v in message.params.items()}
    return {"reason": message.reason.value, "params": params}


def messages_from_json(text: str) -> list[Message] | None:
    """The messages of :func:`messages_json`; None for other text (an older run's
    English reasons, stored as words)."""
    if not text.startswith('[{"reason"'):
        return None
    try:
        return [_decoded(item) for item in json.loads(text)]
    except (ValueError, KeyError, TypeError):
        return None


def _decoded(item: dict[str, Any]) -> Message:
    params = {
        k: _decoded(v) if isinstance(v, dict) and "reason" in v else v
        for k, v in item["params"].items()
    }
    return Message(Reason(item["reason"]), params)


def describe(reason: Reason, params: dict[str, Any] | None = None) -> str:
    try:
        return wording(_TEXT[reason], params or {}, FIELD_LABELS, _english)
    except TEMPLATE_ERRORS:
        return _TEXT[reason]


# What str.format raises for a template whose parameters do not fit it.
TEMPLATE_ERRORS = (KeyError, IndexError, ValueError, TypeError)


def wording(
    template: str,
    params: Mapping[str, Any],
    labels: Mapping[str, str],
    word: Callable[[Any], Any],
) -> str:
    """``template`` filled in: every parameter through ``word`` (a nested message into
    words, in a front end's language), and the field codes of ``field`` and ``fields``
    through ``labels``. Raises :data:`TEMPLATE_ERRORS` when the parameters do not fit."""
    values = {k: word(v) for k, v in params.items()}
    if "field" in values:
        values["field"] = labels.get(str(values["field"]), values["field"])
    if isinstance(values.get("fields"), list | tuple):  # field codes, labelled here
        values["fields"] = ", ".join(labels.get(str(f), str(f)) for f in values["fields"])
    return template.format(**values)


def _english(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value.text() if isinstance(value, Message) else value


class EngineError(Exception):
    """Base of the engine's refusals: carries a :class:`Message` and the file."""

    def __init__(self, reason: Reason, file: str | None = None, **params: Any) -> None:
        self.message = Message(reason, params)
        self.file = file
        super().__init__(self.text())

    def text(self) -> str:
        body = self.message.text()
        return f"{self.file}: {body}" if self.file else body


class Refused(EngineError):
    """The input or the request cannot be processed; nothing was changed."""


class Cancelled(EngineError):
    """The user cancelled a run; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__(Reason.CANCELLED)


class StalePlan(Refused):
    """The database changed between planning and applying."""

    def __init__(self) -> None:
        super().__init__(Reason.STALE_PLAN)
