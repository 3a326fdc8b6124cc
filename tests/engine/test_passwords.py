"""Generated passwords, their Argon2id hashes and the hashing pool."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st

from app.engine.access.passwords import (
    ALPHABET,
    DEFAULT_LENGTH,
    DIGITS,
    INITIAL,
    LOWER,
    UPPER,
    USER_CHOSEN,
    HashPool,
    entropy_bits,
    generate_password,
    hash_password,
    hash_passwords,
    verify_password,
)
from app.engine.reasons import Cancelled


def test_alphabet_has_no_look_alikes() -> None:
    assert not set("0Oo1lI") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET)
    assert set(ALPHABET) == set(LOWER) | set(UPPER) | set(DIGITS)


def test_default_length_and_entropy() -> None:
    password = generate_password()
    assert len(password) == DEFAULT_LENGTH >= 10
    assert entropy_bits(DEFAULT_LENGTH) >= 70
    assert entropy_bits(DEFAULT_LENGTH) == pytest.approx(DEFAULT_LENGTH * math.log2(56))


def test_every_password_has_all_classes() -> None:
    for _ in range(500):
        password = generate_password()
        assert set(password) & set(LOWER)
        assert set(password) & set(UPPER)
        assert set(password) & set(DIGITS)


def test_too_short_length_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 10"):
        generate_password(9)


def test_ten_thousand_passwords_are_distinct() -> None:
    assert len({generate_password() for _ in range(10_000)}) == 10_000


@settings(max_examples=20)
@given(st.integers(min_value=10, max_value=40))
def test_generated_passwords_use_only_the_alphabet(length: int) -> None:
    password = generate_password(length)
    assert len(password) == length
    assert set(password) <= set(ALPHABET)


def test_hash_is_argon2id_phc_with_profile_parameters() -> None:
    hashed = hash_password("Secret-Passw0rd", INITIAL)
    assert hashed.startswith(
        f"$argon2id$v=19$m={INITIAL.memory_kib},t={INITIAL.time_cost},p={INITIAL.parallelism}$"
    )
    assert PasswordHasher().verify(hashed, "Secret-Passw0rd")
    assert verify_password(hashed, "Secret-Passw0rd")
    assert not verify_password(hashed, "secret-passw0rd")
    assert not verify_password("not a hash", "Secret-Passw0rd")


def test_salt_differs_per_hash() -> None:
    first, second = hash_passwords(["same", "same"])
    assert first != second


def test_user_chosen_profile_meets_owasp_minimum() -> None:
    assert USER_CHOSEN.memory_kib >= 19456
    assert USER_CHOSEN.time_cost >= 2
    hashed = hash_password("chosen by a person")
    assert "$m=19456,t=2,p=1$" in hashed
    assert verify_password(hashed, "chosen by a person")


def test_pool_hashes_in_order_with_progress() -> None:
    passwords = [f"pw-{i}" for i in range(200)]
    seen: list[int] = []
    hashes = hash_passwords(passwords, workers=2, chunk_size=50, progress=seen.append)
    assert len(hashes) == 200
    for index in (0, 57, 199):
        assert PasswordHasher().verify(hashes[index], passwords[index])
    assert not verify_password(hashes[1], passwords[0])
    assert seen == sorted(seen)
    assert seen[-1] == 200


def test_inline_hashing_reports_progress() -> None:
    seen: list[int] = []
    hashes = hash_passwords(["a", "b", "c"], progress=seen.append)
    assert [verify_password(h, p) for h, p in zip(hashes, "abc", strict=True)] == [True] * 3
    assert seen[-1] == 3


@pytest.mark.parametrize("count", [10, 200])
def test_cancel_raises(count: int) -> None:
    with pytest.raises(Cancelled):
        hash_passwords(["x"] * count, workers=2, chunk_size=20, cancelled=lambda: True)


def test_cancel_after_first_progress() -> None:
    seen: list[int] = []

    def cancelled() -> bool:
        return bool(seen)

    with pytest.raises(Cancelled):
        hash_passwords(
            ["x"] * 400, workers=2, chunk_size=10, progress=seen.append, cancelled=cancelled
        )
    assert seen[0] < 400


def test_hash_pool_overlaps_with_other_work() -> None:
    with HashPool(INITIAL, workers=2, chunk_size=30) as pool:
        parts = pool.submit_chunks([f"p{i}" for i in range(100)])
        empty = pool.submit_chunks([])
        other = sum(range(1000))  # the caller's own work meanwhile
        hashes = [h for part in parts for h in part.result(timeout=30)]
    assert other == 499500
    assert empty == []
    assert len(parts) == 4
    assert len(hashes) == 100
    assert verify_password(hashes[42], "p42")


def test_characters_are_roughly_uniform() -> None:
    counts = Counter("".join(generate_password(40) for _ in range(2_000)))
    expected = 80_000 / len(ALPHABET)
    # Rejection of passwords missing a class barely matters at 40 characters.
    assert all(abs(counts[c] - expected) < 0.15 * expected for c in ALPHABET)
