"""Handing the new passwords over: the protocol and the letters a run (an import or a
password reset) writes *before* its commit (SPEC §6 "Passwords never lost").

:class:`Handover` names what the user asked for (protocol, letters, password,
language). Inside the run's transaction :meth:`Handover.stage` builds the encrypted
files, writes them completely beside their targets and records them; only then does
the run commit. :meth:`Handover.publish` moves them into place afterwards. A failure
to write rolls the run back; a process killed between commit and move leaves the
staged files and their record for the next start (:mod:`app.engine.output.outputs`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine

from app.db import session_scope
from app.engine.output import outputs
from app.engine.output.letters import LetterEntry, letters_texts
from app.engine.output.outputs import Staged
from app.engine.output.protocol import (
    PROTOCOL_HEADERS,
    check_password,
    protocol_bytes,
    protocol_path,
)

log = logging.getLogger(__name__)

# The protocol's rows, made once the run knows its logins and passwords.
RowsMaker = Callable[[str], list[list[str]]]
# The letters' entries, likewise.
EntriesMaker = Callable[[], list[LetterEntry]]


@dataclass(slots=True)
class Handover:
    """What to write before the commit, and what was written."""

    password: str
    protocol: Path | None = None
    letters: Path | None = None
    language: str = "de"
    overwrite: bool = False
    school_name: str = ""
    letters_text: dict[str, str] = field(default_factory=dict)
    staged: list[Staged] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.protocol is not None:
            self.protocol = protocol_path(self.protocol)
        if self.letters is not None and self.letters.suffix.lower() != ".pdf":
            self.letters = self.letters.with_name(self.letters.name + ".pdf")

    def check(self, inputs: Sequence[Path] = ()) -> None:
        """Refuse bad targets and a short password before anything runs."""
        check_password(self.password)
        outputs.check_targets((self.protocol, self.letters), inputs, self.overwrite)

    def load_school(self, engine: Engine, school_id: int) -> None:
        """The school's name and letter text, read before the run's transaction."""
        with session_scope(engine) as session:
            from app.models import School  # the ORM: for a run only

            school = session.get(School, school_id)
            self.school_name = school.name if school is not None else ""
            self.letters_text = letters_texts(session)

    def stage(self, conn: Connection, run_id: int, rows: RowsMaker, entries: EntriesMaker) -> None:
        """Write the encrypted files beside their targets and note them in ``conn``'s
        transaction. Raises :class:`~app.engine.reasons.Refused` when one cannot be
        written; what was staged is removed then."""
        try:
            if self.protocol is not None:
                headers = list(PROTOCOL_HEADERS[self.language])
                data = protocol_bytes(
                    self.protocol, headers, rows(self.language), self.password, self.school_name
                )
                self.staged.append(outputs.stage(self.protocol, data, run_id))
            letters = entries() if self.letters is not None else []
            if self.letters is not None and letters:
                # Imported here: reportlab and pypdf are needed only for letters.
                from app.engine.output.letterpdf import build_letters

                data = build_letters(
                    self.school_name, letters, self.letters_text, self.password, self.language
                )
                self.staged.append(outputs.stage(self.letters, data, run_id))
        except BaseException:
            self.discard()
            raise
        if self.staged:
            outputs.record_pending(conn, run_id, self.staged)

    def discard(self) -> None:
        for staged in self.staged:
            staged.discard()
        self.staged = []

    def publish(self, engine: Engine, run_id: int) -> list[Path]:
        """Move the staged files into place (after the commit) and drop the record."""
        if not self.staged:
            return []
        if os.environ.get(outputs.TEST_EXIT_ENV):
            os._exit(int(os.environ[outputs.TEST_EXIT_ENV]))  # tests: killed right here
        self.saved = [staged.publish() for staged in self.staged]
        self.staged = []
        outputs.clear_pending(engine, run_id)
        for path in self.saved:
            what = "protocol" if path == self.protocol else "letters"
            log.info("%s saved (encrypted): %s", what, path.name)
        return self.saved
