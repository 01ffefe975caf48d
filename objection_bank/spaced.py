"""Spaced repetition for drills: Leitner boxes per consultant and objection.

An answer scored well moves the objection up a box and it returns later; a poor one sends it
back to box 1 and it returns within minutes, so the consultant meets it again in the same
sitting. Box 5 means mastered: it comes back only every few weeks, to keep it fresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

BOXES = (1, 2, 3, 4, 5)
MASTERED_BOX = 5
INTERVALS: dict[int, timedelta] = {
    1: timedelta(days=1),
    2: timedelta(days=3),
    3: timedelta(days=7),
    4: timedelta(days=16),
    5: timedelta(days=35),
}
RETRY_AFTER_FAIL = timedelta(minutes=10)
PASS_SCORE = 0.75  # three of the four indvendinger criteria
FAIL_SCORE = 0.5  # fewer than two criteria


@dataclass(frozen=True, slots=True)
class CardState:
    """One consultant's history with one objection."""

    objection_id: int
    box: int
    due: datetime
    reviews: int = 0
    lapses: int = 0
    last_score: float = 0.0
    last_reviewed: datetime | None = None
    misses: Mapping[str, int] = field(default_factory=dict)


def review(
    state: CardState | None,
    objection_id: int,
    score: float,
    now: datetime,
    *,
    missed: Iterable[str] = (),
) -> CardState:
    """The card after one answer scored ``score`` (0..1) at ``now``."""
    if not 0.0 <= score <= 1.0:
        raise ValueError(f"score must be within 0..1, got {score}")
    box = state.box if state else 1
    lapses = state.lapses if state else 0
    if score >= PASS_SCORE:
        box = min(box + 1, MASTERED_BOX)
        due = now + INTERVALS[box]
    elif score < FAIL_SCORE:
        box, lapses = 1, lapses + 1
        due = now + RETRY_AFTER_FAIL
    else:
        due = now + INTERVALS[box]
    misses = Counter(state.misses if state else {})
    misses.update(missed)
    return CardState(
        objection_id=objection_id,
        box=box,
        due=due,
        reviews=(state.reviews if state else 0) + 1,
        lapses=lapses,
        last_score=score,
        last_reviewed=now,
        misses=dict(sorted(misses.items())),
    )


def next_objection(
    states: Mapping[int, CardState],
    candidates: Sequence[int],
    now: datetime,
    *,
    avoid: int | None = None,
    allow_new: bool = True,
    allow_ahead: bool = False,
) -> int | None:
    """What to drill next: the longest-waiting due card, else a new one, else (if asked) the
    soonest. ``avoid`` (the objection just answered) comes again only when nothing else can.

    ``candidates`` are the objections the consultant may get, in the caller's preferred order
    for new ones (e.g. a seeded shuffle), so the choice is deterministic.
    """
    allowed = set(candidates)
    due = sorted(
        (s for s in states.values() if s.objection_id in allowed and s.due <= now),
        key=lambda s: (s.due, s.box, s.objection_id),
    )
    fresh = [c for c in candidates if c not in states] if allow_new else []
    waiting = sorted(
        (s for s in states.values() if s.objection_id in allowed and s.due > now),
        key=lambda s: (s.due, s.box, s.objection_id),
    )
    ordered = [s.objection_id for s in due] + fresh
    if allow_ahead:
        ordered += [s.objection_id for s in waiting]
    preferred = [c for c in ordered if c != avoid]
    if preferred:
        return preferred[0]
    return ordered[0] if ordered else None


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    total: int
    seen: int
    mastered: int
    due_now: int
    boxes: Mapping[int, int]
    average_score: float | None
    next_due: datetime | None
    most_missed: tuple[str, ...]


def summarize(
    states: Iterable[CardState], total: int, now: datetime, *, top_missed: int = 2
) -> ProgressSummary:
    """A consultant's drill progress over a bank of ``total`` objections."""
    cards = list(states)
    boxes = {box: 0 for box in BOXES}
    misses: Counter[str] = Counter()
    for card in cards:
        boxes[card.box] += 1
        misses.update(card.misses)
    upcoming = [c.due for c in cards if c.due > now]
    ranked = sorted(misses.items(), key=lambda item: (-item[1], item[0]))
    return ProgressSummary(
        total=total,
        seen=len(cards),
        mastered=boxes[MASTERED_BOX],
        due_now=sum(1 for c in cards if c.due <= now),
        boxes=boxes,
        average_score=(sum(c.last_score for c in cards) / len(cards)) if cards else None,
        next_due=min(upcoming) if upcoming else None,
        most_missed=tuple(name for name, count in ranked[:top_missed] if count > 0),
    )
