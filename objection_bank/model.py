"""Objections and answers as plain values, with the input limits every entry point enforces."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from objection_bank import texts
from objection_bank.tags import (
    MAX_TAGS,
    Difficulty,
    Phase,
    Status,
    TagKind,
    parse_tags,
    sort_tags,
    suggest_tag,
    tags_of_kind,
)

MAX_OBJECTION_CHARS = 500
MAX_ANSWER_CHARS = 1000
MAX_KEY_CHARS = 64
_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ValidationError(ValueError):
    """Bad input, with a Danish message fit to show the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    status: Status = Status.AKTIV
    votes: int = 0
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Objection:
    """One objection. ``key`` is stable across export/import; ``id`` is the database's."""

    key: str
    text: str
    phase: Phase
    tags: tuple[str, ...] = ()
    difficulty: Difficulty = Difficulty.MELLEM
    status: Status = Status.AKTIV
    answers: tuple[Answer, ...] = field(default=())
    team_id: int | None = None
    id: int | None = None

    @property
    def themes(self) -> frozenset[str]:
        return tags_of_kind(self.tags, TagKind.TEMA)

    @property
    def industries(self) -> frozenset[str]:
        return tags_of_kind(self.tags, TagKind.BRANCHE)

    @property
    def sizes(self) -> frozenset[str]:
        return tags_of_kind(self.tags, TagKind.STOERRELSE)

    def best_answers(self, limit: int = 3) -> tuple[Answer, ...]:
        """Visible answers, most votes first; ties keep the order they were written in."""
        visible = [a for a in self.answers if a.status is Status.AKTIV]
        ranked = sorted(enumerate(visible), key=lambda pair: (-pair[1].votes, pair[0]))
        return tuple(answer for _, answer in ranked[:limit])


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(raw: str) -> str:
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", raw.replace("\r\n", "\n")))


def clean_objection_text(raw: str) -> str:
    """One line, single spaces; raises with a Danish message when empty or too long."""
    text = " ".join(_clean(raw).split())
    if not text:
        raise ValidationError(texts.ERR_OBJECTION_EMPTY)
    if len(text) > MAX_OBJECTION_CHARS:
        raise ValidationError(
            texts.ERR_OBJECTION_TOO_LONG.format(limit=MAX_OBJECTION_CHARS, length=len(text))
        )
    return text


def clean_answer_text(raw: str) -> str:
    """Line breaks kept (answers can have steps); surplus blank lines and spaces removed."""
    lines = [" ".join(line.split()) for line in _clean(raw).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise ValidationError(texts.ERR_ANSWER_EMPTY)
    if len(text) > MAX_ANSWER_CHARS:
        raise ValidationError(
            texts.ERR_ANSWER_TOO_LONG.format(limit=MAX_ANSWER_CHARS, length=len(text))
        )
    return text


def clean_tags(raw: str | Iterable[str]) -> tuple[str, ...]:
    """Known tags only; unknown ones are named back, with the nearest known tag as a hint."""
    check = parse_tags(raw)
    if check.unknown:
        hints = []
        for item in check.unknown:
            suggestion = suggest_tag(item)
            hints.append(
                texts.TAG_UNKNOWN_WITH_HINT.format(tag=item, hint=suggestion)
                if suggestion
                else texts.TAG_UNKNOWN.format(tag=item)
            )
        raise ValidationError(texts.ERR_TAGS_UNKNOWN.format(items=", ".join(hints)))
    if len(check.tags) > MAX_TAGS:
        raise ValidationError(texts.ERR_TOO_MANY_TAGS.format(limit=MAX_TAGS))
    return check.tags


def clean_key(raw: str) -> str:
    key = raw.strip().lower()
    if len(key) > MAX_KEY_CHARS or not _KEY_PATTERN.match(key):
        raise ValidationError(texts.ERR_BAD_KEY.format(key=raw, limit=MAX_KEY_CHARS))
    return key


def derive_key(text: str) -> str:
    """A key from the text itself, so importing the same keyless file twice adds nothing."""
    folded = " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
    return "k-" + hashlib.sha1(folded.encode()).hexdigest()[:12]


def make_objection(
    *,
    text: str,
    phase: Phase,
    tags: Sequence[str] = (),
    difficulty: Difficulty = Difficulty.MELLEM,
    status: Status = Status.AKTIV,
    answers: Sequence[Answer] = (),
    key: str | None = None,
    team_id: int | None = None,
    id: int | None = None,
) -> Objection:
    """The one validated way to build an objection from outside input."""
    clean_text = clean_objection_text(text)
    return Objection(
        key=clean_key(key) if key else derive_key(clean_text),
        text=clean_text,
        phase=phase,
        tags=sort_tags(clean_tags(tags)),
        difficulty=difficulty,
        status=status,
        answers=tuple(Answer(clean_answer_text(a.text), a.status, a.votes, a.id) for a in answers),
        team_id=team_id,
        id=id,
    )
