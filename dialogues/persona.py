"""The company contact: reacts to what the consultant actually wrote, turn by turn.

The rubric verdict says *which* criteria a message met; the persona turns that into a human
reaction: time granted or "Jeg har faktisk ret travlt…", a need revealed by a good open question,
an objection that softens when acknowledged and explored and hardens when contradicted, a yes
or a no. Patience and warmth are plain integers in the saved state; every wording is chosen
by a random source seeded from (seed, turn, purpose), so a replay says the same words.

Difficulty: ``let`` has more patience, one objection, and any open question brings the next
need out; ``mellem`` wants open questions about the need and raises a second objection in the
middle of the solution; ``svaer`` has the least patience, three objections that each need a
full answer, gives only a hint on a general question (the need itself comes when the
consultant follows the hint), and accepts a solution only when it is tied to their situation.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogues import texts
from dialogues.machine import Signals, phase_of
from dialogues.normalize import Document, fold, parse
from dialogues.scenario import HiddenNeed, Scenario, topic_pattern

LEVEL = {"let": 0, "mellem": 1, "svaer": 2}
PATIENCE_FACTOR = {"let": 1.5, "mellem": 1.0, "svaer": 0.75}
START_WARMTH = {"let": 1, "mellem": 0, "svaer": -1}
ACCEPT_WARMTH = {"let": 0, "mellem": 0, "svaer": 1}  # warmth needed to accept a solution
WILLING_WARMTH = 4  # warm enough to meet even without an accepted solution
# (objections before the solution, objections that interrupt the solution)
OBJECTION_SLOTS = {"let": (1, 0), "mellem": (1, 1), "svaer": (2, 1)}
MAX_OBJECTION_ANSWERS = 3
LOW_PATIENCE = 2  # the contact says so once, before hanging up
RECENT_LINES = 6  # lines the contact remembers saying, so as not to repeat them word for word
SOLUTION_PHASES = frozenset({"loesning", "afslutning"})
# Spoken fillers: once in a reply sounds human, twice (»… altså … altså …«) sounds like a robot.
FILLERS = ("altså", "faktisk")
_FILLER_WORD = re.compile(r"\b(" + "|".join(FILLERS) + r")\b", re.IGNORECASE)
_FILLER_MID_SENTENCE = re.compile(r" (" + "|".join(FILLERS) + r")(?= \w)", re.IGNORECASE)


@dataclass(frozen=True)
class ObjectionCard:
    """An objection the contact can raise; from the shared bank or the scenario itself."""

    id: str
    text: str
    phase: str
    themes: tuple[str, ...]
    difficulty: str
    best_answers: tuple[str, ...] = ()


@dataclass
class ObjectionSlot:
    """One objection in this call and how the consultant has handled it so far."""

    card: ObjectionCard
    detail: str
    in_solution: bool
    status: str = "venter"  # venter | aaben | loest | droppet
    criteria: dict[str, bool] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    answers: int = 0
    acknowledged: bool = False
    explored: bool = False
    contradicted: bool = False

    def to_dict(self) -> dict[str, Any]:
        card = self.card
        return {
            "card": {
                "id": card.id,
                "text": card.text,
                "phase": card.phase,
                "themes": list(card.themes),
                "difficulty": card.difficulty,
                "best_answers": list(card.best_answers),
            },
            "detail": self.detail,
            "in_solution": self.in_solution,
            "status": self.status,
            "criteria": dict(self.criteria),
            "evidence": dict(self.evidence),
            "answers": self.answers,
            "acknowledged": self.acknowledged,
            "explored": self.explored,
            "contradicted": self.contradicted,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ObjectionSlot:
        card = data["card"]
        return cls(
            card=ObjectionCard(
                id=str(card["id"]),
                text=str(card["text"]),
                phase=str(card["phase"]),
                themes=tuple(str(t) for t in card["themes"]),
                difficulty=str(card["difficulty"]),
                best_answers=tuple(str(a) for a in card["best_answers"]),
            ),
            detail=str(data["detail"]),
            in_solution=bool(data["in_solution"]),
            status=str(data["status"]),
            criteria={str(k): bool(v) for k, v in data["criteria"].items()},
            evidence={str(k): str(v) for k, v in data["evidence"].items()},
            answers=int(data["answers"]),
            acknowledged=bool(data["acknowledged"]),
            explored=bool(data["explored"]),
            contradicted=bool(data["contradicted"]),
        )

    @property
    def score(self) -> float:
        return sum(self.criteria.values()) / 4 if self.criteria else 0.0

    @property
    def passed(self) -> bool:
        return self.status == "loest"


@dataclass
class PersonaState:
    """Everything the contact remembers; saved with the call after every turn."""

    patience: int
    warmth: int
    revealed: list[str] = field(default_factory=list)
    hinted: list[str] = field(default_factory=list)
    facts_told: int = 0
    busy_said: bool = False
    warned: bool = False
    offers: list[str] = field(default_factory=list)
    proposal_fit: bool = False
    linked: bool = False
    asked_when: bool = False
    need_accepted: bool = False
    proposed: bool = False
    solution_accepted: bool = False
    agreement: str | None = None  # "moede" | "aftale"
    verdict: str | None = None  # "afslag" | "opfoelgning" when they close without agreement
    current: int | None = None  # index of the open objection
    objections: list[ObjectionSlot] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)  # the last lines said, not to be parroted

    def to_dict(self) -> dict[str, Any]:
        return {
            "patience": self.patience,
            "warmth": self.warmth,
            "revealed": list(self.revealed),
            "hinted": list(self.hinted),
            "facts_told": self.facts_told,
            "busy_said": self.busy_said,
            "warned": self.warned,
            "offers": list(self.offers),
            "proposal_fit": self.proposal_fit,
            "linked": self.linked,
            "asked_when": self.asked_when,
            "need_accepted": self.need_accepted,
            "proposed": self.proposed,
            "solution_accepted": self.solution_accepted,
            "agreement": self.agreement,
            "verdict": self.verdict,
            "current": self.current,
            "objections": [slot.to_dict() for slot in self.objections],
            "recent": list(self.recent),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PersonaState:
        current = data["current"]
        return cls(
            patience=int(data["patience"]),
            warmth=int(data["warmth"]),
            revealed=[str(x) for x in data["revealed"]],
            hinted=[str(x) for x in data["hinted"]],
            facts_told=int(data["facts_told"]),
            busy_said=bool(data["busy_said"]),
            warned=bool(data["warned"]),
            offers=[str(x) for x in data["offers"]],
            proposal_fit=bool(data["proposal_fit"]),
            linked=bool(data["linked"]),
            asked_when=bool(data["asked_when"]),
            need_accepted=bool(data["need_accepted"]),
            proposed=bool(data["proposed"]),
            solution_accepted=bool(data["solution_accepted"]),
            agreement=None if data["agreement"] is None else str(data["agreement"]),
            verdict=None if data["verdict"] is None else str(data["verdict"]),
            current=None if current is None else int(current),
            objections=[ObjectionSlot.from_dict(s) for s in data["objections"]],
            recent=[str(x) for x in data.get("recent", ())],
        )


def merge_verdict(
    criteria: dict[str, bool],
    evidence: dict[str, str],
    met: Mapping[str, bool],
    quotes: Mapping[str, str],
) -> None:
    """OR one message's verdict into what a phase (or one objection) has met so far.

    The first message that met a criterion keeps the quote: that is the one feedback shows.
    """
    for name, ok in met.items():
        if ok and not criteria.get(name):
            criteria[name] = True
            if name in quotes:
                evidence[name] = quotes[name]
        else:
            criteria.setdefault(name, False)


@dataclass
class Reaction:
    """The contact's answer to one consultant message."""

    lines: list[str] = field(default_factory=list)
    signals: Signals = field(default_factory=Signals)
    cost: int = 0  # patience used up by this message


