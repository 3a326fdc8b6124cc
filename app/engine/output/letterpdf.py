"""The PDF of the login letters (``app.engine.output.letters``): drawn with reportlab into
memory, encrypted in memory with pypdf (AES-256, PDF 2.0 security handler revision 6,
which current PDF readers open; reportlab's own encryption offers only RC4 or the
deprecated AES revision 5).

Only ``letters.save_letters`` imports this module, when it writes letters: reportlab
and pypdf are not loaded by anything else (docs/architecture.md, "Start-up").
Fonts and the replacement of missing characters: see ``app.engine.output.letters``.
"""

from __future__ import annotations

import io
import os
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
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

from app.engine.output.letters import ADULT_TYPES, LABELS, LetterEntry
from app.engine.output.protocol import check_password
from app.engine.reasons import Message, Reason, Refused

REGULAR, BOLD, MONO = "SchoolimportSans", "SchoolimportSans-Bold", "Courier-Bold"
_REPLACEMENTS = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}


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
    text: str | Mapping[str, str],
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
        words = text if isinstance(text, str) else text.get(entry.account_type, "")
        _draw_page(canvas, school_name, entry, words, labels)
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
    adult = entry.account_type in ADULT_TYPES
    details = []
    if not adult:  # a pupil's class, or "—" when it has none
        details.append((labels["class"], entry.school_class or labels["missing"]))
    others = [g for g in entry.groups if adult or g != entry.school_class]
    if others:  # teachers and staff: their groups and subjects, no "Klasse: —"
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
