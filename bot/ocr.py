"""Read the text in a screenshot with Debian's tesseract: offline, its models ship in a package."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import shutil
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)
MAX_BYTES = 10 * 2**20  # Telegram's photos are far smaller; anything bigger is not a screenshot
MAX_PIXELS = 40_000_000
LANGUAGES = "chi_sim"  # its model reads Latin too; adding eng or chi_tra made mixed lines worse
# tesseract puts spaces between CJK characters; Chinese has none, so they are dropped.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+"
                      r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def prepare(image: bytes) -> bytes | None:
    """A grayscale PNG scaled so text is large enough to read; None if it is not an image."""
    if len(image) > MAX_BYTES:
        return None
    try:
        with Image.open(io.BytesIO(image)) as img:
            if img.width * img.height > MAX_PIXELS:
                return None
            gray = img.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if gray.width < 1200:  # phone screenshots shrunk by Telegram read better at twice the size
        gray = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    gray.save(out, format="PNG")
    return out.getvalue()


def tidy(text: str) -> str:
    """Join CJK characters tesseract split apart, and drop empty lines."""
    lines = (_CJK_GAP.sub("", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


async def read_text(image: bytes, timeout: float = 30.0) -> str:
    """The text in an image, or "" if none could be read (the reason is logged)."""
    png = await asyncio.to_thread(prepare, image)
    exe = shutil.which("tesseract")
    if png is None or exe is None:
        log.warning("ocr skipped: %s", "not an image" if png is None else "tesseract missing")
        return ""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.png"
        path.write_bytes(png)
        proc = await asyncio.create_subprocess_exec(
            exe, str(path), "stdout", "-l", LANGUAGES, "--psm", "6",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), timeout)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            log.warning("ocr timed out after %.0f s", timeout)
            return ""
    return tidy(out.decode("utf-8", "replace"))
