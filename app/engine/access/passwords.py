"""Initial passwords: generation, Argon2id hashing (in parallel), verification.

Generated passwords come from :mod:`secrets` over :data:`ALPHABET`, an alphabet without
look-alikes. Only Argon2id hashes are stored (standard PHC strings, so
``argon2.PasswordHasher().verify`` accepts them); plain passwords exist only in memory
and in the encrypted protocol. Nothing here logs or ``repr``s a plain password.

Hashing many passwords is the slowest step of a large import, so
:func:`hash_passwords` and :class:`HashPool` spread it over all cores with a thread
pool: argon2-cffi releases the GIL while it hashes, so threads scale like processes
(measured 0.8–0.9 of ideal on 2 cores) without starting interpreters, pickling
secrets to other processes, or ``freeze_support`` in frozen builds.
"""

from __future__ import annotations

import math
import os
import secrets
import string
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import TracebackType

from app.engine.reasons import Cancelled

# Look-alikes left out: 0/O/o and 1/l/I. ``o`` goes too because in many fonts it is a
# smaller ``O``/``0``. That leaves 24 lower + 24 upper + 8 digits = 56 symbols,
# log2(56) ≈ 5.81 bits each.
_LOOK_ALIKES = frozenset("0Oo1lI")
LOWER = "".join(c for c in string.ascii_lowercase if c not in _LOOK_ALIKES)
UPPER = "".join(c for c in string.ascii_uppercase if c not in _LOOK_ALIKES)
DIGITS = "".join(c for c in string.digits if c not in _LOOK_ALIKES)
ALPHABET = LOWER + UPPER + DIGITS

MIN_ENTROPY_BITS = 70
MIN_LENGTH = 10
# 13 characters: 13 × 5.81 ≈ 75.5 bits (the class rejection below costs ~0.2 bits).
DEFAULT_LENGTH = max(MIN_LENGTH, math.ceil(MIN_ENTROPY_BITS / math.log2(len(ALPHABET))))


def entropy_bits(length: int = DEFAULT_LENGTH) -> float:
    """Bits of entropy of a uniformly random string of ``length`` over ALPHABET."""
    return length * math.log2(len(ALPHABET))


def generate_password(length: int = DEFAULT_LENGTH) -> str:
    """A random password with at least one lower-case letter, upper-case letter, digit.

    Rejection sampling (draw again until all classes appear) keeps the distribution
    uniform over the accepted passwords; at 13 characters ~14 % of draws are redrawn.
    """
    if length < MIN_LENGTH:
        raise ValueError(f"generated passwords have at least {MIN_LENGTH} characters")
    while True:
        candidate = _random_string(length)
        if (
            any(c in LOWER for c in candidate)
            and any(c in UPPER for c in candidate)
            and any(c in DIGITS for c in candidate)
        ):
            return candidate


# Bytes at or above this are rejected so that ``byte % 56`` is uniform (224 = 4 × 56).
_BYTE_LIMIT = 256 - 256 % len(ALPHABET)


