"""Scam-check speed: checks per second on one core, latency, index build time and memory.

`python -m bench.scam_check [--rounds 20]` runs the labelled messages (tests/scamcheck) through the
checker; prints JSON with its accuracy on both held-out sets too.
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
from bot.content.lexicon import build_from

MESSAGES = ROOT / "tests" / "scamcheck" / "messages.jsonl"
SETS = ("messages.jsonl", "blind.jsonl")  # never learned from (see tests/scamcheck)


def _accuracy(checker: Any, path: Path) -> dict[str, float]:
    """Top-1 accuracy on the scam messages, and the share of benign ones called "none"."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    scams = [r for r in rows if r["label"] != "none"]
    benign = [r for r in rows if r["label"] == "none"]
    top1 = sum(checker.check(r["text"]).scam_type == r["label"] for r in scams) / len(scams)
    none = sum(checker.check(r["text"]).scam_type == "none" for r in benign) / len(benign)
    return {"top1_on_scams": round(top1, 4), "none_on_benign": round(none, 4),
            "messages": len(rows)}


def main(rounds: int = 20, messages: Path = MESSAGES) -> dict[str, Any]:
    """Build once (timed, memory traced), then check every message `rounds` times."""
    rows = [json.loads(line) for line in messages.read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    checker = build_from(ROOT / "content")
    build = time.perf_counter() - t0
    tracemalloc.start()  # a second build, traced: tracing slows it, so it is not the one timed
    kept = build_from(ROOT / "content")
    index_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del kept
    # CPU time of this thread: what one core spends, whatever else the machine is running.
    samples, wall = [], []
    for _ in range(rounds):
        for row in rows:
            t, w = time.thread_time(), time.perf_counter()
            checker.check(row["text"])
            samples.append(time.thread_time() - t)
            wall.append(time.perf_counter() - w)
    samples.sort()
    wall.sort()
    held_out = {name: _accuracy(checker, MESSAGES.with_name(name)) for name in SETS}
    return {"messages": len(rows), "checks": len(samples),
            "checks_per_s": round(len(samples) / sum(samples)),
            "median_ms": round(statistics.median(samples) * 1000, 3),
            "p99_ms": round(samples[int(len(samples) * 0.99)] * 1000, 3),
            "wall_p99_ms": round(wall[int(len(wall) * 0.99)] * 1000, 3),
            "index_build_s": round(build, 3), "index_mb": round(index_mb, 2),
            "held_out_accuracy": held_out,
            "targets": {"checks_per_s": 2000, "p99_ms": 5, "index_build_s": 2, "index_mb": 100,
                        "top1_on_scams": 0.9, "none_on_benign": 0.9}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    print(json.dumps(main(parser.parse_args().rounds), indent=2))
