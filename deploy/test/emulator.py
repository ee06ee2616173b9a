"""The Bot API emulator as a server of its own, for `make image-test`: run inside a container of
the image under test (python /emulator.py PORT), the bot and the test driver reach it over the
network, the driver through its /_emu/ control API."""

from __future__ import annotations

import asyncio
import signal
import sys

from tgemu import Emulator


async def main(port: int, hosts: list[str]) -> None:
    """Serve on every interface of the container until SIGTERM, to the Host names given."""
    emu = Emulator(bot_username="antifraud_test_bot")
    await emu.start("0.0.0.0", port, hosts=hosts)
    print(f"emulator on port {port}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()
    await emu.stop()


if __name__ == "__main__":
    # python /emulator.py PORT [HOST:PORT ...]: the names the bot and the driver reach it by
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 8081, sys.argv[2:]))