# --- Reading what was written --------------------------------------------------------------------


def _phrases(*raw: str) -> tuple[str, ...]:
    """Folded, space-padded phrases, comparable with ``Sentence.text``."""
    return tuple(" " + " ".join(fold(w) for w in p.split()) + " " for p in raw)


def _stems(*raw: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in raw)


_CONTRADICTION = _phrases(
    "det passer ikke",
    "det er ikke rigtigt",
    "det er ikke sandt",
    "det er forkert",
    "forkert",
    "du tager fejl",
    "i tager fejl",
    "det tror jeg ikke på",
    "det har du ikke ret i",
    "vrøvl",
    "sludder",
    "pjat",
    "nonsens",
    "nej nej",
    "du overdriver",
    "det er din egen skyld",
    "det er jeres egen skyld",
    "alle virksomheder har brug for",
    "selvfølgelig har i",
    "i har da brug for",
    "det er ikke et problem",
    "det er ikke noget problem",
    "det holder ikke",
)
_MEETING = _phrases(
    "møde",
    "mødes",
    "møder",
    "besøg",
    "besøge",
    "kigge forbi",
    "komme forbi",
    "kommer forbi",
    "komme ud",
    "kommer ud",
    "kop kaffe",
    "ses",
    "teams",
    "videomøde",
)
_VAGUE_FOLLOW_UP = _phrases(
    "vender tilbage",
    "giver lyd",
    "ringer igen",
    "høre fra dig",
    "høre fra mig",
    "følger op",
    "snakkes ved",
    "tales ved",
    "på et tidspunkt",
)
_QUESTION_OPENERS = frozenset(
    _stems(
        "har",
        "er",
        "kan",
        "vil",
        "skal",
        "mangler",
        "bruger",
        "ønsker",
        "kunne",
        "ville",
        "skulle",
        "passer",
        "gider",
        "får",
        "tror",
        "synes",
        "må",
        "plejer",
    )
)
_OPENERS = frozenset(
    _stems("hvad", "hvordan", "hvilke", "hvilken", "hvor", "hvorfor", "hvornår", "hvem", "fortæl")
)
# offer -> word stems; a stem of five letters or more may sit inside a compound word.
_OFFER_STEMS: dict[str, tuple[str, ...]] = {
    "praktik": _stems("praktik", "prøvepraktik", "arbejdsprøvning"),
    "loentilskud": _stems("løntilskud", "tilskud"),
    "kandidater": _stems("kandidat", "cv", "cver", "ansøger", "emner", "profiler"),
    "jobordre": _stems("jobordre", "stillingsopslag", "jobopslag", "opslag", "annonce"),
    "screening": _stems("screen", "forsamtal", "håndpluk", "udsøg", "frasorter"),
    "opkvalificering": _stems(
        "opkvalific", "kursus", "kurser", "efteruddan", "amu", "certifikat", "kørekort", "sprogkurs"
    ),
    "mentor": _stems("mentor"),
    "fleksjob": _stems("fleksjob", "flexjob", "skånejob"),
    "jobrotation": _stems("jobrotation", "rotation"),
    "voksenlaerling": _stems("voksenlærling", "voksenelev", "lærling", "elev", "læreplads"),
    "fastholdelse": _stems("fasthold", "raskmeld", "arbejdsfastholdelse"),
}


