"""Run every benchmark and write one JSON summary (`make bench`; `--quick` for small sizes)."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import database, outbox, quiz_answer, radar, scam_check, table, workers

RESULTS = Path(__file__).resolve().parent / "results"
Sizes = dict[str, int]
FULL: Sizes = {"answers": 1000, "users": 100_000, "seconds": 60, "db_users": 1_000_000}
QUICK: Sizes = {"answers": 200, "users": 5_000, "seconds": 10, "db_users": 50_000}


def benchmarks() -> dict[str, Callable[[Sizes], Any]]:
    """Each benchmark by name, taking the run's sizes."""
    return {
        "quiz_answer": lambda s: asyncio.run(quiz_answer.main(s["answers"])),
        "outbox": lambda s: outbox.main(s["users"], s["seconds"], s["db_users"]),
        "database": lambda s: database.main(s["db_users"]),
        "scam_check": lambda s: scam_check.main(),
        "workers": lambda s: asyncio.run(workers.main(users=s["answers"] // 5)),
        "radar": lambda s: radar.main(s["users"]),  # 100,000 reports (5,000 with --quick)
    }


def main() -> None:
    """Run the chosen benchmarks in sequence and write bench/results/latest.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (about a minute)")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    results: dict[str, Any] = {"sizes": sizes, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    for name, run in benchmarks().items():
        if args.only and name not in args.only:
            continue
        t0 = time.perf_counter()
        results[name] = run(sizes)
        results[name]["wall_seconds"] = round(time.perf_counter() - t0, 1)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if not args.quick and not args.only:  # the docs show full runs of everything only
        table.write_readme(results)


if __name__ == "__main__":
    main()
