"""Login letters (SPEC §3 "Login letters"): a password-protected PDF with one A4 page
per new account — school, name, class and groups, login, initial password, data-safe
password and the school's own instructions — sorted by class, then name.

The PDF is drawn with reportlab into memory and encrypted in memory with pypdf
(AES-256, PDF 2.0 security handler revision 6, which current PDF readers open);
reportlab's own encryption offers only RC4 or the deprecated AES revision 5. Only the
encrypted bytes reach the disk, atomically (as the protocol's).

Font: DejaVu Sans where the system has it (Linux), else Arial (Windows, macOS), else
Bitstream Vera, which ships inside reportlab; all three cover German, Turkish and the
rest of Western and Central Europe's Latin letters. No font file is kept in our tree.
A character the chosen font lacks is replaced by its base letter (``ř`` → ``r``) or,
failing that, by a visible ``?`` — the letter never fails for a name. Logins and
passwords are ASCII and printed in Courier, where look-alikes differ clearly.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import get_setting, session_scope, set_setting
from app.engine.exports import atomic_write
from app.engine.operators import Actor, acting
from app.engine.plan import Plan
from app.engine.protocol import check_password
from app.engine.reasons import Message, Reason, Refused
from app.engine.results import ApplyResult, RowAction
from app.models import GroupType, School, group_name_key

LETTERS_TEXT_KEY = "letters_text"
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
REGULAR, BOLD, MONO = "SchoolimportSans", "SchoolimportSans-Bold", "Courier-Bold"
_REPLACEMENTS = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}


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
def get_letters_text(session: Session) -> str:
    text = get_setting(session, LETTERS_TEXT_KEY, None)
    return text if isinstance(text, str) and text.strip() else DEFAULT_LETTERS_TEXT


def set_letters_text(session: Session, text: str, actor: Actor | None = None) -> None:
    """The school's instructions on every letter; an empty text restores the default.
    Only an administrator may change it."""
    acting(session, actor).require_admin(Reason.ACTION_LETTERS_TEXT)
    set_setting(session, LETTERS_TEXT_KEY, text.strip() or None)


# -------------------------------------------------------------------------- fonts
def _font_candidates() -> list[tuple[Path, Path]]:
    windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    pairs = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/TTF/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        (str(windows / "arial.ttf"), "arialbd.ttf"),
        ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
        ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
    ]
    found = [(Path(r), Path(r).with_name(b)) for r, b in pairs]
    bundled = Path(reportlab.__file__).parent / "fonts"
    return [*found, (bundled / "Vera.ttf", bundled / "VeraBd.ttf")]


@cache
def _fonts() -> frozenset[int]:
    """Register the first usable font pair; returns the characters it covers."""
    for regular, bold in _font_candidates():
        if not (regular.is_file() and bold.is_file()):
            continue
        try:
            normal, heavy = TTFont(REGULAR, str(regular)), TTFont(BOLD, str(bold))
        except (TTFError, OSError):
            continue
        pdfmetrics.registerFont(normal)
        pdfmetrics.registerFont(heavy)
        covered = set(normal.face.charToGlyph) & set(heavy.face.charToGlyph)
        return frozenset(c for c in covered if c != 0xFFFF)
    raise RuntimeError("no usable font: reportlab's Vera.ttf is missing")  # pragma: no cover


def printable(text: str) -> str:
    """``text`` with the characters the font lacks replaced (base letter, else ``?``)."""
    covered = _fonts()
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) in covered or char in "\n":
            out.append(char)
            continue
        base = _REPLACEMENTS.get(char) or unicodedata.normalize("NFKD", char)[:1]
        out.append(base if base and ord(base) in covered else "?")
    return "".join(out)


# -------------------------------------------------------------------------- the PDF
def build_letters(
    school_name: str,
    entries: Sequence[LetterEntry],
    text: str,
    password: str,
    language: str = "de",
) -> bytes:
    """The encrypted PDF: one page per entry, in the order given (see
    :func:`sort_entries`). Refused without entries or with a short password."""
    check_password(password)
    if not entries:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.NO_NEW_ACCOUNTS))
    labels = LABELS.get(language, LABELS["de"])
    _fonts()
    plain = io.BytesIO()
    canvas = Canvas(plain, pagesize=A4, pageCompression=1)
    canvas.setTitle(labels["title"])
    canvas.setAuthor(printable(school_name))
    for entry in entries:
        _draw_page(canvas, school_name, entry, text, labels)
        canvas.showPage()
    canvas.save()
    return _encrypt(plain.getvalue(), password)


def _encrypt(plain: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    allowed = UserAccessPermissions.PRINT | UserAccessPermissions.PRINT_TO_REPRESENTATION
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=allowed,
        algorithm="AES-256",
    )
    encrypted = io.BytesIO()
    writer.write(encrypted)
    return encrypted.getvalue()


def _draw_page(
    canvas: Canvas, school: str, entry: LetterEntry, text: str, labels: dict[str, str]
) -> None:
    width, height = A4
    left, right = 25 * mm, width - 25 * mm
    y = height - 25 * mm
    canvas.setFont(BOLD, 13)
    canvas.drawString(left, y, printable(school))
    y -= 4 * mm
    canvas.setLineWidth(0.6)
    canvas.line(left, y, right, y)
    y -= 16 * mm
    canvas.setFont(BOLD, 22)
    canvas.drawString(left, y, labels["title"])
    y -= 13 * mm
    canvas.setFont(BOLD, 16)
    canvas.drawString(left, y, printable(f"{entry.first_name} {entry.last_name}"))
    y -= 8 * mm
    canvas.setFont(REGULAR, 11)
    details = [(labels["class"], entry.school_class or labels["missing"])]
    others = [g for g in entry.groups if g != entry.school_class]
    if others:
        details.append((labels["groups"], ", ".join(others)))
    for label, value in details:
        lines = simpleSplit(printable(value), REGULAR, 11, right - left - 40 * mm)
        canvas.drawString(left, y, f"{label}:")
        for line in lines or [""]:
            canvas.drawString(left + 40 * mm, y, line)
            y -= 6 * mm
    y = _draw_credentials(canvas, entry, labels, left, right, y - 6 * mm)
    canvas.setFont(REGULAR, 11)
    for paragraph in printable(text).splitlines():
        for line in simpleSplit(paragraph, REGULAR, 11, right - left) or [""]:
            canvas.drawString(left, y, line)
            y -= 5.5 * mm
        y -= 2 * mm
    canvas.setFont(REGULAR, 8)
    canvas.drawString(left, 15 * mm, labels["confidential"])


def _draw_credentials(
    canvas: Canvas, entry: LetterEntry, labels: dict[str, str], left: float, right: float, y: float
) -> float:
    rows = [
        (labels["login"], entry.login),
        (labels["password"], entry.password or labels["missing"]),
        (labels["datasafe"], entry.datasafe_password or labels["missing"]),
    ]
    box_height = len(rows) * 11 * mm + 6 * mm
    canvas.setLineWidth(1)
    canvas.roundRect(left, y - box_height, right - left, box_height, 3 * mm)
    row_y = y - 10 * mm
    for label, value in rows:
        canvas.setFont(REGULAR, 11)
        canvas.drawString(left + 6 * mm, row_y, f"{label}:")
        font = MONO if value.isascii() else BOLD
        canvas.setFont(font, 15)
        canvas.drawString(left + 55 * mm, row_y, value if value.isascii() else printable(value))
        row_y -= 11 * mm
    return y - box_height - 12 * mm


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
        school = session.get(School, plan.state.school_id)
        name = school.name if school is not None else ""
        text = get_letters_text(session)
    return save_letters(path, name, entries, text, password, language)
