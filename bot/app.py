"""Composition root: build everything from Settings; nothing is built at import time."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import ROOT, Settings
from bot.content.lexicon import load_checker
from bot.content.provider import BankProvider, DatabaseBankProvider
from bot.contests.clock import ContestClock
from bot.core.flood import FloodGuard, FloodPolicy
from bot.core.reports import RecentChecks, ReportDesk
from bot.learning.memory import FsrsScheduler
from bot.media.pictures import drawer
from bot.ocr import OcrWorker
from bot.outbox.engine import Outbox, utcnow
from bot.outbox.leader import Leader
from bot.outbox.limiter import RateLimiter
from bot.outbox.pushes import Pushes
from bot.outbox.scheduler import PushScheduler
from bot.radar.keys import read_key_file
from bot.services.context import Defaults
from bot.services.service import BotService
from bot.storage.engine import make_engine
from bot.storage.report_store import Rekeyed, prune_reports, rekey_reports
from bot.storage.store import store_factory
from bot.telegram.api import BotApi
from bot.telegram.budget import GroupBudget
from bot.telegram.files import PictureReader
from bot.telegram.members import ChatMembers
from bot.telegram.runtime import Runtime
from bot.texts.catalog import Texts

log = logging.getLogger(__name__)


@dataclass
class Container:
    """Everything a running bot needs."""

    settings: Settings
    engine: AsyncEngine
    texts: Texts
    bank: BankProvider | DatabaseBankProvider
    service: BotService
    runtime: Runtime
    pushes: Pushes
    scheduler: PushScheduler
    api: BotApi
    contests: ContestClock
    worker: str = "worker"  # this process among several on one database (logs, leases)
    ocr: OcrWorker | None = None  # the long-lived OCR worker process (started on first use)

    async def close(self) -> None:
        """Stop pushes and contests, then release HTTP and database connections."""
        await self.contests.stop()
        await self.scheduler.stop()
        await self.api.close()
        if self.ocr is not None:
            await self.ocr.close()
        await self.engine.dispose()


FREE_BROADCAST_RATE = 30  # above this, sends use allow_paid_broadcast (up to 1000/s)


def worker_id(settings: Settings) -> str:
    """Unique per process, even for several containers built in one (tests): name-pid-random."""
    name = settings.worker_name or socket.gethostname()
    return f"{name[:20]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def make_api(settings: Settings) -> BotApi:
    """The Bot API port on the configured framework, at TELEGRAM_API_BASE_URL; each adapter is
    imported only when chosen."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    paid = settings.broadcast_rate > FREE_BROADCAST_RATE
    if settings.bot_framework == "aiogram":
        from bot.telegram.aiogram_api import AiogramApi

        return AiogramApi(token, settings.telegram_api_base_url, paid)
    from bot.telegram.ptb import PtbApi

    return PtbApi(token, settings.telegram_api_base_url, paid)


def _pushes(settings: Settings, engine: AsyncEngine, service: BotService, texts: Texts,
            clock: Callable[[], datetime], worker: str, api: BotApi) -> Pushes:
    outbox = Outbox(engine, api, RateLimiter(settings.broadcast_rate), clock, worker=worker,
                    lease=timedelta(seconds=settings.delivery_lease_seconds))
    return Pushes(engine, outbox, service.stores, service.bank, texts, clock, settings.quiet,
                  timedelta(minutes=settings.push_grace_minutes), service.rng)


REF_BITS = 36  # report button references: 11 digits, under the 12 callback data allows


def report_desk(settings: Settings, rng: random.Random | None = None) -> ReportDesk:
    """Recent checks in memory and the reporter hash key (REPORTS_HASH_KEY or the token's).

    Button references start at a random number per worker (a seeded rng's next number in
    tests, drawn from a copy so the service's own sequence is unchanged).
    """
    fork = random.Random()
    if rng is not None:
        fork.setstate(rng.getstate())
    recent = RecentChecks(start=fork.getrandbits(REF_BITS) + 1)
    return ReportDesk(settings.reports_key(), recent,
                      retention=timedelta(days=settings.reports_retention_days))


