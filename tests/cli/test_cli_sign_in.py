"""Leaving single-user mode, and what a failed sign-in gives away (issue 19)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select, update

from app.cli import main
from app.db import session_scope
from app.engine.access import operators
from app.engine.reasons import Reason, Refused
from app.models import Operator, OperatorRole

ADMIN_PW = "Admin-Geheim-2026"
OP_PW = "Nacht-Lauf-2026"


def test_adding_an_operator_needs_the_administrators_password_first(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/operations.md's first step on a fresh database must not lock the
    administrator out: the operator is refused until admin has a password."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *args])
        return code, *capsys.readouterr()

    monkeypatch.setenv("OP_PW", OP_PW)
    monkeypatch.setenv("ADMIN_PW", ADMIN_PW)
    add = ("operator", "add", "nachtlauf", "--kinds", "users", "--school", "Meine Schule",
           "--password-env", "OP_PW")  # fmt: skip
    assert run("init")[0] == 0
    code, out, err = run(*add)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "admin has no password" in err and "operator password admin" in err
    code, out, _ = run("operator", "list", "--json")  # still single-user mode
    assert code == 0 and [o["name"] for o in json.loads(out)] == ["admin"]
    assert run("operator", "password", "admin", "--password-env", "ADMIN_PW")[0] == 0
    monkeypatch.setenv("SCHOOLIMPORT_PASSWORD", ADMIN_PW)
    assert run("--operator", "admin", *add)[0] == 0
    code, out, _ = run("--operator", "admin", "operator", "list", "--json")
    assert code == 0 and [o["name"] for o in json.loads(out)] == ["admin", "nachtlauf"]


def test_an_administrator_with_a_password_may_end_single_user_mode(engine: Engine) -> None:
    with session_scope(engine) as s:
        local = operators.local_actor(s)
        with pytest.raises(Refused) as err:
            operators.add_operator(s, local, "ohne", OperatorRole.ADMINISTRATOR)
        assert err.value.message.reason is Reason.ADMIN_PASSWORD_FIRST
        operators.add_operator(s, local, "chefin", OperatorRole.ADMINISTRATOR, password=ADMIN_PW)
    with session_scope(engine) as s:
        assert operators.authenticate(s, "chefin", ADMIN_PW).is_admin


@pytest.mark.parametrize("case", ["unknown", "inactive", "without password"])
def test_a_refused_sign_in_costs_one_hash_check_like_a_wrong_password(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """Sign-in time must not tell which names exist: every refusal verifies a hash
    (a dummy one for unknown names), as a wrong password does."""
    with session_scope(engine) as s:
        local = operators.local_actor(s)
        operators.set_password(s, local, "admin", ADMIN_PW)
        operators.add_operator(s, local, "ina", OperatorRole.IMPORT_OPERATOR, password=OP_PW)
        operators.add_operator(s, local, "ohne", OperatorRole.IMPORT_OPERATOR)
        s.execute(update(Operator).where(Operator.name == "ina").values(is_active=False))
    checked: list[str] = []
    real = operators.verify_password

    def counting(hashed: str, password: str) -> bool:
        checked.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(operators, "verify_password", counting)
    name = {"unknown": "niemand", "inactive": "ina", "without password": "ohne"}[case]
    with session_scope(engine) as s, pytest.raises(Refused) as err:
        operators.authenticate(s, name, OP_PW)
    assert err.value.message.reason is Reason.SIGN_IN_FAILED
    assert len(checked) == 1 and checked[0].startswith("$argon2id$")
    with session_scope(engine) as s:
        admin_hash = s.scalar(select(Operator.password_hash).where(Operator.name == "admin"))
    assert admin_hash is not None
    assert checked[0].split("$")[3] == admin_hash.split("$")[3]  # the same cost
