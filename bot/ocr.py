"""Read the text in a screenshot in a separate worker process (memory limit, timeout).

The worker (bot/ocr_worker.py) checks the picture's size before decoding it, scales it and runs
Debian's tesseract; a hostile picture can cost that process, never the bot.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import struct
import subprocess
import sys
import threading
from typing import IO

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)
MAX_BYTES = 10 * 2**20  # Telegram's photos are far smaller; anything bigger is not a screenshot
MAX_PIXELS = 12_000_000  # after any upscaling: a tall phone screenshot at 2x is ~8 Mpx
MAX_SIDE = 8_000
MAX_ASPECT = 12  # a long chat scroll is ~6:1; 1x40,000,000 is a bomb
ENGINE = "rapidocr"  # chosen by bench/ocr_engines.py on bench/screens.py's screenshots
# The worker's address space; onnxruntime reserves far more than it touches.
MEMORY_LIMITS = {"tesseract": 768 * 2**20, "rapidocr": 3 * 2**30}
LANGUAGES = "chi_sim"  # its model reads Latin too; adding eng or chi_tra made mixed lines worse
# tesseract puts spaces between CJK characters; Chinese has none, so they are dropped.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+"
                      r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def scale_for(width: int, height: int) -> int | None:
    """The upscale factor for a picture of this size, or None if it must be refused."""
    if width < 1 or height < 1 or max(width, height) / min(width, height) > MAX_ASPECT:
        return None
    factor = 2 if width < 1200 else 1  # shrunk phone screenshots read better at twice the size
    w, h = width * factor, height * factor
    if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
        return None
    return factor


def prepare(image: bytes) -> bytes | None:
    """A grayscale PNG scaled so text is large enough to read; None if refused or no image."""
    if len(image) > MAX_BYTES:
        return None
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(image)) as img:  # reads the header only: no pixels yet
            factor = scale_for(img.width, img.height)
            if factor is None:
                return None
            gray = img.convert("L")
            if factor > 1:
                gray = gray.resize((gray.width * factor, gray.height * factor),
                                   Image.Resampling.LANCZOS)
        out = io.BytesIO()
        gray.save(out, format="PNG")
        return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, MemoryError, SyntaxError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None


def tidy(text: str) -> str:
    """Join CJK characters tesseract split apart, and drop empty lines."""
    lines = (_CJK_GAP.sub("", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


async def run_worker(image: bytes, timeout: float = 30.0,
                     engine: str = ENGINE) -> dict[str, object]:
    """Run the worker on one picture: {"text", "error", "peak_kb"}; killed after the timeout."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.ocr_worker", str(MEMORY_LIMITS[engine]), engine,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(image), timeout)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        return {"text": "", "error": "timeout", "peak_kb": 0}
    try:
        result = json.loads(out.decode("utf-8", "replace"))
        return result if isinstance(result, dict) else {"text": "", "error": "bad output"}
    except ValueError:
        return {"text": "", "error": f"worker exit {proc.returncode}", "peak_kb": 0}


async def read_text(image: bytes, timeout: float = 30.0) -> str:
    """The text in an image, or "" if none could be read (the reason is logged)."""
    result = await run_worker(image, timeout)
    if result.get("error"):
        log.warning("ocr skipped: %s", result["error"])
    return str(result.get("text") or "")


class OcrWorker:
    """One long-lived worker process, so models load once; restarted after a timeout or crash.

    Pictures are read one at a time; a picture that takes longer than the timeout costs the
    worker, which is killed and started afresh for the next one. The pipes are worked from a
    thread, so one worker can serve several event loops (the tests share one per session).
    """

    def __init__(self, engine: str = ENGINE, timeout: float = 60.0) -> None:
        self.engine, self.timeout = engine, timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._stop()  # a dead worker's pipes are closed before a new one starts
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "bot.ocr_worker", str(MEMORY_LIMITS[self.engine]),
                 self.engine, "serve"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return self._proc

    async def read(self, image: bytes) -> dict[str, object]:
        """{"text", "error", "peak_kb"} for one picture."""
        if len(image) > MAX_BYTES:
            return {"text": "", "error": "refused: too large", "peak_kb": 0}
        return await asyncio.to_thread(self._read, image)

    def _read(self, image: bytes) -> dict[str, object]:
        with self._lock:
            proc = self._started()
            assert proc.stdin is not None and proc.stdout is not None
            timer = threading.Timer(self.timeout, proc.kill)  # a stuck read ends at EOF
            timer.start()
            try:
                proc.stdin.write(struct.pack(">I", len(image)) + image)
                proc.stdin.flush()
                size = struct.unpack(">I", _exactly(proc.stdout, 4))[0]
                result = json.loads(_exactly(proc.stdout, size).decode("utf-8", "replace"))
            except (EOFError, OSError, ValueError) as exc:
                self._stop()
                return {"text": "", "error": f"worker lost: {type(exc).__name__}", "peak_kb": 0}
            finally:
                timer.cancel()
        return result if isinstance(result, dict) else {"text": "", "error": "bad output"}

    async def read_text(self, image: bytes) -> str:
        """The text in an image, or "" (the reason is logged)."""
        result = await self.read(image)
        if result.get("error"):
            log.warning("ocr skipped: %s", result["error"])
        return str(result.get("text") or "")

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()
        proc.wait()

    async def close(self) -> None:
        """Stop the worker (it is started again on the next picture)."""
        self._stop()


def _exactly(stream: IO[bytes], size: int) -> bytes:
    """`size` bytes from a pipe; EOFError if the worker died first."""
    data = stream.read(size)
    if len(data) != size:
        raise EOFError(f"{len(data)} of {size} bytes")
    return data
