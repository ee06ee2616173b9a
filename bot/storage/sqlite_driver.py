"""SQLite through aiosqlite without a thread hop per statement inside a write transaction.

SQLAlchemy's aiosqlite adapter opens a cursor, executes, fetches and closes it, each a trip to
aiosqlite's thread and back. Each trip waits for the event loop and the GIL, several ms on a busy
machine, so a button press's eight statements spent most of their time queueing. Here:
- outside a transaction (BEGIN, which may wait for another writer's lock), one trip does it all;
- inside one, when the unit of work asked for it (`run_inline`), the statement runs at once on
  the loop's thread. make_engine begins every transaction IMMEDIATE, so it already holds
  SQLite's write lock, and in WAL mode readers never wait: nothing inside can block.
Only an update's unit of work (storage.store) asks: its statements are tens of microseconds.
Bulk work (the outbox filling a million deliveries, staff figures, the CLI) keeps the thread,
so the event loop is never held by a long statement. The flag is cleared when the connection
goes back to the pool.
Registered as `sqlite+aiosqlite_onehop`; make_engine uses it for every `sqlite+aiosqlite` URL.
"""

from __future__ import annotations

import collections
import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

DRIVER = "aiosqlite_onehop"
Meta = tuple[Any, int, int | None]  # description, rowcount, lastrowid


def _run(conn: sqlite3.Connection, many: bool, sql: str, params: Any) -> tuple[list[Any], Meta]:
    """Execute and fetch on the driver's thread; the cursor never leaves it."""
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params if params is not None else ())
        rows = cursor.fetchall() if cursor.description else []
        return rows, (cursor.description, cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose execute is a single call on aiosqlite's thread."""

    __slots__ = ("_meta",)

    def __init__(self, adapt_connection: Any) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._meta: Meta = (None, -1, None)

    @property
    def description(self) -> Any:
        """Column descriptions of the last statement."""
        return self._meta[0]

    @property
    def rowcount(self) -> int:
        """Rows changed by the last statement."""
        return self._meta[1]

    @property
    def lastrowid(self) -> Any:
        """The rowid of the last insert."""
        return self._meta[2]

    async def _async_soft_close(self) -> None:
        return None  # nothing is open: rows are buffered, the cursor closed on its thread

    def close(self) -> None:
        """Drop buffered rows."""
        self._rows.clear()

    async def _go(self, many: bool, sql: str, params: Any) -> None:
        async with self._adapt_connection._execute_mutex:
            aio = self._connection
            conn = aio._conn
            inline = getattr(self._adapt_connection, "inline", False) and conn.in_transaction
            if inline and not sql.lstrip()[:5].upper().startswith("BEGIN"):
                rows, self._meta = _run(conn, many, sql, params)  # holds the write lock
            else:
                rows, self._meta = await aio._execute(_run, conn, many, sql, params)
        self._rows = collections.deque(rows)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        """Execute one statement."""
        try:
            return await_(self._go(False, operation, parameters))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        """Execute one statement for many parameter sets."""
        try:
            return await_(self._go(True, operation, seq_of_parameters))
        except Exception as error:
            self._adapt_connection._handle_exception(error)


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's adapted connection with one-hop cursors."""

    __slots__ = ("inline",)
    _cursor_cls = OneHopCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.inline = False


class OneHopDbapi(AsyncAdapt_aiosqlite_dbapi):
    """The aiosqlite DBAPI shim, handing out one-hop connections."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        """Connect as SQLAlchemy's shim does, then wrap in OneHopConnection."""
        plain = super().connect(*arg, **kw)
        return OneHopConnection(self, plain._connection)


class OneHopDialect(SQLiteDialect_aiosqlite):
    """sqlite+aiosqlite_onehop."""

    driver = DRIVER
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> OneHopDbapi:  # type: ignore[override]
        """The one-hop DBAPI shim."""
        return OneHopDbapi(__import__("aiosqlite"), __import__("sqlite3"))


def register() -> None:
    """Make `sqlite+aiosqlite_onehop://` URLs resolve to this dialect."""
    registry.register(f"sqlite.{DRIVER}", __name__, "OneHopDialect")


def _reset(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, OneHopConnection):
        dbapi_connection.inline = False


def attach(engine: AsyncEngine) -> None:
    """Clear the inline flag whenever a connection goes back to the pool."""
    event.listen(engine.sync_engine.pool, "checkin", _reset)


async def run_inline(conn: AsyncConnection, on: bool = True) -> bool:
    """Run this connection's statements inside its transaction on the loop's thread (or not);
    returns the previous setting."""
    raw = await conn.get_raw_connection()
    driver = raw.dbapi_connection
    if not isinstance(driver, OneHopConnection):
        return False
    before, driver.inline = driver.inline, on
    return before
