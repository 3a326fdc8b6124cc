"""What the LDAP sync last pushed for each user (issue 18).

A row per user the sync has written: the entry's DN, a fingerprint of the password
hash last written (so a password is written again only when the directory's hash
changed — a reset — and a password the person changed on the server survives), and
whether the entry was left enabled or disabled. No password and no hash is kept here.
"""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class LdapUserState(Base):
    __tablename__ = "ldap_user_state"

    # No foreign key: the row outlives a purged user until the sync deleted its entry.
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dn: Mapped[str] = mapped_column(String(500))
    password_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    synced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
