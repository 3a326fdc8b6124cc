"""``users reset-password`` and ``school rename`` (SPEC §4, §6): new initial passwords
for chosen active accounts, with a protocol written before the commit, recorded in
the history; letters per account type with the school's name."""

from __future__ import annotations

import io
import json
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.db import open_database, session_scope
from app.engine.access.passwords import verify_password
from app.models import ImportRun, User
from tests.conftest import HEADER

PASSWORD = "protokoll-passwort"
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a", "2014-02-01"],
    ["1003", "Özdemir", "Ömer", "5b", ""],
]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'schoolimport.db'}"


@pytest.fixture
def cli(url, capsys, monkeypatch, write_csv):
    monkeypatch.setenv("PROTO_PW", PASSWORD)

    def run(*args: object) -> tuple[int, str, str]:
        code = main(["--db", url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("init")[0] == 0
    assert run("year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31",
               "--current")[0] == 0  # fmt: skip
    code, _out, err = run(
        "import", write_csv(ROWS), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--no-passwords",
    )  # fmt: skip
    assert code == 0, err
    return run


def _hashes(url: str) -> dict[str, str | None]:
    engine = open_database(url)
    with session_scope(engine) as session:
        found = {u.login: u.password_hash for u in session.scalars(select(User))}
    engine.dispose()
    return found


def _protocol(path: Path) -> list[list[str]]:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).worksheets[0]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _reset(cli, *args: object) -> tuple[int, str, str]:
    return cli("users", "reset-password", *args, "--protocol-password-env", "PROTO_PW")


def test_reset_by_login_gives_a_new_password_in_a_new_protocol(cli, url, tmp_path):
    before = _hashes(url)
    target = tmp_path / "neu.xlsx"
    code, out, err = _reset(cli, "--login", "juergen.mueller", "--protocol", target, "--json")
    assert code == 0, err
    assert json.loads(out) == {"reset": 1}
    after = _hashes(url)
    assert after["anna.weiss"] == before["anna.weiss"]  # only the chosen account
    rows = _protocol(target)
    assert len(rows) == 2 and rows[1][5] == "juergen.mueller"
    new_password = rows[1][6]
    assert after["juergen.mueller"] and verify_password(after["juergen.mueller"], new_password)
    engine = open_database(url)
    with session_scope(engine) as session:
        run = session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
        assert run is not None
        assert (run.kind, run.status, run.updated) == ("passwords", "completed", 1)
        user = session.scalars(select(User).where(User.login == "juergen.mueller")).one()
        assert user.must_change_password
    engine.dispose()
    code, out, _ = cli("history", "list", "--json")
    assert json.loads(out)[0]["updated"] == 1


def test_reset_a_class_with_letters_in_german(cli, url, tmp_path):
    target, letters = tmp_path / "klasse.xlsx", tmp_path / "briefe.pdf"
    assert cli("school", "rename", "Meine Schule", "Gesamtschule Nord")[0] == 0
    code, out, err = _reset(
        cli, "--group", "5a", "--year", "2026/27", "--protocol", target,
        "--letters", letters, "--language", "de",
    )  # fmt: skip
    assert code == 0, err
    assert "2 password(s) reset" in out
    rows = _protocol(target)
    assert rows[0][0] == "Aktion"
    plain = io.BytesIO()
    with target.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    assert openpyxl.load_workbook(plain).properties.title == "Protokoll – Gesamtschule Nord"
    assert {r[5] for r in rows[1:]} == {"juergen.mueller", "anna.weiss"}
    assert {r[0] for r in rows[1:]} == {"Passwort neu gesetzt"}
    reader = PdfReader(letters)
    assert reader.is_encrypted
    reader.decrypt(PASSWORD)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 2
    assert all("Gesamtschule Nord" in p and "Klasse" in p and "5a" in p for p in pages)
    assert all("du dich" in p for p in pages)  # pupils are addressed with "du"


def test_reset_the_accounts_of_a_run(cli, url, tmp_path):
    code, out, err = _reset(cli, "--run", "1", "--protocol", tmp_path / "lauf.csv.zip", "--json")
    assert code == 0, err
    assert json.loads(out) == {"reset": 3}
    assert (tmp_path / "lauf.csv.zip").exists()


def test_refusals_change_nothing(cli, url, tmp_path):
    before = _hashes(url)
    code, _out, err = _reset(cli, "--login", "nobody", "--protocol", tmp_path / "x.xlsx")
    assert code == 2 and "nobody" in err and len(err.strip().splitlines()) == 1
    code, _out, err = _reset(
        cli, "--login", "anna.weiss", "--protocol", tmp_path / "missing" / "x.xlsx"
    )
    assert code == 2 and len(err.strip().splitlines()) == 1 and "cannot be written" in err
    existing = tmp_path / "da.xlsx"
    existing.write_bytes(b"old protocol")
    code, _out, err = _reset(cli, "--login", "anna.weiss", "--protocol", existing)
    assert code == 2 and "exists already" in err
    assert existing.read_bytes() == b"old protocol"
    assert _hashes(url) == before  # no password changed without its protocol
    engine = open_database(url)
    with session_scope(engine) as session:
        runs = [(r.kind, r.status) for r in session.scalars(select(ImportRun))]
    engine.dispose()
    assert runs == [("users", "completed"), ("passwords", "failed")]


def test_teacher_letters_say_sie_and_show_groups_not_a_class(cli, url, write_csv, tmp_path):
    teachers = [
        ["Quell-ID", "Nachname", "Vorname", "Gruppen"],
        ["T1", "Lehmann", "Petra", "Kollegium, Fachschaft Mathe"],
    ]
    letters = tmp_path / "lehrer.pdf"
    code, _out, err = cli(
        "import", write_csv(teachers, name="lehrer.csv"), "--year", "2026/27",
        "--account-type", "teacher", "--create-missing-groups", "team",
        "--protocol", tmp_path / "lehrer.xlsx", "--letters", letters,
        "--protocol-password-env", "PROTO_PW", "--language", "de",
    )  # fmt: skip
    assert code == 0, err
    reader = PdfReader(letters)
    reader.decrypt(PASSWORD)
    (page,) = [p.extract_text() for p in reader.pages]
    assert "Klasse" not in page
    assert "Kollegium" in page and "Fachschaft Mathe" in page
    assert "melden Sie sich" in page and " du " not in page


def test_an_operator_without_the_user_import_right_may_not_reset(cli, url, tmp_path, monkeypatch):
    monkeypatch.setenv("OP_PW", "operator-passwort")
    assert cli("operator", "password", "admin", "--password-env", "OP_PW")[0] == 0
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", "operator-passwort")
    code, _out, err = cli(
        "--operator", "admin", "operator", "add", "nur-gruppen", "--kinds", "groups",
        "--password-env", "OP_PW",
    )  # fmt: skip
    assert code == 0, err
    before = _hashes(url)
    code, _out, err = cli(
        "--operator", "nur-gruppen", "users", "reset-password", "--login", "anna.weiss",
        "--protocol", tmp_path / "x.xlsx", "--protocol-password-env", "PROTO_PW",
    )  # fmt: skip
    assert code == 2 and "nur-gruppen may not import users" in err
    assert _hashes(url) == before and not (tmp_path / "x.xlsx").exists()
