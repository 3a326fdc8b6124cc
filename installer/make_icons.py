"""Draw the application icon with QPainter and write it in every format an installer
needs: ``resources/icons/schoolimport.png`` (256 px, the Linux desktop entry and the
window icon), ``schoolimport.ico`` (Windows: 16–256 px, PNG-compressed entries) and
``schoolimport.icns`` (macOS: 16–1024 px, PNG entries). No file is downloaded; run
``.venv/bin/python installer/make_icons.py`` after changing the drawing and commit the
results.

The picture: a blue tile, a white table sheet with a header row and lines (the school
office's export), and a green round badge with an arrow (the import).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by edge length in pixels.
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def draw(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, drawn on a 256-unit canvas."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)

    # The tile.
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    gradient = QLinearGradient(QPointF(0, 8), QPointF(0, 248))
    gradient.setColorAt(0, QColor("#3b82c4"))
    gradient.setColorAt(1, QColor("#1f4e8c"))
    painter.fillPath(tile, gradient)

    # The table sheet with a header row and three lines.
    sheet = QRectF(44, 40, 140, 168)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(sheet, 12, 12)
    header = QPainterPath()
    header.addRoundedRect(QRectF(44, 40, 140, 40), 12, 12)
    header.addRect(QRectF(44, 64, 140, 16))
    painter.fillPath(header.simplified(), QColor("#f2b632"))
    line_pen = QPen(QColor("#9fb4cc"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(line_pen)
    for y in (104, 132, 160):
        painter.drawLine(QPointF(62, y), QPointF(166, y))
    painter.drawLine(QPointF(96, 92), QPointF(96, 190))

    # The import badge: a green disc with a white arrow pointing down into the sheet.
    painter.setPen(QPen(QColor("#ffffff"), 8))
    painter.setBrush(QColor("#2e9e5b"))
    painter.drawEllipse(QPointF(180, 182), 50, 50)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(171, 150, 18, 34), 4, 4)
    painter.drawPolygon(QPolygonF([QPointF(152, 178), QPointF(208, 178), QPointF(180, 212)]))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs want bytes
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (Vista and later read them)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + directory + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNG images."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size in sorted(pngs)
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in sorted(set(ICO_SIZES) | set(ICNS_TYPES))}
    (ICONS / "schoolimport.png").write_bytes(pngs[256])
    (ICONS / "schoolimport.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "schoolimport.icns").write_bytes(icns_bytes({s: pngs[s] for s in ICNS_TYPES}))
    for name in ("schoolimport.png", "schoolimport.ico", "schoolimport.icns"):
        sys.stdout.write(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes\n")
    del _app
    return 0


if __name__ == "__main__":
    sys.exit(main())
