"""Exports of the systems schools already run (issue 17): linuxmuster's headerless
lists, UCS@school's UTF-16 table with a type column, Moodle's and Chamilo's user
uploads. Every file here is written by the test in that system's layout; each is
imported, then imported again with one change (idempotence, identity held)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main

Cli = Callable[..., tuple[int, str, str]]
YEAR = ("--year", "2026/27")


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: object) -> tuple[int, str, str]:
        code = main(["--db", db_url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("init")[0] == 0
    code, _out, err = run(
        "year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31", "--current"
    )
    assert code == 0, err
    return run


def counts(cli: Cli, path: Path, *args: object) -> dict[str, int]:
    code, out, err = cli("import", path, *YEAR, *args, "--json")
    assert code == 0, err
    data: dict[str, int] = json.loads(out)
    return data


def users(cli: Cli) -> dict[str, dict[str, object]]:
    code, out, err = cli("users", "list", "--json")
    assert code == 0, err
    return {u["login"]: u for u in json.loads(out)}


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


# -------------------------------------------------------------------- linuxmuster

STUDENTS = [
    " 5a ; Müller ; Jürgen ; 03.05.2014 ;",
    "5a;Weiß;Anna;01.02.2014;",
    " 6b ;  Özdemir ;Ömer ; 30.11.2013 ;",
]


def test_linuxmuster_students_recognised_and_identified_by_name_and_birth_date(
    cli: Cli, tmp_path: Path
) -> None:
    path = write(tmp_path / "students.csv", STUDENTS)
    args = ("--account-type", "student", "--create-missing-groups", "class", "--detect-expired")
    first = counts(cli, path, *args)  # no --layout: the content fits it
    assert (first["created"], first["invalid"], first["groups_created"]) == (3, 0, 2)
    before = users(cli)
    assert before["anna.weiss"]["groups"] == ["5a"]
    assert str(before["anna.weiss"]["source_id"]).startswith("id-")
    assert counts(cli, path, *args)["unchanged"] == 3  # the same file: nothing changes

    moved = write(tmp_path / "students.csv", [STUDENTS[0], "6b;Weiß;Anna;01.02.2014;", STUDENTS[2]])
    again = counts(cli, moved, "--layout", "linuxmuster-students", *args)
    assert (again["updated"], again["unchanged"], again["created"], again["expired"]) == (
        1,
        2,
        0,
        0,
    )
    after = users(cli)
    assert after["anna.weiss"]["groups"] == ["6b"]
    assert after["anna.weiss"]["source_id"] == before["anna.weiss"]["source_id"]


def test_a_corrected_name_is_offered_as_a_link_not_a_new_person(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "students.csv", STUDENTS)
    args = ("--account-type", "student", "--create-missing-groups", "class", "--detect-expired")
    counts(cli, path, *args)
    # Weiß and WEISS are one ID (case folded: ß is ss); a new name is another.
    renamed = write(
        tmp_path / "renamed.csv", [STUDENTS[0], "5a;Weiß-Berg;Anna;01.02.2014;", STUDENTS[2]]
    )
    code, out, err = cli("import", renamed, *YEAR, *args, "--dry-run", "--json")
    assert code == 0, err
    plan = json.loads(out)
    row = next(r for r in plan["rows"] if r["line"] == 2)
    assert row["action"] == "conflict"
    assert [r["code"] for r in row["reasons"]] == ["possible_rename"]
    assert "anna.weiss" in row["reasons"][0]["text"] and "last name" in row["reasons"][0]["text"]
    linked = counts(cli, renamed, *args, "--on-conflict", "link")
    assert (linked["updated"], linked["created"], linked["expired"]) == (1, 0, 0)
    after = users(cli)
    assert len(after) == 3 and after["anna.weiss"]["last_name"] == "Weiß-Berg"
    assert counts(cli, renamed, *args)["unchanged"] == 3  # the new ID holds


def test_linuxmuster_students_with_their_id_column(cli: Cli, tmp_path: Path) -> None:
    lines = [f"{line[:-1]};{n}" for n, line in enumerate(STUDENTS, 4711)]
    path = write(tmp_path / "students.csv", lines)
    args = ("--layout", "linuxmuster-students", "--account-type", "student")
    assert counts(cli, path, *args, "--create-missing-groups", "class")["created"] == 3
    assert sorted(u["source_id"] for u in users(cli).values()) == ["4711", "4712", "4713"]
    renamed = [lines[0], lines[1].replace("Weiß", "Weiss"), lines[2]]
    again = counts(cli, write(tmp_path / "students.csv", renamed), *args)
    assert (again["updated"], again["unchanged"], again["conflicts"]) == (1, 2, 0)


TEACHERS = [
    "lehrer ; Bauer ; Thomas ; 08.08.1970 ; bat ;",
    "lehrer;Kühn;Sabine;1975-01-31;kue;",
]


def test_linuxmuster_teachers_login_is_the_key(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "teachers.csv", TEACHERS)
    args = ("--layout", "linuxmuster-teachers", "--account-type", "teacher")
    assert counts(cli, path, *args)["created"] == 2
    assert {u["login"]: u["source_id"] for u in users(cli).values()} == {
        "bat": "bat",
        "kue": "kue",
    }
    assert counts(cli, path, *args)["unchanged"] == 2
    married = write(
        tmp_path / "teachers.csv", [TEACHERS[0], "lehrer;Kühn-Ott;Sabine;1975-01-31;kue;"]
    )
    assert counts(cli, married, *args)["updated"] == 1
    assert users(cli)["kue"]["last_name"] == "Kühn-Ott"
    # recognised without --layout too
    code, out, err = cli("import", married, *YEAR, "--account-type", "teacher", "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 2, err


# -------------------------------------------------------------------- UCS@school

UCS_HEADER = "Benutzername\tVorname\tNachname\tBenutzertyp\tKlassen\tGeburtsdatum"
UCS_ROWS = [
    'mmueller\tMax\tMüller\tstudent\t"5a,Chor"\t2014-03-05',
    'aweiss\tAnna\tWeiß\tschüler\t"5a, Theater"\t2014-02-01',
    'tbauer\tThomas\tBauer\tteacher\t"5a,5b,Lehrerzimmer"\t1970-08-08',
    "skoch\tSusi\tKoch\tstaff\tVerwaltung\t1980-01-01",
    'llange\tLena\tLange\tteacher_and_staff\t"5b"\t1982-02-02',
    "hhaus\tHans\tHaus\tHausmeister\t\t1960-06-06",
]


def test_ucs_school_utf16_with_a_type_column(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "ucs.csv", [UCS_HEADER, *UCS_ROWS], "utf-16")
    args = ("--account-type", "student", "--map", "Benutzername=source_id")
    args += ("--map", "Benutzername=login", "--create-missing-groups", "class", "--detect-expired")
    first = counts(cli, path, *args)
    assert (first["created"], first["other_type"], first["invalid"]) == (2, 3, 1)
    assert first["groups_created"] == 3  # 5a, Chor, Theater: not the teachers' groups
    made = users(cli)
    assert set(made) == {"mmueller", "aweiss"}
    assert (
        made["mmueller"]["groups"] == ["5a", "Chor"] and made["mmueller"]["source_id"] == "mmueller"
    )
    code, out, err = cli("import", path, *YEAR, *args, "--dry-run", "--json")
    rows = {r["line"]: r for r in json.loads(out)["rows"]}
    assert rows[4]["action"] == "other_type" and rows[4]["reasons"] == []
    assert rows[7]["action"] == "invalid"
    assert rows[7]["reasons"][0]["code"] == "account_type_unknown"
    changed = [*UCS_ROWS]
    changed[1] = 'aweiss\tAnna\tWeiß\tschüler\t"5a"\t2014-02-01'
    again = counts(cli, write(tmp_path / "ucs.csv", [UCS_HEADER, *changed], "utf-16"), *args)
    assert (again["updated"], again["unchanged"], again["expired"], again["other_type"]) == (
        1,
        1,
        0,
        3,
    )
    assert users(cli)["aweiss"]["groups"] == ["5a"]
    # The failed-rows file holds the invalid row, not the other types' rows.
    failed = tmp_path / "fehler.csv"
    code, _out, err = cli("import", path, *YEAR, *args, "--errors", failed)
    assert code == 0, err
    assert [line.split(";")[0] for line in failed.read_text("utf-8-sig").splitlines()[1:]] == [
        "hhaus"
    ]
    # The teachers' run takes the teachers (teacher_and_staff counts as teacher).
    teachers = counts(cli, path, *args[:1], "teacher", *args[2:])
    assert (teachers["created"], teachers["other_type"]) == (2, 3)


# -------------------------------------------------------------------- Moodle

MOODLE = [
    "username,firstname,lastname,email,cohort1,course1,group1,course2",
    "mmueller,Max,Müller,max@schule.example,Jahrgang5,Mathe-5a,Gruppe A,Bio-5",
    "aweiss,Anna,Weiß,anna@schule.example,Jahrgang5,Mathe-5a,Gruppe B,",
]


def test_moodle_username_is_key_and_login_and_groups_merge(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "moodle.csv", MOODLE)
    args = ("--account-type", "student", "--create-missing-groups", "course")
    args += ("--map", "username=source_id", "--map", "username=login")
    assert counts(cli, path, *args)["created"] == 2
    made = users(cli)
    assert made["mmueller"]["source_id"] == "mmueller"
    assert made["mmueller"]["groups"] == ["Bio-5", "Gruppe A", "Jahrgang5", "Mathe-5a"]
    assert counts(cli, path, *args)["unchanged"] == 2
    # The two fields of "username" are remembered for this header layout.
    assert counts(cli, path, *args[:4])["unchanged"] == 2
    changed = [
        *MOODLE[:2],
        "aweiss,Anna,Weiß,anna.weiss@schule.example,Jahrgang5,Mathe-5a,Gruppe B,",
    ]
    again = counts(cli, write(tmp_path / "moodle.csv", changed), *args)
    assert (again["updated"], again["unchanged"]) == (1, 1)
    assert users(cli)["aweiss"]["email"] == "anna.weiss@schule.example"


# -------------------------------------------------------------------- Chamilo

CHAMILO = [
    "LastName;FirstName;Email;UserName;Password;AuthSource;OfficialCode;PhoneNumber;Status;Courses",
    "Müller;Max;max@schule.example;mmueller;geheim1;platform;S-100;;5;MATHE5A|BIO5",
    "Weiß;Anna;anna@schule.example;aweiss;geheim2;platform;S-101;;5;MATHE5A | DEUTSCH5",
    "Bauer;Thomas;tb@schule.example;tbauer;geheim3;platform;L-1;;1;MATHE5A|BIO5|PHYSIK",
    "Haus;Hans;hh@schule.example;hhaus;geheim4;platform;P-1;;4;",  # 4: HR manager
]


def test_chamilo_status_and_pipe_separated_courses(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "chamilo.csv", CHAMILO)
    args = ("--account-type", "student", "--create-missing-groups", "course")
    first = counts(cli, path, *args)
    assert (first["created"], first["other_type"], first["groups_created"]) == (2, 1, 3)
    assert first["invalid"] == 1  # status 4 is no account type here
    made = users(cli)
    assert made["mmueller"]["source_id"] == "S-100"
    assert made["aweiss"]["groups"] == ["DEUTSCH5", "MATHE5A"]
    assert counts(cli, path, *args)["unchanged"] == 2
    changed = [
        *CHAMILO[:2],
        CHAMILO[2].replace("MATHE5A | DEUTSCH5", "MATHE5A|DEUTSCH5|BIO5"),
        *CHAMILO[3:],
    ]
    again = counts(cli, write(tmp_path / "chamilo.csv", changed), *args)
    assert (again["updated"], again["unchanged"], again["other_type"]) == (1, 1, 1)
    assert users(cli)["aweiss"]["groups"] == ["BIO5", "DEUTSCH5", "MATHE5A"]


def test_users_list_sorts_names_the_german_way(cli: Cli, tmp_path: Path) -> None:
    rows = ["ID;Nachname;Vorname", "1;Steinbrink;Ute", "2;Sörte;Ole", "3;Sauer;Ina", "4;Zorn;Al"]
    counts(cli, write(tmp_path / "names.csv", rows), "--account-type", "student")
    code, out, err = cli("users", "list", "--json")
    assert code == 0, err
    assert [u["last_name"] for u in json.loads(out)] == ["Sauer", "Sörte", "Steinbrink", "Zorn"]


def test_identity_on_a_file_with_headers_is_remembered(cli: Cli, tmp_path: Path) -> None:
    rows = ["Nachname;Vorname;Geburtsdatum", "Müller;Max;05.03.2014", "Weiß;Anna;01.02.2014"]
    path = write(tmp_path / "ohne-id.csv", rows)
    code, _out, err = cli("import", path, *YEAR, "--account-type", "student")
    assert code == 2 and "source ID" in err  # no ID column, no identity: refused
    identity = ("--identity", "last_name,first_name,birth_date")
    assert counts(cli, path, "--account-type", "student", *identity)["created"] == 2
    assert counts(cli, path, "--account-type", "student")["unchanged"] == 2
