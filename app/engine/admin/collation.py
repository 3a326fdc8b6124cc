"""Sorting names the German way (DIN 5007, variant 1: ä as a, ß as ss).

A database's own order depends on its collation (SQLite compares code points, so
"Steinbrink" came before "Sörte"); sorting in Python gives the same order on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d"})


@lru_cache(maxsize=65536)
def german_key(text: str) -> tuple[str, str]:
    """Letters without their accents and case first, the exact text to break ties."""
    if text.isascii():  # no accents, nothing to decompose: the same key at C speed
        return text.lower(), text
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    base = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return base.translate(_SPECIAL), text
