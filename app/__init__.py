"""schoolimport: keep a school's user directory in step with the office's tables."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("schoolimport")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
