"""schoolimport: keep a school's user directory in step with the office's tables.

``__version__`` comes from the package metadata, read on first use: ``importlib.metadata``
takes longer to import than the command line needs to print its help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module 'app' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("schoolimport")
    except PackageNotFoundError:  # running from a source tree that was not installed
        value = "0.0.0"
    globals()["__version__"] = value
    return value
