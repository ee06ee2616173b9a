"""The OCR worker: one picture on stdin, JSON on stdout; run by bot.ocr under a memory limit."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.ocr import LANGUAGES, MAX_BYTES, prepare, tidy


def _limit(max_bytes: int) -> None:
    """Cap this process (and tesseract, which inherits it) to max_bytes of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _peak_kb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


QR_MARK = "[QR] "  # a QR code's text, on a line of its own after the picture's text
MAX_CODES = 3


def qr_lines(img: object) -> list[str]:
    """What the QR codes in a decoded picture say, one line each."""
    import zxingcpp

    try:
        codes = zxingcpp.read_barcodes(img)
    except Exception:  # a library failure costs the QR codes, never the text
        return []
    return [QR_MARK + " ".join(str(c.text).split())[:300] for c in codes[:MAX_CODES] if c.text]


def read(image: bytes) -> dict[str, object]:
    """The text in one picture, or the reason there is none."""
    import io

    from PIL import Image

    png = prepare(image)
    if png is None:
        return {"text": "", "error": "refused: not an image, or too large"}
    with Image.open(io.BytesIO(png)) as gray:
        codes = qr_lines(gray)
    exe = shutil.which("tesseract")
    if exe is None:
        return {"text": "", "error": "tesseract missing"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.png"
        path.write_bytes(png)
        done = subprocess.run([exe, str(path), "stdout", "-l", LANGUAGES, "--psm", "6"],
                              capture_output=True, check=False)
    text = tidy(done.stdout.decode("utf-8", "replace"))
    return {"text": "\n".join([text, *codes]).strip(), "error": None}


def read_rapid(image: bytes) -> dict[str, object]:
    """The text in one picture by RapidOCR (PP-OCRv4 models inside its wheel)."""
    import io

    from PIL import Image, UnidentifiedImageError

    from bot.ocr import scale_for
    try:
        with Image.open(io.BytesIO(image)) as img:  # the header only: sizes first
            if len(image) > MAX_BYTES or scale_for(img.width, img.height) is None:
                return {"text": "", "error": "refused: not an image, or too large"}
            rgb = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombError):
        return {"text": "", "error": "refused: not an image, or too large"}
    import numpy as np  # only now: a refused picture costs no model load
    from rapidocr_onnxruntime import RapidOCR

    codes = qr_lines(rgb)
    found, _ = RapidOCR()(np.asarray(rgb))
    text = tidy("\n".join(str(line[1]) for line in found or ()))
    return {"text": "\n".join([text, *codes]).strip(), "error": None}


ENGINES = {"tesseract": read, "rapidocr": read_rapid}


def main() -> None:
    """Read stdin, answer on stdout: `python -m bot.ocr_worker LIMIT [ENGINE]`."""
    _limit(int(sys.argv[1]) if len(sys.argv) > 1 else 768 * 2**20)
    engine = ENGINES[sys.argv[2] if len(sys.argv) > 2 else "tesseract"]
    image = sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        result = engine(image)
    except MemoryError:
        result = {"text": "", "error": "out of memory"}
    result["peak_kb"] = _peak_kb()
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
