"""every user's login in used_logins

A school's import asks the other schools which of the logins it may give are taken
(app/engine/planning/district.py). It asked two indexes, the users' logins and the
logins ever given (``used_logins``); it now asks ``used_logins`` alone, which holds
every login a user has: the run records the logins it gives and changes to, the purge
keeps the logins it deletes, undo only restores logins recorded before. Logins of
users made by an older program (or by hand) that are not recorded yet are copied here
once, with the user's creation time.

The downgrade keeps the copied rows: the older program reads them as logins ever
given, which they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "INSERT INTO used_logins (login, first_used_at, user_id)"
            " SELECT u.login, u.created_at, u.id FROM users u"
            " WHERE NOT EXISTS (SELECT 1 FROM used_logins l WHERE l.login = u.login)"
        )
    )


def downgrade() -> None:
    """Nothing to undo: the copied rows are logins that were given (see above)."""
