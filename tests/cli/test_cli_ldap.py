"""``schoolimport ldap set|sync|status`` and ``import --ldap-sync`` against a real slapd:
the protocol's password signs in, failures are one line and exit 2, a sync killed
mid-way converges on the next run."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from app.cli import main
from tests.conftest import HEADER
from tests.slapd import ROOT_DN, ROOT_PW, Slapd

SYNC_KEYS = {
    "users_added",
    "users_modified",
    "users_disabled",
    "users_enabled",
    "users_deleted",
    "groups_added",
    "groups_modified",
    "groups_deleted",
    "unchanged",
    "errors",
}
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a, Chor", "2014-02-01"],
]


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'schoolimport.db'}"
    monkeypatch.setenv("LDAP_PW", ROOT_PW)
    monkeypatch.setenv("PROTO_PW", "Sommer-2026!")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", url, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    run.url = url  # type: ignore[attr-defined]
    assert run("init")[0] == 0
    code, _o, _e = run(
        "year", "add", "2026/27", "--start", "2026-08-01", "--end", "2027-07-31", "--current"
    )
    assert code == 0
    return run


def set_server(cli, url: str, base: str, *extra: str) -> None:
    code, _out, err = cli(
        "ldap", "set", "--url", url, "--base-dn", base, "--bind-dn", ROOT_DN, *extra
    )
    assert code == 0, err


def assert_not_logged(*secrets: str) -> None:
    """No secret in any log file the run wrote (the tests' log folder)."""
    folder = Path(os.environ["SCHOOLIMPORT_LOG_DIR"])
    logs = [p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file()]
    assert logs, "nothing was logged"
    assert not [s for s in secrets if any(s in text for text in logs)]


def protocol_passwords(path: Path) -> dict[str, str]:
    decrypted = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password="Sommer-2026!")
        office.decrypt(decrypted)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(decrypted).active.iter_rows()]
    header = rows[0]
    return {r[header.index("Login")]: r[header.index("InitialPassword")] for r in rows[1:]}


def import_with_sync(cli, write_csv, protocol):
    """The two students imported with a protocol and ``--ldap-sync``, as JSON."""
    return cli(
        "import", write_csv(ROWS), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--protocol", protocol,
        "--protocol-password-env", "PROTO_PW", "--ldap-sync", "--bind-password-env", "LDAP_PW",
        "--json",
    )  # fmt: skip


def test_import_with_ldap_sync_signs_in_with_the_protocols_password(
    cli, write_csv, slapd: Slapd, ldap_base: str, tmp_path
):
    set_server(cli, slapd.url, ldap_base)
    protocol = tmp_path / "protokoll.xlsx"
    code, out, err = import_with_sync(cli, write_csv, protocol)
    assert code == 0, err
    data = json.loads(out)
    assert data["created"] == 2 and set(data["ldap"]) == SYNC_KEYS
    assert data["ldap"]["users_added"] == 2 and data["ldap"]["groups_added"] == 2
    passwords = protocol_passwords(protocol)
    dn = f"uid=anna.weiss,ou=schueler,ou=Meine Schule,{ldap_base}"
    assert slapd.can_bind(dn, passwords["anna.weiss"])
    assert not slapd.can_bind(dn, passwords["juergen.mueller"])

    code, out, err = cli("ldap", "sync", "--json", "--bind-password-env", "LDAP_PW")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == SYNC_KEYS and data["unchanged"] == 4 and data["users_added"] == 0
    code, out, _err = cli("ldap", "status", "--json")
    status = json.loads(out)
    assert status["pending"] == {"users_to_add": 0, "users_to_change": 0, "users_to_delete": 0}
    assert status["last_sync"]["unchanged"] == 4 and ROOT_PW not in out
    assert_not_logged(ROOT_PW, *passwords.values())


