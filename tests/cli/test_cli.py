"""The command-line contract of SPEC §4: commands, JSON keys, exit statuses."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
import pyzipper

from app.cli import main
from tests.conftest import HEADER

COUNT_KEYS = {
    "created",
    "updated",
    "unchanged",
    "expired",
    "reactivated",
    "skipped",
    "invalid",
    "conflicts",
    "groups_created",
    "other_type",
    "run_id",
}
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a, Chor", "2014-02-01"],
    ["1003", "Özdemir", "Ömer", "5b", ""],
]


@pytest.fixture
def cli(db_url, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    code, _out, _err = run("init")
    assert code == 0
    code, _out, _err = run(
        "year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31", "--current"
    )
    assert code == 0
    return run


def test_year_and_group_commands(cli):
    code, out, _ = cli("year", "list", "--json")
    assert json.loads(out) == [
        {"name": "2026/27", "start": "2026-08-01", "end": "2027-07-31", "current": True}
    ]
    assert cli("group", "add", "5a", "--type", "class", "--year", "2026/27")[0] == 0
    code, _out, err = cli("group", "add", "5A ", "--type", "class", "--year", "2026/27")
    assert code == 2 and "exists already" in err
    code, out, _ = cli("group", "list", "--json")
    assert json.loads(out) == [
        {"name": "5a", "type": "class", "year": "2026/27", "member_count": 0}
    ]


def test_import_json_counts_and_users_list(cli, write_csv):
    path = write_csv(ROWS, encoding="cp1252")
    code, out, err = cli(
        "import",
        path,
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--json",
    )
    assert code == 0, err
    counts = json.loads(out)
    assert set(counts) == COUNT_KEYS
    assert (counts["created"], counts["groups_created"]) == (3, 3)
    assert all(isinstance(v, int) for v in counts.values())
    code, out, _ = cli("users", "list", "--json")
    listed = json.loads(out)
    assert set(listed[0]) == {
        "login",
        "first_name",
        "last_name",
        "source",
        "source_id",
        "account_type",
        "status",
        "birth_date",
        "email",
        "groups",
    }
    anna = next(u for u in listed if u["source_id"] == "1002")
    assert anna["groups"] == ["5a", "Chor"] and anna["birth_date"] == "2014-02-01"
    assert anna["last_name"] == "Weiß"
    code, out, _ = cli("group", "list", "--json")
    assert {g["name"]: g["member_count"] for g in json.loads(out)} == {"5a": 2, "Chor": 1, "5b": 1}
    code, out, _ = cli("history", "list", "--json")
    run = json.loads(out)[0]
    assert run["status"] == "completed" and run["created"] == 3 and run["file_name"] == path.name
    assert run["operator"] == "admin"


def test_users_list_of_a_year_shows_its_groups_and_the_permanent_ones(cli, write_csv):
    path = write_csv(ROWS)
    options = ["--account-type", "student", "--create-missing-groups", "class", "--json"]
    assert cli("import", path, "--year", "2026/27", *options)[0] == 0
    assert cli("year", "add", "2027/28", "--start", "2027-08-01", "--end", "2028-07-31")[0] == 0
    assert cli("group", "add", "Chorleitung", "--type", "manual", "--permanent")[0] == 0
    assert cli("group", "add", "6a", "--type", "class", "--year", "2027/28")[0] == 0
    _code, out, _ = cli("users", "list", "--json")
    login = next(u["login"] for u in json.loads(out) if u["source_id"] == "1002")
    assert cli("group", "add-member", "Chorleitung", login, "--year", "2026/27")[0] == 0
    assert cli("group", "add-member", "6a", login, "--year", "2027/28")[0] == 0

    def groups(*year: str) -> list[str]:
        code, out, err = cli("users", "list", "--json", *year)
        assert code == 0, err
        return next(u["groups"] for u in json.loads(out) if u["source_id"] == "1002")

    assert groups() == ["5a", "6a", "Chor", "Chorleitung"]
    assert groups("--year", "2026/27") == ["5a", "Chor", "Chorleitung"]
    assert groups("--year", "2027/28") == ["6a", "Chorleitung"]
    code, out, err = cli("users", "list", "--year", "1999/00")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "1999/00" in err


def test_dry_run_changes_nothing(cli, write_csv):
    path = write_csv(ROWS)
    code, out, _ = cli(
        "import",
        path,
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--dry-run",
        "--json",
    )
    assert code == 0 and json.loads(out)["created"] == 3
    assert json.loads(out)["run_id"] is None
    assert json.loads(cli("users", "list", "--json")[1]) == []
    assert json.loads(cli("group", "list", "--json")[1]) == []


def test_refusals_exit_2_with_one_line_naming_the_file(cli, write_csv, tmp_path):
    path = write_csv(ROWS)
    code, _out, err = cli("import", path, "--year", "2026/27", "--account-type", "student")
    assert code == 2
    assert err.count("\n") == 1 and str(path) in err and "5a" in err
    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(b"\x00\x01garbage" * 100)
    code, _out, err = cli("import", noise, "--year", "2026/27", "--account-type", "student")
    assert code == 2 and err.count("\n") == 1 and "noise.xlsx" in err
    assert "Traceback" not in err
    code, _out, err = cli(
        "import", tmp_path / "none.csv", "--year", "2026/27", "--account-type", "student"
    )
    assert code == 2 and "does not exist" in err
    code, _out, err = cli(
        "import", path, "--year", "2026/27", "--account-type", "student", "--map", "Foo=login"
    )
    assert code == 2 and "Foo" in err
    code, _out, err = cli("import", path, "--year", "1999/00", "--account-type", "student")
    assert code == 2 and "1999/00" in err
    assert json.loads(cli("users", "list", "--json")[1]) == []


def test_usage_errors_exit_2(cli):
    with pytest.raises(SystemExit) as exc:
        cli("import")
    assert exc.value.code == 2


def test_map_option_and_no_header(cli, write_csv):
    path = write_csv([["7", "Nowak", "Ida", "x"]], name="plain.csv")
    code, out, err = cli(
        "import",
        path,
        "--year",
        "2026/27",
        "--account-type",
        "teacher",
        "--no-header",
        "--map",
        "Column 1=source_id",
        "--map",
        "Column 2=last_name",
        "--map",
        "Column 3=first_name",
        "--map",
        "Column 4=ignore",
        "--json",
    )
    assert code == 0, err
    users = json.loads(cli("users", "list", "--json", "--account-type", "teacher")[1])
    assert [(u["login"], u["source_id"]) for u in users] == [("ida.nowak", "7")]


def test_mass_expiry_refused_without_flag(cli, write_csv):
    path = write_csv(ROWS)
    base = ["--year", "2026/27", "--account-type", "student", "--create-missing-groups", "class"]
    assert cli("import", path, *base)[0] == 0
    cut = write_csv(ROWS[:2], name="cut.csv")
    code, _out, err = cli("import", cut, *base, "--detect-expired")
    assert code == 2 and "--allow-mass-expiry" in err
    statuses = {u["status"] for u in json.loads(cli("users", "list", "--json")[1])}
    assert statuses == {"active"}
    code, out, _ = cli("import", cut, *base, "--detect-expired", "--allow-mass-expiry", "--json")
    assert code == 0 and json.loads(out)["expired"] == 2


def test_on_conflict_choices(cli, write_csv):
    rows = [HEADER, ["1", "Kaya", "Elif", "", ""], ["1", "Kaya", "Elif Su", "", ""]]
    path = write_csv(rows)
    base = ["--year", "2026/27", "--account-type", "student", "--json"]
    code, out, _ = cli("import", path, *base, "--dry-run")
    assert json.loads(out)["conflicts"] == 2
    code, out, _ = cli("import", path, *base, "--dry-run", "--on-conflict", "skip")
    assert json.loads(out)["skipped"] == 2
    code, out, _ = cli("import", path, *base, "--on-conflict", "keep")
    assert (json.loads(out)["created"], json.loads(out)["skipped"]) == (1, 1)
    code, _out, err = cli("import", path, *base, "--on-conflict", "maybe")
    assert code == 2 and "maybe" in err


def test_protocol_xlsx_and_csv_zip_decrypt(cli, write_csv, tmp_path, monkeypatch):
    monkeypatch.setenv("PROTO_PW", "Sommer-2026!")
    path = write_csv(ROWS)
    out_xlsx = tmp_path / "protokoll.xlsx"
    code, _out, err = cli(
        "import",
        path,
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--protocol",
        out_xlsx,
        "--protocol-password-env",
        "PROTO_PW",
    )
    assert code == 0, err
    decrypted = io.BytesIO()
    with out_xlsx.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="Sommer-2026!")
        office.decrypt(decrypted)
    sheet = openpyxl.load_workbook(decrypted).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = rows[0]
    logins = {r[header.index("Login")] for r in rows[1:]}
    assert logins == {"juergen.mueller", "anna.weiss", "oemer.oezdemir"}
    assert all(r[header.index("InitialPassword")] for r in rows[1:])
    assert b"juergen" not in out_xlsx.read_bytes()

    more = write_csv([*ROWS, ["1004", "Neu", "Nils", "5a", ""]], name="v2.csv")
    out_zip = tmp_path / "protokoll.csv.zip"
    code, _out, err = cli(
        "import",
        more,
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--protocol",
        out_zip,
        "--protocol-password-env",
        "PROTO_PW",
    )
    assert code == 0, err
    with pyzipper.AESZipFile(out_zip) as archive:
        archive.setpassword(b"Sommer-2026!")
        text = archive.read(archive.namelist()[0]).decode("utf-8-sig")
    assert "nils.neu" in text and "juergen.mueller" in text


def test_protocol_password_rules(cli, write_csv, tmp_path, monkeypatch):
    path = write_csv(ROWS)
    base = [
        "import",
        path,
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--protocol",
        tmp_path / "p.xlsx",
    ]
    monkeypatch.setenv("SHORT", "kurz")
    code, _out, err = cli(*base, "--protocol-password-env", "SHORT")
    assert code == 2 and "8" in err
    code, _out, err = cli(*base, "--protocol-password-env", "UNSET_VARIABLE_X")
    assert code == 2 and "UNSET_VARIABLE_X" in err
    code, _out, err = cli(*base)  # no terminal to ask on
    assert code == 2
    assert json.loads(cli("users", "list", "--json")[1]) == []
    assert not (tmp_path / "p.xlsx").exists()


def test_errors_file_has_the_failed_rows(cli, write_csv, tmp_path):
    rows = [*ROWS, ["", "Ohne", "Id", "5a", ""], ["1005", "", "Ohne Name", "5a", "kein Datum"]]
    out = tmp_path / "fehler.xlsx"
    code, _o, err = cli(
        "import",
        write_csv(rows),
        "--year",
        "2026/27",
        "--account-type",
        "student",
        "--create-missing-groups",
        "class",
        "--errors",
        out,
    )
    assert code == 0, err
    sheet = openpyxl.load_workbook(out).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == [*HEADER, "Gründe"]
    assert len(values) == 3
    assert "source ID is missing" in values[1][-1]
    assert "last name is missing" in values[2][-1] and "not a date" in values[2][-1]


@pytest.mark.sqlite_only
def test_console_script_runs_as_a_process(db_url):
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", db_url, "year", "list", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert Path(db_url.removeprefix("sqlite:///")).exists()


def test_history_export_and_archive_commands(cli, write_csv, tmp_path):
    rows = [*ROWS, ["", "Ohne", "Id", "5a", ""]]
    base = ["--year", "2026/27", "--account-type", "student", "--create-missing-groups", "class"]
    assert cli("import", write_csv(rows), *base)[0] == 0
    run_id = json.loads(cli("history", "list", "--json")[1])[0]["run_id"]
    failed = tmp_path / "failed.csv"
    code, _out, err = cli("history", "export", run_id, "--failed", failed)
    assert code == 0, err
    text = failed.read_text(encoding="utf-8-sig")
    assert text.count("\n") == 2 and "source ID is missing" in text
    code, _out, err = cli("history", "export", run_id, "--succeeded", tmp_path / "ok.xlsx")
    assert code == 0, err
    assert cli("history", "archive", "--days", "0")[0] == 0
    assert json.loads(cli("history", "list", "--json")[1])[0]["status"] == "archived"
    code, _out, err = cli("history", "export", run_id, "--failed", tmp_path / "again.csv")
    assert code == 2 and "archived" in err and err.count("\n") == 1
    assert not (tmp_path / "again.csv").exists()


def test_groups_csv_commands(cli, write_csv, tmp_path):
    base = ["--year", "2026/27", "--account-type", "student", "--create-missing-groups", "class"]
    assert cli("import", write_csv(ROWS), *base)[0] == 0
    groups_file = tmp_path / "gruppen.csv"
    groups_file.write_text(
        "group_id,group_name,description,member_type,member_key\n"
        "AG1,Schach-AG,Donnerstags,user,juergen.mueller\n"
        "AG1,Schach-AG,Donnerstags,user,anna.weiss\n",
        encoding="utf-8",
    )
    code, out, err = cli("groups", "import", groups_file, "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "groups_added": 1,
        "groups_updated": 0,
        "members_added": 2,
        "members_updated": 0,
    }
    code, out, _ = cli("groups", "import", groups_file)
    assert out.strip() == "0 groups added, 0 updated. 0 members added, 0 updated"
    exported = tmp_path / "groups-export.csv"
    assert cli("groups", "export", exported, "--encoding", "shift_jis")[0] == 0
    assert "Schach-AG" in exported.read_bytes().decode("shift_jis")


def test_template_command_writes_a_recognised_template(cli, tmp_path):
    from app.engine.planning.mapping import auto_map
    from app.engine.reading.readers import read_table

    target = tmp_path / "vorlage.xlsx"
    code, _out, err = cli("template", "--account-type", "teacher", target)
    assert code == 0, err
    assert auto_map(read_table(target).headers).is_complete()


def test_template_command_writes_the_language_asked_for(cli, tmp_path):
    """``--language`` chooses the template's words; the command's own line stays the
    command line's; a filled English template imports without any --map."""
    from app.engine.reading.readers import read_table

    english, german = tmp_path / "template.ods", tmp_path / "vorlage.xlsx"
    code, out, err = cli("template", "--account-type", "student", english, "--language", "en")
    assert (code, out, err) == (0, f"template written to {english}\n", "")
    assert read_table(english).sheets == ["Students", "Instructions"]
    code, out, _err = cli("template", "--account-type", "student", german, "--language", "de")
    assert (code, out) == (0, f"template written to {german}\n")
    assert openpyxl.load_workbook(german).sheetnames == ["Schülerinnen und Schüler", "Anleitung"]

    filled = tmp_path / "filled.xlsx"
    assert cli("template", "--account-type", "student", filled, "--language", "en")[0] == 0
    workbook = openpyxl.load_workbook(filled)
    assert workbook.sheetnames == ["Students", "Instructions"]
    workbook.worksheets[0].append(["1001", "Müller", "Jürgen", "5a", "03.05.2014", ""])
    workbook.worksheets[0].append(["1002", "Weiß", "Anna", "5a; Chor", None, "anna@example.org"])
    workbook.save(filled)
    args = ["import", filled, "--year", "2026/27", "--account-type", "student", "--dry-run"]
    code, out, err = cli(*args, "--create-missing-groups", "class", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["created"], result["invalid"]) == (2, 0)
    assert [row["groups"] for row in result["rows"]] == [["5a"], ["5a", "Chor"]]
