"""The preview grid's model: the plan's rows as they are, computed lazily per cell.

:class:`PlanTableModel` keeps only a reference to the :class:`~app.engine.planning.plan.Plan`
and indexes ``plan.rows`` then ``plan.expiries`` on demand, so a 100,000-row plan
opens without building anything per row. Ticking a row sets ``RowPlan.included``
on the engine's object: the plan the grid shows is the plan that is applied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from operator import attrgetter, contains, is_not
from typing import Any, NamedTuple, cast

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from app.engine.planning.plan import Plan
from app.engine.planning.results import OUTCOMES, RowAction, RowPlan, RowValues, ValueColumns
from app.engine.reasons import Message, Reason
from app.wizard import texts
from app.wizard.filterproxy import RowFilterProxy
from app.wizard.tablemodels import DISPLAY, AnyIndex, TitledTableModel

ActionRole = Qt.ItemDataRole.UserRole + 1
RowPlanRole = Qt.ItemDataRole.UserRole + 2

ACTION_COLOURS: dict[RowAction, str] = {
    RowAction.CREATE: "#2e7d32",
    RowAction.UPDATE: "#1565c0",
    RowAction.UNCHANGED: "#757575",
    RowAction.EXPIRE: "#ef6c00",
    RowAction.REACTIVATE: "#00838f",
    RowAction.CONFLICT: "#c49000",
    RowAction.INVALID: "#c62828",
    RowAction.OTHER_TYPE: "#9e9e9e",
}
_GLYPHS = {
    RowAction.CREATE: "+",
    RowAction.UPDATE: "↑",
    RowAction.UNCHANGED: "=",
    RowAction.EXPIRE: "−",
    RowAction.REACTIVATE: "↺",
    RowAction.CONFLICT: "!",
    RowAction.INVALID: "×",
    RowAction.OTHER_TYPE: "·",
}
_icons: dict[str, QIcon] = {}


def action_icon(action: RowAction) -> QIcon:
    return _disc(action.value, ACTION_COLOURS[action], _GLYPHS[action])


def _disc(key: str, colour: str, glyph: str) -> QIcon:
    """A coloured disc with a glyph, drawn once per key."""
    if key not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 30, 30)
        font = QFont()
        font.setPixelSize(22)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


def _tint(action: RowAction) -> QBrush:
    colour = QColor(ACTION_COLOURS[action])
    colour.setAlpha(40)
    return QBrush(colour)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def changes_text(row: RowPlan) -> str:
    parts = [
        f"{texts.field_label(c.field)}: {_value(c.old)} → {_value(c.new)}" for c in row.changes
    ]
    parts += [f"+{group}" for group in row.groups_added]
    parts += [f"−{group}" for group in row.groups_removed]
    return "; ".join(parts)


# Rows the run leaves out whatever the tick says: invalid ones, and other account types.
LEFT_OUT = (RowAction.INVALID, RowAction.OTHER_TYPE)


def reasons_text(row: RowPlan) -> str:
    messages: list[Message] = list(row.reasons)
    if row.action is RowAction.EXPIRE:
        messages.insert(0, Message(Reason.NOT_IN_FILE))
    if row.conflict is not None:
        messages.append(row.conflict.message)
    elif not row.included and row.action not in LEFT_OUT:
        messages.append(Message(Reason.UNTICKED))
    messages += [Message(Reason.GROUP_IGNORED, {"group": g}) for g in row.groups_ignored]
    return "; ".join(dict.fromkeys(texts.reason_text(m) for m in messages))


def action_text(row: RowPlan) -> str:
    label = texts.action_label(row.action)
    if row.action is RowAction.CONFLICT and row.resolution is not None:
        return f"{label} → {texts.resolution_label(row.resolution)}"
    return label


class PlanTableModel(TitledTableModel):
    """Every row of a plan; column 0 is the tick that includes or leaves out a row."""

    TICK, LINE, ACTION, SOURCE_ID, LAST, FIRST, LOGIN, GROUPS, CHANGES, REASON = range(10)
    rows_changed = Signal()

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan

    @property
    def plan(self) -> Plan:
        return self._plan

    def row_at(self, row: int) -> RowPlan:
        rows = self._plan.rows
        return rows[row] if row < len(rows) else self._plan.expiries[row - len(rows)]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._plan.rows) + len(self._plan.expiries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 10

    def column_titles(self) -> Sequence[str]:
        return [
            "",
            self.tr("Line"),
            self.tr("Action"),
            texts.field_label("source_id"),
            texts.field_label("last_name"),
            texts.field_label("first_name"),
            texts.field_label("login"),
            texts.field_label("groups"),
            self.tr("Changes"),
            self.tr("Reason"),
        ]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TICK:
            if self.row_at(index.row()).action not in LEFT_OUT:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.TICK:
            included = row.included and row.action not in LEFT_OUT
            return Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == self.ACTION:
            return action_icon(row.action)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.ACTION:
            return _tint(row.action)
        if role == Qt.ItemDataRole.ForegroundRole and row.effective_action is None:
            return QBrush(QColor("#8a8a8a"))
        if role == ActionRole:
            return row.action.value
        if role == RowPlanRole:
            return row
        return None

    def _text(self, row: RowPlan, column: int) -> str | None:
        values = row.values
        if column == self.TICK:
            return None
        if column == self.LINE:
            return str(row.line) if row.line is not None else "—"
        if column == self.ACTION:
            return action_text(row)
        if column == self.SOURCE_ID:
            return values.source_id
        if column == self.LAST:
            return values.last_name
        if column == self.FIRST:
            return values.first_name
        if column == self.LOGIN:
            return row.login or row.new_login or ""
        if column == self.GROUPS:
            return ", ".join(values.groups)
        if column == self.CHANGES:
            return changes_text(row)
        return reasons_text(row)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.row_at(index.row())
        if row.action in LEFT_OUT:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        row.included = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 9))
        self.rows_changed.emit()
        return True

    def refresh(self) -> None:
        """After a conflict resolution: any row may have changed (siblings too)."""
        count = self.rowCount()
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, 9))
        self.rows_changed.emit()


# The grid's filters: what applying will do with a row, as the summary counts it.
OUTCOME_ORDER = (
    "created", "updated", "reactivated", "expired", "unchanged", "skipped", "invalid", "conflicts",
    "other_type",
)  # fmt: skip
OUTCOME_ACTIONS = {outcome: action for action, outcome in OUTCOMES.items()}


def outcome_icon(outcome: str) -> QIcon:
    action = OUTCOME_ACTIONS.get(outcome)
    return action_icon(action) if action is not None else _disc("skipped", "#9e9e9e", "⊘")


def outcome_counts(plan: Plan) -> Counter[str]:
    """How many rows of the grid each filter shows now (after resolutions and ticks)."""
    return plan.outcome_counts()  # (without making the entries not asked for yet)


class PlanFilterProxy(RowFilterProxy):
    """Shows the rows whose outcome is switched on and that match the search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outcomes: set[str] = set(OUTCOME_ORDER)
        self._needle = ""
        self._haystacks: list[str] | None = None  # per source row: the search's texts
        # Those texts are made in the idle time after the rows change, a few thousand
        # rows per turn of the event loop (the parts made so far), so that the first
        # letter typed finds them made: made then, a 50,000-row preview's took 30–40 ms
        # of the interface thread at that letter, the most of its stall.
        self._parts: list[list[str]] = []
        self._preparing = QTimer(self)
        self._preparing.setSingleShot(True)
        self._preparing.timeout.connect(self._prepare_some)

    def outcomes(self) -> set[str]:
        return set(self._outcomes)

    def set_outcome_shown(self, outcome: str, shown: bool) -> None:
        if shown:
            self._outcomes.add(outcome)
        else:
            self._outcomes.discard(outcome)
        self.refilter()

    def set_search(self, text: str) -> None:
        self._needle = text.strip().casefold()
        self.refilter()

    def rows_changed(self) -> None:
        self._haystacks = None  # a resolved conflict may change a login
        self._parts = []
        self._preparing.start(_PREPARING_AFTER_MS)  # (the grid painted and fitted first)

    def _row_outcomes(self) -> Iterable[str]:
        """Each row's outcome (the plan's entries not made yet are not made for it)."""
        model = self.sourceModel()
        if not isinstance(model, PlanTableModel):
            return ()
        plan = model.plan
        return chain(plan.rows.outcomes(), map(attrgetter("outcome"), plan.expiries))

    def _prepare_some(self) -> None:
        """The next rows' search texts, in idle time; again at the next turn until
        every row has its text."""
        if self._haystacks is None and not self._texts_made(_PREPARED_PER_TURN):
            self._preparing.start(0)

    def _texts_made(self, count: int | None = None) -> bool:
        """Whether every row's search text is made (:attr:`_haystacks`), after making
        ``count`` more (None: all the rest)."""
        if self._haystacks is not None:
            return True
        rows = self._source_rows()
        start = sum(map(len, self._parts))
        if start > len(rows):  # (fewer rows than made texts: a change not signalled)
            self._parts, start = [], 0
        stop = len(rows) if count is None else min(start + count, len(rows))
        self._parts.append(_texts_between(rows, start, stop))
        if stop < len(rows):
            return False
        self._haystacks = list(chain.from_iterable(self._parts))
        self._parts = []
        return True

    def _source_rows(self) -> _SearchedRows:
        model = self.sourceModel()
        if not isinstance(model, PlanTableModel):
            return _SearchedRows([], [], [], [])
        made, values, logins = model.plan.rows.planned()
        return _SearchedRows(made, values, logins, model.plan.expiries)

    def accepted(self) -> Sequence[int]:
        shown = super().accepted()
        if self._outcomes != set(OUTCOME_ORDER):
            outcomes = map(self._outcomes.__contains__, self._row_outcomes())
            shown = list(compress(shown, outcomes))
        if self._needle:
            self._texts_made()  # (the rest of those not made in idle time yet)
            haystacks = cast(list[str], self._haystacks)
            found = map(contains, map(haystacks.__getitem__, shown), repeat(self._needle))
            shown = list(compress(shown, found))
        return shown


