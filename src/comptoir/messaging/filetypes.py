"""What an uploaded attachment really is, from its bytes. Pure: stdlib only, no ORM, no Pillow.

`sniff` looks at the magic bytes (never the file name) and, for images, reads the header
just far enough to learn the dimensions. It never reads the whole file and never decodes
pixels, so a 100 MB upload or a decompression bomb costs a few kilobytes of reading. The
stream is rewound to 0 afterwards, whatever the outcome, so the caller can store it.

Accepted: JPEG, PNG, GIF (images, at most `MAX_PIXELS_PER_SIDE` on each side) and PDF.
Everything else raises `FileRejected` with a stable code:

- ``unsupported_file_type``: not one of the accepted types (an empty file included);
- ``damaged_image``: the magic bytes say image but the header is truncated or inconsistent;
- ``image_too_large``: wider or taller than `MAX_PIXELS_PER_SIDE`.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

MAX_PIXELS_PER_SIDE = 10_000

UNSUPPORTED_FILE_TYPE = "unsupported_file_type"
DAMAGED_IMAGE = "damaged_image"
IMAGE_TOO_LARGE = "image_too_large"
REJECTION_CODES = frozenset({UNSUPPORTED_FILE_TYPE, DAMAGED_IMAGE, IMAGE_TOO_LARGE})

# How much of the start of the file is looked at to recognise it. A PDF's "%PDF-" header
# must open the file, after at most some white space or a byte-order mark within these
# bytes: readers accept more, but a "PDF" that starts as a program is refused.
HEAD_SIZE = 1024

# The JPEG walk seeks over segment bodies (an EXIF segment alone may be 64 KiB) and reads only
# their markers and lengths; these caps bound it on hostile input.
MAX_JPEG_SEGMENTS = 1000
MAX_JPEG_STRAY_BYTES = 4096  # fill bytes (FF) and junk between segments, over the whole walk

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_GIF_SIGNATURES = (b"GIF87a", b"GIF89a")
_JPEG_MAGIC = b"\xff\xd8\xff"
_PDF_MAGIC = b"%PDF-"
_PDF_LEAD = b" \t\r\n\x00\xef\xbb\xbf"  # white space, NUL, UTF-8 byte-order mark

# Start-of-frame markers SOF0..SOF15 carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC)
# share the range but are not frames.
_JPEG_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers with no length and no body: RST0..RST7 and TEM.
_JPEG_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}
_JPEG_SOI = 0xD8
_JPEG_EOI = 0xD9
_JPEG_SOS = 0xDA

# PNG colour type -> the bit depths allowed with it.
_PNG_BIT_DEPTHS = {
    0: {1, 2, 4, 8, 16},  # greyscale
    2: {8, 16},  # truecolour
    3: {1, 2, 4, 8},  # indexed
    4: {8, 16},  # greyscale with alpha
    6: {8, 16},  # truecolour with alpha
}


@dataclass(frozen=True)
class Sniffed:
    content_type: str  # "image/jpeg" | "image/png" | "image/gif" | "application/pdf"
    extension: str  # "jpg" | "png" | "gif" | "pdf"
    width: int | None  # pixels, images only
    height: int | None


class FileRejected(Exception):
    """The file is not accepted. `code` is stable: one of `REJECTION_CODES`."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def sniff(stream: BinaryIO) -> Sniffed:
    """Identify a file from its bytes (never its name) and read image dimensions from the header.

    Reads from the start of the stream whatever its current position, and leaves it at 0.
    Raises `FileRejected` when the file is not accepted.
    """
    try:
        stream.seek(0)
        head = _read_up_to(stream, HEAD_SIZE)
        if head.startswith(_JPEG_MAGIC):
            width, height = _jpeg_size(stream)
            return _image("image/jpeg", "jpg", width, height)
        if head.startswith(_PNG_SIGNATURE):
            width, height = _png_size(head)
            return _image("image/png", "png", width, height)
        if head.startswith(_GIF_SIGNATURES):
            width, height = _gif_size(head)
            return _image("image/gif", "gif", width, height)
        if head.lstrip(_PDF_LEAD).startswith(_PDF_MAGIC):
            return Sniffed("application/pdf", "pdf", None, None)
        raise FileRejected(UNSUPPORTED_FILE_TYPE)
    finally:
        stream.seek(0)


