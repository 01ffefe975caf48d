"""Typo repair finds the key word that was meant, and never bends a real word."""

from __future__ import annotations

import pytest

from dialogues.assessor import _SPELLING
from dialogues.assessor_patterns import KEY_WORDS
from dialogues.assessor_spelling import SpellingRepair, key_fingerprint, protected_fingerprint
from dialogues.normalize import fold


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("tka", "tak"),
        ("hje", "hej"),
        ("lgie", "lige"),
        ("meing", "mening"),
        ("tirsdga", "tirsdag"),
        ("tidspunk", "tidspunkt"),
        ("virksomhedspratik", "virksomhedspraktik"),
        ("opsumering", "opsummering"),
    ],
)
def test_mistyped_key_words_are_repaired(typed: str, meant: str) -> None:
    assert _SPELLING.repair(fold(typed)) == fold(meant)


@pytest.mark.parametrize(
    "word", ["tag", "over", "tal", "hej", "mode", "ringe", "kunde", "sted", "tage", "mand"]
)
def test_real_words_stay_as_written(word: str) -> None:
    assert _SPELLING.repair(fold(word)) == fold(word)


def test_first_letter_is_never_guessed() -> None:
    repair = SpellingRepair(["tak"], [])
    assert repair.repair("kat") == "kat"


def test_shipped_protected_list_matches_the_current_rules() -> None:
    # Rebuild with `python -m dialogues.assessor_build` after changing the patterns.
    assert protected_fingerprint() == key_fingerprint(KEY_WORDS)