def _has_phrase(document: Document, phrases: Sequence[str]) -> bool:
    return any(p in s.text for s in document.sentences for p in phrases)


_OFFER_PATTERNS = {
    offer: topic_pattern(stems, inside_words=True) for offer, stems in _OFFER_STEMS.items()
}


def offers_named(document: Document) -> list[str]:
    """Which concrete offers a message names, in a stable order."""
    return [
        offer
        for offer, pattern in _OFFER_PATTERNS.items()
        if any(pattern.search(s.text) for s in document.sentences)
    ]


def _is_question(document: Document) -> bool:
    return any(
        s.question or (s.words and s.words[0] in _QUESTION_OPENERS) for s in document.sentences
    )


def _asks_open(document: Document) -> bool:
    """An hv-question outside the analysis, where the rubric's verdict does not say."""
    return any(s.question and s.words and s.words[0] in _OPENERS for s in document.sentences)


def _mentions(document: Document, topics: tuple[str, ...]) -> bool:
    pattern = topic_pattern(topics)
    return any(pattern.search(s.text) for s in document.sentences)


# --- The persona ---------------------------------------------------------------------------------


class Persona:
    """One contact in one call: the scenario, the difficulty and the remembered state."""

    def __init__(self, scenario: Scenario, difficulty: str, seed: int, state: PersonaState):
        self.scenario = scenario
        self.difficulty = difficulty
        self.seed = seed
        self.state = state
        self._needs = {need.id: need for need in scenario.hidden_needs}

    @classmethod
    def new(
        cls, scenario: Scenario, difficulty: str, seed: int, cards: Sequence[ObjectionCard]
    ) -> Persona:
        patience = max(2, round(scenario.patience * PATIENCE_FACTOR[difficulty]))
        state = PersonaState(
            patience=patience,
            warmth=START_WARMTH[difficulty],
            objections=select_objections(scenario, difficulty, seed, cards),
        )
        return cls(scenario, difficulty, seed, state)

    # -- helpers ---------------------------------------------------------------------------

    def pick(self, options: Sequence[str], turn: int, purpose: str) -> str:
        """A seeded choice that avoids a line just said: a real person varies their words."""
        recent = self.state.recent
        fresh = [o for o in options if o not in recent]
        if not fresh:
            latest = next(line for line in reversed(recent) if line in options)
            fresh = [o for o in options if o != latest] or list(options)
        rng = random.Random(f"{self.seed}:{turn}:{purpose}")
        chosen = fresh[rng.randrange(len(fresh))]
        self.state.recent = [*self.state.recent, chosen][-RECENT_LINES:]
        return chosen

    @property
    def mood(self) -> str:
        if self.state.warmth >= 2:
            return "varm"
        return "kold" if self.state.warmth < 0 else "neutral"

    @property
    def objections_waiting(self) -> int:
        """Objections still to come before the solution (not counting an open one)."""
        return sum(1 for s in self.state.objections if s.status == "venter" and not s.in_solution)

    @property
    def current_objection(self) -> ObjectionSlot | None:
        index = self.state.current
        return None if index is None else self.state.objections[index]

    def _next_objection(self, in_solution: bool) -> int | None:
        for index, slot in enumerate(self.state.objections):
            if slot.status == "venter" and slot.in_solution == in_solution:
                return index
        return None

    def _revealed_needs(self) -> list[HiddenNeed]:
        return [self._needs[i] for i in self.state.revealed]

    def _unrevealed_needs(self) -> list[HiddenNeed]:
        return [n for n in self.scenario.hidden_needs if n.id not in self.state.revealed]

    def _wanted_offers(self) -> set[str]:
        wanted = set(self.scenario.meeting_conditions.offers)
        for need in self._revealed_needs():
            wanted.update(need.offers)
        return wanted

    def _needs_required(self) -> int:
        return 1 if self.difficulty == "let" else self.scenario.meeting_conditions.needs

    def willing(self) -> bool:
        """Would they agree to a concrete next step now?"""
        return (
            self.state.warmth >= ACCEPT_WARMTH[self.difficulty] and self.state.solution_accepted
        ) or self.state.warmth >= WILLING_WARMTH

    # -- entering a state ------------------------------------------------------------------

    def enter(self, state: str, previous: str, turn: int) -> list[str]:
        """What the contact says when the call moves into ``state``."""
        if phase_of(state) == "indvendinger":
            index = self._next_objection(in_solution=state == "loesning_indvending")
            if index is None:
                return []
            slot = self.state.objections[index]
            slot.status = "aaben"
            self.state.current = index
            intro_options = (
                texts.OBJECTION_INTRO_IN_SOLUTION if slot.in_solution else texts.OBJECTION_INTRO
            )
            return [self.pick(intro_options, turn, "intro") + slot.card.text]
        if state == "loesning":
            return [self.pick(texts.ENTER_SOLUTION, turn, "enter")]
        if state == "loesning_forslag" and previous == "loesning_indvending":
            return [self.pick(texts.BACK_TO_SOLUTION, turn, "back")]
        if state == "afslutning":
            options = texts.ENTER_CLOSING_WILLING if self.willing() else texts.ENTER_CLOSING_COOL
            return [self.pick(options, turn, "enter")]
        return []

    # -- /videre ---------------------------------------------------------------------------

    def skip(self, state: str, turn: int) -> list[str]:
        """The consultant moves on; an open objection is left unanswered."""
        if state == "aabning":
            self.state.warmth -= 1
            return [self.pick(texts.FORCED_ON, turn, "forced")]
        slot = self.current_objection
        if phase_of(state) == "indvendinger" and slot is not None:
            self._drop(slot)
            return [self.pick(texts.OBJECTION_DROPPED_LINES, turn, "dropped")]
        return []

    def _drop(self, slot: ObjectionSlot) -> None:
        slot.status = "droppet"
        self.state.current = None
        self.state.warmth -= 1

    # -- reacting to a message -------------------------------------------------------------

    def react(
        self,
        state: str,
        turn: int,
        text: str,
        criteria: Mapping[str, bool],
        phase_criteria: Mapping[str, bool],
        evidence: Mapping[str, str],
    ) -> Reaction:
        """``criteria`` is this message's verdict, ``phase_criteria`` the phase's so far."""
        document = parse(text)
        phase = phase_of(state)
        if phase == "aabning":
            return self._opening(turn, document, criteria, phase_criteria)
        if phase == "analyse":
            return self._analysis(turn, document, criteria)
        if phase == "indvendinger":
            return self._objection(turn, document, criteria, evidence)
        if phase == "loesning":
            return self._solution(state, turn, document, criteria, phase_criteria)
        if phase == "afslutning":
            return self._closing(state, turn, document, criteria)
        return Reaction()

    def _opening(
        self,
        turn: int,
        document: Document,
        criteria: Mapping[str, bool],
        so_far: Mapping[str, bool],
    ) -> Reaction:
        reaction = Reaction()
        progressed = any(criteria.values())
        knows_who = so_far.get("praesentation", False) or so_far.get("organisation", False)
        if self._question_wins_time(document, so_far, knows_who):
            reaction.lines.append(self.pick(texts.GRANT_TIME_ON_QUESTION, turn, "grant"))
            reaction.signals.opening_granted = True
            return reaction
        if not knows_who:
            reaction.lines.append(self.pick(texts.ASK_WHO, turn, "who"))
        elif not so_far.get("formaal", False):
            reaction.lines.append(self.pick(texts.ASK_PURPOSE, turn, "purpose"))
        if not so_far.get("tilladelse", False):
            options = texts.BUSY_AGAIN if self.state.busy_said else texts.BUSY
            reaction.lines.append(self.pick(options, turn, "busy"))
            self.state.busy_said = True
            reaction.cost += 1
        elif knows_who and so_far.get("formaal", False):
            if self.state.busy_said:
                reaction.lines.append(self.pick(texts.GRANT_TIME_AFTER_BUSY, turn, "grant"))
            else:
                reaction.lines.append(self.pick(texts.GRANT_TIME, turn, "grant"))
                if all(so_far.values()):
                    self.state.warmth += 1
            reaction.signals.opening_granted = True
        if not progressed:
            reaction.cost += 1
        return reaction

    def _question_wins_time(
        self, document: Document, so_far: Mapping[str, bool], knows_who: bool
    ) -> bool:
        """Below svaer, a clumsy opening is forgiven once the consultant asks a real question.

        The contact already said they are busy and knows who is calling and why; an open
        question about their business is what makes a busy person listen. Permission stays
        missed in the feedback; only the contact is less strict than the rubric.
        """
        return (
            self.difficulty != "svaer"
            and self.state.busy_said
            and knows_who
            and so_far.get("formaal", False)
            and not so_far.get("tilladelse", False)
            and _asks_open(document)
        )

    def _analysis(self, turn: int, document: Document, criteria: Mapping[str, bool]) -> Reaction:
        reaction = Reaction()
        if criteria.get("opsummering") or criteria.get("accept"):
            if self.state.revealed:
                latest = self._revealed_needs()[-1]
                if criteria.get("opsummering"):
                    opener = self.pick(texts.NEED_CONFIRMED, turn, "confirm")
                    self.state.warmth += 1
                else:
                    opener = self.pick(texts.NEED_CONFIRMED_PLAIN, turn, "confirm")
                reaction.lines.append(f"{opener} {latest.confirm}")
                self.state.need_accepted = True
                return reaction
            reaction.lines.append(self.pick(texts.NOTHING_TO_CONFIRM, turn, "nothing"))
            reaction.cost += 2
            return reaction
        if criteria.get("aabent_spoergsmaal"):
            return self._open_question(turn, document, criteria)
        if offers_named(document):
            reaction.lines.append(self.pick(texts.PITCH_TOO_EARLY, turn, "pitch"))
            reaction.cost += 1
            return reaction
        if _is_question(document):
            reaction.lines.append(self.pick(texts.CLOSED_ANSWERS, turn, "closed"))
        else:
            reaction.lines.append(self.pick(texts.STATEMENT_ONLY, turn, "statement"))
        reaction.cost += 1
        return reaction

    def _open_question(
        self, turn: int, document: Document, criteria: Mapping[str, bool]
    ) -> Reaction:
        """A good open question: reveal a need when it touches one, else small talk."""
        reaction = Reaction()
        unrevealed = self._unrevealed_needs()
        need = next((n for n in unrevealed if _mentions(document, n.topics)), None)
        if need is None and unrevealed:
            first = unrevealed[0]
            if self.difficulty == "let" or (self.difficulty == "mellem" and criteria.get("behov")):
                need = first
            elif criteria.get("behov") and first.id not in self.state.hinted:
                self.state.hinted.append(first.id)
                reaction.lines.append(first.hint)
                return reaction
        if need is not None:
            self.state.revealed.append(need.id)
            reaction.lines.append(need.reveal)
            return reaction
        facts = self.scenario.company.facts
        if self.state.facts_told < len(facts):
            reaction.lines.append(facts[self.state.facts_told])
            self.state.facts_told += 1
        else:
            reaction.lines.append(self.pick(texts.NOTHING_MORE, turn, "more"))
            reaction.cost += 1
        return reaction

    def _objection(
        self,
        turn: int,
        document: Document,
        criteria: Mapping[str, bool],
        evidence: Mapping[str, str],
    ) -> Reaction:
        reaction = Reaction()
        slot = self.current_objection
        if slot is None:  # nothing open (should not happen); behave like small talk
            reaction.lines.append(self.pick(texts.STATEMENT_ONLY, turn, "statement"))
            reaction.cost += 1
            return reaction
        slot.answers += 1
        merge_verdict(slot.criteria, slot.evidence, criteria, evidence)
        contradicted = _has_phrase(document, _CONTRADICTION) and not criteria.get("anerkendelse")
        if contradicted:
            slot.contradicted = True
            self.state.warmth -= 2
            reaction.cost += 2
            reaction.lines.append(self.pick(texts.HARDEN, turn, "harden"))
            reaction.lines.append(
                self.pick(texts.OBJECTION_RESTATE, turn, "restate").format(objection=slot.card.text)
            )
        elif self._resolved(slot):
            slot.status = "loest"
            self.state.current = None
            softened = slot.acknowledged or criteria.get("anerkendelse", False)
            explored = slot.explored or criteria.get("afklaring", False)
            warm = softened and explored and not slot.contradicted
            self.state.warmth += 2 if warm else 1
            options = texts.OBJECTION_RESOLVED_WARM if warm else texts.OBJECTION_RESOLVED
            reaction.lines.append(self.pick(options, turn, "resolved"))
            reaction.signals.objection_settled = True
            return reaction
        elif criteria.get("afklaring") and not slot.explored:
            self.state.warmth += 1
            reaction.lines.append(slot.detail)
        elif criteria.get("anerkendelse") and not slot.acknowledged:
            reaction.lines.append(self.pick(texts.SOFTEN_AFTER_ACK, turn, "ack"))
        elif criteria.get("argument"):
            reaction.lines.append(self.pick(texts.ANSWER_NOT_ENOUGH, turn, "weak"))
            reaction.cost += 1
        else:
            reaction.lines.append(self.pick(texts.ANSWER_MISSES, turn, "miss"))
            reaction.cost += 1
        if criteria.get("anerkendelse"):
            slot.acknowledged = True
        if criteria.get("afklaring"):
            slot.explored = True
        if slot.answers >= MAX_OBJECTION_ANSWERS:
            self._drop(slot)
            reaction.lines.append(self.pick(texts.OBJECTION_DROPPED_LINES, turn, "dropped"))
            reaction.signals.objection_settled = True
        return reaction

    def _resolved(self, slot: ObjectionSlot) -> bool:
        """An argument plus enough of acknowledging, exploring and checking, by hardness."""
        if not slot.criteria.get("argument"):
            return False
        level = max(LEVEL[self.difficulty], LEVEL.get(slot.card.difficulty, 1))
        needed = min(3, level + 1 + (1 if slot.contradicted else 0))
        others = sum(slot.criteria.get(n, False) for n in ("anerkendelse", "afklaring", "accept"))
        return others >= needed

    def _solution(
        self,
        state: str,
        turn: int,
        document: Document,
        criteria: Mapping[str, bool],
        so_far: Mapping[str, bool],
    ) -> Reaction:
        reaction = Reaction()
        named = offers_named(document)
        if criteria.get("kobling") and not self.state.linked:
            self.state.linked = True
            self.state.warmth += 1
        if criteria.get("konkret_tilbud"):
            reaction.signals.solution_proposed = True
            self.state.proposed = True
            for offer in named:
                if offer not in self.state.offers:
                    self.state.offers.append(offer)
            # An offer the rubric saw but these word lists do not know (a typo, a rare name)
            # gets the benefit of the doubt rather than a wrong "not what we need".
            self.state.proposal_fit = not named or bool(set(named) & self._wanted_offers())
            label = texts.OFFER_LABELS[named[0]] if named else ""
            if self._next_objection(in_solution=True) is not None:
                if label:
                    reaction.lines.append(self._about(texts.OFFER_INTEREST_BUT, label, turn))
                reaction.signals.objection_in_solution = True
                return reaction
            if not self.state.proposal_fit:
                options = texts.OFFER_NOT_FITTING if label else texts.OFFER_NOT_FITTING_PLAIN
                reaction.lines.append(self._about(options, label, turn))
                reaction.cost += 1
                return reaction
            if criteria.get("accept"):
                return self._decide(turn, so_far, reaction)
            options = texts.OFFER_CONSIDERING if label else texts.OFFER_CONSIDERING_PLAIN
            reaction.lines.append(self._about(options, label, turn))
            return reaction
        if criteria.get("accept") and state == "loesning_forslag" and self.state.proposal_fit:
            return self._decide(turn, so_far, reaction)
        if _asks_open(document):
            return self._open_question(turn, document, {"behov": True})
        reaction.lines.append(self.pick(texts.ASK_CONCRETE, turn, "concrete"))
        reaction.cost += 1
        return reaction

    def _about(self, options: Sequence[str], offer: str, turn: int) -> str:
        """A line about the offer the consultant named, starting with a capital letter."""
        line = self.pick(options, turn, "offer").format(offer=offer)
        return line[:1].upper() + line[1:]

    def _decide(self, turn: int, so_far: Mapping[str, bool], reaction: Reaction) -> Reaction:
        """The consultant asked for acceptance of a fitting offer: yes, or why not yet."""
        if len(self.state.revealed) < self._needs_required():
            reaction.lines.append(self.pick(texts.OFFER_NOT_ENOUGH_NEED, turn, "needs"))
            reaction.cost += 1
        elif self.difficulty == "svaer" and not so_far.get("kobling"):
            reaction.lines.append(self.pick(texts.OFFER_NEEDS_LINK, turn, "link"))
            reaction.cost += 1
        elif self.state.warmth < ACCEPT_WARMTH[self.difficulty]:
            reaction.lines.append(self.pick(texts.SOLUTION_NOT_CONVINCED, turn, "doubt"))
            reaction.cost += 1
        else:
            reaction.lines.append(self.pick(texts.SOLUTION_ACCEPTED, turn, "accepted"))
            reaction.signals.solution_accepted = True
            self.state.solution_accepted = True
        return reaction

    def _closing(
        self, state: str, turn: int, document: Document, criteria: Mapping[str, bool]
    ) -> Reaction:
        reaction = Reaction()
        thanks = criteria.get("tak", False)
        if state == "afslutning_aftale":
            if thanks:
                reaction.lines.append(self.pick(texts.THANKS_BACK, turn, "thanks"))
                reaction.signals.rounded_off = True
            elif criteria.get("opsummering"):
                reaction.lines.append(self.pick(texts.CONFIRM_SUMMARY, turn, "summary"))
            else:
                reaction.lines.append(self.pick(texts.ANYTHING_ELSE, turn, "else"))
                reaction.cost += 1
            return reaction
        step, when = criteria.get("naeste_skridt", False), criteria.get("tidspunkt", False)
        if (step or when) and not self.willing():
            return self._turn_down(turn, reaction)
        if step and when:
            self.state.agreement = "moede" if _has_phrase(document, _MEETING) else "aftale"
            options = (
                texts.AGREED_MEETING if self.state.agreement == "moede" else texts.AGREED_OTHER
            )
            reaction.lines.append(self.pick(options, turn, "agreed"))
            reaction.signals.agreed = True
            if thanks:
                reaction.lines.append(self.pick(texts.THANKS_BACK, turn, "thanks"))
                reaction.signals.rounded_off = True
            return reaction
        if step:
            reaction.lines.append(self.pick(texts.ASK_WHEN, turn, "when"))
            reaction.cost += 1 if self.state.asked_when else 0
            self.state.asked_when = True
            return reaction
        if when:
            reaction.lines.append(self.pick(texts.ASK_WHAT, turn, "what"))
            reaction.cost += 1
            return reaction
        if _has_phrase(document, _VAGUE_FOLLOW_UP) or thanks:
            line = texts.VAGUE_FOLLOW_UP if not thanks else texts.THANKS_BACK
            reaction.lines.append(self.pick(line, turn, "vague"))
            self.state.verdict = self.verdict_without_agreement()
            reaction.signals.call_over = True
            return reaction
        reaction.lines.append(self.pick(texts.ASK_PROPOSAL, turn, "proposal"))
        reaction.cost += 1
        return reaction

    def _turn_down(self, turn: int, reaction: Reaction) -> Reaction:
        verdict = self.verdict_without_agreement()
        options = texts.SEND_MAIL if verdict == "opfoelgning" else texts.REFUSE
        reaction.lines.append(self.pick(options, turn, "turn_down"))
        self.state.verdict = verdict
        reaction.signals.call_over = True
        return reaction

    def verdict_without_agreement(self) -> str:
        """How a call ends when no step was agreed: a polite maybe or a no."""
        lukewarm = self.state.warmth >= 1 and bool(self.state.offers)
        return "opfoelgning" if lukewarm else "afslag"

    # -- patience --------------------------------------------------------------------------

    def spend(self, cost: int) -> bool:
        """Use up patience; True when it has run out."""
        self.state.patience -= cost
        return self.state.patience <= 0

    def warning_line(self, turn: int, said: Sequence[str] = ()) -> str | None:
        """Once, when patience runs low: a signal the consultant can still act on.

        ``said`` is what the contact already says in this reply; a line that would repeat its
        filler is passed over when another will do.
        """
        if self.state.warned or self.state.patience > LOW_PATIENCE:
            return None
        self.state.warned = True
        return self.pick(_without_repeated_fillers(texts.LOSING_PATIENCE, said), turn, "warning")

    def hang_up_line(self, turn: int, said: Sequence[str] = ()) -> str:
        return self.pick(_without_repeated_fillers(texts.HANG_UP, said), turn, "hang_up")


