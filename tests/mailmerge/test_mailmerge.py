"""A real mail merge proves the protocol (SPEC §2.8, §6): LibreOffice opens the
encrypted protocol with its password (and refuses a wrong one), and a Writer mail
merge over it makes exactly one letter per new account, each holding that account's
login and initial password as the protocol has them — a name that looks like a formula
printed as it is — and none for the skipped duplicate or the invalid row.

Runs where LibreOffice and its Python bridge are installed (Debian:
libreoffice-writer, libreoffice-calc, libreoffice-base, python3-uno; ``.ci/run``
installs them); skipped elsewhere. The merge runs in LibreOffice's own Python
(``uno_merge.py``), which prints the figures this test reports.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from app.cli import main

PASSWORD = "Serienbrief-2026"
SCRIPT = Path(__file__).with_name("uno_merge.py")
OFFICE_PYTHON = "/usr/bin/python3"
ROWS = [
    "Interne ID-Nummer;Nachname;Vorname;Klasse",
    "1001;Müller;Jürgen;5a",
    "1002;Weiß;Anna;5a",
    "1002;Weiß;Anna-Doppelt;5a",  # the same ID twice: the first row is kept, this one skipped
    '1003;=HYPERLINK("http://x","y");Ömer;5b',  # looks like a formula: printed as it is
    "1004;Ohne;;5b",  # no first name: invalid
]

pytestmark = pytest.mark.slow


def _office_ready() -> bool:
    if shutil.which("soffice") is None or not Path(OFFICE_PYTHON).exists():
        return False
    probe = subprocess.run(
        [OFFICE_PYTHON, "-c", "import uno"], capture_output=True, check=False, timeout=60
    )
    return probe.returncode == 0


def _protocol_rows(path: Path) -> list[list[str]]:
    plain = io.BytesIO()
    with path.open("rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    sheet = openpyxl.load_workbook(plain).worksheets[0]
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def _letter_text(path: Path) -> str:
    content = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    body = content.split("<office:text", 1)[1]
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(text.replace("&quot;", '"').replace("&amp;", "&").split())


@pytest.mark.skipif(not _office_ready(), reason="LibreOffice with python3-uno is not installed")
def test_a_writer_mail_merge_makes_one_letter_per_new_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    source = tmp_path / "schueler.csv"
    source.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    protocol = tmp_path / "protokoll.xlsx"
    monkeypatch.setenv("PROTOCOL_PASSWORD", PASSWORD)
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "year", "add", "2026/27", "--start", "2026-08-01",
                 "--end", "2027-07-31", "--current"]) == 0  # fmt: skip
    capsys.readouterr()
    code = main([
        "--db", db, "import", str(source), "--year", "2026/27", "--account-type", "student",
        "--create-missing-groups", "class", "--on-conflict", "keep", "--language", "de",
        "--protocol", str(protocol), "--protocol-password-env", "PROTOCOL_PASSWORD", "--json",
    ])  # fmt: skip
    counts = json.loads(capsys.readouterr().out)
    assert code == 0 and (counts["created"], counts["skipped"], counts["invalid"]) == (3, 1, 1)
    header, *rows = _protocol_rows(protocol)
    login, secret = header.index("Benutzername"), header.index("Startpasswort")
    new = {row[login]: row for row in rows if row[secret]}
    assert len(new) == 3

    out = tmp_path / "briefe"
    merged = subprocess.run(
        [OFFICE_PYTHON, str(SCRIPT), str(protocol), PASSWORD, str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert merged.returncode == 0, merged.stderr[-2000:]
    result = json.loads(merged.stdout.strip().splitlines()[-1])
    assert result["wrong_password_refused"]
    assert result["columns"] == header
    letters = [_letter_text(out / name) for name in result["letters"]]
    assert len(letters) == len(new) == 3  # one per new account, none for the other rows
    found: dict[str, str] = {}
    for text in letters:
        (account,) = [name for name in new if f"Benutzername: {name} " in text + " "]
        assert f"Startpasswort: {new[account][secret]}" in text
        found[account] = text
    assert sorted(found) == sorted(new)
    hostile = next(text for text in letters if "Ömer" in text)
    assert 'Ömer =HYPERLINK("http://x","y") Benutzername' in hostile  # exactly, no apostrophe
    print(f"mail merge: {len(letters)} letters in {result['seconds']} s")  # noqa: T201