def _image(content_type: str, extension: str, width: int, height: int) -> Sniffed:
    if width <= 0 or height <= 0:
        raise FileRejected(DAMAGED_IMAGE)
    if width > MAX_PIXELS_PER_SIDE or height > MAX_PIXELS_PER_SIDE:
        raise FileRejected(IMAGE_TOO_LARGE)
    return Sniffed(content_type, extension, width, height)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes: fewer only at the end of the stream (short reads are retried)."""
    buffer = bytearray()
    while len(buffer) < size:
        chunk = stream.read(size - len(buffer))
        if not chunk:
            break
        buffer += chunk
    return bytes(buffer)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Exactly `size` bytes; the file ending first means the image is damaged."""
    data = _read_up_to(stream, size)
    if len(data) < size:
        raise FileRejected(DAMAGED_IMAGE)
    return data


def _png_size(head: bytes) -> tuple[int, int]:
    # Signature (8), then the IHDR chunk: length (4), type (4), 13 bytes of data, CRC (4).
    ihdr = head[8:33]
    if len(ihdr) < 25:
        raise FileRejected(DAMAGED_IMAGE)
    length, chunk_type = struct.unpack(">I4s", ihdr[:8])
    if chunk_type != b"IHDR" or length != 13:
        raise FileRejected(DAMAGED_IMAGE)
    data = ihdr[8:21]
    (crc,) = struct.unpack(">I", ihdr[21:25])
    if zlib.crc32(chunk_type + data) != crc:
        raise FileRejected(DAMAGED_IMAGE)
    width, height, bit_depth, colour_type, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", data
    )
    if (
        bit_depth not in _PNG_BIT_DEPTHS.get(colour_type, set())
        or compression != 0
        or filtering != 0
        or interlace not in (0, 1)
    ):
        raise FileRejected(DAMAGED_IMAGE)
    return width, height


def _gif_size(head: bytes) -> tuple[int, int]:
    # Signature (6), then the logical screen descriptor: width, height (little-endian uint16).
    if len(head) < 10:
        raise FileRejected(DAMAGED_IMAGE)
    width, height = struct.unpack("<HH", head[6:10])
    return width, height


def _jpeg_size(stream: BinaryIO) -> tuple[int, int]:
    """Walk the segments after SOI to the first start-of-frame, seeking over segment bodies."""
    stream.seek(2)  # past SOI
    markers = _JpegMarkers(stream)
    for _ in range(MAX_JPEG_SEGMENTS):
        marker = markers.next()
        if marker in _JPEG_STANDALONE_MARKERS:
            continue
        if marker in (_JPEG_SOI, _JPEG_EOI, _JPEG_SOS):
            # A second SOI, the end of the image or the scan data, before any frame header.
            raise FileRejected(DAMAGED_IMAGE)
        (length,) = struct.unpack(">H", _read_exactly(stream, 2))
        if length < 2:
            raise FileRejected(DAMAGED_IMAGE)
        if marker in _JPEG_SOF_MARKERS:
            # Sample precision (1), height (2), width (2), number of components (1), then
            # 3 bytes per component.
            if length < 8:
                raise FileRejected(DAMAGED_IMAGE)
            _precision, height, width, components = struct.unpack(">BHHB", _read_exactly(stream, 6))
            if components == 0 or length != 8 + 3 * components:
                raise FileRejected(DAMAGED_IMAGE)
            return width, height
        stream.seek(length - 2, io.SEEK_CUR)
    raise FileRejected(DAMAGED_IMAGE)


class _JpegMarkers:
    """Reads marker codes, skipping fill bytes (FF) and stray bytes as libjpeg does.

    At most `MAX_JPEG_STRAY_BYTES` are skipped over the whole walk, one byte at a time.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.stray_budget = MAX_JPEG_STRAY_BYTES

    def next(self) -> int:
        while True:
            byte = self._byte()
            while byte != 0xFF:  # junk where a marker should be
                self._skip(1)
                byte = self._byte()
            byte = self._byte()
            while byte == 0xFF:  # fill bytes
                self._skip(1)
                byte = self._byte()
            if byte != 0x00:
                return byte
            self._skip(2)  # FF 00 is a stuffed byte, not a marker: junk too

    def _byte(self) -> int:
        return _read_exactly(self.stream, 1)[0]

    def _skip(self, count: int) -> None:
        self.stray_budget -= count
        if self.stray_budget < 0:
            raise FileRejected(DAMAGED_IMAGE)
