"""A source ID derived from named fields, for exports that carry none (SPEC §6).

linuxmuster's ``students.csv`` makes its ID column optional, and sophomorix then
tells pupils apart by name and birth date. ``--identity last_name,first_name,
birth_date`` does the same here: the fields are normalised (Unicode NFC, case folded,
runs of white space as one space; a birth date as its ISO form, whatever its spelling)
and hashed, so that the next export names the same person with the same ID.

The price: a corrected name or birth date is a new ID, which reads as one person gone
and one new. :func:`rename_index` lets the planner offer to link such a row to the
account it most likely is (every identity field but one equal, the old ID absent
from the file), as the possible-duplicate check does for other sources.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Collection, Sequence
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING

from app.engine.planning.mapping import Field
from app.engine.planning.results import RowValues
from app.engine.reasons import Reason, Refused

if TYPE_CHECKING:  # state imports validation, which imports this module
    from app.engine.planning.state import ExistingUser

# The fields a source ID may be derived from (groups change every year; a derived
# source ID cannot be part of itself).
IDENTITY_FIELDS = (Field.LAST_NAME, Field.FIRST_NAME, Field.BIRTH_DATE, Field.EMAIL, Field.LOGIN)
PREFIX = "id-"  # a derived ID is "id-" and 32 hexadecimal digits


def parse_identity(text: str) -> tuple[Field, ...]:
    """``"last_name,first_name,birth_date"`` as fields; refuse anything else."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    allowed = ", ".join(f.value for f in IDENTITY_FIELDS)
    fields: list[Field] = []
    for name in names:
        try:
            found = Field(name)
        except ValueError:
            found = None
        if found not in IDENTITY_FIELDS or found in fields:
            raise Refused(Reason.IDENTITY_FIELD, value=name, fields=allowed)
        assert found is not None
        fields.append(found)
    if not fields:
        raise Refused(Reason.IDENTITY_FIELD, value=text, fields=allowed)
    return tuple(fields)


def normalise(value: str) -> str:
    """NFC, case folded, white space collapsed: how two exports of one name meet."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def part(value: str, birth: date | None = None) -> str:
    """One field's share of the key: a parsed date as ISO, other text normalised."""
    return birth.isoformat() if birth is not None else normalise(value)


def derive(parts: Sequence[str]) -> str:
    """The source ID of these normalised parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return PREFIX + digest[:32]


def derive_column(
    identity: Sequence[Field],
    columns: dict[Field, list[str]],
    births: Sequence[date | None],
) -> list[str]:
    """Every row's derived source ID from the cleaned columns (and parsed dates)."""
    parts = [
        [part(v, b) for v, b in zip(columns[f], births, strict=True)]
        if f is Field.BIRTH_DATE
        else list(map(normalise, columns[f]))
        for f in identity
    ]
    return [derive(row) for row in zip(*parts, strict=True)]


def user_parts(user: ExistingUser, identity: Sequence[Field]) -> tuple[str, ...]:
    values = {
        Field.LAST_NAME: normalise(user.last_name),
        Field.FIRST_NAME: normalise(user.first_name),
        Field.BIRTH_DATE: user.birth_date.isoformat() if user.birth_date else "",
        Field.EMAIL: normalise(user.email or ""),
        Field.LOGIN: normalise(user.login),
    }
    return tuple(values[f] for f in identity)


RenameKey = tuple[int, tuple[str, ...]]


def rename_index(
    identity: Sequence[Field],
    users: Collection[ExistingUser],
    present: Collection[str],
    account_type: str,
) -> dict[RenameKey, ExistingUser]:
    """The users of this source and account type whom the file does not name, keyed
    by their identity parts with one field left out (each field in turn). Needs two
    fields at least: with one, nothing is left to recognise a person by."""
    index: dict[RenameKey, ExistingUser] = {}
    if len(identity) < 2:
        return index
    for user in users:
        if user.account_type != account_type or user.source_id in present:
            continue
        parts = user_parts(user, identity)
        for left_out, kept in enumerate(combinations(parts, len(parts) - 1)):
            if all(kept):
                index.setdefault((left_out, kept), user)
    return index


def rename_keys(parts: Sequence[str]) -> list[RenameKey]:
    """The keys a row's parts are looked up by in :func:`rename_index`."""
    return [(n, kept) for n, kept in enumerate(combinations(parts, len(parts) - 1))]


def row_parts(values: RowValues, identity: Sequence[Field]) -> tuple[str, ...]:
    """A checked row's identity parts, as :func:`derive_column` formed them."""
    texts = {
        Field.LAST_NAME: normalise(values.last_name),
        Field.FIRST_NAME: normalise(values.first_name),
        Field.BIRTH_DATE: values.birth_date.isoformat() if values.birth_date else "",
        Field.EMAIL: normalise(values.email or ""),
        Field.LOGIN: normalise(values.login or ""),
    }
    return tuple(texts[f] for f in identity)
