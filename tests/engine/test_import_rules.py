"""The rules of SPEC §2 and the rules after §2.8, end to end on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.db import session_scope
from app.engine.admin import directory
from app.engine.planning.results import ConflictKind, Resolution, RowAction
from app.engine.reasons import Cancelled, Reason, Refused, StalePlan
from app.models import Group, GroupType, Membership, SchoolYear, User, UserStatus
from tests.conftest import HEADER, YEAR

BASE = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a, Chor", "2014-02-01"],
    ["1003", "Özdemir", "Ömer", "5b", ""],
]


def users(engine) -> dict[str, directory.UserRow]:
    with session_scope(engine) as session:
        year = directory.find_year(session, YEAR)
        return {u.source_id: u for u in directory.list_users(session, year=year)}


def dump(engine) -> list[tuple]:
    """Everything a user import may change, for before/after comparisons."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(
                User.id,
                User.source_id,
                User.last_name,
                User.first_name,
                User.status,
                User.login,
                User.email,
                User.birth_date,
            ).order_by(User.id)
        ).all()
        members = session.execute(
            select(Membership.user_id, Membership.group_id).order_by(Membership.user_id)
        ).all()
        groups = session.execute(select(Group.id, Group.name).order_by(Group.id)).all()
    return [tuple(r) for r in rows] + [tuple(m) for m in members] + [tuple(g) for g in groups]


def test_initial_import_creates_users_groups_and_memberships(importer, write_csv, engine):
    session = importer.run(write_csv(BASE), create_missing_groups="class")
    assert session.result is not None
    summary = session.result.summary
    assert (summary.created, summary.groups_created, summary.invalid) == (3, 3, 0)
    found = users(engine)
    assert found["1001"].login == "juergen.mueller"
    assert found["1002"].groups == ["5a", "Chor"]
    assert found["1003"].login == "oemer.oezdemir"
    assert all(u.status == UserStatus.ACTIVE for u in found.values())


def test_same_file_twice_changes_nothing(importer, write_csv, engine):
    path = write_csv(BASE)
    importer.run(path, create_missing_groups="class")
    before = dump(engine)
    second = importer.run(path, create_missing_groups="class")
    assert second.result is not None
    assert second.result.summary.unchanged == 3
    assert second.result.summary.created == second.result.summary.updated == 0
    assert dump(engine) == before


def test_update_changes_fields_and_memberships_but_keeps_manual_and_other_years(
    importer, write_csv, engine
):
    importer.run(write_csv(BASE), create_missing_groups="class")
    with session_scope(engine) as session:
        year = directory.find_year(session, YEAR)
        old_year = directory.add_year(
            session, "2025/26", date_(2025, 8, 1), date_(2026, 7, 31), current=False
        )
        manual = directory.add_group(session, "Förderverein", GroupType.MANUAL, year)
        history = directory.add_group(session, "4a", GroupType.CLASS, old_year)
        team = directory.add_group(session, "Theater", GroupType.TEAM, year)
        for group in (manual, history, team):
            directory.add_members(session, group, ["juergen.mueller"])
    changed = [
        HEADER,
        ["1001", "Müller-Lüdenscheidt", "Jürgen", "6a", "03.05.2014"],
        ["1002", "Weiß", "Anna", "5a; Chor", "2014-02-01"],
        ["1003", "Özdemir", "Ömer", "5b", ""],
    ]
    session = importer.run(write_csv(changed, name="v2.csv"), create_missing_groups="class")
    row = session.plan.rows[0]
    assert row.action is RowAction.UPDATE
    assert [(c.field, c.old, c.new) for c in row.changes] == [
        ("last_name", "Müller", "Müller-Lüdenscheidt")
    ]
    assert row.groups_added == ["6a"]
    assert row.groups_removed == ["5a", "Theater"]
    juergen = users(engine)["1001"]
    assert juergen.last_name == "Müller-Lüdenscheidt"
    assert juergen.login == "juergen.mueller"  # an update never changes the login
    assert sorted(juergen.groups) == ["6a", "Förderverein"]
    with session_scope(engine) as s:
        all_years = directory.list_users(s)
    assert "4a" in next(u for u in all_years if u.source_id == "1001").groups


