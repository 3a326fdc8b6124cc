"""Login names: the configurable scheme, transliteration, reserved names, uniqueness.

Default scheme ``{firstname}.{lastname}``: lower case, ä→ae, ö→oe, ü→ue, ß→ss, other
accents stripped, only ``a-z0-9.-``; a number is appended on collision (``2``, ``3``,
…). Reserved names are never generated, and a name once given is never given again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import getitem, itemgetter
from string import Formatter

from app.engine.planning.distinct import map_distinct
from app.engine.reasons import Message, Reason, Refused

DEFAULT_SCHEME = "{firstname}.{lastname}"
DEFAULT_RESERVED = frozenset(
    {
        "admin",
        "administrator",
        "root",
        "operator",
        "system",
        "sysadmin",
        "superuser",
        "postmaster",
        "webmaster",
        "hostmaster",
        "abuse",
        "noreply",
        "no-reply",
        "mail",
        "support",
        "info",
        "guest",
        "nobody",
        "daemon",
        "www",
        "test",
        "security",
    }
)
MAX_LOGIN = 64
_FALLBACK = "user"

_FOLD = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "ſ": "s",
    }
)


_SCHEME_FIELDS = frozenset({"firstname", "lastname", "source_id"})
_SCHEME_SPEC = re.compile(r"(\.\d{1,2})?")
_QUOTES = re.compile(r"['’`´]")
_SEPARATORS = re.compile(r"[\s_]+")
_OUTSIDE = re.compile(r"[^a-z0-9.-]")
_RUNS = re.compile(r"([.-])[.-]+")


def _ascii_table() -> dict[int, str | None]:
    """The three substitutions of :func:`_clean` as one per-character table for ASCII:
    quotes go, separators become ``-`` (a run of them collapses later like a run of
    ``-``), everything else outside ``a-z0-9.-`` goes."""
    table: dict[int, str | None] = {}
    for code in range(128):
        ch = chr(code)
        if _QUOTES.match(ch) or (not _SEPARATORS.match(ch) and _OUTSIDE.match(ch)):
            table[code] = None
        elif _SEPARATORS.match(ch):
            table[code] = "-"
    return table


_ASCII = _ascii_table()


def _clean(lowered: str) -> str:
    if lowered.isascii():
        cleaned = lowered.translate(_ASCII)
    else:
        cleaned = _OUTSIDE.sub("", _SEPARATORS.sub("-", _QUOTES.sub("", lowered)))
    if "--" in cleaned or ".." in cleaned or ".-" in cleaned or "-." in cleaned:
        cleaned = _RUNS.sub(r"\1", cleaned)  # only when there is a run (rare)
    return cleaned.strip(".-")


@lru_cache(maxsize=65536)
def transliterate(text: str) -> str:
    """``Jürgen-Çağrı O'Neil`` → ``juergen-cagri-oneil``: only ``a-z0-9.-`` remain."""
    lowered = text.lower()
    if not lowered.isascii():
        folded = unicodedata.normalize("NFC", lowered).translate(_FOLD)
        lowered = "".join(
            ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
        )
    return _clean(lowered)


