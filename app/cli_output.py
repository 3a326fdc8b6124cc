"""Output and errors shared by the command-line modules."""

from __future__ import annotations

import json
import sys
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
