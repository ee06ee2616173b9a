"""Choose the OCR engine: character error and time per picture on bench/screens.py's set.

`python -m bench.ocr_engines [--count 100] [--engines tesseract,rapidocr]` prints JSON. Each
picture goes through the bot's long-lived worker process (bot/ocr.py), its first model load
included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from typing import Any

from bench.screens import screens
from bot.ocr import OcrWorker


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(read: str, truth: str) -> float:
    """Character error rate with all whitespace removed (line breaks are layout)."""
    a, b = "".join(read.split()), "".join(truth.split())
    return distance(a, b) / max(1, len(b))


async def measure(engine: str, count: int) -> dict[str, Any]:
    """CER (mean, per picture) and seconds per picture (median, p95) for one engine."""
    errors, times = [], []
    chars = wrong = 0
    worker = OcrWorker(engine, timeout=120)  # as the bot runs it: one long-lived worker
    for s in screens(count):
        started = time.perf_counter()
        result = await worker.read(s.image)
        times.append(time.perf_counter() - started)
        truth = "\n".join(s.lines)
        errors.append(cer(str(result.get("text") or ""), truth))
        n = len("".join(truth.split()))
        chars += n
        wrong += round(errors[-1] * n)
    await worker.close()
    times.sort()
    return {"engine": engine, "pictures": count, "cer_total": round(wrong / chars, 4),
            "cer_mean": round(statistics.mean(errors), 4),
            "seconds_median": round(statistics.median(times), 2),
            "seconds_p95": round(times[max(0, int(0.95 * len(times)) - 1)], 2),
            "load_average": os.getloadavg()[0]}


def main() -> None:
    """Print one JSON line per engine."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--engines", default="tesseract,rapidocr")
    args = parser.parse_args()
    for engine in args.engines.split(","):
        print(json.dumps(asyncio.run(measure(engine, args.count))), flush=True)


if __name__ == "__main__":
    main()