def transliterate_all(texts: Sequence[str]) -> list[str]:
    """``[transliterate(t) for t in texts]``, each step once over all of them.

    Every step works character by character, and a newline is a boundary for each:
    it is no cased letter (final sigma), composes and decomposes with nothing, and
    is no quote or separator of the clean-up. So the steps run over the texts joined
    by newlines, in C, and only the final trim runs per text. Combining marks are
    left to the clean-up, which drops every character outside ``a-z0-9.-`` (dropping
    them first gives the same result). A text holding a newline goes one by one.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return [transliterate(text) for text in texts]
    lowered = _lower(joined)
    if lowered.isascii():
        cleaned = lowered.translate(_ASCII_KEEPING_NEWLINES)
    else:
        folded = _fold_all(_nfc(lowered))
        latin = _latin1_cleaned(folded)
        if latin is not None:
            cleaned = latin
        else:
            decomposed = unicodedata.normalize("NFKD", folded)
            if _WIDE_SPACES.search(decomposed):  # separators outside ASCII (NFKD keeps some)
                decomposed = _WIDE_SPACES.sub(" ", decomposed)
            # Every other character outside ASCII goes (quotes, accents, other scripts),
            # as the clean-up would drop it; then the ASCII table does the rest.
            ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
            cleaned = ascii_only.translate(_ASCII_KEEPING_NEWLINES)
    if _has_run(cleaned):
        cleaned = _RUNS.sub(r"\1", cleaned)  # no run reaches across a newline
    return list(map(str.strip, cleaned.split("\n"), repeat(".-")))


# str.lower() of each Latin-1 character: always one Latin-1 character.
_LATIN1_LOWER = bytes(ord(chr(code).lower()) for code in range(256))


def _lower(text: str) -> str:
    """``text.lower()``; a Latin-1 text through a byte table: str.lower() of a text
    beyond ASCII writes into a buffer of four bytes per character, three times the
    text's length (for letters that lower to several), 5 ms for 50,000 first names in
    a fresh process against 1.5 ms."""
    if text.isascii():
        return text.lower()
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return text.lower()
    return data.translate(_LATIN1_LOWER).decode("latin-1")


def _nfc(text: str) -> str:
    """The text in NFC: itself when it is Latin-1 only (no Latin-1 character
    decomposes or combines with another; a copy in C, where the NFC check looks up
    every character)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return unicodedata.normalize("NFC", text)
    return text


def _has_run(cleaned: str) -> bool:
    """Whether two of ``.`` and ``-`` follow each other (rare). Names hold ``-`` (a
    separator becomes one) far more often than ``.``: a text without ``.`` is searched
    for ``--`` alone, where a search for ``-.`` stopped at every ``-``."""
    if "." not in cleaned:
        return "--" in cleaned
    return "--" in cleaned or ".." in cleaned or ".-" in cleaned or "-." in cleaned


_ASCII_KEEPING_NEWLINES = {**_ASCII, ord("\n"): "\n"}
# What ``\s`` matches beyond ASCII (str.isspace; its last character is U+3000), as one
# character class: an alternation is 4× slower.
_WIDE_SPACES = re.compile(
    "[" + re.escape("".join(ch for ch in map(chr, range(0x80, 0x3001)) if ch.isspace())) + "]"
)


def _latin1_table() -> tuple[bytes, bytes, tuple[str, ...]]:
    """What the steps of :func:`transliterate_all` after folding make of each Latin-1
    character — NFKD, the wide spaces, dropping what is not ASCII, the ASCII table —
    as a ``bytes.translate`` table and the bytes it deletes; and the few characters
    that become more than one (``¼`` → ``14``), which the table cannot hold. Each
    character on its own gives what it gives in a text: Latin-1 holds no combining
    mark, so NFKD reorders nothing across two of them."""
    table, deleted, several = bytearray(range(256)), bytearray(), []
    for code in range(256):
        ch = chr(code)
        out = _WIDE_SPACES.sub(" ", unicodedata.normalize("NFKD", ch))
        out = out.encode("ascii", "ignore").decode("ascii").translate(_ASCII_KEEPING_NEWLINES)
        if not out:
            deleted.append(code)
        elif len(out) == 1:
            table[code] = ord(out)
        else:
            several.append(ch)
    return bytes(table), bytes(deleted), tuple(several)


_LATIN1_TABLE, _LATIN1_DELETED, _LATIN1_SEVERAL = _latin1_table()


def _latin1_cleaned(folded: str) -> str | None:
    """The folded text with the remaining steps of :func:`transliterate_all` done by
    one ``bytes.translate`` when it is Latin-1 only (names of Western Europe: ``é``,
    ``ç``, ``ñ``), else None. NFKD and its scans cost 5 ms for 50,000 first names,
    the table 1 ms."""
    try:
        data = folded.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if any(ch in folded for ch in _LATIN1_SEVERAL):
        return None
    return data.translate(_LATIN1_TABLE, _LATIN1_DELETED).decode("ascii")


_FOLD_PAIRS = tuple((chr(code), str(ascii_text)) for code, ascii_text in _FOLD.items())


