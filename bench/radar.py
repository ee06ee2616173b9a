"""Variant radar benchmark: cluster N simulated reports on one core (MinHash in bulk, then LSH),
and the quality figures on the simulated stream with the real checker's verdicts.

    .venv/bin/python -m bench.radar [--reports 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from typing import Any

from bench.radar_stream import NEW_LABEL, Labeled, pairwise, stream
from bot.radar.radar import Radar, view


def quality(items: list[Labeled]) -> dict[str, Any]:
    """Pairwise precision/recall, and after how many of its reports the new variant is marked."""
    radar, labels, seen, delay = Radar(), {}, 0, None
    for it in items:
        radar.add(it.report)
        labels[it.report.id] = it.label
        if it.label != NEW_LABEL or delay is not None:
            continue
        seen += 1
        members = radar.members(len(radar.reports) - 1)
        top = Counter(labels[m.id] for m in members).most_common(1)[0][0]
        if view(members, it.report.created_at).new and top == NEW_LABEL:
            delay = seen
    clusters = [[r.id or 0 for r in c] for c in radar.clusters()]
    precision, recall = pairwise(clusters, {k or 0: v for k, v in labels.items()})
    return {"reports": len(items), "clusters": len(clusters), "precision": round(precision, 4),
            "recall": round(recall, 4), "new_variant_marked_after": delay}


def _load() -> list[float]:
    """The machine's 1-, 5- and 15-minute load averages (shared: other work slows the run)."""
    return [round(x, 2) for x in os.getloadavg()]


def speed(n: int) -> dict[str, Any]:
    """CPU and wall seconds to cluster n reports (bulk path, as the CLI and export use), with
    the machine's load before and after."""
    per = max(1, n // 18)  # 13 scripts + genuine (n/3) + the new variant: more than n
    items = stream(seed=11, per_script=per, genuine_n=n // 3, new_n=per)[:n]
    load_before = _load()
    started, wall = time.process_time(), time.perf_counter()
    radar = Radar()
    radar.add_all(it.report for it in items)
    seconds, wall = time.process_time() - started, time.perf_counter() - wall
    return {"reports": len(items), "clusters": len(radar.clusters()),
            "cpu_seconds": round(seconds, 2), "wall_seconds": round(wall, 2),
            "load_before": load_before, "load_after": _load(), "cores": os.cpu_count()}


def verdict_overhead(checker: Any, rounds: int = 7) -> dict[str, Any]:
    """CPU microseconds per check, and per verdict of the report button's only work before the
    verdict is sent: remembering the text in memory and the button's callback data (redaction
    and storage wait for a press). Batches alternate; the medians are reported."""
    from datetime import UTC, datetime
    from statistics import median

    from bot.core.callbacks import SubmitReport, encode
    from bot.core.reports import RecentChecks

    texts = [it.report.text for it in stream(seed=5, per_script=20, genuine_n=100, new_n=20)]
    recent, now = RecentChecks(start=10**10), datetime.now(UTC)
    checks, buttons = [], []
    for _ in range(rounds):
        t0 = time.process_time()
        verdicts = [checker.check(t) for t in texts]
        t1 = time.process_time()
        for i, (t, v) in enumerate(zip(texts, verdicts, strict=True)):
            encode(SubmitReport(recent.remember(i, t, v.kind, v.scam_type, v.confidence,
                                                "text", now)))
        t2 = time.process_time()
        checks.append((t1 - t0) / len(texts))
        buttons.append((t2 - t1) / len(texts))
    check_us, button_us = median(checks) * 1e6, median(buttons) * 1e6
    return {"checks": rounds * len(texts), "check_us": round(check_us, 1),
            "button_us": round(button_us, 2), "button_share": round(button_us / check_us, 4)}


def main(n: int = 100_000) -> dict[str, Any]:
    """All figures as one JSON-ready dict."""
    from bot.config import ROOT
    from bot.content.lexicon import load_checker

    checker = load_checker(ROOT / "content")
    return {"quality": quality(stream(checker=checker)), "speed": speed(n),
            "verdict": verdict_overhead(checker)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100_000)
    print(json.dumps(main(parser.parse_args().reports), indent=2))
