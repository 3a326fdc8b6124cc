"""The wizard's page ids, in the order of the steps (SPEC §2)."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    YEAR = 0
    TABLE = 1
    COLUMNS = 2
    GROUPS = 3
    OPTIONS = 4
    PREVIEW = 5
    PROTOCOL = 6  # asked before the run: the run writes it before its commit
    RUN = 7
