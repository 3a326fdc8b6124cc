"""Property-based fuzzing of the reader, mapper, validator and login generation.

Each property says what may come out: a :class:`Table` or a :class:`Refused`, never
another exception. ``make fuzz`` runs the same tests with many more examples
(``SCHOOLIMPORT_FUZZ_EXAMPLES``); the suite keeps them short.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from string import Formatter

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.engine.planning import logins
from app.engine.planning.logins import LoginAllocator, LoginScheme, transliterate
from app.engine.planning.mapping import MULTI_COLUMN_FIELDS, Field, auto_map, guess_field
from app.engine.planning.validation import RowValidator, validate_row
from app.engine.reading.readers import read_table
from app.engine.reading.table import ReadOptions, Table, clean_cells
from app.engine.reasons import _TEXT, Message, Refused

EXAMPLES = int(os.environ.get("SCHOOLIMPORT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WORKBOOK_FUZZ = settings(FUZZ, max_examples=EXAMPLES or 50)
LOGIN = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")


DEFAULT = ReadOptions()


def read_or_refuse(path: Path, options: ReadOptions = DEFAULT) -> Table | Refused:
    try:
        table = read_table(path, options)
    except Refused as refused:
        error = refused
    else:
        assert all(len(row) == len(table.headers) for row in table.rows)
        assert len(table.line_numbers) == len(table.rows)
        return table
    assert error.file == str(path)
    assert_complete(error.message)
    return error


def assert_complete(message: Message) -> None:
    """Every parameter the message's wording names was given."""
    wanted = {name for _text, name, _spec, _conv in Formatter().parse(_TEXT[message.reason])}
    assert wanted - {None} <= set(message.params), message


# ----------------------------------------------------------------------- CSV reader

CSV_BYTES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=6), min_size=1, max_size=8).map(
        lambda rows: "\r\n".join(";".join(r) for r in rows).encode("utf-8", "surrogatepass")
    ),
    st.text(st.sampled_from(';,\t|"\r\n abcäöü\x00\ufeff\u202e'), max_size=300).map(
        lambda text: text.encode("utf-8")
    ),
)


@FUZZ
@given(
    data=CSV_BYTES,
    encoding=st.sampled_from(["auto", "utf-8", "cp1252", "shift_jis", "utf-16", "bogus"]),
    delimiter=st.sampled_from(["auto", ";", ",", "tab", "||"]),
    header=st.booleans(),
)
def test_csv_reader_returns_a_table_or_refuses(
    tmp_path: Path, data: bytes, encoding: str, delimiter: str, header: bool
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    read_or_refuse(path, ReadOptions(encoding=encoding, delimiter=delimiter, header=header))


# ----------------------------------------------------------------------- mapper

HEADERS = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            [
                "Nachname",
                "Name",
                "Vorname",
                "Klasse",
                "Kurs 1",
                "Kurs 2",
                "ID",
                "Quell-ID",
                "E-Mail",
                "Login",
                "Geburtsdatum",
                "Gründe",
                "Column 1",
                "",
                " name ",
            ]
        ),  # fmt: skip
    ),
    max_size=40,
)


@FUZZ
@given(headers=HEADERS)
def test_auto_map_never_raises_and_maps_single_fields_once(headers: list[str]) -> None:
    mapping = auto_map(headers)
    assert len(mapping.fields) == len(headers)
    for field in Field:
        if field not in MULTI_COLUMN_FIELDS:
            assert len(mapping.columns_of(field)) <= 1, (field, headers)
    assert Field.IGNORE not in mapping.fields
    for header, field in zip(headers, mapping.fields, strict=True):
        assert field is None or guess_field(header) is field


# ----------------------------------------------------------------------- validation


