"""The planning's fast paths give what the general ones give: each test forces a fast
path and its general path over the same varied inputs (umlauts, invisible characters,
duplicates, invalid dates, empty cells, over-long names) and compares them with the
one-by-one result, so that it fails when a fast path is broken."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine.planning import logins
from app.engine.planning.logins import LoginScheme
from app.engine.planning.mapping import auto_map
from app.engine.planning.validation import RowValidator
from app.engine.reading.table import clean_cells

CHECKS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Names as schools have them, and as they arrive from web pages and old systems.
NAME = st.one_of(
    st.sampled_from(["Anna", "Jürgen", "Özdemir", "Weiß", "Zoë", "Yılmaz", "O'Neil", ""]),
    st.sampled_from(["Anna\u200b", "\u200eMax", "Lea\u00a0Marie", "Ænne-Œdipa", "ǅemal"]),
    st.just("Maximiliane-Friederike " * 4),  # over-long: cut to room for a number
    st.text(st.sampled_from("aäÄßøİ .-'_\u0301\u2028"), max_size=6),
)
PEOPLE = st.lists(st.tuples(NAME, NAME, st.sampled_from(["1", "2", "x-9", ""])), max_size=30)
SCHEMES = st.sampled_from(
    ["{firstname}.{lastname}", "{firstname:.1}{lastname}", "{lastname}-{source_id}", "s{source_id}"]
)


@CHECKS
@given(people=PEOPLE, scheme=SCHEMES)
@pytest.mark.parametrize("share", [0.0, 1.0])  # every column as it is / each distinct text
def test_login_bases_of_a_column_as_it_is_or_by_distinct_name_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
    share: float,
    people: list[tuple[str, str, str]],
    scheme: str,
) -> None:
    monkeypatch.setattr(logins, "_MOSTLY_DISTINCT", share)
    login_scheme = LoginScheme(scheme)
    assert login_scheme.bases(people) == [login_scheme.base(*person) for person in people]


def test_a_column_of_distinct_names_is_transliterated_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The choice itself: distinct first names as they are, repeated last names once each."""
    seen: list[int] = []
    whole = logins.transliterate_all

    def spied(texts: list[str]) -> list[str]:
        seen.append(len(texts))
        return whole(texts)

    monkeypatch.setattr(logins, "transliterate_all", spied)
    people = [(f"Jürgen {i}", ["Müller", "Weiß"][i % 2], str(i)) for i in range(3000)]
    bases = LoginScheme().bases(people)
    assert seen == [3000, 2]  # (the composed logins need no second transliteration)
    assert bases[:2] == ["juergen-0.mueller", "juergen-1.weiss"]


# ----------------------------------------------------------------------- checking the rows

HEADERS = ["Interne ID-Nummer", "Nachname", "Vorname", "Klasse", "Kurse", "Geburtsdatum"]
CELLS = (
    st.sampled_from(["1", "2", "3", "1", " 4 ", "", "x" * 101]),
    st.sampled_from(
        ["Müller", "Mu\u0308ller", "Weiß\u200b", "\u200eÖzdemir", "", "a\x01b", "M" * 65]
    ),
    st.sampled_from(["Anna", "Anna\u200b", "Zoë", "Jürgen\u2060", "Lea Marie", "\ufeffBen"]),
    st.sampled_from(["5a", "5a\u200e", "", "6b; 7c", "5A", "k" * 101]),
    st.sampled_from(["Chor, Theater", "Chor\u200b, Sport", "", "Chor|Sport", "a\x01"]),
    st.sampled_from(["05.03.2014", "2014-03-05", "31.02.2014", "", "45000", "1.1.1890"]),
)
ROWS = st.lists(st.tuples(*CELLS).map(list), min_size=1, max_size=25)


@CHECKS
@given(rows=ROWS, unmapped=st.sampled_from([0, 9]), ragged=st.booleans())
def test_checking_by_columns_equals_checking_each_row(
    rows: list[list[str]], unmapped: int, ragged: bool
) -> None:
    """The columns taken at once (few unmapped columns) or one by one (many, or rows
    of several lengths), names and groups with and without invisible marks, control
    characters, duplicates, invalid dates, empty and over-long cells."""
    headers = HEADERS + [f"Notiz {n}" for n in range(unmapped)]
    rows = [cells + ["frei"] * unmapped for cells in rows]
    if ragged:
        rows[0] = rows[0][:4]  # a short row: its missing cells are empty
    validator = RowValidator(auto_map(headers), today=date(2026, 12, 7))
    per_row = [validator(cells) for cells in rows]
    assert validator.validate_all(rows).pairs() == per_row
    cleaned = [clean_cells(cells) for cells in rows]
    assert validator.validate_all(cleaned, clean=False).pairs() == per_row
    if not ragged:  # a reader's cells, one row after another: columns taken as slices
        flat = [cell for cells in cleaned for cell in cells]
        checked = validator.validate_all(cleaned, clean=False, cells=flat)
        assert checked.pairs() == per_row
        if all(cell.isprintable() for cell in flat):  # as the reader found: no scan
            scanned = validator.validate_all(cleaned, clean=False, cells=flat, printable=True)
            assert scanned.pairs() == per_row
        assert checked.columns == validator.validate_all(cleaned, clean=False).columns
