"""Group CSV export (SPEC §3, seed 004): every group, one row per member, cells
neutralised against formula injection; UTF-8 with a BOM, Shift-JIS or Windows-1252.
Only the groups and members of the acting operator's schools are written."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.engine.access.operators import Actor, acting, scoped
from app.engine.admin.groupcsvrows import HEADERS, export_id
from app.engine.output.exports import atomic_write
from app.engine.output.safecells import neutralize
from app.engine.reasons import Message, Reason, Refused
from app.models import Group, Membership, User

# Export encodings (by their codecs name). UTF-8 is written with a BOM, so that Excel
# opens it as UTF-8; the import reads it with or without one.
ENCODINGS = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "shift_jis": "shift_jis",
             "cp932": "cp932", "cp1252": "cp1252"}  # fmt: skip


def export_groups(
    session: Session, target: Path, encoding: str = "utf-8", actor: Actor | None = None
) -> int:
    """Write every group of the actor's schools, one row per member of those schools;
    returns the number of groups written."""
    target = Path(target)
    codec = _export_codec(encoding)
    who = acting(session, actor)
    members: dict[int, list[tuple[str, bool]]] = {}
    member_rows = select(Membership.group_id, User.login, Membership.is_admin).join(
        User, User.id == Membership.user_id
    )
    for group_id, login, admin in session.execute(
        scoped(member_rows, User.school_id, who).order_by(User.login)
    ):
        members.setdefault(group_id, []).append((login, bool(admin)))
    ordered = select(Group).order_by(Group.year_key, Group.name_key, Group.id)
    groups = list(session.scalars(scoped(ordered, Group.school_id, who)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for group in groups:
        head = [export_id(group), group.name, group.description, group.comment,
                "1" if group.disabled else "0"]  # fmt: skip
        tails = [["user", login, str(admin)] for login, admin in members.get(group.id, [])]
        for tail in tails or [["", "", ""]]:
            row = [neutralize(cell) for cell in [*head, *tail]]
            _check_encodable(target, codec, group, row)
            writer.writerow(row)
    atomic_write(target, buffer.getvalue().encode(codec))
    return len(groups)


def _export_codec(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding.strip()).name
    except LookupError:
        name = ""
    if name not in ENCODINGS:
        detail = Message(Reason.EXPORT_ENCODING, {"value": encoding})
        raise Refused(Reason.INVALID_VALUE, detail=detail)
    return ENCODINGS[name]


def _check_encodable(target: Path, codec: str, group: Group, row: list[str]) -> None:
    for cell in row:
        try:
            cell.encode(codec)
        except UnicodeEncodeError as exc:
            text = exc.object[exc.start : exc.end]
            params = {"group": group.name, "id": export_id(group), "text": text, "codec": codec}
            detail = Message(Reason.NOT_ENCODABLE, params)
            raise Refused(Reason.INVALID_VALUE, file=str(target), detail=detail) from None
