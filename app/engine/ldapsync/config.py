"""The stored LDAP connection: URL, base DN, bind DN, TLS, layout, Linux sign-in
(``posixAccount``) — in the settings table — and the bind password, in the system
keyring where one exists, never in the database. At sync time a password from an
environment variable wins over the keyring. A stored dictionary of an older version
loads with the defaults for the keys it lacks.
"""

from __future__ import annotations

import os
import string
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy.orm import Session

from app.db import get_setting, set_setting
from app.engine.reasons import Message, Reason, Refused

SETTING = "ldap"
LAST_SYNC = "ldap_last_sync"
POSIX_SYNCED = "ldap_posix_synced"  # the Linux sign-in settings the last sync pushed
KEYRING_SERVICE = "schoolimport"

DEFAULT_USER_OUS = {"student": "schueler", "teacher": "lehrer", "staff": "personal"}
# Linux sign-in (docs/decisions.md, "posixAccount"): uidNumbers count up from 10000;
# the account types' primary groups sit below that range and above the system's ids
# and a PC's first local accounts (1000, 1001, …).
DEFAULT_UID_START = 10000
DEFAULT_GID_NUMBERS = {"student": 9001, "teacher": 9002, "staff": 9003}
DEFAULT_HOME = "/home/{login}"
DEFAULT_SHELL = "/bin/bash"
# Below 1000 are the system's ids; uidNumber and gidNumber are signed 32-bit on
# most clients (sssd, nslcd), so nothing above this.
POSIX_MIN, POSIX_MAX = 1000, 2**31 - 1


@dataclass(frozen=True, slots=True)
class LdapConfig:
    url: str
    base_dn: str
    bind_dn: str
    starttls: bool = False
    ca_file: str | None = None
    # None: every school of the installation.
    schools: list[str] | None = None
    user_ous: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_USER_OUS))
    groups_ou: str = "gruppen"
    # Linux sign-in: ``posixAccount`` with a stable uidNumber per user.
    posix: bool = False
    uid_start: int = DEFAULT_UID_START
    gid_numbers: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_GID_NUMBERS))
    home_template: str = DEFAULT_HOME
    login_shell: str = DEFAULT_SHELL

    def __post_init__(self) -> None:
        # An older or partial table: the defaults for the account types it lacks.
        gids = {**DEFAULT_GID_NUMBERS, **self.gid_numbers}
        object.__setattr__(self, "gid_numbers", gids)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def keyring_user(self) -> str:
        return f"ldap:{self.bind_dn}@{self.url}"


def check(config: LdapConfig) -> None:
    if not config.url.startswith(("ldap://", "ldaps://")):
        raise Refused(Reason.LDAP_SETTING, detail=f"URL {config.url!r}: ldap:// or ldaps://")
    if "=" not in config.base_dn or "=" not in config.bind_dn:
        raise Refused(Reason.LDAP_SETTING, detail="base DN and bind DN look like cn=…,dc=…")
    if config.ca_file and not os.path.isfile(config.ca_file):
        raise Refused(Reason.LDAP_SETTING, detail=f"CA file {config.ca_file} does not exist")
    check_posix(config)


def check_posix(config: LdapConfig) -> None:
    """The Linux sign-in settings, checked whether or not ``posix`` is on (they are
    stored either way, and turning it on must not meet a bad number then)."""
    if not _posix_number(config.uid_start):
        _refuse(Reason.LDAP_UID_START, value=str(config.uid_start))
    for kind in sorted(DEFAULT_GID_NUMBERS):
        number = config.gid_numbers.get(kind)
        if number is None or not _posix_number(number):
            _refuse(Reason.LDAP_GID_NUMBER, account_type=kind, value=str(number))
    template = config.home_template
    if not _plain_path(template) or _fields(template) != {"login"}:
        _refuse(Reason.LDAP_HOME_TEMPLATE, value=template)
    if not _plain_path(config.login_shell) or "{" in config.login_shell:
        _refuse(Reason.LDAP_LOGIN_SHELL, value=config.login_shell)


def _plain_path(path: str) -> bool:
    """Absolute, ASCII (the schema's IA5String), no blanks or control characters."""
    return path.startswith("/") and path.isascii() and path.isprintable() and " " not in path


def _posix_number(value: object) -> bool:
    return type(value) is int and POSIX_MIN <= value <= POSIX_MAX


def _fields(template: str) -> set[str] | None:
    """The fields of a ``{login}`` template; None when it is not one (a stray brace,
    a conversion, a format spec, an index)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or name != "login":
            return None
        names.add(name)
    return names


def _refuse(reason: Reason, **params: object) -> NoReturn:
    raise Refused(Reason.LDAP_SETTING, detail=Message(reason, dict(params)))


def home_directory(config: LdapConfig, login: str) -> str:
    return config.home_template.format(login=login)


def posix_entries(config: LdapConfig) -> dict[str, Any] | None:
    """What the Linux sign-in settings put on every entry alike (None when off): a
    change of them changes every entry at the next sync."""
    if not config.posix:
        return None
    return {
        "gid_numbers": dict(config.gid_numbers),
        "home_template": config.home_template,
        "login_shell": config.login_shell,
    }


def record_posix_synced(session: Session, config: LdapConfig) -> None:
    """The settings a sync without errors pushed (kept when Linux sign-in is turned
    off: the entries keep those attributes)."""
    entries = posix_entries(config)
    if entries is not None:
        set_setting(session, POSIX_SYNCED, entries)


def posix_synced(session: Session) -> dict[str, Any] | None:
    data = get_setting(session, POSIX_SYNCED, None)
    return data if isinstance(data, dict) else None


def or_defaults(config: LdapConfig | None) -> LdapConfig:
    """``config``; when none is stored yet, one without a connection and every other
    setting at its default (what a form or ``ldap set`` starts from)."""
    return config if config is not None else LdapConfig("", "", "")


def load(session: Session) -> LdapConfig | None:
    data = get_setting(session, SETTING, None)
    if not isinstance(data, dict):
        return None
    return LdapConfig(**data)


def save(session: Session, config: LdapConfig) -> None:
    check(config)
    set_setting(session, SETTING, config.as_dict())


def require(session: Session) -> LdapConfig:
    config = load(session)
    if config is None:
        raise Refused(Reason.LDAP_NOT_CONFIGURED)
    return config


def store_password(config: LdapConfig, password: str) -> bool:
    """Keep the bind password in the keyring; False when there is none to keep it."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, config.keyring_user, password)
    except (KeyringError, RuntimeError):
        return False
    return True


def forget_password(config: LdapConfig) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, config.keyring_user)
    except (PasswordDeleteError, KeyringError, RuntimeError):
        pass


def bind_password(config: LdapConfig, env_var: str | None = None) -> str:
    """The variable's value if one is named, else the keyring's; refused without one."""
    if env_var:
        value = os.environ.get(env_var)
        if not value:
            raise Refused(Reason.LDAP_NO_PASSWORD_ENV, var=env_var)
        return value
    import keyring  # where used: it is slow to import (start-up)
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(KEYRING_SERVICE, config.keyring_user)
    except (KeyringError, RuntimeError):
        stored = None
    if not stored:
        raise Refused(Reason.LDAP_NO_PASSWORD, bind_dn=config.bind_dn)
    return stored


def record_last_sync(session: Session, counts: dict[str, Any], at: datetime) -> None:
    set_setting(session, LAST_SYNC, {"at": at.isoformat(timespec="seconds"), **counts})


def last_sync(session: Session) -> dict[str, Any] | None:
    data = get_setting(session, LAST_SYNC, None)
    return data if isinstance(data, dict) else None
