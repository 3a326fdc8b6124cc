"""What the LDAP sync last pushed for each user (issue 18), mapped onto
``tables.ldap_user_state``, and the uidNumbers it gave, onto ``tables.ldap_uid_numbers``
(their columns are described there)."""

from datetime import datetime

from sqlalchemy.orm import Mapped

from app.models import tables
from app.models.orm import Base


class LdapUserState(Base):
    __table__ = tables.ldap_user_state

    user_id: Mapped[int]
    dn: Mapped[str]
    password_fingerprint: Mapped[str | None]
    enabled: Mapped[bool]
    synced_at: Mapped[datetime]


class LdapUidNumber(Base):
    __table__ = tables.ldap_uid_numbers

    uid_number: Mapped[int]
    user_id: Mapped[int | None]
    allocated_at: Mapped[datetime]
