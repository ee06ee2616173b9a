"""Content items in the database: import, export and a change signature for hot reload."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.entries import Entry
from bot.storage.tables import ContentItem

TABLE = ContentItem.__table__  # type: ignore[attr-defined]


async def count_items(engine: AsyncEngine) -> int:
    """How many content items the database holds."""
    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(TABLE))).scalar_one())


async def import_entries(engine: AsyncEngine, entries: Sequence[Entry], *,
                         replace: bool = False) -> int:
    """Store entries in order; refuses a non-empty table unless replace is set."""
    now = datetime.now(UTC)
    rows = [
        {"kind": e.kind, "item_id": e.id, "file": e.file, "status": e.status,
         "data": json.dumps(e.data, ensure_ascii=False), "updated_at": now}
        for e in entries
    ]
    async with engine.begin() as conn:
        existing = (await conn.execute(select(func.count()).select_from(TABLE))).scalar_one()
        if existing and not replace:
            raise ValueError(f"the database already holds {existing} content items")
        await conn.execute(delete(TABLE))
        if rows:
            await conn.execute(insert(TABLE), rows)
    return len(rows)


async def export_entries(engine: AsyncEngine) -> list[Entry]:
    """Every stored item, in import order."""
    async with engine.connect() as conn:
        result = await conn.execute(
            select(TABLE.c.kind, TABLE.c.file, TABLE.c.data).order_by(TABLE.c.seq)
        )
        return [Entry(kind, rel, json.loads(data)) for kind, rel, data in result.all()]


async def signature(engine: AsyncEngine) -> tuple[int, object]:
    """Changes whenever items are added, removed or updated."""
    async with engine.connect() as conn:
        row = (await conn.execute(
            select(func.count(), func.max(TABLE.c.updated_at), func.max(TABLE.c.seq))
        )).one()
    return int(row[0]), (row[1], row[2])
