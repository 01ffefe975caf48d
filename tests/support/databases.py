"""Throwaway databases: a SQLite file per test, or a fresh PostgreSQL database per test."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

PG_ADMIN_DSN = os.environ.get("RINGETRAENER_TEST_PG", "postgresql://root@127.0.0.1:5432/test")
_pg_reachable: bool | None = None


async def postgres_reachable() -> bool:
    global _pg_reachable
    if _pg_reachable is None:
        try:
            conn = await asyncio.wait_for(asyncpg.connect(PG_ADMIN_DSN), timeout=3)
            await conn.close()
            _pg_reachable = True
        except Exception:
            _pg_reachable = False
    return _pg_reachable


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'ringetraener.sqlite3'}"


@asynccontextmanager
async def fresh_postgres_url() -> AsyncIterator[str]:
    """A new, empty database on the local server, dropped afterwards."""
    name = f"rt_test_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
