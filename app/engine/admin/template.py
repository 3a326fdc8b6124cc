"""The import template (SPEC §3): an empty workbook per account type whose headers
the column mapper recognises, with input validation, an instructions sheet and a
version mark, so that an import of an outdated template can warn.

XLSX is written with openpyxl: the data sheet comes first (the reader takes the first
sheet), dates are validated (1900-01-01 to today) and formatted as dates, e-mail
addresses are checked with a pattern, names are limited to 64 characters and the
source ID column is text (leading zeros stay). ODS (odfpy, for LibreOffice schools)
has the headers and the instructions but no validation.

The words are German (the default) or English (``templatewords``). The version mark
is language-neutral: the document keyword ``schoolimport-template v<N>`` (XLSX and
ODS) and, in XLSX, also the cell next to "Vorlagenversion" ("Template version") on
the instructions sheet, which the version is read back from in either language.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from app.engine.admin.templatewords import (
    GERMAN,
    MAX_EMAIL,
    MAX_NAME,
    WORDS,
    Column,
    TemplateWords,
    template_words,
)
from app.engine.admin.userlist import parse_account_type
from app.engine.output.exports import atomic_write
from app.models import AccountTypeCode

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TEMPLATE_VERSION = 1
KEYWORD_PREFIX = "schoolimport-template v"
# The German words, which older callers and tests name; a template in either language
# is recognised by INSTRUCTIONS_SHEETS and VERSION_LABELS.
VERSION_LABEL = GERMAN.version_label
INSTRUCTIONS_SHEET = GERMAN.instructions_sheet
VERSION_LABELS = frozenset(words.version_label for words in WORDS.values())
INSTRUCTIONS_SHEETS = tuple(words.instructions_sheet for words in WORDS.values())
VALIDATED_ROWS = 5000  # how far down the validations and formats reach
DATE_FORMAT = "DD.MM.YYYY"

_KEYWORD = re.compile(re.escape(KEYWORD_PREFIX) + r"(\d+)")
_STUDENT_COLUMNS = ("source_id", "last_name", "first_name", "class", "birth_date", "email")
_OTHER_COLUMNS = ("source_id", "last_name", "first_name", "groups", "birth_date", "email", "login")


def template_columns(account_type: str, language: str = "de") -> list[Column]:
    """The columns of the template for an account type, in order."""
    return _columns(parse_account_type(account_type), template_words(language))


def _columns(code: AccountTypeCode, words: TemplateWords) -> list[Column]:
    keys = _STUDENT_COLUMNS if code is AccountTypeCode.STUDENT else _OTHER_COLUMNS
    return [words.columns[key] for key in keys]


def write_template(target: Path, account_type: str, language: str = "de") -> Path:
    """Write the template in ``language`` ("de" or "en"); ODS when ``target`` ends in
    ``.ods``, else XLSX."""
    target = Path(target)
    code = parse_account_type(account_type)
    words = template_words(language)
    columns = _columns(code, words)
    if target.suffix.lower() == ".ods":
        data = _ods_bytes(code, columns, words)
    else:
        data = _xlsx_bytes(code, columns, words)
    atomic_write(target, data)
    return target


def instructions(code: AccountTypeCode, language: str = "de") -> list[list[str]]:
    """The rows of the instructions sheet."""
    return _instruction_rows(code, template_words(language))


def _instruction_rows(code: AccountTypeCode, words: TemplateWords) -> list[list[str]]:
    title = words.sheet_titles[code]
    rows = [
        [words.heading.format(title=title)],
        [words.version_label, str(TEMPLATE_VERSION)],
        [],
        [words.how_to.format(title=title)],
        [],
        list(words.table_head),
    ]
    for column in _columns(code, words):
        required = words.yes if column.required else words.no
        rows.append([column.header, required, column.text, column.example])
    return rows


def _keyword() -> str:
    return f"{KEYWORD_PREFIX}{TEMPLATE_VERSION}"


def _xlsx_bytes(code: AccountTypeCode, columns: list[Column], words: TemplateWords) -> bytes:
    # openpyxl (with numpy, 0.14 s and 35 MB) is imported by the functions that write
    # or read a template, as odfpy is below: an import of a CSV file never needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    title = words.sheet_titles[code]
    sheet.title = title
    bold = Font(bold=True)
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    sheet.freeze_panes = "A2"
    _add_validations(sheet, columns, words)
    _add_instructions(workbook.create_sheet(words.instructions_sheet), code, words)
    workbook.properties.keywords = _keyword()
    workbook.properties.title = words.document_title.format(title=title)
    workbook.properties.creator = "schoolimport"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _add_validations(sheet: Worksheet, columns: list[Column], words: TemplateWords) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, 1)}
    last = VALIDATED_ROWS + 1

    def area(key: str) -> str:
        return f"{letters[key]}2:{letters[key]}{last}"

    birth = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(1900,1,1)",
        formula2="TODAY()",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=words.invalid_date.title,
        error=words.invalid_date.text,
    )
    birth.add(area("birth_date"))
    mail_cell = f"{letters['email']}2"
    email = DataValidation(
        type="custom",
        formula1=(
            f'AND(ISNUMBER(SEARCH("?@?*.?*",{mail_cell})),'
            f'ISERROR(SEARCH(" ",{mail_cell})),LEN({mail_cell})<={MAX_EMAIL})'
        ),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=words.invalid_email.title,
        error=words.invalid_email.text,
    )
    email.add(area("email"))
    names = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_NAME),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=words.too_long.title,
        error=words.too_long.text,
    )
    names.add(area("last_name"))
    names.add(area("first_name"))
    for validation in (birth, email, names):
        sheet.add_data_validation(validation)
    # Column styles, not cell styles: new entries take them, and the sheet's used
    # range stays the header row (the reader then sees no empty rows).
    sheet.column_dimensions[letters["birth_date"]].number_format = DATE_FORMAT
    sheet.column_dimensions[letters["source_id"]].number_format = "@"


def _add_instructions(sheet: Worksheet, code: AccountTypeCode, words: TemplateWords) -> None:
    from openpyxl.styles import Alignment, Font

    for values in _instruction_rows(code, words):
        sheet.append(values)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[6]:
        cell.font = Font(bold=True)
    sheet["B2"].value = TEMPLATE_VERSION
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 30
    for cells in sheet.iter_rows(min_row=7, min_col=3, max_col=3):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _ods_bytes(code: AccountTypeCode, columns: list[Column], words: TemplateWords) -> bytes:
    from odf.meta import Keyword
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(Keyword(text=_keyword()))
    bold = Style(name="Header", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)

    def table(name: str, rows: list[list[str]], header_row: int) -> None:
        sheet = Table(name=name)
        for number, values in enumerate(rows, 1):
            row = TableRow()
            for value in values:
                extra = {"stylename": bold} if number == header_row else {}
                cell = TableCell(valuetype="string", **extra)
                cell.addElement(P(text=value))
                row.addElement(cell)
            sheet.addElement(row)
        document.spreadsheet.addElement(sheet)

    table(words.sheet_titles[code], [[c.header for c in columns]], 1)
    table(words.instructions_sheet, _instruction_rows(code, words), 6)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------- reading
# Where the document keywords are: ODS's meta.xml, XLSX's core properties. A few KB
# each; a member larger than this is no template's.
_META_XML, _CORE_XML, _WORKBOOK_XML = "meta.xml", "docProps/core.xml", "xl/workbook.xml"
_ODS_KEYWORD = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}keyword"
_XLSX_KEYWORDS = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords"
_METADATA_LIMIT = 1 << 20


def template_version(path: Path) -> int | None:
    """The template version a workbook was made from; None if it is no template.

    Only the document's keywords are read (a small member of the zip), never its
    sheets: a 50,000-row ODS took odfpy 18 s and 1 GB to load whole, on the
    wizard's interface thread. An XLSX whose keywords were lost is asked its
    instructions sheet, if it has one (openpyxl, that sheet's first rows)."""
    path = Path(path)
    try:
        if not zipfile.is_zipfile(path):
            return None
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" in names and _WORKBOOK_XML not in names:
                return _version_in(_keywords(archive, _META_XML, _ODS_KEYWORD))
            version = _version_in(_keywords(archive, _CORE_XML, _XLSX_KEYWORDS))
            if version is not None or not _names_instructions(archive, names):
                return version
        return _instructions_version(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError):
        return None


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The member's bytes, if it is there and no larger than a document's metadata."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _METADATA_LIMIT:
        return None
    with archive.open(info) as member:
        data = member.read(_METADATA_LIMIT + 1)
    return data if len(data) <= _METADATA_LIMIT else None


def _keywords(archive: zipfile.ZipFile, name: str, tag: str) -> str:
    """The texts of the keyword elements ``tag`` of the member ``name``, joined."""
    data = _small_member(archive, name)
    if data is None:
        return ""
    return " ".join(element.text or "" for element in ElementTree.fromstring(data).iter(tag))


def _names_instructions(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether the XLSX workbook has a sheet named like the template's instructions
    (in either language)."""
    workbook = _small_member(archive, _WORKBOOK_XML) if _WORKBOOK_XML in names else None
    return workbook is not None and any(
        f'name="{sheet}"'.encode() in workbook for sheet in INSTRUCTIONS_SHEETS
    )


def _instructions_version(path: Path) -> int | None:
    """The version in the cell next to "Vorlagenversion" ("Template version") on the
    instructions sheet ("Anleitung", "Instructions")."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        sheet = next((s for s in INSTRUCTIONS_SHEETS if s in workbook.sheetnames), None)
        if sheet is None:
            return None
        for label, value, *_ in workbook[sheet].iter_rows(
            min_row=1, max_row=10, max_col=2, values_only=True
        ):
            if label in VERSION_LABELS and value is not None:
                return int(str(value).strip())
        return None
    finally:
        workbook.close()


def _version_in(keywords: str) -> int | None:
    found = _KEYWORD.search(keywords)
    return int(found.group(1)) if found else None


def check_template(path: Path) -> str | None:
    """A warning when the file was made from an outdated template, else None."""
    version = template_version(path)
    if version is None or version >= TEMPLATE_VERSION:
        return None
    return (
        f"{Path(path).name} was made from template version {version}; the current template "
        f"is version {TEMPLATE_VERSION}. Please download the new template and copy the "
        "data into it."
    )
