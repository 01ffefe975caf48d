"""The seed bank teaches by example: every model answer meets all four objection criteria."""

from __future__ import annotations

import pytest

from dialogues.assessor import assess
from objection_bank.formats import load_seed
from objection_bank.model import Objection

SEED = load_seed()


@pytest.mark.parametrize("objection", SEED, ids=lambda o: o.key)
def test_every_seed_answer_meets_all_indvendinger_criteria(objection: Objection) -> None:
    for answer in objection.answers:
        verdict = assess("indvendinger", answer.text, objection.text)
        missed = [name for name, met in verdict.criteria.items() if not met]
        assert missed == [], f"{objection.key}: {answer.text}"
        assert set(verdict.criteria) == {"anerkendelse", "afklaring", "argument", "accept"}


def test_the_assessor_tells_a_bare_brush_off_from_a_seed_answer() -> None:
    """Guard against a test that would pass for any text: a poor answer must fail."""
    verdict = assess("indvendinger", "Okay, så ringer jeg en anden gang.", "Jeg har ikke tid.")
    assert verdict.score < 0.5
