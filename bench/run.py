"""Run every benchmark and print one JSON summary (`make bench`)."""

from __future__ import annotations

import asyncio
import json

from bench import quiz_answer


def main() -> None:
    """Run the benchmarks in sequence."""
    results = {"quiz_answer": asyncio.run(quiz_answer.main(1000))}
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
