"""Attachment sniffing: type from the bytes, image dimensions from the header, little reading."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.messaging.filetypes import (
    MAX_PIXELS_PER_SIDE,
    REJECTION_CODES,
    FileRejected,
    Sniffed,
    sniff,
)

# --- building files in memory ------------------------------------------------------------


def png_chunk(chunk_type: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", crc)


def make_png(width: int, height: int, *, padding: int = 0, real_pixels: bool = False) -> bytes:
    """An 8-bit RGB PNG. With `real_pixels` the IDAT holds every row (small images only)."""
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    rows = (
        b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height)) if real_pixels else b""
    )
    pad = png_chunk(b"tEXt", b"Comment\x00" + b"x" * padding) if padding else b""
    idat = png_chunk(b"IDAT", zlib.compress(rows))
    return b"\x89PNG\r\n\x1a\n" + ihdr + pad + idat + png_chunk(b"IEND", b"")


def jpeg_segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


JPEG_SOI = b"\xff\xd8"
JPEG_EOI = b"\xff\xd9"
JPEG_APP0 = jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")


def jpeg_sof(width: int, height: int, marker: int = 0xC0) -> bytes:
    components = b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"  # Y, Cb, Cr
    return jpeg_segment(marker, struct.pack(">BHHB", 8, height, width, 3) + components)


def make_jpeg(width: int, height: int, *, before_sof: bytes = b"", after: bytes = b"") -> bytes:
    """SOI, APP0 (JFIF), whatever comes `before_sof`, SOF0 with the dimensions, EOI."""
    return JPEG_SOI + JPEG_APP0 + before_sof + jpeg_sof(width, height) + after + JPEG_EOI


def make_gif(width: int, height: int, version: bytes = b"GIF89a") -> bytes:
    """A logical screen of width x height holding one 1x1 image (a complete, valid GIF)."""
    return (
        version
        + struct.pack("<HHBBB", width, height, 0x80, 0, 0)  # global colour table of 2
        + b"\xff\xff\xff\x00\x00\x00"
        + b"\x21\xf9\x04\x01\x00\x00\x00\x00"  # graphic control extension
        + b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00"  # image descriptor, 1x1
        + b"\x02\x02\x44\x01\x00"  # LZW data
        + b"\x3b"  # trailer
    )


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def make_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    return buffer.getvalue()


def sniff_or_code(stream: io.BytesIO) -> Sniffed | str:
    """What sniff finds, or the code it rejects the file with."""
    try:
        return sniff(stream)
    except FileRejected as rejected:
        return rejected.code


def rejection(data: bytes) -> str:
    with pytest.raises(FileRejected) as caught:
        sniff(io.BytesIO(data))
    return caught.value.code


class CountingStream(io.BytesIO):
    """Counts the bytes handed out by read(); seeking is free."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


class TrickleStream(io.BytesIO):
    """Hands out at most 3 bytes per read(), as a socket or a raw file may."""

    def read(self, size: int | None = -1, /) -> bytes:
        return super().read(3 if size is None or size < 0 else min(size, 3))


# --- accepted ----------------------------------------------------------------------------


def test_png() -> None:
    assert sniff(io.BytesIO(make_png(3, 2, real_pixels=True))) == Sniffed("image/png", "png", 3, 2)


def test_jpeg() -> None:
    assert sniff(io.BytesIO(make_jpeg(640, 480))) == Sniffed("image/jpeg", "jpg", 640, 480)


@pytest.mark.parametrize("version", [b"GIF87a", b"GIF89a"])
def test_gif(version: bytes) -> None:
    assert sniff(io.BytesIO(make_gif(7, 5, version))) == Sniffed("image/gif", "gif", 7, 5)


def test_pdf() -> None:
    assert sniff(io.BytesIO(PDF)) == Sniffed("application/pdf", "pdf", None, None)


def test_pdf_header_after_leading_bytes_as_readers_accept() -> None:
    assert sniff(io.BytesIO(b"\r\n" * 400 + PDF)).content_type == "application/pdf"


def test_a_program_with_a_pdf_header_inside_is_not_a_pdf() -> None:
    assert rejection(b"MZ\x90\x00" + b"\x00" * 60 + PDF) == "unsupported_file_type"
    assert rejection(b"<html>" + PDF) == "unsupported_file_type"


def test_pdf_header_beyond_the_first_kilobyte_is_not_a_pdf() -> None:
    assert rejection(b" " * 1024 + PDF) == "unsupported_file_type"


@pytest.mark.parametrize(
    "data",
    [
        make_png(MAX_PIXELS_PER_SIDE, MAX_PIXELS_PER_SIDE),
        make_jpeg(MAX_PIXELS_PER_SIDE, MAX_PIXELS_PER_SIDE),
        make_gif(MAX_PIXELS_PER_SIDE, MAX_PIXELS_PER_SIDE),
    ],
    ids=["png", "jpeg", "gif"],
)
def test_ten_thousand_pixels_per_side_is_accepted(data: bytes) -> None:
    sniffed = sniff(io.BytesIO(data))
    assert (sniffed.width, sniffed.height) == (10_000, 10_000)


