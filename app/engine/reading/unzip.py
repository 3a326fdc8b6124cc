"""A zip member's bytes for the cell-count guard's scans, unpacked by zlib itself and
handed over as windows into the unpacked pieces instead of copies of them.

Reading a sheet 1 MB at a time through :mod:`zipfile` copies what it has not yet
unpacked at every read (its ``unconsumed_tail``), and cutting each chunk after a
'>' joins it to the cut-off tag before it: another copy. For a 50,000-row sheet
(18 MB) that is ~10 ms on top of zlib's own ~15 ms. Here zlib unpacks the member's
data in pieces of at most :data:`PIECE` bytes, and a window (piece, start, end) says
which part of a piece to scan: only the few bytes around each cut are joined.
What comes out is exactly what ``archive.read(info)`` gives: zipfile still opens the
member (its checks of the local header: name, encryption, flags), the data stops
at the size the directory claims (as zipfile stops there), and the checksum is
compared at the end, as zipfile compares it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

PIECE = 1 << 20  # unpacked bytes per piece at most
_INPUT = 64 << 10  # packed bytes read at a time
# A zip entry's local header (zipfile's structFileHeader), and where in it are the
# lengths of the name and of the extra field that come between it and the data.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_NAME_LENGTH, _EXTRA_LENGTH = 10, 11

Window = tuple[bytes, int, int]  # data[start:end] is the part to scan


def pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, as ``archive.read(info)`` gives them, a piece at a time
    (zipfile's own reads for a member that is neither deflated nor stored)."""
    if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        with archive.open(info) as stream:
            yield from iter(lambda: stream.read(PIECE), b"")
        return
    with archive.open(info), open(str(archive.filename), "rb") as handle:
        handle.seek(info.header_offset)
        header = _LOCAL_HEADER.unpack(handle.read(_LOCAL_HEADER.size))
        handle.seek(header[_NAME_LENGTH] + header[_EXTRA_LENGTH], 1)
        crc = 0
        for piece in _unpacked(handle, info):
            crc = zlib.crc32(piece, crc)
            yield piece
    if crc != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")


def _unpacked(handle: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's data from ``handle`` (at its start), unpacked, up to its claimed
    size: the end of the data, of the deflate stream or of that size, whichever first."""
    read = handle.read
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    deflated = info.compress_type == zipfile.ZIP_DEFLATED
    packed_left, wanted, data = info.compress_size, info.file_size, b""
    while wanted > 0:
        if not data and packed_left > 0:
            data = read(min(_INPUT, packed_left))
            if not data:
                raise EOFError(f"the archive ends inside {info.filename!r}")
            packed_left -= len(data)
        if deflated:
            # (with no data left, zlib gives what it still holds of the last)
            piece = inflater.decompress(data, min(PIECE, wanted))
            data = inflater.unconsumed_tail
        else:
            piece, data = data[:wanted], b""
        if not piece and not data and (packed_left <= 0 or inflater.eof):
            return
        wanted -= len(piece)
        yield piece


def windows(parts: Iterable[bytes]) -> Iterator[Window]:
    """The bytes of ``parts`` (one after another) as windows that each end after a '>'
    (but the last), so that no tag or attribute is split between two windows: each
    piece is scanned in place from its first '>' to its last; what lies before its
    first '>' is joined to what was left over from the pieces before."""
    carry: list[bytes] = []
    for part in parts:
        cut = part.rfind(b">") + 1
        if cut == 0:
            carry.append(part)  # e.g. a 50 MB cell text: no tag ends here
            continue
        start = 0
        if carry:
            start = part.find(b">") + 1
            seam = b"".join([*carry, part[:start]])
            yield seam, 0, len(seam)
        if cut > start:
            yield part, start, cut
        carry = [part[cut:]]
    rest = b"".join(carry)
    if rest:
        yield rest, 0, len(rest)
