"""A column of account types: which rows of a mixed file belong to this run (SPEC §6).

UCS@school's CSV has ``Benutzertyp`` (student, teacher, staff, teacher_and_staff),
Chamilo's user import a numeric ``Status`` (5 student, 1 teacher), and German
exports write Schüler, Lehrkraft, Verwaltung. An import is for one account type
(SPEC §2.5): rows of another type are left out and counted as ``other_type`` — never
invalid, never expired; a value that names no type makes its row invalid.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.engine.mapping import ColumnMapping, Field, normalize_header

# Values as :func:`~app.engine.mapping.normalize_header` leaves them (folded, ä → ae,
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

# Headers that hold account types only if their values say so (Chamilo's "Status").
_IF_VALUES_FIT = ("status", "user status")


def account_type_of(value: str) -> str | None:
    """``student``, ``teacher`` or ``staff`` for a cell, or None if it names none."""
    return _VALUES.get(normalize_header(value))


def recognise_by_values(
    mapping: ColumnMapping, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> ColumnMapping:
    """Map an unmapped ``Status`` column to the account type when its values (of the
    first 200 rows) are types or numeric codes, one of them a type: Chamilo's 5 and 1,
    beside its other codes (4 = HR manager), which then make their rows invalid
    rather than the whole column unrecognised and every row this run's."""
    if Field.ACCOUNT_TYPE in mapping.mapped_fields():
        return mapping
    for index, header in enumerate(headers):
        if mapping.fields[index] is not None or normalize_header(header) not in _IF_VALUES_FIT:
            continue
        values = {row[index] for row in rows[:200] if index < len(row) and row[index]}
        known = {v for v in values if account_type_of(v)}
        if known and all(v in known or v.isdigit() for v in values):
            fields = list(mapping.fields)
            fields[index] = Field.ACCOUNT_TYPE
            return ColumnMapping(fields, mapping.warnings, mapping.extra, mapping.identity)
    return mapping
