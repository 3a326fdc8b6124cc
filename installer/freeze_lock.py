"""Write requirements.lock from the environment this interpreter runs in (``make lock``).

The lock is a pip constraints file: one ``name==version`` per installed distribution,
the project itself left out, under a header that says what the file is. Packages
installed from a local file or a VCS URL are refused: a lock must name what any
machine can fetch from the registry.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEADER = """\
# The tested set of packages the application installs: pip constraints, one pin per
# package of a resolved environment in which `make lock` ran the whole test suite, the
# Qt binding guard (tests/wizard/test_binding_refcount.py) and the soak run.
# `make run`, `make test`, `.ci/run` and the PyInstaller build install with
# `pip install -c requirements.lock`, so every machine runs what CI ran. pyproject.toml
# keeps the libraries' open ranges; this lock is the application's.
# Upgrade on purpose with `make lock` (see README), never by hand.
# Platform: CPython 3.11 on Linux x86_64; packages of other platforms (pywin32-ctypes on
# Windows) are not pinned here and resolve within pyproject.toml's ranges.
"""


def main() -> int:
    target = Path(sys.argv[1])
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    pins = sorted((line for line in frozen if line and not line.startswith("#")), key=str.lower)
    unpinned = [line for line in pins if "==" not in line]
    if unpinned:
        sys.stderr.write(f"freeze_lock: not from the registry: {', '.join(unpinned)}\n")
        return 2
    target.write_text(HEADER + "\n".join(pins) + "\n", encoding="utf-8")
    sys.stdout.write(f"{target}: {len(pins)} packages\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
