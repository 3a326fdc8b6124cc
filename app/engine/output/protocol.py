"""The password-protected protocol of a run (SPEC §2.8).

One row per input row (then one per expiry entry): action, source ID, names, groups,
login, the initial secrets of new accounts only, the changes and the reason a row was
left out. Headers are mail-merge friendly (ASCII letters only, no spaces). No cell is
ever evaluated as a formula: XLSX marks such text with the ``quotePrefix`` style (the
value is unchanged), CSV prefixes it with an apostrophe. The protocol is built and
encrypted in memory — XLSX with Office's agile encryption (msoffcrypto-tool), CSV
inside an AES-256 zip (pyzipper) — and only the encrypted bytes reach the disk.
"""

from __future__ import annotations

import csv
import io
import os
import string
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import islice, zip_longest
from pathlib import Path
from typing import Any, Literal

from app.engine.gcpause import gc_paused
from app.engine.german import field_words
from app.engine.german import words as words_of
from app.engine.output.exports import atomic_write
from app.engine.output.safecells import neutralize_texts
from app.engine.output.xlsxwrite import workbook_bytes
from app.engine.planning.results import FieldChange, NewCredentials, RowAction, RowPlan
from app.engine.reasons import Message, Reason, Refused

MIN_PASSWORD_LENGTH = 8
MINI_STREAM_CUTOFF = 4096  # bytes; smaller OLE streams go to the mini stream

ProtocolFormat = Literal["xlsx", "csv"]

PROTOCOL_HEADERS: dict[str, tuple[str, ...]] = {
    "en": (
        "Action",
        "SourceID",
        "LastName",
        "FirstName",
        "Groups",
        "Login",
        "InitialPassword",
        "DataSafePassword",
        "Changes",
        "Reason",
    ),
    "de": (
        "Aktion",
        "QuellID",
        "Nachname",
        "Vorname",
        "Gruppen",
        "Benutzername",
        "Startpasswort",
        "DatensafePasswort",
        "Aenderungen",
        "Grund",
    ),
}

# Keys are RowPlan.outcome values (see results.COUNT_KEYS).
ACTION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "created": "created",
        "updated": "updated",
        "unchanged": "unchanged",
        "expired": "expired",
        "reactivated": "reactivated",
        "skipped": "skipped",
        "invalid": "invalid",
        "conflicts": "conflict",
        "other_type": "other account type",
    },
    "de": {
        "created": "angelegt",
        "updated": "aktualisiert",
        "unchanged": "unverändert",
        "expired": "zur Löschung vorgemerkt",
        "reactivated": "reaktiviert",
        "skipped": "übersprungen",
        "invalid": "ungültig",
        "conflicts": "Konflikt",
        "other_type": "andere Kontoart",
    },
}

SHEET_TITLES = {"en": "Protocol", "de": "Protokoll"}


CHANGE_WORDS = {
    "en": {"added": "groups added", "removed": "groups removed", "none": "—"},
    "de": {"added": "Gruppen hinzugefügt", "removed": "Gruppen entfernt", "none": "—"},
}
# Rows of an existing account of this source: it holds its login whatever the run did.
_EXISTING = (RowAction.UPDATE, RowAction.UNCHANGED, RowAction.REACTIVATE, RowAction.EXPIRE)
_CHANGED = (RowAction.UPDATE, RowAction.REACTIVATE)


