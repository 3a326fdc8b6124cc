"""The engine and the models never import Qt (STYLE rule 1): checked in a fresh
interpreter in which importing PySide6 fails."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app.engine

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
import app.cli
print("ok")
"""


def test_engine_models_and_cli_import_without_qt():
    modules = [f"app.engine.{m.name}" for m in pkgutil.iter_modules(app.engine.__path__)] + [
        "app.models",
        "app.db",
    ]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
