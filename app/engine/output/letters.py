"""Login letters (SPEC §3 "Login letters"): a password-protected PDF with one A4 page
per new account — school, name, class and groups, login, initial password, data-safe
password and the school's own instructions — sorted by class, then name.

The PDF is drawn with reportlab into memory and encrypted in memory with pypdf
(AES-256, PDF 2.0 security handler revision 6, which current PDF readers open) in
``app.engine.output.letterpdf``, which ``save_letters`` imports when it writes letters. Only
the encrypted bytes reach the disk, atomically (as the protocol's).

Font: DejaVu Sans where the system has it (Linux), else Arial (Windows, macOS), else
Bitstream Vera, which ships inside reportlab; all three cover German, Turkish and the
rest of Western and Central Europe's Latin letters. No font file is kept in our tree.
A character the chosen font lacks is replaced by its base letter (``ř`` → ``r``) or,
failing that, by a visible ``?`` — the letter never fails for a name. Logins and
passwords are ASCII and printed in Courier, where look-alikes differ clearly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.db import get_setting, session_scope, set_setting
from app.engine.access.operators import Actor, acting
from app.engine.output.exports import atomic_write
from app.engine.planning.plan import Plan
from app.engine.planning.results import ApplyResult, RowAction
from app.engine.reasons import Reason
from app.models import GroupType, group_name_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LETTERS_TEXT_KEY = "letters_text"  # pupils' letters ("du")
ADULT_TEXT_KEY = "letters_text_adults"  # teachers' and staff's letters ("Sie")
DEFAULT_LETTERS_TEXT = (
    "Mit diesen Zugangsdaten meldest du dich zum ersten Mal an. Beim ersten Anmelden "
    "wirst du gebeten, ein eigenes Passwort zu wählen, das du dir gut merken kannst "
    "und niemandem verrätst.\n"
    "Das Datensafe-Passwort schützt deine persönlichen Dateien. Bewahre es sicher auf.\n"
    "Hast du dein Passwort vergessen, wende dich an das Sekretariat oder die "
    "Administratorin bzw. den Administrator der Schule.\n"
    "Bitte bewahre dieses Blatt sicher auf oder vernichte es, sobald du dein eigenes "
    "Passwort gewählt hast."
)
DEFAULT_ADULT_TEXT = (
    "Mit diesen Zugangsdaten melden Sie sich zum ersten Mal an. Beim ersten Anmelden "
    "werden Sie gebeten, ein eigenes Passwort zu wählen, das Sie sich gut merken können "
    "und niemandem verraten.\n"
    "Das Datensafe-Passwort schützt Ihre persönlichen Dateien. Bewahren Sie es sicher auf.\n"
    "Haben Sie Ihr Passwort vergessen, wenden Sie sich bitte an das Sekretariat oder die "
    "Administratorin bzw. den Administrator der Schule.\n"
    "Bitte bewahren Sie dieses Blatt sicher auf oder vernichten Sie es, sobald Sie Ihr "
    "eigenes Passwort gewählt haben."
)
ADULT_TYPES = frozenset({"teacher", "staff"})
LABELS = {
    "de": {
        "title": "Zugangsdaten",
        "class": "Klasse",
        "groups": "Gruppen",
        "login": "Benutzername",
        "password": "Startpasswort",
        "datasafe": "Datensafe-Passwort",
        "missing": "—",
        "confidential": "Vertraulich — nur für die genannte Person bestimmt.",
    },
    "en": {
        "title": "Your account",
        "class": "Class",
        "groups": "Groups",
        "login": "Login",
        "password": "Initial password",
        "datasafe": "Data-safe password",
        "missing": "—",
        "confidential": "Confidential — for the named person only.",
    },
}


@dataclass(frozen=True, slots=True)
class LetterEntry:
    """One new account's letter; holds secrets, so it never prints them."""

    last_name: str
    first_name: str
    login: str
    school_class: str
    groups: tuple[str, ...]
    password: str | None
    datasafe_password: str | None
    account_type: str = "student"

    def __repr__(self) -> str:
        return f"LetterEntry({self.login!r}, <secrets hidden>)"


