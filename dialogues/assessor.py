"""Judges one consultant utterance against the rubric of a phase of the call.

`assess` is on the hot path of every practice turn, so everything heavy (patterns, word lists,
the typo index) is built once at import, and a call only folds the text and runs the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogues.assessor_patterns import KEY_WORDS
from dialogues.assessor_rules import DOMAIN_WORDS, FIRST_NAMES, RULES
from dialogues.assessor_spelling import SpellingRepair, load_protected
from dialogues.normalize import parse
from dialogues.rubric import PHASES, RUBRIC, UnknownPhaseError, criteria_names

__all__ = ["Assessment", "UnknownPhaseError", "assess"]

_SPELLING = SpellingRepair(KEY_WORDS, load_protected() | FIRST_NAMES)
_SPELLING.allow_for_names(DOMAIN_WORDS)


@dataclass(frozen=True)
class Assessment:
    """Which criteria of a phase an utterance met, and the words that met them."""

    phase: str
    criteria: dict[str, bool]
    score: float
    evidence: dict[str, str]


def assess(phase: str, text: str, objection: str | None = None) -> Assessment:
    """Judge `text` against the criteria of `phase` (the objection is context only)."""
    if phase not in RUBRIC:
        raise UnknownPhaseError(phase)
    document = parse(text or "", _SPELLING.repair, _SPELLING.repair_proper)
    rules = RULES[phase]
    criteria: dict[str, bool] = {}
    evidence: dict[str, str] = {}
    for name in criteria_names(phase):
        hit = rules[name](document)
        criteria[name] = hit is not None
        if hit is not None:
            evidence[name] = document.quote(hit.sentence, hit.first, hit.last)
    met = sum(criteria.values())
    return Assessment(phase=phase, criteria=criteria, score=met / len(criteria), evidence=evidence)


assert set(PHASES) == set(RULES), "every phase of the rubric needs its rules"
