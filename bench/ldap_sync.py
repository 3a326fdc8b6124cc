"""Benchmark of the LDAP sync against ``ldapadd``/``ldapmodify`` of the same changes.

    python bench/ldap_sync.py [--users 50000] [--clients 5000] [--json]

Imports USERS pupils in classes of 30 into an empty SQLite database (the product's own
import, Argon2id hashes included), then on two fresh local slapd servers (mdb, default
durability, the argon2 module; tests/slapd.py):

1. ``ldapadd`` of the LDIF the first sync would write (the same entries, written by
   python-ldap's LDIF writer from the sync's own plan) into server A, against the
   first ``ldap sync`` into server B (reading the database and the tree, planning,
   applying). Target: ≤ 1.2×.
2. A sync with nothing to do, against the first sync. Target: ≤ 10 %.
3. 10 % of the users renamed, half of them moved to another class: ``ldapmodify`` of the
   changes (again from the sync's own plan) on A, against the sync on B. Target: ≤ 1.5×.

With ``--clients N`` it also adds N entries with ldap3 (synchronous, and its
asynchronous strategy) and with python-ldap (pipelined), against ``ldapadd`` of the
same N: the measurement behind the choice of client (docs/decisions.md).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ldap  # noqa: E402
import ldif  # noqa: E402
from sqlalchemy import select, update  # noqa: E402

from app.db import open_database, session_scope  # noqa: E402
from app.engine.admin import directory  # noqa: E402
from app.engine.ldapsync import config as ldap_config  # noqa: E402
from app.engine.ldapsync.connection import connect  # noqa: E402
from app.engine.ldapsync.diff import SyncPlan  # noqa: E402
from app.engine.ldapsync.service import build_plan, sync  # noqa: E402
from app.engine.planning.results import ImportOptions  # noqa: E402
from app.engine.session import ImportSession  # noqa: E402
from app.models import Group, Membership, User  # noqa: E402
from tests.slapd import BASE, ROOT_DN, ROOT_PW, Slapd  # noqa: E402


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def make_database(folder: Path, users: int) -> Any:
    from datetime import date

    engine = open_database(f"sqlite:///{folder / 'bench.db'}")
    with session_scope(engine) as session:
        directory.add_year(session, "2026/27", date(2026, 8, 1), date(2027, 7, 31), True)
    lines = ["ID;Nachname;Vorname;Klasse"]
    lines += [f"{100000 + n};Nachname{n};Vorname{n};K{n // 30:04d}" for n in range(users)]
    path = folder / "schueler.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ImportOptions(year="2026/27", account_type="student", create_missing_groups="class")
    session = ImportSession(engine, options)
    session.load(path)
    session.build_plan()
    session.apply()
    session.close()
    return engine


def configure(engine: Any, server: Slapd) -> None:
    with session_scope(engine) as session:
        ldap_config.save(
            session, ldap_config.LdapConfig(url=server.url, base_dn=BASE, bind_dn=ROOT_DN)
        )


def plan_for(engine: Any, server: Slapd) -> SyncPlan:
    configure(engine, server)
    with session_scope(engine) as session:
        config = ldap_config.require(session)
    conn = connect(config, ROOT_PW)
    try:
        return build_plan(engine, config, conn)
    finally:
        conn.unbind_s()


def write_ldif(plan: SyncPlan, path: Path, changes: bool) -> int:
    """The plan's operations as LDIF (adds as entries, or as change records)."""
    buffer = io.StringIO()
    writer = ldif.LDIFWriter(buffer, cols=1000)
    count = 0
    for phase in plan.phases:
        for op in phase:
            if op.kind == "add" and not changes:
                writer.unparse(op.dn, {a: v for a, v in op.changes})
            elif op.kind == "modify" and changes:
                writer.unparse(op.dn, op.changes)
            else:
                continue
            count += 1
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return count


def ldap_tool(server: Slapd, tool: str, path: Path) -> float:
    command = [tool, "-x", "-H", server.url, "-D", ROOT_DN, "-w", ROOT_PW, "-f", str(path)]
    seconds, _ = timed(lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))
    return seconds


def change_ten_percent(engine: Any, users: int) -> None:
    """Rename every tenth user; move half of those to the next class."""
    with session_scope(engine) as session:
        ids = session.scalars(select(User.id).order_by(User.id)).all()
        changed = ids[::10]
        session.execute(
            update(User)
            .where(User.id.in_(changed))
            .values(last_name=User.last_name + "-Neu", updated_at=User.updated_at)
        )
        groups = dict(session.execute(select(Group.name, Group.id)).all())
        for uid in changed[::2]:
            gid = session.scalar(select(Membership.group_id).where(Membership.user_id == uid))
            name = next(n for n, g in groups.items() if g == gid)
            target = groups.get(f"K{(int(name[1:]) + 1) % (users // 30):04d}", gid)
            session.execute(
                update(Membership)
                .where(Membership.user_id == uid, Membership.group_id == gid)
                .values(group_id=target)
            )


