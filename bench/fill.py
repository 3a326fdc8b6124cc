"""A test district: ``count`` users of ``schools`` other schools, loaded with COPY.

Each school gets the year's classes and courses, its users three memberships each,
and their logins the ``used_logins`` rows an import would have left. Names, birth
dates and logins follow the benchmark's file (``bench/run.py``), so that the imported
school's logins meet some of the district's (``anna-17.mueller`` exists in a few
schools) and its birth dates all of them. One school in ten has its users from
another source (``ldap``): look-alikes of the file's rows are asked of them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Engine, select, text

from app.db import session_scope
from app.engine.admin import directory
from app.engine.planning.logins import LoginScheme
from app.models import SchoolYear

CLASSES = [f"{grade}{letter}" for grade in range(5, 13) for letter in "abcd"]
COURSES = ["Chor", "Theater", "Informatik", "Robotik", "Schach", "Sport"]
STAMP = "2026-08-01 08:00:00"


def fill(engine: Engine, count: int, year_name: str, schools: int = 40) -> float:
    """Add the district to a migrated database; returns the seconds it took."""
    if count <= 0:
        return 0.0
    started = time.perf_counter()
    with session_scope(engine) as session:
        year = session.scalar(select(SchoolYear).where(SchoolYear.name == year_name))
        assert year is not None
        school_groups: list[list[int]] = []
        school_ids: list[int] = []
        for n in range(schools):
            school = directory.add_school(session, f"Schule {n + 1:02d}")
            school_ids.append(school.id)
            kinds = [("class", CLASSES), ("course", COURSES)]
            school_groups.append(
                [
                    directory.add_group(
                        session, name, directory.parse_group_type(kind), year, school_id=school.id
                    ).id
                    for kind, names in kinds
                    for name in names
                ]
            )
    raw = engine.raw_connection()
    try:
        cursor: Any = raw.cursor()
        users = _users(count, school_ids)
        with cursor.copy(
            "COPY users (school_id, source, source_id, account_type, last_name, first_name,"
            " birth_date, login, must_change_password, status, created_at, updated_at)"
            " FROM STDIN"
        ) as copy:
            for row in users:
                copy.write_row(row)
        cursor.execute(
            "SELECT id, school_id, login FROM users WHERE school_id = ANY(%s) ORDER BY id",
            (school_ids,),
        )
        made = cursor.fetchall()
        index = {sid: n for n, sid in enumerate(school_ids)}
        rnd = random.Random(7)
        with cursor.copy(
            "COPY memberships (user_id, group_id, is_admin, created_at) FROM STDIN"
        ) as copy:
            for user_id, school_id, _login in made:
                groups = school_groups[index[school_id]]
                copy.write_row((user_id, groups[user_id % len(CLASSES)], False, STAMP))
                for course in rnd.sample(range(len(CLASSES), len(groups)), 2):
                    copy.write_row((user_id, groups[course], False, STAMP))
        with cursor.copy("COPY used_logins (login, first_used_at, user_id) FROM STDIN") as copy:
            for user_id, _school_id, login in made:
                copy.write_row((login, STAMP, user_id))
        raw.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def _users(count: int, school_ids: list[int]) -> Iterator[tuple[Any, ...]]:
    """Students named like the benchmark's file, logins by the default scheme."""
    from bench.files import FIRST, LAST  # the file's names

    rnd = random.Random(5)
    scheme = LoginScheme()
    used: set[str] = set()
    per_school = -(-count // len(school_ids))
    for k in range(count):
        school_no, n = divmod(k, per_school)
        first, last = f"{rnd.choice(FIRST)} {n}", rnd.choice(LAST)
        base = scheme.base(first, last)
        login, number = base, 2
        while login in used:
            login, number = f"{base}{number}", number + 1
        used.add(login)
        grade = 5 + n % 8
        born = date(2026 - grade - 6, 1 + n % 12, 1 + n % 28)
        source = "ldap" if school_no % 10 == 9 else "table"
        yield (
            school_ids[school_no],
            source,
            f"S{school_no + 1:02d}-{n}",
            "student",
            last,
            first,
            born,
            login,
            True,
            "active",
            STAMP,
            STAMP,
        )
