"""The stored LDAP connection: URL, base DN, bind DN, TLS, layout — in the settings
table — and the bind password, in the system keyring where one exists, never in the
database. At sync time a password from an environment variable wins over the keyring.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.db import get_setting, set_setting
from app.engine.reasons import Reason, Refused

SETTING = "ldap"
LAST_SYNC = "ldap_last_sync"
KEYRING_SERVICE = "schoolimport"

DEFAULT_USER_OUS = {"student": "schueler", "teacher": "lehrer", "staff": "personal"}


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
