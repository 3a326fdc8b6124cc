"""The command line's JSON output: a list written item by item reads as one object,
and the fast indented writer writes what ``json.dumps(..., indent=2)`` writes."""

from __future__ import annotations

import enum
import json
from datetime import date

import pytest

from app.cli.output import dumps_indented, print_json, print_json_with_list


@pytest.mark.parametrize(
    ("data", "items"),
    [
        ({"created": 2, "name": "Müller"}, [{"line": 2, "groups": ["5a"]}, {"line": 3}]),
        ({"created": 0}, []),
        ({}, [1, 2]),
        ({}, []),
    ],
)
def test_a_streamed_list_is_the_same_text_as_one_dump(
    data: dict[str, object], items: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    print_json_with_list(data, "rows", iter(items))
    text = capsys.readouterr().out
    assert text == json.dumps({**data, "rows": items}, ensure_ascii=False, indent=2) + "\n"


class _Kind(enum.StrEnum):
    STUDENT = "student"


class _Level(enum.IntEnum):
    ONE = 1


SAMPLES = [
    [],
    {},
    "",
    None,
    True,
    0,
    -17,
    2**70,
    1.5,
    -0.0,
    1e300,
    float("nan"),
    float("inf"),
    float("-inf"),
    "Jürgen \"Jo\" Weiß\n\t\\ \u2028 \x00 🎓",
    [[], {}, [[1]], {"a": {}}],
    (1, "zwei", (3.0, None)),
    {"login": "anna.becker", "groups": ["5a", "Chor"], "birth_date": None, "n": 3,
     "ok": False, "nested": {"x": [{"y": []}]}},
    [{"kind": _Kind.STUDENT}, {"level": _Level.ONE}],  # subclasses: json.dumps writes them
    {1: "int key", None: "none key", 2.5: "float key", False: "bool key"},
    # Records with the same keys (users list's rows): each key's text is made once.
    [{"login": "jürgen.weiß", "birth_date": None, "groups": ["5a", "Chor"], "n": 1.5},
     {"login": "zoë", "birth_date": "2014-05-03", "groups": [], "n": None},
     {"login": "ömer\n\"x\"", "birth_date": None, "groups": [{"sub": [[]]}], "n": True}],
    ({"a": 1, "b": 2}, {"a": 3, "b": 4}),
    [{"a": 1, "b": 2}, {"b": 2, "a": 1}],  # the same keys in another order
    [{"a": 1}, {}, {"a": 2}],
    [{"a": 1}, [1], {"a": 2}],
    [{"kind": _Kind.STUDENT}, {"kind": "teacher"}],
    [{1: "x"}, {1: "y"}],
]  # fmt: skip


@pytest.mark.parametrize("value", SAMPLES, ids=range(len(SAMPLES)))
def test_the_fast_writer_writes_what_json_dumps_writes(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_fast_writer_fails_as_json_dumps_fails() -> None:
    with pytest.raises(TypeError, match="date is not JSON serializable"):
        dumps_indented({"born": date(2014, 5, 3)})
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(looped)


def test_print_json_ends_with_one_newline(capsys: pytest.CaptureFixture[str]) -> None:
    print_json([{"login": "anna.becker", "groups": ["5a"]}])

    expected = json.dumps([{"login": "anna.becker", "groups": ["5a"]}], indent=2) + "\n"
    assert capsys.readouterr().out == expected
