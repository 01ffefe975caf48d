"""A dispatcher in its own process, for the crash and two-worker tests and the benchmark.

Sends go to a stand-in channel that appends the nudge id to a file with one unbuffered write,
so what a killed process "delivered" is on disk. Runs until nothing is due, then exits.

python tests/supervision_dispatch_worker.py URL RECORD --worker W [--clock-offset S] [--delay S]
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Reply
from bot.scheduler.dispatcher import DispatcherSettings, dispatch_once
from bot.scheduler.rate import TokenBucket
from bot.storage.db import Database
from bot.storage.models_supervision import Nudge


async def render(_db: AsyncSession, nudge: Nudge, _now: datetime) -> Sequence[Reply]:
    return [Reply(str(nudge.id))]


async def main(args: argparse.Namespace) -> None:
    fd = os.open(args.record, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    async def send(_member: int, replies: Sequence[Reply]) -> None:
        if args.delay:
            await asyncio.sleep(args.delay)
        os.write(fd, f"{replies[0].text}\n".encode())

    offset = timedelta(seconds=args.clock_offset)
    settings = DispatcherSettings(
        batch_size=args.batch, worker_id=args.worker, rate_per_second=None, concurrency=8
    )
    limiter = TokenBucket(args.rate) if args.rate else None
    db = Database(args.url)
    try:
        while True:
            result = await dispatch_once(
                db,
                send=send,
                render=render,
                clock=lambda: datetime.now(UTC) + offset,
                settings=settings,
                limiter=limiter,
            )
            if result.claimed == 0:
                break
    finally:
        os.close(fd)
        await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("record")
    parser.add_argument("--worker", required=True)
    parser.add_argument("--clock-offset", type=float, default=0.0)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rate", type=float, default=0.0)
    asyncio.run(main(parser.parse_args()))
