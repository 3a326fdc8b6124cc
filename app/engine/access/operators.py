"""Operators and their rights (SPEC §3 "Operators and rights").

The first start creates a local administrator without a password. While it is the
only operator and has no password, the program runs in single-user desktop mode:
no sign-in, every action allowed. Setting a password or adding a second operator
turns sign-in on. Rights: the role (``administrator`` manages operators and sees every
school; ``import_operator`` imports), the import kinds allowed (``users``,
``groups``) and, for import operators, the schools in scope. The engine enforces
them; the front ends only hide what an operator may not do.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Row, Select, delete, select
from sqlalchemy.exc import NoResultFound

from app.engine.access.passwords import USER_CHOSEN, HashProfile, hash_password, verify_password
from app.engine.reasons import Message, Reason, Refused
from app.models import OperatorRole, tables

if TYPE_CHECKING:
    from sqlalchemy.orm import InstrumentedAttribute, Session

    from app.models import Operator, School

IMPORT_KINDS = ("users", "groups")
OPERATORS = tables.operators
MIN_OPERATOR_PASSWORD = 8
_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in operator, as the engine checks it."""

    id: int
    name: str
    role: OperatorRole
    import_kinds: frozenset[str]
    # None: every school (administrators)
    school_ids: frozenset[int] | None

    @property
    def is_admin(self) -> bool:
        return self.role is OperatorRole.ADMINISTRATOR

    def in_scope(self, school_id: int) -> bool:
        return self.school_ids is None or school_id in self.school_ids

    def can_import(self, kind: str, school_id: int | None = None) -> bool:
        if kind not in self.import_kinds:
            return False
        return school_id is None or self.in_scope(school_id)

    def require_import(self, kind: str, school_id: int | None) -> None:
        if kind not in self.import_kinds:
            what = Reason.ACTION_IMPORT_USERS if kind == "users" else Reason.ACTION_IMPORT_GROUPS
            raise Refused(Reason.NOT_ALLOWED, operator=self.name, action=Message(what))
        if school_id is not None and not self.in_scope(school_id):
            raise Refused(
                Reason.NOT_ALLOWED, operator=self.name, action=Message(Reason.ACTION_IMPORT_HERE)
            )

    def require_admin(self, action: str | Reason) -> None:
        """Refuse unless an administrator; ``action`` names what was asked, as words
        (the command line's) or as a reason code (the engine's, worded per language)."""
        if not self.is_admin:
            what = Message(action) if isinstance(action, Reason) else action
            raise Refused(Reason.NOT_ALLOWED, operator=self.name, action=what)


# The program itself, for the start-up maintenance that runs before anyone signs in
# (expiring due accounts, archiving old runs by the archive setting).
PROGRAM = Actor(0, "schoolimport", OperatorRole.ADMINISTRATOR, frozenset(IMPORT_KINDS), None)


def scoped(stmt: _S, column: InstrumentedAttribute[int] | ColumnElement[int], actor: Actor) -> _S:
    """``stmt`` limited to the rows whose school (``column``) is in the actor's scope:
    every engine query of personal data goes through here."""
    if actor.school_ids is None:
        return stmt
    return stmt.where(column.in_(sorted(actor.school_ids)))


def acting(session: Session | Connection, actor: Actor | None) -> Actor:
    """The actor of an engine call: the given one, or (None) the local administrator
    of single-user mode — which is refused once sign-in is on."""
    return actor if actor is not None else local_actor(session)


# The columns an Actor is made of. The sign-in reads them with Core statements, from
# a session or a plain connection: the start-up of every command signs in, and the
# commands that only read (``users list``) never import the ORM (app/models).
_ACTOR_COLUMNS = (
    OPERATORS.c.id,
    OPERATORS.c.name,
    OPERATORS.c.role,
    OPERATORS.c.import_kinds,
    OPERATORS.c.password_hash,
)


def _actor(session: Session | Connection, operator: Row[*tuple[Any, ...]]) -> Actor:
    role = OperatorRole(operator.role)
    schools: frozenset[int] | None = None
    if role is not OperatorRole.ADMINISTRATOR:
        links = tables.operator_schools
        schools = frozenset(
            session.scalars(select(links.c.school_id).where(links.c.operator_id == operator.id))
        )
    return Actor(operator.id, operator.name, role, frozenset(operator.import_kinds), schools)


