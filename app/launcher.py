"""The entry point of the bundled program (``installer/schoolimport.spec``).

One executable offers everything an installation needs::

    schoolimport                  the desktop application
    schoolimport --version        "schoolimport X.Y.Z" (from the package metadata)
    schoolimport --self-test      the headless self-check (app/selftest.py), exit 0 or 1
    schoolimport --cli ARGS…      the command line, as the ``schoolimport`` console script

An executable whose name ends in ``-cli`` (``schoolimport-cli.exe``, the console twin
of the windowed Windows build) is the command line without ``--cli`` (``--self-test``
still works there). Only the chosen
front end is imported, so ``--version`` and the command line start without Qt.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

USAGE = """usage: schoolimport [--version | --self-test | --cli ARGS... | --help]

  (no option)    start the desktop application
  --version      print the version and exit
  --self-test    run the headless self-check (temporary database, sample import)
  --cli ARGS...  run the command line, e.g. --cli import --help
"""


def _console_streams() -> None:
    """A windowed Windows build has no stdout/stderr (None): borrow the console of the
    command prompt that started it, else write nowhere rather than fail."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    attached = False
    if sys.platform == "win32":
        import ctypes

        attach_parent_process = -1
        attached = bool(ctypes.windll.kernel32.AttachConsole(attach_parent_process))
    target = "CONOUT$" if attached else os.devnull
    if sys.stdout is None:
        sys.stdout = open(target, "w", encoding="utf-8", errors="replace")
    if sys.stderr is None:
        sys.stderr = open(target, "w", encoding="utf-8", errors="replace")


def _is_cli_executable() -> bool:
    return bool(getattr(sys, "frozen", False)) and Path(sys.executable).stem.endswith("-cli")


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if _is_cli_executable() and args[:1] != ["--self-test"]:
        args = ["--cli", *args]
    first = args[0] if args else ""
    if first in ("--version", "--self-test", "--cli", "--help", "-h"):
        _console_streams()
    if first == "--version":
        from app import __version__

        sys.stdout.write(f"schoolimport {__version__}\n")
        return 0
    if first in ("--help", "-h"):
        sys.stdout.write(USAGE)
        return 0
    if first == "--self-test":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from app import selftest

        return selftest.run()
    if first == "--cli":
        from app import cli

        try:
            return cli.main(args[1:])
        except SystemExit as exc:  # argparse's --help, --version and usage errors
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    from app.wizard.main import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
