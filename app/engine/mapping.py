"""Column mapping: which file column feeds which field (SPEC §2.3).

Headers are recognised in German and English and in the spellings school exports
use; the user's explicit choices override; a mapping is remembered per source and
header layout and offered next time.
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.engine.reasons import Reason, Refused


class Field(enum.StrEnum):
    SOURCE_ID = "source_id"
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    GROUPS = "groups"
    BIRTH_DATE = "birth_date"
    EMAIL = "email"
    LOGIN = "login"
    IGNORE = "ignore"


REQUIRED_FIELDS = (Field.SOURCE_ID, Field.LAST_NAME, Field.FIRST_NAME)
# Only groups may be fed by several columns ("Kurs 1", "Kurs 2", ...).
MULTI_COLUMN_FIELDS = frozenset({Field.GROUPS})

_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.SOURCE_ID: (
        "quellid",
        "quelle id",
        "source id",
        "sourceid",
        "id",
        "interne idnummer",
        "interne id",
        "internal id",
        "externe id",
        "external id",
        "schuelerid",
        "schueler id",
        "schuelernummer",
        "schueler nr",
        "lehrerid",
        "lehrer id",
        "personalnummer",
        "personal nr",
        "personalnr",
        "student id",
        "studentid",
        "pupil id",
        "teacher id",
        "staff id",
        "employee id",
        "uid",
        "identifier",
        "guid",
        "nummer",
        "nr",
        "kennung",
        "idnummer",
        "id nummer",
        "schild id",
        "asv id",
        "lusd id",
    ),
    Field.LAST_NAME: (
        "nachname",
        "name",
        "familienname",
        "zuname",
        "surname",
        "last name",
        "lastname",
        "family name",
        "familyname",
        "schueler nachname",
    ),
    Field.FIRST_NAME: (
        "vorname",
        "rufname",
        "vornamen",
        "first name",
        "firstname",
        "given name",
        "givenname",
        "forename",
        "first names",
        "schueler vorname",
    ),
    Field.GROUPS: (
        "klasse",
        "klassen",
        "gruppe",
        "gruppen",
        "kurs",
        "kurse",
        "lerngruppe",
        "lerngruppen",
        "arbeitsgruppe",
        "team",
        "teams",
        "class",
        "classes",
        "group",
        "groups",
        "course",
        "courses",
        "form",
        "tutor group",
        "klassenbezeichnung",
        "stammgruppe",
    ),
    Field.BIRTH_DATE: (
        "geburtsdatum",
        "gebdatum",
        "geb datum",
        "geboren",
        "geburtstag",
        "geboren am",
        "birth date",
        "birthdate",
        "date of birth",
        "dob",
        "birthday",
    ),
    Field.EMAIL: (
        "email",
        "e mail",
        "mail",
        "emailadresse",
        "email adresse",
        "e mail adresse",
        "mailadresse",
        "email address",
        "e mail address",
        "mail address",
    ),
    Field.LOGIN: (
        "login",
        "loginname",
        "login name",
        "benutzername",
        "anmeldename",
        "username",
        "user name",
        "benutzer",
        "account",
        "accountname",
        "konto",
    ),
    # The reasons column of our own failed-rows file (SPEC §3, error file round trip).
    Field.IGNORE: (
        "grund",
        "gruende",
        "fehler",
        "fehlergrund",
        "fehlergruende",
        "reason",
        "reasons",
        "error",
        "errors",
        "import fehler",
        "import errors",
    ),
}

# Keyed without spaces: "Interne ID-Nummer", "interne_idnummer" and "InterneIDNummer" meet.
_LOOKUP: dict[str, Field] = {
    syn.replace(" ", ""): fld for fld, syns in _SYNONYMS.items() for syn in syns
}

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_header(header: str) -> str:
    """Lower case, umlauts folded, punctuation to spaces, trailing numbers dropped."""
    text = unicodedata.normalize("NFKC", header).casefold().translate(_UMLAUTS)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = re.sub(r"[\s_\-./:()#*]+", " ", text).strip()
    return text


def _candidates(header: str) -> Iterable[str]:
    norm = normalize_header(header)
    yield norm.replace(" ", "")
    # "Kurs 1", "Gruppe2" → without the trailing number
    stripped = re.sub(r"\s*\d+$", "", norm)
    if stripped != norm:
        yield stripped.replace(" ", "")


def guess_field(header: str) -> Field | None:
    for candidate in _candidates(header):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate]
    return None


@dataclass(slots=True)
class ColumnMapping:
    """One field (or None = not imported) per file column."""

    fields: list[Field | None]
    # Columns whose header names a field that another column already took.
    warnings: list[str] = field(default_factory=list)

    def columns_of(self, wanted: Field) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f is wanted]

    def column_of(self, wanted: Field) -> int | None:
        cols = self.columns_of(wanted)
        return cols[0] if cols else None

    def missing_required(self) -> list[Field]:
        return [f for f in REQUIRED_FIELDS if f not in self.fields]

    def is_complete(self) -> bool:
        return not self.missing_required()

    def by_header(self, headers: Sequence[str]) -> dict[str, str]:
        return {
            h: (f.value if f is not None else Field.IGNORE.value)
            for h, f in zip(headers, self.fields, strict=True)
        }


def auto_map(headers: Sequence[str]) -> ColumnMapping:
    """Recognise the headers; a single-valued field goes to its first column only."""
    fields: list[Field | None] = []
    taken: set[Field] = set()
    warnings: list[str] = []
    for header in headers:
        guess = guess_field(header)
        if guess is Field.IGNORE:
            fields.append(None)
            continue
        if guess is not None and guess not in MULTI_COLUMN_FIELDS and guess in taken:
            warnings.append(header)
            fields.append(None)
            continue
        if guess is not None:
            taken.add(guess)
        fields.append(guess)
    return ColumnMapping(fields, warnings)


def parse_field(value: str) -> Field:
    try:
        return Field(value.strip().lower())
    except ValueError:
        raise Refused(
            Reason.UNKNOWN_FIELD, value=value, fields=", ".join(f.value for f in Field)
        ) from None


def apply_overrides(
    mapping: ColumnMapping, headers: Sequence[str], overrides: Mapping[str, str]
) -> ColumnMapping:
    """Explicit ``Header=field`` choices on top of a mapping.

    A header may also be given as its 1-based column number. A single-valued field
    chosen explicitly is taken away from any column that had it automatically.
    """
    fields = list(mapping.fields)
    for header, value in overrides.items():
        index = _column_index(headers, header)
        fld = parse_field(value)
        target: Field | None = None if fld is Field.IGNORE else fld
        if target is not None and target not in MULTI_COLUMN_FIELDS:
            fields = [None if f is target else f for f in fields]
        fields[index] = target
    return ColumnMapping(fields, mapping.warnings)


def _column_index(headers: Sequence[str], header: str) -> int:
    wanted = header.strip()
    for i, h in enumerate(headers):
        if h.strip() == wanted:
            return i
    folded = wanted.casefold()
    for i, h in enumerate(headers):
        if h.strip().casefold() == folded:
            return i
    if wanted.isdigit() and 1 <= int(wanted) <= len(headers):
        return int(wanted) - 1
    raise Refused(Reason.UNKNOWN_HEADER, header=header, headers=", ".join(headers))


def check_mapping(mapping: ColumnMapping) -> None:
    missing = mapping.missing_required()
    if missing:  # the field codes: each front end labels them in its language
        raise Refused(Reason.REQUIRED_COLUMN_MISSING, fields=[f.value for f in missing])


def header_signature(headers: Sequence[str]) -> str:
    """Identifies a header layout, for remembering its mapping."""
    joined = "\x1f".join(normalize_header(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


def mapping_from_saved(headers: Sequence[str], saved: Mapping[str, str]) -> ColumnMapping:
    fields: list[Field | None] = []
    for header in headers:
        value = saved.get(header)
        if value is None or value == Field.IGNORE.value:
            fields.append(None)
        else:
            try:
                fields.append(Field(value))
            except ValueError:
                fields.append(None)
    return ColumnMapping(fields)
