"""set-based reference checks on PostgreSQL

PostgreSQL checks a foreign key once per inserted row (a ``SELECT … FOR KEY SHARE`` of
the referenced row each): for the 50,000 users and 150,000 memberships of a large
import that was about half of the server's CPU. On PostgreSQL this revision replaces
the four foreign keys of ``users`` and ``memberships`` by triggers that do the same
per *statement* (one ``COPY`` is one statement), with transition tables:

- an insert into the child locks the referenced rows ``FOR KEY SHARE`` in one
  statement per reference, and a referenced row that is not there is refused with
  SQLSTATE 23503 (``foreign_key_violation``), the message PostgreSQL's own would give;
- a change of a child's key column is checked the same way (per row, only when the
  key changed: the ``WHEN`` clause costs nothing for updates that keep it);
- a delete of a referenced row deletes the referencing rows where the foreign key
  said ``ON DELETE CASCADE`` (schools → users, users → memberships, groups →
  memberships), and is refused where it refused (account types still used);
- a change of a referenced key, and a ``TRUNCATE`` of a referenced table while the
  referencing table has rows, are refused as the foreign keys refused them.

Concurrent sessions are ordered by the same row locks as with foreign keys (``FOR KEY
SHARE`` against the ``FOR UPDATE`` of a delete or key change) under READ COMMITTED,
the isolation level the program uses. SQLite keeps its foreign keys. The downgrade
restores the foreign keys (validating them).

The same revision adds, on PostgreSQL, ``directory_changes``: one row per transaction
that wrote a table the stale-plan fingerprint reads (users, groups, memberships,
used_logins, school_years, schools), written by statement triggers once per
transaction. A run asks whether a transaction its preview's snapshot could not see
has committed since, and only then takes the fingerprint again
(app/engine/applying/stalecheck.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import NamedTuple

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


class Ref(NamedTuple):
    name: str  # the foreign key's name, kept in messages (and restored by downgrade)
    child: str
    column: str
    parent: str
    key: str
    cascade: bool  # ON DELETE CASCADE, else NO ACTION


REFS = (
    Ref("fk_users_school_id_schools", "users", "school_id", "schools", "id", True),
    Ref(
        "fk_users_account_type_account_types",
        "users",
        "account_type",
        "account_types",
        "code",
        False,
    ),
    Ref("fk_memberships_user_id_users", "memberships", "user_id", "users", "id", True),
    Ref("fk_memberships_group_id_groups", "memberships", "group_id", "groups", "id", True),
)
CHILDREN = ("users", "memberships")
PARENTS = ("schools", "account_types", "users", "groups")
# The tables the stale-plan fingerprint reads (app/engine/planning/state.py).
WATCHED = ("users", "groups", "memberships", "used_logins", "school_years", "schools")
MARKED = "schoolimport.directory_changed"


def _raise(message: str, detail: str, table: str, ref: Ref, value: str) -> str:
    """A plpgsql RAISE of 23503; ``value`` is the plpgsql expression of the key."""
    return (
        f"RAISE EXCEPTION '{message}' USING ERRCODE = 'foreign_key_violation', "
        f"DETAIL = format('{detail}', {value}), "
        f"SCHEMA = TG_TABLE_SCHEMA, TABLE = '{table}', CONSTRAINT = '{ref.name}';"
    )


def _violates(ref: Ref, value: str) -> str:
    return _raise(
        f'insert or update on table "{ref.child}" violates foreign key constraint "{ref.name}"',
        f'Key ({ref.column})=(%s) is not present in table "{ref.parent}".',
        ref.child,
        ref,
        value,
    )


def _still_referenced(ref: Ref, value: str) -> str:
    return _raise(
        f'update or delete on table "{ref.parent}" violates foreign key constraint '
        f'"{ref.name}" on table "{ref.child}"',
        f'Key ({ref.key})=(%s) is still referenced from table "{ref.child}".',
        ref.parent,
        ref,
        value,
    )


def _function(name: str, body: str, declare: str = "") -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"{declare}BEGIN\n{body}\nRETURN NULL;\nEND\n$fn$"
    )


def _child_inserted(child: str) -> list[str]:
    """Statement level: every key of the inserted rows locked in one statement per
    reference (distinct keys, each by the parent's primary key)."""
    body = []
    for ref in (r for r in REFS if r.child == child):
        body.append(
            "SELECT count(*) FILTER (WHERE p.k IS NULL),"
            " min(k.key::text) FILTER (WHERE p.k IS NULL) INTO missing, example\n"
            f"  FROM (SELECT DISTINCT n.{ref.column} AS key FROM new_rows n"
            f" WHERE n.{ref.column} IS NOT NULL) k\n"
            f"  LEFT JOIN LATERAL (SELECT r.{ref.key} AS k FROM {ref.parent} r"
            f" WHERE r.{ref.key} = k.key FOR KEY SHARE OF r) p ON true;\n"
            f"IF missing > 0 THEN {_violates(ref, 'example')} END IF;"
        )
    name = f"si_ref_{child}_inserted"
    return [
        _function(name, "\n".join(body), "DECLARE missing bigint; example text;\n"),
        f"CREATE TRIGGER {name} AFTER INSERT ON {child} REFERENCING NEW TABLE AS new_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _child_key_changed(child: str) -> list[str]:
    """Row level, only for rows whose key column changed."""
    refs = [r for r in REFS if r.child == child]
    body = [
        f"IF NEW.{ref.column} IS DISTINCT FROM OLD.{ref.column}"
        f" AND NEW.{ref.column} IS NOT NULL THEN\n"
        f"  PERFORM 1 FROM {ref.parent} r WHERE r.{ref.key} = NEW.{ref.column}"
        " FOR KEY SHARE OF r;\n"
        f"  IF NOT FOUND THEN {_violates(ref, f'NEW.{ref.column}')} END IF;\n"
        "END IF;"
        for ref in refs
    ]
    columns = ", ".join(r.column for r in refs)
    changed = " OR ".join(f"OLD.{r.column} IS DISTINCT FROM NEW.{r.column}" for r in refs)
    name = f"si_ref_{child}_ref_changed"
    return [
        _function(name, "\n".join(body)),
        f"CREATE TRIGGER {name} AFTER UPDATE OF {columns} ON {child} FOR EACH ROW"
        f" WHEN ({changed}) EXECUTE FUNCTION {name}()",
    ]


def _parent_deleted(parent: str) -> list[str]:
    """Statement level: the referencing rows deleted (CASCADE) or the delete refused
    (NO ACTION: a referencing row of a key that is gone)."""
    body = []
    for ref in (r for r in REFS if r.parent == parent):
        if ref.cascade:
            body.append(
                f"DELETE FROM {ref.child} c USING old_rows o WHERE c.{ref.column} = o.{ref.key};"
            )
        else:
            body.append(
                f"SELECT o.{ref.key}::text INTO example FROM old_rows o\n"
                f"  WHERE EXISTS (SELECT 1 FROM {ref.child} c WHERE c.{ref.column} = o.{ref.key})\n"
                f"  AND NOT EXISTS (SELECT 1 FROM {parent} r WHERE r.{ref.key} = o.{ref.key})"
                " LIMIT 1;\n"
                f"IF FOUND THEN {_still_referenced(ref, 'example')} END IF;"
            )
    name = f"si_ref_{parent}_deleted"
    return [
        _function(name, "\n".join(body), "DECLARE example text;\n"),
        f"CREATE TRIGGER {name} AFTER DELETE ON {parent} REFERENCING OLD TABLE AS old_rows"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _parent_key_changed(parent: str) -> list[str]:
    """Row level, only when the key changed: refused while rows reference the old key
    (ON UPDATE NO ACTION)."""
    refs = [r for r in REFS if r.parent == parent]
    key = refs[0].key
    body = [
        f"IF EXISTS (SELECT 1 FROM {ref.child} c WHERE c.{ref.column} = OLD.{key})\n"
        f"  AND NOT EXISTS (SELECT 1 FROM {parent} r WHERE r.{key} = OLD.{key}) THEN\n"
        f"  {_still_referenced(ref, f'OLD.{key}')}\n"
        "END IF;"
        for ref in refs
    ]
    name = f"si_ref_{parent}_key_changed"
    return [
        _function(name, "\n".join(body)),
        f"CREATE TRIGGER {name} AFTER UPDATE OF {key} ON {parent} FOR EACH ROW"
        f" WHEN (OLD.{key} IS DISTINCT FROM NEW.{key}) EXECUTE FUNCTION {name}()",
    ]


def _parent_truncated(parent: str) -> list[str]:
    """After a TRUNCATE (all its tables emptied): refused while a referencing table
    still has rows, as PostgreSQL refuses to truncate a referenced table alone (with
    its SQLSTATE, 0A000)."""
    body = [
        f"IF EXISTS (SELECT 1 FROM {ref.child}) THEN RAISE EXCEPTION "
        f'\'cannot truncate table "{parent}" referenced by "{ref.child}" '
        f"(foreign key constraint \"{ref.name}\")' USING ERRCODE = 'feature_not_supported', "
        f"HINT = 'Truncate table \"{ref.child}\" at the same time.'; END IF;"
        for ref in REFS
        if ref.parent == parent
    ]
    name = f"si_ref_{parent}_truncated"
    return [
        _function(name, "\n".join(body)),
        f"CREATE TRIGGER {name} AFTER TRUNCATE ON {parent} FOR EACH STATEMENT"
        f" EXECUTE FUNCTION {name}()",
    ]


def _change_markers() -> list[str]:
    """``directory_changes``: a row per writing transaction, written once (a setting
    local to the transaction says it was; the trigger's WHEN reads it, so later
    statements call no function)."""
    statements = [
        "CREATE TABLE directory_changes (xid xid8 NOT NULL, at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX ix_directory_changes_xid ON directory_changes (xid)",
        "CREATE INDEX ix_directory_changes_at ON directory_changes (at)",
        # Markers pruned so far all had xids below ``upto`` (see stalecheck.prune).
        "CREATE TABLE directory_changes_pruned (upto xid8 NOT NULL)",
        "INSERT INTO directory_changes_pruned VALUES ('0'::xid8)",
        _function(
            "si_mark_directory_change",
            "INSERT INTO directory_changes (xid) VALUES (pg_current_xact_id());\n"
            f"PERFORM set_config('{MARKED}', 'on', true);",
        ),
    ]
    unmarked = f"coalesce(current_setting('{MARKED}', true), '') <> 'on'"
    for table in WATCHED:
        statements.append(
            f"CREATE TRIGGER si_mark_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}"
            f" FOR EACH STATEMENT WHEN ({unmarked}) EXECUTE FUNCTION si_mark_directory_change()"
        )
        statements.append(
            f"CREATE TRIGGER si_mark_{table}_truncated AFTER TRUNCATE ON {table}"
            f" FOR EACH STATEMENT WHEN ({unmarked}) EXECUTE FUNCTION si_mark_directory_change()"
        )
        # Also with session_replication_role = replica (a restore, a replica's apply),
        # which silences ordinary triggers: a change must never go unmarked.
        for name in (f"si_mark_{table}", f"si_mark_{table}_truncated"):
            statements.append(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")
    return statements


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for ref in REFS:
        op.execute(f"ALTER TABLE {ref.child} DROP CONSTRAINT {ref.name}")
    for child in CHILDREN:
        for sql in (*_child_inserted(child), *_child_key_changed(child)):
            op.execute(sql)
    for parent in PARENTS:
        for sql in (*_parent_deleted(parent), *_parent_key_changed(parent)):
            op.execute(sql)
        for sql in _parent_truncated(parent):
            op.execute(sql)
    for sql in _change_markers():
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER si_mark_{table} ON {table}")
        op.execute(f"DROP TRIGGER si_mark_{table}_truncated ON {table}")
    op.execute("DROP FUNCTION si_mark_directory_change()")
    op.execute("DROP TABLE directory_changes_pruned")
    op.execute("DROP TABLE directory_changes")
    triggers = [(f"si_ref_{c}_{what}", c) for c in CHILDREN for what in ("inserted", "ref_changed")]
    triggers += [
        (f"si_ref_{p}_{what}", p)
        for p in PARENTS
        for what in ("deleted", "key_changed", "truncated")
    ]
    for name, table in triggers:
        op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute(f"DROP FUNCTION {name}()")
    for ref in REFS:
        cascade = " ON DELETE CASCADE" if ref.cascade else ""
        op.execute(
            f"ALTER TABLE {ref.child} ADD CONSTRAINT {ref.name} FOREIGN KEY ({ref.column})"
            f" REFERENCES {ref.parent} ({ref.key}){cascade}"
        )
