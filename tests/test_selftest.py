"""The bundle's self-check and launcher, run from the source tree (``make dist-check``
runs the same in the frozen bundle)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app
from app import launcher, selftest

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_and_leaves_nothing_behind(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {name: os.environ.get(name) for name in ("SCHOOLIMPORT_DB", "SCHOOLIMPORT_LOG_DIR")}

    assert selftest.run() == 0

    out = capsys.readouterr().out
    assert "FAILED" not in out
    assert out.count("\nok: ") == 11
    assert "ok: 5 users in the directory" in out
    assert "ok: protocol decrypted: 5 rows with login and password" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed")
    folder = Path(out.splitlines()[0].rsplit(" in ", 1)[1])
    assert not folder.exists()  # the temporary database, log and protocol are gone
    assert {name: os.environ.get(name) for name in before} == before


def test_self_test_reports_a_failing_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "SAMPLE", "resources/samples/missing.csv")

    assert selftest.run() == 1

    out = capsys.readouterr().out
    assert "FAILED: sample file missing" in out
    assert "self-test failed" in out
    assert "ok: 5 users" not in out  # it stops at the first failure


def test_resource_path_finds_the_sample_in_the_source_tree() -> None:
    assert selftest.resource_path(selftest.SAMPLE) == ROOT / "resources/samples/schueler.csv"
    assert selftest.resource_path(selftest.SAMPLE).is_file()


def test_resource_path_looks_in_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert selftest.resource_path(selftest.SAMPLE) == tmp_path / "resources/samples/schueler.csv"


def test_launcher_version_prints_the_package_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.launcher", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"schoolimport {app.__version__}\n"
    assert app.__version__ != "0.0.0"  # the metadata is there (pip install -e .)


def test_launcher_cli_runs_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert launcher.main(["--cli", "--version"]) == 0
    assert capsys.readouterr().out == f"schoolimport {app.__version__}\n"
    assert launcher.main(["--cli", "no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_launcher_cli_twin_executable_needs_no_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(Path("C:/Programs/schoolimport-cli.exe")))

    assert launcher.main(["--help"]) == 0

    out = capsys.readouterr().out
    assert "usage: schoolimport" in out and "COMMAND" in out  # the command line's own help
    assert "--self-test" not in out


def test_launcher_help_lists_the_modes(capsys: pytest.CaptureFixture[str]) -> None:
    assert launcher.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--self-test" in out and "--cli" in out


def _imports(tree: ast.AST) -> Iterator[tuple[str, bool]]:
    """(module, inside a function) of every import in ``tree``, outside
    ``if TYPE_CHECKING:`` blocks."""

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                yield from ((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                yield child.module, in_function
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            yield from walk(child, inside)

    return walk(tree, False)


def test_every_module_imported_only_inside_a_function_is_checked_by_the_self_test() -> None:
    """A module imported only where it is used (docs/architecture.md, "Start-up") is
    in the bundle only if the analysis finds it; the self-test imports each one."""
    top_level: set[str] = set()
    in_functions: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for module, inside in _imports(ast.parse(path.read_text("utf-8"))):
            (in_functions if inside else top_level).add(module)

    def unit(module: str) -> str:  # our modules one by one, the others by package
        return module if module.startswith("app.") else module.split(".")[0]

    eager = {unit(m) for m in top_level}
    lazy = {
        unit(m)
        for m in in_functions
        if unit(m) not in eager and m.split(".")[0] not in sys.stdlib_module_names
    } - {"PySide6", "app"}
    checked = {unit(m) for m in selftest.LAZY_IMPORTS} | {
        "app.cli",
        "app.selftest",
        "app.wizard.main",
    }

    assert sorted(lazy - checked) == []
