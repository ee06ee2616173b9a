"""Composition root: build everything from Settings; nothing is built at import time."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import ROOT, Settings
from bot.content.provider import BankProvider, DatabaseBankProvider
from bot.services.context import Defaults
from bot.services.service import BotService
from bot.storage.engine import make_engine
from bot.storage.store import store_factory
from bot.telegram.runtime import Runtime
from bot.texts.catalog import Texts


@dataclass
class Container:
    """Everything a running bot needs."""

    settings: Settings
    engine: AsyncEngine
    texts: Texts
    bank: BankProvider | DatabaseBankProvider
    service: BotService
    runtime: Runtime

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()


def build(settings: Settings, rng: random.Random | None = None) -> Container:
    """Wire the service, storage, content and texts from settings."""
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
    service = BotService(store_factory(engine), bank, defaults, rng)
    return Container(settings, engine, texts, bank, service, Runtime(service, texts))


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

    command.upgrade(alembic_config(url), revision)


async def migrate_async(url: str) -> None:
    """Apply migrations from inside a running event loop."""
    await asyncio.to_thread(migrate, url)
