"""The engine's JSON serializer writes exactly what json.dumps writes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.db import json_dumps, open_database, session_scope
from app.engine.planning.state import default_school_id
from app.models import ImportRun

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # with NaN and infinities, which json.dumps writes as NaN, Infinity
    st.text(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(), st.integers()), inner, max_size=5),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_json_dumps_equals_the_standard_library(value: object) -> None:
    assert json_dumps(value) == json.dumps(value)


def test_what_json_cannot_write_is_refused_like_json_dumps() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_dumps({"when": object()})
    assert json_dumps([math.inf, -0.0]) == json.dumps([math.inf, -0.0])


def test_json_columns_round_trip(db_url: str) -> None:
    engine = open_database(db_url)
    try:
        before = {"created": [1, 2], "names": ["Müller", "Özdemir", "\u2028"], "at": None}
        with session_scope(engine) as session:
            run = ImportRun(
                school_id=default_school_id(session),
                file_name="x.csv",
                file_sha256="0" * 64,
                account_type="student",
                status="completed",
            )
            run.before_image = before
            session.add(run)
        with session_scope(engine) as session:
            assert session.scalar(select(ImportRun.before_image)) == before
    finally:
        engine.dispose()
