"""Which objections a role-play or drill throws: fitting the scenario, phase and difficulty.

Weights, not filters, for themes: a construction call mostly hears construction-flavoured
objections but can still get a general one. Industry and company size do filter: an objection
written for elderly care makes no sense in an IT call. A team's own objections weigh more and,
when any fit, at least one is always drawn, so a team hears what its companies actually say.
Sampling is weighted and without replacement (Efraimidis–Spirakis keys), deterministic for a
given ``random.Random`` and pool.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from objection_bank.model import Objection
from objection_bank.tags import Difficulty, Phase, Status, TagKind, tags_of_kind

# How much each objection difficulty suits a call of a given difficulty (0 = never).
DIFFICULTY_WEIGHTS: dict[Difficulty, dict[Difficulty, float]] = {
    Difficulty.LET: {Difficulty.LET: 3.0, Difficulty.MELLEM: 1.0, Difficulty.SVAER: 0.0},
    Difficulty.MELLEM: {Difficulty.LET: 1.0, Difficulty.MELLEM: 3.0, Difficulty.SVAER: 1.0},
    Difficulty.SVAER: {Difficulty.LET: 0.0, Difficulty.MELLEM: 1.0, Difficulty.SVAER: 3.0},
}
THEME_BONUS = 2.0  # per shared theme
OFF_THEME_FACTOR = 0.5  # scenario has themes, objection has others
OWN_TEAM_FACTOR = 2.0
INDUSTRY_FACTOR = 1.5  # written for the scenario's industry


@dataclass(frozen=True, slots=True)
class _Item:
    objection: Objection
    order: int  # position in the pool's stable order: ties and determinism
    themes: frozenset[str]
    sizes: frozenset[str]
    own_team: bool


@dataclass(slots=True)
class _Bucket:
    """One phase × difficulty: items for any industry, and items by the industry they name."""

    general: list[_Item]
    by_industry: dict[str, list[_Item]]


class ObjectionPool:
    """Active objections indexed by phase, difficulty and industry; build once, select often.

    Only buckets that can fit are visited, so a call's cost grows with the objections that
    could be drawn, not with the whole bank.
    """

    def __init__(self, objections: Iterable[Objection]) -> None:
        ordered = sorted(
            (o for o in objections if o.status is Status.AKTIV),
            key=lambda o: (o.team_id is None, o.key, o.id or 0),
        )
        self._ordered = ordered
        self._buckets: dict[tuple[Phase, Difficulty], _Bucket] = {
            (phase, difficulty): _Bucket([], {}) for phase in Phase for difficulty in Difficulty
        }
        for order, objection in enumerate(ordered):
            item = _Item(
                objection, order, objection.themes, objection.sizes, objection.team_id is not None
            )
            bucket = self._buckets[(objection.phase, objection.difficulty)]
            if not objection.industries:
                bucket.general.append(item)
            for industry in objection.industries:
                bucket.by_industry.setdefault(industry, []).append(item)

    def __len__(self) -> int:
        return len(self._ordered)

    def __iter__(self) -> Iterator[Objection]:
        """Every objection in the pool, in its stable order."""
        return iter(self._ordered)

    def select(
        self,
        rng: random.Random,
        *,
        tags: Iterable[str] = (),
        phase: Phase | None = None,
        difficulty: Difficulty = Difficulty.MELLEM,
        count: int = 3,
    ) -> list[Objection]:
        """Up to ``count`` distinct fitting objections, the best-fitting most likely first."""
        if count <= 0:
            return []
        wanted = frozenset(tags)
        themes = tags_of_kind(wanted, TagKind.TEMA)
        industries = sorted(tags_of_kind(wanted, TagKind.BRANCHE))
        sizes = tags_of_kind(wanted, TagKind.STOERRELSE)
        sample = _WeightedSample(rng, count)
        own: list[tuple[float, _Item]] = []
        for current in [phase] if phase is not None else list(Phase):
            for level, level_weight in DIFFICULTY_WEIGHTS[difficulty].items():
                if level_weight == 0.0:
                    continue
                bucket = self._buckets[(current, level)]
                groups = [(bucket.general, level_weight)]
                if industries:
                    specific = level_weight * INDUSTRY_FACTOR
                    groups += [(bucket.by_industry.get(i, []), specific) for i in industries]
                else:
                    groups += [(items, level_weight) for items in bucket.by_industry.values()]
                for items, base in groups:
                    for item in items:
                        # Hot loop over the whole bank: kept flat on purpose.
                        if item.sizes and sizes and not item.sizes & sizes:
                            continue
                        weight = base
                        if themes and item.themes:
                            shared = len(item.themes & themes)
                            weight *= 1.0 + THEME_BONUS * shared if shared else OFF_THEME_FACTOR
                        if item.own_team:
                            weight *= OWN_TEAM_FACTOR
                            own.append((weight, item))
                        sample.offer(weight, item)
        chosen = sample.result()
        if own and not any(item.own_team for item in chosen):
            chosen = [*chosen[: count - 1], _weighted_choice(rng, own)]
        return [item.objection for item in chosen]


def _weighted_choice(rng: random.Random, weighted: Sequence[tuple[float, _Item]]) -> _Item:
    pick = rng.random() * sum(weight for weight, _ in weighted)
    for weight, item in weighted:
        pick -= weight
        if pick <= 0:
            return item
    return weighted[-1][1]


class _WeightedSample:
    """Weighted sampling without replacement in one pass (Efraimidis–Spirakis A-ExpJ).

    Random numbers are drawn only at the jumps, not once per item, so a large pool costs
    little more than iterating it. An objection listed under two industries may be offered
    twice; it is kept once.
    """

    def __init__(self, rng: random.Random, size: int) -> None:
        self._rng = rng
        self._size = size
        self._heap: list[tuple[float, int, _Item]] = []
        self._skip = 0.0

    def offer(self, weight: float, item: _Item) -> None:
        heap = self._heap
        if len(heap) < self._size:
            if any(entry[2] is item for entry in heap):
                return
            heapq.heappush(heap, (self._rng.random() ** (1.0 / weight), -item.order, item))
            if len(heap) == self._size:
                self._skip = self._next_skip()
            return
        self._skip -= weight
        if self._skip > 0:
            return
        if not any(entry[2] is item for entry in heap):
            threshold = heap[0][0] ** weight
            key = self._rng.uniform(threshold, 1.0) ** (1.0 / weight)
            heapq.heapreplace(heap, (key, -item.order, item))
        self._skip = self._next_skip()

    def _next_skip(self) -> float:
        smallest = self._heap[0][0]
        if smallest <= 0.0 or smallest >= 1.0:
            return 0.0
        return math.log(1.0 - self._rng.random()) / math.log(smallest)

    def result(self) -> list[_Item]:
        return [item for _, _, item in sorted(self._heap, reverse=True)]


def select_objections(
    objections: Sequence[Objection],
    rng: random.Random,
    *,
    tags: Iterable[str] = (),
    phase: Phase | None = None,
    difficulty: Difficulty = Difficulty.MELLEM,
    count: int = 3,
) -> list[Objection]:
    """One-off convenience over :class:`ObjectionPool`."""
    return ObjectionPool(objections).select(
        rng, tags=tags, phase=phase, difficulty=difficulty, count=count
    )
