"""Run the real CLI in its own process, forked from a warm parent (tests/cli_zygote.py)."""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Zygote:
    """One warm parent per test process, started on first use."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = b""
        self.lock = threading.Lock()

    def run(self, args: list[str], env: dict[str, str], cwd: Path, stdin: str | None,
            timeout: float) -> subprocess.CompletedProcess[str]:
        """`python -m bot ARGS` in a forked child; the result a subprocess.run would give."""
        with self.lock, tempfile.TemporaryDirectory(prefix="cli-") as tmp:
            files = {name: Path(tmp, name) for name in ("stdin", "stdout", "stderr")}
            files["stdin"].write_text(stdin or "", encoding="utf-8")
            files["stdout"].touch()
            files["stderr"].touch()
            proc = self._ready()
            req = {"argv": args, "env": env, "cwd": str(cwd)} | {k: str(v) for k, v in
                                                                  files.items()}
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(req).encode() + b"\n")
            proc.stdin.flush()
            pid = self._reply(30.0)["pid"]
            try:
                code = self._reply(timeout)["code"]
            except TimeoutError:
                os.killpg(pid, signal.SIGKILL)
                self._reply(30.0)
                raise subprocess.TimeoutExpired(args, timeout) from None
            out, err = (files[k].read_text(encoding="utf-8") for k in ("stdout", "stderr"))
        return subprocess.CompletedProcess([sys.executable, "-m", "bot", *args], code, out, err)

    def _ready(self) -> subprocess.Popen[bytes]:
        if self.proc is None or self.proc.poll() is not None:
            self.buffer = b""
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.cli_zygote"], cwd=ROOT,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         bufsize=0)
            atexit.register(self.stop)
            if not self._reply(120.0).get("ready"):
                raise RuntimeError("cli zygote did not start")
        return self.proc

    def stop(self) -> None:
        """End the warm parent (it exits when its stdin closes) and reap it."""
        if self.proc is not None and self.proc.stdin is not None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _reply(self, timeout: float) -> dict[str, int]:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("cli zygote exited")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        reply: dict[str, int] = json.loads(line)
        return reply


ZYGOTE = Zygote()


def antifraud_process(*args: str, env: dict[str, str], stdin: str | None = None,
                      timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with exactly ENV, in its own (forked, pre-imported) process."""
    return ZYGOTE.run(list(args), env, ROOT, stdin, timeout)
