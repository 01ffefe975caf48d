"""Turning rubric verdicts into feedback a consultant can act on.

Every missed criterion comes with a phrasing to try next time: the consultant's own, from
their call guide, when one of theirs meets that criterion; otherwise the scenario's own line for
that company when it has one; otherwise the rubric's generic suggestion.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dialogues import texts
from dialogues.assessor import assess
from dialogues.persona import ObjectionSlot
from dialogues.rubric import PHASE_LABELS, PHASES, RUBRIC, Criterion

QUOTE_LIMIT = 160
TEAM_ANSWERS_SHOWN = 2
GUIDE_HINTS_SHOWN = 2
PRACTISE_ITEMS = 3

Guide = Mapping[str, Sequence[str]]
# phase -> criterion -> a phrasing written for the company being called (``Scenario.suggestions``)
Suggestions = Mapping[str, Mapping[str, str]]
_NONE: Suggestions = {}


@dataclass(frozen=True)
class PhaseVerdict:
    """How one phase went over the whole call."""

    phase: str
    criteria: Mapping[str, bool]
    evidence: Mapping[str, str]
    score: float
    reached: bool


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Shortened at a word boundary: a phrasing cut mid-word (»fork…«) cannot be reused."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    at_space = cut.rfind(" ", 0, limit - 2)
    if at_space < limit // 2:
        return cut.rstrip() + "…"
    return cut[:at_space].rstrip(" ,;:–-") + " …"


def percent(score: float) -> int:
    return round(score * 100)


@functools.lru_cache(maxsize=2048)
def _meets(phase: str, phrasing: str, criterion: str) -> bool:
    return bool(assess(phase, phrasing).criteria.get(criterion, False))


def better_phrasing(
    phase: str, criterion: Criterion, guide: Guide, suggestions: Suggestions = _NONE
) -> tuple[str, bool]:
    """(phrasing, is_own): the consultant's own guide line when one meets the criterion."""
    for phrasing in guide.get(phase, ()):
        if _meets(phase, phrasing, criterion.name):
            return phrasing, True
    fitting = suggestions.get(phase, {}).get(criterion.name)
    return (fitting or _unquoted(criterion.better)), False


def _unquoted(better: str) -> str:
    """The rubric writes suggestions as prose with »quotes«; the phrase itself is inside."""
    if "»" in better and "«" in better:
        return better[better.index("»") + 1 : better.rindex("«")]
    return better


def _criteria_lines(
    phase: str,
    criteria: Mapping[str, bool],
    evidence: Mapping[str, str],
    guide: Guide,
    suggestions: Suggestions,
) -> list[str]:
    lines = []
    for criterion in RUBRIC[phase]:
        if criteria.get(criterion.name):
            said = evidence.get(criterion.name, "")
            lines.append(texts.FEEDBACK_MET.format(label=criterion.label, quote=quote(said)))
        else:
            lines.append(
                texts.FEEDBACK_MISSED.format(label=criterion.label, meaning=criterion.meaning)
            )
            phrasing, own = better_phrasing(phase, criterion, guide, suggestions)
            template = texts.FEEDBACK_BETTER_OWN if own else texts.FEEDBACK_BETTER
            lines.append(template.format(phrasing=phrasing))
    return lines


def phase_feedback(verdict: PhaseVerdict, guide: Guide, suggestions: Suggestions = _NONE) -> str:
    title = texts.FEEDBACK_TITLE.format(
        phase=PHASE_LABELS[verdict.phase], percent=percent(verdict.score)
    )
    body = _criteria_lines(verdict.phase, verdict.criteria, verdict.evidence, guide, suggestions)
    if not verdict.reached:
        body.insert(0, texts.FEEDBACK_SKIPPED)
    return "\n".join([title, *body])


def objection_feedback(slot: ObjectionSlot, guide: Guide, suggestions: Suggestions = _NONE) -> str:
    lines = [
        texts.OBJECTION_FEEDBACK_TITLE.format(
            objection=quote(slot.card.text, 80), percent=percent(slot.score)
        )
    ]
    lines += _criteria_lines("indvendinger", slot.criteria, slot.evidence, guide, suggestions)
    if slot.contradicted:
        lines.append(texts.OBJECTION_CONTRADICTED)
    if slot.status == "droppet":
        lines.append(texts.OBJECTION_DROPPED)
    answers = slot.card.best_answers[:TEAM_ANSWERS_SHOWN]
    if answers:
        lines.append(texts.TEAM_ANSWERS_TITLE)
        lines += [texts.TEAM_ANSWER.format(answer=quote(a, 300)) for a in answers]
    return "\n".join(lines)


