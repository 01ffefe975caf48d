"""Danish as consultants type it, brought to one comparable form.

People write "møde", "moede" and "mode" for the same word, double or drop letters, put emoji
between sentences and skip question marks. The assessor should judge what was meant, so every
word is *folded* to a skeleton (lower case, æ/ae → a, ø/oe → o, å/aa → a, repeated letters once)
and the text is cut into sentences and clauses while remembering where each word stood in the
original, so feedback can quote the consultant's own spelling.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MAX_CHARS = 12_000
"""Longer input is cut: nobody says more in one turn, and the work stays bounded."""

_FOLD_CHARS = str.maketrans(
    {
        "æ": "a",
        "ø": "o",
        "å": "a",
        "ä": "a",
        "á": "a",
        "à": "a",
        "â": "a",
        "ö": "o",
        "ó": "o",
        "ò": "o",
        "ô": "o",
        "é": "e",
        "è": "e",
        "ê": "e",
        "ë": "e",
        "ü": "u",
        "ú": "u",
        "í": "i",
        "ï": "i",
    }
)
_REPEATS = re.compile(r"([a-z])\1+")
_WORD = re.compile(r"[0-9a-zæøåäáàâöóòôéèêëüúíï]+(?:['’´`\-][0-9a-zæøåäáàâöóòôéèêëüúíï]+)*")
_INNER_JOINERS = re.compile(r"['’´`\-]")
_TAG = re.compile(r"<[^>]{0,200}>")
_ABBREVIATIONS = frozenset(
    {
        "kl",
        "d",
        "ang",
        "vedr",
        "fx",
        "f",
        "ex",
        "mht",
        "ift",
        "evt",
        "ca",
        "bl",
        "a",
        "pga",
        "tlf",
        "nr",
        "inkl",
        "osv",
        "dvs",
        "jf",
        "hhv",
        "att",
        "st",
        "mdr",
        "md",
        "min",
        "ugl",
        "stk",
        "mv",
        "mm",
        "s",
        "dr",
        "fr",
        "co",
        "aps",
    }
)
_CLAUSE_MARKS = frozenset(",:–—(")
_STEMMER = snowballstemmer.stemmer("danish")
_COLLOQUIAL = {
    "hva": "hvad",
    "va": "hvad",
    "ik": "ike",
    "sku": "skule",
    "ska": "skal",
    "ku": "kune",
}
"""Spoken spellings people type, mapped to the folded written word."""


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """The skeleton of one word: what "Møøøde", "moede" and "mode" have in common."""
    folded = word.lower().translate(_FOLD_CHARS).replace("ae", "a").replace("oe", "o")
    return _REPEATS.sub(r"\1", folded)


@lru_cache(maxsize=65_536)
def stem(folded_word: str) -> str:
    """Snowball's Danish stem of a folded word, so inflected forms compare equal."""
    return str(_STEMMER.stemWord(folded_word))


@dataclass(frozen=True)
class Sentence:
    """One sentence: folded words, where each stood in the original, and how it was punctuated.

    `text` is the folded words joined by single spaces with a space at both ends, so patterns
    can match whole words with plain spaces.
    """

    words: tuple[str, ...]
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clause_starts: frozenset[int]
    question: bool
    exclaimed: bool
    text: str
    offsets: tuple[int, ...]

    def word_at(self, char_index: int) -> int:
        """Index of the word that starts at or before a character position in `text`."""
        return max(0, bisect_right(self.offsets, char_index) - 1)


@dataclass(frozen=True)
class Document:
    """A whole message, cut into sentences, with the original text kept for quoting."""

    original: str
    sentences: tuple[Sentence, ...]

    def quote(self, sentence: Sentence, first: int, last: int, *, limit: int = 140) -> str:
        """The original words first..last of a sentence, widened to the sentence when short."""
        if not sentence.words:
            return ""
        whole = self.original[sentence.spans[0][0] : sentence.spans[-1][1]]
        if len(whole) <= limit:
            return whole.strip()
        first = max(0, first - 3)
        last = min(len(sentence.words) - 1, last + 3)
        return self.original[sentence.spans[first][0] : sentence.spans[last][1]].strip()


def _clean(text: str) -> str:
    """Markup and entities out, Unicode composed, so letters look the same everywhere."""
    text = text[:MAX_CHARS]
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return unicodedata.normalize("NFC", text)


def _is_symbol(char: str) -> bool:
    """Emoji and other pictographs: people use them as full stops."""
    return ord(char) > 0x2000 and unicodedata.category(char) in ("So", "Sk", "Cs", "Co")


Corrector = Callable[[str], str]


def _identity(word: str) -> str:
    return word


def parse(
    text: str, correct: Corrector = _identity, correct_proper: Corrector = _identity
) -> Document:
    """Cut a message into sentences of folded (and, via `correct`, typo-corrected) words.

    A capitalised word inside a sentence is usually a name ("Hanne Kjær"), so it only goes
    through `correct_proper`, which may repair it towards an organisation word but never towards
    an ordinary word.
    """
    original = _clean(text)
    lowered = original.lower()
    if len(lowered) != len(original):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in original)
    sentences: list[Sentence] = []
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    clause_starts: set[int] = {0}

    def close(question: bool, exclaimed: bool = False) -> None:
        if words:
            offsets: list[int] = []
            position = 1
            for word in words:
                offsets.append(position)
                position += len(word) + 1
            sentences.append(
                Sentence(
                    words=tuple(words),
                    stems=tuple(stem(word) for word in words),
                    spans=tuple(spans),
                    clause_starts=frozenset(clause_starts),
                    question=question,
                    exclaimed=exclaimed,
                    text=" " + " ".join(words) + " ",
                    offsets=tuple(offsets),
                )
            )
        words.clear()
        spans.clear()
        clause_starts.clear()
        clause_starts.add(0)

    position = 0
    length = len(lowered)
    while position < length:
        match = _WORD.match(lowered, position)
        if match:
            raw = _INNER_JOINERS.sub("", match.group())
            folded = fold(raw)
            folded = _COLLOQUIAL.get(folded, folded)
            proper_noun = bool(words) and original[match.start()].isupper()
            words.append(correct_proper(folded) if proper_noun else correct(folded))
            spans.append((match.start(), match.end()))
            position = match.end()
            continue
        char = lowered[position]
        if char == "?":
            close(True)
        elif char == "!":
            close(False, exclaimed=True)
        elif char in ";\n…" or _is_symbol(char):
            close(False)
        elif char == ".":
            if not _dot_continues(original, lowered, position, words):
                close(False)
        elif char in _CLAUSE_MARKS or (char == "-" and _spaced(lowered, position)):
            clause_starts.add(len(words))
        position += 1
    close(False)
    return Document(original=original, sentences=tuple(sentences))


def _spaced(text: str, position: int) -> bool:
    """A dash with space around it separates clauses; one inside a word does not."""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return before.isspace() or after.isspace()


def _dot_continues(original: str, text: str, position: int, words: list[str]) -> bool:
    """A full stop inside "kl. 9.30", "d. 3. marts" or "ang." does not end the sentence."""
    after = text[position + 1 : position + 3]
    if after[:1].isdigit():
        return True
    if not words:
        return False
    previous = words[-1]
    if previous in _ABBREVIATIONS and text[position - 1 : position].isalpha():
        return True
    if previous.isdigit():
        rest = original[position + 1 : position + 40].lstrip(" ")
        return bool(rest) and rest[0].isalnum() and not rest[0].isupper()
    return False
