"""What the LDAP sync last pushed for each user (issue 18), mapped onto
``tables.ldap_user_state`` (its columns are described there)."""

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