# ``login or ""`` in C: a dict's get with the login as the default gives "" for None
# and the login itself for any text.
_NO_LOGIN: dict[str | None, str] = {None: ""}
_FIELDS = RowValues._fields
_SEARCHED = ("source_id", "last_name", "first_name", "groups")


# Rows whose search texts are made in one turn of the event loop (about 3 ms each),
# from this long after the rows changed: opening the grid (its paint and the fitting
# of its columns, in turns of their own) goes first, and nobody types sooner.
_PREPARED_PER_TURN = 5000
_PREPARING_AFTER_MS = 50


class _SearchedRows(NamedTuple):
    """What the search's texts are made of: the plan's entries made so far (None: not
    yet), the values and logins the others are made of, and the expiries."""

    made: Sequence[RowPlan | None]
    values: Sequence[RowValues]
    logins: Sequence[str | None]
    expiries: Sequence[RowPlan]

    def __len__(self) -> int:  # (rows, then expiries)
        return len(self.made) + len(self.expiries)


def _texts_between(rows: _SearchedRows, start: int, stop: int) -> list[str]:
    """The search texts of rows ``start`` to ``stop`` (the plan's rows, then its
    expiries): each entry not made yet from what it is made of (the search makes no
    entry), a made one's from it."""
    made, count = rows.made, len(rows.made)
    texts: list[str] = []
    if start < count:
        end = min(stop, count)
        if len(rows.values) != count:  # every entry made by the planner (no columns)
            texts = list(map(_haystack, cast(Sequence[RowPlan], made[start:end])))
        else:  # as planned, then the entries made (few: those shown or classified)
            texts = _texts_of(rows.values, rows.logins, start, end)
            for index in compress(range(start, end), map(is_not, made[start:end], repeat(None))):
                texts[index - start] = _haystack(cast(RowPlan, made[index]))
    if stop > count:
        texts += map(_haystack, rows.expiries[max(start - count, 0) : stop - count])
    return texts