def _first_operators(session: Session | Connection) -> Sequence[Row[*tuple[Any, ...]]]:
    """The first two operators (by id): all that single-user mode needs to know, in
    one statement."""
    return session.execute(select(*_ACTOR_COLUMNS).order_by(OPERATORS.c.id).limit(2)).all()


def _required(first: Sequence[Row[*tuple[Any, ...]]]) -> bool:
    """Whether sign-in is on, from :func:`_first_operators`: more than one operator, or
    the only one has a password."""
    return len(first) > 1 or (len(first) == 1 and first[0].password_hash is not None)


def sign_in_required(session: Session | Connection) -> bool:
    """False only in single-user desktop mode (one operator, no password)."""
    return _required(_first_operators(session))


def local_actor(session: Session | Connection) -> Actor:
    """The local administrator of single-user mode."""
    return _local_actor(session, _first_operators(session))


def single_user_actor(session: Session | Connection) -> Actor | None:
    """The local administrator in single-user mode (one statement), None once sign-in
    is on."""
    first = _first_operators(session)
    return None if _required(first) else _local_actor(session, first)


def _local_actor(session: Session | Connection, first: Sequence[Row[*tuple[Any, ...]]]) -> Actor:
    if _required(first):
        raise Refused(Reason.SIGN_IN_REQUIRED)
    if not first:
        raise NoResultFound("no operator")
    return _actor(session, first[0])


def _dummy_hash(profile: HashProfile = USER_CHOSEN) -> str:
    """A PHC string with the cost of a real operator's hash but no password behind it
    (random bytes for salt and hash). Built, not hashed: a command-line sign-in is one
    process, and hashing a dummy first would double the time of an unknown name."""
    salt, digest = os.urandom(profile.salt_len), os.urandom(profile.hash_len)
    params = f"m={profile.memory_kib},t={profile.time_cost},p={profile.parallelism}"
    return f"$argon2id$v=19${params}${_b64(salt)}${_b64(digest)}"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def authenticate(session: Session | Connection, name: str, password: str) -> Actor:
    """The operator of that name and password. An unknown name, an inactive operator
    or one without a password is checked against a dummy hash, so that the time of a
    refusal does not tell which operator names exist."""
    operator = session.execute(
        select(*_ACTOR_COLUMNS, OPERATORS.c.is_active).where(OPERATORS.c.name == name.strip())
    ).first()
    usable = operator is not None and operator.is_active and operator.password_hash is not None
    hashed = operator.password_hash if operator is not None and usable else None
    matches = verify_password(hashed or _dummy_hash(), password)
    if operator is None or hashed is None or not matches:
        raise Refused(Reason.SIGN_IN_FAILED)
    return _actor(session, operator)


def sign_in(session: Session | Connection, name: str | None, password: str | None) -> Actor:
    """The actor for a front end: the local administrator in single-user mode,
    otherwise the operator whose name and password are given."""
    first = _first_operators(session)
    if not _required(first):
        return _local_actor(session, first)
    if not name:
        raise Refused(Reason.SIGN_IN_REQUIRED)
    return authenticate(session, name, password or "")


def _schools(session: Session, names: Iterable[str]) -> list[School]:
    from app.models import School

    found = []
    for name in names:
        school = session.scalar(select(School).where(School.name == name))
        if school is None:
            raise Refused(Reason.SCHOOL_NOT_FOUND, school=name)
        found.append(school)
    return found


def _check_password(password: str) -> None:
    if len(password) < MIN_OPERATOR_PASSWORD:
        raise Refused(Reason.PASSWORD_TOO_SHORT, limit=MIN_OPERATOR_PASSWORD)


