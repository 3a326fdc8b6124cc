"""The database's tables, declared once as SQLAlchemy Core ``Table`` objects.

The ORM classes (``app.models.User`` and the rest) are mapped onto these same tables
(``__table__``), so there is one definition of the schema. Start-up paths that only
read (the sign-in of the local operator, interrupted runs, pending outputs,
``users list``) use the tables directly and never import ``sqlalchemy.orm``: importing
it and declaring the mapped classes was a fifth of a ``users list``'s instructions
(docs/performance.md, "Start-up, third round"). The schema itself is made by the
migrations (``app/migrations``); these tables must say the same.
"""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

from app.models.base import NAMING, OperatorRole, RunStatus, UserStatus, utcnow

metadata = MetaData(naming_convention=NAMING)


def _operator_kinds() -> list[str]:
    return ["users", "groups"]


# ------------------------------------------------------------------ the school
schools = Table(
    "schools",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

# A school year such as ``2026/27``; exactly one is current.
school_years = Table(
    "school_years",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(20), nullable=False, unique=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("is_current", Boolean, nullable=False, default=False),
)

# student / teacher / staff, with their grace periods (SPEC §3).
account_types = Table(
    "account_types",
    metadata,
    Column("code", String(20), primary_key=True),
    Column("label_de", String(50), nullable=False),
    Column("label_en", String(50), nullable=False),
    Column("tolerance_days", Integer, nullable=False, default=30),
    Column("deletion_days", Integer, nullable=False, default=60),
)

# A class, course, team, manual or system group of one school. ``year_key`` is the
# school year's id, or 0 for a permanent group, so that the uniqueness of (school,
# validity, name) holds on every backend (NULLs never collide).
groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), nullable=False),
    Column("year_id", Integer, ForeignKey("school_years.id", ondelete="CASCADE"), nullable=True),
    Column("year_key", Integer, nullable=False, default=0),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False),
    Column("type", String(20), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("comment", Text, nullable=False, default=""),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("external_id", String(100), nullable=True, unique=True),
    Column("created_by_run_id", Integer, nullable=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("updated_at", DateTime, nullable=False, default=utcnow),
    UniqueConstraint("school_id", "year_key", "name_key"),
)

# ------------------------------------------------------------------- the users
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    # The foreign keys of users and memberships: on PostgreSQL kept by statement
    # triggers instead (migration 0005), with the same refusals and cascades.
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), nullable=False),
    Column("source", String(50), nullable=False),
    Column("source_id", String(100), nullable=False),
    Column("account_type", String(20), ForeignKey("account_types.code"), nullable=False),
    Column("last_name", String(64), nullable=False),
    Column("first_name", String(64), nullable=False),
    Column("birth_date", Date, nullable=True),
    Column("email", String(254), nullable=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=True),
    Column("datasafe_hash", String(200), nullable=True),
    Column("must_change_password", Boolean, nullable=False, default=True),
    Column("status", String(30), nullable=False, default=UserStatus.ACTIVE.value),
    Column("marked_at", DateTime, nullable=True),
    Column("deactivate_on", Date, nullable=True),
    Column("purge_on", Date, nullable=True),
    Column("created_by_run_id", Integer, nullable=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
    Column("updated_at", DateTime, nullable=False, default=utcnow),
    UniqueConstraint("source", "source_id"),
    Index("ix_users_school_status", "school_id", "status"),
    # Migration 0003: a run's users (read back after COPY), and look-alikes of a new
    # row in other schools (app/engine/planning/district.py). On PostgreSQL the
    # look-alike index is one text key of the same three columns instead, kept in the
    # "C" collation (migrations 0007 and 0008; ``district.PERSON_KEY_SQL``): the
    # same name, the same columns, one expression.
    Index("ix_users_created_by_run_id", "created_by_run_id"),
    Index(
        "ix_users_similar",
        "birth_date",
        func.lower(text("last_name")),
        func.lower(text("first_name")),
    ),
)

