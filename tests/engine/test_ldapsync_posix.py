"""Linux sign-in (``posixAccount``) against a real slapd (tests/slapd.py, with
nis.schema): stable uidNumbers that are never given twice, the configured gidNumber,
home and shell, and the pupil still signs in with the initial password."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Engine, select, update

from app.db import get_setting, session_scope, set_setting
from app.engine import german
from app.engine.admin import lifecycle
from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync import status as ldap_status
from app.engine.reasons import Reason, Refused
from app.models import User, tables
from tests.conftest import HEADER, CsvWriter, Importer
from tests.engine.test_ldapsync import (
    ROWS,
    configure,
    credentials_by_login,
    import_pupils,
    pupil_dn,
    run_sync,
)
from tests.slapd import Slapd

POSIX = {"posix": True, "home_template": "/srv/home/{login}", "login_shell": "/bin/zsh"}


def entry(slapd: Slapd, dn: str) -> dict[str, list[str]]:
    """The entry's attributes as ldapsearch prints them (base64 values decoded)."""
    import base64

    out = slapd.ldap("ldapsearch", "", "-LLL", "-b", dn, "-s", "base", "*").stdout
    attrs: dict[str, list[str]] = {}
    for line in out.replace("\n ", "").splitlines()[1:]:
        if "::" in line:
            name, value = line.split(":: ", 1)
            value = base64.b64decode(value).decode()
        elif ": " in line:
            name, value = line.split(": ", 1)
        else:
            continue
        attrs.setdefault(name, []).append(value)
    return attrs


def posix_of(slapd: Slapd, dn: str) -> tuple[int, int, str, str]:
    found = entry(slapd, dn)
    assert "posixAccount" in found["objectClass"]
    return (
        int(found["uidNumber"][0]),
        int(found["gidNumber"][0]),
        found["homeDirectory"][0],
        found["loginShell"][0],
    )


def given_numbers(engine: Engine) -> list[tuple[int, int | None]]:
    numbers = tables.ldap_uid_numbers
    with session_scope(engine) as session:
        rows = session.execute(select(numbers.c.uid_number, numbers.c.user_id))
        return sorted((int(n), u) for n, u in rows)


