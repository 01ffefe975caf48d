"""Full practice turns through the conversation core with the SQLite commit, and memory with
many stored sessions (they live in the database, so memory must stay flat).

Targets (issue 2): full turn p99 < 15 ms; memory flat in the number of stored sessions.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert, select

from bot.app import App, create_app
from bot.config import Settings
from bot.core.messages import Channel, ConversationKey, Incoming, IncomingKind
from bot.storage.models_core import ConversationState, Identity, Member, PracticeSession
from dialogues.engine import PracticeCall
from dialogues.scenario import load_catalog
from dialogues.script import parse_script

SCRIPT = Path(__file__).resolve().parents[1] / "tests" / "scripts" / "god_metode.txt"
CALLS = 40


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _app(directory: Path) -> App:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=f"sqlite+aiosqlite:///{directory / 'bench.sqlite3'}"
    )
    return await create_app(settings, seed_source=lambda: 11)


def _text(user: str, text: str) -> Incoming:
    key = ConversationKey(Channel.TEST, user, user)
    return Incoming(key, IncomingKind.TEXT, text=text, display_name=user)


async def _play_calls(app: App, users: list[str]) -> list[float]:
    """Each user plays the whole method script; returns the seconds of every turn."""
    script = parse_script(SCRIPT.read_text(encoding="utf-8"))
    scenarios = [s.id for s in app.services.catalog.all()]
    timings: list[float] = []
    for index, user in enumerate(users):
        scenario = scenarios[index % len(scenarios)]
        await app.core.handle(_text(user, f"/ny {scenario} mellem"))
        for phase in ("aabning", "analyse", "indvendinger", "loesning", "afslutning"):
            for line in [*script[phase], "/videre"]:
                started = time.perf_counter()
                await app.core.handle(_text(user, line))
                timings.append(time.perf_counter() - started)
    return timings


async def _store_sessions(app: App, count: int) -> None:
    """Bulk-insert finished-looking people with a mid-call state each, as after weeks of use."""
    catalog = load_catalog()
    scenario = catalog.all()[0]
    call, _ = PracticeCall.start(scenario, difficulty="mellem", seed=1)
    call.say("Goddag, jeg hedder Sara fra Jobcenter Aarhus. Har du et par minutter?")
    state = call.to_dict()
    async with app.db.transaction() as db:
        await db.execute(insert(Member), [{"display_name": f"m{i}"} for i in range(count)])
    async with app.db.transaction() as db:
        ids: list[int] = list((await db.scalars(select(Member.id))).all())
        await db.execute(
            insert(Identity),
            [
                {
                    "channel": "test",
                    "external_user_id": f"stored-{i}",
                    "member_id": i,
                    "address": "",
                }
                for i in ids
            ],
        )
        await db.execute(
            insert(ConversationState),
            [{"member_id": i, "flow": "praksis", "data": {}, "nonce": 1} for i in ids],
        )
        await db.execute(
            insert(PracticeSession),
            [
                {
                    "member_id": i,
                    "scenario_id": scenario.id,
                    "difficulty": "mellem",
                    "seed": 1,
                    "mode": "coach",
                    "phase": call.phase,
                    "state": state,
                }
                for i in ids
            ],
        )


async def _memory_with(stored: int) -> float:
    with tempfile.TemporaryDirectory() as directory:
        app = await _app(Path(directory))
        try:
            await _store_sessions(app, stored)
            await _play_calls(app, ["warm"])
            gc.collect()
            tracemalloc.start()
            await _play_calls(app, [f"mem-{i}" for i in range(5)])
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            return peak / 1024 / 1024
        finally:
            await app.close()


async def _run() -> None:
    with tempfile.TemporaryDirectory() as directory:
        app = await _app(Path(directory))
        try:
            await _play_calls(app, ["warmup"])
            timings = await _play_calls(app, [f"user-{i}" for i in range(CALLS)])
        finally:
            await app.close()
    ms = [t * 1000 for t in timings]
    print(f"full turns through the core (SQLite commit): {len(ms)} turns, {CALLS} calls")
    print(f"  throughput  {len(ms) / (sum(ms) / 1000):8.0f} turns/s (sequential)")
    print(f"  p50         {statistics.median(ms):8.2f} ms")
    print(f"  p99         {_percentile(ms, 0.99):8.2f} ms   (target < 15 ms)")
    small = await _memory_with(100)
    large = await _memory_with(10_000)
    print("peak traced memory while playing 5 calls (Python allocations):")
    print(f"  with    100 stored sessions: {small:6.2f} MiB")
    print(
        f"  with 10 000 stored sessions: {large:6.2f} MiB   ratio {large / small:4.2f} (flat ≈ 1)"
    )


def main() -> None:
    asyncio.run(_run())


if __name__ == "__main__":
    main()
