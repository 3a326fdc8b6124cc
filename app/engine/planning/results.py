"""Typed results of planning and applying: the plan the preview shows is the plan
that ``apply`` executes (one code path for dry run and real run)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from typing import Any, NamedTuple, overload

from app.engine.madelist import MadeOnDemand
from app.engine.reasons import Message, Reason
from app.models import COUNT_NAMES


class RowAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    EXPIRE = "expire"
    REACTIVATE = "reactivate"
    CONFLICT = "conflict"
    INVALID = "invalid"
    OTHER_TYPE = "other_type"  # a row of another account type: left out, counted


class ConflictKind(enum.StrEnum):
    DUPLICATE_SOURCE_ID = "duplicate_source_id"
    OTHER_ACCOUNT_TYPE = "other_account_type"
    LOGIN_TAKEN = "login_taken"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    SOURCE_ID_EXISTS = "source_id_exists"


class Resolution(enum.StrEnum):
    """The choices a conflict offers (SPEC §2.6)."""

    SKIP = "skip"
    KEEP = "keep"  # duplicate source ID: keep this row, skip the others
    GENERATE_LOGIN = "generate-login"
    LINK = "link"  # link the existing user of another source to this source ID
    CREATE_NEW = "create-new"
    UPDATE = "update"  # match users off: update the existing user anyway


CONFLICT_CHOICES: dict[ConflictKind, tuple[Resolution, ...]] = {
    ConflictKind.DUPLICATE_SOURCE_ID: (Resolution.KEEP, Resolution.SKIP),
    ConflictKind.OTHER_ACCOUNT_TYPE: (Resolution.SKIP,),
    ConflictKind.LOGIN_TAKEN: (Resolution.GENERATE_LOGIN, Resolution.SKIP),
    ConflictKind.POSSIBLE_DUPLICATE: (Resolution.LINK, Resolution.CREATE_NEW, Resolution.SKIP),
    ConflictKind.SOURCE_ID_EXISTS: (Resolution.SKIP, Resolution.UPDATE),
}


@dataclass(slots=True)
class Conflict:
    kind: ConflictKind
    message: Message
    choices: tuple[Resolution, ...]
    # The existing user the conflict is about, if any.
    other_user_id: int | None = None
    # Duplicate source IDs: the indexes of all rows sharing the ID.
    sibling_rows: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


class RowValues(NamedTuple):
    """The mapped, normalised values of one input row (never changed once made: a
    tuple, so that the validator makes 50,000 of them in C, ``tuple.__new__``)."""

    source_id: str = ""
    last_name: str = ""
    first_name: str = ""
    birth_date: date | None = None
    email: str | None = None
    login: str | None = None
    groups: list[str] = []  # (one shared empty list: a plan never appends to it)


# A RowValues of a tuple of its fields, in C (``RowValues(*fields)`` is a Python call).
_NEW_TUPLE = tuple.__new__


class ValueColumns(MadeOnDemand[RowValues]):
    """Every row's :class:`RowValues`, held as their columns (the fields in order) and
    made when asked for: a first import's new accounts need theirs only when the
    preview shows them or the run makes their entries (50,000 tuples: 10 ms). A row
    asked for alone is made alone; anything else (a loop over all, a slice, a change,
    many rows one by one) makes every row's at once and keeps them (:meth:`made`)."""

    __slots__ = ("_columns",)

    def __init__(self, columns: Sequence[Sequence[Any]]) -> None:
        super().__init__()
        self._columns = columns

    def make_all(self) -> list[RowValues]:
        """Every row's values (one C-level map)."""
        return list(map(_NEW_TUPLE, repeat(RowValues), zip(*self._columns, strict=True)))

    def each(self) -> Iterator[RowValues]:
        """Every row's values in order, made as the loop asks and not kept: a loop
        that stops early makes few."""
        if self._made is not None:
            return iter(self._made)
        return map(_NEW_TUPLE, repeat(RowValues), zip(*self._columns, strict=True))

    def take(self, indexes: Iterable[int]) -> list[RowValues]:
        """The values of the rows at ``indexes``, made from the columns in C when
        they are few (a block of new accounts' entries); for many (an update's
        existing rows, asked more than once) every row's are made and kept."""
        if self._made is None:
            indexes = list(indexes)
            if len(indexes) * 4 <= len(self):
                parts = [map(column.__getitem__, indexes) for column in self._columns]
                return list(map(_NEW_TUPLE, repeat(RowValues), zip(*parts, strict=True)))
        return list(map(self.made().__getitem__, indexes))

    def columns(self) -> Sequence[Sequence[Any]] | None:
        """The columns (the fields in :class:`RowValues`' order) while no row's values
        were made for keeps; None after (a change goes to the made rows, not to them)."""
        return self._columns if self._made is None else None

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    @overload
    def __getitem__(self, index: int) -> RowValues: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowValues]: ...

    def __getitem__(self, index: int | slice) -> RowValues | list[RowValues]:
        if isinstance(index, int) and self.may_make():
            return _NEW_TUPLE(RowValues, [column[index] for column in self._columns])
        return self.made()[index]

    def __setitem__(self, index: int, values: RowValues) -> None:
        self.made()[index] = values

    def __repr__(self) -> str:
        return f"ValueColumns({len(self)} rows, made: {self._made is not None})"


