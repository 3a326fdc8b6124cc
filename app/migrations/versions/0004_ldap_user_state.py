"""ldap user state

Revision ID: 0004
Revises: 0003_district
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_district"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ldap_user_state",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("dn", sa.String(length=500), nullable=False),
        sa.Column("password_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_ldap_user_state")),
    )


def downgrade() -> None:
    op.drop_table("ldap_user_state")
