"""The planning's fast paths give what the general ones give: each test forces a fast
path and its general path over the same varied inputs (umlauts, invisible characters,
duplicates, invalid dates, empty cells, over-long names) and compares them with the
one-by-one result, so that it fails when a fast path is broken."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.engine.planning import dates, district, logins
from app.engine.planning.dates import _parse_date, parse_dates
from app.engine.planning.district import FileKeys
from app.engine.planning.logins import LoginScheme
from app.engine.planning.mapping import auto_map
from app.engine.planning.validation import (
    RowValidator,
    group_splitter,
    split_group_lists,
    split_groups,
)
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
    # Latin-1 alone (its own table): accents, ¼, NBSP, NEL, ª, ¨, ×, quotes, dots
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=6),
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


@CHECKS
@given(texts=st.lists(st.text(st.characters(max_codepoint=0xFF, exclude_characters="\n"))))
def test_latin1_texts_transliterated_by_table_as_one_by_one(texts: list[str]) -> None:
    """Every Latin-1 character (and Latin-1 texts after lowering and folding, which
    the table takes) transliterated all together as each on its own."""
    assert logins.transliterate_all(texts) == [logins.transliterate(text) for text in texts]


def test_the_latin1_table_is_taken_for_western_names() -> None:
    assert logins._latin1_cleaned("hélène\nzoë\nçelik\x00½") is None  # ½: two characters
    assert logins._latin1_cleaned("hélène\nzoë\nçelik") == "helene\nzoe\ncelik"
    assert logins._latin1_cleaned("ğ") is None  # outside Latin-1: the general way


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
    st.sampled_from(["Chor, Theater", "Chor\u200b, Sport", "", "Chor|Sport", "a\x01", "5a, Chor"]),
    st.one_of(
        st.sampled_from(["05.03.2014", "2014-03-05", "31.02.2014", "", "45000", "1.1.1890"]),
        # one width (the dates' fast path when all are so): today, tomorrow, no such day
        st.sampled_from(["07.12.2026", "08.12.2026", "29.02.2016", "29.02.2015", "01.01.1899"]),
    ),
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


# ----------------------------------------------------------------------- dates and groups

FIXED_DATES = st.builds(
    "{:02d}.{:02d}.{:04d}".format,
    st.integers(0, 32),
    st.integers(0, 13),
    st.sampled_from([1, 1899, 1900, 2000, 2016, 2025, 2026, 2027, 9999]),
)


@CHECKS
@given(
    texts=st.lists(
        st.one_of(
            FIXED_DATES,
            st.sampled_from(["07.12.2026", "08.12.2026", "01.01.1900", "31.12.1899"]),
            st.sampled_from(["\u0660\u0661.01.2015", "1.1.2015", "2015-01-01", "x", "45000"]),
        ),
        unique=True,
        max_size=12,
    )
)
def test_dates_of_one_width_are_parsed_as_each_on_its_own(texts: list[str]) -> None:
    """Dates of the fast path's width (also impossible days and months, out of range,
    other digits) and of any other spelling: what the one-by-one parse gives."""
    today = date(2026, 12, 7)
    assert parse_dates(texts, today) == [_parse_date(text, today) for text in texts]


def test_a_file_of_dates_in_one_width_takes_the_fast_path() -> None:
    today = date(2026, 12, 7)
    texts = [f"{day:02d}.{month:02d}.2014" for day in range(1, 29) for month in range(1, 13)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_parse_date", None)  # the general path would call it
        assert parse_dates(texts, today)[:2] == [date(2014, 1, 1), date(2014, 2, 1)]


@CHECKS
@given(
    combinations=st.lists(
        st.lists(
            st.sampled_from(
                ["5a", "5A", " 5a ", "Chor, Theater", "chor|Sport", "", ", ,", "6b;7c"]
            ),
            max_size=3,
        ),
        max_size=10,
    ),
    delimiter=st.sampled_from([None, ";"]),
)
def test_group_lists_split_once_per_cell_as_each_combination(
    combinations: list[list[str]], delimiter: str | None
) -> None:
    """Names repeated in one cell, across cells, in other case or spacing, empty pieces."""
    splitter = group_splitter(delimiter)
    expected = [split_groups(cells, splitter) for cells in combinations]
    assert split_group_lists(combinations, splitter) == expected


def _bases_by_counting(bases: list[str], given: list[str]) -> tuple[dict[str, int], set[str]]:
    """What ``district._make_bases`` makes, by the plain definition: every base
    counted, then the numbered variants of each other and of the given logins."""
    counts = Counter(bases)
    extra = Counter(re.sub(r"\d+$", "", login) for login in given)
    for base in counts:
        stem = re.sub(r"\d+$", "", base)
        if base[-1].isdigit() and stem in counts:
            extra[stem] += counts[base]
            extra[base] += counts[stem]
    linked = {base: n for base, n in extra.items() if n and base in counts}
    return {base: n + linked.get(base, 0) for base, n in counts.items()}, set(linked)


@CHECKS
@given(
    bases=st.lists(st.sampled_from(["anna", "anna2", "anna12", "ben", "ben.x", "c3", "c"])),
    given_logins=st.lists(st.sampled_from(["anna3", "ben", "c", "zoe"]), max_size=3),
    distinct=st.booleans(),
)
def test_login_base_counts_with_or_without_repeats_are_counted_bases(
    bases: list[str], given_logins: list[str], distinct: bool
) -> None:
    """The bases of a file where none repeats (the fast path: one insert each) and of
    one where some do are counted and linked as the plain definition counts them."""
    if distinct:
        bases = list(dict.fromkeys(bases))
    keys = FileKeys()
    district._make_bases(keys, bases, given_logins)
    assert (keys.bases, keys.linked) == _bases_by_counting(bases, given_logins)
    assert list(keys.bases) == list(dict.fromkeys(bases))  # in the order of the rows


@CHECKS
@given(text=st.text(st.characters(max_codepoint=0x17F)) | st.text())
def test_texts_lowered_by_the_latin1_table_as_by_str_lower(text: str) -> None:
    """Latin-1 texts (through the byte table), ASCII and any other text alike."""
    assert logins._lower(text) == text.lower()


def test_a_latin1_text_is_lowered_by_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property above must cover the table: a Latin-1 text does not call lower()."""

    class Unlowerable(str):
        def lower(self) -> str:
            raise AssertionError("lowered by str.lower")

    assert logins._lower(Unlowerable("ÄÖÜ Ærø ß")) == "äöü ærø ß"