def test_a_manual_group_the_file_names_is_kept_not_added_twice(importer, write_csv, engine):
    """The file names a manual group the user is already in: nothing to add (adding it
    again made the whole run fail on the memberships' primary key)."""
    importer.run(write_csv(BASE), create_missing_groups="class")
    with session_scope(engine) as session:
        year = directory.find_year(session, YEAR)
        manual = directory.add_group(session, "Förderverein", GroupType.MANUAL, year)
        directory.add_members(session, manual, ["juergen.mueller"])
    changed = [HEADER, ["1001", "Müller", "Jürgen", "5a, Förderverein", "03.05.2014"], *BASE[2:]]
    session = importer.run(write_csv(changed, name="v2.csv"), create_missing_groups="class")
    row = session.plan.rows[0]
    assert row.action is RowAction.UNCHANGED
    assert (row.groups_added, row.groups_removed) == ([], [])
    assert sorted(users(engine)["1001"].groups) == ["5a", "Förderverein"]
    dropped = [HEADER, ["1001", "Müller", "Jürgen", "6a", "03.05.2014"], *BASE[2:]]
    session = importer.run(write_csv(dropped, name="v3.csv"), create_missing_groups="class")
    assert session.plan.rows[0].groups_removed == ["5a"]  # the manual group stays
    assert sorted(users(engine)["1001"].groups) == ["6a", "Förderverein"]


