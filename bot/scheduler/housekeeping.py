"""Forget what is only kept for a while: processed platform event ids."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete

from bot.storage.db import Database
from bot.storage.models_core import ProcessedEvent

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

# Telegram and Teams give up redelivering within hours; a week leaves a wide margin.
EVENT_RETENTION = timedelta(days=7)
INTERVAL_SECONDS = 3600.0


async def prune_processed_events(db: Database, now: datetime) -> int:
    async with db.transaction() as session:
        result = await session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.processed_at < now - EVENT_RETENTION)
        )
    removed = int(getattr(result, "rowcount", 0) or 0)
    if removed:
        log.info("pruned processed events count=%d", removed)
    return removed


async def run_housekeeping(app: App, stop: asyncio.Event) -> None:
    """Hourly, in every serve process; the delete is idempotent, so processes may overlap."""
    while not stop.is_set():
        try:
            await prune_processed_events(app.db, app.services.clock())
        except Exception:
            log.exception("housekeeping failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), INTERVAL_SECONDS)
