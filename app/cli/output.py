"""Output and errors shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # the C function when there is one
from typing import Any

EXIT_OK = 0
EXIT_REFUSED = 2


class CliError(Exception):
    """A usage error found after parsing (exit 2)."""


def out(text: str) -> None:
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


def print_json(data: Any) -> None:
    out(dumps_indented(data))


def print_json_with_list(data: dict[str, Any], key: str, items: Iterable[Any]) -> None:
    """``print_json({**data, key: list(items)})``, the list written item by item: the
    rows of a 50,000-row dry run as one text would cost more memory than the plan."""
    write = sys.stdout.write
    head = dumps_indented(data)
    write((head[:-2] + ",\n" if data else "{\n") + f"  {json.dumps(key)}: [")
    separator = "\n    "
    for item in items:
        write(separator + dumps_indented(item).replace("\n", "\n    "))
        separator = ",\n    "
    write(("\n  ]" if separator != "\n    " else "]") + "\n}\n")


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, three times
    as fast for plain data: with ``indent`` the standard library encodes in Python,
    one generator per value (0.03 s of the 0.5 s of ``users list --json`` with 2,000
    users). Anything but str, int, float, bool, None, lists, tuples and dictionaries
    with string keys goes to ``json.dumps`` as before (its errors included)."""
    try:
        return _encode(value, "\n")
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)


class _Unusual(Exception):
    """A value :func:`_encode` leaves to ``json.dumps``."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


# Exact types only (as json.dumps would write them): a subclass — an IntEnum, say —
# goes through json.dumps.
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
}


def _encode(value: Any, pad: str) -> str:
    """``value`` as ``json.dumps`` writes it with ``indent=2``; ``pad`` is the newline
    and indentation of the value's own line."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    inner = pad + "  "
    if type(value) is list or type(value) is tuple:
        if not value:
            return "[]"
        if type(value[0]) is dict and value[0]:
            rows = _records(value, inner)
            if rows is not None:
                return "[" + inner + ("," + inner).join(rows) + pad + "]"
        items = [
            scalar(item) if (scalar := _SCALARS.get(type(item))) else _encode(item, inner)
            for item in value
        ]
        return "[" + inner + ("," + inner).join(items) + pad + "]"
    if type(value) is dict:
        if not value:
            return "{}"
        if not all(type(key) is str for key in value):
            raise _Unusual
        items = [
            encode_basestring(key)
            + ": "
            + (scalar(item) if (scalar := _SCALARS.get(type(item))) else _encode(item, inner))
            for key, item in value.items()
        ]
        return "{" + inner + ("," + inner).join(items) + pad + "}"
    raise _Unusual


def _records(value: list[Any] | tuple[Any, ...], pad: str) -> list[str] | None:
    """The items of a list of dictionaries that all have the same string keys in the
    same order (``users list``: 2,000 users of ten fields), each as :func:`_encode`
    writes it, with each key's text made once instead of once per item (a third of
    the time); None for any other list."""
    keys = tuple(value[0])
    if not all(type(key) is str for key in keys):
        return None
    if not all(type(item) is dict and tuple(item) == keys for item in value):
        return None
    inner = pad + "  "
    heads = [inner + encode_basestring(key) + ": " for key in keys]
    scalars = _SCALARS.get
    tail = pad + "}"
    return [
        "{"
        + ",".join(
            [
                head + (scalar(item) if (scalar := scalars(type(item))) else _encode(item, inner))
                for head, item in zip(heads, record.values(), strict=True)
            ]
        )
        + tail
        for record in value
    ]