def compare_clients(folder: Path, count: int) -> dict[str, float]:
    """ldapadd, python-ldap pipelined, ldap3 sync and async: the same COUNT entries."""
    import ldap3

    from app.engine.ldapsync import layout

    phc = (
        "$argon2id$v=19$m=256,t=1,p=1$UZp5cbfRzfeA05mmKUmn+g"
        "$otlH08dNiTRJ+dJ8cIG/j9R01poRbFR6IyeTEHqTnc8"
    )

    def entries(tag: str) -> list[tuple[str, dict[str, list[bytes]]]]:
        return [
            (
                f"uid={tag}{n},{BASE}",
                {
                    "objectClass": layout.USER_CLASSES,
                    "uid": [f"{tag}{n}".encode()],
                    "cn": [f"Vorname{n} Nachname{n}".encode()],
                    "sn": [f"Nachname{n}".encode()],
                    "userPassword": [layout.password_value(phc).encode()],
                },
            )
            for n in range(count)
        ]

    results: dict[str, float] = {}
    server = Slapd.start(folder / "clients")
    assert server is not None
    try:
        path = folder / "clients.ldif"
        buffer = io.StringIO()
        writer = ldif.LDIFWriter(buffer, cols=1000)
        for dn, attrs in entries("a"):
            writer.unparse(dn, attrs)
        path.write_text(buffer.getvalue())
        results["ldapadd"] = ldap_tool(server, "ldapadd", path)

        def python_ldap() -> None:
            conn = ldap.initialize(server.url)
            conn.simple_bind_s(ROOT_DN, ROOT_PW)
            pending = []
            for dn, attrs in entries("b"):
                pending.append(conn.add_ext(dn, list(attrs.items())))
                if len(pending) >= 256:
                    conn.result3(pending.pop(0))
            for msgid in pending:
                conn.result3(msgid)
            conn.unbind_s()

        results["python-ldap pipelined"] = timed(python_ldap)[0]

        def ldap3_run(strategy: str, tag: str) -> None:
            srv = ldap3.Server(server.url)
            conn = ldap3.Connection(srv, ROOT_DN, ROOT_PW, client_strategy=strategy)
            conn.bind()
            pending: list[int] = []
            for dn, attrs in entries(tag):
                pending.append(conn.add(dn, attributes=dict(attrs)))
                # The same window as the sync: slapd drops a connection with more than
                # 1,000 operations outstanding (conn_max_pending_auth).
                if strategy == ldap3.ASYNC and len(pending) >= 256:
                    conn.get_response(pending.pop(0))
            if strategy == ldap3.ASYNC:
                for msgid in pending:
                    conn.get_response(msgid)
            conn.unbind()

        results["ldap3 sync"] = timed(lambda: ldap3_run(ldap3.SAFE_SYNC, "c"))[0]
        results["ldap3 async"] = timed(lambda: ldap3_run(ldap3.ASYNC, "d"))[0]
    finally:
        server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50000)
    parser.add_argument("--clients", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {"users": args.users}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.clients:
            clients = compare_clients(folder, args.clients)
            figures["clients"] = {k: round(v, 2) for k, v in clients.items()}
            for name, seconds in clients.items():
                ratio = seconds / clients["ldapadd"]
                print(f"{args.clients} adds, {name:<22} {seconds:6.2f} s ({ratio:.2f}× ldapadd)")
        figures["import_s"], engine = timed(lambda: make_database(folder, args.users))
        baseline, synced = Slapd.start(folder / "a"), Slapd.start(folder / "b")
        assert baseline is not None and synced is not None
        try:
            figures.update(run_phases(engine, baseline, synced, folder, args.users))
        finally:
            baseline.stop()
            synced.stop()
    if args.json:
        print(json.dumps(figures, indent=2))


def run_phases(
    engine: Any, baseline: Slapd, synced: Slapd, folder: Path, users: int
) -> dict[str, float]:
    f: dict[str, float] = {}
    first = plan_for(engine, baseline)
    f["entries"] = write_ldif(first, folder / "first.ldif", changes=False)
    f["ldapadd_s"] = ldap_tool(baseline, "ldapadd", folder / "first.ldif")
    configure(engine, synced)
    f["first_sync_s"], result = timed(lambda: sync(engine, password=ROOT_PW))
    assert not result.errors, result.errors[:3]
    f["noop_sync_s"], noop = timed(lambda: sync(engine, password=ROOT_PW))
    assert noop.counts["unchanged"] == f["entries"] - len(first.containers), noop.counts
    change_ten_percent(engine, users)
    changes = plan_for(engine, baseline)
    f["changes"] = write_ldif(changes, folder / "changes.ldif", changes=True)
    f["ldapmodify_s"] = ldap_tool(baseline, "ldapmodify", folder / "changes.ldif")
    configure(engine, synced)
    f["update_sync_s"], updated = timed(lambda: sync(engine, password=ROOT_PW))
    assert not updated.errors and updated.counts["users_modified"] == users // 10
    f["first_ratio"] = f["first_sync_s"] / f["ldapadd_s"]
    f["noop_ratio"] = f["noop_sync_s"] / f["first_sync_s"]
    f["update_ratio"] = f["update_sync_s"] / f["ldapmodify_s"]
    print(f"{int(f['entries'])} entries ({users} users, their classes, 5 OUs)")
    print(f"ldapadd of the same LDIF     {f['ldapadd_s']:7.2f} s")
    print(f"first sync                   {f['first_sync_s']:7.2f} s  "
          f"{f['first_ratio']:.2f}× ldapadd (target ≤ 1.2×)")  # fmt: skip
    print(f"sync with nothing to do      {f['noop_sync_s']:7.2f} s  "
          f"{f['noop_ratio']:.1%} of the first (target ≤ 10 %)")  # fmt: skip
    print(f"ldapmodify of {int(f['changes'])} changes   {f['ldapmodify_s']:7.2f} s")
    print(f"sync after a 10 % update     {f['update_sync_s']:7.2f} s  "
          f"{f['update_ratio']:.2f}× ldapmodify (target ≤ 1.5×)")  # fmt: skip
    return {k: round(v, 3) for k, v in f.items()}


if __name__ == "__main__":
    main()
