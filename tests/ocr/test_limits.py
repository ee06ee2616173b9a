"""Hostile pictures: a decompression bomb is refused cheaply; big real files are read whole."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from bot.ocr import prepare, run_worker, scale_for


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge picture (the compressed data is a few bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


async def test_a_decompression_bomb_is_refused_using_under_200_mb() -> None:
    for width, height in ((1, 40_000_000), (20_000, 20_000), (1199, 5000)):
        result = await run_worker(bomb_png(width, height))
        assert result["text"] == "" and "refused" in str(result["error"])
        peak_mb = int(str(result["peak_kb"])) / 1024
        print(f"bomb {width}x{height}: refused, worker peak {peak_mb:.0f} MB")
        assert peak_mb < 200


def test_limits_apply_after_upscaling() -> None:
    assert scale_for(720, 1600) == 2  # a phone screenshot, read at twice the size
    assert scale_for(1199, 5000) is None  # fine as sent, too big once doubled
    assert scale_for(1, 40_000_000) is None and scale_for(0, 10) is None
    assert scale_for(1080, 12_000) is None  # aspect ratio beyond a long chat scroll


def test_a_large_screenshot_is_prepared_whole() -> None:
    img = Image.effect_noise((1000, 2200), 60).convert("RGB")  # noise: a big PNG (>64 KiB)
    raw = io.BytesIO()
    img.save(raw, "PNG")
    assert len(raw.getvalue()) > 64 * 1024
    png = prepare(raw.getvalue())
    assert png is not None
    with Image.open(io.BytesIO(png)) as out:
        assert out.size == (2000, 4400)


async def test_a_qr_code_in_a_picture_is_read_as_a_link() -> None:
    import segno

    canvas = Image.new("RGB", (720, 900), "white")
    code = io.BytesIO()
    segno.make("http://etc-renzheng.top/a").save(code, kind="png", scale=8, border=4)
    canvas.paste(Image.open(io.BytesIO(code.getvalue())).convert("RGB"), (160, 200))
    raw = io.BytesIO()
    canvas.save(raw, "PNG")
    result = await run_worker(raw.getvalue())
    assert "[QR] http://etc-renzheng.top/a" in str(result["text"]).splitlines()
