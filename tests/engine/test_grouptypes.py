"""The type a new group gets by default, guessed from its name."""

from __future__ import annotations

import pytest

from app.engine.planning.grouptypes import guess_group_type


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("5a", "class"),
        ("10b", "class"),
        ("7 c", "class"),
        ("05A", "class"),
        ("Q1", "class"),
        ("Q2", "class"),
        ("EF", "class"),
        ("E1", "class"),
        ("Fachschaft Deutsch", "team"),
        ("AG Robotik", "team"),
        ("Chor", "team"),
        ("D-GK1", "course"),
        ("M LK 2", "course"),
        ("Kurs Chemie", "course"),
        ("Teamer", None),
        ("Schulsanitäter", None),
        ("14a", None),
        ("5abcd", None),
    ],
)
def test_guess_group_type(name: str, kind: str | None) -> None:
    assert guess_group_type(name) == kind
