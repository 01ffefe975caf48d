"""Engine and session factory, tuned per backend, and migrations applied at start."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.storage.sqlite_inline import inline_creator

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class Database:
    """One engine per process; each conversation turn runs in one short transaction."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        # hide_parameters: a failing statement's values (message text) never reach the logs.
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        if self.is_sqlite:
            _ensure_sqlite_dir(url)
            kwargs["async_creator"] = inline_creator(url)
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self._factory = async_sessionmaker(self.engine, expire_on_commit=False)
        self._file = _sqlite_file(url) if self.is_sqlite else ""

    @asynccontextmanager
    async def sessions(self) -> AsyncIterator[AsyncSession]:
        """A session; on SQLite it waits its turn for the single writer (see _WriterGate)."""
        async with self._gate(), self._factory() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on any error."""
        async with self._gate(), self._factory() as session, session.begin():
            yield session

    def _gate(self) -> AbstractAsyncContextManager[None]:
        return _writer_gate(self._file).hold() if self.is_sqlite else nullcontext()

    async def migrate(self) -> None:
        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade_to_head)

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=5)
            return True
        except Exception:
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()


class _WriterGate:
    """SQLite has one writer; queue for it in order inside the process.

    Without this, concurrent turns meet in SQLite's busy handler, which sleeps and retries
    with growing pauses: fine on average, seconds in the tail. A task that already holds the
    gate passes straight through, so nested use never deadlocks on the gate itself.
    """

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        task = asyncio.current_task()
        if task is not None and self._owner is task:
            yield
            return
        async with self._lock:
            self._owner = task
            try:
                yield
            finally:
                self._owner = None


_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, _WriterGate]] = (
    weakref.WeakKeyDictionary()
)


def _writer_gate(file: str) -> _WriterGate:
    """One gate per database file and event loop, however many ``Database`` objects use it."""
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(file, _WriterGate())


def _sqlite_file(url: str) -> str:
    database = make_url(url).database or ":memory:"
    return database if database == ":memory:" else str(Path(database).resolve())


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def _ensure_sqlite_dir(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL for concurrent readers; BEGIN IMMEDIATE so two writers queue instead of failing."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
