"""Storage on both backends: migrations, aware datetimes, errors, and SQLite's single writer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError

from bot.storage.db import Database
from bot.storage.models_core import Member, Team


async def test_migrations_apply_twice_and_datetimes_stay_aware(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.migrate()
        await db.migrate()  # a restart migrates again: nothing to do, nothing breaks
        moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # the night clocks go forward in DK
        async with db.transaction() as session:
            session.add(Team(name="Jobcenter Vejle", created_at=moment))
        async with db.sessions() as session:
            stored = await session.scalar(select(Team.created_at))
        assert stored == moment and stored is not None and stored.tzinfo is not None
    finally:
        await db.dispose()


async def test_naive_datetimes_are_refused(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.migrate()
        with pytest.raises(StatementError):
            async with db.transaction() as session:
                session.add(Team(name="Naiv", created_at=datetime(2026, 1, 1)))
    finally:
        await db.dispose()


async def test_constraint_errors_surface_and_roll_back(database_url: str) -> None:
    db = Database(database_url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            session.add(Team(name="A-kasse Syd"))
        with pytest.raises(IntegrityError):
            async with db.transaction() as session:
                session.add(Member(display_name="halvt skrevet"))
                session.add(Team(name="A-kasse Syd"))
        async with db.sessions() as session:
            assert await session.scalar(select(Member.id)) is None  # the whole turn rolled back
    finally:
        await db.dispose()


async def test_two_databases_on_one_sqlite_file_take_turns(tmp_path: Path) -> None:
    """Transactions that wait mid-way never lock each other out on one event loop."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.sqlite3'}"
    first, second = Database(url), Database(url)
    await first.migrate()

    async def add(db: Database, name: str) -> None:
        async with db.transaction() as session:
            session.add(Team(name=name))
            await session.flush()
            await asyncio.sleep(0.01)  # another task gets the loop while this one writes

    try:
        await asyncio.wait_for(
            asyncio.gather(*(add(db, f"hold {i}") for i, db in enumerate([first, second] * 10))),
            timeout=30,
        )
        async with second.sessions() as session:
            assert len((await session.scalars(select(Team.name))).all()) == 20
    finally:
        await first.dispose()
        await second.dispose()


async def test_processed_event_ids_are_forgotten_after_a_week(database_url: str) -> None:
    from datetime import timedelta

    from bot.scheduler.housekeeping import EVENT_RETENTION, prune_processed_events
    from bot.storage.models_core import ProcessedEvent

    db = Database(database_url)
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    try:
        await db.migrate()
        async with db.transaction() as session:
            session.add(
                ProcessedEvent(
                    channel="telegram",
                    event_id="old",
                    processed_at=now - EVENT_RETENTION - timedelta(minutes=1),
                )
            )
            session.add(
                ProcessedEvent(
                    channel="telegram", event_id="recent", processed_at=now - timedelta(hours=5)
                )
            )
        assert await prune_processed_events(db, now) == 1
        async with db.sessions() as session:
            assert list(await session.scalars(select(ProcessedEvent.event_id))) == ["recent"]
    finally:
        await db.dispose()