def test_type_comes_from_the_bytes_of_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "holiday.pdf"  # the name lies; the bytes do not
    path.write_bytes(make_png(12, 34))
    with path.open("rb") as stream:
        assert sniff(stream) == Sniffed("image/png", "png", 12, 34)
        assert stream.tell() == 0


def test_short_reads_are_retried() -> None:
    assert sniff(TrickleStream(make_png(12, 34))) == Sniffed("image/png", "png", 12, 34)
    assert sniff(TrickleStream(make_jpeg(56, 78))) == Sniffed("image/jpeg", "jpg", 56, 78)


# --- JPEG segment walk -------------------------------------------------------------------


def test_jpeg_with_a_big_app1_before_the_frame() -> None:
    exif = jpeg_segment(0xE1, b"Exif\x00\x00" + b"\x00" * 60_000)
    assert sniff(io.BytesIO(make_jpeg(1200, 900, before_sof=exif))).width == 1200


def test_jpeg_with_many_large_segments_is_walked_by_seeking() -> None:
    segments = b"".join(jpeg_segment(0xE2, b"\x00" * 65_000) for _ in range(20))
    stream = CountingStream(make_jpeg(800, 600, before_sof=segments))
    assert sniff(stream).height == 600
    assert stream.bytes_read < 2_000


def test_jpeg_fill_bytes_standalone_markers_and_tables_before_the_frame() -> None:
    dqt = jpeg_segment(0xDB, b"\x00" + bytes(range(64)))
    dht = jpeg_segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")
    before = b"\xff\xff\xff" + dqt + b"\xff\xd0\xff\x01" + dht + jpeg_segment(0xFE, b"hi")
    assert sniff(io.BytesIO(make_jpeg(321, 123, before_sof=before))).width == 321


@pytest.mark.parametrize("marker", [0xC1, 0xC2, 0xC3, 0xC9, 0xCA, 0xCF])
def test_jpeg_other_frame_types(marker: int) -> None:
    data = JPEG_SOI + JPEG_APP0 + jpeg_sof(44, 33, marker) + JPEG_EOI
    assert sniff(io.BytesIO(data)) == Sniffed("image/jpeg", "jpg", 44, 33)


def test_jpeg_stray_bytes_between_segments_are_tolerated_like_libjpeg() -> None:
    assert sniff(io.BytesIO(make_jpeg(10, 20, before_sof=b"\x00\x00junk"))).height == 20


# --- rejected: too large -----------------------------------------------------------------


def test_png_twelve_thousand_pixels_wide_is_too_large() -> None:
    assert rejection(make_png(12_000, 100)) == "image_too_large"


def test_jpeg_ten_thousand_and_one_pixels_tall_is_too_large() -> None:
    assert rejection(make_jpeg(100, 10_001)) == "image_too_large"


def test_gif_too_large() -> None:
    assert rejection(make_gif(10_001, 1)) == "image_too_large"


def test_png_decompression_bomb_header_is_too_large() -> None:
    assert rejection(make_png(2**31 - 1, 2**31 - 1)) == "image_too_large"


# --- rejected: not a supported type ------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00",
        make_zip(),
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"\x89PNG",  # a prefix of the signature is not the signature
        b"GIF88a" + b"\x01\x00\x01\x00",
        b"\xff\xd8",
        b"hello, plain text",
    ],
    ids=["empty", "exe", "zip", "html", "png-prefix", "gif88a", "jpeg-prefix", "text"],
)
def test_unsupported(data: bytes) -> None:
    assert rejection(data) == "unsupported_file_type"


# --- rejected: damaged -------------------------------------------------------------------


def test_truncated_png() -> None:
    assert rejection(make_png(10, 10)[:20]) == "damaged_image"


def test_png_signature_alone() -> None:
    assert rejection(b"\x89PNG\r\n\x1a\n") == "damaged_image"


def test_png_whose_first_chunk_is_not_ihdr() -> None:
    data = make_png(10, 10)
    ihdr_end = 8 + 25
    assert rejection(data[:8] + png_chunk(b"tEXt", b"a\x00b") + data[8:ihdr_end]) == (
        "damaged_image"
    )


def test_png_ihdr_with_a_bad_crc() -> None:
    data = bytearray(make_png(10, 10))
    data[16] ^= 0x01  # a bit of the width flips; the CRC no longer matches
    assert rejection(bytes(data)) == "damaged_image"


def test_png_ihdr_with_an_impossible_bit_depth() -> None:
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 3, 2, 0, 0, 0))
    assert rejection(b"\x89PNG\r\n\x1a\n" + ihdr) == "damaged_image"


@pytest.mark.parametrize(
    "data",
    [make_png(0, 10), make_png(10, 0), make_jpeg(0, 10), make_jpeg(10, 0), make_gif(0, 5)],
    ids=["png-width", "png-height", "jpeg-width", "jpeg-height", "gif-width"],
)
def test_zero_width_or_height(data: bytes) -> None:
    assert rejection(data) == "damaged_image"


