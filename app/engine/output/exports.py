"""Writing plain tables the user asked for (failed rows, succeeded rows, user lists)
as XLSX or CSV, every cell neutralised against formula injection (SPEC §5)."""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from app.engine.output.outputs import check_targets
from app.engine.output.safecells import neutralize
from app.engine.output.xlsxwrite import workbook_bytes

SHEET_TITLE = "Daten"


def table_bytes(path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([neutralize(h) for h in headers])
        writer.writerows([neutralize(str(c)) for c in row] for row in rows)
        return buffer.getvalue().encode("utf-8-sig")
    # The protocol's writer: text cells, a bold header, formula-like text marked
    # ``quotePrefix``. (openpyxl's write-only mode took 9 s for 50,000 rows × 9.)
    texts = [[c if type(c) is str else str(c) for c in row] for row in rows]
    return workbook_bytes(list(headers), texts, SHEET_TITLE)


def write_table(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]], overwrite: bool = True
) -> Path:
    """XLSX (default) or CSV (``.csv``), written atomically; an existing ``path`` is
    refused unless ``overwrite``."""
    path = Path(path)
    check_targets([path], overwrite=overwrite)
    data = table_bytes(path, headers, rows)
    atomic_write(path, data)
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, sync it, rename it onto ``path``.

    On any failure the temporary file is removed and ``path`` is untouched. A process
    killed while writing cannot remove its temporary file; the next write to the same
    target does (callers only ever write bytes that may sit on disk: encrypted
    protocols, neutralised exports).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    handle = tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