@FUZZ
@given(
    headers=HEADERS,
    cells=st.lists(st.text(max_size=80), max_size=45),
)
def test_validate_row_never_raises(headers: list[str], cells: list[str]) -> None:
    values, reasons = validate_row(cells, auto_map(headers))
    for reason in reasons:
        assert_complete(reason)
    if not reasons:
        assert values.source_id and values.last_name and values.first_name
        assert all(len(v) <= 100 for v in (values.source_id, values.last_name))


# Cells that exercise every check: empty, too long, control characters, dates in
# every spelling and invalid ones, addresses, logins, group lists, combining marks.
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "Müller", "Mu\u0308ller", "a\x01b", "x" * 101, "31.12.2010", "2010-02-30",
         "45000", "12/31/2010", "01.01.1890", "a@b.de", "a@b", "Max.M", "max m", "5a, 7b; 5A",
         "Chor;" + "k" * 101, "\u202e", "\ud800", "ÄÖÜ ", "日本語"]
    ),
)  # fmt: skip


@FUZZ
@given(
    headers=HEADERS,
    rows=st.lists(st.lists(CELLS, min_size=1, max_size=8), max_size=12),
)
def test_column_wise_validation_equals_the_per_row_validation(
    headers: list[str], rows: list[list[str]]
) -> None:
    validator = RowValidator(auto_map(headers))
    per_row = [validator(cells) for cells in rows]
    assert validator.validate_all(rows).pairs() == per_row
    # A table's cells are already clean: they are taken as they are.
    cleaned = [clean_cells(cells) for cells in rows]
    assert validator.validate_all(cleaned, clean=False).pairs() == per_row


# ----------------------------------------------------------------------- logins
# tests/engine/test_logins.py covers the default scheme and uniqueness; here: other
# schemes, source IDs, and an allocator that starts with used and reserved names.

NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=70)
SCHEMES = st.sampled_from(
    ["{firstname}.{lastname}", "{firstname:.1}{lastname}", "{lastname}.{source_id}",
     "{lastname:.3}{firstname:.3}", "{source_id}", "{firstname}-{lastname}"]
)  # fmt: skip
# Any scheme a person may configure: literal text (braces doubled), and the three
# names, each optionally cut to .N characters.
COMPOSED_SCHEMES = st.lists(
    st.one_of(
        st.text(max_size=4).map(lambda t: t.replace("{", "{{").replace("}", "}}")),
        st.builds(
            lambda name, cut: "{" + name + (f":.{cut}" if cut is not None else "") + "}",
            st.sampled_from(["firstname", "lastname", "source_id"]),
            st.none() | st.integers(0, 99),
        ),
    ),
    max_size=5,
).map("".join)


@FUZZ
@given(scheme=SCHEMES, first=NAMES, last=NAMES, source_id=NAMES)
def test_every_scheme_gives_valid_logins(
    scheme: str, first: str, last: str, source_id: str
) -> None:
    login = LoginScheme(scheme).base(first, last, source_id)
    assert LOGIN.match(login) and len(login) <= 64, login


@FUZZ
@given(
    used=st.sets(st.from_regex(LOGIN, fullmatch=True).filter(lambda s: len(s) <= 64), max_size=20),
    reserved=st.frozensets(st.from_regex(LOGIN, fullmatch=True), max_size=10),
    bases=st.lists(st.sampled_from(["max.muster", "user", "a", "admin", "x-y"]), max_size=30),
)
def test_allocator_never_hands_out_a_used_or_reserved_name(
    used: set[str], reserved: frozenset[str], bases: list[str]
) -> None:
    before = set(used)
    allocator = LoginAllocator(used, reserved)
    logins = [allocator.allocate(base) for base in bases]
    assert len(set(logins)) == len(logins)
    assert not set(logins) & (before | reserved)
    assert all(LOGIN.match(login) for login in logins)