def test_truncated_gif() -> None:
    assert rejection(b"GIF89a\x01\x00") == "damaged_image"


def test_jpeg_with_no_frame_header() -> None:
    assert rejection(JPEG_SOI + JPEG_APP0 + JPEG_EOI) == "damaged_image"


def test_jpeg_that_ends_without_eoi_or_frame() -> None:
    assert rejection(JPEG_SOI + JPEG_APP0) == "damaged_image"


def test_jpeg_truncated_inside_a_segment() -> None:
    exif = jpeg_segment(0xE1, b"Exif\x00\x00" + b"\x00" * 1_000)
    assert rejection((JPEG_SOI + JPEG_APP0 + exif)[:500]) == "damaged_image"


def test_jpeg_scan_before_frame() -> None:
    sos = jpeg_segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    assert rejection(make_jpeg(10, 10, before_sof=sos)) == "damaged_image"


def test_jpeg_frame_with_an_inconsistent_length() -> None:
    sof = jpeg_segment(0xC0, struct.pack(">BHHB", 8, 10, 10, 3) + b"\x01\x22\x00")
    assert rejection(JPEG_SOI + sof + JPEG_EOI) == "damaged_image"


def test_jpeg_segment_length_below_two() -> None:
    assert rejection(JPEG_SOI + b"\xff\xe0\x00\x01" + jpeg_sof(1, 1)) == "damaged_image"


def test_jpeg_endless_fill_bytes_are_cut_short() -> None:
    stream = CountingStream(JPEG_SOI + b"\xff" * 5_000_000)
    with pytest.raises(FileRejected) as caught:
        sniff(stream)
    assert caught.value.code == "damaged_image"
    assert stream.bytes_read < 10_000


def test_jpeg_endless_tiny_segments_are_cut_short() -> None:
    stream = CountingStream(JPEG_SOI + jpeg_segment(0xE5, b"") * 1_000_000 + jpeg_sof(5, 5))
    with pytest.raises(FileRejected) as caught:
        sniff(stream)
    assert caught.value.code == "damaged_image"
    assert stream.bytes_read < 10_000


# --- the stream ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [make_png(5, 5), make_jpeg(5, 5), make_gif(5, 5), PDF, b"MZ", b"", make_png(0, 5)],
    ids=["png", "jpeg", "gif", "pdf", "exe", "empty", "damaged"],
)
def test_stream_is_rewound_after_sniff(data: bytes) -> None:
    stream = io.BytesIO(data)
    stream.seek(len(data))  # wherever the caller left it, the file is read from the start
    with contextlib.suppress(FileRejected):
        sniff(stream)
    assert stream.tell() == 0
    assert stream.read() == data


def test_sniff_reads_little_of_a_large_png() -> None:
    data = make_png(4000, 3000, padding=5 * 1024 * 1024)
    assert len(data) > 5_000_000
    stream = CountingStream(data)
    assert sniff(stream) == Sniffed("image/png", "png", 4000, 3000)
    assert stream.bytes_read < 70_000


def test_sniff_reads_little_of_a_large_jpeg() -> None:
    exif = jpeg_segment(0xE1, b"Exif\x00\x00" + b"\x00" * 60_000)
    stream = CountingStream(make_jpeg(4000, 3000, before_sof=exif, after=b"\x00" * 5_000_000))
    assert sniff(stream).width == 4000
    assert stream.bytes_read < 70_000


# --- anything else -----------------------------------------------------------------------

MAGICS = [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"%PDF-"]


@given(prefix=st.sampled_from(MAGICS), rest=st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_raise_file_rejected(prefix: bytes, rest: bytes) -> None:
    data = prefix + rest
    stream = io.BytesIO(data)
    sniffed = sniff_or_code(stream)
    if isinstance(sniffed, str):
        assert sniffed in REJECTION_CODES
    else:
        assert sniffed.extension in {"jpg", "png", "gif", "pdf"}
        if sniffed.width is not None and sniffed.height is not None:
            assert 0 < sniffed.width <= MAX_PIXELS_PER_SIDE
            assert 0 < sniffed.height <= MAX_PIXELS_PER_SIDE
    assert stream.tell() == 0


@given(
    segments=st.lists(
        st.tuples(st.integers(0, 255), st.binary(max_size=300)).map(
            lambda pair: jpeg_segment(pair[0], pair[1])
        ),
        max_size=20,
    ),
    noise=st.binary(max_size=64),
)
def test_jpeg_made_of_arbitrary_segments_only_raises_file_rejected(
    segments: list[bytes], noise: bytes
) -> None:
    stream = io.BytesIO(JPEG_SOI + b"".join(segments) + noise)
    sniffed = sniff_or_code(stream)
    assert isinstance(sniffed, Sniffed) or sniffed in REJECTION_CODES
    assert stream.tell() == 0
