"""Which language the command line's files are written in when ``--language`` is not
given: the locale's variables, else (Windows sets none) the system's interface."""

from __future__ import annotations

import os

import pytest

from app.cli import args

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("variable", "value", "language"),
    [
        ("LANG", "de_DE.UTF-8", "de"),
        ("LANG", "de_AT.UTF-8", "de"),
        ("LANG", "en_GB.UTF-8", "en"),
        ("LANG", "C.UTF-8", "en"),
        ("LC_ALL", "de_CH.UTF-8", "de"),
    ],
)
def test_the_locale_variables_name_the_language(
    no_locale: pytest.MonkeyPatch, variable: str, value: str, language: str
) -> None:
    no_locale.setenv(variable, value)
    assert args.locale_language() == language


def test_the_first_variable_set_wins_over_the_system(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LC_ALL", "en_US.UTF-8")
    no_locale.setenv("LANG", "de_DE.UTF-8")
    no_locale.setattr(args, "windows_ui_language", lambda: 0x07)
    assert args.locale_language() == "en"


@pytest.mark.parametrize(("primary", "language"), [(0x07, "de"), (0x09, "en"), (None, "en")])
def test_without_variables_the_system_interface_decides(
    no_locale: pytest.MonkeyPatch, primary: int | None, language: str
) -> None:
    """A German Windows (primary language 0x07 of GetUserDefaultUILanguage) sets no
    LANG: its administrator gets German files, as in the window."""
    no_locale.setattr(args, "windows_ui_language", lambda: primary)
    assert args.locale_language() == language


def test_the_system_interface_is_asked_only_on_windows() -> None:
    if os.name == "nt":
        assert isinstance(args.windows_ui_language(), int)
    else:
        assert args.windows_ui_language() is None


def test_the_parser_takes_the_system_language_as_default(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setattr(args, "windows_ui_language", lambda: 0x07)
    from app.cli import build_parser

    parsed = build_parser().parse_args(["template", "--account-type", "student", "t.xlsx"])
    assert parsed.language == "de"