def take(values: Sequence[RowValues], indexes: Iterable[int]) -> list[RowValues]:
    """``[values[i] for i in indexes]`` in C, whether ``values`` is a list or columns."""
    if isinstance(values, ValueColumns):
        return values.take(indexes)
    return list(map(values.__getitem__, indexes))


def each(values: Sequence[RowValues]) -> Iterator[RowValues]:
    """``iter(values)``; columns' rows made as the loop asks (:meth:`ValueColumns.each`)."""
    return values.each() if isinstance(values, ValueColumns) else iter(values)


@dataclass(slots=True)
class RowPlan:
    """What will happen to one input row (or, for ``expire``, to one existing user).

    ``index`` is the position in ``Table.rows`` (None for expiry entries);
    ``line`` the row number a person sees in the file.
    """

    index: int | None
    line: int | None
    action: RowAction
    values: RowValues
    user_id: int | None = None
    login: str | None = None
    # The login a new account from this row gets (allocated at planning time).
    new_login: str | None = None
    # Sequences, empty by default as one shared tuple: five empty lists per row were
    # 28 MB at 100,000 rows. Code that adds to them assigns a new list.
    changes: Sequence[FieldChange] = ()
    groups_added: Sequence[str] = ()
    groups_removed: Sequence[str] = ()
    groups_ignored: Sequence[str] = ()
    reasons: Sequence[Message] = ()
    conflict: Conflict | None = None
    resolution: Resolution | None = None
    included: bool = True
    # Set when a conflict resolution turns the row into a create/update.
    resolved_action: RowAction | None = None

    @property
    def effective_action(self) -> RowAction | None:
        """What applying will do with this row; None when it is left out."""
        if not self.included:
            return None
        if self.action is RowAction.INVALID or self.action is RowAction.OTHER_TYPE:
            return None
        if self.action is RowAction.CONFLICT:
            if self.resolution is None or self.resolution is Resolution.SKIP:
                return None
            return self.resolved_action
        return self.action

    @property
    def outcome(self) -> str:
        """The count this row lands in (a key of :data:`COUNT_KEYS`)."""
        if self.action is RowAction.INVALID:
            return "invalid"
        if self.action is RowAction.OTHER_TYPE:
            return "other_type"
        if not self.included:
            return "skipped"
        if self.action is RowAction.CONFLICT:
            if self.resolution is None:
                return "conflicts"
            if self.resolution is Resolution.SKIP:
                return "skipped"
            return OUTCOMES[self.resolved_action or RowAction.CONFLICT]
        return OUTCOMES[self.action]

    def explanations(self) -> list[Message]:
        """Why the row is invalid or was left out: its reasons, then the skip reason."""
        if not self.reasons and self.included and self.action is not RowAction.CONFLICT:
            return []  # nothing to explain, and no skip reason (most rows)
        skip = self.skip_reason()
        return [*self.reasons, skip] if skip is not None else list(self.reasons)

    def skip_reason(self) -> Message | None:
        if self.action is RowAction.INVALID or self.action is RowAction.OTHER_TYPE:
            return None
        if not self.included:
            return Message(Reason.UNTICKED)
        if self.action is RowAction.CONFLICT and self.conflict is not None:
            if self.resolution is None:
                return Message(Reason.CONFLICT_UNRESOLVED, {"conflict": self.conflict.message})
            if self.resolution is Resolution.SKIP:
                return Message(Reason.CONFLICT_SKIPPED, {"conflict": self.conflict.message})
        return None


