"""The encoding and the delimiter of a CSV file, by small deterministic heuristics.

A general-purpose detector was seen guessing cp1250 for German Windows-1252 files, so
the guesses here are the few a school office's exports need: a byte order mark, UTF-8,
Windows-1252 (or Windows-1254 when the letters say Turkish), Shift-JIS; and the most
consistent of ``; , TAB |`` over the first records.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from app.engine.reasons import Message, Reason, Refused

DELIMITERS = (";", ",", "\t", "|")  # in order of preference on a tie
SNIFF_RECORDS = 50
_SNIFF_CHARS = 64 * 1024
_ENCODING_SAMPLE_CHARS = 100_000
_TURKISH_IN_CP1252 = frozenset("ÐÝÞðýþ")
# Every byte but those where Windows-1252 differs from Latin-1 (0x80-0x9F): deleting
# them leaves the C1 bytes alone, so a file without one makes no copy of itself.
_NOT_C1_BYTES = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)
# The two bytes of a letter À-ſ (U+00C0-U+017F) in UTF-8.
_UTF8_LATIN = re.compile(rb"[\xc3-\xc5][\x80-\xbf]")
_UTF8_LATIN_LEADS = (b"\xc3", b"\xc4", b"\xc5")  # each found by memchr, before the pattern


def detect_encoding(data: bytes) -> str:
    """The encoding :func:`read_table` uses for these bytes when asked for "auto"."""
    return bom_encoding(data) or guess_encoding(data)[0]


def refuse_mixed_utf8(path: Path, data: bytes) -> None:
    """Refuse a file whose lines mix UTF-8 with another encoding (pasted together):
    any single guess would silently garble part of the names."""
    if not any(map(data.__contains__, _UTF8_LATIN_LEADS)) or _UTF8_LATIN.search(data) is None:
        return  # no line holds UTF-8 letters À-ſ, so none can be a UTF-8 name line
    utf8_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            if _looks_like_utf8_names(text):
                utf8_line = utf8_line or number
        if utf8_line and other_line:
            lines = {"utf8_line": utf8_line, "other_line": other_line}
            detail = Message(Reason.MIXED_ENCODINGS, lines)
            raise Refused(Reason.ENCODING, file=str(path), encoding="one encoding", detail=detail)


def _looks_like_utf8_names(text: str) -> bool:
    """Accented Latin letters (À-ſ) and nothing else beyond ASCII: what a UTF-8 name
    line is. One letter is enough ("Müller"): the Windows-1252 text that decodes to
    one is a capital Ã, Ä or Å followed by a symbol or by ¡-¿, which names do not
    have; two or more were never found in a simulation of 100,000 random Windows-1252
    files."""
    wide = [char for char in text if char >= "\x80"]
    return len(wide) >= 1 and all("À" <= c <= "ſ" and c not in "×÷" for c in wide)


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return encoding
    return None


def guess_encoding(data: bytes) -> tuple[str, str]:
    """Strict UTF-8, then Shift-JIS or Windows-1252/1254, then ISO-8859-15."""
    utf8 = _try_decode(data, "utf-8")
    if utf8 is not None:
        return "utf-8", utf8
    japanese = _try_shift_jis(data)
    if japanese is not None and _looks_japanese(japanese[1]):
        return japanese
    western = _cp1252(data)
    if western is not None:
        return _maybe_turkish(data, western)
    return "iso-8859-15", data.decode("iso-8859-15")  # decodes any byte


def _try_decode(data: bytes, encoding: str) -> str | None:
    if len(data) > _PROBE_BYTES and not _prefix_decodes(data, encoding):
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# A failed decoding copies all the bytes into its error (2.8 MB: 1.3-1.6 ms, for each
# of UTF-8, Shift-JIS and cp932 that a Windows-1252 file is tried as); a prefix first.
_PROBE_BYTES = 64 * 1024


def _prefix_decodes(data: bytes, encoding: str) -> bool:
    """False when the first bytes already hold an invalid sequence, so that the whole
    cannot decode: an incremental decoder that is not told the end keeps a sequence
    cut off at the prefix's end for later and raises only on one that is invalid."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data[:_PROBE_BYTES], final=False)
    except UnicodeDecodeError:
        return False
    return True


def _cp1252(data: bytes) -> str | None:
    """Windows-1252 is Latin-1 but for 0x80-0x9F: without those bytes, the decoding is a
    copy (a table lookup per byte otherwise). (They are looked for by deleting every
    other byte: a search that copies the file's 2.8 MB took twice as long.)"""
    if not data.translate(None, _NOT_C1_BYTES):
        return data.decode("latin-1")
    return _try_decode(data, "cp1252")


