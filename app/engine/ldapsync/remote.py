"""What the LDAP tree holds: the entries with the product's mark (found by their
database id), and the organizational units that exist. One paged subtree search.
"""

from __future__ import annotations

from dataclasses import dataclass

import ldap
from ldap.controls import SimplePagedResultsControl
from ldap.ldapobject import LDAPObject

from app.engine.ldapsync import layout

PAGE = 2000
USER_ATTRS = ("uid", "cn", "sn", "givenName", "mail", "employeeNumber")
# What the diff compares of a user: the inetOrgPerson attributes, and the
# posixAccount ones (compared only while Linux sign-in is on).
READ_USER_ATTRS = (*USER_ATTRS, *layout.POSIX_ATTRS)
ATTRS = ["objectClass", layout.MARK_ATTR, *READ_USER_ATTRS, "userPassword", "member"]
FILTER = f"(|({layout.MARK_ATTR}={layout.MARK_PREFIX}*)(objectClass=organizationalUnit))"


@dataclass(slots=True)
class RemoteUser:
    dn: str
    attrs: dict[str, list[str]]
    password: str | None
    posix: bool = False  # the entry has the class posixAccount


@dataclass(slots=True)
class RemoteGroup:
    dn: str
    members: list[str]


@dataclass(slots=True)
class Remote:
    users: dict[int, RemoteUser]
    groups: dict[int, RemoteGroup]
    ous: set[str]  # normalized DNs of every organizational unit


def _text(values: list[bytes]) -> list[str]:
    return [v.decode("utf-8", "replace") for v in values]


def read(conn: LDAPObject, base_dn: str) -> Remote:
    remote = Remote({}, {}, set())
    page = SimplePagedResultsControl(True, size=PAGE, cookie="")
    while True:
        msgid = conn.search_ext(base_dn, ldap.SCOPE_SUBTREE, FILTER, ATTRS, serverctrls=[page])
        _rtype, entries, _msgid, controls = conn.result3(msgid)
        for dn, entry in entries:
            if dn is not None:
                _take(remote, dn, entry)
        cookie = next(
            (c.cookie for c in controls if c.controlType == SimplePagedResultsControl.controlType),
            b"",
        )
        if not cookie:
            return remote
        page.cookie = cookie


def _take(remote: Remote, dn: str, raw: dict[str, list[bytes]]) -> None:
    entry = {k.lower(): v for k, v in raw.items()}
    classes = {c.lower() for c in _text(entry.get("objectclass", []))}
    if "organizationalunit" in classes:
        remote.ous.add(layout.norm(dn))
    for mark in _text(entry.get(layout.MARK_ATTR.lower(), [])):
        user_id = layout.mark_id(mark, layout.USER_MARK)
        if user_id is not None:
            attrs = {a: _text(entry.get(a.lower(), [])) for a in READ_USER_ATTRS}
            passwords = _text(entry.get("userpassword", []))
            remote.users[user_id] = RemoteUser(
                dn,
                attrs,
                passwords[0] if passwords else None,
                layout.POSIX_CLASS.lower() in classes,
            )
            return
        group_id = layout.mark_id(mark, layout.GROUP_MARK)
        if group_id is not None:
            remote.groups[group_id] = RemoteGroup(dn, _text(entry.get("member", [])))
            return
