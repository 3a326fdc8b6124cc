"""ldap uid numbers: the uidNumber of each user with a posixAccount, never reused

One row per number given (app/engine/ldapsync/uidnumbers.py): ``uid_number`` (the
key), ``user_id`` (unique; NULL once the user row is deleted) and when it was given.
Rows are never deleted, so the highest number given stays known and a number is never
given twice — ``start + users.id`` would be, as SQLite gives the highest row id again
after a delete.

Releasing a deleted user's number: on SQLite the foreign key ``user_id → users.id ON
DELETE SET NULL`` (foreign keys are on in every connection, app/db.py). On PostgreSQL
the references of ``users`` are statement triggers since 0005, and so is this one: an
``AFTER DELETE`` trigger with the deleted rows as a transition table sets their
``user_id`` to NULL in one statement, and an ``AFTER TRUNCATE`` trigger all of them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DELETED = "si_release_uid_numbers_deleted"
TRUNCATED = "si_release_uid_numbers_truncated"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    release = sa.ForeignKeyConstraint(
        ["user_id"],
        ["users.id"],
        name=op.f("fk_ldap_uid_numbers_user_id_users"),
        ondelete="SET NULL",
    )
    reference = [] if postgres else [release]
    op.create_table(
        "ldap_uid_numbers",
        sa.Column("uid_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("allocated_at", sa.DateTime(), nullable=False),
        *reference,
        sa.PrimaryKeyConstraint("uid_number", name=op.f("pk_ldap_uid_numbers")),
        sa.UniqueConstraint("user_id", name=op.f("uq_ldap_uid_numbers_user_id")),
    )
    if not postgres:
        return
    op.execute(
        f"CREATE FUNCTION {DELETED}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        "BEGIN\n"
        "UPDATE ldap_uid_numbers n SET user_id = NULL FROM old_rows o WHERE n.user_id = o.id;\n"
        "RETURN NULL;\nEND\n$fn$"
    )
    op.execute(
        f"CREATE TRIGGER {DELETED} AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {DELETED}()"
    )
    op.execute(
        f"CREATE FUNCTION {TRUNCATED}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        "BEGIN\n"
        "UPDATE ldap_uid_numbers SET user_id = NULL WHERE user_id IS NOT NULL;\n"
        "RETURN NULL;\nEND\n$fn$"
    )
    op.execute(
        f"CREATE TRIGGER {TRUNCATED} AFTER TRUNCATE ON users"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATED}()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in (DELETED, TRUNCATED):
            op.execute(f"DROP TRIGGER {name} ON users")
            op.execute(f"DROP FUNCTION {name}()")
    op.drop_table("ldap_uid_numbers")
