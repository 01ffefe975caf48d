"""A small pattern language over folded sentences, so rules read like the Danish they match.

Patterns are written in ordinary Danish spelling and folded exactly like the text
(`normalize.fold`), so "møde" in a pattern matches "møde", "moede" and "mode" in a message.
Words are separated by single spaces; `~N ` skips up to N arbitrary words; `\\w*` after a word
allows any ending. Every pattern matches whole words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dialogues.normalize import Document, Sentence, fold

_LETTERS = re.compile(r"(?<![\\a-zA-ZæøåÆØÅé])[a-zA-ZæøåÆØÅé]+")
_GAP = re.compile(r"~(\d+) ")
_WHOLE_WORD = re.compile(r"(?:^|(?<=[\s(|]))([a-zæøåé]{3,})(?=$|[\s)|?])")
_STEM = re.compile(r"(?:^|(?<=[\s(|]))([a-zæøåé]{5,})(?=\\w\*)")

KEY_WORDS: set[str] = set()
"""Every whole word the patterns spell out: the words worth repairing when mistyped."""


def rx(*alternatives: str) -> re.Pattern[str]:
    """Compile alternatives into one folded, whole-word regex and remember its key words."""
    sources = []
    for alternative in alternatives:
        folded = _LETTERS.sub(lambda match: fold(match.group()), alternative)
        KEY_WORDS.update(_WHOLE_WORD.findall(folded))
        KEY_WORDS.update(_STEM.findall(folded))
        source = _GAP.sub(lambda match: rf"(?:\S+ ){{0,{match.group(1)}}}", folded)
        source = source.rstrip(" ")
        if source.endswith("$"):
            source = source[:-1] + "(?= $)"
        sources.append(source)
    return re.compile(r"(?<!\S)(?:" + "|".join(sources) + r")(?:(?!\S)|(?<= ))")


@dataclass(frozen=True)
class Hit:
    """Where a criterion was met: a sentence and the first and last word of the match."""

    sentence: Sentence
    first: int
    last: int


def hit_in(sentence: Sentence, pattern: re.Pattern[str], start_word: int = 0) -> Hit | None:
    """The first match of a pattern in one sentence, at or after a given word."""
    start = (
        sentence.offsets[start_word] if start_word < len(sentence.offsets) else len(sentence.text)
    )
    match = pattern.search(sentence.text, max(0, start - 1))
    if match is None:
        return None
    return Hit(sentence, sentence.word_at(match.start()), sentence.word_at(match.end() - 1))


def find(document: Document, pattern: re.Pattern[str]) -> Hit | None:
    """The first match of a pattern anywhere in the message."""
    for sentence in document.sentences:
        hit = hit_in(sentence, pattern)
        if hit is not None:
            return hit
    return None


def words(*spellings: str) -> frozenset[str]:
    """A set of folded words, for quick membership tests."""
    folded = frozenset(fold(spelling) for spelling in spellings)
    KEY_WORDS.update(word for word in folded if len(word) >= 3)
    return folded