async def adopt_legacy_key(settings: Settings, engine: AsyncEngine) -> Rekeyed | None:
    """Move reports made with an older version's per-host key file to the key in use.

    Runs at every start while the file is there (an older worker on the host may still be
    writing with it); the file is only read. None when there is no such file.
    """
    path = settings.reports_hash_key_path
    old = read_key_file(path)
    if old is None or old == settings.reports_key():
        return None  # none, or it is the key in use (REPORTS_HASH_KEY_FILE pointing at it)
    done = await rekey_reports(engine, old, settings.reports_key())
    log.warning("reports made with the legacy reporter key file %s moved to the key in use "
                "(%d reporters, %d reports, %d kept once, %d unknown); delete the file once no "
                "older worker runs on this host", path, done.reporters, done.reports,
                done.duplicates, done.unknown)
    return done


def build(settings: Settings, rng: random.Random | None = None,
          clock: Callable[[], datetime] = utcnow, ocr: OcrWorker | None = None) -> Container:
    """Wire the service, storage, content and texts from settings; `ocr` is a worker the caller
    owns and shares (the tests' one per session), else the container starts its own."""
    engine = make_engine(settings.database_url)
    texts = Texts()
    bank: BankProvider | DatabaseBankProvider = (
        DatabaseBankProvider(engine) if settings.content_source == "database"
        else BankProvider(settings.content_dir)
    )
    defaults = Defaults(
        language=settings.default_language,
        timezone=settings.default_timezone,
        round_length=settings.round_length,
        admin_ids=settings.admin_ids,
    )
    api = make_api(settings)
    reading = ocr if ocr is not None else OcrWorker()  # one worker: one picture at a time
    own = None if ocr is not None else reading  # closed with the container
    reader = PictureReader(api, reading.read_text)
    service = BotService(store_factory(engine), bank, defaults, rng,
                         load_checker(settings.content_dir), reader, ChatMembers(api),
                         report_desk(settings, rng), scheduler=FsrsScheduler())
    worker = worker_id(settings)
    pushes = _pushes(settings, engine, service, texts, clock, worker, api)
    # The scheduler lease outlives a few missed ticks; a dead leader is replaced after it.
    leader = Leader(engine, worker, timedelta(seconds=max(3 * settings.scheduler_tick_seconds,
                                                          1.0)))
    retention = timedelta(days=settings.reports_retention_days)

    async def prune() -> int:
        return await prune_reports(engine, clock() - retention)

    scheduler = PushScheduler(pushes, settings.scheduler_tick_seconds, leader, prune)
    budget = GroupBudget()
    contests = ContestClock(api, service.stores, service.bank, texts, settings.default_timezone,
                            settings.contest_tick_seconds, budget)
    guard = FloodGuard(FloodPolicy(settings.flood_rate, settings.flood_burst))
    runtime = Runtime(service, texts, budget, drawer(texts, settings.bot_username), guard)
    return Container(settings, engine, texts, bank, service, runtime, pushes, scheduler, api,
                     contests, worker, own)


def alembic_config(url: str):  # type: ignore[no-untyped-def]
    """Alembic configuration pointing at the project's migrations and a database URL."""
    from alembic.config import Config

    # The source tree when installed editable; the working directory in the Docker image.
    base = ROOT if (ROOT / "alembic.ini").exists() else Path.cwd()
    cfg = Config(str(base / "alembic.ini"))
    cfg.set_main_option("script_location", str(base / "alembic"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str, revision: str = "head") -> None:
    """Apply migrations up to a revision (synchronously)."""
    from alembic import command
    from bot.storage.engine import check_writable

    check_writable(url)
    command.upgrade(alembic_config(url), revision)


async def migrate_async(url: str) -> None:
    """Apply migrations from inside a running event loop."""
    await asyncio.to_thread(migrate, url)
