"""The layers of ``app/`` and the order of the engine's stages (docs/architecture.md).

Two checks: every module of the engine, the models and the command line imports in a
fresh interpreter in which importing PySide6 fails (STYLE rule 1); and every import
statement of ``app/`` — those inside functions and under ``TYPE_CHECKING`` too, read
from the source with :mod:`ast` — goes only where :data:`ENGINE_LAYERS` and
:data:`APP_RULES` allow:

    shared (reasons, german, gcpause, bulk, madelist)  ←  access, reading
    reading  ←  planning  ←  applying, output (neither imports the other)  ←  admin
    everything but ldapsync  ←  session          shared  ←  ldapsync

so reading never imports planning, planning never imports applying, output never
imports applying, and nothing in the engine imports Qt, the wizard or the command line.
The wizard may import the engine, never the reverse; the command line and the wizard
never import each other.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli
import app.engine

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

# The engine's units: a package of app/engine/, or a top-level module's group.
SHARED = {"reasons", "german", "gcpause", "bulk", "madelist"}
STAGES_BELOW_ADMIN = {"shared", "access", "reading", "planning", "applying", "output"}
# unit -> the other units of the engine it may import.
ENGINE_LAYERS: dict[str, set[str]] = {
    "shared": set(),
    "access": {"shared"},
    "reading": {"shared"},
    "planning": {"shared", "reading"},
    "applying": {"shared", "access", "reading", "planning"},
    "output": {"shared", "access", "reading", "planning"},
    "admin": STAGES_BELOW_ADMIN,
    "ldapsync": {"shared"},
    "session": STAGES_BELOW_ADMIN | {"admin"},
}
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# part of app/ -> what it must never import (a name and its submodules).
APP_RULES: dict[str, tuple[str, ...]] = {
    "app": ("pandas",),  # a development dependency (pyproject.toml): tests only
    "app.engine": (*QT, "app.wizard", "app.cli", "app.launcher", "app.selftest", "app.logs"),
    "app.models": (*QT, "app.engine", "app.wizard", "app.cli", "app.db"),
    "app.db": (*QT, "app.wizard", "app.cli"),
    "app.cli": (*QT, "app.wizard"),
    "app.wizard": ("app.cli",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(APP.rglob("*.py")) if "migrations" not in p.parts}


def imports(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, wherever it stands; ``from a import
    b`` counts as ``a.b`` when that is a module, else as ``a``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((node.lineno, full if full in MODULES else base))
    return found


def engine_unit(name: str) -> str | None:
    """The unit of an engine module (None: the package ``app.engine`` itself)."""
    parts = name.split(".")
    if len(parts) == 2:
        return None
    if parts[2] in SHARED:
        return "shared"
    return parts[2]


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_every_engine_module_belongs_to_a_known_unit() -> None:
    units = {engine_unit(n) for n in MODULES if within(n, "app.engine")} - {None}

    assert units - set(ENGINE_LAYERS) == set(), "add the new package to ENGINE_LAYERS"
    assert {m.name for m in pkgutil.iter_modules(app.engine.__path__)} - SHARED - set(
        ENGINE_LAYERS
    ) == set()


def test_the_stage_order_is_closed_under_its_own_imports() -> None:
    """What a unit may import, it may import through another unit too: the rules hold
    for chains of imports, not only for one statement."""
    for unit, allowed in ENGINE_LAYERS.items():
        assert unit not in allowed
        for lower in allowed:
            assert ENGINE_LAYERS[lower] <= allowed, (unit, lower)


def test_the_named_stage_rules() -> None:
    assert "planning" not in ENGINE_LAYERS["reading"]
    assert "applying" not in ENGINE_LAYERS["planning"]
    assert "applying" not in ENGINE_LAYERS["output"]
    assert "output" not in ENGINE_LAYERS["applying"]
    assert not any("session" in allowed for allowed in ENGINE_LAYERS.values())


def test_the_engine_imports_only_what_its_stage_allows() -> None:
    wrong = []
    for name, path in MODULES.items():
        unit = engine_unit(name) if within(name, "app.engine") else "outside"
        if unit == "outside":
            continue
        allowed = set() if unit is None else ENGINE_LAYERS[unit] | {unit}
        for line, target in imports(name, path):
            if within(target, "app.engine") and target != "app.engine":
                if engine_unit(target) not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} ({unit}) imports {target}")
            elif within(target, "app") and not any(
                within(target, ok) for ok in ("app.db", "app.models")
            ):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")

    assert wrong == []


@pytest.mark.parametrize("part", sorted(APP_RULES))
def test_a_part_of_the_application_never_imports_what_it_must_not(part: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for name, path in MODULES.items()
        if within(name, part)
        for line, target in imports(name, path)
        if any(within(target, banned) for banned in APP_RULES[part])
    ]

    assert wrong == []


def test_the_checker_sees_imports_inside_functions() -> None:
    found = {target for _, target in imports("app.cli", APP / "cli" / "__init__.py")}

    assert "app.engine.reasons" in found  # imported inside main()'s handlers only
    assert "app.cli.args" in found


SCRIPT = """
import sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is blocked in the engine")
        return None

sys.meta_path.insert(0, BlockQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok")
"""


def test_engine_models_and_cli_import_without_qt() -> None:
    modules = [
        m.name
        for package in (app.engine, app.cli)
        for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if not m.name.endswith("__main__")
    ] + ["app.cli", "app.models", "app.db"]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
