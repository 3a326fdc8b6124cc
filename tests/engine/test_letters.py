"""Login letters (SPEC §3): an AES-encrypted PDF, one page per new account, sorted by
class, that opens with the protocol's password and only with it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from app.db import session_scope
from app.engine.output import letterpdf
from app.engine.output.letterpdf import build_letters, printable
from app.engine.output.letters import (
    DEFAULT_LETTERS_TEXT,
    LetterEntry,
    get_letters_text,
    letters_entries,
    save_import_letters,
    save_letters,
    set_letters_text,
    sort_entries,
)
from app.engine.reasons import Refused
from app.engine.session import ImportSession
from tests.conftest import HEADER, Importer

PASSWORD = "Klassenfahrt-2026"
ROWS = [
    HEADER,
    ["1001", "Müller", "Jürgen", "5b", "03.05.2014"],
    ["1002", "Weiß", "Anna", "10a, Chor", "01.02.2014"],
    ["1003", "Yılmaz", "Şükrü", "5b", ""],
    ["1004", "Özdemir", "Ömer", "5a", ""],
]


def entry(login: str, school_class: str, last: str = "X", first: str = "Y") -> LetterEntry:
    return LetterEntry(
        last, first, login, school_class, (school_class,), "Pw3Pw3Pw3Pw3", "Ds4Ds4Ds4"
    )


def page_texts(path: Path, password: str = PASSWORD) -> list[str]:
    reader = PdfReader(path)
    assert reader.is_encrypted
    assert reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


@pytest.fixture
def imported(importer: Importer, write_csv: Callable[..., Path]) -> ImportSession:
    session = importer.run(write_csv(ROWS), create_missing_groups="class")
    assert session.plan is not None and session.result is not None
    return session


def test_letters_of_an_import_open_with_the_password(
    engine: Engine, imported: ImportSession, tmp_path: Path
) -> None:
    entries = letters_entries(imported.plan, imported.result)
    assert [e.login for e in entries] == [
        "oemer.oezdemir",  # 5a
        "juergen.mueller",  # 5b, Müller before Yılmaz
        "suekrue.yilmaz",
        "anna.weiss",  # 10a after 5b: classes compare as numbers
    ]
    assert entries[3].school_class == "10a" and entries[3].groups == ("10a", "Chor")
    target = save_import_letters(engine, imported.plan, imported.result, tmp_path / "b", PASSWORD)
    assert target == tmp_path / "b.pdf"
    texts = page_texts(target)
    assert len(texts) == 4
    for text, e in zip(texts, entries, strict=True):
        assert e.login in text
        assert e.password is not None and e.password in text
        assert e.datasafe_password is not None and e.datasafe_password in text
        assert "Meine Schule" in text
    assert "Şükrü Yılmaz" in texts[2]
    assert "Chor" in texts[3]
    assert "Passwort" in texts[0]  # the default instructions
    reader = PdfReader(target)
    assert reader.trailer["/Encrypt"]["/R"] == 6  # AES-256, not RC4
    assert not reader.decrypt("wrong password")


def test_no_plain_text_reaches_the_disk(imported: ImportSession, tmp_path: Path) -> None:
    entries = letters_entries(imported.plan, imported.result)
    folder = tmp_path / "out"
    folder.mkdir()
    path = save_letters(folder / "l.pdf", "Schule", entries, "Text", PASSWORD)
    raw = path.read_bytes()
    for e in entries:
        assert e.login.encode() not in raw
        assert e.password is not None and e.password.encode() not in raw
    assert [p.name for p in folder.iterdir()] == ["l.pdf"]  # no temporary file left


def test_refused_without_a_password_or_entries(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="at least 8"):
        build_letters("Schule", [entry("a", "5a")], "Text", "short")
    with pytest.raises(Refused, match="no new accounts"):
        build_letters("Schule", [], "Text", PASSWORD)
    with pytest.raises(Refused, match="at least 8"):
        save_letters(tmp_path / "x.pdf", "Schule", [entry("a", "5a")], "Text", "")
    assert not (tmp_path / "x.pdf").exists()


def test_sorting_puts_accounts_without_a_class_last() -> None:
    shuffled = [entry("c", ""), entry("b", "10a"), entry("a", "9b", last="B"), entry("d", "9b")]
    assert [e.login for e in sort_entries(shuffled)] == ["a", "d", "b", "c"]


def test_characters_the_font_lacks_are_replaced_visibly() -> None:
    assert printable("Jürgen Weiß Şükrü Yılmaz") == "Jürgen Weiß Şükrü Yılmaz"
    assert printable("山田") == "??"
    pdf = build_letters("Schule", [entry("x", "5a", last="山田", first="太郎")], "", PASSWORD)
    assert pdf.startswith(b"%PDF")


def test_bundled_font_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = letterpdf._font_candidates()[-1]
    assert all(p.is_file() for p in bundled)  # Vera ships inside reportlab
    monkeypatch.setattr(letterpdf, "_font_candidates", lambda: [bundled])
    letterpdf._fonts.cache_clear()
    try:
        assert printable("Şükrü Ğ ı ř") == "Şükrü Ğ ı r"
        assert build_letters("Schule", [entry("x", "5a")], "Text", PASSWORD).startswith(b"%PDF")
    finally:
        letterpdf._fonts.cache_clear()


def test_letters_text_setting(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert get_letters_text(session) == DEFAULT_LETTERS_TEXT
        set_letters_text(session, "  Bitte im Sekretariat melden.  ")
    with session_scope(engine) as session:
        assert get_letters_text(session) == "Bitte im Sekretariat melden."
        set_letters_text(session, "")
        assert get_letters_text(session) == DEFAULT_LETTERS_TEXT


@pytest.mark.skipif(not os.environ.get("SCHOOLIMPORT_SCREENSHOTS"), reason="writes docs/")
def test_render_screenshot(tmp_path: Path) -> None:  # pragma: no cover - docs only
    """``SCHOOLIMPORT_SCREENSHOTS=1`` renders docs/screenshots/letters-page-1.png."""
    import shutil
    import subprocess

    sample = [
        LetterEntry(
            "Yılmaz",
            "Şükrü",
            "suekrue.yilmaz",
            "6a",
            ("6a", "Chor"),
            "Hs7dKq2mWx9pT",
            "Rt4nGv8bZc3yA",
        )
    ]
    path = save_letters(
        tmp_path / "l.pdf", "Gesamtschule Am Weißen Stein", sample, DEFAULT_LETTERS_TEXT, PASSWORD
    )
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    out = Path(__file__).parents[2] / "docs" / "screenshots" / "letters-page-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-singlefile", "-upw", PASSWORD, str(path), str(out)],
        check=True,
    )


def test_reportlab_draws_with_its_c_accelerators() -> None:
    """rl_accel (reportlab[accel]) is installed and used: without it reportlab falls
    back to Python for number formatting, string widths and the page streams' ASCII85
    (6,250 letters took 20 s instead of 12)."""
    from reportlab.lib import rl_accel

    for name in ("fp_str", "asciiBase85Encode", "instanceStringWidthTTF"):
        assert getattr(rl_accel, name).__module__ == "_rl_accel", name
