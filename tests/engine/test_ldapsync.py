"""The LDAP sync against a real slapd (tests/slapd.py): an imported pupil signs in with
the initial password, and every step of an account's life reaches the server."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select, update

from app.db import session_scope
from app.engine.access import passwords
from app.engine.admin import lifecycle
from app.engine.ldapsync import config as ldap_config
from app.engine.ldapsync import status as ldap_status
from app.engine.ldapsync.connection import LdapFailure
from app.engine.ldapsync.service import sync
from app.engine.reasons import Reason
from app.models import LdapUserState, User
from tests.conftest import HEADER, CsvWriter, Importer
from tests.slapd import ROOT_DN, ROOT_PW, Slapd

SCHOOL = "Meine Schule"
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5a", "03.05.2014"],
    ["1002", "Weiß", "Anna", "5a, Chor", "2014-02-01"],
    ["1003", "Özdemir", "Ömer", "5b", ""],
]


def pupil_dn(base: str, login: str) -> str:
    return f"uid={login},ou=schueler,ou={SCHOOL},{base}"


def group_dn(base: str, cn: str) -> str:
    return f"cn={cn},ou=gruppen,ou={SCHOOL},{base}"


def configure(engine: Engine, slapd: Slapd, base: str, **extra: object) -> None:
    with session_scope(engine) as session:
        ldap_config.save(
            session,
            ldap_config.LdapConfig(url=slapd.url, base_dn=base, bind_dn=ROOT_DN, **extra),  # type: ignore[arg-type]
        )


def run_sync(engine: Engine, **kwargs: object) -> dict[str, object]:
    return sync(engine, password=ROOT_PW, **kwargs).as_dict()  # type: ignore[arg-type]


def members(slapd: Slapd, dn: str) -> set[str]:
    out = slapd.ldap("ldapsearch", "", "-LLL", "-b", dn, "-s", "base", "member").stdout
    return {
        line.split(":", 1)[1].strip().lower()
        for line in out.replace("\n ", "").splitlines()
        if line.startswith("member:")
    }


def exists(slapd: Slapd, dn: str) -> bool:
    return slapd.exists(dn)


def import_pupils(importer: Importer, write_csv: CsvWriter, rows: list[list[str]], **opts: object):
    path = write_csv(rows, name=f"v{len(rows)}-{id(rows)}.csv")
    session = importer.run(path, create_missing_groups="class", **opts)
    assert session.result is not None
    return session.result


def credentials_by_login(result) -> dict[str, str]:
    return {result.logins[i]: c.password for i, c in result.credentials.items() if c.password}


def test_imported_pupil_signs_in_and_every_lifecycle_step_reaches_the_server(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    result = import_pupils(importer, write_csv, ROWS)
    initial = credentials_by_login(result)
    configure(engine, slapd, ldap_base)

    counts = run_sync(engine)
    assert counts["users_added"] == 3 and counts["groups_added"] == 3 and counts["errors"] == []
    juergen = pupil_dn(ldap_base, "juergen.mueller")
    assert slapd.can_bind(juergen, initial["juergen.mueller"])
    assert not slapd.can_bind(juergen, initial["anna.weiss"])
    assert members(slapd, group_dn(ldap_base, "5a-2026-27")) == {
        juergen.lower(),
        pupil_dn(ldap_base, "anna.weiss").lower(),
    }
    # Only the hash travelled: the entry holds {ARGON2} and the database's PHC string.
    entry = slapd.ldap("ldapsearch", "", "-LLL", "-b", juergen, "-s", "base", "userPassword")
    assert initial["juergen.mueller"] not in entry.stdout

    # Idempotent: nothing to do the second time.
    again = run_sync(engine)
    assert again["unchanged"] == 6 and sum(v for k, v in again.items() if k != "errors") == 6

    # A rename and a move between classes.
    moved = [HEADER, ["1001", "Müller-Lang", "Jürgen", "5b", ""], *ROWS[2:]]
    import_pupils(importer, write_csv, moved)
    counts = run_sync(engine)
    assert counts["users_modified"] == 1 and counts["groups_modified"] == 2
    cn = slapd.ldap("ldapsearch", "", "-LLL", "-b", juergen, "-s", "base", "sn").stdout
    assert "sn: Müller-Lang" in cn or "sn:: " in cn
    assert juergen.lower() in members(slapd, group_dn(ldap_base, "5b-2026-27"))
    assert juergen.lower() not in members(slapd, group_dn(ldap_base, "5a-2026-27"))

    # A login change is a rename of the entry; the password goes with it.
    with session_scope(engine) as session:
        session.execute(
            update(User).where(User.login == "anna.weiss").values(login="anna.weiss-neu")
        )
    counts = run_sync(engine)
    assert counts["users_modified"] == 1
    anna = pupil_dn(ldap_base, "anna.weiss-neu")
    assert not exists(slapd, pupil_dn(ldap_base, "anna.weiss"))
    assert slapd.can_bind(anna, initial["anna.weiss"])
    assert anna.lower() in members(slapd, group_dn(ldap_base, "Chor-2026-27"))

    # Released for deletion: marked users still sign in; deactivated ones cannot.
    import_pupils(importer, write_csv, [HEADER, ROWS[1], ROWS[2]], detect_expired=True)
    counts = run_sync(engine)
    oemer = pupil_dn(ldap_base, "oemer.oezdemir")
    assert counts["users_disabled"] == 0 and slapd.can_bind(oemer, initial["oemer.oezdemir"])
    with session_scope(engine) as session:
        assert lifecycle.expire_due(session, date(2099, 1, 1)).deactivated == 1
    counts = run_sync(engine)
    assert counts["users_disabled"] == 1
    assert not slapd.can_bind(oemer, initial["oemer.oezdemir"])
    assert run_sync(engine)["users_disabled"] == 0  # stays disabled, no churn

    # Restored: signs in again with the same password.
    with session_scope(engine) as session:
        lifecycle.restore_user(session, "oemer.oezdemir")
    assert run_sync(engine)["users_enabled"] == 1
    assert slapd.can_bind(oemer, initial["oemer.oezdemir"])

    # Purged: the entry and its memberships are gone.
    import_pupils(importer, write_csv, [HEADER, ROWS[1], ROWS[2]], detect_expired=True)
    with session_scope(engine) as session:
        lifecycle.expire_due(session, date(2099, 1, 1))
        assert lifecycle.purge_due(session, date(2199, 1, 1)) == ["oemer.oezdemir"]
    counts = run_sync(engine)
    assert counts["users_deleted"] == 1
    assert not exists(slapd, oemer)
    assert oemer.lower() not in members(slapd, group_dn(ldap_base, "5b-2026-27"))
    with session_scope(engine) as session:
        assert session.scalar(select(LdapUserState).where(LdapUserState.dn == oemer)) is None


def test_password_written_only_on_creation_and_reset(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    initial = credentials_by_login(import_pupils(importer, write_csv, ROWS))
    configure(engine, slapd, ldap_base)
    run_sync(engine)
    anna, juergen = pupil_dn(ldap_base, "anna.weiss"), pupil_dn(ldap_base, "juergen.mueller")

    # The person changes the password on the server; later syncs leave it alone.
    slapd.ldap("ldappasswd", "", "-s", "Annas-eigenes-Passwort", anna)
    import_pupils(importer, write_csv, [HEADER, ["1002", "Weiß", "Anna-Lena", "5a", ""]])
    counts = run_sync(engine)
    assert counts["users_modified"] == 1
    assert slapd.can_bind(anna, "Annas-eigenes-Passwort")
    assert not slapd.can_bind(anna, initial["anna.weiss"])

    # A reset in the directory (a new hash) is written once: new works, old fails.
    with session_scope(engine) as session:
        session.execute(
            update(User)
            .where(User.login == "juergen.mueller")
            .values(password_hash=passwords.hash_password("Neues-Start-42", passwords.INITIAL))
        )
    assert run_sync(engine)["users_modified"] == 1
    assert slapd.can_bind(juergen, "Neues-Start-42")
    assert not slapd.can_bind(juergen, initial["juergen.mueller"])
    assert run_sync(engine)["users_modified"] == 0
    assert slapd.can_bind(anna, "Annas-eigenes-Passwort")


def test_dry_run_changes_nothing_and_status_reports_pending(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    import_pupils(importer, write_csv, ROWS)
    configure(engine, slapd, ldap_base)
    with session_scope(engine) as session:
        before = ldap_status.status(session)
    assert before["pending"] == {"users_to_add": 3, "users_to_change": 0, "users_to_delete": 0}
    assert before["last_sync"] is None
    dry = run_sync(engine, dry_run=True)
    assert dry["users_added"] == 3
    assert not exists(slapd, pupil_dn(ldap_base, "anna.weiss"))
    assert run_sync(engine)["users_added"] == 3
    with session_scope(engine) as session:
        after = ldap_status.status(session)
    assert after["pending"] == {"users_to_add": 0, "users_to_change": 0, "users_to_delete": 0}
    assert after["last_sync"]["users_added"] == 3


def test_entries_the_product_did_not_create_are_never_touched(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    import_pupils(importer, write_csv, ROWS)
    configure(engine, slapd, ldap_base)
    run_sync(engine)
    # The school's own account under our OU, and one at the DN a new pupil would get.
    own = f"uid=hausmeister,ou=schueler,ou={SCHOOL},{ldap_base}"
    taken = pupil_dn(ldap_base, "nils.neu")
    for dn, uid in ((own, "hausmeister"), (taken, "nils.neu")):
        slapd.ldap(
            "ldapadd", f"dn: {dn}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {uid}\nsn: x\n"
        )
    import_pupils(importer, write_csv, [*ROWS, ["1004", "Neu", "Nils", "5a", ""]])
    counts = run_sync(engine)
    assert counts["users_deleted"] == 0 and counts["users_added"] == 1
    assert [e["dn"] for e in counts["errors"]] == [taken]  # refused, reported, not taken over
    assert exists(slapd, own) and exists(slapd, taken)
    sn = slapd.ldap("ldapsearch", "", "-LLL", "-b", taken, "-s", "base", "sn").stdout
    assert "sn: x" in sn


def test_unusable_server_is_one_reason_and_nothing_is_recorded(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    import_pupils(importer, write_csv, ROWS)
    configure(engine, slapd, ldap_base)
    with pytest.raises(LdapFailure) as wrong:
        sync(engine, password="falsch")
    assert wrong.value.message.reason is Reason.LDAP_BIND_FAILED
    assert "falsch" not in wrong.value.text()
    with session_scope(engine) as session:
        ldap_config.save(
            session,
            ldap_config.LdapConfig(url="ldap://127.0.0.1:1", base_dn=ldap_base, bind_dn=ROOT_DN),
        )
    with pytest.raises(LdapFailure) as down:
        sync(engine, password=ROOT_PW)
    assert down.value.message.reason is Reason.LDAP_UNREACHABLE
    with session_scope(engine) as session:
        assert session.scalars(select(LdapUserState)).all() == []
        assert ldap_config.last_sync(session) is None


def test_starttls_and_ldaps_with_the_schools_ca(
    engine: Engine,
    importer: Importer,
    write_csv: CsvWriter,
    slapd: Slapd,
    ldap_base: str,
    tmp_path,
):
    initial = credentials_by_login(import_pupils(importer, write_csv, ROWS))
    assert slapd.ca_file is not None
    configure(engine, slapd, ldap_base, starttls=True, ca_file=str(slapd.ca_file))
    assert run_sync(engine)["users_added"] == 3
    assert slapd.can_bind(pupil_dn(ldap_base, "anna.weiss"), initial["anna.weiss"])
    with session_scope(engine) as session:
        ldap_config.save(
            session,
            ldap_config.LdapConfig(
                url=slapd.ldaps_url, base_dn=ldap_base, bind_dn=ROOT_DN, ca_file=str(slapd.ca_file)
            ),
        )
    assert run_sync(engine)["unchanged"] == 6

    # Another CA: the server's certificate is not trusted, and nothing is sent.
    other = Slapd.start(tmp_path / "other", tls=True)
    assert other is not None
    try:
        configure(engine, slapd, ldap_base, starttls=True, ca_file=str(other.ca_file))
        with pytest.raises(LdapFailure) as failure:
            sync(engine, password=ROOT_PW)
        assert failure.value.message.reason is Reason.LDAP_TLS
    finally:
        other.stop()


def test_an_add_the_server_finished_for_a_killed_sync_is_adopted_not_an_error(
    engine: Engine, importer: Importer, write_csv: CsvWriter, slapd: Slapd, ldap_base: str
):
    """A sync killed mid-way may have sent adds that slapd completes only after the next
    sync read the tree: that sync's add of the same entry (same mark) then finds it
    there. It sets the entry to what it wants and records it, instead of an error."""
    from app.engine.ldapsync.apply import Applier
    from app.engine.ldapsync.connection import connect
    from app.engine.ldapsync.service import build_plan

    import_pupils(importer, write_csv, ROWS)
    configure(engine, slapd, ldap_base)
    run_sync(engine)  # the containers and the three pupils
    import_pupils(importer, write_csv, [*ROWS, ["1004", "Neu", "Nils", "5a", ""]])
    with session_scope(engine) as session:
        config = ldap_config.require(session)
    conn = connect(config, ROOT_PW)
    try:
        plan = build_plan(engine, config, conn)
        (add,) = [op for op in plan.users if op.kind == "add"]
        # The killed sync's add, finished by the server after the tree was read; its
        # common name differs from the wanted one, so the adoption must set it.
        stale = [(a, [b"alt"] if a == "cn" else v) for a, v in add.changes]
        slapd.ldap("ldapadd", _ldif(add.dn, stale))
        applier = Applier(conn, engine, plan.total, lambda _d, _t: None)
        applier.run(plan)
    finally:
        conn.unbind_s()
    assert applier.errors == []
    cn = slapd.ldap("ldapsearch", "", "-LLL", "-b", add.dn, "-s", "base", "cn").stdout
    assert "cn: Nils Neu" in cn and "cn: alt" not in cn
    with session_scope(engine) as session:
        recorded = session.scalars(select(LdapUserState.dn)).all()
    assert len(recorded) == 4 and add.dn in recorded


def _ldif(dn: str, changes: list[tuple[str, list[bytes]]]) -> str:
    lines = [f"dn: {dn}"]
    for attr, values in changes:
        lines += [f"{attr}: {v.decode()}" for v in values]
    return "\n".join(lines) + "\n"
