"""Scam-check speed: checks per second on one core, latency, index build time and memory.

`python -m bench.scam_check [--rounds 20]` runs the labelled messages (tests/scamcheck) through the
checker; prints JSON with its accuracy on them too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bot.config import ROOT
from bot.content.lexicon import load_checker

MESSAGES = ROOT / "tests" / "scamcheck" / "messages.jsonl"


def main(rounds: int = 20, messages: Path = MESSAGES) -> dict[str, Any]:
    """Build once (timed, memory traced), then check every message `rounds` times."""
    rows = [json.loads(line) for line in messages.read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    checker = load_checker(ROOT / "content")
    build = time.perf_counter() - t0
    tracemalloc.start()  # a second build, traced: tracing slows it, so it is not the one timed
    kept = load_checker(ROOT / "content")
    index_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del kept
    samples = []
    for _ in range(rounds):
        for row in rows:
            t = time.perf_counter()
            checker.check(row["text"])
            samples.append(time.perf_counter() - t)
    samples.sort()
    right = sum(checker.check(r["text"]).scam_type == r["label"] for r in rows)
    return {"messages": len(rows), "checks": len(samples),
            "checks_per_s": round(len(samples) / sum(samples)),
            "median_ms": round(statistics.median(samples) * 1000, 3),
            "p99_ms": round(samples[int(len(samples) * 0.99)] * 1000, 3),
            "index_build_s": round(build, 3), "index_mb": round(index_mb, 2),
            "accuracy_on_labelled_set": round(right / len(rows), 4),
            "targets": {"checks_per_s": 2000, "p99_ms": 5, "index_build_s": 2, "index_mb": 100}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    print(json.dumps(main(parser.parse_args().rounds), indent=2))
