"""the look-alike question on PostgreSQL: one key per person

A school's preview asks the other schools which of their users look like its new rows
(same birth date, last name and first name, the names in lower case:
app/engine/planning/district.py). Up to 0007 that was a nested loop: the file's people
unnested into rows, each looked up in ``ix_users_similar`` on (birth date,
``lower(last name)``, ``lower(first name)``) by three columns. This revision makes each
person ONE text key, so that the question is the same ``key = ANY(<array>)`` index scan
as the logins' (a ScalarArrayOp: the array sorted once, the index walked in order):

    ((birth_date - DATE '1900-01-01')::text || E'\\x1f' || lower(last_name)
     || E'\\x1f' || lower(first_name)) COLLATE "C"

``birth_date - date`` is an integer (days), immutable, unlike ``date::text`` (which
follows ``DateStyle``). The separator is the unit separator, a control character no
checked name holds (the client joins its keys the same way). A name of the directory
holding one could make two different people's keys equal: the answer would then hold
one user more, and the client's exact test (``state.similarity_key``, applied to every
user returned) drops it, as it drops a user whose names differ only in spacing. A user
without a birth date has no key (NULL), as ``birth_date = …`` never held for them.
The key is kept and compared in the "C" collation, byte by byte (equality is the same
in every deterministic collation, 0007); lower case is still made in the database's.

Measured on a district of 1,000,000 users (``district_s9``), the benchmark's 50,000
people, warm, ``EXPLAIN ANALYZE``, medians of 7 interleaved: 132 ms for the nested loop
against 84 ms for the one key (68 ms with the keys sent sorted), the same 400 users
(docs/performance.md, "A district's size, fifth round"). The migration analyzes the
table: the planner needs the expression's statistics to choose the plain index scan.

SQLite keeps ``ix_users_similar`` as it is (a nested loop over ``json_each`` there).
The downgrade restores 0007's index.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The person's key, as app/engine/planning/district.py asks for it (PERSON_KEY there).
PERSON_KEY = (
    "(((birth_date - DATE '1900-01-01')::text || E'\\x1f' || lower(last_name)"
    " || E'\\x1f' || lower(first_name)) COLLATE \"C\")"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_users_similar")
    op.execute(f"CREATE INDEX ix_users_similar ON users ({PERSON_KEY})")
    # The statistics of the new expression: without them the planner guessed thousands
    # of users per key and scanned a bitmap in parallel workers (92 ms against 79 ms).
    op.execute("ANALYZE users")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_users_similar")
    op.execute(
        "CREATE INDEX ix_users_similar ON users"
        ' (birth_date, (lower(last_name)) COLLATE "C", (lower(first_name)) COLLATE "C")'
    )
