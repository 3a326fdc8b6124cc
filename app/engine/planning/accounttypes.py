"""A column of account types: which rows of a mixed file belong to this run (SPEC §6).

UCS@school's CSV has ``Benutzertyp`` (student, teacher, staff, teacher_and_staff),
Chamilo's user import a numeric ``Status`` (5 student, 1 teacher), and German
exports write Schüler, Lehrkraft, Verwaltung. An import is for one account type
(SPEC §2.5): rows of another type are left out and counted as ``other_type`` — never
invalid, never expired; a value that names no type makes its row invalid.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.engine.planning.mapping import ColumnMapping, Field, normalize_header

# Values as :func:`~app.engine.planning.mapping.normalize_header` leaves them (folded, ä → ae,
# punctuation to spaces).
_VALUES: dict[str, str] = {}
for _type, _words in {
    "student": (
        "student",
        "students",
        "schueler",
        "schuelerin",
        "schuelerinnen",
        "schueler in",
        "sus",
        "pupil",
        "learner",
        "5",  # Chamilo: STUDENT
    ),
    "teacher": (
        "teacher",
        "teachers",
        "lehrer",
        "lehrerin",
        "lehrer in",
        "lehrkraft",
        "lehrkraefte",
        "lul",
        "editingteacher",
        # UCS@school: one person, two roles; an account has one type here, and
        # teaching is what such a person's account is mostly for.
        "teacher and staff",
        "1",  # Chamilo: COURSEMANAGER
    ),
    "staff": (
        "staff",
        "mitarbeiter",
        "mitarbeiterin",
        "mitarbeiter in",
        "personal",
        "verwaltung",
        "employee",
        "sekretariat",
    ),
}.items():
    _VALUES.update(dict.fromkeys(_words, _type))

# Headers that hold account types only if their values say so: a "Typ" column may hold
# anything; Chamilo's "Status" holds numeric codes (5, 1, and others that name no type).
_IF_WORDS_FIT = ("typ", "type", "rolle", "role", "rollen", "roles")
_IF_CODES_FIT = ("status", "user status")


def account_type_of(value: str) -> str | None:
    """``student``, ``teacher`` or ``staff`` for a cell, or None if it names none."""
    return _VALUES.get(normalize_header(value))


def recognise_by_values(
    mapping: ColumnMapping, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> ColumnMapping:
    """Map an unmapped ``Typ``/``Rolle`` column to the account type when all its values
    (of the first 200 rows) are type words, and a ``Status`` column when its values are
    types or numeric codes, one of them a type: Chamilo's 5 and 1, beside its other
    codes (4 = HR manager), which then make their rows invalid rather than the whole
    column unrecognised and every row this run's."""
    if Field.ACCOUNT_TYPE in mapping.mapped_fields():
        return mapping
    for index, header in enumerate(headers):
        name = normalize_header(header)
        if mapping.fields[index] is not None or name not in (*_IF_WORDS_FIT, *_IF_CODES_FIT):
            continue
        values = {row[index] for row in rows[:200] if index < len(row) and row[index]}
        typed = {v for v in values if account_type_of(v)}
        words = all(v in typed and not v.isdigit() for v in values)
        codes = name in _IF_CODES_FIT and all(v in typed or v.isdigit() for v in values)
        if typed and (words or codes):
            fields = list(mapping.fields)
            fields[index] = Field.ACCOUNT_TYPE
            return ColumnMapping(fields, mapping.warnings, mapping.extra, mapping.identity)
    return mapping