memberships = Table(
    "memberships",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "group_id",
        Integer,
        ForeignKey("groups.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

# Every login name ever given, so none is given to another person later.
used_logins = Table(
    "used_logins",
    metadata,
    # On PostgreSQL in the "C" collation: compared byte by byte (migration 0007).
    Column("login", String(64), primary_key=True),
    Column("first_used_at", DateTime, nullable=False, default=utcnow),
    Column("user_id", Integer, nullable=True),
)

# ----------------------------------------------------------------- operators
# The people who sign in to the application, and their scope.
operators = Table(
    "operators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, default=""),
    Column("password_hash", String(200), nullable=True),
    Column("role", String(30), nullable=False, default=OperatorRole.ADMINISTRATOR.value),
    Column("import_kinds", JSON, nullable=False, default=_operator_kinds),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False, default=utcnow),
)

# A school in an operator's scope (administrators see every school).
operator_schools = Table(
    "operator_schools",
    metadata,
    Column(
        "operator_id", Integer, ForeignKey("operators.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
)

# ---------------------------------------------------------------- the imports
COUNT_NAMES = (
    "created",
    "updated",
    "unchanged",
    "expired",
    "reactivated",
    "skipped",
    "invalid",
    "conflicts",
    "groups_created",
)

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), nullable=False),
    Column("operator_id", Integer, ForeignKey("operators.id", ondelete="SET NULL"), nullable=True),
    Column("kind", String(20), nullable=False, default="users"),
    Column("file_name", String(500), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("year_id", Integer, ForeignKey("school_years.id", ondelete="SET NULL"), nullable=True),
    Column("account_type", String(20), nullable=True),
    Column("source", String(50), nullable=False, default="table"),
    Column("options", JSON, nullable=False, default=dict),
    Column("headers", JSON, nullable=False, default=list),
    Column("status", String(30), nullable=False, default=RunStatus.RUNNING.value),
    Column("message", Text, nullable=False, default=""),
    Column("started_at", DateTime, nullable=False, default=utcnow),
    Column("finished_at", DateTime, nullable=True),
    Column("total_rows", Integer, nullable=False, default=0),
    *(Column(name, Integer, nullable=False, default=0) for name in COUNT_NAMES),
    # What the run changed, so that it can be undone (SPEC §3 "Undo").
    Column("before_image", JSON, nullable=True),
)

# One input row of a run: what happened to it and the values it had.
import_row_results = Table(
    "import_row_results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "run_id",
        Integer,
        ForeignKey("import_runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("row_number", Integer, nullable=False),
    Column("action", String(20), nullable=False),
    Column("succeeded", Boolean, nullable=False, default=True),
    Column("reason", Text, nullable=False, default=""),
    Column("values", JSON, nullable=False, default=list),
    Column("user_id", Integer, nullable=True),
    Column("login", String(64), nullable=True),
)

# The column mapping last used for a source and a header layout (SPEC §2.3).
saved_mappings = Table(
    "saved_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(50), nullable=False),
    Column("header_signature", String(64), nullable=False),
    Column("mapping", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False, default=utcnow),
    UniqueConstraint("source", "header_signature"),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON, nullable=False),
)

# Who runs the import of a school right now (SPEC §3: one import at a time). On
# PostgreSQL the lock itself is an advisory lock held by the running process's
# connection (released when the process dies); this row only names the holder. On
# SQLite the row is the lock, and a row whose process is gone is taken over.
import_locks = Table(
    "import_locks",
    metadata,
    Column("school_id", Integer, ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", DateTime, nullable=False, default=utcnow),
)

# ------------------------------------------------------------------- LDAP sync
# What the LDAP sync last pushed for each user (issue 18): the entry's DN, a
# fingerprint of the password hash last written (so a password is written again only
# when the directory's hash changed — a reset — and a password the person changed on
# the server survives), and whether the entry was left enabled or disabled. No
# password and no hash is kept here. No foreign key: the row outlives a purged user
# until the sync deleted its entry.
ldap_user_state = Table(
    "ldap_user_state",
    metadata,
    Column("user_id", Integer, primary_key=True),
    Column("dn", String(500), nullable=False),
    Column("password_fingerprint", String(64), nullable=True),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("synced_at", DateTime, nullable=False, default=utcnow),
)

# The uidNumber of each user the sync gave a ``posixAccount`` (migration 0009). A
# number is given once and never again: a row outlives its user, whose ``user_id``
# becomes NULL when the user row is deleted (purge, undo, a school's deletion) — so a
# later user that SQLite gives the same row id gets a number of its own. On SQLite a
# foreign key does that (ON DELETE SET NULL); on PostgreSQL statement triggers, like
# the references of 0005 (one UPDATE per statement, not one check per deleted row).
ldap_uid_numbers = Table(
    "ldap_uid_numbers",
    metadata,
    Column("uid_number", Integer, primary_key=True, autoincrement=False),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="SET NULL"),
        nullable=True,
        unique=True,
    ),
    Column("allocated_at", DateTime, nullable=False, default=utcnow),
)
