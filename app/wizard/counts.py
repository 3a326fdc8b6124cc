"""The wizard's counts as sentences with singular and plural ("1 Konto wird angelegt",
"2 Konten werden angelegt"): what a plan will do, and what a run did. Zero counts are
left out, so a sentence names only what happens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.engine.planning.results import ImportSummary
from app.wizard.formats import counted


def _word(part: Callable[[int], str], n: int) -> str:
    return counted(part(n), n)


# The plan, before the run: (count name, sentence part).
_PLANNED: tuple[tuple[str, Callable[[int], str]], ...] = (
    (
        "created",
        lambda n: QCoreApplication.translate("Counts", "%n account will be created", None, n),
    ),
    ("updated", lambda n: QCoreApplication.translate("Counts", "%n will be updated", None, n)),
    (
        "reactivated",
        lambda n: QCoreApplication.translate("Counts", "%n will be reactivated", None, n),
    ),
    (
        "expired",
        lambda n: QCoreApplication.translate("Counts", "%n will be released for deletion", None, n),
    ),
    ("unchanged", lambda n: QCoreApplication.translate("Counts", "%n unchanged", None, n)),
    ("skipped", lambda n: QCoreApplication.translate("Counts", "%n left out", None, n)),
    ("invalid", lambda n: QCoreApplication.translate("Counts", "%n invalid", None, n)),
    ("conflicts", lambda n: QCoreApplication.translate("Counts", "%n open conflict", None, n)),
    (
        "groups_created",
        lambda n: QCoreApplication.translate("Counts", "%n group will be created", None, n),
    ),
)
_DONE: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("created", lambda n: QCoreApplication.translate("Counts", "%n account created", None, n)),
    ("updated", lambda n: QCoreApplication.translate("Counts", "%n updated", None, n)),
    ("reactivated", lambda n: QCoreApplication.translate("Counts", "%n reactivated", None, n)),
    (
        "expired",
        lambda n: QCoreApplication.translate("Counts", "%n released for deletion", None, n),
    ),
    ("unchanged", lambda n: QCoreApplication.translate("Counts", "%n unchanged", None, n)),
    ("skipped", lambda n: QCoreApplication.translate("Counts", "%n left out", None, n)),
    ("invalid", lambda n: QCoreApplication.translate("Counts", "%n invalid", None, n)),
    (
        "conflicts",
        lambda n: QCoreApplication.translate("Counts", "%n conflict not resolved", None, n),
    ),
    ("groups_created", lambda n: QCoreApplication.translate("Counts", "%n group created", None, n)),
)
_CHANGES = ("created", "updated", "reactivated", "expired")


def _sentence(summary: ImportSummary, parts: tuple[tuple[str, Callable[[int], str]], ...]) -> str:
    changes = [
        _word(word, getattr(summary, name))
        for name, word in parts
        if name in _CHANGES and getattr(summary, name)
    ]
    rest = [
        _word(word, getattr(summary, name))
        for name, word in parts
        if name not in _CHANGES and getattr(summary, name)
    ]
    if not changes:
        changes = [QCoreApplication.translate("Counts", "no account changes")]
    return "; ".join(", ".join(group) for group in (changes, rest) if group) + "."


def planned(summary: ImportSummary) -> str:
    """What the import will do: "31 Konten werden angelegt, 2 werden aktualisiert; …"."""
    return _sentence(summary, _PLANNED)


def done(summary: ImportSummary) -> str:
    """What the import did: "31 Konten angelegt; 5 Gruppen angelegt."."""
    return _sentence(summary, _DONE)


def left_out(summary: ImportSummary) -> int:
    """Rows of the file the run will not import: open conflicts, unticked, invalid."""
    return summary.conflicts + summary.skipped + summary.invalid


def left_out_reasons(summary: ImportSummary) -> str:
    """Why rows are left out, one part per reason ("" when none are)."""
    parts: list[tuple[int, Callable[[int], str]]] = [
        (
            summary.conflicts,
            lambda n: QCoreApplication.translate(
                "Counts", "%n row with an open conflict (resolve it to import it)", None, n
            ),
        ),
        (
            summary.skipped,
            lambda n: QCoreApplication.translate("Counts", "%n row unticked or skipped", None, n),
        ),
        (
            summary.invalid,
            lambda n: QCoreApplication.translate("Counts", "%n invalid row", None, n),
        ),
    ]
    words = [_word(part, n) for n, part in parts if n]
    if not words:
        return ""
    total = left_out(summary)
    head = QCoreApplication.translate("Counts", "%n row of the file will be left out:", None, total)
    return counted(head, total) + " " + ", ".join(words) + "."
