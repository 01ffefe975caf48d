"""Repairs typos inside the words the rubric cares about ("tka" → "tak", "meing" → "mening").

Only words that are not real Danish are repaired, and only towards the rubric's key words, so a
correct word is never bent into another. Candidates are found with a deletion index (as in
SymSpell) and confirmed with rapidfuzz's optimal-string-alignment distance, which counts a
swapped pair of letters as one slip.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

PROTECTED_FILE = "beskyttede_ord.txt"


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {
            candidate[:index] + candidate[index + 1 :]
            for candidate in frontier
            for index in range(len(candidate))
        }
        found |= frontier
    return found


def allowed_distance(length: int) -> int:
    """How many slips a word of this length may carry and still be recognised."""
    if length <= 3:
        return 1
    if length <= 8:
        return 1
    return 2


def key_fingerprint(key_words: Iterable[str]) -> str:
    """A short digest of the key words, written into the protected list when it is built."""
    joined = "\n".join(sorted(set(key_words)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def protected_fingerprint() -> str | None:
    """The key-word digest the shipped protected list was built for."""
    source = resources.files("dialogues.data").joinpath(PROTECTED_FILE)
    if not source.is_file():
        return None
    for line in source.read_text("utf-8").splitlines():
        if line.startswith("# nøgleord:"):
            return line.split(":", 1)[1].strip()
    return None


def load_protected() -> frozenset[str]:
    """Real Danish words that lie close to a key word and must stay as written."""
    source = resources.files("dialogues.data").joinpath(PROTECTED_FILE)
    if not source.is_file():
        return frozenset()
    return frozenset(
        line.strip()
        for line in source.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


class SpellingRepair:
    """Maps a folded word to the key word it was meant to be, or leaves it alone."""

    def __init__(self, key_words: Iterable[str], protected: Iterable[str]) -> None:
        self._keys = frozenset(word for word in key_words if len(word) >= 3)
        self._protected = frozenset(protected) | self._keys
        self._index: dict[str, set[str]] = {}
        for key in self._keys:
            for deletion in _deletions(key, allowed_distance(len(key))):
                self._index.setdefault(deletion, set()).add(key)
        self.repair = lru_cache(maxsize=65_536)(self._repair)
        self._proper: frozenset[str] = frozenset()
        self.repair_proper = lru_cache(maxsize=16_384)(self._repair_proper)

    def allow_for_names(self, words: Iterable[str]) -> None:
        """Key words a capitalised word may be repaired to (organisations, schemes)."""
        self._proper = frozenset(words)

    def _repair_proper(self, word: str) -> str:
        repaired = self.repair(word)
        return repaired if repaired in self._proper else word

    def _repair(self, word: str) -> str:
        if len(word) < 3 or word in self._protected or not word.isalpha():
            return word
        limit = allowed_distance(len(word))
        candidates: set[str] = set()
        for deletion in _deletions(word, limit):
            candidates |= self._index.get(deletion, set())
        best = word
        best_distance = limit + 1
        for candidate in sorted(candidates):
            if abs(len(candidate) - len(word)) > limit:
                continue
            if len(word) <= 3 and sorted(candidate) != sorted(word):
                continue  # three letters: only a swapped pair is a safe guess
            if candidate[0] != word[0]:
                continue  # slips in the first letter are rare; guessing there bends real words
            distance = OSA.distance(word, candidate, score_cutoff=limit)
            if distance < best_distance:
                best, best_distance = candidate, distance
        return best
