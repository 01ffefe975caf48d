"""Fuzzy duplicate detection and search over objection texts.

People write the same objection in many ways: other word order, lower case, ``ae/oe/aa`` for
æøå, typos, filler words. Texts are folded to stemmed ASCII tokens; a fast C-level pass
(rapidfuzz) picks a few candidates, and a token-level score weighted by rarity (IDF) decides.
Rare words carry the meaning ("tid" vs "råd"), so two objections that only share "vi har ikke"
are not called duplicates.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

K = TypeVar("K")

# Words that add tone, not meaning, in spoken Danish (already folded to ASCII).
FILLER_WORDS = frozenset(
    {
        "altsaa", "alts", "jo", "bare", "lige", "nu", "da", "vel", "sgu", "nok", "ellers",
        "egentlig", "egentligt", "faktisk", "ligesom", "ligesaa", "hmm", "oeh", "oehm", "oem",
        "eh", "oh", "ja", "nej", "naa", "okay", "ok", "jamen", "men", "saa", "og", "helt",
        "simpelthen", "vist", "godt", "lidt", "sikkert", "nemlig", "hva",
        "desvaerre", "altid", "virkelig", "ret", "meget", "for", "at", "i", "en", "et", "den",
        "det", "de", "til", "paa", "med", "af", "om", "er", "som",
    }
)  # fmt: skip
# "ikke" is meaning ("har tid" vs "har ikke tid"): kept, and typed short forms map onto it.

DUPLICATE_THRESHOLD = 0.72
SEARCH_THRESHOLD = 0.6
_CANDIDATES = 25
_FIRST_PASS_CUTOFF = 35.0
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("danish")
_KEEP = frozenset({"ikke"})
# Same word, other spelling; and "Jeg har ikke tid" is "Vi har ikke tid": one speaks for a firm.
_CANONICAL = {
    "ik": "ikke", "ikk": "ikke", "ikek": "ikke",
    "jeg": "vi", "mig": "os", "min": "vores", "mit": "vores", "mine": "vores",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower-case ASCII words: æøå spelt out, other accents and emoji dropped."""
    lowered = text.lower().translate(_FOLD)
    stripped = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return " ".join(_NON_WORD.sub(" ", stripped).split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = _CANONICAL.get(word, word)
    if word in _KEEP:
        return word
    return str(_STEMMER.stemWord(word))


def tokens(text: str) -> tuple[str, ...]:
    """Stemmed content words of a text, in order, fillers removed (all of them, if all filler)."""
    words = fold(text).split()
    content = [w for w in words if w not in FILLER_WORDS and w not in _FILLER_TYPOS]
    return tuple(_stem(w) for w in (content or words))


_FILLER_TYPOS = frozenset({"alsaa", "altsa", "alsa", "bar", "lie", "ligge"})


def normalize(text: str) -> str:
    """The stored form of a text for the index: its sorted unique tokens, space-separated."""
    return " ".join(sorted(set(tokens(text))))


def _max_typos(token: str) -> int:
    if len(token) <= 3:
        return 0
    return 1 if len(token) <= 6 else 2


def tokens_match(a: str, b: str, *, inside: bool = False) -> bool:
    """Same word, allowing typos in proportion to its length (short words must be exact).

    With ``inside``, a searched word of four letters or more also matches inside a compound
    ("vikar" finds "vikarbureau").
    """
    if a == b or (inside and len(a) >= 4 and a in b):
        return True
    limit = min(_max_typos(a), _max_typos(b))
    if limit == 0 or abs(len(a) - len(b)) > limit:
        return False
    if a[0] != b[0] and min(len(a), len(b)) <= 4:
        return False
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


@dataclass(frozen=True, slots=True)
class Match(Generic[K]):
    key: K
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class _Entry(Generic[K]):
    key: K
    text: str
    tokens: frozenset[str]


class TextIndex(Generic[K]):
    """Build once, then check new texts against it; ``add`` keeps it current between checks.

    Duplicates: a C-level ratio over each entry's sorted tokens picks candidates, a weighted
    token match decides. Search: an inverted index from tokens (and near spellings, and words
    inside compounds) to entries, ranked by how much of the query each entry covers.
    """

    def __init__(self, entries: Iterable[tuple[K, str]] = ()) -> None:
        self._entries: list[_Entry[K]] = []
        self._choices: list[str] = []
        self._postings: dict[str, list[int]] = {}
        self._vocabulary: list[str] = []
        # IDF per token and summed IDF per entry; both change with every add(), so are reset.
        self._weights: dict[str, float] = {}
        self._entry_totals: dict[int, float] = {}
        for key, text in entries:
            self.add(key, text)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, key: K, text: str, normalized: str | None = None) -> None:
        """Add one text; pass ``normalized`` (from :func:`normalize`) when it is stored already."""
        norm = normalize(text) if normalized is None else normalized
        entry_tokens = frozenset(norm.split())
        position = len(self._entries)
        self._entries.append(_Entry(key, text, entry_tokens))
        self._choices.append(norm)
        for token in entry_tokens:
            posting = self._postings.get(token)
            if posting is None:
                self._postings[token] = [position]
                self._vocabulary.append(token)
            else:
                posting.append(position)
        self._weights.clear()
        self._entry_totals.clear()

    def duplicates(
        self, text: str, *, threshold: float = DUPLICATE_THRESHOLD, limit: int = 3
    ) -> list[Match[K]]:
        """Entries that say the same as ``text``, best first."""
        query = frozenset(tokens(text))
        if not query:
            return []
        candidates = process.extract(
            " ".join(sorted(query)),
            self._choices,
            scorer=fuzz.ratio,  # both sides are sorted token sets already
            processor=None,
            limit=_CANDIDATES,
            score_cutoff=_FIRST_PASS_CUTOFF,
        )
        query_total = self._sum(query)
        scored: list[tuple[float, float, int]] = []
        for _, first_pass, position in candidates:
            value = self._similarity(query, query_total, position)
            if value >= threshold:
                scored.append((value, first_pass, position))
        scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
        return [self._match(position, value) for value, _, position in scored[:limit]]

    def search(
        self, query_text: str, *, threshold: float = SEARCH_THRESHOLD, limit: int = 10
    ) -> list[Match[K]]:
        """Entries that contain what was searched for (all of it, or its rarest words).

        Equal coverage ranks the shorter entry first: it is more about what was searched.
        """
        query = frozenset(tokens(query_text))
        if not query:
            return []
        covered: dict[int, float] = {}
        for token in query:
            weight = self._weight(token)
            spellings = self._spellings(token)
            hits: Iterable[int] = (
                self._postings[next(iter(spellings))]
                if len(spellings) == 1
                else {p for found in spellings for p in self._postings[found]}
            )
            for position in hits:
                covered[position] = covered.get(position, 0.0) + weight
        query_total = self._sum(query)
        needed = threshold * query_total
        best = heapq.nsmallest(
            limit,
            (
                (-value, len(self._entries[position].tokens), position)
                for position, value in covered.items()
                if value >= needed
            ),
        )
        return [self._match(position, -value / query_total) for value, _, position in best]

    def _spellings(self, token: str) -> set[str]:
        """Indexed tokens that count as ``token``: itself, near spellings, compounds holding it."""
        found = {token} if token in self._postings else set()
        limit = _max_typos(token)
        if limit:
            near = process.extract(
                token,
                self._vocabulary,
                scorer=Levenshtein.distance,
                score_cutoff=limit,
                limit=None,
            )
            found.update(other for other, _, _ in near if tokens_match(token, other))
        if len(token) >= 4:
            found.update(other for other in self._vocabulary if token in other)
        return found

    def _match(self, position: int, score: float) -> Match[K]:
        entry = self._entries[position]
        return Match(entry.key, entry.text, round(score, 3))

    def _weight(self, token: str) -> float:
        weight = self._weights.get(token)
        if weight is None:
            df = len(self._postings.get(token, ()))
            weight = math.log((len(self._entries) + 1) / (df + 1)) + 1.0
            self._weights[token] = weight
        return weight

    def _sum(self, token_set: Iterable[str]) -> float:
        return sum(self._weight(t) for t in token_set)

    def _similarity(self, query: frozenset[str], query_total: float, position: int) -> float:
        """Weighted Dice: the share of both texts' meaning that the other one also says."""
        entry = self._entries[position].tokens
        entry_total = self._entry_totals.get(position)
        if entry_total is None:
            entry_total = self._entry_totals[position] = self._sum(entry)
        shared = sum(self._weight(q) + self._weight(e) for q, e in _matched_pairs(query, entry))
        return shared / (query_total + entry_total)


def _matched_pairs(query: frozenset[str], entry: frozenset[str]) -> list[tuple[str, str]]:
    """Each query token paired with the same or a near-spelt entry token, each used once."""
    pairs = [(t, t) for t in query & entry]
    rest = sorted(entry - query)
    for token in sorted(query - entry):
        limit = _max_typos(token)
        if not rest or limit == 0:
            continue
        # C-level scan for near spellings; the full rule is checked on those few only.
        near = process.extract(
            token, rest, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
        )
        partner = next((other for other, _, _ in near if tokens_match(token, other)), None)
        if partner is not None:
            pairs.append((token, partner))
            rest.remove(partner)
    return pairs
