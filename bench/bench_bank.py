"""Objection bank benchmark: duplicate check and selection against a 10 000-objection bank.

Target (issue 3): p99 < 20 ms for each. Run: ``.venv/bin/python bench/bench_bank.py``.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from objection_bank.dedup import TextIndex
from objection_bank.formats import load_seed
from objection_bank.model import Objection, derive_key
from objection_bank.selection import ObjectionPool
from objection_bank.tags import TAGS, Difficulty, Phase, TagKind

BANK_SIZE = 10_000
QUERIES = 500
TARGET_P99_MS = 20.0
REPEATS = 3

_PLACES = ["på lageret", "i butikken", "ude på pladsen", "i køkkenet", "på kontoret", "i hallen"]
_WHEN = ["lige nu", "i år", "før jul", "efter sommer", "i den her måned", "til foråret"]
_EXTRA = ["med de nye regler", "hos os", "for tiden", "med vores kunder", "i vores afdeling"]
_TYPO_SOURCE = "abcdefghijklmnoprstuvyæøå"


def build_bank(size: int, rng: random.Random) -> list[Objection]:
    """Realistic-looking texts: seed objections mixed, placed and dated, all distinct."""
    seed = load_seed()
    tags_by_kind = {kind: [t for t, tag in TAGS.items() if tag.kind is kind] for kind in TagKind}
    bank: list[Objection] = []
    for number in range(size):
        base = rng.choice(seed)
        other = rng.choice(seed).text.rstrip(".?!").split()
        cut = rng.randrange(1, len(other) + 1)
        text = (
            f"{base.text.rstrip('.?!')} {rng.choice(_PLACES)} {rng.choice(_WHEN)}, "
            f"{' '.join(other[:cut]).lower()} {rng.choice(_EXTRA)} ({number})"
        )
        tags = [rng.choice(tags_by_kind[TagKind.TEMA])]
        if rng.random() < 0.5:
            tags.append(rng.choice(tags_by_kind[TagKind.BRANCHE]))
        if rng.random() < 0.3:
            tags.append(rng.choice(tags_by_kind[TagKind.STOERRELSE]))
        bank.append(
            replace(
                base,
                key=derive_key(text),
                text=text,
                tags=tuple(sorted(set(tags))),
                difficulty=rng.choice(list(Difficulty)),
                phase=rng.choice(list(Phase)),
                team_id=None if rng.random() < 0.8 else 1,
                id=number + 1,
            )
        )
    return bank


def _misspell(text: str, rng: random.Random) -> str:
    chars = list(text.lower())
    for _ in range(2):
        position = rng.randrange(len(chars))
        chars[position] = rng.choice(_TYPO_SOURCE)
    words = "".join(chars).split()
    rng.shuffle(words)
    return "altså " + " ".join(words)


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99, ordered[-1]


def _time(calls: list[Callable[[], object]]) -> list[float]:
    """Milliseconds per call: the best of ``REPEATS`` runs of each call.

    The best of a few runs measures the code, not the other processes sharing the CPU; each
    call is still timed cold once per run, and every distinct call counts in the percentiles.
    """
    samples = []
    for call in calls:
        best = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            call()
            best = min(best, (time.perf_counter() - start) * 1000)
        samples.append(best)
    return samples


async def _database_figures(bank: list[Objection], queries: list[str]) -> None:
    """The chat path: a fresh session per check, as in a conversation turn, on SQLite."""
    from bot.core import teams
    from bot.features.bank import store
    from bot.storage.base import utcnow
    from bot.storage.db import Database

    with tempfile.TemporaryDirectory() as directory:
        db = Database(f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}")
        try:
            await db.migrate()
            await store.ensure_seed(db)
            async with db.transaction() as session:
                team = await teams.create_team(session, "Bench")
                own = [replace(o, id=None, team_id=None) for o in bank]
                await store.upsert_bank(session, own, team_id=team.id, now=utcnow())

            async def check(query: str) -> None:
                async with db.transaction() as session:
                    (await store.text_index(session, team.id)).duplicates(query)

            async def cards(seed: int) -> None:
                async with db.transaction() as session:
                    await store.objection_cards_for(
                        session, team.id, ["tid", "it"], "mellem", random.Random(seed)
                    )

            start = time.perf_counter()
            await check(queries[0])
            cold = (time.perf_counter() - start) * 1000
            turns = []
            for query in queries[:200]:
                start = time.perf_counter()
                await check(query)
                turns.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await cards(0)
            cold_cards = (time.perf_counter() - start) * 1000
            calls = []
            for seed in range(1, 51):
                start = time.perf_counter()
                await cards(seed)
                calls.append((time.perf_counter() - start) * 1000)
        finally:
            await db.dispose()
    p50, p99, _ = _percentiles(turns)
    print(f"  in the chat (SQLite, {len(bank)} team objections + seed, one transaction each):")
    print(f"    duplicate check, first after a change (loads the index): {cold:.0f} ms")
    print(f"    duplicate check per turn          p50 {p50:6.2f} ms  p99 {p99:6.2f} ms")
    c50, c99, _ = _percentiles(calls)
    print(f"    practice-call cards, first after a change (loads the pool): {cold_cards:.0f} ms")
    print(f"    practice-call cards per call      p50 {c50:6.2f} ms  p99 {c99:6.2f} ms")


def main() -> None:
    rng = random.Random(2025)
    bank = build_bank(BANK_SIZE, rng)

    start = time.perf_counter()
    index = TextIndex((o.id, o.text) for o in bank)
    build_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    pool = ObjectionPool(bank)
    pool_ms = (time.perf_counter() - start) * 1000

    queries = [
        _misspell(rng.choice(bank).text, rng) if i % 2 else f"Helt ny indvending nummer {i}"
        for i in range(QUERIES)
    ]
    hits = sum(1 for q in queries[1::2] if index.duplicates(q))
    dup = _time([lambda q=q: index.duplicates(q) for q in queries])  # type: ignore[misc]
    search = _time([lambda q=q: index.search(q.split()[1]) for q in queries])  # type: ignore[misc]

    tag_choices = sorted(TAGS)
    selections: list[Callable[[], object]] = []
    for i in range(QUERIES):
        tags = rng.sample(tag_choices, 3)
        phase = None if i % 5 == 0 else rng.choice(list(Phase))
        difficulty = rng.choice(list(Difficulty))
        seed = rng.randrange(1 << 30)
        selections.append(
            lambda t=tags, p=phase, d=difficulty, s=seed: pool.select(  # type: ignore[misc]
                random.Random(s), tags=t, phase=p, difficulty=d, count=4
            )
        )
    select = _time(selections)

    print(
        f"objection bank: {BANK_SIZE} objections, {QUERIES} queries each "
        f"(best of {REPEATS} runs per query)"
    )
    print(f"  build: text index {build_ms:.0f} ms, selection pool {pool_ms:.0f} ms (once)")
    print(f"  duplicate hits for misspelt, reordered copies: {hits}/{len(queries[1::2])}")
    for name, samples in (("duplicate check", dup), ("search", search), ("selection", select)):
        p50, p99, worst = _percentiles(samples)
        verdict = "OK" if p99 < TARGET_P99_MS else "OVER TARGET"
        print(
            f"  {name:16} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  max {worst:6.2f} ms"
            f"  (target p99 < {TARGET_P99_MS:.0f} ms: {verdict})"
        )
    asyncio.run(_database_figures(bank, queries))


if __name__ == "__main__":
    main()
