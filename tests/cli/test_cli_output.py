"""The command line's JSON output: a list written item by item reads as one object."""

from __future__ import annotations

import json

import pytest

from app.cli.output import print_json_with_list


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