@gc_paused
def protocol_rows(
    rows: Sequence[RowPlan],
    credentials: Mapping[int, NewCredentials],
    logins: Mapping[int, str],
    language: str = "en",
) -> list[list[str]]:
    """The protocol's data rows, in the order of ``rows``, as plain values.

    Only a row that holds an account after the run carries a login, and only a new
    account its passwords; a skipped, invalid or unresolved row has neither (its
    planned login was never given out). Changes are listed only for rows whose account
    changed. Reasons, changes and field names are in ``language``. Nothing is
    neutralised here: the XLSX writer marks formula-like text with ``quotePrefix``,
    the CSV writer prefixes it with an apostrophe (:func:`build_csv_zip`).
    """
    words = ACTION_WORDS[language]
    table: list[list[str]] = []
    for row in rows:
        acting = row.effective_action
        secrets = credentials.get(row.index) if row.index is not None else None
        login = _login(row, acting, logins)
        table.append(
            [
                words.get(row.outcome, row.outcome),
                row.values.source_id,
                row.values.last_name,
                row.values.first_name,
                ", ".join(row.values.groups),
                login,
                (secrets.password or "") if secrets and login else "",
                (secrets.datasafe_password or "") if secrets and login else "",
                _changes(row, language) if acting in _CHANGED else "",
                _reasons(row, language),
            ]
        )
    return table


def _login(row: RowPlan, acting: RowAction | None, logins: Mapping[int, str]) -> str:
    given = logins.get(row.index) if row.index is not None else None
    if acting is RowAction.CREATE:
        return given or row.new_login or ""
    if acting is not None or row.action in _EXISTING:  # an account of this source
        return given or row.login or ""
    return ""  # a new row left out: its planned login was never given out


def _value_text(value: Any, language: str) -> str:
    if value is None or value == "":
        return CHANGE_WORDS[language]["none"]
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if language == "de" else value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _change_text(change: FieldChange, language: str) -> str:
    old, new = _value_text(change.old, language), _value_text(change.new, language)
    return f"{field_words(change.field, language)}: {old} → {new}"


def _changes(row: RowPlan, language: str) -> str:
    """The changes of an updated row; every part begins with a word, never with a
    character a spreadsheet would take for a formula."""
    words = CHANGE_WORDS[language]
    parts = [_change_text(c, language) for c in row.changes]
    if row.groups_added:
        parts.append(f"{words['added']}: {', '.join(row.groups_added)}")
    if row.groups_removed:
        parts.append(f"{words['removed']}: {', '.join(row.groups_removed)}")
    return "; ".join(parts)


def _reasons(row: RowPlan, language: str) -> str:
    messages = row.explanations()
    if not messages and not row.groups_ignored:
        return ""
    messages += [Message(Reason.GROUP_IGNORED, {"group": g}) for g in row.groups_ignored]
    texts = [words_of(m, language) for m in messages]
    return "; ".join(dict.fromkeys(texts))  # drop repeats, keep the order


@gc_paused
def build_xlsx(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    password: str,
    sheet_title: str = "Protocol",
    doc_title: str = "",
) -> bytes:
    """An encrypted workbook (Office agile encryption) of ``headers`` and ``rows``.

    The workbook is written by :mod:`app.engine.output.xlsxwrite` entirely in memory (no
    temporary files, so no plain text on disk), about 7× faster than XlsxWriter for a
    50,000-row protocol. Every cell is a string cell, never a formula, a number or a
    link; control characters become U+FFFD.
    """
    widths = _column_widths(headers, rows)
    plain = workbook_bytes(headers, rows, sheet_title, widths, title=doc_title)
    if len(plain) < MINI_STREAM_CUTOFF:
        # msoffcrypto-tool writes a corrupt file when the encrypted package fits the
        # OLE mini stream (nolze/msoffcrypto-tool#105); stored, not deflated, even a
        # workbook without rows is larger than that.
        plain = workbook_bytes(headers, rows, sheet_title, widths, compress=False, title=doc_title)
    # Imported when a protocol is written (pyzipper too): a preview needs neither.
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, encrypted)
    return encrypted.getvalue()


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    widths = [len(header) for header in headers]
    columns = zip_longest(*rows, fillvalue="")  # transposed in C, faster than a loop
    for index, column in enumerate(islice(columns, len(widths))):
        widths[index] = max(widths[index], max(map(len, column)))
    return [min(60, max(8, width + 2)) for width in widths]


