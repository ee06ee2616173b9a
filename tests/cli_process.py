"""Run the real CLI in its own process, forked from a warm parent (tests/cli_zygote.py).

`antifraud_process` is subprocess.run for `python -m bot ARGS`; `bot_process` is subprocess.Popen
for a long-running one (`run`, `sandbox`) whose output goes to a file. Each is a real process with
its own environment, files, signals and exit code; only the imports are paid once.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


class Zygote:
    """One warm parent per test process, started on first use; safe to use from any thread."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.changed = threading.Condition()
        self.pids: dict[int, int] = {}  # request tag -> pid
        self.codes: dict[int, int] = {}  # pid -> exit code
        self.tags = itertools.count()
        self.ready = False

    def spawn(self, args: list[str], env: dict[str, str], stdin: Path, stdout: Path,
              stderr: Path | str) -> int:
        """Start `python -m bot ARGS` in a forked child; its pid."""
        with self.changed:
            proc = self._started()
            tag = next(self.tags)
            req = {"tag": tag, "argv": args, "env": env, "cwd": str(ROOT), "stdin": str(stdin),
                   "stdout": str(stdout), "stderr": str(stderr)}
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(req).encode() + b"\n")
            proc.stdin.flush()
            if not self.changed.wait_for(lambda: tag in self.pids, 60):
                raise RuntimeError("cli zygote did not fork")
            return self.pids.pop(tag)

    def wait(self, pid: int, timeout: float | None) -> int | None:
        """The child's exit code, or None if it still runs after TIMEOUT seconds."""
        with self.changed:
            self.changed.wait_for(lambda: pid in self.codes or not self._alive(), timeout)
            return self.codes.get(pid)

    def _alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _started(self) -> subprocess.Popen[bytes]:
        if not self._alive():
            self.ready = False
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.cli_zygote"], cwd=ROOT,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         bufsize=0)
            atexit.register(self.stop, self.proc)
            threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()
            if not self.changed.wait_for(lambda: self.ready or not self._alive(), 120):
                raise RuntimeError("cli zygote did not start")
        assert self.proc is not None
        return self.proc

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            msg: dict[str, Any] = json.loads(line)
            with self.changed:
                if msg.get("ready"):
                    self.ready = True
                elif "exit" in msg:
                    self.codes[msg["exit"]] = msg["code"]
                else:
                    self.pids[msg["tag"]] = msg["pid"]
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    @staticmethod
    def stop(proc: subprocess.Popen[bytes]) -> None:
        """End a warm parent (it exits when its stdin closes) and reap it."""
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


ZYGOTE = Zygote()


class BotProcess:
    """A forked `python -m bot ...` with the part of Popen's interface the tests use."""

    def __init__(self, pid: int, args: list[str]) -> None:
        self.pid, self.args = pid, args
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code once ended, else None."""
        return self.wait(0) if self.returncode is None else self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the end; raises TimeoutExpired (like Popen) only when TIMEOUT is given."""
        if self.returncode is None:
            self.returncode = ZYGOTE.wait(self.pid, timeout)
        if self.returncode is None and timeout not in (None, 0):
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        """Signal the process unless it has already ended (its pid may be reused)."""
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL the process and anything it started."""
        if self.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # not yet its own group leader
                os.kill(self.pid, signal.SIGKILL)


def bot_process(*args: str, env: dict[str, str], output: Path) -> BotProcess:
    """`python -m bot ARGS` with exactly ENV, stdout and stderr both into OUTPUT (Popen-like)."""
    output.touch()
    return BotProcess(ZYGOTE.spawn(list(args), env, Path(os.devnull), output, "STDOUT"),
                      list(args))


def antifraud_process(*args: str, env: dict[str, str], stdin: str | None = None,
                      timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with exactly ENV in its own process, as subprocess.run gives it."""
    with tempfile.TemporaryDirectory(prefix="cli-") as tmp:
        files = {name: Path(tmp, name) for name in ("stdin", "stdout", "stderr")}
        files["stdin"].write_text(stdin or "", encoding="utf-8")
        files["stdout"].touch()
        files["stderr"].touch()
        proc = BotProcess(ZYGOTE.spawn(list(args), env, files["stdin"], files["stdout"],
                                       files["stderr"]), list(args))
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
        if code is None:
            raise RuntimeError("cli zygote ended before its child")
        out, err = (files[k].read_text(encoding="utf-8") for k in ("stdout", "stderr"))
    return subprocess.CompletedProcess([sys.executable, "-m", "bot", *args], code, out, err)
