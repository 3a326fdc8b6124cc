"""What the database says the LDAP tree should hold: one query per table, for the
configured schools. Deleted and purged users are simply absent. With Linux sign-in
on, :func:`add_posix` gives the users their ``posixAccount`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.engine.ldapsync import layout
from app.engine.ldapsync.config import LdapConfig, home_directory
from app.models import Group, Membership, School, SchoolYear, User, UserStatus

DISABLED_STATUSES = frozenset({UserStatus.DEACTIVATED.value})


@dataclass(slots=True)
class DesiredUser:
    user_id: int
    dn: str
    attrs: dict[str, list[str]]
    password_hash: str | None
    enabled: bool
    account_type: str = ""
    # With Linux sign-in: the entry has the class posixAccount (attrs hold its values).
    posix: bool = False


@dataclass(slots=True)
class DesiredGroup:
    group_id: int
    dn: str
    cn: str
    members: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Desired:
    users: dict[int, DesiredUser]
    groups: dict[int, DesiredGroup]
    # Users the database still holds outside the configured schools: left alone.
    elsewhere: set[int]
    containers: list[str]
    groups_elsewhere: set[int] = field(default_factory=set)


def _user_attrs(
    login: str, first: str, last: str, email: str | None, source_id: str
) -> dict[str, list[str]]:
    return {
        "uid": [login],
        "cn": [f"{first} {last}".strip()],
        "sn": [last or login],
        "givenName": [first] if first else [],
        "mail": [email] if email else [],
        "employeeNumber": [source_id],
    }


def load(session: Session, config: LdapConfig) -> Desired:
    schools = dict(session.execute(select(School.id, School.name)).all())
    wanted = {
        sid for sid, name in schools.items() if config.schools is None or name in config.schools
    }
    base = config.base_dn
    containers: list[str] = []
    for sid in sorted(wanted):
        sdn = layout.school_dn(base, schools[sid])
        containers.append(sdn)
        containers += [f"{layout.rdn('ou', ou)},{sdn}" for ou in config.user_ous.values()]
        containers.append(f"{layout.rdn('ou', config.groups_ou)},{sdn}")
    users: dict[int, DesiredUser] = {}
    elsewhere: set[int] = set()
    columns = (
        User.id,
        User.school_id,
        User.account_type,
        User.login,
        User.first_name,
        User.last_name,
        User.email,
        User.source_id,
        User.password_hash,
        User.status,
    )
    rows = session.execute(select(*columns).where(User.status != UserStatus.DELETED.value))
    school_dns = {sid: layout.school_dn(base, schools[sid]) for sid in wanted}
    ou_rdns = {code: layout.rdn("ou", ou) for code, ou in config.user_ous.items()}
    for uid, school_id, kind, login, first, last, email, source_id, phc, status in rows:
        if school_id not in wanted:
            elsewhere.add(uid)
            continue
        ou = ou_rdns.get(kind) or layout.rdn("ou", kind)
        users[uid] = DesiredUser(
            uid,
            f"{layout.rdn('uid', login)},{ou},{school_dns[school_id]}",
            _user_attrs(login, first, last, email, source_id),
            phc,
            status not in DISABLED_STATUSES,
            kind,
        )
    desired = Desired(users, {}, elsewhere, containers)
    _groups(session, config, schools, wanted, desired)
    return desired


def add_posix(desired: Desired, config: LdapConfig, uid_numbers: dict[int, int]) -> None:
    """The ``posixAccount`` attributes of every user with a uidNumber in
    ``uid_numbers`` (all of them, at a sync) and a gidNumber for its account type."""
    for user_id, user in desired.users.items():
        number = uid_numbers.get(user_id)
        gid = config.gid_numbers.get(user.account_type)
        if number is None or gid is None:
            continue
        login = user.attrs["uid"][0]
        gecos = layout.ascii_text(user.attrs["cn"][0])
        user.attrs |= {
            "uidNumber": [str(number)],
            "gidNumber": [str(gid)],
            "homeDirectory": [home_directory(config, login)],
            "loginShell": [config.login_shell],
            "gecos": [gecos] if gecos else [],
        }
        user.posix = True


def _groups(
    session: Session,
    config: LdapConfig,
    schools: dict[int, str],
    wanted: set[int],
    desired: Desired,
) -> None:
    years = dict(session.execute(select(SchoolYear.id, SchoolYear.name)).all())
    groups, users = desired.groups, desired.users
    query = select(Group.id, Group.school_id, Group.year_id, Group.name).where(
        Group.disabled.is_(False)
    )
    for gid, school_id, year_id, name in session.execute(query):
        if school_id not in wanted:
            desired.groups_elsewhere.add(gid)
            continue
        cn = layout.group_cn(name, years.get(year_id) if year_id is not None else None)
        sdn = layout.school_dn(config.base_dn, schools[school_id])
        dn = f"{layout.rdn('cn', cn)},{layout.rdn('ou', config.groups_ou)},{sdn}"
        groups[gid] = DesiredGroup(gid, dn, cn)
    pairs = session.execute(select(Membership.group_id, Membership.user_id))
    for gid, uid in pairs:
        group, user = groups.get(gid), users.get(uid)
        if group is not None and user is not None:
            group.members.append(user.dn)
