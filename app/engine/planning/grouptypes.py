"""The type a new group probably has, from its name as school offices write them.

Classes: a grade and letters ("5a", "10b", "7 c", "05A"), or the upper school's
grades ("EF", "E1", "Q1", "Q2", "J11", "K12"). Teams: a subject department
("Fachschaft Deutsch"), a working group ("AG Robotik"), staff bodies. Courses: the
upper school's course names ("D-GK1", "M LK 2", "Kurs Chemie"). Anything else is
unknown (None): the user chooses.
"""

from __future__ import annotations

import re

_CLASS = re.compile(
    r"""^(?:
        0?(?:[1-9]|1[0-3])\s*[a-z]{0,3}      # 5a, 10b, 7 c, 05A, 13
      | (?:EF|E[12]|Q[1-4]|J\s?1[1-3]|K\s?1[1-3]|11|12|13)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEAM = re.compile(
    r"^(?:fachschaft|fachgruppe|fachkonferenz|ag|arbeitsgemeinschaft|arbeitsgruppe|team"
    r"|kollegium|lehrer|lehrkräfte|steuergruppe|schulleitung|verwaltung|sekretariat|chor"
    r"|orchester|band|schülervertretung|sv|elternbeirat)\b",
    re.IGNORECASE,
)
_COURSE = re.compile(r"(?:^kurs\b|\b[GL]K\s?\d*$|-[GL]K|\bLK\b|\bGK\b)", re.IGNORECASE)


def guess_group_type(name: str) -> str | None:
    """ "class", "team", "course", or None when the name does not tell."""
    text = name.strip()
    if _CLASS.match(text):
        return "class"
    if _TEAM.match(text):
        return "team"
    if _COURSE.search(text):
        return "course"
    return None
