"""Rebuilds the shipped list of protected words (`dialogues/data/beskyttede_ord.txt`).

Run by a developer after changing the rules: `python -m dialogues.assessor_build [WORDLIST]`.
It reads a Danish word list (Debian's `wdanish`, /usr/share/dict/danish, by default) and the
project's seed texts, and keeps every real word that lies within typo distance of a key word of
the rules, so the spelling repair never bends a correct word into a key word. Only those few
thousand words ship; the word list itself is not needed at run time.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dialogues.assessor_patterns import KEY_WORDS
from dialogues.assessor_rules import RULES
from dialogues.assessor_spelling import (
    PROTECTED_FILE,
    SpellingRepair,
    allowed_distance,
    key_fingerprint,
)
from dialogues.normalize import fold

DEFAULT_WORDLIST = Path("/usr/share/dict/danish")
DATA_DIR = Path(__file__).parent / "data"
_WORD = re.compile(r"[a-zæøåéü]+")


def _vocabulary(wordlist: Path, extra_texts: list[Path]) -> set[str]:
    found: set[str] = set()
    sources = [wordlist, *extra_texts]
    for source in sources:
        if not source.is_file():
            continue
        for word in _WORD.findall(source.read_text("utf-8", errors="ignore").lower()):
            found.add(fold(word))
    return found


def protected_words(vocabulary: set[str]) -> list[str]:
    """The real words that a typo repair towards the key words would otherwise capture."""
    assert RULES, "the rules register their key words on import"
    repair = SpellingRepair(KEY_WORDS, ())
    keep = []
    for word in vocabulary:
        if len(word) < 3 or word in KEY_WORDS:
            continue
        if repair.repair(word) != word:
            keep.append(word)
    return sorted(keep)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    wordlist = Path(args[0]) if args else DEFAULT_WORDLIST
    if not wordlist.is_file():
        print(f"word list not found: {wordlist} (apt-get install wdanish)", file=sys.stderr)
        return 1
    seeds = sorted((Path(__file__).parents[2] / "shared" / "seed").glob("*.txt"))
    words = protected_words(_vocabulary(wordlist, seeds))
    header = (
        "# Rigtige danske ord tæt på assessorens nøgleord; de må ikke rettes som stavefejl.\n"
        f"# Bygget af dialogues/assessor_build.py; afstand efter {allowed_distance.__name__}.\n"
        f"# nøgleord: {key_fingerprint(KEY_WORDS)}\n"
    )
    (DATA_DIR / PROTECTED_FILE).write_text(header + "\n".join(words) + "\n", "utf-8")
    print(f"{len(words)} protected words written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