@FUZZ
@given(
    used=st.sets(st.sampled_from(["max.muster", "max.muster2", "a", "b2"]), max_size=3),
    bases=st.lists(st.sampled_from(["max.muster", "max.muster2", "user", "a", "b", "admin"])),
)
def test_allocating_all_at_once_equals_one_by_one(used: set[str], bases: list[str]) -> None:
    one_by_one, at_once = LoginAllocator(set(used)), LoginAllocator(set(used))
    assert at_once.allocate_all(bases) == [one_by_one.allocate(base) for base in bases]
    assert at_once.used == one_by_one.used
    # and what comes after: the same numbers
    assert at_once.allocate("max.muster") == one_by_one.allocate("max.muster")


TAKEN = ["max.muster", "max.muster2", "max.muster4", "a", "a2", "a22", "b1", "user", "admin2"]


@FUZZ
@given(
    used=st.sets(st.sampled_from(TAKEN), max_size=6),
    reserved=st.frozensets(st.sampled_from(["admin", "a3", "max.muster3", "b"]), max_size=3),
    bases=st.lists(
        st.sampled_from(
            ["max.muster", "a", "b", "admin", "user", "x-y", "c"]
            # bases that are numbered variants of others (the allocator's own kind of name)
            + ["a2", "a22", "b1", "b2", "max.muster2", "max.muster3", "c2", "2"]
        )
    ),
)
def test_allocating_bases_of_a_district_at_once_equals_one_by_one(
    used: set[str], reserved: frozenset[str], bases: list[str]
) -> None:
    """A district's bases: some taken or reserved, with or without numbers, repeated,
    and some a numbered variant of another: the same logins in the same order, the
    same used names, and the same numbers afterwards."""
    one_by_one = LoginAllocator(set(used), reserved)
    at_once = LoginAllocator(set(used), reserved)
    assert at_once.allocate_all(bases) == [one_by_one.allocate(base) for base in bases]
    assert at_once.used == one_by_one.used
    assert at_once._next_suffix == one_by_one._next_suffix
    for base in ("max.muster", "a", "b"):
        assert at_once.allocate(base) == one_by_one.allocate(base)


@FUZZ
@given(text=st.one_of(NAMES, st.text(st.characters(max_codepoint=127), max_size=30)))
def test_transliteration_equals_the_plain_regular_expressions(text: str) -> None:
    lowered = text.lower()
    if not lowered.isascii():
        folded = unicodedata.normalize("NFC", lowered).translate(logins._FOLD)
        lowered = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    cleaned = re.sub(r"['’`´]", "", lowered)
    cleaned = re.sub(r"[^a-z0-9.-]", "", re.sub(r"[\s_]+", "-", cleaned))
    assert transliterate(text) == re.sub(r"([.-])[.-]+", r"\1", cleaned).strip(".-")


# Names as they come, plus the characters whose lower case depends on their
# neighbours (final sigma) or that decompose into several (İ, ﬁ, ǅ), newlines, quotes,
# and separators outside ASCII (some stay separators after NFKD).
TRICKY = st.text(
    st.sampled_from(
        "ΣσςİIıﬁǅ\n Ää-'.ÖoÜuß\u0301\u0308\u00a0\u0085\u1680\u2028\u3000’´`_\t"
        "æÆœŒøØðÐþÞłŁđĐſẞ"  # every folded letter (logins._FOLD), both cases
    ),
    max_size=8,
)


@FUZZ
@given(texts=st.lists(st.one_of(NAMES, TRICKY), max_size=12))
def test_transliterating_all_at_once_equals_one_by_one(texts: list[str]) -> None:
    transliterate.cache_clear()
    assert logins.transliterate_all(texts) == [transliterate(t) for t in texts]


@FUZZ
@given(
    scheme=SCHEMES | COMPOSED_SCHEMES,
    people=st.lists(st.tuples(NAMES, TRICKY, NAMES), max_size=8),
)
def test_bases_of_many_equal_the_base_of_each(
    scheme: str, people: list[tuple[str, str, str]]
) -> None:
    login_scheme = LoginScheme(scheme)
    assert login_scheme.bases(people) == [login_scheme.base(*person) for person in people]


