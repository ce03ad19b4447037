"""Picture sizes from file headers: PNG, GIF, JPEG, WebP and AVIF, without Pillow.

Only the bytes that say the size are read (for JPEG and AVIF, the segment or box
headers before it, skipping the rest by seeking), so sizing every picture under
`media/` costs little however large the files are. The size is the one stored in the
file: a JPEG's EXIF orientation and an AVIF's `irot` are not applied, so a turned
photo may get its width and height swapped; browsers still show it the right way up.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

Size = tuple[int, int]

# Start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic coding) do not.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_BARE = frozenset(range(0xD0, 0xD8)) | {0x01}  # restart markers and TEM have no length
_MAX_SEGMENTS = 1000  # a JPEG has tens; stops a crafted file being walked forever


def size(path: Path) -> Size | None:
    """(width, height) in pixels of the picture at `path`, or None if it cannot be read."""
    try:
        with path.open("rb") as file:
            found = _size(file.read(32), file)
    except (OSError, ValueError, struct.error):  # unreadable, truncated or not a picture
        return None
    return found if found and found[0] > 0 and found[1] > 0 else None


def _size(head: bytes, file: BinaryIO) -> Size | None:
    """The size, by the format the first bytes name."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return _pair(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _pair("<HH", head[6:10])
    if head.startswith(b"\xff\xd8"):
        return _jpeg(file)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head)
    if head[4:8] == b"ftyp":
        return _avif(file)
    return None


def _pair(layout: str, data: bytes) -> Size:
    """Two unsigned numbers as (width, height); struct.error if `data` is short."""
    width, height = struct.unpack(layout, data)
    return int(width), int(height)


def _read(file: BinaryIO, count: int) -> bytes:
    """Exactly `count` bytes, or ValueError at the end of the file."""
    data = file.read(count)
    if len(data) < count:
        raise ValueError("truncated")
    return data


def _jpeg(file: BinaryIO) -> Size | None:
    """The size in the first start-of-frame segment, skipping the others by their length."""
    file.seek(2)
    for _ in range(_MAX_SEGMENTS):
        if _read(file, 1) != b"\xff":
            return None  # not at a marker: the file is damaged
        marker = _read(file, 1)[0]
        while marker == 0xFF:  # fill bytes may pad before a marker
            marker = _read(file, 1)[0]
        if marker in _JPEG_BARE:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the picture data, before any frame header
            return None
        (length,) = struct.unpack(">H", _read(file, 2))
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">xHH", _read(file, 5))  # precision, height, width
            return width, height
        if length < 2:
            return None
        file.seek(length - 2, 1)
    return None


def _webp(head: bytes) -> Size | None:
    """The size in a WebP's first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X)."""
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":  # after the frame tag, the key frame's start code
        width, height = _pair("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF  # the top two bits are scaling, not size
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        (bits,) = struct.unpack("<I", head[21:25])  # 14 bits each: width - 1, height - 1
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:  # 24 bits each: width - 1, height - 1
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _boxes(file: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, start of contents, end) of each ISO-BMFF box between two offsets."""
    at = start
    while at + 8 <= end:
        file.seek(at)
        length, kind = struct.unpack(">I4s", _read(file, 8))
        header = 8
        if length == 1:  # a 64-bit length follows the type
            (length,) = struct.unpack(">Q", _read(file, 8))
            header = 16
        elif length == 0:  # the box runs to the end of its parent
            length = end - at
        if length < header or at + length > end:
            raise ValueError("bad box")
        yield kind, at + header, at + length
        at += length


def _inside(file: BinaryIO, start: int, end: int, kind: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of the contents of each `kind` box between two offsets."""
    return ((s, e) for k, s, e in _boxes(file, start, end) if k == kind)


def _avif(file: BinaryIO) -> Size | None:
    """The largest `ispe` (image spatial extents) in meta/iprp/ipco of an AVIF file.

    The primary picture is the largest: the others are a grid's tiles, a thumbnail,
    or an alpha plane the same size as the picture.
    """
    end = file.seek(0, 2)
    kind, start, stop = next(_boxes(file, 0, end))
    file.seek(start)
    brands = _read(file, min(stop - start, 64))  # major brand, minor version, compatible brands
    if kind != b"ftyp" or not any(brands[i:i + 4] in (b"avif", b"avis") for i in range(0, len(brands), 4)):
        return None
    sizes: list[Size] = []
    meta = next(_inside(file, stop, end, b"meta"), None)
    for iprp in _inside(file, meta[0] + 4, meta[1], b"iprp") if meta else ():  # meta is a full box: 4 bytes of version
        for ipco in _inside(file, *iprp, b"ipco"):
            for ispe_start, _ in _inside(file, *ipco, b"ispe"):
                file.seek(ispe_start + 4)  # ispe is a full box too
                sizes.append(_pair(">II", _read(file, 8)))
    return max(sizes, key=lambda wh: wh[0] * wh[1], default=None)