def test_update_never_touches_password_hashes(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    with session_scope(engine) as s:
        before = s.execute(select(User.password_hash, User.datasafe_hash).order_by(User.id)).all()
    changed = [HEADER, ["1001", "Müller", "Jürgen Peter", "5a", "03.05.2014"], *BASE[2:]]
    importer.run(write_csv(changed, name="v2.csv"), create_missing_groups="class")
    with session_scope(engine) as s:
        after = s.execute(select(User.password_hash, User.datasafe_hash).order_by(User.id)).all()
    assert before == after


def test_without_group_column_memberships_stay(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    no_groups = [[r[0], r[1], r[2]] for r in BASE]
    session = importer.run(write_csv(no_groups, name="ng.csv"))
    assert session.result.summary.unchanged == 3
    assert users(engine)["1002"].groups == ["5a", "Chor"]


def test_ignore_unassigned_groups_drops_those_memberships(importer, write_csv, engine):
    session = importer.run(write_csv(BASE), ignore_unassigned_groups=True)
    assert session.result.summary.created == 3
    assert session.result.summary.groups_created == 0
    assert session.plan.rows[1].groups_ignored == ["5a", "Chor"]
    assert users(engine)["1002"].groups == []


def test_missing_groups_refuse_the_run(importer, write_csv, engine):
    session = importer.plan(write_csv(BASE))
    assert session.plan.missing_groups() == ["5a", "Chor", "5b"]
    with pytest.raises(Refused) as err:
        session.apply()
    assert err.value.message.reason is Reason.MISSING_GROUPS
    assert users(engine) == {}


def test_groups_match_case_insensitively_after_trimming(importer, write_csv, engine):
    with session_scope(engine) as s:
        directory.add_group(s, "5A", GroupType.CLASS, directory.find_year(s, YEAR))
    rows = [HEADER, ["1", "A", "B", "  5a ", ""]]
    session = importer.run(write_csv(rows))
    assert session.result.summary.groups_created == 0
    assert users(engine)["1"].groups == ["5A"]


def test_expired_accounts_are_marked_then_reactivated(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    fewer = [HEADER, BASE[1], BASE[2]]
    session = importer.run(write_csv(fewer, name="v2.csv"), detect_expired=True)
    assert session.result.summary.expired == 1
    gone = users(engine)["1003"]
    assert gone.status == UserStatus.MARKED_FOR_DELETION
    assert gone.deactivate_on is not None and gone.purge_on is not None
    assert (gone.purge_on - gone.deactivate_on).days == 60
    back = importer.run(write_csv(BASE, name="v3.csv"), detect_expired=True)
    assert back.result.summary.reactivated == 1
    again = users(engine)["1003"]
    assert again.status == UserStatus.ACTIVE and again.purge_on is None
    assert again.login == "oemer.oezdemir"


def test_expiry_off_by_default_and_never_touches_other_sources(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    other = [HEADER, ["X1", "Klein", "Lea", "5a", ""]]
    importer.run(write_csv(other, name="o.csv"), source="sis", create_missing_groups="class")
    session = importer.run(write_csv([HEADER, BASE[1]], name="v2.csv"))
    assert session.result.summary.expired == 0
    plan = importer.plan(write_csv([HEADER, *BASE[1:]], name="v3.csv"), detect_expired=True)
    assert plan.plan.expiries == []  # the "sis" user is never expired by a "table" import


def test_invalid_conflicting_and_unticked_rows_count_as_present(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    rows = [
        HEADER,
        ["1001", "", "Jürgen", "5a", ""],  # invalid now
        ["1002", "Weiß", "Anna", "5a, Chor", "2014-02-01"],
        ["1003", "Özdemir", "Ömer", "5b", ""],
    ]
    session = importer.plan(write_csv(rows, name="v2.csv"), detect_expired=True)
    session.plan.rows[2].included = False
    assert session.plan.expiries == []
    session.apply()
    assert users(engine)["1001"].status == UserStatus.ACTIVE


def test_mass_expiry_is_refused_without_confirmation(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    before = dump(engine)
    session = importer.plan(write_csv([HEADER, BASE[1]], name="cut.csv"), detect_expired=True)
    assert session.plan.mass_expiry
    with pytest.raises(Refused) as err:
        session.apply()
    assert err.value.message.reason is Reason.MASS_EXPIRY
    assert dump(engine) == before
    confirmed = importer.plan(
        write_csv([HEADER, BASE[1]], name="cut2.csv"), detect_expired=True, allow_mass_expiry=True
    )
    confirmed.apply()
    assert confirmed.result.summary.expired == 2


def test_file_without_data_rows_is_refused(importer, write_csv, engine):
    with pytest.raises(Refused) as err:
        importer.plan(write_csv([HEADER]))
    assert err.value.message.reason is Reason.NO_DATA_ROWS


def test_validation_reports_every_reason(importer, write_csv, engine):
    rows = [
        ["Quell-ID", "Nachname", "Vorname", "Geburtsdatum", "E-Mail"],
        ["", "", "X" * 65, "31.02.2010", "not-an-address"],
        ["7", "Tab\tName", "Ok", "", "a@" + "b" * 250 + ".de"],
    ]
    session = importer.plan(write_csv(rows))
    first, second = session.plan.rows
    assert first.action is RowAction.INVALID and second.action is RowAction.INVALID
    assert {m.reason for m in first.reasons} == {
        Reason.MISSING_REQUIRED,
        Reason.TOO_LONG,
        Reason.INVALID_DATE,
        Reason.INVALID_EMAIL,
    }
    assert [m.params["field"] for m in first.reasons if m.reason is Reason.MISSING_REQUIRED] == [
        "source_id",
        "last_name",
    ]
    assert {m.reason for m in second.reasons} == {Reason.CONTROL_CHARACTERS, Reason.TOO_LONG}
    session.apply()
    assert users(engine) == {}
    assert session.result.summary.invalid == 2


# ------------------------------------------------------------------------ conflicts
def test_duplicate_source_id_keep_one_or_skip_all(importer, write_csv, engine):
    rows = [HEADER, ["1", "Kaya", "Elif", "", ""], ["1", "Kaya", "Elif Su", "", ""]]
    session = importer.plan(write_csv(rows))
    first, second = session.plan.rows
    assert first.conflict.kind is ConflictKind.DUPLICATE_SOURCE_ID
    assert first.conflict.choices == (Resolution.KEEP, Resolution.SKIP)
    assert session.plan.summary().conflicts == 2
    session.plan.resolve(second, Resolution.KEEP)
    assert first.resolution is Resolution.SKIP
    session.apply()
    assert users(engine)["1"].first_name == "Elif Su"
    assert session.result.summary.created == 1 and session.result.summary.skipped == 1


def test_duplicate_unresolved_creates_nothing(importer, write_csv, engine):
    rows = [HEADER, ["1", "Kaya", "Elif", "", ""], ["1", "Kaya", "Elif", "", ""]]
    session = importer.run(write_csv(rows))
    assert session.result.summary.conflicts == 2
    assert users(engine) == {}


def test_source_id_of_another_account_type_is_only_skippable(importer, write_csv, engine):
    importer.run(write_csv([HEADER, ["T1", "Lehmann", "Lisa", "", ""]]), account_type="teacher")
    session = importer.plan(write_csv([HEADER, ["T1", "Lehmann", "Lisa", "", ""]], name="s.csv"))
    row = session.plan.rows[0]
    assert row.conflict.kind is ConflictKind.OTHER_ACCOUNT_TYPE
    assert row.conflict.choices == (Resolution.SKIP,)
    session.apply()
    assert users(engine)["T1"].account_type == "teacher"


@pytest.mark.parametrize("login", ["admin", "taken.login"])
def test_login_taken_or_reserved_generate_or_skip(importer, write_csv, engine, login):
    header = ["Quell-ID", "Nachname", "Vorname", "Benutzername"]
    importer.run(write_csv([header, ["1", "Alt", "Ana", "taken.login"]], name="a.csv"))
    session = importer.plan(write_csv([header, ["2", "Neu", "Nina", login]], name="b.csv"))
    row = session.plan.rows[0]
    assert row.conflict.kind is ConflictKind.LOGIN_TAKEN
    assert row.conflict.choices == (Resolution.GENERATE_LOGIN, Resolution.SKIP)
    session.plan.resolve(row, Resolution.GENERATE_LOGIN)
    session.apply()
    assert users(engine)["2"].login == "nina.neu"


def test_possible_duplicate_of_another_source_link_create_or_skip(importer, write_csv, engine):
    importer.run(write_csv([HEADER, ["M1", "Yılmaz", "Şükrü", "", "01.01.2012"]]), source="manual")
    path = write_csv([HEADER, ["100", "Yılmaz", "Şükrü", "", "2012-01-01"]], name="t.csv")
    session = importer.plan(path)
    row = session.plan.rows[0]
    assert row.conflict.kind is ConflictKind.POSSIBLE_DUPLICATE
    assert row.conflict.choices == (Resolution.LINK, Resolution.CREATE_NEW, Resolution.SKIP)
    session.plan.resolve(row, Resolution.LINK)
    assert row.effective_action is RowAction.UPDATE
    session.apply()
    found = users(engine)
    assert "M1" not in found and found["100"].source == "table"
    assert found["100"].login == "suekrue.yilmaz"
    again = importer.plan(
        write_csv([HEADER, ["100", "Yılmaz", "Şükrü", "", "2012-01-01"]], name="u.csv")
    )
    assert again.plan.rows[0].action is RowAction.UNCHANGED


def test_possible_duplicate_create_new(importer, write_csv, engine):
    importer.run(write_csv([HEADER, ["M1", "Kim", "Jae", "", "01.01.2012"]]), source="manual")
    session = importer.plan(
        write_csv([HEADER, ["100", "Kim", "Jae", "", "01.01.2012"]], name="t.csv")
    )
    session.plan.resolve(session.plan.rows[0], Resolution.CREATE_NEW)
    session.apply()
    assert users(engine)["100"].login == "jae.kim2"
    assert users(engine)["M1"].login == "jae.kim"


def test_match_off_existing_source_id_skip_or_update(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    changed = [HEADER, ["1001", "Müller", "Jürgen Karl", "5a", "03.05.2014"]]
    session = importer.plan(write_csv(changed, name="v2.csv"), match_users=False)
    row = session.plan.rows[0]
    assert row.conflict.kind is ConflictKind.SOURCE_ID_EXISTS
    assert row.conflict.choices == (Resolution.SKIP, Resolution.UPDATE)
    session.plan.resolve(row, Resolution.UPDATE)
    session.apply()
    assert users(engine)["1001"].first_name == "Jürgen Karl"


def test_user_of_other_source_is_never_updated(importer, write_csv, engine):
    importer.run(write_csv([HEADER, ["1001", "Manuell", "Max", "", ""]]), source="manual")
    importer.run(write_csv(BASE, name="t.csv"), create_missing_groups="class")
    found = {(u.source, u.source_id): u for u in directory_users(engine)}
    assert found[("manual", "1001")].last_name == "Manuell"
    assert found[("table", "1001")].last_name == "Müller"


def directory_users(engine):
    with session_scope(engine) as s:
        return directory.list_users(s)


# ------------------------------------------------------------------- run behaviour
def test_stale_plan_is_refused(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    session = importer.plan(write_csv([*BASE, ["1004", "Neu", "Nils", "5a", ""]], name="v2.csv"))
    with session_scope(engine) as s:
        s.execute(update(User).where(User.source_id == "1001").values(first_name="Changed"))
    before = dump(engine)
    with pytest.raises(StalePlan):
        session.apply()
    assert dump(engine) == before


def test_cancelled_run_changes_nothing(importer, write_csv, engine):
    rows = [HEADER] + [[str(i), f"Name{i}", "Vor", "5a", ""] for i in range(3000)]
    session = importer.plan(write_csv(rows), create_missing_groups="class")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled) as err:
        session.apply(cancelled=cancel)
    assert err.value.message.reason is Reason.CANCELLED
    assert users(engine) == {}
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 0


def test_a_cancel_after_the_last_hashes_still_wins(importer, write_csv, engine, monkeypatch):
    """Cancel is pressed while the last hashes finish, after every write: the run is
    still before its commit, so it rolls back (the wizard's test once saw it finish)."""
    from app.engine.applying import apply

    session = importer.plan(write_csv(BASE), create_missing_groups="class")
    stored = []
    original = apply._Writer._store_hashes

    def store_then_press_cancel(self, pending):
        original(self, pending)
        stored.append(True)

    monkeypatch.setattr(apply._Writer, "_store_hashes", store_then_press_cancel)
    with pytest.raises(Cancelled):
        session.apply(cancelled=lambda: bool(stored))
    assert stored and users(engine) == {}


@pytest.mark.sqlite_only
def test_no_plain_password_reaches_the_database_file(importer, write_csv, engine, db_url):
    session = importer.run(write_csv(BASE), create_missing_groups="class")
    secrets = [
        s for c in session.result.credentials.values() for s in (c.password, c.datasafe_password)
    ]
    assert len(secrets) == 6 and all(secrets)
    engine.dispose()
    path = Path(db_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    for secret in secrets:
        assert secret.encode() not in blob
        assert secret.encode("utf-16-le") not in blob
    with sqlite3.connect(path) as conn:
        hashes = conn.execute("select password_hash from users").fetchall()
    assert all(h[0].startswith("$argon2id$") for h in hashes)


def test_logins_once_given_are_never_given_again(importer, write_csv, engine):
    importer.run(write_csv([HEADER, ["1", "Meyer", "Tom", "", ""]]))
    with session_scope(engine) as s:
        s.execute(User.__table__.delete())
    session = importer.run(write_csv([HEADER, ["2", "Meyer", "Tom", "", ""]], name="b.csv"))
    assert session.result.logins[0] == "tom.meyer2"


def test_year_is_required(importer, write_csv, engine):
    with pytest.raises(Refused) as err:
        importer.plan(write_csv(BASE), year="1999/00")
    assert err.value.message.reason is Reason.YEAR_NOT_FOUND


def date_(y: int, m: int, d: int):
    from datetime import date

    return date(y, m, d)


def test_school_year_rows_are_untouched(importer, write_csv, engine):
    importer.run(write_csv(BASE), create_missing_groups="class")
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(SchoolYear)) == 1


def test_a_login_the_file_changes_alone_is_an_update_and_is_applied(importer, write_csv, engine):
    """A row whose only difference is the login in the file: the preview shows an
    update with the login's change, and the run gives that login (it was planned
    unchanged, and the file's login silently dropped)."""
    header = ["Quell-ID", "Nachname", "Vorname", "Benutzername"]
    importer.run(write_csv([header, ["1", "Alt", "Ana", "ana.alt"]], name="a.csv"))
    session = importer.plan(write_csv([header, ["1", "Alt", "Ana", "ana.neu"]], name="b.csv"))
    row = session.plan.rows[0]
    assert row.action is RowAction.UPDATE
    assert [(c.field, c.old, c.new) for c in row.changes] == [("login", "ana.alt", "ana.neu")]
    session.apply()
    assert session.result is not None and session.result.summary.updated == 1
    assert users(engine)["1"].login == "ana.neu"
    again = importer.plan(write_csv([header, ["1", "Alt", "Ana", "ana.neu"]], name="c.csv"))
    assert again.plan.rows[0].action is RowAction.UNCHANGED
