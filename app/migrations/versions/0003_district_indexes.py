"""indexes for a server shared by a district

The snapshot of one school and the questions a file asks of the other schools
(app/engine/planning/district.py) each go by an index: the users a run created (read back
after COPY, and by undo), and the look-alikes of a new row (birth date and names in
lower case).

Revision ID: 0003_district
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_district"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_users_created_by_run_id", "users", ["created_by_run_id"])
    op.create_index(
        "ix_users_similar",
        "users",
        ["birth_date", sa.text("lower(last_name)"), sa.text("lower(first_name)")],
    )


def downgrade() -> None:
    op.drop_index("ix_users_similar", table_name="users")
    op.drop_index("ix_users_created_by_run_id", table_name="users")
