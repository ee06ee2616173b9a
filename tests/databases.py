"""Test databases: a SQLite file per test, or (TEST_DATABASE=postgresql) a fresh PostgreSQL
database per test on a loopback server that scripts/postgres starts once per session.

TEST_POSTGRES_URL points at a server that is already running instead (any database on it; the
user must be allowed to create databases).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.app import migrate

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "postgres"
TEMPLATE = f"antifraud_template_{os.getpid()}"  # per session: a shared server may run several


def backend() -> str:
    """'sqlite' (the default) or 'postgresql'."""
    name = os.environ.get("TEST_DATABASE", "sqlite").strip().lower()
    if name in ("postgres", "pg"):
        name = "postgresql"
    if name not in ("sqlite", "postgresql"):
        raise ValueError(f"TEST_DATABASE must be sqlite or postgresql, not {name!r}")
    return name


def on_postgres() -> bool:
    """Whether this test run uses PostgreSQL."""
    return backend() == "postgresql"


@contextmanager
def postgres_server() -> Iterator[str]:
    """The admin URL of a server: TEST_POSTGRES_URL, or one started for this session."""
    given = os.environ.get("TEST_POSTGRES_URL")
    if given:
        yield given
        return
    out = subprocess.run([str(SCRIPT), "start"], check=False, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"scripts/postgres could not start a server:\n{out.stderr}")
    url, folder = out.stdout.split()[:2]
    try:
        yield url
    finally:
        subprocess.run([str(SCRIPT), "stop", folder], check=False, capture_output=True)


async def _admin(url: str, *statements: str) -> None:
    import asyncpg

    u = make_url(url)
    conn = await asyncpg.connect(host=u.host, port=u.port, user=u.username,
                                 password=u.password, database=u.database or "postgres")
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


def database_url(admin_url: str, name: str) -> str:
    """The URL of another database on the same server."""
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def make_template(admin_url: str) -> None:
    """A migrated database that each test's database is copied from (faster than migrating)."""
    asyncio.run(_admin(admin_url, f"DROP DATABASE IF EXISTS {TEMPLATE}",
                       f"CREATE DATABASE {TEMPLATE}"))
    migrate(database_url(admin_url, TEMPLATE))


def create_database(admin_url: str, migrated: bool = True) -> str:
    """A new database, copied from the migrated template or empty; returns its URL."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    template = f" TEMPLATE {TEMPLATE}" if migrated else ""
    asyncio.run(_admin(admin_url, f"CREATE DATABASE {name}{template}"))
    return database_url(admin_url, name)


def drop_template(admin_url: str) -> None:
    """Drop this session's template (the server may outlive the session)."""
    asyncio.run(_admin(admin_url, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))


def drop_database(admin_url: str, url: str) -> None:
    """Drop a test database, closing whatever connections are left on it."""
    name = make_url(url).database
    asyncio.run(_admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