def _random_string(length: int) -> str:
    """Uniform over ALPHABET, like ``secrets.choice`` per character, but one system call
    per password instead of one per character (6× faster for 50,000 passwords)."""
    chars: list[str] = []
    while True:
        for byte in secrets.token_bytes(length + length // 4 + 2):
            if byte < _BYTE_LIMIT:
                chars.append(ALPHABET[byte % len(ALPHABET)])
                if len(chars) == length:
                    return "".join(chars)


@dataclass(frozen=True, slots=True)
class HashProfile:
    """Argon2id cost parameters (memory in KiB)."""

    memory_kib: int
    time_cost: int
    parallelism: int = 1
    hash_len: int = 32
    salt_len: int = 16

    def as_args(self) -> tuple[int, int, int, int, int]:
        return (self.memory_kib, self.time_cost, self.parallelism, self.hash_len, self.salt_len)


USER_CHOSEN = HashProfile(memory_kib=19456, time_cost=2)
"""For any password a person chooses: the OWASP minimum for Argon2id (19 MiB, t=2, p=1).

People pick guessable passwords, so each guess must stay expensive.
Measured here (Xeon, 1 thread): ~39 ms per hash.
"""

INITIAL = HashProfile(memory_kib=256, time_cost=1)
"""For machine-generated initial passwords of ≥ 70 bits that must be changed at first
sign-in (the account gets ``must_change_password``).

The cost of a hash protects weak passwords; it adds little against a search of 2^70
uniformly random candidates: even at a billion guesses per second (far beyond Argon2id
with 1 MiB on any hardware) that takes 2^70 / 10^9 s ≈ 37,000 core-years. What matters
here is that a 50,000-row import, hashing a password and a data-safe password per new
account, stays well inside a minute on two cores (SPEC §5); the password is replaced
by a ``USER_CHOSEN`` hash at first sign-in anyway. Measured per hash on this machine
(Xeon, one thread, ``argon2.low_level.hash_secret`` in a loop of 200-500 hashes):

=========  ====  ============  ================================
m (KiB)    t     ms per hash   100,000 hashes on 2 cores (ideal)
=========  ====  ============  ================================
19456      2     39.3          ~1,960 s (USER_CHOSEN)
4096       2     6.1           ~305 s
4096       1     3.8           ~190 s
2048       2     2.7           ~135 s
2048       1     1.5           ~75 s
1024       2     1.5           ~75 s
1024       1     0.85          ~43 s
512        1     0.47          ~24 s
256        1     0.26          ~13 s  ← chosen
=========  ====  ============  ================================

The full argument (attacker model, OWASP, NIST SP 800-63B) is in docs/security.md.
"""

POOL_THRESHOLD = 64  # up to this many passwords, hashing inline is as fast
CHUNK_SIZE = 256


def hash_password(password: str, profile: HashProfile = USER_CHOSEN) -> str:
    """One Argon2id PHC string with a fresh 16-byte salt."""
    return _hash_chunk([password], *profile.as_args())[0]


def verify_password(hashed: str, password: str) -> bool:
    """True if ``password`` matches the PHC string ``hashed`` (any Argon2 parameters)."""
    # argon2-cffi (with cffi) is imported where a password is hashed or checked: the
    # command line's listings and a dry run never do either.
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _hash_chunk(
    passwords: Sequence[str],
    memory_kib: int,
    time_cost: int,
    parallelism: int,
    hash_len: int,
    salt_len: int,
) -> list[str]:
    """The worker: argon2-cffi releases the GIL inside ``hash_secret``."""
    from argon2.low_level import Type, hash_secret

    return [
        hash_secret(
            password.encode("utf-8"),
            os.urandom(salt_len),
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=parallelism,
            hash_len=hash_len,
            type=Type.ID,
        ).decode("ascii")
        for password in passwords
    ]


def _chunks(passwords: Sequence[str], size: int) -> list[list[str]]:
    return [list(passwords[i : i + size]) for i in range(0, len(passwords), size)]


class HashPool:
    """A thread pool for hashing, to be started early and fed as passwords appear.

    ``with HashPool() as pool: parts = pool.submit_chunks(passwords)`` — the caller can do
    other work (e.g. writing users) while the hashes are computed, then
    ``future.result()`` gives the hashes in the order of ``passwords``.
    """

    def __init__(
        self,
        profile: HashProfile = INITIAL,
        workers: int | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.profile = profile
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.chunk_size = max(1, chunk_size)
        self._executor: ThreadPoolExecutor | None = None

    def start(self) -> HashPool:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                max_workers=self.workers, thread_name_prefix="argon2"
            )
        return self

    def submit_chunks(self, passwords: Sequence[str]) -> list[Future[list[str]]]:
        """One future per chunk of ``chunk_size`` passwords, in order."""
        executor = self.start()._executor
        assert executor is not None
        args = self.profile.as_args()
        return [
            executor.submit(_hash_chunk, chunk, *args)
            for chunk in _chunks(passwords, self.chunk_size)
        ]

    def shutdown(self, cancel: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None

    def __enter__(self) -> HashPool:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.shutdown(cancel=exc is not None)


def hash_passwords(
    passwords: Sequence[str],
    profile: HashProfile = INITIAL,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> list[str]:
    """Argon2id hashes of ``passwords``, in order, on all cores for large batches.

    ``progress`` gets the number hashed so far; ``cancelled`` is checked between
    chunks and raises :class:`~app.engine.reasons.Cancelled`.
    """
    is_cancelled = cancelled or (lambda: False)
    report = progress or (lambda done: None)
    pool_size = max(1, workers or os.cpu_count() or 1)
    if len(passwords) <= POOL_THRESHOLD or pool_size == 1:
        return _hash_inline(passwords, profile, report, is_cancelled)
    if is_cancelled():
        raise Cancelled()
    pool = HashPool(profile, pool_size, chunk_size)
    try:
        parts = pool.submit_chunks(passwords)
        pending = set(parts)
        done = 0
        while pending:
            if is_cancelled():
                raise Cancelled()
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if finished:
                done += sum(len(part.result()) for part in finished)
                report(done)
        return [h for part in parts for h in part.result()]
    except BaseException:
        pool.shutdown(cancel=True)
        raise
    finally:
        pool.shutdown()


def _hash_inline(
    passwords: Sequence[str],
    profile: HashProfile,
    report: Callable[[int], None],
    is_cancelled: Callable[[], bool],
) -> list[str]:
    hashes: list[str] = []
    for chunk in _chunks(passwords, 16):
        if is_cancelled():
            raise Cancelled()
        hashes.extend(_hash_chunk(chunk, *profile.as_args()))
        report(len(hashes))
    return hashes
