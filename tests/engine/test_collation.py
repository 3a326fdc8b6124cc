"""German sorting keys (DIN 5007, variant 1): the ASCII shortcut gives the key the
full folding gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.engine.admin.collation import _SPECIAL, german_key


def folded_key(text: str) -> tuple[str, str]:
    """The key as the folding defines it, for any text."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    base = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return base.translate(_SPECIAL), text


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_key_is_the_folded_key(text: str) -> None:
    german_key.cache_clear()
    assert german_key(text) == folded_key(text)


@given(st.text())
def test_any_key_is_the_folded_key(text: str) -> None:
    assert german_key(text) == folded_key(text)


def test_umlauts_sort_with_their_letters() -> None:
    names = ["Zoë", "Özdemir", "Oz", "Weiß", "Weiss", "Müller", "Mueller", "muller"]

    assert sorted(names, key=german_key) == [
        "Mueller", "Müller", "muller", "Oz", "Özdemir", "Weiss", "Weiß", "Zoë",
    ]  # fmt: skip
