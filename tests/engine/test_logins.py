"""Login generation: scheme, transliteration, reserved names, uniqueness."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.planning.logins import DEFAULT_RESERVED, LoginAllocator, LoginScheme, transliterate

LOGIN = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")


def test_german_and_other_accents():
    scheme = LoginScheme()
    assert scheme.base("Jürgen", "Müller") == "juergen.mueller"
    assert scheme.base("Zoë", "Straße") == "zoe.strasse"
    assert scheme.base("Hélène", "Lefèvre") == "helene.lefevre"
    assert scheme.base("Çağrı", "Öztürk-Yılmaz") == "cagri.oeztuerk-yilmaz"
    assert scheme.base("Anna Lena", "O'Neil") == "anna-lena.oneil"


def test_names_without_latin_letters_fall_back():
    assert LoginScheme().base("太郎", "山田") == "user"


def test_configurable_scheme():
    assert LoginScheme("{firstname:.1}{lastname}").base("Max", "Mustermann") == "mmustermann"
    assert LoginScheme("{lastname}.{source_id}").base("Max", "Muster", "A-17") == "muster.a-17"


def test_collisions_get_numbers_and_reserved_names_are_skipped():
    allocator = LoginAllocator({"max.muster"})
    assert allocator.allocate("max.muster") == "max.muster2"
    assert allocator.allocate("max.muster") == "max.muster3"
    assert allocator.allocate("admin") == "admin2"
    assert "admin" not in allocator.used


def test_transliterate_keeps_only_the_login_alphabet():
    assert transliterate("  Ünal__Şen  ") == "uenal-sen"


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40
)


@settings(max_examples=300, deadline=None)
@given(first=names, last=names)
def test_generated_logins_are_always_valid(first, last):
    login = LoginScheme().base(first, last)
    assert LOGIN.match(login), login
    assert len(login) <= 64


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=60))
def test_allocated_logins_are_unique_and_never_reserved(people):
    allocator = LoginAllocator(set(), DEFAULT_RESERVED)
    logins = [allocator.allocate(LoginScheme("{lastname}").base(f, last)) for f, last in people]
    assert len(set(logins)) == len(logins)
    assert not set(logins) & DEFAULT_RESERVED
