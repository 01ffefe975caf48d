"""One practice call: the consultant's messages in, the contact's and the coach's words out.

The engine ties the pieces together for one turn: judge the message against the rubric of the
phase the call is in, let the persona react, let the state machine move, and give feedback
where the mode asks for it. Everything a call is lives in ``to_dict()``; ``from_dict()`` of that
continues word for word, so a process can die between any two turns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dialogues import texts
from dialogues.assessor import assess
from dialogues.feedback import (
    PhaseVerdict,
    debrief_text,
    objection_feedback,
    phase_feedback,
    phase_hint,
)
from dialogues.machine import FINAL, STATES, CallModel, Signals, fire, phase_of
from dialogues.persona import (
    ObjectionCard,
    ObjectionSlot,
    Persona,
    PersonaState,
    join_lines,
    merge_verdict,
)
from dialogues.rubric import PHASE_LABELS, PHASES, criteria_names
from dialogues.scenario import DIFFICULTIES, Scenario, ScenarioCatalog, ScenarioError

MODES = ("coach", "exam")
OUTCOMES = ("moede_booket", "aftale", "opfoelgning", "afslag", "afbrudt", "ufuldendt")
MAX_MESSAGE_CHARS = 4000
MAX_GUIDE_LINES = 10
MAX_GUIDE_CHARS = 500
FORMAT_VERSION = 1
_ENDINGS = {"opgiv": texts.OUTCOME_HUNG_UP, "stop": texts.OUTCOME_STOPPED}

__all__ = [
    "CallResult",
    "ObjectionCard",
    "PracticeCall",
    "TurnResult",
    "Utterance",
]


@dataclass(frozen=True)
class Utterance:
    speaker: str  # "konsulent" | "virksomhed" | "coach"
    phase: str
    text: str


@dataclass(frozen=True)
class TurnResult:
    utterances: tuple[Utterance, ...]
    finished: bool
    can_advance: bool  # offer a "Videre" button


@dataclass(frozen=True)
class CallResult:
    scenario: str
    difficulty: str
    seed: int
    outcome: str
    phases: Mapping[str, PhaseVerdict]
    bala: Mapping[str, bool]
    turns: tuple[Utterance, ...]

    def to_json(self) -> dict[str, Any]:
        """The shape ``ringetraener practice --json`` prints; keep it stable."""
        return {
            "scenario": self.scenario,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "outcome": self.outcome,
            "phases": {
                phase: {"score": round(v.score, 4), "criteria": dict(v.criteria)}
                for phase, v in self.phases.items()
            },
            "bala": dict(self.bala),
            "turns": [{"speaker": u.speaker, "phase": u.phase, "text": u.text} for u in self.turns],
        }


@dataclass
class _PhaseRecord:
    criteria: dict[str, bool]
    evidence: dict[str, str] = field(default_factory=dict)
    turns: int = 0
    feedback_given: bool = False

    def merge(self, criteria: Mapping[str, bool], evidence: Mapping[str, str]) -> None:
        merge_verdict(self.criteria, self.evidence, criteria, evidence)


class PracticeCall:
    """A cold call in progress against one scenario's contact."""

    def __init__(
        self,
        scenario: Scenario,
        difficulty: str,
        seed: int,
        mode: str,
        guide: Mapping[str, tuple[str, ...]],
        persona: Persona,
        model: CallModel,
    ) -> None:
        self.scenario = scenario
        self.difficulty = difficulty
        self.seed = seed
        self.mode = mode
        self.guide = guide
        self.suggestions = scenario.suggestions
        self.persona = persona
        self.model = model
        self.step = 0
        self.outcome: str | None = None
        self.transcript: list[Utterance] = []
        self.records = {p: _PhaseRecord({n: False for n in criteria_names(p)}) for p in PHASES}

    # -- starting --------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        difficulty: str = "mellem",
        seed: int = 0,
        mode: str = "coach",
        objections: Sequence[ObjectionCard] = (),
        guide: Mapping[str, Sequence[str]] | None = None,
    ) -> tuple[PracticeCall, TurnResult]:
        if difficulty not in DIFFICULTIES:
            raise ValueError(texts.UNKNOWN_DIFFICULTY.format(value=difficulty))
        if difficulty not in scenario.difficulties:
            raise ValueError(
                texts.DIFFICULTY_NOT_OFFERED.format(scenario=scenario.id, value=difficulty)
            )
        if mode not in MODES:
            raise ValueError(texts.UNKNOWN_MODE.format(value=mode))
        persona = Persona.new(scenario, difficulty, seed, objections)
        call = cls(
            scenario, difficulty, seed, mode, _clean_guide(guide or {}), persona, CallModel()
        )
        return call, call._opening()

    def _opening(self) -> TurnResult:
        s = self.scenario
        intro = texts.CALL_INTRO.format(
            title=s.title,
            contact=s.contact_name,
            role=s.contact_role,
            company=s.company.name,
            town=s.company.town,
            employees=s.company.employees,
            difficulty=texts.DIFFICULTY_LABELS[self.difficulty],
            mode=texts.MODE_LABELS[self.mode],
        )
        note = texts.MODE_COACH_NOTE if self.coaching else texts.MODE_EXAM_NOTE
        out = [self._coach(f"{intro}\n{note}")]
        if self.coaching:
            out.append(self._coach(phase_hint(self.phase, self.guide)))
        out.append(self._contact(s.pickup))
        return self._result(out)

    # -- the public surface ----------------------------------------------------------------

    @property
    def phase(self) -> str:
        return phase_of(self.model.state)

    @property
    def state(self) -> str:
        return self.model.state

    @property
    def finished(self) -> bool:
        return self.model.state == FINAL

    @property
    def coaching(self) -> bool:
        return self.mode == "coach"

    @property
    def objection_outcomes(self) -> list[tuple[str, float, bool]]:
        """(objection id, score 0..1, passed) for every objection the contact raised."""
        return [(s.card.id, s.score, s.passed) for s in self._raised()]

    def say(self, text: str) -> TurnResult:
        """A consultant message. Unusable input gets a friendly answer and changes nothing."""
        problem = self._input_problem(text)
        if problem is not None:
            return self._unchanged(problem)
        self.step += 1
        state, phase = self.model.state, self.phase
        message = text.strip()
        self.transcript.append(Utterance("konsulent", phase, message))
        slot = self.persona.current_objection
        verdict = assess(phase, message, slot.card.text if slot else None)
        record = self.records[phase]
        record.turns += 1
        record.merge(verdict.criteria, verdict.evidence)
        reaction = self.persona.react(
            state, self.step, message, verdict.criteria, record.criteria, verdict.evidence
        )
        lines = reaction.lines
        ending = reaction.signals.call_over or reaction.signals.rounded_off
        if self.persona.spend(reaction.cost) and not ending:
            lines.append(self.persona.hang_up_line(self.step, lines))
            return self._result(self._said(lines) + self._move(state, "opgiv", Signals(), slot))
        if reaction.cost and not ending:
            warning = self.persona.warning_line(self.step, lines)
            lines += [warning] if warning else []
        return self._result(self._said(lines) + self._move(state, "svar", reaction.signals, slot))

    def advance(self) -> TurnResult:
        """/videre: move on to the next phase (an open objection is left unanswered)."""
        if self.finished:
            return self._unchanged(texts.CALL_ALREADY_OVER)
        self.step += 1
        state = self.model.state
        slot = self.persona.current_objection
        lines = self.persona.skip(state, self.step)
        return self._result(self._said(lines) + self._move(state, "videre", Signals(), slot))

    def stop(self) -> TurnResult:
        """/stop: the consultant ends the call here; the debrief follows."""
        if self.finished:
            return self._unchanged(texts.CALL_ALREADY_OVER)
        self.step += 1
        state = self.model.state
        line = self.persona.pick(texts.CONSULTANT_STOPPED, self.step, "stopped")
        out = [self._contact(line)]
        return self._result(out + self._move(state, "stop", Signals(), None))

    def status_text(self) -> str:
        s = self.scenario
        if self.finished:
            return texts.STATUS_FINISHED.format(
                contact=s.contact_name,
                company=s.company.name,
                outcome=texts.OUTCOME_LABELS[self.outcome or "ufuldendt"],
            )
        bala = self.bala
        return texts.STATUS_RUNNING.format(
            contact=s.contact_name,
            role=s.contact_role,
            company=s.company.name,
            phase=PHASE_LABELS[self.phase],
            number=PHASES.index(self.phase) + 1,
            difficulty=texts.DIFFICULTY_LABELS[self.difficulty],
            mode=texts.MODE_LABELS[self.mode],
            mood=texts.MOOD_LABELS[self.persona.mood],
            turns=sum(1 for u in self.transcript if u.speaker == "konsulent"),
            bala=" · ".join(
                texts.BALA_TICK.format(mark="✅" if bala[k] else "▫️", label=label)
                for k, label in texts.BALA_LABELS.items()
            ),
        )

    @property
    def bala(self) -> dict[str, bool]:
        state = self.persona.state
        return {
            "behov": bool(state.revealed),
            "accept_behov": state.need_accepted,
            "loesning": state.proposed,
            "accept_loesning": state.solution_accepted,
        }

    def result(self) -> CallResult:
        return CallResult(
            scenario=self.scenario.id,
            difficulty=self.difficulty,
            seed=self.seed,
            outcome=self.outcome if self.finished and self.outcome else "ufuldendt",
            phases={v.phase: v for v in self.verdicts()},
            bala=self.bala,
            turns=tuple(self.transcript),
        )

    def verdicts(self) -> list[PhaseVerdict]:
        verdicts = []
        for phase in PHASES:
            record = self.records[phase]
            if phase == "indvendinger":
                verdicts.append(self._objection_verdict())
                continue
            met = sum(record.criteria.values())
            verdicts.append(
                PhaseVerdict(
                    phase=phase,
                    criteria=dict(record.criteria),
                    evidence=dict(record.evidence),
                    score=met / len(record.criteria),
                    reached=record.turns > 0,
                )
            )
        return verdicts

    def _objection_verdict(self) -> PhaseVerdict:
        """Across objections: a criterion counts when met for every one; the score averages."""
        raised = self._raised()
        names = criteria_names("indvendinger")
        answered = [s for s in raised if s.answers]
        criteria = {
            n: bool(raised) and all(s.criteria.get(n, False) for s in raised) for n in names
        }
        evidence: dict[str, str] = {}
        for slot in raised:
            for name, said in slot.evidence.items():
                evidence.setdefault(name, said)
        score = sum(s.score for s in raised) / len(raised) if raised else 0.0
        return PhaseVerdict("indvendinger", criteria, evidence, score, reached=bool(answered))

    def _raised(self) -> list[ObjectionSlot]:
        return [s for s in self.persona.state.objections if s.status != "venter"]

    # -- moving between states -------------------------------------------------------------

    def _move(
        self, state: str, event: str, signals: Signals, slot: ObjectionSlot | None
    ) -> list[Utterance]:
        """Fire ``event``; then the coach on the phase left and the one entered, then the contact.

        That is how a call reads naturally: feedback on what is finished, the hint for what comes
        next, and only then the contact's first line of the new phase (an objection, say), so the
        consultant answers it with the hint in front of them.
        """
        self.model.signals = signals
        self._sync_model()
        if not fire(self.model, event):
            return []
        new_state = self.model.state
        old_phase, new_phase = phase_of(state), phase_of(new_state)
        coach: list[Utterance] = []
        if slot is not None and slot.status in ("loest", "droppet") and self.coaching:
            coach.append(self._coach(objection_feedback(slot, self.guide, self.suggestions)))
        if new_state == FINAL:
            self.outcome = self._final_outcome(event)
            return coach + self._debrief(old_phase, event)
        lines = self.persona.enter(new_state, state, self.step)
        contact = [Utterance("virksomhed", new_phase, join_lines(lines))] if lines else []
        if self.coaching and _later(new_phase, old_phase) and old_phase != "indvendinger":
            coach.append(self._coach(self._phase_feedback(old_phase)))
        if self.coaching and new_phase != old_phase:
            if state == "loesning_indvending":
                coach.append(self._coach(texts.BACK_TO_SOLUTION_HINT, new_phase))
            elif _later(new_phase, old_phase):
                coach.append(self._coach(phase_hint(new_phase, self.guide), new_phase))
        return coach + contact

    def _phase_feedback(self, phase: str) -> str:
        self.records[phase].feedback_given = True
        verdict = next(v for v in self.verdicts() if v.phase == phase)
        return phase_feedback(verdict, self.guide, self.suggestions)

    def _debrief(self, last_phase: str, event: str) -> list[Utterance]:
        out: list[Utterance] = []
        if self.coaching:
            if last_phase == "indvendinger":
                open_slots = [s for s in self._raised() if s.status == "aaben"]
                out += [
                    self._coach(objection_feedback(s, self.guide, self.suggestions))
                    for s in open_slots
                ]
            elif not self.records[last_phase].feedback_given:
                out.append(self._coach(self._phase_feedback(last_phase)))
        else:
            for verdict in self.verdicts():
                if verdict.phase == "indvendinger":
                    out += [
                        self._coach(objection_feedback(s, self.guide, self.suggestions))
                        for s in self._raised()
                    ]
                elif verdict.reached:
                    out.append(self._coach(phase_feedback(verdict, self.guide, self.suggestions)))
        text = debrief_text(
            self.outcome or "ufuldendt",
            self.verdicts(),
            self.bala,
            self.guide,
            contact=self.scenario.first_name,
            meeting_description=self.scenario.meeting_conditions.description,
            explanation=_ENDINGS.get(event, "") if self.outcome == "afbrudt" else "",
            suggestions=self.suggestions,
        )
        out.append(self._coach(text))
        return out

    def _final_outcome(self, event: str) -> str:
        state = self.persona.state
        if event == "opgiv":
            return "afbrudt"
        if state.agreement is not None:
            return "moede_booket" if state.agreement == "moede" else "aftale"
        if event == "stop":
            return "afbrudt"
        return state.verdict or self.persona.verdict_without_agreement()

    def _sync_model(self) -> None:
        """Copy what the guards read from the persona's memory into the machine's model."""
        state = self.persona.state
        self.model.need_found = bool(state.revealed)
        self.model.need_accepted = state.need_accepted
        self.model.objections_waiting = self.persona.objections_waiting

    # -- small helpers ---------------------------------------------------------------------

    def _input_problem(self, text: str) -> str | None:
        if self.finished:
            return texts.CALL_ALREADY_OVER
        contact = self.scenario.first_name
        stripped = text.strip() if isinstance(text, str) else ""
        if not stripped:
            return texts.INPUT_EMPTY.format(contact=contact)
        if len(stripped) > MAX_MESSAGE_CHARS:
            return texts.INPUT_TOO_LONG.format(length=len(stripped), limit=MAX_MESSAGE_CHARS)
        if not any(ch.isalnum() for ch in stripped):
            return texts.INPUT_NO_WORDS.format(contact=contact)
        if stripped.startswith("/"):
            return texts.INPUT_COMMAND.format(command=stripped.split()[0][:40])
        return None

    def _can_advance(self) -> bool:
        return not self.finished and self.records[self.phase].turns > 0

    def _coach(self, text: str, phase: str | None = None) -> Utterance:
        return Utterance("coach", phase or self.phase, text)

    def _contact(self, text: str) -> Utterance:
        return Utterance("virksomhed", self.phase, text)

    def _said(self, lines: Sequence[str]) -> list[Utterance]:
        """The contact's lines of one reply as one utterance (none when they said nothing)."""
        return [self._contact(join_lines(lines))] if lines else []

    def _unchanged(self, message: str) -> TurnResult:
        """A coach answer that leaves the call exactly as it was (not even in the transcript)."""
        return TurnResult((self._coach(message),), self.finished, self._can_advance())

    def _result(self, utterances: list[Utterance]) -> TurnResult:
        self.transcript.extend(u for u in utterances if u.speaker != "konsulent")
        return TurnResult(tuple(utterances), self.finished, self._can_advance())

    # -- storage ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "scenario": self.scenario.id,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "mode": self.mode,
            "guide": {phase: list(lines) for phase, lines in self.guide.items()},
            "state": self.model.state,
            "step": self.step,
            "outcome": self.outcome,
            "persona": self.persona.state.to_dict(),
            "phases": {
                phase: {
                    "criteria": dict(r.criteria),
                    "evidence": dict(r.evidence),
                    "turns": r.turns,
                    "feedback_given": r.feedback_given,
                }
                for phase, r in self.records.items()
            },
            "transcript": [[u.speaker, u.phase, u.text] for u in self.transcript],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], catalog: ScenarioCatalog) -> PracticeCall:
        try:
            if data.get("version") != FORMAT_VERSION:
                raise ValueError(data.get("version"))
            scenario = catalog.get(str(data["scenario"]))
            difficulty, mode, state = str(data["difficulty"]), str(data["mode"]), str(data["state"])
            if difficulty not in DIFFICULTIES or mode not in MODES or state not in STATES:
                raise ValueError((difficulty, mode, state))
            seed = int(data["seed"])
            persona = Persona(scenario, difficulty, seed, PersonaState.from_dict(data["persona"]))
            guide = _clean_guide(data["guide"])
            call = cls(scenario, difficulty, seed, mode, guide, persona, CallModel(state=state))
            call.step = int(data["step"])
            outcome = data["outcome"]
            call.outcome = None if outcome is None else str(outcome)
            for phase in PHASES:
                saved = data["phases"][phase]
                record = call.records[phase]
                record.criteria.update({k: bool(v) for k, v in saved["criteria"].items()})
                record.evidence.update({k: str(v) for k, v in saved["evidence"].items()})
                record.turns = int(saved["turns"])
                record.feedback_given = bool(saved["feedback_given"])
            call.transcript = [Utterance(str(a), str(b), str(c)) for a, b, c in data["transcript"]]
        except ScenarioError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise ValueError(texts.CALL_DATA_INVALID.format(problem=repr(error))) from None
        return call


def _clean_guide(guide: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Only known phases, only real lines, bounded: the guide is user data."""
    cleaned: dict[str, tuple[str, ...]] = {}
    for phase in PHASES:
        lines = [" ".join(str(x).split())[:MAX_GUIDE_CHARS] for x in guide.get(phase, ())]
        kept = tuple(line for line in lines if line)[:MAX_GUIDE_LINES]
        if kept:
            cleaned[phase] = kept
    return cleaned


def _later(phase: str, than: str) -> bool:
    order = (*PHASES, FINAL)
    return order.index(phase) > order.index(than)