def _try_shift_jis(data: bytes) -> tuple[str, str] | None:
    text = _try_decode(data, "shift_jis")
    if text is not None:
        return "shift_jis", text
    # cp932 (Windows) adds NEC/IBM characters, but also maps stray bytes to the private
    # use area, which Windows-1252 text would then "decode" to.
    text = _try_decode(data, "cp932")
    if text is None or any("\ue000" <= ch <= "\uf8ff" or ch == "\x80" for ch in text):
        return None
    return "cp932", text


def _looks_japanese(text: str) -> bool:
    """Whether Shift-JIS-decoded text is Japanese rather than misread Windows-1252.

    Misread Western letters become rare kanji (lead bytes 0xE0-0xFC: à-ü and a letter),
    Cyrillic or box drawing („ and a letter), or half-width katakana ﾀ-ﾟ (À-ß); Japanese
    text mostly has kana, punctuation and common kanji, and ｱ-ｿ if half-width (¡-¿).
    """
    votes: Counter[bool] = Counter()
    full_width = False
    for char in text[:_ENCODING_SAMPLE_CHARS]:
        if char >= "\x80":
            vote = _japanese_vote(char)
            if vote is not None:
                votes[vote] += 1
                full_width = full_width or (vote and not "\uff61" <= char <= "\uff9f")
    # Half-width katakana alone is no evidence: UTF-8 letters read as Shift-JIS are
    # nothing else ("Müller" is "Mﾃｼller"), and a school's Japanese export has kanji.
    return full_width and votes[True] > votes[False]


@lru_cache(maxsize=4096)
def _japanese_vote(char: str) -> bool | None:
    if "\uff61" <= char <= "\uff9f":  # half-width katakana
        return True if char <= "\uff7f" else None  # ｡-ｿ are ¡-¿ in Windows-1252; ﾀ-ﾟ À-ß
    try:
        lead = char.encode("cp932")[0]
    except UnicodeEncodeError:
        return None
    if lead == 0x81 or "\u3040" <= char <= "\u30ff" or "\uff01" <= char <= "\uff5e":
        return True  # Japanese punctuation, kana, full-width letters and digits
    return "\u4e00" <= char <= "\u9fff" and lead < 0xE0  # common kanji vs à-ü + letter


def _maybe_turkish(data: bytes, western: str) -> tuple[str, str]:
    # Ð Ý Þ ð ý þ are Icelandic, and next to never in a German or French school list;
    # in Windows-1254 the same bytes are the everyday Turkish Ğ İ Ş ğ ı ş.
    sample = western[:_ENCODING_SAMPLE_CHARS]  # (six searches of it, each in C)
    if any(map(sample.__contains__, _TURKISH_IN_CP1252)):
        turkish = _try_decode(data, "cp1254")
        if turkish is not None:
            return "cp1254", turkish
    return "cp1252", western


def sniff_delimiter(text: str) -> str:
    """The most consistent of ``; , TAB |`` over the first records (quotes respected)."""
    counts = _delimiter_counts(text)
    best = max(DELIMITERS, key=lambda delimiter: _consistency(delimiter, counts))
    return best if _consistency(best, counts)[2] > 0 else ","


def _consistency(delimiter: str, counts: list[Counter[str]]) -> tuple[bool, int, float]:
    """(steady in at least 90 % of records, how many per record, share of such records)."""
    per_record = [count[delimiter] for count in counts]
    present = Counter(n for n in per_record if n)
    if not present:
        return False, 0, 0.0
    usual, records = present.most_common(1)[0]
    share = records / len(per_record)
    steady = share >= 0.9
    return steady, usual if steady else 0, share


def _delimiter_counts(text: str) -> list[Counter[str]]:
    """Per record, how often each candidate occurs outside quotes."""
    sample = text[:_SNIFF_CHARS]
    counts: list[Counter[str]] = []
    current: Counter[str] = Counter()
    quoted, blank = False, True
    for char in sample:
        if char == '"':
            quoted, blank = not quoted, False
        elif quoted:
            continue
        elif char in "\r\n":
            if not blank:
                counts.append(current)
                if len(counts) >= SNIFF_RECORDS:
                    return counts
            current, blank = Counter(), True
        else:
            blank = blank and char.isspace()
            if char in DELIMITERS:
                current[char] += 1
    # A cut-off last record would mislead, unless it is all there is (very long lines).
    if not blank and (len(text) <= _SNIFF_CHARS or not counts):
        counts.append(current)
    return counts
