"""Part 1 of `make image-test`: one container against the emulator, polling then webhook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imagetest.emu import Emu
from imagetest.tools import (
    IMAGE,
    ROOT,
    TOKEN,
    Failed,
    exit_code,
    free_port,
    healthy,
    http,
    no_traceback,
    ok,
    podman,
    wait,
)

PREFIX = "aft-"  # every container, volume and network of part 1
HARDENED = ["--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--memory", "768m"]

def cleanup_single() -> None:
    """Remove part 1's containers, volumes and network (also left over from a broken run)."""
    names = podman("ps", "-a", "--format", "{{.Names}}", check=False).stdout.split()
    mine = [n for n in names if n.startswith(PREFIX)]
    if mine:
        podman("rm", "-f", "-v", "-t", "0", *mine, check=False)
    vols = podman("volume", "ls", "--format", "{{.Name}}", check=False).stdout.split()
    for vol in (v for v in vols if v.startswith(PREFIX)):
        podman("volume", "rm", "-f", vol, check=False)
    podman("network", "rm", "-f", f"{PREFIX}net", check=False)


def run_bot(name: str, *args: str) -> None:
    """Start a hardened bot container on the test network."""
    podman("run", "-d", "--name", name, "--network", f"{PREFIX}net", *HARDENED,
           "-e", f"TELEGRAM_API_BASE_URL=http://{PREFIX}emu:8081", *args, IMAGE)


def stop_gracefully(name: str) -> None:
    """SIGTERM, then exit 0 well within the 30 s grace period (a SIGKILL would be 137)."""
    podman("stop", "-t", "30", name, timeout=60)
    code = exit_code(name)
    if code != 0:
        raise Failed(f"{name} exited {code} on SIGTERM (137 = killed after the grace period)")
    no_traceback(name)


def stats(name: str) -> dict[str, Any]:
    """`antifraud stats --json` inside the container."""
    return dict(json.loads(podman("exec", name, "antifraud", "stats", "--json").stdout))


def single(tmp: Path) -> None:
    """Part 1: one container against the emulator, polling then webhook, then no token."""
    cleanup_single()
    podman("network", "create", f"{PREFIX}net")
    emu_port = free_port()
    podman("run", "-d", "--name", f"{PREFIX}emu", "--network", f"{PREFIX}net",
           "-p", f"127.0.0.1:{emu_port}:8081", "-v",
           f"{ROOT / 'deploy/test/emulator.py'}:/emulator.py:ro", IMAGE,
           "python", "/emulator.py", "8081", f"{PREFIX}emu:8081", f"127.0.0.1:{emu_port}")
    emu = Emu(emu_port)
    wait("the emulator", emu.ready)
    polling(emu, tmp)
    webhook(emu)
    no_token()
    cleanup_single()


def polling(emu: Emu, tmp: Path) -> None:
    """Polling, the token from a secret file; a round played, SIGTERM, data across a restart."""
    token_file = tmp / "telegram_bot_token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o444)
    poll = f"{PREFIX}poll"
    run_bot(poll, "-v", f"{PREFIX}data:/data",
            "-v", f"{token_file}:/run/secrets/telegram_bot_token:ro",
            "-e", "TELEGRAM_BOT_TOKEN_FILE=/run/secrets/telegram_bot_token")
    wait("polling bot: HEALTHCHECK healthy", lambda: healthy(poll))
    ok("polling: HEALTHCHECK healthy (token from TELEGRAM_BOT_TOKEN_FILE, read-only root, "
       "no capabilities)")
    emu.reply_to_start(7001)
    ok("polling: /start answered")
    emu.play_round(7001)
    before = stats(poll)
    if before["users"] < 1 or before["answers"] < 1:
        raise Failed(f"nothing stored after a round: {before}")
    stop_gracefully(poll)
    ok("polling: SIGTERM -> exit 0 within the grace period")
    podman("start", poll)
    wait("polling bot healthy after a restart", lambda: healthy(poll))
    after = stats(poll)
    if (after["users"], after["answers"]) != (before["users"], before["answers"]):
        raise Failed(f"data changed across a restart: {before} -> {after}")
    emu.reply_to_start(7001)
    ok(f"polling: data kept on the volume across a restart ({after['users']} user, "
       f"{after['answers']} answers) and /start answered after it")
    stop_gracefully(poll)


def webhook(emu: Emu) -> None:
    """Webhook mode: health, /healthz through a published port, /start, SIGTERM."""
    hook, hook_port = f"{PREFIX}hook", free_port()
    run_bot(hook, "-v", f"{PREFIX}hookdata:/data", "-p", f"127.0.0.1:{hook_port}:8080",
            "-e", f"TELEGRAM_BOT_TOKEN={TOKEN}",
            "-e", f"WEBHOOK_URL=http://{hook}:8080/telegram/hook")
    wait("webhook bot: HEALTHCHECK healthy", lambda: healthy(hook))
    ok("webhook: HEALTHCHECK healthy")
    status, body = http("GET", f"http://127.0.0.1:{hook_port}/healthz")
    if status != 200 or body.get("status") != "ok" or not body.get("ready"):
        raise Failed(f"/healthz through the published port: {status} {body}")
    ok(f"webhook: /healthz through the published port: {body}")
    emu.reply_to_start(7002)
    ok("webhook: /start answered (the emulator posts to the container's webhook)")
    stop_gracefully(hook)
    ok("webhook: SIGTERM -> exit 0 within the grace period")


def no_token() -> None:
    """No token: one line and exit 2, not a sandbox nobody can reach reported healthy."""
    bare = f"{PREFIX}notoken"  # the container's own output only (not podman's messages)
    podman("run", "-d", "--name", bare, *HARDENED, IMAGE)
    code = int(podman("wait", bare, timeout=120).stdout.strip())
    out = podman("logs", bare)
    lines = (out.stdout + out.stderr).strip().splitlines()
    if code != 2 or len(lines) != 1 or "TELEGRAM_BOT_TOKEN" not in lines[0]:
        raise Failed(f"no token: expected one line and exit 2, got {code}: {lines}")
    ok(f"no token: exit 2 with one line: {lines[0]}")


