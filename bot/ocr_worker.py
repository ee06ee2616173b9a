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


def read(image: bytes) -> dict[str, object]:
    """The text in one picture, or the reason there is none."""
    png = prepare(image)
    if png is None:
        return {"text": "", "error": "refused: not an image, or too large"}
    exe = shutil.which("tesseract")
    if exe is None:
        return {"text": "", "error": "tesseract missing"}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.png"
        path.write_bytes(png)
        done = subprocess.run([exe, str(path), "stdout", "-l", LANGUAGES, "--psm", "6"],
                              capture_output=True, check=False)
    return {"text": tidy(done.stdout.decode("utf-8", "replace")), "error": None}


def main() -> None:
    """Read stdin, answer on stdout."""
    _limit(int(sys.argv[1]) if len(sys.argv) > 1 else 768 * 2**20)
    image = sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        result = read(image)
    except MemoryError:
        result = {"text": "", "error": "out of memory"}
    result["peak_kb"] = _peak_kb()
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
