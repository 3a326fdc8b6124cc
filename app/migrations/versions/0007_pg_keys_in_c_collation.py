"""the district's keys compared byte by byte on PostgreSQL

A school's preview asks the other schools about its file's keys, each one looked up in
an index (app/engine/planning/district.py): the logins it may give in ``used_logins``'
primary key, and the people of its new rows in ``ix_users_similar`` (birth date and
both names in lower case). In a database whose collation is not "C" (``C.UTF-8`` and
``de_DE.UTF-8`` alike) every comparison on the way down such an index goes through the
C library's ``strcoll``; in the "C" collation it is a ``memcmp``. Measured on a district
of 1,000,000 users, 50,000 keys each: the logins 107–110 → 56–58 ms, the look-alikes
243–254 → 152–201 ms of the server's time (docs/performance.md, session 8).

Equality is the same in both collations (PostgreSQL's deterministic collations compare
equal exactly when the bytes are), and these keys are only ever compared for equality
(no ``ORDER BY``, no range): the answers do not change. The lower-case forms are still
made in the database's collation; only the index keeps and compares them as bytes.
On PostgreSQL this revision

- makes ``used_logins.login`` a column in the "C" collation (its primary key is
  rebuilt; the rows are not rewritten), and
- rebuilds ``ix_users_similar`` with the two lower-case names in the "C" collation
  (the look-alike question says ``COLLATE "C"`` to use it).

SQLite compares bytes already; nothing changes there. The downgrade restores both.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _similar(collate: str) -> str:
    return (
        "CREATE INDEX ix_users_similar ON users"
        f" (birth_date, (lower(last_name)){collate}, (lower(first_name)){collate})"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute('ALTER TABLE used_logins ALTER COLUMN login TYPE varchar(64) COLLATE "C"')
    op.execute("DROP INDEX ix_users_similar")
    op.execute(_similar(' COLLATE "C"'))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute('ALTER TABLE used_logins ALTER COLUMN login TYPE varchar(64) COLLATE "default"')
    op.execute("DROP INDEX ix_users_similar")
    op.execute(_similar(""))
