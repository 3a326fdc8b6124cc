"""Group CSV import and export (seed 004): encodings, the group ID as key, one row per
member, delete members before importing, row errors, and the export round trip."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app.cli import main
from app.db import session_scope
from app.engine.admin import directory
from app.engine.admin.groupcsv import GroupImportResult, apply_group_import, plan_group_import
from app.engine.admin.groupcsvrows import HEADERS
from app.engine.admin.groupexport import export_groups
from app.engine.reasons import Reason, Refused, StalePlan
from app.models import Group, GroupType, Membership

YEAR = "2026/27"
LOGINS = ["anna.mueller", "ben.berg", "cem.kaya", "dana.ito"]
JAPANESE = [
    ["", "数学部", "説明", "月曜日", "0", "user", "anna.mueller", "True"],
    ["", "数学部", "説明", "月曜日", "0", "user", "ben.berg", "False"],
    ["", "三年一組", "", "", "", "user", "cem.kaya", ""],
    ["", "空のグループ", "メンバーなし", "", "1", "", "", ""],
]


@pytest.fixture
def users(engine: Engine, db_url: str, write_csv: Callable[..., Path]) -> Engine:
    """Four students imported through the command line (class 5a is created)."""
    rows = [
        ["Quell-ID", "Nachname", "Vorname", "Klasse"],
        ["1", "Müller", "Anna", "5a"],
        ["2", "Berg", "Ben", "5a"],
        ["3", "Kaya", "Cem", "5a"],
        ["4", "Ito", "Dana", "5a"],
    ]
    path = write_csv(rows, name="schueler.csv")
    args = ["--db", db_url, "import", str(path), "--year", YEAR, "--account-type", "student"]
    assert main([*args, "--create-missing-groups", "class", "--no-passwords", "--json"]) == 0
    return engine


def _write(
    path: Path, rows: list[list[str]], encoding: str, header: tuple[str, ...] = HEADERS
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([list(header), *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _import(engine: Engine, path: Path, **options: object) -> GroupImportResult:
    with session_scope(engine) as session:
        plan = plan_group_import(session, path, **options)  # type: ignore[arg-type]
        assert not plan.errors, [e.text() for e in plan.errors]
        return apply_group_import(session, plan)


def _groups(engine: Engine) -> dict[str, tuple[str, str, bool, dict[str, bool]]]:
    with session_scope(engine) as session:
        result = {}
        for group in session.scalars(select(Group)):
            members = {
                login: bool(admin)
                for login, admin in session.execute(
                    select(directory.User.login, Membership.is_admin)
                    .join(Membership, Membership.user_id == directory.User.id)
                    .where(Membership.group_id == group.id)
                )
            }
            result[group.name] = (group.description, group.comment, group.disabled, members)
        return result


def test_shift_jis_round_trip(users: Engine, tmp_path: Path) -> None:
    source = _write(tmp_path / "groups.csv", JAPANESE, "shift_jis")
    result = _import(users, source, encoding="shift_jis")
    assert result.sentence() == "3 groups added, 0 updated. 3 members added, 0 updated"
    before = _groups(users)
    assert before["数学部"] == ("説明", "月曜日", False, {"anna.mueller": True, "ben.berg": False})
    assert before["空のグループ"] == ("メンバーなし", "", True, {})

    exported = tmp_path / "export.csv"
    with session_scope(users) as session:
        assert export_groups(session, exported, "shift_jis") == 4  # with class 5a
    text = exported.read_bytes().decode("shift_jis")  # strict: every byte is Shift-JIS
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == HEADERS
    assert ["数学部", "説明", "月曜日", "0", "user", "anna.mueller", "True"] in [
        r[1:] for r in rows
    ]
    assert ["空のグループ", "メンバーなし", "", "1", "", "", ""] in [r[1:] for r in rows]
    assert sum(r[1] == "5a" for r in rows) == 4  # one row per member

    with session_scope(users) as session:
        plan = plan_group_import(session, exported)  # encoding detected
        assert plan.encoding == "shift_jis"
        assert {g.action for g in plan.groups} == {"unchanged"}
        again = apply_group_import(session, plan)
    assert again.sentence() == "0 groups added, 0 updated. 0 members added, 0 updated"
    assert _groups(users) == before


def test_updates_are_counted_only_when_something_changed(users: Engine, tmp_path: Path) -> None:
    _import(users, _write(tmp_path / "a.csv", JAPANESE, "utf-8"))
    exported = tmp_path / "export.csv"
    with session_scope(users) as session:
        export_groups(session, exported)
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    text = exported.read_text("utf-8-sig")
    text = text.replace("説明", "新しい説明")
    text = text.replace(
        "新しい説明,月曜日,0,user,ben.berg,False", "新しい説明,月曜日,0,user,ben.berg,True"
    )
    text = text.replace(
        "空のグループ,メンバーなし,,1,,,", "空のグループ,メンバーなし,,1,user,dana.ito,"
    )
    exported.write_text(text, encoding="utf-8")
    result = _import(users, exported)
    assert result.sentence() == "0 groups added, 1 updated. 1 members added, 1 updated"
    after = _groups(users)
    assert after["数学部"][0] == "新しい説明"
    assert after["数学部"][3]["ben.berg"] is True
    assert after["空のグループ"][3] == {"dana.ito": False}


def test_delete_members_before_empties_only_the_named_groups(users: Engine, tmp_path: Path) -> None:
    _import(users, _write(tmp_path / "a.csv", JAPANESE, "utf-8"))
    with session_scope(users) as session:
        group_id = session.scalar(select(Group.id).where(Group.name == "数学部"))
    rows = [[f"G{group_id}", "", "", "", "", "user", "cem.kaya", ""]]
    path = _write(tmp_path / "b.csv", rows, "cp1252")
    with session_scope(users) as session:
        plan = plan_group_import(session, path, delete_members_before=True)
        assert [m.login for m in plan.groups[0].members_removed] == ["anna.mueller", "ben.berg"]
        result = apply_group_import(session, plan)
    assert result.sentence() == "0 groups added, 0 updated. 1 members added, 0 updated"
    assert result.members_removed == 2
    after = _groups(users)
    assert after["数学部"][3] == {"cem.kaya": False}
    assert after["数学部"][:2] == ("説明", "月曜日")  # empty cells keep the values
    assert after["三年一組"][3] == {"cem.kaya": False}  # not named in the file
    assert len(after["5a"][3]) == 4


def test_group_id_is_the_update_key(users: Engine, tmp_path: Path) -> None:
    rows = [["AG-7", "Chor", "", "", "", "user", "anna.mueller", ""]]
    assert _import(users, _write(tmp_path / "a.csv", rows, "utf-8")).groups_added == 1
    rows = [["AG-7", "Schulchor", "", "", "", "user", "anna.mueller", ""]]
    result = _import(users, _write(tmp_path / "b.csv", rows, "utf-8"))
    assert (result.groups_added, result.groups_updated, result.members_added) == (0, 1, 0)
    with session_scope(users) as session:
        group = session.scalars(select(Group).where(Group.external_id == "AG-7")).one()
        assert (group.name, group.type, group.year_id) == ("Schulchor", "team", None)
        assert session.scalar(select(func.count()).select_from(Group)) == 2  # never deleted


def test_new_groups_go_into_the_given_year_with_the_given_type(
    users: Engine, tmp_path: Path
) -> None:
    header = (*HEADERS, "group_type")
    rows = [["", "Mathe LK", "", "", "", "user", "anna.mueller", "", "course"]]
    _import(users, _write(tmp_path / "a.csv", rows, "utf-8", header), year=YEAR)
    with session_scope(users) as session:
        group = session.scalars(select(Group).where(Group.name == "Mathe LK")).one()
        year = directory.find_year(session, YEAR)
        assert (group.type, group.year_id) == (GroupType.COURSE.value, year.id)


def test_row_errors_leave_those_rows_out(users: Engine, tmp_path: Path) -> None:
    rows = [
        ["", "Theater", "", "", "", "user", "anna.mueller", ""],
        ["", "Theater", "", "", "", "user", "nobody", ""],
        ["G999", "", "", "", "", "user", "ben.berg", ""],
        ["", "Theater", "", "", "vielleicht", "user", "cem.kaya", ""],
        ["", "Theater", "", "", "", "dept", "d01", ""],
    ]
    path = _write(tmp_path / "a.csv", rows, "utf-8")
    with session_scope(users) as session:
        groups_before = session.scalar(select(func.count()).select_from(Group))
        plan = plan_group_import(session, path)
        assert session.scalar(select(func.count()).select_from(Group)) == groups_before
    errors = {e.line: e for e in plan.errors}
    assert sorted(errors) == [3, 4, 5, 6]
    assert errors[3].message.reason is Reason.USER_NOT_FOUND
    assert errors[3].text() == "line 3: there is no user with the login 'nobody'"
    assert "G999" in errors[4].text()
    assert "vielleicht" in errors[5].text()
    assert "dept" in errors[6].text()
    assert plan.summary().rows_with_errors == 4
    with session_scope(users) as session:  # nothing written by planning
        assert session.scalar(select(func.count()).select_from(Group)) == groups_before
    with session_scope(users) as session:
        result = apply_group_import(session, plan_group_import(session, path))
    assert result.sentence() == "1 groups added, 0 updated. 1 members added, 0 updated"
    assert _groups(users)["Theater"][3] == {"anna.mueller": False}


def test_unknown_id_with_a_taken_name_is_an_error(users: Engine, tmp_path: Path) -> None:
    rows = [["X1", "5a", "", "", "", "", "", ""]]
    with session_scope(users) as session:
        plan = plan_group_import(session, _write(tmp_path / "a.csv", rows, "utf-8"), year=YEAR)
    assert "exists already" in plan.errors[0].text()
    assert plan.groups == []


def test_unknown_headers_are_ignored_and_german_headers_read(users: Engine, tmp_path: Path) -> None:
    header = (
        "Gruppenname",
        "Beschreibung",
        "Raum",
        "Mitgliedsschlüssel",
        "Mitglied ist Administrator",
    )
    rows = [["Chor", "singt", "A101", "anna.mueller", "ja"]]
    path = _write(tmp_path / "a.csv", rows, "cp1252", header)
    with session_scope(users) as session:
        plan = plan_group_import(session, path)
        assert plan.ignored_headers == ["Raum"]
        apply_group_import(session, plan)
    assert _groups(users)["Chor"] == ("singt", "", False, {"anna.mueller": True})


def test_a_file_without_header_row_is_refused(users: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("G1,Chor,,,0,user,anna.mueller,False\r\n", encoding="utf-8")
    with session_scope(users) as session, pytest.raises(Refused, match="header row is required"):
        plan_group_import(session, path)
    path.write_text("description,comment\r\nx,y\r\n", encoding="utf-8")
    with session_scope(users) as session, pytest.raises(Refused, match="group ID, group name"):
        plan_group_import(session, path)


def test_sentence_text() -> None:
    result = GroupImportResult(2, 1, 5, 3)
    assert result.sentence() == "2 groups added, 1 updated. 5 members added, 3 updated"
    assert result.as_dict() == {
        "groups_added": 2,
        "groups_updated": 1,
        "members_added": 5,
        "members_updated": 3,
    }
    json.dumps(result.as_dict())


def test_export_neutralises_cells_and_the_import_undoes_it(users: Engine, tmp_path: Path) -> None:
    rows = [["", "=Rechnen", "-Minus", "@home", "", "user", "anna.mueller", ""]]
    _import(users, _write(tmp_path / "a.csv", rows, "utf-8"))
    exported = tmp_path / "export.csv"
    with session_scope(users) as session:
        export_groups(session, exported, "cp1252")
    text = exported.read_text("cp1252")
    assert ",'=Rechnen,'-Minus,'@home," in text
    with session_scope(users) as session:
        plan = plan_group_import(session, exported)
        assert {g.action for g in plan.groups} == {"unchanged"}
        assert plan.summary().members_added == 0


def test_export_refuses_characters_the_encoding_cannot_hold(users: Engine, tmp_path: Path) -> None:
    _import(users, _write(tmp_path / "a.csv", JAPANESE, "utf-8"))
    target = tmp_path / "export.csv"
    with session_scope(users) as session, pytest.raises(Refused) as caught:
        export_groups(session, target, "cp1252")
    assert "三年一組" in caught.value.text() or "数学部" in caught.value.text()
    assert "UTF-8" in caught.value.text()
    assert not target.exists()
    with session_scope(users) as session, pytest.raises(Refused, match="not an export encoding"):
        export_groups(session, target, "latin-9")


def test_a_changed_database_makes_the_plan_stale(users: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", JAPANESE, "utf-8")
    with session_scope(users) as session:
        plan = plan_group_import(session, path)
    with session_scope(users) as session:
        group = directory.find_group(session, "5a", None)
        group.description = "geändert"
    with session_scope(users) as session, pytest.raises(StalePlan):
        apply_group_import(session, plan)


def test_system_groups_are_never_changed(users: Engine, tmp_path: Path) -> None:
    with session_scope(users) as session:
        directory.add_group(session, "Alle", GroupType.SYSTEM, None)
    rows = [["", "Alle", "", "", "", "user", "anna.mueller", ""]]
    with session_scope(users) as session:
        plan = plan_group_import(session, _write(tmp_path / "a.csv", rows, "utf-8"))
    assert "system group" in plan.errors[0].text()
