"""Interface language: the setting, the choice, and loading the translations.

The sources are Qt Linguist files, ``resources/translations/schoolimport_<lang>.ts``
(made with ``pyside6-lupdate``, German filled in by hand). They are compiled to ``.qm``
on first use: :func:`compiled_translation` runs ``pyside6-lrelease`` (shipped with
PySide6-Essentials) into the user cache folder, under a name that carries a digest of
the ``.ts`` (two installations of different versions share that folder, and a newer
``.qm`` of the other one must not pass for this one's). Where ``lrelease`` is
unavailable (a stripped-down build), :class:`TsTranslator` reads the ``.ts`` XML
directly, so the interface is translated either way.

The language is German when the setting says ``de``, or when it says ``system`` (the
default) and the system locale is German; English otherwise.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.wizard import texts

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGE_KEY = "ui/language"
LANGUAGES = ("system", "de", "en")


def app_settings() -> QSettings:
    return QSettings("schoolimport", "schoolimport")


def chosen_language(settings: QSettings) -> str:
    """ "de" or "en", from the setting or else the system locale."""
    value = str(settings.value(LANGUAGE_KEY, "system"))
    if value in ("de", "en"):
        return value
    return "de" if QLocale.system().language() == QLocale.Language.German else "en"


class TsTranslator(QTranslator):
    """Translations read straight from a Linguist ``.ts`` file (fallback)."""

    def __init__(self, ts_file: Path) -> None:
        super().__init__()
        # (context, source) -> the translation, or its singular and plural forms
        self._table: dict[tuple[str, str], str | tuple[str, ...]] = {}
        root = ET.parse(ts_file).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                node = message.find("translation")
                if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                key = (name, message.findtext("source", ""))
                forms = tuple(form.text or "" for form in node.iter("numerusform"))
                if forms:
                    self._table[key] = forms
                elif node.text and node.text.strip():
                    self._table[key] = node.text

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        found = self._table.get((context, source_text), "")
        if isinstance(found, tuple):  # German and English: one, and everything else
            return found[0] if n == 1 or len(found) == 1 else found[1]
        return found

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return not self._table


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease")


def compiled_translation(ts_file: Path, cache: Path | None = None) -> Path | None:
    """The ``.qm`` for ``ts_file`` in the cache, compiled when missing or stale."""
    beside = ts_file.with_suffix(".qm")  # compiled into the bundle by the installer spec
    if getattr(sys, "frozen", False) and beside.exists():
        return beside
    target_dir = cache or user_cache_path("schoolimport", appauthor=False) / "translations"
    digest = hashlib.sha256(ts_file.read_bytes()).hexdigest()[:16]
    target = target_dir / f"{ts_file.stem}-{digest}.qm"
    if target.exists():
        return target
    tool = _lrelease()
    if tool is None:
        return None
    target_dir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [tool, "-silent", str(ts_file), "-qm", str(target)],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return target if target.exists() else None


def load_translator(language: str, cache: Path | None = None) -> QTranslator | None:
    """A translator for ``language``, or None when the sources are not there."""
    ts_file = TRANSLATIONS / f"schoolimport_{language}.ts"
    if not ts_file.exists():
        return None
    qm_file = compiled_translation(ts_file, cache)
    if qm_file is not None:
        translator = QTranslator()
        if translator.load(str(qm_file)):
            return translator
    return TsTranslator(ts_file)


def install_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our and Qt's own translators (Back/Next/Cancel, dialogs) and tell
    :mod:`texts`; the caller keeps the returned translators alive. English loads ours
    too: its counts take singular or plural ("1 row", "2 rows") from it."""
    texts.set_language(language)
    installed: list[QTranslator] = []
    qt_own = QTranslator()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_own.load(f"qtbase_{language}", qt_folder):
        installed.append(qt_own)
    ours = load_translator(language)
    if ours is not None:
        installed.append(ours)
    for translator in installed:
        app.installTranslator(translator)
    return installed
