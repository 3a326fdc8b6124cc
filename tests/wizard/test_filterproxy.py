"""The filter proxies that work out their rows at once: correct by Qt's model tester,
and showing exactly the rows the per-row definition accepts."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.engine.admin.directory import UserRow
from app.wizard.filterproxy import RowFilterProxy
from app.wizard.planmodel import PlanFilterProxy, PlanTableModel
from app.wizard.tablemodels import UserRowRole, UsersFilterProxy, UsersTableModel
from tests.wizard.test_planmodel import synthetic_plan

pytestmark = pytest.mark.gui

TYPES = ("student", "teacher", "staff")
STATUSES = ("active", "deactivated", "marked_for_deletion")
GROUPS = ("5a", "5b", "Chor", "Robotik")


def users(count: int) -> list[UserRow]:
    return [
        UserRow(
            id=i,
            login=f"login{i}",
            first_name=f"Vorname{i % 7}",
            last_name=["Müller", "Weiß", "Özdemir"][i % 3],
            source="table",
            source_id=str(1000 + i),
            account_type=TYPES[i % 3],
            status=STATUSES[i % 4 % 3],
            birth_date=None,
            email=f"p{i}@schule.example" if i % 5 == 0 else None,
            groups=[GROUPS[i % 4]] + (["Chor"] if i % 6 == 0 else []),
            deactivate_on=None,
            purge_on=None,
        )
        for i in range(count)
    ]


def per_row(
    user: UserRow, search: str, kind: str | None, status: str | None, group: str | None
) -> bool:
    """The definition the old QSortFilterProxyModel applied to each row."""
    if (kind and user.account_type != kind) or (status and user.status != status):
        return False
    if group and group not in user.groups:
        return False
    haystack = " ".join(
        (user.login, user.last_name, user.first_name, user.source_id, user.email or "")
    )
    return search.strip().casefold() in haystack.casefold()


def shown(proxy: UsersFilterProxy, model: UsersTableModel) -> list[int]:
    return [
        model.user_at(proxy.mapToSource(proxy.index(r, 0)).row()).id
        for r in range(proxy.rowCount())
    ]


def test_users_proxy_passes_the_qt_model_tester(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = UsersTableModel()
    model.set_users(users(40))
    proxy = UsersFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=False)
    proxy.set_filters("müller", "teacher")
    qtmodeltester.check(proxy, force_py=False)


def test_users_proxy_shows_what_the_per_row_filter_accepts(qtbot: QtBot) -> None:
    model = UsersTableModel()
    rows = users(120)
    model.set_users(rows)
    proxy = UsersFilterProxy()
    proxy.setSourceModel(model)
    for search, kind, status, group in itertools.product(
        ["", "MÜLLER", " vorname3 ", "schule", "10"],
        [None, *TYPES],
        [None, "active"],
        [None, "Chor"],
    ):
        proxy.set_filters(search, kind, status, group)
        expected = [u.id for u in rows if per_row(u, search, kind, status, group)]
        assert shown(proxy, model) == expected
        for r in range(proxy.rowCount()):  # and back again
            source = proxy.mapToSource(proxy.index(r, 1))
            assert proxy.mapFromSource(source).row() == r


def test_sorting_goes_to_the_source_and_keeps_the_filter(qtbot: QtBot) -> None:
    model = UsersTableModel()
    model.set_users(users(30))
    proxy = UsersFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters("", "student")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    logins = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert logins == sorted(logins, key=str.casefold, reverse=True)
    assert len(logins) == 10 and all(
        model.user_at(proxy.mapToSource(proxy.index(r, 0)).row()).account_type == "student"
        for r in range(10)
    )
    model.set_users(users(3))  # a reset of the source resets the proxy
    assert proxy.rowCount() == 1


def test_a_tick_hides_or_shows_its_row_without_resetting_the_grid(
    qtbot: QtBot, qtmodeltester: ModelTester, engine: Engine
) -> None:
    plan = synthetic_plan(engine, 12)
    model = PlanTableModel(plan)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_outcome_shown("skipped", False)
    shown = proxy.rowCount()
    events: list[str] = []
    proxy.modelReset.connect(lambda: events.append("reset"))
    proxy.rowsRemoved.connect(lambda _p, first, last: events.append(f"removed {first}-{last}"))
    proxy.rowsInserted.connect(lambda _p, first, last: events.append(f"inserted {first}-{last}"))
    tick = model.index(5, PlanTableModel.TICK)
    unchecked, checked = Qt.CheckState.Unchecked.value, Qt.CheckState.Checked.value
    assert model.setData(tick, unchecked, Qt.ItemDataRole.CheckStateRole)
    assert proxy.rowCount() == shown - 1 and events == ["removed 5-5"]
    assert 5 not in [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert model.setData(tick, checked, Qt.ItemDataRole.CheckStateRole)
    assert proxy.rowCount() == shown and events == ["removed 5-5", "inserted 5-5"]
    assert proxy.mapFromSource(model.index(5, 2)).row() == 5
    qtmodeltester.check(proxy, force_py=False)


ROLES = [
    *Qt.ItemDataRole,  # every role Qt names, the delegate's and the tooltip's included
    UserRowRole,
]


def test_a_cell_through_the_users_proxy_is_what_qt_s_own_mapping_gives(qtbot: QtBot) -> None:
    """The proxy asks the users' model's ``cell()`` directly (one call into Python per
    cell and role instead of two): the same value for every shown cell and role as
    Qt's ``QAbstractProxyModel.data`` (the source's ``data()`` at ``mapToSource``)."""
    model = UsersTableModel()
    model.set_users(users(60))
    proxy = UsersFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters("", None, "active", None)  # shown rows ≠ source rows
    assert 0 < proxy.rowCount() < model.rowCount()
    compared = 0
    for row, column, role in itertools.product(
        range(proxy.rowCount()), range(proxy.columnCount()), ROLES
    ):
        index = proxy.index(row, column)
        mapped = QAbstractProxyModel.data(proxy, index, role)  # Qt's own: mapToSource
        assert proxy.data(index, role) == mapped, (row, column, role)
        compared += mapped is not None
    assert compared >= proxy.rowCount() * proxy.columnCount() * 2  # text, tooltip, …
    assert proxy.data(QModelIndex()) is None
    assert proxy.data(proxy.createIndex(proxy.rowCount(), 0)) is None  # past the end


class _Grid(QAbstractTableModel):
    """A source without ``cell()``."""

    def rowCount(self, parent: object = None) -> int:  # noqa: N802
        return 5

    def columnCount(self, parent: object = None) -> int:  # noqa: N802
        return 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return f"{index.row()}/{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None


def test_a_source_without_cell_is_asked_through_its_data(qtbot: QtBot) -> None:
    class Odd(RowFilterProxy):
        def accepted(self) -> list[int]:
            return [1, 3]

    source = _Grid()
    proxy = Odd()
    proxy.setSourceModel(source)
    assert [proxy.data(proxy.index(r, 1)) for r in range(2)] == ["1/1", "3/1"]
    assert proxy.data(proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
