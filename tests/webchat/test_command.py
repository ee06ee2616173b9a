"""`antifraud run` without a token serves the web chat on loopback (what `make run` does)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.webchat.conftest import ROOT

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")


def start(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """The real command in a subprocess, with no token and no desktop."""
    full = {k: v for k, v in os.environ.items()
            if not k.startswith("TELEGRAM_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    full.update({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}", **env})
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=ROOT, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_until_url(proc: subprocess.Popen[str], timeout: float = 30.0) -> tuple[str, str]:
    """Lines printed up to the page URL, and the URL."""
    assert proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
        if (match := URL.search(line)) is not None:
            return seen, match.group(0)
    proc.kill()
    raise AssertionError(f"no URL printed:\n{seen}\n{proc.stderr.read() if proc.stderr else ''}")


def test_run_without_a_token_serves_the_web_chat(tmp_path: Path) -> None:
    with start(tmp_path, "run", WEBCHAT_PORT="0") as proc:
        try:
            printed, url = read_until_url(proc)
            with urllib.request.urlopen(url + "api/session", timeout=5) as resp:
                session = json.load(resp)["result"]
            with urllib.request.urlopen(url, timeout=5) as resp:
                page = resp.read().decode()
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=20)
        assert proc.stdout is not None and proc.stderr is not None
        out, err = proc.stdout.read(), proc.stderr.read()  # past what read_until_url buffered
    assert "offline sandbox" in printed and "127.0.0.1 only" in printed + out
    assert session["loopback"] is True and session["bot"]["username"]
    assert '<script type="module" src="/static/app.js">' in page
    assert proc.returncode == 0, err


def test_a_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with start(tmp_path, "sandbox", "--web", "--port", str(port)) as proc:
            _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert f"127.0.0.1:{port}" in err and "--port" in err
