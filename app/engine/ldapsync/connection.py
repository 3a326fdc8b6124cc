"""Opening a bound connection (python-ldap; see docs/decisions.md) and turning its
failures into reasons: unreachable, TLS, wrong credentials. The texts carry the
server's description and diagnostic, never the bind password.
"""

from __future__ import annotations

from typing import Any

import ldap
from ldap.ldapobject import LDAPObject

from app.engine.ldapsync.config import LdapConfig
from app.engine.reasons import Reason, Refused

TIMEOUT_SECONDS = 10


class LdapFailure(Refused):
    """The server could not be used; nothing further was changed."""


def error_detail(exc: ldap.LDAPError) -> str:
    info = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
    parts = [str(info.get("desc", type(exc).__name__)), str(info.get("info", ""))]
    return ": ".join(p for p in parts if p)


def _tls_problem(config: LdapConfig, exc: ldap.LDAPError) -> bool:
    text = error_detail(exc).lower()
    uses_tls = config.starttls or config.url.startswith("ldaps://")
    return isinstance(exc, ldap.CONNECT_ERROR) or (
        uses_tls and any(w in text for w in ("tls", "certificate", "ssl", "handshake"))
    )


def translate(config: LdapConfig, exc: ldap.LDAPError) -> LdapFailure:
    if isinstance(exc, ldap.INVALID_CREDENTIALS):
        return LdapFailure(Reason.LDAP_BIND_FAILED, bind_dn=config.bind_dn, url=config.url)
    if _tls_problem(config, exc):
        return LdapFailure(Reason.LDAP_TLS, url=config.url, detail=error_detail(exc))
    if isinstance(exc, ldap.SERVER_DOWN | ldap.TIMEOUT):
        return LdapFailure(Reason.LDAP_UNREACHABLE, url=config.url, detail=error_detail(exc))
    return LdapFailure(Reason.LDAP_FAILED, url=config.url, detail=error_detail(exc))


def _options(conn: LDAPObject, config: LdapConfig) -> None:
    options: list[tuple[int, Any]] = [
        (ldap.OPT_PROTOCOL_VERSION, 3),
        (ldap.OPT_REFERRALS, 0),
        (ldap.OPT_NETWORK_TIMEOUT, TIMEOUT_SECONDS),
        (ldap.OPT_TIMEOUT, 120),
    ]
    if config.ca_file:
        options += [
            (ldap.OPT_X_TLS_CACERTFILE, config.ca_file),
            (ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND),
        ]
    for option, value in options:
        conn.set_option(option, value)
    if config.ca_file:
        conn.set_option(ldap.OPT_X_TLS_NEWCTX, 0)  # the options above take effect


def connect(config: LdapConfig, password: str) -> LDAPObject:
    """A connection bound as the configured DN; raises :class:`LdapFailure`."""
    try:
        conn = ldap.initialize(config.url, bytes_mode=False)
        _options(conn, config)
        if config.starttls:
            conn.start_tls_s()
        conn.simple_bind_s(config.bind_dn, password)
    except ldap.LDAPError as exc:
        raise translate(config, exc) from None
    return conn


def test_connection(config: LdapConfig, password: str) -> str:
    """Bind and read the base entry; returns who the server says we are."""
    conn = connect(config, password)
    try:
        conn.search_s(config.base_dn, ldap.SCOPE_BASE, "(objectClass=*)", ["1.1"])
        whoami = conn.whoami_s()
    except ldap.NO_SUCH_OBJECT:
        raise LdapFailure(Reason.LDAP_BASE_MISSING, base_dn=config.base_dn) from None
    except ldap.LDAPError as exc:
        raise translate(config, exc) from None
    finally:
        conn.unbind_s()
    return str(whoami)
