"""The sparring guide that travels with every nudge.

Module 4 of the training pairs consultants to observe each other's calls. Pairs that know the
frame (prepare and agree on the aim → the partner only listens and notes → feedback) and the
limits of the partner's role give better feedback; and a focus drawn from each partner's own
practice calls makes the observation concrete.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dialogues.rubric import PHASE_LABELS, PHASES, RUBRIC
from supervision import texts

Criterion = tuple[str, str]  # (phase, criterion name) as in the rubric

FOCUS_SIZE = 2


@dataclass(frozen=True, slots=True)
class FocusHint:
    """The criteria one partner most often misses in practice, to watch for in their call."""

    name: str
    criteria: tuple[Criterion, ...]


def criterion_label(phase: str, name: str) -> str:
    """'Åbning: Tilladelse' – the rubric's own words, so the guide and /rubrik agree."""
    for criterion in RUBRIC.get(phase, ()):
        if criterion.name == name:
            return f"{PHASE_LABELS[phase]}: {criterion.label}"
    return f"{PHASE_LABELS.get(phase, phase)}: {name}"


def most_missed(
    results: Iterable[Mapping[str, Mapping[str, bool]]], limit: int = FOCUS_SIZE
) -> tuple[Criterion, ...]:
    """The criteria missed most often across practice results ({phase: {criterion: met}}).

    Ties go to the criterion earlier in the call (rubric order): it comes first in a real call.
    """
    misses: Counter[Criterion] = Counter()
    for result in results:
        for phase, criteria in result.items():
            for name, met in criteria.items():
                if not met:
                    misses[(phase, name)] += 1
    order = {
        (phase, criterion.name): index
        for index, (phase, criterion) in enumerate(
            (phase, criterion) for phase in PHASES for criterion in RUBRIC[phase]
        )
    }
    ranked = sorted(misses, key=lambda c: (-misses[c], order.get(c, len(order)), c))
    return tuple(ranked[:limit])


def focus_lines(hints: Sequence[FocusHint]) -> list[str]:
    lines = [
        texts.GUIDE_FOCUS_LINE.format(
            name=hint.name,
            criteria=", ".join(criterion_label(phase, name) for phase, name in hint.criteria),
        )
        for hint in hints
        if hint.criteria
    ]
    return [texts.GUIDE_FOCUS_INTRO, *lines] if lines else []


def full_guide(hints: Sequence[FocusHint] = ()) -> str:
    parts = [
        texts.GUIDE_TITLE,
        "",
        *texts.GUIDE_STEPS,
        "",
        texts.GUIDE_ROLE_TITLE,
        texts.GUIDE_ROLE,
    ]
    focus = focus_lines(hints)
    if focus:
        parts += ["", texts.GUIDE_FOCUS_TITLE, *focus]
    return "\n".join(parts)


def short_guide(hints: Sequence[FocusHint] = ()) -> str:
    """The frame in one line plus the focus: short enough to ride along with every nudge."""
    return "\n".join([texts.GUIDE_SHORT, *focus_lines(hints)])
