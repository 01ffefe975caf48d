"""The two app icons Teams requires, drawn in code so the repo holds no binary and needs no Pillow.

Color icon: 192×192, a white speech bubble with three dots on the accent colour. Outline icon:
32×32, the same bubble as a white outline on a transparent background (Teams' rule for outline
icons). Edges are 4× supersampled so the bubble is not jagged.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from functools import lru_cache

RGBA = tuple[int, int, int, int]
Shape = Callable[[float, float], bool]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ACCENT = "#1F6F8B"
WHITE: RGBA = (255, 255, 255, 255)
SUPERSAMPLE = 4


def hex_to_rgba(color: str) -> RGBA:
    value = color.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), 255)


def encode_png(width: int, height: int, pixels: list[list[RGBA]]) -> bytes:
    """A minimal, valid PNG: 8-bit RGBA, no interlace, filter 0 on every row."""
    raw = b"".join(b"\x00" + b"".join(struct.pack("4B", *pixel) for pixel in row) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _round_rect(left: float, top: float, right: float, bottom: float, radius: float) -> Shape:
    def inside(x: float, y: float) -> bool:
        if not (left <= x <= right and top <= y <= bottom):
            return False
        cx = min(max(x, left + radius), right - radius)
        cy = min(max(y, top + radius), bottom - radius)
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2

    return inside


def _triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Shape:
    def side(p: tuple[float, float], q: tuple[float, float], x: float, y: float) -> float:
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])

    def inside(x: float, y: float) -> bool:
        d1, d2, d3 = side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)
        negative = d1 < 0 or d2 < 0 or d3 < 0
        positive = d1 > 0 or d2 > 0 or d3 > 0
        return not (negative and positive)

    return inside


def _circle(cx: float, cy: float, r: float) -> Shape:
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r**2


def _union(*shapes: Shape) -> Shape:
    return lambda x, y: any(shape(x, y) for shape in shapes)


def _bubble(scale: float, inset: float = 0.0) -> Shape:
    """The speech bubble on a unit square scaled to ``scale`` pixels, shrunk by ``inset``."""
    s, i = scale, inset
    body = _round_rect(0.16 * s + i, 0.22 * s + i, 0.84 * s - i, 0.70 * s - i, 0.10 * s)
    tail = _triangle((0.30 * s + i, 0.66 * s), (0.50 * s, 0.66 * s), (0.26 * s + i, 0.84 * s - i))
    return _union(body, tail)


def _render(size: int, colour_at: Callable[[float, float], RGBA | None]) -> list[list[RGBA]]:
    rows: list[list[RGBA]] = []
    step = 1.0 / SUPERSAMPLE
    samples = SUPERSAMPLE * SUPERSAMPLE
    for py in range(size):
        row: list[RGBA] = []
        for px in range(size):
            corners = {
                colour_at(px + dx, py + dy)
                for dx, dy in ((0.05, 0.05), (0.95, 0.05), (0.05, 0.95), (0.95, 0.95), (0.5, 0.5))
            }
            if len(corners) == 1:  # inside one area: no edge to smooth
                only = corners.pop()
                row.append(only if only is not None else (0, 0, 0, 0))
                continue
            hits: list[RGBA] = []
            for sy in range(SUPERSAMPLE):
                for sx in range(SUPERSAMPLE):
                    colour = colour_at(px + (sx + 0.5) * step, py + (sy + 0.5) * step)
                    if colour is not None:
                        hits.append(colour)
            row.append(_blend(hits, samples))
        rows.append(row)
    return rows


def _blend(hits: list[RGBA], samples: int) -> RGBA:
    if not hits:
        return (0, 0, 0, 0)
    r = sum(c[0] for c in hits) // len(hits)
    g = sum(c[1] for c in hits) // len(hits)
    b = sum(c[2] for c in hits) // len(hits)
    a = sum(c[3] for c in hits) // samples
    return (r, g, b, a)


@lru_cache(maxsize=4)
def color_icon(accent: str = ACCENT, size: int = 192) -> bytes:
    background = hex_to_rgba(accent)
    bubble = _bubble(size)
    dots = _union(*(_circle(x * size, 0.46 * size, 0.045 * size) for x in (0.36, 0.50, 0.64)))

    def colour_at(x: float, y: float) -> RGBA:
        if bubble(x, y) and not dots(x, y):
            return WHITE
        return background

    return encode_png(size, size, _render(size, colour_at))


@lru_cache(maxsize=4)
def outline_icon(size: int = 32) -> bytes:
    outer = _bubble(size)
    inner = _bubble(size, inset=size * 0.07)

    def colour_at(x: float, y: float) -> RGBA | None:
        return WHITE if outer(x, y) and not inner(x, y) else None

    return encode_png(size, size, _render(size, colour_at))
