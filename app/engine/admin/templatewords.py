"""The import template's words (SPEC §3) in German and English: sheet titles, headers,
the instructions sheet and the messages of the input validation.

German is the default and the school office's language; the English template is for
the English interface. Both languages' headers are ones the column mapper recognises
(``app.engine.planning.mapping``), and a file made from either is read back as a
template (``template.template_version`` knows both instructions sheets)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.models import AccountTypeCode

MAX_NAME = 64
MAX_EMAIL = 254
LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # which column this is, the same in every language ("birth_date")
    header: str
    required: bool
    text: str
    example: str


@dataclass(frozen=True, slots=True)
class EntryMessage:
    """A validation's message when an entry is refused."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class TemplateWords:
    sheet_titles: Mapping[AccountTypeCode, str]
    instructions_sheet: str
    version_label: str
    heading: str  # {title}: the data sheet's title
    how_to: str  # {title}
    document_title: str  # {title}
    table_head: tuple[str, str, str, str]
    yes: str
    no: str
    invalid_date: EntryMessage
    invalid_email: EntryMessage
    too_long: EntryMessage
    columns: Mapping[str, Column]


GERMAN = TemplateWords(
    sheet_titles={
        AccountTypeCode.STUDENT: "Schülerinnen und Schüler",
        AccountTypeCode.TEACHER: "Lehrkräfte",
        AccountTypeCode.STAFF: "Personal",
    },
    instructions_sheet="Anleitung",
    version_label="Vorlagenversion",
    heading="Importvorlage: {title}",
    how_to=(
        "Tragen Sie ab Zeile 2 des Blatts „{title}“ eine Person pro "
        "Zeile ein. Die Überschriften in Zeile 1 nicht ändern; weitere Spalten "
        "werden beim Import nicht übernommen."
    ),
    document_title="schoolimport – Importvorlage {title}",
    table_head=("Spalte", "Pflicht", "Beschreibung", "Beispiel"),
    yes="ja",
    no="nein",
    invalid_date=EntryMessage(
        "Ungültiges Datum",
        "Bitte ein Datum zwischen 01.01.1900 und heute eingeben (TT.MM.JJJJ).",
    ),
    invalid_email=EntryMessage(
        "Ungültige E-Mail-Adresse",
        "Bitte eine E-Mail-Adresse wie name@schule.de eingeben (ohne Leerzeichen).",
    ),
    too_long=EntryMessage("Zu lang", f"Namen haben höchstens {MAX_NAME} Zeichen."),
    columns={
        column.key: column
        for column in (
            Column(
                "source_id",
                "Quell-ID",
                True,
                "Die eindeutige Nummer der Person in der Schulverwaltung (z. B. Interne "
                "ID-Nummer). Sie verbindet die Zeile bei jedem weiteren Import mit "
                "demselben Konto.",
                "100234",
            ),
            Column(
                "last_name",
                "Nachname",
                True,
                f"Familienname, höchstens {MAX_NAME} Zeichen.",
                "Müller",
            ),
            Column(
                "first_name", "Vorname", True, f"Rufname, höchstens {MAX_NAME} Zeichen.", "Jörg"
            ),
            Column(
                "class",
                "Klasse",
                False,
                "Die Klasse im gewählten Schuljahr. Mehrere Gruppen (z. B. Kurse) durch Komma "
                "oder Semikolon trennen.",
                "5a; Chor",
            ),
            Column(
                "groups",
                "Gruppen",
                False,
                "Gruppen im gewählten Schuljahr (z. B. Kollegium, Fachschaft), durch Komma "
                "oder Semikolon getrennt.",
                "Kollegium; Fachschaft Mathematik",
            ),
            Column(
                "birth_date",
                "Geburtsdatum",
                False,
                "Als Datum eingeben (TT.MM.JJJJ); zwischen 01.01.1900 und heute.",
                "02.03.2014",
            ),
            Column(
                "email",
                "E-Mail",
                False,
                f"Eine E-Mail-Adresse (name@domain.de), höchstens {MAX_EMAIL} Zeichen.",
                "",
            ),
            Column(
                "login",
                "Benutzername",
                False,
                "Leer lassen, dann wird der Benutzername erzeugt (vorname.nachname). Erlaubt "
                "sind nur a-z, 0-9, Punkt und Bindestrich.",
                "j.mueller",
            ),
        )
    },
)

# The headers are the English interface's field names ("Birth date", "Login"); the
# dates keep the German form (DD.MM.YYYY), as the school office's exports write them.
ENGLISH = TemplateWords(
    sheet_titles={
        AccountTypeCode.STUDENT: "Students",
        AccountTypeCode.TEACHER: "Teachers",
        AccountTypeCode.STAFF: "Staff",
    },
    instructions_sheet="Instructions",
    version_label="Template version",
    heading="Import template: {title}",
    how_to=(
        "Enter one person per row, from row 2 of the sheet “{title}” on. Do not change "
        "the headers in row 1; further columns are not imported."
    ),
    document_title="schoolimport – import template {title}",
    table_head=("Column", "Required", "Description", "Example"),
    yes="yes",
    no="no",
    invalid_date=EntryMessage(
        "Invalid date",
        "Please enter a date between 01.01.1900 and today (DD.MM.YYYY).",
    ),
    invalid_email=EntryMessage(
        "Invalid e-mail address",
        "Please enter an e-mail address like name@school.de (without spaces).",
    ),
    too_long=EntryMessage("Too long", f"Names have at most {MAX_NAME} characters."),
    columns={
        column.key: column
        for column in (
            Column(
                "source_id",
                "Source ID",
                True,
                "The person's unique number in the school administration software (e.g. "
                "the internal ID number). It links the row to the same account at every "
                "further import.",
                "100234",
            ),
            Column(
                "last_name",
                "Last name",
                True,
                f"Family name, at most {MAX_NAME} characters.",
                "Müller",
            ),
            Column(
                "first_name",
                "First name",
                True,
                f"The name the person goes by, at most {MAX_NAME} characters.",
                "Jörg",
            ),
            Column(
                "class",
                "Class",
                False,
                "The class in the chosen school year. Separate further groups (e.g. courses) "
                "with a comma or semicolon.",
                "5a; Choir",
            ),
            Column(
                "groups",
                "Groups",
                False,
                "Groups in the chosen school year (e.g. teaching staff, subject department), "
                "separated by a comma or semicolon.",
                "Teaching staff; Mathematics department",
            ),
            Column(
                "birth_date",
                "Birth date",
                False,
                "Enter as a date (DD.MM.YYYY); between 01.01.1900 and today.",
                "02.03.2014",
            ),
            Column(
                "email",
                "E-mail",
                False,
                f"An e-mail address (name@domain.de), at most {MAX_EMAIL} characters.",
                "",
            ),
            Column(
                "login",
                "Login",
                False,
                "Leave empty and the login is made from the name (firstname.lastname). Only "
                "a-z, 0-9, dot and hyphen are allowed.",
                "j.mueller",
            ),
        )
    },
)

WORDS: Mapping[str, TemplateWords] = {"de": GERMAN, "en": ENGLISH}


def template_words(language: str) -> TemplateWords:
    """The words of ``language`` ("de" or "en")."""
    try:
        return WORDS[language]
    except KeyError:
        raise ValueError(f"no import template in the language {language!r}") from None
