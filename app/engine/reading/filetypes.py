"""What a file that is not a table seems to be, from its first bytes.

A PDF or a photo would otherwise decode as text and be read as a one-column CSV
("44 data rows"). :func:`seems_to_be` names the kinds people pick by mistake by their
signatures, and anything else full of control bytes as binary data. Workbooks (ZIP,
OLE2) are recognised before this is asked; a UTF-16 file without a byte-order mark
(NUL bytes, but no other control bytes) is left to the CSV reader, whose refusal
hints at it.
"""

from __future__ import annotations

from app.engine.reasons import Message, Reason

# (offset, signature, reason, format)
_SIGNATURES: tuple[tuple[int, bytes, Reason, str], ...] = (
    (0, b"%PDF-", Reason.KIND_PDF, ""),
    (0, b"\x89PNG\r\n\x1a\n", Reason.KIND_IMAGE, "PNG"),
    (0, b"\xff\xd8\xff", Reason.KIND_IMAGE, "JPEG"),
    (0, b"GIF87a", Reason.KIND_IMAGE, "GIF"),
    (0, b"GIF89a", Reason.KIND_IMAGE, "GIF"),
    (0, b"II*\x00", Reason.KIND_IMAGE, "TIFF"),
    (0, b"MM\x00*", Reason.KIND_IMAGE, "TIFF"),
    (0, b"\x1f\x8b", Reason.KIND_ARCHIVE, "gzip"),
    (0, b"7z\xbc\xaf\x27\x1c", Reason.KIND_ARCHIVE, "7-Zip"),
    (0, b"Rar!\x1a\x07", Reason.KIND_ARCHIVE, "RAR"),
    (0, b"\xfd7zXZ\x00", Reason.KIND_ARCHIVE, "xz"),
    (257, b"ustar", Reason.KIND_ARCHIVE, "tar"),
    (0, b"{\\rtf", Reason.KIND_DOCUMENT, "Rich-Text"),
    (0, b"\x7fELF", Reason.KIND_PROGRAM, ""),
)
_CONTROL = bytes([*range(1, 9), *range(14, 27), *range(28, 32)])
_BINARY_SHARE = 0.05  # text in any encoding a school office uses has next to none


def seems_to_be(head: bytes) -> Message | None:
    """The kind of non-table file these first bytes start, or None if they may be text."""
    for offset, signature, reason, kind in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return Message(reason, {"format": kind} if kind else {})
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return Message(Reason.KIND_PROGRAM)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Message(Reason.KIND_IMAGE, {"format": "WebP"})
    # (the control bytes counted as those a C-level translate deletes)
    if head and (len(head) - len(head.translate(None, _CONTROL))) / len(head) > _BINARY_SHARE:
        return Message(Reason.KIND_BINARY)
    return None


def zip_document(names: set[str]) -> Message | None:
    """An Office document that is not a workbook: Word or PowerPoint."""
    if "word/document.xml" in names:
        return Message(Reason.KIND_DOCUMENT, {"format": "Word"})
    if "ppt/presentation.xml" in names:
        return Message(Reason.KIND_DOCUMENT, {"format": "PowerPoint"})
    return None