@gc_paused
def build_csv_zip(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    password: str,
    inner_name: str = "protokoll.csv",
) -> bytes:
    """A zip (WinZip AES-256) holding the protocol as CSV.

    The CSV is UTF-8 with a byte order mark, so that Excel reads umlauts, and uses
    ``;`` as delimiter, which German Excel expects (it takes the list separator of the
    locale); LibreOffice asks and detects either.
    """
    import pyzipper

    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    # A CSV cell has no style: text a spreadsheet could evaluate gets an apostrophe.
    writer.writerows(map(neutralize_texts, rows))
    data = text.getvalue().encode("utf-8-sig")
    archive = io.BytesIO()
    with pyzipper.AESZipFile(
        archive, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as zip_file:
        zip_file.setpassword(password.encode("utf-8"))
        zip_file.setencryption(pyzipper.WZ_AES, nbits=256)
        zip_file.writestr(inner_name, data)
    return archive.getvalue()


def check_password(password: str) -> None:
    """Refuse a protocol password shorter than :data:`MIN_PASSWORD_LENGTH`."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Refused(Reason.PASSWORD_TOO_SHORT, limit=MIN_PASSWORD_LENGTH)


def protocol_path(path: str | os.PathLike[str], fmt: ProtocolFormat | None = None) -> Path:
    """The file name a protocol is saved under: ``.xlsx``, or ``.zip`` for CSV.

    Without ``fmt`` the suffix decides; ``x.csv`` becomes ``x.csv.zip``, because what is
    written is a zip. With ``fmt`` the matching suffix is appended when missing.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if fmt is None:
        if suffix == ".xlsx":
            return target
        if suffix in (".zip", ".csv"):
            fmt = "csv"
        else:
            raise Refused(
                Reason.INVALID_VALUE,
                file=str(target),
                detail=Message(Reason.PROTOCOL_SUFFIX),
            )
    wanted = ".xlsx" if fmt == "xlsx" else ".zip"
    return target if suffix == wanted else target.with_name(target.name + wanted)


def save_protocol(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    password: str,
    fmt: ProtocolFormat | None = None,
) -> Path:
    """Encrypt the protocol and write it atomically; returns the path written.

    The encrypted bytes go to a temporary file next to the target, are synced and then
    renamed onto it; on any failure the temporary file is removed and the target is
    untouched. Nothing unencrypted reaches the disk.
    """
    target = protocol_path(path, fmt)
    atomic_write(target, protocol_bytes(target, headers, rows, password))
    return target


def protocol_bytes(
    target: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    password: str,
    school: str = "",
) -> bytes:
    """The encrypted protocol for ``target`` (its suffix decides XLSX or CSV zip); an
    XLSX protocol carries ``school`` in its title (the headers stay mail-merge rows)."""
    check_password(password)
    if target.suffix.lower() == ".xlsx":
        titles = {PROTOCOL_HEADERS[lang]: SHEET_TITLES[lang] for lang in PROTOCOL_HEADERS}
        title = titles.get(tuple(headers), SHEET_TITLES["en"])
        heading = f"{title} – {school}" if school else title
        return build_xlsx(headers, rows, password, sheet_title=title, doc_title=heading)
    return build_csv_zip(headers, rows, password, inner_name=_inner_name(target))


def _inner_name(target: Path) -> str:
    stem = target.name[: -len(".zip")] if target.name.lower().endswith(".zip") else target.name
    if not stem.lower().endswith(".csv"):
        stem += ".csv"
    allowed = set(string.ascii_letters + string.digits + "._- ")
    return "".join(c if c in allowed else "_" for c in stem)  # portable inside a zip


def password_strength(password: str) -> int:
    """0 (refused) .. 4 (strong), for the wizard's strength meter.

    Length classes (8, 12, 16 characters) plus one point for using at least three of
    lower case, upper case, digits and other characters; few distinct characters cap
    the score at 1.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0
    classes = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    score = 1 + (len(password) >= 12) + (len(password) >= 16) + (classes >= 3)
    if len(set(password)) < 5:
        score = 1
    return min(4, score)
