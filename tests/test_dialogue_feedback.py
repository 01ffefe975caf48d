"""Feedback a consultant can act on: quotes, better phrasings (their own first), the rubric."""

from __future__ import annotations

from dialogues import texts
from dialogues.feedback import (
    PhaseVerdict,
    better_phrasing,
    debrief_text,
    phase_feedback,
    phase_hint,
    practise_next,
    quote,
    rubric_text,
)
from dialogues.rubric import PHASE_LABELS, PHASES, RUBRIC, Criterion


def criterion(phase: str, name: str) -> Criterion:
    return next(c for c in RUBRIC[phase] if c.name == name)


def verdict(phase: str, met: set[str], reached: bool = True) -> PhaseVerdict:
    criteria = {c.name: c.name in met for c in RUBRIC[phase]}
    evidence = {name: f"sagt: {name}" for name in met}
    return PhaseVerdict(phase, criteria, evidence, len(met) / len(criteria), reached)


def test_rubric_text_shows_every_phase_and_criterion_with_its_meaning() -> None:
    text = rubric_text()
    for phase in PHASES:
        assert PHASE_LABELS[phase] in text
        for c in RUBRIC[phase]:
            assert f"{c.label}: {c.meaning}" in text
    assert "BALA" in text


def test_better_phrasing_prefers_an_own_guide_line_that_meets_the_criterion() -> None:
    permission = criterion("aabning", "tilladelse")
    guide = {"aabning": ["Goddag, det er Bo.", "Har du to minutter lige nu?"]}
    assert better_phrasing("aabning", permission, guide) == ("Har du to minutter lige nu?", True)


def test_a_scenarios_own_phrasing_replaces_the_rubrics_but_not_the_consultants() -> None:
    summary = criterion("analyse", "opsummering")
    company = {"analyse": {"opsummering": "Så I mangler stabile folk til weekenden?"}}
    assert better_phrasing("analyse", summary, {}, company) == (
        company["analyse"]["opsummering"],
        False,
    )
    own = {"analyse": ["Hvis jeg forstår dig rigtigt, mangler I folk til julehandlen."]}
    assert better_phrasing("analyse", summary, own, company) == (own["analyse"][0], True)
    other = criterion("analyse", "accept")
    assert better_phrasing("analyse", other, {}, company)[0] in other.better


def test_better_phrasing_falls_back_to_the_rubric_when_no_own_line_fits() -> None:
    permission = criterion("aabning", "tilladelse")
    phrasing, own = better_phrasing("aabning", permission, {"aabning": ["Goddag, det er Bo."]})
    assert not own and phrasing in permission.better
    assert "»" not in phrasing


def test_phase_feedback_quotes_what_was_met_and_suggests_for_what_was_missed() -> None:
    text = phase_feedback(verdict("afslutning", {"tak", "tidspunkt"}), {})
    assert "Feedback · Afslutning (50 %)" in text
    assert "✅ Tak: »sagt: tak«" in text
    missed = criterion("afslutning", "naeste_skridt")
    assert f"❌ {missed.label}" in text
    assert "Prøv fx:" in text


def test_a_skipped_phase_still_lists_what_could_have_been_said() -> None:
    text = phase_feedback(verdict("analyse", set(), reached=False), {})
    assert texts.FEEDBACK_SKIPPED in text
    assert text.count("❌") == len(RUBRIC["analyse"])


def test_phase_hint_offers_own_phrasings() -> None:
    hint = phase_hint("loesning", {"loesning": ["Vi kan starte med en praktik.", "  "]})
    assert texts.PHASE_HINTS["loesning"] in hint and "»Vi kan starte med en praktik.«" in hint


def test_practise_next_takes_one_from_each_weak_phase_before_a_second() -> None:
    verdicts = [
        verdict("aabning", {"hilsen", "praesentation", "organisation", "formaal", "tilladelse"}),
        verdict("analyse", {"aabent_spoergsmaal"}),
        verdict("indvendinger", {"anerkendelse", "afklaring", "argument"}),
        verdict("loesning", set(), reached=False),
        verdict("afslutning", set(), reached=False),
    ]
    lines = practise_next(verdicts, {})
    labels = [
        (PHASE_LABELS[p], criterion(p, n).label)
        for p, n in (
            ("analyse", "behov"),
            ("indvendinger", "accept"),
            ("analyse", "opsummering"),
        )
    ]
    assert len(lines) == 3
    for line, (phase, label) in zip(lines, labels, strict=True):
        assert f"{phase} – {label}:" in line


def test_practise_next_turns_to_the_first_unreached_phase_when_little_was_missed() -> None:
    verdicts = [
        verdict("aabning", {"hilsen", "praesentation", "organisation", "formaal"}),
        verdict("analyse", set(), reached=False),
        verdict("indvendinger", set(), reached=False),
        verdict("loesning", set(), reached=False),
        verdict("afslutning", set(), reached=False),
    ]
    lines = practise_next(verdicts, {})
    assert "Åbning – Tilladelse" in lines[0]
    assert all(PHASE_LABELS["analyse"] in line for line in lines[1:]) and len(lines) == 3


def test_practise_next_is_empty_when_everything_was_met() -> None:
    verdicts = [verdict(p, {c.name for c in RUBRIC[p]}) for p in PHASES]
    assert practise_next(verdicts, {}) == []
    text = debrief_text(
        "moede_booket",
        verdicts,
        dict.fromkeys(texts.BALA_LABELS, True),
        {},
        contact="Jens",
        meeting_description="Jens vil se kandidaterne.",
    )
    assert texts.DEBRIEF_PRACTISE_NONE in text and "Jens vil se" not in text


def test_debrief_after_a_refusal_says_what_would_have_won_the_contact() -> None:
    verdicts = [verdict(p, set()) for p in PHASES]
    text = debrief_text(
        "afslag",
        verdicts,
        dict.fromkeys(texts.BALA_LABELS, False),
        {},
        contact="Jens",
        meeting_description="Jens vil se kandidaterne.",
    )
    assert texts.OUTCOME_LABELS["afslag"] in text and "Jens vil se kandidaterne." in text
    assert text.count("❌") == len(texts.BALA_LABELS)


def test_a_long_team_answer_is_shortened_between_words_not_inside_one() -> None:
    """Found by a reviewer: a team answer in the feedback ended »… ét minut på at fork…«."""
    answer = (
        "Det har du ret i, og det er en fair reaktion. Er det et dårligt tidspunkt, eller vil du "
        "helst slet ikke kontaktes? Jeg ringer kun, fordi vi hjælper virksomheder i jeres branche "
        "gratis med at finde folk, og jeg vil gerne høre, om det kan bruges hos jer. Er det okay, "
        "at jeg bruger ét minut på at forklare, hvad det går ud på?"
    )
    shortened = quote(answer, 300)
    assert len(shortened) <= 300
    assert shortened.endswith(" …")
    kept = shortened.removesuffix(" …")
    assert answer.startswith(kept)
    assert answer[len(kept)] == " ", shortened
    assert quote("kort svar", 300) == "kort svar"
    assert quote("x" * 400, 300) == "x" * 299 + "…"
