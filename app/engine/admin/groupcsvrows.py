"""The group CSV's columns and rows (``groupcsv`` plans an import from them,
``groupexport`` writes them): header names in English, German and Japanese, the
true/false and group-type spellings, and one parsed row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.engine.output.safecells import DANGEROUS_PREFIXES
from app.engine.planning.mapping import normalize_header
from app.engine.reasons import Message, Reason, Refused
from app.models import Group, GroupType

HEADERS = ("group_id", "group_name", "description", "comment", "disabled", "member_type",
           "member_key", "member_is_admin")  # fmt: skip
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "group_id": ("group id", "id", "gruppen id", "gruppe id", "gruppenkennung", "グループid"),
    "group_name": ("group name", "name", "group", "gruppenname", "gruppe", "グループ名"),
    "description": ("description", "beschreibung", "説明"),
    "comment": ("comment", "comments", "kommentar", "bemerkung", "bemerkungen", "コメント"),
    "disabled": ("disabled", "invalid", "deaktiviert", "gesperrt", "inaktiv", "無効"),
    "member_type": ("member type", "mitgliedstyp", "mitgliedsart", "メンバー種別"),
    "member_key": (
        "member key", "member", "login", "mitgliedsschluessel", "mitglied", "benutzername",
        "mitglied login", "メンバーキー",
    ),
    "member_is_admin": (
        "member is administrator", "member is an administrator", "member is admin",
        "administrator", "admin", "mitglied ist administrator", "gruppenadministrator",
        "メンバー管理者",
    ),
    "group_type": ("group type", "type", "gruppentyp", "gruppenart", "typ"),
}  # fmt: skip
_LOOKUP = {s.replace(" ", ""): name for name, syns in _SYNONYMS.items() for s in syns}
_TRUE = {"1", "true", "yes", "y", "x", "ja", "j", "wahr"}
_FALSE = {"0", "false", "no", "n", "nein", "falsch"}
_USER_TYPES = {"user", "users", "benutzer", "ユーザー"}
_TYPE_NAMES = {"klasse": "class", "kurs": "course", "arbeitsgruppe": "team", "manuell": "manual"}
_IMPORTABLE = {GroupType.CLASS, GroupType.COURSE, GroupType.TEAM, GroupType.MANUAL}


def export_id(group: Group) -> str:
    """The group ID the export writes and the import accepts."""
    return group.external_id or f"G{group.id}"


def columns_of(path: Path, headers: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        name = _LOOKUP.get(normalize_header(header).replace(" ", ""))
        if name is None or name in columns:
            ignored.append(header)
        else:
            columns[name] = index
    if not columns:
        detail = Message(Reason.HEADER_ROW_MISSING, {"columns": ", ".join(HEADERS)})
        raise Refused(Reason.INVALID_VALUE, file=str(path), detail=detail)
    if "group_id" not in columns and "group_name" not in columns:
        raise Refused(
            Reason.REQUIRED_COLUMN_MISSING, file=str(path), fields=["group_id", "group_name"]
        )
    return columns, ignored


def unneutralize(cell: str) -> str:
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(DANGEROUS_PREFIXES):
        return cell[1:]
    return cell


def _flag(value: str, reason: Reason) -> bool | None:
    text = value.strip().casefold()
    if not text:
        return None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise RowProblem(reason, value=value)


def _group_type(value: str) -> str | None:
    text = value.strip().casefold()
    if not text:
        return None
    text = _TYPE_NAMES.get(text, text)
    if text not in {t.value for t in _IMPORTABLE}:
        raise RowProblem(Reason.GROUP_TYPE_UNKNOWN, value=value)
    return text


class RowProblem(Exception):
    """Why a group CSV row is left out (the file's other rows go on)."""

    def __init__(self, reason: Reason, **params: Any) -> None:
        self.message = Message(reason, params)
        super().__init__(self.message.text())


@dataclass(slots=True)
class Row:
    line: int
    given: dict[str, Any]  # the group fields the row gives
    login: str
    admin: bool | None
    user_id: int | None = None


def parse_row(line: int, cells: dict[str, str]) -> Row:
    given: dict[str, Any] = {}
    if cells.get("group_name", "").strip():
        given["name"] = " ".join(cells["group_name"].split())
    for text_field in ("description", "comment"):
        if cells.get(text_field, "").strip():
            given[text_field] = cells[text_field]
    disabled = _flag(cells.get("disabled", ""), Reason.DISABLED_FLAG)
    if disabled is not None:
        given["disabled"] = disabled
    group_type = _group_type(cells.get("group_type", ""))
    if group_type is not None:
        given["type"] = group_type
    member_type = cells.get("member_type", "").strip()
    login = cells.get("member_key", "").strip().lower()
    if member_type and member_type.casefold() not in _USER_TYPES and login:
        raise RowProblem(Reason.MEMBER_TYPE_UNSUPPORTED, value=member_type)
    return Row(line, given, login, _flag(cells.get("member_is_admin", ""), Reason.ADMIN_FLAG))