def _texts_of(
    values: Sequence[RowValues], logins: Sequence[str | None], start: int, stop: int
) -> list[str]:
    """:func:`_text` of rows ``start`` to ``stop``. From the columns while the values
    are held as columns (C-level maps: the first search of a 100,000-row preview made
    100,000 :class:`RowValues` for it, 0.12–0.25 s on the interface thread, most of it
    the collector walking them)."""
    columns = values.columns() if isinstance(values, ValueColumns) else None
    if columns is None:
        return list(map(_text, values[start:stop], logins[start:stop]))
    ids, last_names, first_names, groups_lists = (
        columns[_FIELDS.index(f)][start:stop] for f in _SEARCHED
    )
    groups = map(" ".join, groups_lists)
    part = logins[start:stop]
    shown_logins = cast(Iterator[str], map(_NO_LOGIN.get, part, part))  # (never None)
    parts = zip(ids, last_names, first_names, shown_logins, groups, strict=True)
    return list(map(str.casefold, map(" ".join, parts)))


def _haystack(row: RowPlan) -> str:
    """What the search looks in: IDs, names, login and groups, case-folded."""
    return _text(row.values, row.login or row.new_login)


def _text(values: RowValues, login: str | None) -> str:
    groups = " ".join(values.groups)
    parts = (values.source_id, values.last_name, values.first_name, login or "", groups)
    return " ".join(parts).casefold()
