"""The OCR worker: one picture on stdin, JSON on stdout; run by bot.ocr under a memory limit."""

from __future__ import annotations

import json
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot.ocr import LANGUAGES, MAX_BYTES, prepare, tidy


def _limit(max_bytes: int) -> None:
    """Cap this process (and tesseract, which inherits it) to max_bytes of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def _peak_kb() -> int:
    # VmHWM is this process's own peak; ru_maxrss after fork+exec carries the parent's (a big
    # test runner's), so it is only the fallback.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
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

    from PIL import Image

    png = prepare(image)  # the same checks and scaling as for tesseract: read at 2x it is better
    if png is None:
        return {"text": "", "error": "refused: not an image, or too large"}
    with Image.open(io.BytesIO(png)) as gray:
        rgb = gray.convert("RGB")
    import numpy as np  # only now: a refused picture costs no model load
    from rapidocr_onnxruntime import RapidOCR

    global _RAPID
    if _RAPID is None:  # loaded once per worker: a long-lived worker reads many pictures
        _RAPID = RapidOCR()
    codes = qr_lines(rgb)
    found, _ = _RAPID(np.asarray(rgb))
    text = tidy("\n".join(rows(found or ())))
    return {"text": "\n".join([text, *codes]).strip(), "error": None}


def rows(found: Any) -> list[str]:
    """RapidOCR's boxes joined into lines: boxes whose middles share a row, left to right."""
    boxes = []
    for corners, text, _score in found:
        ys = [p[1] for p in corners]
        boxes.append((min(ys), max(ys), min(p[0] for p in corners), str(text)))
    boxes.sort()
    lines: list[list[tuple[float, float, float, str]]] = []
    for box in boxes:
        middle = (box[0] + box[1]) / 2
        if lines and lines[-1][0][0] <= middle <= lines[-1][0][1]:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [" ".join(b[3] for b in sorted(line, key=lambda b: b[2])) for line in lines]


ENGINES = {"tesseract": read, "rapidocr": read_rapid}
_RAPID: Any = None


def serve(engine: Any) -> None:
    """Answer pictures until stdin closes: 4-byte length + image in, 4-byte length + JSON out."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while len(head := stdin.read(4)) == 4:
        size = struct.unpack(">I", head)[0]
        image = stdin.read(size) if size <= MAX_BYTES else b""
        if size > MAX_BYTES:  # never buffered: skipped in chunks
            for _ in range(0, size, 2**16):
                stdin.read(min(2**16, size))
        result = _answer(engine, image)
        body = json.dumps(result, ensure_ascii=False).encode()
        stdout.write(struct.pack(">I", len(body)) + body)
        stdout.flush()


def _answer(engine: Any, image: bytes) -> dict[str, object]:
    try:
        result = engine(image)
    except MemoryError:
        result = {"text": "", "error": "out of memory"}
    result["peak_kb"] = _peak_kb()
    return result


def main() -> None:
    """`python -m bot.ocr_worker LIMIT [ENGINE] [serve]`: one picture, or many with serve."""
    _limit(int(sys.argv[1]) if len(sys.argv) > 1 else 768 * 2**20)
    engine = ENGINES[sys.argv[2] if len(sys.argv) > 2 else "tesseract"]
    if sys.argv[3:] == ["serve"]:
        serve(engine)
        return
    result = _answer(engine, sys.stdin.buffer.read(MAX_BYTES + 1))
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