def test_bind_password_kept_in_the_keyring_not_in_the_database(
    cli, write_csv, slapd: Slapd, ldap_base: str, memory_keyring
):
    set_server(cli, slapd.url, ldap_base, "--bind-password-env", "LDAP_PW")
    assert ROOT_PW in memory_keyring.items.values()
    cli("import", write_csv(ROWS), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class")  # fmt: skip
    code, out, err = cli("ldap", "sync", "--json")
    assert code == 0, err
    assert json.loads(out)["users_added"] == 2
    db_file = Path(cli.url.removeprefix("sqlite:///"))
    assert ROOT_PW.encode() not in db_file.read_bytes()


@pytest.mark.parametrize(
    ("url", "password", "expected"),
    [
        (None, "falsch-geraten", "refused the bind DN"),
        ("ldap://127.0.0.1:1", ROOT_PW, "cannot be reached"),
    ],
)
def test_unusable_server_is_one_line_and_exit_2(
    cli, write_csv, slapd: Slapd, ldap_base: str, monkeypatch, url, password, expected
):
    set_server(cli, url or slapd.url, ldap_base)
    cli("import", write_csv(ROWS), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class")  # fmt: skip
    monkeypatch.setenv("LDAP_PW", password)
    code, out, err = cli("ldap", "sync", "--bind-password-env", "LDAP_PW")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err and password not in err
    assert "Traceback" not in err
    assert_not_logged(password, ROOT_PW)
    code, out, _err = cli("ldap", "status", "--json")
    assert json.loads(out)["last_sync"] is None


def test_sync_refuses_without_a_server_or_a_password(cli, slapd: Slapd, ldap_base: str):
    code, _out, err = cli("ldap", "sync")
    assert code == 2 and "no LDAP server is set up" in err
    set_server(cli, slapd.url, ldap_base)
    code, _out, err = cli("ldap", "sync", "--bind-password-env", "NICHT_GESETZT")
    assert code == 2 and "NICHT_GESETZT" in err
    code, _out, err = cli("ldap", "set", "--url", "http://x", "--base-dn", "dc=a",
                          "--bind-dn", "cn=b,dc=a")  # fmt: skip
    assert code == 2 and err.count("\n") == 1


def _count_entries(slapd: Slapd, base: str) -> int:
    result = slapd.ldap(
        "ldapsearch", "", "-LLL", "-b", base, "(businessCategory=schoolimport:user:*)", "1.1",
        check=False,
    )  # fmt: skip
    return result.stdout.count("dn: ")


@pytest.mark.slow
def test_sync_killed_mid_way_converges_on_the_next_run(
    cli, write_csv, slapd: Slapd, ldap_base: str
):
    rows = [HEADER] + [
        [str(5000 + n), f"Nachname{n}", f"Vorname{n}", f"{5 + n % 5}{'abc'[n % 3]}", ""]
        for n in range(4000)
    ]
    code, _out, err = cli("import", write_csv(rows), "--year", "2026/27", "--account-type",
                          "student", "--create-missing-groups", "class")  # fmt: skip
    assert code == 0, err
    set_server(cli, slapd.url, ldap_base)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    command = [sys.executable, "-m", "app.cli", "--db", cli.url, "ldap", "sync",
               "--bind-password-env", "LDAP_PW"]  # fmt: skip
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count_entries(slapd, ldap_base) < 500 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    partial = _count_entries(slapd, ldap_base)
    assert 0 < partial < 4000, "the kill came too late to test a crash"

    code, out, err = cli("ldap", "sync", "--json", "--bind-password-env", "LDAP_PW")
    assert code == 0, err
    data = json.loads(out)
    # slapd may still finish operations the killed client had sent: count them now.
    groups_unchanged = 15 - data["groups_added"] - data["groups_modified"]
    adopted = data["unchanged"] - groups_unchanged
    assert data["errors"] == [] and adopted >= partial
    assert data["users_added"] + adopted == 4000 and 0 < data["users_added"] < 4000
    assert _count_entries(slapd, ldap_base) == 4000
    code, out, err = cli("ldap", "sync", "--json", "--bind-password-env", "LDAP_PW")
    again = json.loads(out)
    assert again["unchanged"] == 4000 + 15 and again["users_added"] == 0
    assert again["users_modified"] == 0 and again["groups_modified"] == 0
    code, out, _err = cli("ldap", "status", "--json")
    assert json.loads(out)["pending"]["users_to_add"] == 0


def _attrs(slapd: Slapd, dn: str, *names: str) -> dict[str, str]:
    out = slapd.ldap("ldapsearch", "", "-LLL", "-b", dn, "-s", "base", *names).stdout
    lines = [line.split(": ", 1) for line in out.splitlines()[1:] if ": " in line]
    return {k: v for k, v in lines}


def test_posix_settings_reach_the_entries_and_the_status(
    cli, write_csv, slapd: Slapd, ldap_base: str, tmp_path
):
    set_server(cli, slapd.url, ldap_base, "--posix", "--uid-start", "20000", "--gid-student",
               "5000", "--home", "/home/schueler/{login}", "--shell", "/bin/sh")  # fmt: skip
    protocol = tmp_path / "protokoll.xlsx"
    code, out, err = import_with_sync(cli, write_csv, protocol)
    assert code == 0, err
    assert json.loads(out)["ldap"]["users_added"] == 2
    dn = f"uid=anna.weiss,ou=schueler,ou=Meine Schule,{ldap_base}"
    found = _attrs(slapd, dn, "uidNumber", "gidNumber", "homeDirectory", "loginShell")
    assert found["gidNumber"] == "5000" and found["loginShell"] == "/bin/sh"
    assert found["homeDirectory"] == "/home/schueler/anna.weiss"
    assert found["uidNumber"] in ("20000", "20001")
    assert slapd.can_bind(dn, protocol_passwords(protocol)["anna.weiss"])

    code, out, _err = cli("ldap", "status", "--json")
    posix = json.loads(out)["posix"]
    assert posix["enabled"] and posix["uid_start"] == 20000 and posix["uid_numbers_given"] == 2
    assert posix["gid_numbers"] == {"student": 5000, "teacher": 9002, "staff": 9003}
    assert (posix["home_template"], posix["login_shell"]) == ("/home/schueler/{login}", "/bin/sh")
    code, out, _err = cli("ldap", "status")
    assert "Linux sign-in: on, uidNumbers from 20000 (2 given)" in out

    # Setting the connection again keeps Linux sign-in as it was; --no-posix ends it.
    set_server(cli, slapd.url, ldap_base, "--starttls", "--ca-file", str(slapd.ca_file))
    assert json.loads(cli("ldap", "status", "--json")[1])["posix"]["uid_start"] == 20000
    code, out, err = cli("ldap", "sync", "--json", "--bind-password-env", "LDAP_PW")
    assert code == 0 and json.loads(out)["unchanged"] == 4, err
    set_server(cli, slapd.url, ldap_base, "--no-posix")
    assert json.loads(cli("ldap", "status", "--json")[1])["posix"]["enabled"] is False
    assert "Linux sign-in: off" in cli("ldap", "status")[1]


@pytest.mark.parametrize(
    ("option", "words"),
    [
        (["--uid-start", "999"], "the first uidNumber 999 is not a number from 1000"),
        (["--gid-teacher", "100"], "the gidNumber 100 of account type teacher"),
        (["--home", "/home/{user}"], "holds {login} and no other field"),
        (["--home", "home/{login}"], "must be an absolute path"),
        (["--shell", "bash"], "the login shell bash must be an absolute path"),
    ],
)
def test_unusable_posix_settings_are_one_line_exit_2_and_change_nothing(
    cli, slapd: Slapd, ldap_base: str, option: list[str], words: str
):
    set_server(cli, slapd.url, ldap_base, "--posix")
    before = cli("ldap", "status", "--json")[1]
    code, out, err = cli("ldap", "set", "--url", slapd.url, "--base-dn", ldap_base,
                         "--bind-dn", ROOT_DN, "--posix", *option)  # fmt: skip
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "the LDAP setting is not usable: " in err and words in err
    assert "Traceback" not in err
    assert cli("ldap", "status", "--json")[1] == before
