"""Which objections the role-play throws: fitting, varied, deterministic, the team's own in."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from objection_bank.formats import load_seed
from objection_bank.model import Objection
from objection_bank.selection import ObjectionPool, select_objections
from objection_bank.tags import Difficulty, Phase, Status

SEED = load_seed()
POOL = ObjectionPool(SEED)
BY_KEY = {o.key: o for o in SEED}


def _team(
    key: str, text: str, *, tags: tuple[str, ...] = (), difficulty: Difficulty = Difficulty.MELLEM
) -> Objection:
    return Objection(
        key=key, text=text, phase=Phase.INDVENDINGER, tags=tags, difficulty=difficulty, team_id=7
    )


def _draw(pool: ObjectionPool, seed: int) -> list[str]:
    chosen = pool.select(
        random.Random(seed), tags=["bygge_anlaeg", "tid"], difficulty=Difficulty.MELLEM, count=4
    )
    return [o.key for o in chosen]


def test_same_random_state_gives_the_same_objections() -> None:
    assert _draw(POOL, 42) == _draw(POOL, 42)
    assert _draw(ObjectionPool(list(reversed(SEED))), 42) == _draw(POOL, 42)
    assert len({tuple(_draw(POOL, seed)) for seed in range(20)}) > 5


def test_phase_and_count_are_respected() -> None:
    for seed in range(30):
        chosen = POOL.select(random.Random(seed), phase=Phase.AFSLUTNING, count=4)
        assert len(chosen) == 4 and len({o.key for o in chosen}) == 4
        assert {o.phase for o in chosen} == {Phase.AFSLUTNING}
    assert POOL.select(random.Random(1), count=0) == []
    everything = POOL.select(random.Random(1), phase=Phase.AABNING, count=500)
    assert sorted(o.key for o in everything) == sorted(
        o.key for o in SEED if o.phase is Phase.AABNING
    )


def test_difficulty_bounds_hardness() -> None:
    for seed in range(40):
        easy = POOL.select(random.Random(seed), difficulty=Difficulty.LET, count=6)
        hard = POOL.select(random.Random(seed), difficulty=Difficulty.SVAER, count=6)
        assert Difficulty.SVAER not in {o.difficulty for o in easy}
        assert Difficulty.LET not in {o.difficulty for o in hard}
    counts = Counter(
        o.difficulty
        for seed in range(200)
        for o in POOL.select(random.Random(seed), difficulty=Difficulty.SVAER, count=3)
    )
    assert counts[Difficulty.SVAER] > counts[Difficulty.MELLEM] / 2


def test_industry_and_size_specific_objections_stay_in_their_world() -> None:
    for seed in range(60):
        chosen = POOL.select(random.Random(seed), tags=["it", "lille"], count=8)
        for objection in chosen:
            assert not objection.industries or "it" in objection.industries, objection.key
            assert not objection.sizes or "lille" in objection.sizes, objection.key


def test_matching_themes_come_up_more_often() -> None:
    counts: Counter[str] = Counter()
    for seed in range(300):
        for objection in POOL.select(
            random.Random(seed), tags=["vikarbureau"], phase=Phase.INDVENDINGER, count=2
        ):
            counts[objection.key] += 1
    assert counts.most_common(1)[0][0] == "seed-ind-01"


def test_only_active_objections_are_drawn() -> None:
    hidden = [replace(o, status=Status.SKJULT) for o in SEED if o.phase is Phase.AABNING]
    pending = [replace(o, status=Status.AFVENTER) for o in SEED if o.phase is Phase.ANALYSE]
    rest = [o for o in SEED if o.phase not in (Phase.AABNING, Phase.ANALYSE)]
    pool = ObjectionPool([*hidden, *pending, *rest])
    assert len(pool) == len(rest)
    for seed in range(20):
        chosen = pool.select(random.Random(seed), count=10)
        assert {o.phase for o in chosen} <= {Phase.INDVENDINGER, Phase.LOESNING, Phase.AFSLUTNING}


def test_a_fitting_team_objection_is_always_included() -> None:
    own = _team("t-1", "Vi har vores egen vikarpulje i koncernen.", tags=("vikarbureau",))
    pool = ObjectionPool([*SEED, own])
    for seed in range(50):
        chosen = pool.select(random.Random(seed), phase=Phase.INDVENDINGER, count=3)
        assert own in chosen
        assert len(chosen) == 3


def test_a_team_objection_that_does_not_fit_is_not_forced_in() -> None:
    other_world = _team("t-2", "Vores plejehjem kræver autorisation.", tags=("aeldrepleje",))
    too_hard = _team("t-3", "Vi hader jobcentre.", difficulty=Difficulty.SVAER)
    pool = ObjectionPool([*SEED, other_world, too_hard])
    for seed in range(30):
        chosen = select_objections(
            [*SEED, other_world, too_hard],
            random.Random(seed),
            tags=["it"],
            difficulty=Difficulty.LET,
            count=5,
        )
        assert other_world not in chosen and too_hard not in chosen
        assert chosen == pool.select(
            random.Random(seed), tags=["it"], difficulty=Difficulty.LET, count=5
        )


def test_a_pool_lists_its_active_objections_in_a_stable_order() -> None:
    hidden = replace(SEED[0], status=Status.SKJULT)
    pool = ObjectionPool([hidden, *reversed(SEED[1:])])
    assert [o.key for o in pool] == sorted(o.key for o in SEED[1:])
    assert len(pool) == len(SEED) - 1