def test_posix_sync_gives_stable_numbers_and_the_pupil_still_signs_in(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    initial = credentials_by_login(import_pupils(importer, write_csv, ROWS))
    configure(engine, slapd, ldap_base, **POSIX)

    counts = run_sync(engine)
    assert counts["users_added"] == 3 and counts["errors"] == []
    logins = ("juergen.mueller", "anna.weiss", "oemer.oezdemir")
    found = {login: posix_of(slapd, pupil_dn(ldap_base, login)) for login in logins}
    numbers = {login: f[0] for login, f in found.items()}
    assert sorted(numbers.values()) == [10000, 10001, 10002]
    for login, (_uid, gid, home, shell) in found.items():
        assert (gid, home, shell) == (9001, f"/srv/home/{login}", "/bin/zsh")
    juergen = pupil_dn(ldap_base, "juergen.mueller")
    assert entry(slapd, juergen)["gecos"] == ["Juergen Mueller"]  # ASCII (IA5String)
    assert slapd.can_bind(juergen, initial["juergen.mueller"])

    again = run_sync(engine)
    assert again["unchanged"] == 6 and again["users_modified"] == 0

    # A login change: the entry is renamed, the home follows, the number stays.
    with session_scope(engine) as session:
        session.execute(
            update(User).where(User.login == "anna.weiss").values(login="anna.weiss-neu")
        )
    assert run_sync(engine)["users_modified"] == 1
    anna = pupil_dn(ldap_base, "anna.weiss-neu")
    assert posix_of(slapd, anna) == (numbers["anna.weiss"], 9001, "/srv/home/anna.weiss-neu",
                                     "/bin/zsh")  # fmt: skip
    assert slapd.can_bind(anna, initial["anna.weiss"])

    # A re-import that moves and renames a pupil keeps the number too.
    import_pupils(importer, write_csv, [HEADER, ["1001", "Müller-Lang", "Jürgen", "5b", ""]])
    assert run_sync(engine)["users_modified"] == 1
    assert posix_of(slapd, juergen)[0] == numbers["juergen.mueller"]
    assert entry(slapd, juergen)["gecos"] == ["Juergen Mueller-Lang"]
    assert run_sync(engine)["users_modified"] == 0
    assert len(given_numbers(engine)) == 3


def test_turning_posix_on_modifies_the_existing_entries_and_off_leaves_them(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    initial = credentials_by_login(import_pupils(importer, write_csv, ROWS))
    configure(engine, slapd, ldap_base)
    assert run_sync(engine)["users_added"] == 3
    anna = pupil_dn(ldap_base, "anna.weiss")
    assert "posixAccount" not in entry(slapd, anna)["objectClass"]
    assert given_numbers(engine) == []  # none given while it is off

    configure(engine, slapd, ldap_base, posix=True, gid_numbers={"student": 4711})
    with session_scope(engine) as session:  # the status says what the sync will change
        assert ldap_status.pending(session).users_to_change == 3
    dry = run_sync(engine, dry_run=True)
    assert dry["users_modified"] == 3 and given_numbers(engine) == []  # a dry run keeps none
    counts = run_sync(engine)
    assert counts["users_modified"] == 3 and counts["unchanged"] == 3 and counts["errors"] == []
    with session_scope(engine) as session:
        assert ldap_status.pending(session).users_to_change == 0
    uid, gid, home, shell = posix_of(slapd, anna)
    assert uid >= 10000 and (gid, home, shell) == (4711, "/home/anna.weiss", "/bin/bash")
    assert slapd.can_bind(anna, initial["anna.weiss"])
    assert run_sync(engine)["unchanged"] == 6
    # Another gidNumber: every entry changes at the next sync, which the status says.
    configure(engine, slapd, ldap_base, posix=True, gid_numbers={"student": 4712})
    with session_scope(engine) as session:
        assert ldap_status.pending(session).users_to_change == 3
    assert run_sync(engine)["users_modified"] == 3
    configure(engine, slapd, ldap_base, posix=True, gid_numbers={"student": 4711})
    assert run_sync(engine)["users_modified"] == 3
    with session_scope(engine) as session:
        assert ldap_status.pending(session).users_to_change == 0

    # Off again: the attributes stay as they were (sign-in on the PCs keeps working),
    # and nothing is counted as changed.
    configure(engine, slapd, ldap_base)
    assert run_sync(engine)["unchanged"] == 6
    assert posix_of(slapd, anna) == (uid, 4711, "/home/anna.weiss", "/bin/bash")
    # On once more: the same number, and nothing pending (the entries kept the
    # settings last pushed).
    configure(engine, slapd, ldap_base, posix=True, gid_numbers={"student": 4711})
    with session_scope(engine) as session:
        assert ldap_status.pending(session).users_to_change == 0
    assert run_sync(engine)["unchanged"] == 6
    assert posix_of(slapd, anna)[0] == uid


def test_a_purged_pupils_number_is_never_given_to_anyone_else(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    import_pupils(importer, write_csv, ROWS)
    configure(engine, slapd, ldap_base, posix=True)
    run_sync(engine)
    oemer = pupil_dn(ldap_base, "oemer.oezdemir")
    purged_number = posix_of(slapd, oemer)[0]
    with session_scope(engine) as session:
        purged_id = session.scalar(select(User.id).where(User.login == "oemer.oezdemir"))
        assert purged_id == session.scalar(select(User.id).order_by(User.id.desc()).limit(1))

    # Purged, and a new pupil imported before the next sync: on SQLite the new pupil
    # gets the purged one's row id again (the trap of ``start + users.id``).
    import_pupils(importer, write_csv, [HEADER, ROWS[1], ROWS[2]], detect_expired=True)
    with session_scope(engine) as session:
        lifecycle.expire_due(session, date(2099, 1, 1))
        assert lifecycle.purge_due(session, date(2199, 1, 1)) == ["oemer.oezdemir"]
    assert (purged_number, None) in given_numbers(engine)  # kept, no longer anyone's
    import_pupils(importer, write_csv, [*ROWS[:3], ["1004", "Neu", "Nils", "5a", ""]])
    with session_scope(engine) as session:
        new_id = session.scalar(select(User.id).where(User.login == "nils.neu"))
    if engine.dialect.name == "sqlite":
        assert new_id == purged_id

    counts = run_sync(engine)
    assert counts["errors"] == []
    assert not slapd.exists(oemer)
    nils = posix_of(slapd, pupil_dn(ldap_base, "nils.neu"))[0]
    assert nils == purged_number + 1  # one above the highest ever given
    numbers = [n for n, _u in given_numbers(engine)]
    assert len(numbers) == len(set(numbers)) == 4
    assert run_sync(engine)["unchanged"] == 6

    # The purged number stays taken when the start is lowered below it.
    with session_scope(engine) as session:
        config = ldap_config.require(session)
        ldap_config.save(session, replace(config, uid_start=5000))
    import_pupils(importer, write_csv, [*ROWS[:3], ["1004", "Neu", "Nils", "5a", ""],
                                        ["1005", "Alt", "Ada", "5a", ""]])  # fmt: skip
    run_sync(engine)
    assert posix_of(slapd, pupil_dn(ldap_base, "ada.alt"))[0] == nils + 1
    with session_scope(engine) as session:
        posix = ldap_status.status(session)["posix"]
    assert posix["enabled"] and posix["uid_numbers_given"] == 5
    assert posix["highest_uid_number"] == nils + 1


@pytest.mark.parametrize(
    ("change", "reason", "german_words"),
    [
        ({"uid_start": 999}, Reason.LDAP_UID_START, "die erste uidNumber 999 ist keine Zahl"),
        ({"gid_numbers": {"teacher": 12}}, Reason.LDAP_GID_NUMBER, "gidNumber 12 der Kontoart"),
        ({"home_template": "/home/{user}"}, Reason.LDAP_HOME_TEMPLATE, "das Home-Verzeichnis"),
        ({"home_template": "/home/{login}/{uid}"}, Reason.LDAP_HOME_TEMPLATE, "{login}"),
        ({"home_template": "/home/schueler"}, Reason.LDAP_HOME_TEMPLATE, "absoluter Pfad"),
        ({"home_template": "home/{login}"}, Reason.LDAP_HOME_TEMPLATE, "absoluter Pfad"),
        ({"home_template": "/home/{login!r}"}, Reason.LDAP_HOME_TEMPLATE, "kein anderes Feld"),
        ({"home_template": "/home/{login"}, Reason.LDAP_HOME_TEMPLATE, "ohne Leerzeichen"),
        ({"home_template": "/höme/{login}"}, Reason.LDAP_HOME_TEMPLATE, "ASCII"),
        ({"login_shell": "bash"}, Reason.LDAP_LOGIN_SHELL, "die Login-Shell bash muss"),
        ({"login_shell": "/bin/ba sh"}, Reason.LDAP_LOGIN_SHELL, "Login-Shell"),
    ],
)
def test_posix_settings_are_checked_with_a_reason_in_both_languages(
    engine: Engine, change: dict[str, object], reason: Reason, german_words: str
):
    config = ldap_config.LdapConfig(url="ldap://h", base_dn="dc=a", bind_dn="cn=b,dc=a")
    if "gid_numbers" in change:
        change = {"gid_numbers": {**config.gid_numbers, **change["gid_numbers"]}}  # type: ignore[dict-item]
    with session_scope(engine) as session, pytest.raises(Refused) as refused:
        ldap_config.save(session, replace(config, **change))  # type: ignore[arg-type]
    message = refused.value.message
    assert message.reason is Reason.LDAP_SETTING and message.params["detail"].reason is reason
    assert refused.value.text().startswith("the LDAP setting is not usable: the ")
    words = german.reason_text(message)
    assert words.startswith("die LDAP-Einstellung ist nicht verwendbar: ")
    assert german_words in words and "\n" not in words
    with session_scope(engine) as session:
        assert ldap_config.load(session) is None  # nothing stored


def test_a_stored_setting_of_an_older_version_loads_with_the_defaults(engine: Engine):
    older = {"url": "ldap://h", "base_dn": "dc=a", "bind_dn": "cn=b,dc=a", "starttls": False,
             "ca_file": None, "schools": None, "user_ous": dict(ldap_config.DEFAULT_USER_OUS),
             "groups_ou": "gruppen"}  # fmt: skip
    with session_scope(engine) as session:
        set_setting(session, ldap_config.SETTING, older)
    with session_scope(engine) as session:
        config = ldap_config.require(session)
        assert not config.posix and config.uid_start == 10000
        assert config.gid_numbers == {"student": 9001, "teacher": 9002, "staff": 9003}
        assert (config.home_template, config.login_shell) == ("/home/{login}", "/bin/bash")
        # A partial gid table (a hand-edited setting) gets the missing types' defaults.
        set_setting(session, ldap_config.SETTING, {**older, "posix": True,
                                                   "gid_numbers": {"student": 5000}})  # fmt: skip
    with session_scope(engine) as session:
        config = ldap_config.require(session)
        assert config.gid_numbers == {"student": 5000, "teacher": 9002, "staff": 9003}
        ldap_config.save(session, config)
        stored = get_setting(session, ldap_config.SETTING, None)
    assert stored["posix"] is True and stored["gid_numbers"]["staff"] == 9003
