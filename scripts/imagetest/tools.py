"""Helpers for `make image-test`: commands, waiting, HTTP, podman containers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
os.environ.setdefault("CONTAINERS_CONF", str(ROOT / "deploy/test/containers.conf"))
IMAGE = os.environ.get("IMAGE", "localhost/antifraud-quiz-bot:latest")
TOKEN = "123456:image-test-token"
passed: list[str] = []

class Failed(Exception):
    """A check that did not hold; the message says what was expected and what was seen."""


def sh(*args: str, check: bool = True, timeout: float = 180,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command, capture its output; Failed (with the output) on a non-zero exit."""
    try:
        res = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                             env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as exc:
        raise Failed(f"{' '.join(args)} did not finish within {timeout} s") from exc
    if check and res.returncode != 0:
        raise Failed(f"{' '.join(args)} exited {res.returncode}:\n{res.stdout}{res.stderr}")
    return res


def podman(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    """A podman command."""
    return sh("podman", *args, **kw)


def ok(what: str) -> None:
    """Record a check that held."""
    passed.append(what)
    print(f"  ok  {what}", flush=True)


def wait(what: str, probe: Callable[[], Any], timeout: float = 90.0) -> Any:
    """Poll until probe() gives a true value (exceptions count as not yet); Failed if never."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Exception as exc:  # not ready yet: remember why, for the failure message
            last = exc
        time.sleep(0.5)
    raise Failed(f"timed out after {timeout:.0f} s waiting for {what}"
                 + (f" (last error: {last})" if last else ""))


def free_port() -> int:
    """A free TCP port on loopback for a published container port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(method: str, url: str, body: Any = None, timeout: float = 10) -> tuple[int, Any]:
    """Status and JSON body of a request (a 4xx/5xx is returned, not raised)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        raw = exc.read() or b"null"
        try:
            return exc.code, json.loads(raw)
        except ValueError:  # an HTML error page (nginx)
            return exc.code, raw.decode(errors="replace")


def healthy(container: str) -> bool:
    """Run the image's HEALTHCHECK now; True if it passed."""
    return podman("healthcheck", "run", container, check=False, timeout=60).returncode == 0


def logs(*names: str) -> None:
    """The last lines of each container's log, for a failure."""
    for name in names:
        res = podman("logs", name, check=False)
        tail = "\n".join((res.stdout + res.stderr).splitlines()[-40:])
        print(f"----- logs of {name} (last 40 lines) -----\n{tail}\n", file=sys.stderr)


def exit_code(container: str) -> int:
    """The container's exit code once it has stopped."""
    out = podman("inspect", container, "--format", "{{.State.ExitCode}}").stdout
    return int(out.strip())


def no_traceback(container: str) -> None:
    """The container's log has no Python traceback."""
    res = podman("logs", container, check=False)
    if "Traceback" in res.stdout + res.stderr:
        raise Failed(f"{container} logged a traceback:\n{res.stdout[-3000:]}{res.stderr[-3000:]}")


def inspect(container: str, fmt: str) -> str:
    """One field of podman inspect."""
    return podman("inspect", container, "--format", fmt).stdout.strip()