def _fillers(line: str) -> set[str]:
    return {m.lower() for m in _FILLER_WORD.findall(line)}


def _without_repeated_fillers(options: Sequence[str], said: Sequence[str]) -> Sequence[str]:
    used = set().union(*(_fillers(line) for line in said))
    return [o for o in options if not _fillers(o) & used] or options


def _drop_fillers(line: str, fillers: frozenset[str]) -> str:
    return _FILLER_MID_SENTENCE.sub(
        lambda m: "" if m.group(1).lower() in fillers else m.group(0), line
    )


def join_lines(lines: Sequence[str]) -> str:
    """One reply from the contact's lines; a filler already said is dropped from later lines."""
    used: set[str] = set()
    out = []
    for line in lines:
        if _fillers(line) & used:
            line = _drop_fillers(line, frozenset(used))
        used |= _fillers(line)
        out.append(line)
    return " ".join(out)


def select_objections(
    scenario: Scenario, difficulty: str, seed: int, cards: Sequence[ObjectionCard]
) -> list[ObjectionSlot]:
    """Pick the call's objections: bank cards first, the scenario's own lines to fill up.

    Objections that usually come late are kept for the solution phase; hardness follows the
    difficulty (never harder than asked when there is a choice); the scenario's themes win ties.
    """
    before, during = OBJECTION_SLOTS[difficulty]
    rng = random.Random(f"{seed}:{scenario.id}:indvendinger")
    own = [
        ObjectionCard(
            id=f"scenarie:{scenario.id}:{o.id}",
            text=o.text,
            phase=o.phase,
            themes=(o.theme,),
            difficulty=o.difficulty,
        )
        for o in scenario.objections
    ]
    details = {f"scenarie:{scenario.id}:{o.id}": o.detail for o in scenario.objections}
    level = LEVEL[difficulty]
    themes = set(scenario.objection_themes)

    def rank(card: ObjectionCard, late: bool, tie: float) -> tuple[int, int, int, float]:
        card_level = LEVEL.get(card.difficulty, 1)
        hardness = (card_level - level) * 2 if card_level > level else level - card_level
        phase_fit = 0 if (card.phase in SOLUTION_PHASES) == late else 1
        theme_fit = 0 if themes.intersection(card.themes) else 1
        return (phase_fit, hardness, theme_fit, tie)

    chosen: list[ObjectionSlot] = []
    used: set[str] = set()
    for late, count in ((False, before), (True, during)):
        for _ in range(count):
            for pool in (list(cards), own):
                candidates = [c for c in pool if c.id not in used and c.text.strip()]
                if candidates:
                    ties = {c.id: rng.random() for c in candidates}
                    card = min(candidates, key=lambda c: rank(c, late, ties[c.id]))
                    used.add(card.id)
                    detail = details.get(card.id) or _theme_detail(card.themes)
                    chosen.append(ObjectionSlot(card=card, detail=detail, in_solution=late))
                    break
    return chosen


def _theme_detail(themes: Sequence[str]) -> str:
    for theme in themes:
        if theme in texts.THEME_DETAILS:
            return texts.THEME_DETAILS[theme]
    return texts.DETAIL_FALLBACK


__all__ = [
    "ObjectionCard",
    "ObjectionSlot",
    "Persona",
    "PersonaState",
    "Reaction",
    "join_lines",
    "offers_named",
    "select_objections",
]