# -------------------------------------------------------------------------- entries
def letters_entries(plan: Plan, result: ApplyResult) -> list[LetterEntry]:
    """The letters of a finished run: the created rows with their credentials."""
    entries: list[LetterEntry] = []
    for row in plan.rows:
        if row.effective_action is not RowAction.CREATE or row.index is None:
            continue
        secrets_ = result.credentials.get(row.index)
        login = result.logins.get(row.index) or row.new_login
        if secrets_ is None or login is None:
            continue
        ignored = set(row.groups_ignored)
        groups = tuple(g for g in row.values.groups if g not in ignored)
        classes = [g for g in groups if _group_type(plan, g) == GroupType.CLASS.value]
        entries.append(
            LetterEntry(
                last_name=row.values.last_name,
                first_name=row.values.first_name,
                login=login,
                school_class=classes[0] if classes else "",
                groups=groups,
                password=secrets_.password,
                datasafe_password=secrets_.datasafe_password,
                account_type=plan.options.account_type,
            )
        )
    return sort_entries(entries)


def _group_type(plan: Plan, name: str) -> str | None:
    need = plan.groups.get(group_name_key(name))
    if need is None:
        return None
    if need.group_id is not None:
        group = plan.state.groups_by_id.get(need.group_id)
        return group.type if group is not None else None
    return need.create_type


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "5a" < "10a": digits compare as numbers."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def sort_entries(entries: Sequence[LetterEntry]) -> list[LetterEntry]:
    """By class (accounts without a class last), then last and first name."""
    return sorted(
        entries,
        key=lambda e: (
            not e.school_class,
            _natural(e.school_class),
            e.last_name.casefold(),
            e.first_name.casefold(),
            e.login,
        ),
    )


# -------------------------------------------------------------------------- settings
def get_letters_text(session: Session, account_type: str = "student") -> str:
    """The instructions on a letter: pupils are addressed with "du", teachers and
    staff with "Sie"; each text can be replaced by the school's own."""
    adult = account_type in ADULT_TYPES
    text = get_setting(session, ADULT_TEXT_KEY if adult else LETTERS_TEXT_KEY, None)
    if isinstance(text, str) and text.strip():
        return text
    return DEFAULT_ADULT_TEXT if adult else DEFAULT_LETTERS_TEXT


def letters_texts(session: Session) -> dict[str, str]:
    """The instructions per account type."""
    return {kind: get_letters_text(session, kind) for kind in ("student", "teacher", "staff")}


def set_letters_text(
    session: Session, text: str, actor: Actor | None = None, account_type: str = "student"
) -> None:
    """The school's instructions on letters of ``account_type`` (teachers and staff
    share one); an empty text restores the default. Only an administrator may change it."""
    acting(session, actor).require_admin(Reason.ACTION_LETTERS_TEXT)
    key = ADULT_TEXT_KEY if account_type in ADULT_TYPES else LETTERS_TEXT_KEY
    set_setting(session, key, text.strip() or None)


# -------------------------------------------------------------------------- saving
def save_letters(
    path: str | os.PathLike[str],
    school_name: str,
    entries: Sequence[LetterEntry],
    text: str,
    password: str,
    language: str = "de",
) -> Path:
    """Build the encrypted letters and write them atomically; returns the path."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    # Imported here: reportlab and pypdf take 0.1 s and 15 MB that only letters need.
    from app.engine.output.letterpdf import build_letters

    payload = build_letters(school_name, entries, text, password, language)
    atomic_write(target, payload)
    return target


def save_import_letters(
    engine: Engine,
    plan: Plan,
    result: ApplyResult,
    path: str | os.PathLike[str],
    password: str,
    language: str = "de",
) -> Path | None:
    """The letters of a finished import, with the school's name and text from the
    database; None (nothing written) when the run created no account."""
    entries = letters_entries(plan, result)
    if not entries:
        return None
    with session_scope(engine) as session:
        from app.models import School  # the ORM: for a run only

        school = session.get(School, plan.state.school_id)
        name = school.name if school is not None else ""
        text = get_letters_text(session, plan.options.account_type)
    return save_letters(path, name, entries, text, password, language)