def phase_hint(phase: str, guide: Guide) -> str:
    hint = texts.PHASE_HINTS[phase]
    own = [p for p in guide.get(phase, ()) if p.strip()][:GUIDE_HINTS_SHOWN]
    if own:
        phrasings = " / ".join(f"»{quote(p)}«" for p in own)
        hint += "\n" + texts.GUIDE_HINT.format(phrasings=phrasings)
    return hint


def practise_next(
    verdicts: Sequence[PhaseVerdict], guide: Guide, suggestions: Suggestions = _NONE
) -> list[str]:
    """The 2–3 missed criteria that matter most: one from each of the weakest phases first.

    Only phases the consultant reached count; when fewer than two criteria were missed there,
    the first phase they never reached comes next.
    """
    candidates: list[tuple[tuple[int, float, int], str, Criterion]] = []
    for v in [v for v in verdicts if v.reached] or list(verdicts):
        missed = [c for c in RUBRIC[v.phase] if not v.criteria.get(c.name)]
        order = PHASES.index(v.phase)
        candidates += [((rank, v.score, order), v.phase, c) for rank, c in enumerate(missed)]
    unreached = next((v for v in verdicts if not v.reached), None)
    if len(candidates) < 2 and unreached is not None:
        candidates += [((len(PHASES), 0.0, 0), unreached.phase, c) for c in RUBRIC[unreached.phase]]
    candidates.sort(key=lambda item: item[0])
    lines = []
    for number, (_, phase, criterion) in enumerate(candidates[:PRACTISE_ITEMS], start=1):
        phrasing, _own = better_phrasing(phase, criterion, guide, suggestions)
        lines.append(
            texts.DEBRIEF_PRACTISE_LINE.format(
                number=number, phase=PHASE_LABELS[phase], label=criterion.label, phrasing=phrasing
            )
        )
    return lines


def debrief_text(
    outcome: str,
    verdicts: Sequence[PhaseVerdict],
    bala: Mapping[str, bool],
    guide: Guide,
    *,
    contact: str,
    meeting_description: str,
    explanation: str = "",
    suggestions: Suggestions = _NONE,
) -> str:
    lines = [
        texts.DEBRIEF_TITLE.format(outcome=texts.OUTCOME_LABELS[outcome]),
        explanation or texts.OUTCOME_EXPLAINED[outcome],
        "",
        texts.DEBRIEF_SCORES_TITLE,
    ]
    lines += [
        texts.DEBRIEF_SCORE_LINE.format(phase=PHASE_LABELS[v.phase], percent=percent(v.score))
        for v in verdicts
    ]
    lines += ["", texts.DEBRIEF_BALA_TITLE]
    lines += [
        texts.BALA_TICK.format(mark="✅" if bala[key] else "❌", label=label)
        for key, label in texts.BALA_LABELS.items()
    ]
    lines += ["", texts.DEBRIEF_PRACTISE_TITLE]
    lines += practise_next(verdicts, guide, suggestions) or [texts.DEBRIEF_PRACTISE_NONE]
    if outcome not in ("moede_booket", "aftale"):
        lines += [
            "",
            texts.DEBRIEF_MEETING.format(contact=contact, description=meeting_description),
        ]
    lines += ["", texts.DEBRIEF_NEXT]
    return "\n".join(lines)


def rubric_text() -> str:
    """Every criterion with its meaning, for /rubrik: no rule is hidden."""
    parts = [texts.RUBRIC_TITLE]
    for phase in PHASES:
        lines = [texts.RUBRIC_PHASE.format(label=PHASE_LABELS[phase])]
        lines += [
            texts.RUBRIC_CRITERION.format(label=c.label, meaning=c.meaning) for c in RUBRIC[phase]
        ]
        parts.append("\n".join(lines))
    parts.append(texts.RUBRIC_FOOTER)
    return "\n\n".join(parts)
