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
    ACCOUNT_TYPE = "account_type"
    IGNORE = "ignore"


# The key under which a remembered mapping keeps the fields a source ID is derived from.
IDENTITY_KEY = ""
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
        "idnumber",
        "officialcode",
        "official code",
        "record uid",
        "recorduid",
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
        "cohort",
        "cohorts",
        "kohorte",
        "kohorten",
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
    # Recognised only as the whole header ("type1" in a Moodle file is a course role);
    # "Typ", "Rolle", "Status" … only by their values (accounttypes.recognise_by_values).
    Field.ACCOUNT_TYPE: (
        "benutzertyp",
        "kontotyp",
        "kontoart",
        "user type",
        "usertype",
        "account type",
        "accounttype",
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
    for number, candidate in enumerate(_candidates(header)):
        found = _LOOKUP.get(candidate)
        if found is not None and not (number and found is Field.ACCOUNT_TYPE):
            return found
    return None


@dataclass(slots=True)
class ColumnMapping:
    """One field (or None = not imported) per file column.

    ``extra`` holds second fields fed by a column that already feeds one (Moodle's
    ``username`` is both the source ID and the login); ``identity`` names the fields
    a source ID is derived from when the file has none (:mod:`app.engine.planning.identity`).
    """

    fields: list[Field | None]
    # Columns whose header names a field that another column already took.
    warnings: list[str] = field(default_factory=list)
    extra: list[tuple[int, Field]] = field(default_factory=list)
    identity: tuple[Field, ...] = ()

    def columns_of(self, wanted: Field) -> list[int]:
        found = [i for i, f in enumerate(self.fields) if f is wanted]
        return found + [i for i, f in self.extra if f is wanted and i not in found]

    def column_of(self, wanted: Field) -> int | None:
        cols = self.columns_of(wanted)
        return cols[0] if cols else None

    def mapped_fields(self) -> set[Field]:
        """Every field a column feeds (a derived source ID counts as mapped)."""
        found = {f for f in self.fields if f is not None} | {f for _i, f in self.extra}
        return found | ({Field.SOURCE_ID} if self.identity else set())

    def missing_required(self) -> list[Field]:
        mapped = self.mapped_fields()
        return [f for f in REQUIRED_FIELDS if f not in mapped]

    def is_complete(self) -> bool:
        return not self.missing_required()

    def key(self) -> tuple[object, ...]:
        """Equal for equal mappings (what a page caches its results by)."""
        return (tuple(self.fields), tuple(self.extra), self.identity)

    def by_header(self, headers: Sequence[str]) -> dict[str, str]:
        """``header -> field`` (``"login+source_id"`` for a column with two)."""
        saved = {
            h: (f.value if f is not None else Field.IGNORE.value)
            for h, f in zip(headers, self.fields, strict=True)
        }
        for index, fld in self.extra:
            saved[headers[index]] += "+" + fld.value
        if self.identity:  # no header is empty: this key is never a column's
            saved[IDENTITY_KEY] = ",".join(f.value for f in self.identity)
        return saved


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
    mapping: ColumnMapping,
    headers: Sequence[str],
    overrides: Mapping[str, str] | Iterable[tuple[str, str]],
) -> ColumnMapping:
    """Explicit ``Header=field`` choices on top of a mapping.

    A header may also be given as its 1-based column number. A single-valued field
    chosen explicitly is taken away from any column that had it automatically. The
    same header chosen twice feeds both fields (``username=source_id``,
    ``username=login``).
    """
    fields = list(mapping.fields)
    extra: list[tuple[int, Field]] = list(mapping.extra)
    chosen: set[int] = set()
    pairs = overrides.items() if isinstance(overrides, Mapping) else overrides
    for header, value in pairs:
        index = _column_index(headers, header)
        fld = parse_field(value)
        target: Field | None = None if fld is Field.IGNORE else fld
        if target is not None and target not in MULTI_COLUMN_FIELDS:
            fields = [None if f is target else f for f in fields]
            extra = [(i, f) for i, f in extra if f is not target]
        if index in chosen and target is not None and fields[index] is not None:
            if fields[index] is not target:
                extra.append((index, target))
            continue
        chosen.add(index)
        extra = [(i, f) for i, f in extra if i != index]
        fields[index] = target
    return ColumnMapping(fields, mapping.warnings, extra, mapping.identity)


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


def check_headers(headers: Sequence[str], mapping: ColumnMapping, chosen: Iterable[str]) -> None:
    """Refuse a header over two columns when a field would be taken from one of them
    and no choice names a column of it by number (``--map 3=ignore``): taking the first
    silently would import whichever column happens to come first."""
    by_header: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        by_header.setdefault(header.strip().casefold(), []).append(index)
    numbers = {int(c) - 1 for c in chosen if c.strip().isdigit()}
    fed = {i for i, f in enumerate(mapping.fields) if f is not None} | {i for i, _ in mapping.extra}
    for columns in by_header.values():
        if len(columns) > 1 and fed & set(columns) and not numbers & set(columns):
            raise Refused(
                Reason.HEADER_TWICE,
                header=headers[columns[0]],
                columns=", ".join(str(c + 1) for c in columns),
                column=columns[-1] + 1,
            )


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
    extra: list[tuple[int, Field]] = []
    for index, header in enumerate(headers):
        first, *more = (saved.get(header) or Field.IGNORE.value).split("+")
        fields.append(_saved_field(first))
        extra.extend((index, f) for f in map(_saved_field, more) if f is not None)
    identity = tuple(
        f for f in map(_saved_field, saved.get(IDENTITY_KEY, "").split(",")) if f is not None
    )
    return ColumnMapping(fields, extra=extra, identity=identity)


def _saved_field(value: str) -> Field | None:
    try:
        found = Field(value)
    except ValueError:
        return None
    return None if found is Field.IGNORE else found
