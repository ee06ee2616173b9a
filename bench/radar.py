"""Variant radar benchmark: cluster N simulated reports on one core (MinHash in bulk, then LSH),
and the quality figures on the simulated stream with the real checker's verdicts.

    .venv/bin/python -m bench.radar [--reports 100000]
"""

from __future__ import annotations

import argparse
import json
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


def speed(n: int) -> dict[str, Any]:
    """Seconds to cluster n reports (bulk path, as the CLI and export use)."""
    per = max(1, n // 18)  # 13 scripts + genuine (n/3) + the new variant: more than n
    items = stream(seed=11, per_script=per, genuine_n=n // 3, new_n=per)[:n]
    started = time.process_time()
    radar = Radar()
    radar.add_all(it.report for it in items)
    seconds = time.process_time() - started
    return {"reports": len(items), "clusters": len(radar.clusters()),
            "cpu_seconds": round(seconds, 2)}


def main(n: int = 100_000) -> dict[str, Any]:
    """Both figures as one JSON-ready dict."""
    from bot.config import ROOT
    from bot.content.lexicon import load_checker

    return {"quality": quality(stream(checker=load_checker(ROOT / "content"))),
            "speed": speed(n)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=100_000)
    print(json.dumps(main(parser.parse_args().reports), indent=2))