def _fold_all(text: str) -> str:
    """``text.translate(_FOLD)``, one C-level replace per letter the text holds: a
    per-character table (or a regular expression with a callback) walks 500,000
    characters in Python-object steps, ``in`` and ``replace`` in memory scans. The
    same result, because no replacement holds a letter that is replaced."""
    for letter, replacement in _FOLD_PAIRS:
        if letter in text:
            text = text.replace(letter, replacement)
    return text


@lru_cache(maxsize=64)
def _fields(template: str) -> frozenset[str]:
    """The names a (validated) scheme uses."""
    return frozenset(name for _text, name, _spec, _conv in Formatter().parse(template) if name)


@dataclass(frozen=True, slots=True)
class LoginScheme:
    """A :py:meth:`str.format` template over ``firstname``, ``lastname`` and ``source_id``.

    Precision slices work as usual: ``{firstname:.1}{lastname}`` gives ``mmueller``.
    """

    template: str = DEFAULT_SCHEME

    def __post_init__(self) -> None:
        self.validate()

    def base(self, first_name: str, last_name: str, source_id: str = "") -> str:
        used = _fields(self.template)  # a source ID is new for every person: skip it
        return self._compose(
            transliterate(first_name) if "firstname" in used else "",
            transliterate(last_name) if "lastname" in used else "",
            transliterate(source_id) if "source_id" in used else "",
        )

    def bases(self, people: Sequence[tuple[str, str, str]]) -> list[str]:
        """``[base(first, last, source_id) for …]``: each distinct name, and then
        every composed login, transliterated all together (:func:`transliterate_all`)."""
        parts = [list(map(itemgetter(position), people)) for position in range(3)]
        return self.bases_of_columns(*parts)

    def bases_of_columns(
        self, first_names: Sequence[str], last_names: Sequence[str], source_ids: Sequence[str]
    ) -> list[str]:
        """:meth:`bases` of the people whose names and IDs these equally long columns
        hold (no tuple per person)."""
        used = _fields(self.template)
        columns: dict[str, list[str]] = {}
        given = {"firstname": first_names, "lastname": last_names, "source_id": source_ids}
        for name, texts in given.items():
            if name in used:
                columns[name] = _transliterate_column(list(texts))
        logins = _fill_all(self.template, columns, len(first_names))
        if not _filled_clean(self.template, columns):
            logins = transliterate_all(logins)
        lengths = set(map(len, logins))  # (one pass: none empty, none to cut)
        if 0 not in lengths and max(lengths, default=0) <= MAX_LOGIN - 6:
            return logins  # nothing to cut or replace: _cut would return each as it is
        return [_cut(login) for login in logins]

    def _compose(self, first: str, last: str, source_id: str) -> str:
        raw = self.template.format(firstname=first, lastname=last, source_id=source_id)
        # The scheme's own text goes through the same alphabet as the names (not
        # through the cache: the combination is new for nearly every person).
        return _cut(_clean(raw.lower()) if raw.isascii() else transliterate(raw))

    def validate(self) -> None:
        """Only the three names, optionally cut (``:.N``); no conversions, attributes
        or padding — a scheme is configuration, not code."""
        try:
            parts = list(Formatter().parse(self.template))
        except ValueError as exc:
            raise Refused(
                Reason.INVALID_VALUE, detail=Message(Reason.SCHEME_SYNTAX, {"error": str(exc)})
            ) from None
        for _literal, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in _SCHEME_FIELDS or conversion or not _SCHEME_SPEC.fullmatch(spec or ""):
                detail = Message(Reason.SCHEME_FIELD, {"name": name})
                raise Refused(Reason.INVALID_VALUE, detail=detail)


# How many of a column's first texts are sampled, and the share of them that must be
# distinct for the column to be transliterated as it is rather than each distinct text.
_SAMPLE = 2048
_MOSTLY_DISTINCT = 0.9