def add_operator(
    session: Session,
    actor: Actor,
    name: str,
    role: OperatorRole,
    import_kinds: Iterable[str] = IMPORT_KINDS,
    schools: Iterable[str] = (),
    password: str | None = None,
) -> Operator:
    from app.models import Operator, OperatorSchool

    actor.require_admin(Reason.ACTION_OPERATORS)
    name = name.strip()
    if not name:
        raise Refused(Reason.INVALID_VALUE, detail=Message(Reason.OPERATOR_NAME_MISSING))
    if session.scalar(select(Operator.id).where(Operator.name == name)) is not None:
        raise Refused(Reason.OPERATOR_EXISTS, name=name)
    kinds = sorted(set(import_kinds))
    unknown = [k for k in kinds if k not in IMPORT_KINDS]
    if unknown:
        raise Refused(
            Reason.INVALID_VALUE,
            detail=Message(Reason.IMPORT_KIND_UNKNOWN, {"kinds": ", ".join(unknown)}),
        )
    if password is not None:
        _check_password(password)
    _require_admin_sign_in(session, actor, role, password)
    operator = Operator(
        name=name,
        display_name=name,
        role=role.value,
        import_kinds=kinds,
        password_hash=hash_password(password, USER_CHOSEN) if password else None,
    )
    session.add(operator)
    session.flush()
    for school in _schools(session, schools):
        session.add(OperatorSchool(operator_id=operator.id, school_id=school.id))
    session.flush()
    return operator


def _require_admin_sign_in(
    session: Session, actor: Actor, role: OperatorRole, password: str | None
) -> None:
    """A second operator turns sign-in on: refuse it unless an administrator can sign
    in afterwards (one has a password, or the new one is an administrator with one),
    so that leaving single-user mode never locks the administrator out."""
    if role is OperatorRole.ADMINISTRATOR and password:
        return
    can_sign_in = select(OPERATORS.c.id).where(
        OPERATORS.c.role == OperatorRole.ADMINISTRATOR.value,
        OPERATORS.c.is_active.is_(True),
        OPERATORS.c.password_hash.is_not(None),
    )
    if session.scalar(can_sign_in.limit(1)) is None:
        raise Refused(Reason.ADMIN_PASSWORD_FIRST, name=actor.name)


def set_password(session: Session, actor: Actor, name: str, password: str) -> None:
    """Administrators set anyone's password; operators their own."""
    from app.models import Operator

    if actor.name != name:
        actor.require_admin(Reason.ACTION_PASSWORD)
    _check_password(password)
    operator = session.scalar(select(Operator).where(Operator.name == name))
    if operator is None:
        raise Refused(
            Reason.INVALID_VALUE, detail=Message(Reason.OPERATOR_NOT_FOUND, {"name": name})
        )
    operator.password_hash = hash_password(password, USER_CHOSEN)


def set_scope(session: Session, actor: Actor, name: str, schools: Iterable[str]) -> None:
    from app.models import Operator, OperatorSchool

    actor.require_admin(Reason.ACTION_OPERATORS)
    operator = session.scalar(select(Operator).where(Operator.name == name))
    if operator is None:
        raise Refused(
            Reason.INVALID_VALUE, detail=Message(Reason.OPERATOR_NOT_FOUND, {"name": name})
        )
    wanted = _schools(session, schools)
    session.execute(delete(OperatorSchool).where(OperatorSchool.operator_id == operator.id))
    for school in wanted:
        session.add(OperatorSchool(operator_id=operator.id, school_id=school.id))


@dataclass(frozen=True, slots=True)
class OperatorRow:
    name: str
    role: str
    import_kinds: list[str]
    schools: list[str]
    has_password: bool
    active: bool


def list_operators(session: Session, actor: Actor | None = None) -> list[OperatorRow]:
    from app.models import Operator, OperatorSchool, School

    acting(session, actor).require_admin(Reason.ACTION_OPERATORS)
    names = dict(session.execute(select(School.id, School.name)).all())
    scopes: dict[int, list[str]] = {}
    for op_id, school_id in session.execute(
        select(OperatorSchool.operator_id, OperatorSchool.school_id)
    ):
        scopes.setdefault(op_id, []).append(names[school_id])
    return [
        OperatorRow(
            o.name,
            o.role,
            list(o.import_kinds),
            sorted(scopes.get(o.id, [])) if o.role != OperatorRole.ADMINISTRATOR else ["*"],
            o.password_hash is not None,
            o.is_active,
        )
        for o in session.scalars(select(Operator).order_by(Operator.name))
    ]
