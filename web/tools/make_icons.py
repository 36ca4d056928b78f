"""Draw the app's PNG icons (a white envelope on the office blue) with the standard library only."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

BLUE = (11, 79, 138)
WHITE = (255, 255, 255)


def pixel(x: float, y: float) -> tuple[int, int, int]:
    """Colour at (x, y) in the unit square: an envelope in the middle 60%."""
    if 0.2 <= x <= 0.8 and 0.3 <= y <= 0.7:
        # the flap: two lines from the top corners to the centre
        on_flap = abs((y - 0.3) - (0.3 - abs(x - 0.5)) * 0.8) < 0.025
        return BLUE if on_flap else WHITE
    return BLUE


def png(size: int) -> bytes:
    """A size x size RGB PNG of the icon."""
    rows = b"".join(b"\x00" + bytes(c for x in range(size) for c in pixel(x / size, y / size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "public" / "icons")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))
