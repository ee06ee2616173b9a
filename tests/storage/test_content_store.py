"""Content kept in the database: import, export, and a bot serving from it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.config import ROOT
from bot.content.entries import read_entries
from bot.content.loader import load_bank
from bot.content.provider import DatabaseBankProvider
from bot.storage.content_store import count_items, export_entries, import_entries


async def test_database_round_trip_keeps_every_item(engine: Any) -> None:
    entries = read_entries(ROOT / "content")
    assert await import_entries(engine, entries) == len(entries)
    assert await export_entries(engine) == entries
    with pytest.raises(ValueError, match="already holds"):
        await import_entries(engine, entries)
    assert await count_items(engine) == len(entries)


async def test_bot_serves_published_content_from_the_database(engine: Any) -> None:
    entries = read_entries(ROOT / "content")
    await import_entries(engine, entries)
    provider = DatabaseBankProvider(engine, check_every=0)
    await provider.refresh()
    assert provider().questions.keys() == load_bank(ROOT / "content").published().questions.keys()
    retired = [replace(e, data={**e.data, "status": "retired"}) if e.id == "fake_loan-01" else e
               for e in entries]
    await import_entries(engine, retired, replace=True)
    await provider.refresh()
    assert "fake_loan-01" not in provider().questions and "fake_loan-02" in provider().questions