def _transliterate_column(texts: list[str]) -> list[str]:
    """``transliterate_all(texts)``; each distinct text once when they repeat (classes
    of first and last names do): finding the distinct ones costs about as much per
    text as transliterating it, so a column of nearly all distinct texts (its first
    ``_SAMPLE`` tell) is transliterated as it is."""
    sample = texts[:_SAMPLE]
    if len(set(sample)) > _MOSTLY_DISTINCT * len(sample):
        return transliterate_all(texts)
    return map_distinct(transliterate_all, texts)


def _fill_all(template: str, columns: Mapping[str, Sequence[str]], count: int) -> list[str]:
    """``[template.format(**row) for row in columns]``, one C-level join per row.

    A (validated) scheme holds literal text and the three names, each optionally cut
    to ``.N`` characters, which is all ``str.format`` does with a string here.
    """
    parts: list[Iterable[str]] = []
    for literal, name, spec, _conversion in Formatter().parse(template):
        if literal:
            parts.append(repeat(literal, count))
        if name:
            column = columns[name]
            if spec:
                parts.append(map(getitem, column, repeat(slice(int(spec[1:])), count)))
            else:
                parts.append(column)
    if not parts:
        return [""] * count
    return list(map("".join, zip(*parts, strict=True)))


# Literal text of a scheme that transliteration leaves as it is between clean names: the
# login alphabet, no run of ``.`` and ``-``.
_CLEAN_LITERAL = re.compile(r"[.-]?(?:[a-z0-9]+[.-])*[a-z0-9]*")


def _filled_clean(template: str, columns: Mapping[str, Sequence[str]]) -> bool:
    """Whether :func:`transliterate` leaves every login :func:`_fill_all` composes of
    ``columns`` (transliterated names) as it is, so that it need not run again.

    A transliterated name is empty or starts and ends with a letter or digit and holds
    only ``a-z0-9.-`` with no run of ``.`` and ``-``. Joined, uncut and none empty,
    with literal text of the same alphabet and no run between them, and neither
    starting nor ending with ``.`` or ``-``, they make a login of the same kind: a
    run could only form at a junction, and each junction has a letter or digit on
    one side at least."""
    parts = list(Formatter().parse(template))
    for position, (literal, name, spec, _conversion) in enumerate(parts):
        if spec or (name and not all(columns[name])):
            return False
        if literal:
            if not _CLEAN_LITERAL.fullmatch(literal):
                return False
            if position == 0 and literal[0] in ".-":
                return False
            if position == len(parts) - 1 and name is None and literal[-1] in ".-":
                return False
    return True


def _cut(login: str) -> str:
    """Room for a number on collision; never empty."""
    return login[: MAX_LOGIN - 6].strip(".-") or _FALLBACK


@dataclass(slots=True)
class LoginAllocator:
    """Hands out unique login names against everything ever used or reserved."""

    used: set[str]
    reserved: frozenset[str] = DEFAULT_RESERVED
    _next_suffix: dict[str, int] = field(default_factory=dict)

    def is_available(self, login: str) -> bool:
        return login not in self.used and not self.is_reserved(login)

    def is_reserved(self, login: str) -> bool:
        return login in self.reserved

    def take(self, login: str) -> None:
        self.used.add(login)

    def allocate(self, base: str) -> str:
        if base not in self.used and base not in self.reserved:  # is_available, inlined
            self.used.add(base)
            return base
        number = self._next_suffix.get(base, 2)
        while not self.is_available(f"{base}{number}"):
            number += 1
        self._next_suffix[base] = number + 1
        login = f"{base}{number}"
        self.used.add(login)
        return login

    def allocate_all(self, bases: Sequence[str]) -> list[str]:
        """``[self.allocate(base) for base in bases]``: when no base repeats and none
        is used or reserved (a file of distinct names), each is its own login, in C."""
        distinct = set(bases)
        if (
            len(distinct) == len(bases)
            and self.used.isdisjoint(distinct)
            and self.reserved.isdisjoint(distinct)
        ):
            self.used |= distinct
            return list(bases)
        return list(map(self.allocate, bases))


def normalize_reserved(names: Iterable[str]) -> frozenset[str]:
    return frozenset(n.strip().lower() for n in names if n.strip())
