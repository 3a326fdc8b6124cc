"""Output and errors shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
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
    out(json.dumps(data, ensure_ascii=False, indent=2))


def print_json_with_list(data: dict[str, Any], key: str, items: Iterable[Any]) -> None:
    """``print_json({**data, key: list(items)})``, the list written item by item: the
    rows of a 50,000-row dry run as one text would cost more memory than the plan."""
    write = sys.stdout.write
    head = json.dumps(data, ensure_ascii=False, indent=2)
    write((head[:-2] + ",\n" if data else "{\n") + f"  {json.dumps(key)}: [")
    separator = "\n    "
    for item in items:
        write(separator + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    "))
        separator = ",\n    "
    write(("\n  ]" if separator != "\n    " else "]") + "\n}\n")
