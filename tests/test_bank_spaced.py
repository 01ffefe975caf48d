"""Spaced repetition: badly handled objections return soon, mastered ones rarely."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from objection_bank.spaced import (
    INTERVALS,
    MASTERED_BOX,
    RETRY_AFTER_FAIL,
    CardState,
    next_objection,
    review,
    summarize,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_a_good_answer_moves_up_and_waits_longer() -> None:
    card = review(None, 1, 1.0, T0)
    assert (card.box, card.due, card.reviews, card.lapses) == (2, T0 + INTERVALS[2], 1, 0)
    later = review(card, 1, 0.75, card.due)
    assert later.box == 3 and later.due == card.due + INTERVALS[3]


def test_a_poor_answer_goes_back_to_box_one_and_returns_within_minutes() -> None:
    card = CardState(1, box=4, due=T0, reviews=5)
    failed = review(card, 1, 0.25, T0, missed=["argument", "accept", "afklaring"])
    assert (failed.box, failed.due, failed.lapses) == (1, T0 + RETRY_AFTER_FAIL, 1)
    assert failed.misses == {"accept": 1, "afklaring": 1, "argument": 1}


def test_a_middling_answer_stays_in_its_box() -> None:
    card = CardState(1, box=3, due=T0)
    kept = review(card, 1, 0.5, T0)
    assert kept.box == 3 and kept.due == T0 + INTERVALS[3]


def test_box_five_is_the_ceiling() -> None:
    card = CardState(1, box=MASTERED_BOX, due=T0)
    assert review(card, 1, 1.0, T0).box == MASTERED_BOX


def test_scores_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(ValueError):
        review(None, 1, 1.5, T0)
    with pytest.raises(ValueError):
        review(None, 1, -0.1, T0)


def test_next_prefers_the_longest_waiting_due_card_then_new_then_nothing() -> None:
    states = {
        1: CardState(1, box=3, due=T0 - timedelta(days=2)),
        2: CardState(2, box=1, due=T0 - timedelta(minutes=1)),
        3: CardState(3, box=2, due=T0 + timedelta(days=1)),
    }
    assert next_objection(states, [1, 2, 3, 4], T0) == 1
    assert next_objection(states, [1, 2, 3, 4], T0, avoid=1) == 2
    del states[1]
    assert next_objection(states, [2, 3, 4], T0) == 2
    del states[2]
    assert next_objection(states, [3, 4, 5], T0) == 4
    assert next_objection(states, [3, 4, 5], T0, allow_new=False) is None
    assert next_objection(states, [3, 4, 5], T0, allow_new=False, allow_ahead=True) == 3
    assert next_objection(states, [9], T0, allow_new=False, allow_ahead=True) is None


def test_the_objection_just_answered_comes_again_only_when_nothing_else_can() -> None:
    states = {1: CardState(1, box=1, due=T0 - timedelta(minutes=1))}
    assert next_objection(states, [1], T0, avoid=1) == 1
    assert next_objection(states, [1, 2], T0, avoid=1) == 2
    assert next_objection(states, [1, 2], T0, avoid=1, allow_new=False) == 1


def _simulate(days: int, skill: dict[int, float], per_day: int) -> dict[int, list[datetime]]:
    """A consultant drills ``per_day`` objections each morning; skill = score they always get."""
    states: dict[int, CardState] = {}
    seen: dict[int, list[datetime]] = {key: [] for key in skill}
    candidates = sorted(skill)
    last: int | None = None
    for day in range(days):
        now = T0 + timedelta(days=day)
        for turn in range(per_day):
            moment = now + timedelta(minutes=11 * turn)
            chosen = last = next_objection(states, candidates, moment, avoid=last)
            if chosen is None:
                break
            seen[chosen].append(moment)
            states[chosen] = review(states.get(chosen), chosen, skill[chosen], moment)
    return seen


def test_over_eight_weeks_weak_objections_return_far_more_often_than_mastered_ones() -> None:
    seen = _simulate(56, skill={1: 1.0, 2: 0.0, 3: 0.5}, per_day=4)
    mastered_days = [(t - T0).days for t in seen[1]]
    assert mastered_days == [0, 3, 10, 26]  # intervals 3, 7, 16 days; next would be day 61
    assert len(seen[2]) >= 56  # failed every time: back every day, often twice
    assert len({(t - T0).days for t in seen[2]}) == 56
    assert 20 <= len(seen[3]) <= 56  # middling stays in box 1: once a day


def test_simulated_weeks_of_learning_show_up_in_the_summary() -> None:
    states: dict[int, CardState] = {}
    # Objection 1 is learnt after two poor tries; 2 is always fine; 3 always poor.
    attempts: Counter[int] = Counter()
    last: int | None = None
    for day in range(28):
        now = T0 + timedelta(days=day)
        for turn in range(6):
            moment = now + timedelta(minutes=11 * turn)
            chosen = last = next_objection(states, [1, 2, 3], moment, avoid=last)
            if chosen is None:
                break
            attempts[chosen] += 1
            score = {1: 1.0 if attempts[1] > 2 else 0.25, 2: 1.0, 3: 0.0}[chosen]
            missed = [] if score == 1.0 else ["accept", "argument"]
            states[chosen] = review(states.get(chosen), chosen, score, moment, missed=missed)
    end = T0 + timedelta(days=28)
    summary = summarize(states.values(), total=10, now=end)
    assert (summary.total, summary.seen) == (10, 3)
    assert states[1].box >= 4 and states[2].box >= 4 and states[3].box == 1
    assert summary.boxes[1] == 1
    assert summary.due_now == 1  # objection 3, failed ten minutes after its last try
    assert summary.most_missed == ("accept", "argument")
    assert summary.next_due is not None and summary.next_due > end
    assert summary.average_score == pytest.approx((1.0 + 1.0 + 0.0) / 3)


def test_summary_of_nothing() -> None:
    summary = summarize([], total=71, now=T0)
    assert (summary.seen, summary.mastered, summary.due_now) == (0, 0, 0)
    assert summary.average_score is None and summary.next_due is None
    assert summary.most_missed == ()