# Schemes of the login alphabet and names that keep letters: the logins composed of
# transliterated names need no second transliteration (logins._filled_clean) — or do,
# when a literal starts, ends or joins with a run of "." and "-", or a name is empty.
CLEAN_SCHEMES = st.lists(
    st.one_of(
        st.text("ab0.-", max_size=3),
        st.sampled_from([".", "-", "..", "-.", "a.", ".b-"]),
        st.sampled_from(["{firstname}", "{lastname}", "{source_id}", "{lastname:.2}"]),
    ),
    max_size=5,
).map("".join)
KEEPING = st.from_regex(r"[aBÄß1][aBÄß .\-'_1]{0,5}", fullmatch=True)  # never empty
LETTERED = st.one_of(KEEPING, KEEPING, KEEPING, KEEPING, TRICKY)


@FUZZ
@given(scheme=CLEAN_SCHEMES, people=st.lists(st.tuples(LETTERED, LETTERED, LETTERED), max_size=8))
@example(scheme="{lastname:.2}.{firstname}", people=[("Anna", "B.Cd", "1")])  # cut: "b."
@example(scheme="{firstname}.{lastname}", people=[("Anna", "Bo", "1"), ("Anna", "!!", "2")])
def test_bases_of_clean_schemes_equal_the_base_of_each(
    scheme: str, people: list[tuple[str, str, str]]
) -> None:
    login_scheme = LoginScheme(scheme)
    assert login_scheme.bases(people) == [login_scheme.base(*person) for person in people]


@FUZZ
@given(literal=st.text(max_size=5).filter(lambda t: "{" not in t and "}" not in t))
def test_a_configured_scheme_cannot_produce_invalid_logins(literal: str) -> None:
    login = LoginScheme("{firstname}" + literal + "{lastname}").base("Max", "Muster")
    assert LOGIN.match(login), login


@pytest.mark.parametrize(
    "scheme", ["{firstname!r}", "{firstname.__class__}", "{lastname:>70}", "{shoe_size}", "{"]
)
def test_a_scheme_that_is_code_is_refused(scheme: str) -> None:
    with pytest.raises(Refused):
        LoginScheme(scheme)


# ----------------------------------------------------------------------- workbooks


@cache
def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [["ID", "Nachname", "Vorname"], [1, "Müller", "Jürgen"], [2, "Weiß", "Anna"]]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@cache
def ods_bytes() -> bytes:
    buffer = io.BytesIO()
    frame = pd.DataFrame([[1, "Müller", "Jürgen"]], columns=["ID", "Nachname", "Vorname"])
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        frame.to_excel(writer, index=False)
    return buffer.getvalue()


def stored(data: bytes) -> bytes:
    """The same workbook with its members stored, so mutations hit the XML itself."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


SEEDS: dict[str, Callable[[], bytes]] = {
    "xlsx": xlsx_bytes,
    "ods": ods_bytes,
    "stored.xlsx": cache(lambda: stored(xlsx_bytes())),
    "stored.ods": cache(lambda: stored(ods_bytes())),
}
MUTATION = st.tuples(
    st.sampled_from(["flip", "truncate", "insert", "delete", "digits"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=16),
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, chunk in mutations:
        if not data:
            return data
        at = int(where * (len(data) - 1))
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ (chunk[0] or 1)]) + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(chunk) :]
        else:  # a bigger number where a digit was: row/column references, counts
            data = (
                data[:at]
                + re.sub(rb"[0-9]", b"9999999", data[at : at + 40], count=1)
                + data[at + 40 :]
            )
    return data


@WORKBOOK_FUZZ
@given(seed=st.sampled_from(sorted(SEEDS)), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_workbooks_are_read_or_refused(
    tmp_path: Path, seed: str, mutations: list[tuple[str, float, bytes]]
) -> None:
    path = tmp_path / f"fuzz.{seed.rsplit('.', 1)[-1]}"
    path.write_bytes(mutate(SEEDS[seed](), mutations))
    read_or_refuse(path)
