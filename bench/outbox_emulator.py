"""A Bot API emulator in its own process for the outbox benchmarks.

Prints its URL, then answers commands on stdin: `stats` prints one JSON line (messages received,
the most in any 1-second window, 429s, the first and last receipt times); `quit` stops.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import deque
from typing import Any

from tgemu import Emulator


def window_max(stamps: list[float]) -> int:
    """The most receipts in any 1-second window."""
    best, q = 0, deque[float]()
    for s in stamps:
        q.append(s)
        while q[0] <= s - 1.0:
            q.popleft()
        best = max(best, len(q))
    return best


async def serve(users: int, limit: int | None) -> None:
    """Run until `quit`."""
    emu = Emulator(bot_username="bench_bot")
    url = await emu.start(host="127.0.0.1", port=0)
    for i in range(1, users + 1):
        emu.user(i, "u")
    if limit:
        emu.limits(enabled=True, global_per_s=limit, reject=True)
    stamps: list[float] = []
    events = emu.subscribe()

    async def record() -> None:
        while (event := await events.get()) is not None:
            if event.get("type") == "message":
                stamps.append(time.monotonic())

    recorder = asyncio.create_task(record())
    print(url, flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "stats":
            out: dict[str, Any] = {
                "received": len(stamps), "max_per_1s": window_max(stamps),
                "rejected_429": len(emu.limit_violations),
                "first": stamps[0] if stamps else None, "last": stamps[-1] if stamps else None,
            }
            print(json.dumps(out), flush=True)
        elif line in ("quit", ""):
            break
    recorder.cancel()
    await emu.stop()


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=0, help="enforce this global rate (429)")
    args = parser.parse_args()
    asyncio.run(serve(args.users, args.limit or None))


if __name__ == "__main__":
    main()