OUTCOMES = {  # the count a row with this action lands in (see RowPlan.outcome)
    RowAction.CREATE: "created",
    RowAction.UPDATE: "updated",
    RowAction.UNCHANGED: "unchanged",
    RowAction.EXPIRE: "expired",
    RowAction.REACTIVATE: "reactivated",
    RowAction.CONFLICT: "conflicts",
    RowAction.INVALID: "invalid",
    RowAction.OTHER_TYPE: "other_type",
}

# The counts of ``import --json``: an ImportRun's, and the rows of another account type.
COUNT_KEYS = (*COUNT_NAMES, "other_type")


@dataclass(frozen=True, slots=True)
class GroupNeed:
    """A group the file names, and how the run gets it."""

    name: str  # as written in the file (first spelling seen)
    group_id: int | None  # matched existing group, or None
    create_type: str | None = None  # create with this type
    ignored: bool = False

    @property
    def missing(self) -> bool:
        return self.group_id is None and self.create_type is None and not self.ignored


@dataclass(slots=True)
class ImportSummary:
    """The counts of ``import --json`` (SPEC §4)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    expired: int = 0
    reactivated: int = 0
    skipped: int = 0
    invalid: int = 0
    conflicts: int = 0
    groups_created: int = 0
    other_type: int = 0
    run_id: int | None = None

    def as_dict(self) -> dict[str, int | None]:
        data: dict[str, int | None] = {key: getattr(self, key) for key in COUNT_KEYS}
        data["run_id"] = self.run_id
        return data


@dataclass(frozen=True, slots=True)
class NewCredentials:
    """Initial secrets of one new account, held in memory for the protocol only."""

    password: str | None
    datasafe_password: str | None

    def __repr__(self) -> str:  # never print secrets by accident
        return "NewCredentials(<hidden>)"


@dataclass(slots=True)
class ImportOptions:
    """Everything the wizard's pages and the command line's options decide."""

    year: str
    account_type: str
    source: str = "table"
    # The school the users belong to (by name); None: the installation's first school.
    school: str | None = None
    match_users: bool = True
    detect_expired: bool = False
    allow_mass_expiry: bool = False
    generate_passwords: bool = True
    datasafe_password: bool = True
    ignore_unassigned_groups: bool = False
    # Create every missing group with this type (class, course, team, manual).
    create_missing_groups: str | None = None
    # Per file group (by name key): map to an existing group id ...
    group_overrides: dict[str, int] = field(default_factory=dict)
    # ... or create it with this type (and permanent validity when the bool is True).
    group_creations: dict[str, tuple[str, bool]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "account_type": self.account_type,
            "source": self.source,
            "school": self.school,
            "match_users": self.match_users,
            "detect_expired": self.detect_expired,
            "allow_mass_expiry": self.allow_mass_expiry,
            "generate_passwords": self.generate_passwords,
            "datasafe_password": self.datasafe_password,
            "ignore_unassigned_groups": self.ignore_unassigned_groups,
            "create_missing_groups": self.create_missing_groups,
        }


@dataclass(slots=True)
class RunInfo:
    """What a run records of where its rows came from: the file and who ran it
    (here, below both ``apply`` and ``store``, which each need it)."""

    file_name: str
    file_sha256: str
    operator_id: int | None = None


@dataclass(slots=True)
class ApplyResult:
    """What a finished run did, and the new accounts' secrets (memory only)."""

    summary: ImportSummary
    run_id: int
    # Row index -> initial secrets of the account created from that row.
    credentials: dict[int, NewCredentials] = field(default_factory=dict)
    # Row index -> login of the user the row created or updated.
    logins: dict[int, str] = field(default_factory=dict)


class Phase(enum.StrEnum):
    HASHING = "hashing"
    CHECKING = "checking"
    WRITING = "writing"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    phase: Phase


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]
