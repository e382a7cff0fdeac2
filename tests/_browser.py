"""Screenshots of SVG pictures in headless Chromium, decoded with the standard library only.

``screenshot()`` writes the SVG to a file, has Chromium render it at its own size
and returns the pixels; ``decode_png()`` reads the PNG with zlib and struct.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import attrs

from _support import in_ci

#: Set to 1 (as .ci/run does) to make a missing browser a failure, not a skip.
REQUIRE = "RUNTONE_REQUIRE_BROWSER"

#: The flags that work on a closed-network machine, as root, without a display.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {2: 3, 6: 4}  # colour type -> samples a pixel (RGB, RGBA)


def chromium() -> str | None:
    """The Chromium executable on the PATH, or ``None``."""
    return shutil.which("chromium")


def browser_required() -> bool:
    """Whether the environment asks for the browser tests to run, not skip (CI does)."""
    return os.environ.get(REQUIRE, "") == "1" or in_ci()


@attrs.frozen
class Image:
    """Decoded pixels: ``rows[y]`` holds ``width * channels`` bytes."""

    width: int
    height: int
    channels: int
    rows: tuple[bytes, ...]

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        """The red, green and blue of pixel ``(x, y)``."""
        if not (0 <= x < self.width and 0 <= y < self.height):
            raise IndexError(f"pixel {(x, y)} outside a {self.width}x{self.height} image")
        start = x * self.channels
        r, g, b = self.rows[y][start : start + 3]
        return r, g, b


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prior: bytes, bpp: int) -> bytes:
    """Undo one scanline's filter (PNG specification, section 9)."""
    if kind == 0:
        return bytes(line)
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prior[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            upleft = prior[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + _paeth(left, up, upleft)) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
    return bytes(line)


def decode_png(data: bytes) -> Image:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG.

    Raises:
        ValueError: the data is not such a PNG.
    """
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    pos = len(PNG_SIGNATURE)
    header = b""
    idat = bytearray()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.extend(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, {interlace=}")
    channels = _CHANNELS[colour]
    stride = width * channels
    raw = zlib.decompress(bytes(idat))
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        prior = _unfilter(raw[start], line, prior, channels)
        rows.append(prior)
    return Image(width, height, channels, tuple(rows))


def screenshot(svg: str, width: int, height: int) -> Image:
    """Render ``svg`` in headless Chromium at ``width`` x ``height`` and decode the screenshot.

    Raises:
        RuntimeError: there is no Chromium, or it made no screenshot.
    """
    executable = chromium()
    if executable is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="runtone-browser-") as tmp:
        folder = Path(tmp)
        picture = folder / "picture.svg"
        picture.write_text(svg, "utf-8")
        png = folder / "shot.png"
        result = subprocess.run(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={folder / 'profile'}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                picture.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if not png.is_file():
            raise RuntimeError(
                f"chromium made no screenshot ({result.returncode}): {result.stderr}"
            )
        return decode_png(png.read_bytes())
