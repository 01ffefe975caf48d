"""Danish as people type it, and input nobody planned for: the assessor judges or stays calm."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogues.assessor import Assessment, UnknownPhaseError, assess
from dialogues.normalize import fold, parse
from dialogues.rubric import PHASES, criteria_names

OPENING = (
    "Goddag, jeg hedder Sara fra Jobcenter Århus. Jeg ringer, fordi I søger en kok. Har du tid?"
)


def test_full_opening_meets_everything() -> None:
    result = assess("aabning", OPENING)
    assert result.criteria == dict.fromkeys(criteria_names("aabning"), True)
    assert result.score == 1.0


@pytest.mark.parametrize(
    "variant",
    [
        OPENING.lower(),
        OPENING.upper(),
        OPENING.replace("å", "aa").replace("Å", "Aa"),
        "goddag jeg hedder sara fra jobcenter arhus jeg ringer fordi i soger en kok har du tid",
        "Godag, jeg heder Sara fra Jobcentr Århus. Jeg rnger, fordi I søger en kok. Har du tdi?",
        "Goddag 👋 jeg hedder Sara fra Jobcenter Århus 🙂 Jeg ringer, fordi I søger en kok 😊 "
        "Har du tid???",
        "<b>Goddag</b>, jeg hedder Sara fra Jobcenter &Aring;rhus. Jeg ringer, fordi I søger "
        "en kok. Har du tid?",
    ],
)
def test_case_folding_typos_emoji_and_markup(variant: str) -> None:
    assert assess("aabning", variant).criteria == dict.fromkeys(criteria_names("aabning"), True)


def test_folding_treats_the_three_spellings_alike() -> None:
    assert fold("møde") == fold("moede") == fold("mode") == fold("MØØDE")
    assert fold("forstået") == fold("forstaaet") == fold("forstaet")
    assert fold("hjælpe") == fold("hjaelpe") == fold("hjalpe")


def test_several_sentences_in_one_message() -> None:
    text = (
        "Lad mig lige samle op. I mangler to chauffører. I har travlt fra november. "
        "Har jeg forstået det rigtigt? Og hvordan klarer I jer i dag?"
    )
    result = assess("analyse", text)
    assert all(result.criteria.values())


def test_long_rambling_message_is_judged_not_just_survived() -> None:
    filler = "Nå ja, og så var der lige det med vejret, som har været helt vildt i år. " * 80
    text = "Hej, det er Ole fra Jobcenter Thy. " + filler + "Har du to minutter?"
    assert len(text) > 4000
    result = assess("aabning", text)
    assert result.criteria["hilsen"] and result.criteria["tilladelse"]
    assert not result.criteria["formaal"]


def test_evidence_quotes_the_consultants_own_spelling() -> None:
    result = assess("afslutning", "tka for snakken, vi ses paa fredag til moedet")
    assert result.criteria["tak"]
    assert "tka for snakken" in result.evidence["tak"]
    assert "moedet" in result.evidence["naeste_skridt"]
    assert set(result.evidence) == {name for name, ok in result.criteria.items() if ok}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "?!?!",
        "'; DROP TABLE members; --",
        "SELECT * FROM practice_sessions WHERE 1=1",
        "<script>alert('hej')</script>",
        "\x00\x01\x02",
        "ǅ İstanbul ﬁ ß",
        "x" * 20_000,
        "hej " * 5_000,
        "...........",
        "kl. d. ang. fx.",
        "1. 2. 3. 4.",
        "Ja.",
        "okay?",
        "og så",
        "nej nej nej?",
        "Jamen altså, ja? Nå. Okay!",
        "hvad",
        "hvad?",
        "så?",
        "er?",
        "Har",
    ],
)
@pytest.mark.parametrize("phase", PHASES)
def test_odd_input_never_raises(phase: str, text: str) -> None:
    result = assess(phase, text)
    assert isinstance(result, Assessment)
    assert tuple(result.criteria) == criteria_names(phase)
    assert 0.0 <= result.score <= 1.0


@pytest.mark.parametrize("phase", PHASES)
def test_empty_and_emoji_only_meet_nothing(phase: str) -> None:
    for text in ("", "🙂🙂", "   "):
        result = assess(phase, text)
        assert not any(result.criteria.values())
        assert result.score == 0.0 and result.evidence == {}


def test_unknown_phase_raises() -> None:
    with pytest.raises(UnknownPhaseError):
        assess("debrief", "Tak for snakken")
    with pytest.raises(ValueError):
        assess("", "hej")


def test_objection_is_optional_context() -> None:
    text = "Det forstår jeg godt. Hvad skete der sidst?"
    assert (
        assess("indvendinger", text).criteria
        == assess("indvendinger", text, "Vi har dårlige erfaringer.").criteria
    )


def test_same_input_same_result() -> None:
    first = assess("loesning", "Da du nævnte sæsonen, kunne en praktik hjælpe. Skal vi det?")
    second = assess("loesning", "Da du nævnte sæsonen, kunne en praktik hjælpe. Skal vi det?")
    assert first == second


def test_parse_keeps_original_positions() -> None:
    text = "Hej!  Det er MØDET 🙂 kl. 10.30, ikke?"
    document = parse(text)
    for sentence in document.sentences:
        for start, end in sentence.spans:
            assert text[start:end].strip()
    assert [s.question for s in document.sentences] == [False, False, True]


@settings(max_examples=300, deadline=None)
@given(phase=st.sampled_from(PHASES), text=st.text(max_size=400))
def test_any_text_is_judged(phase: str, text: str) -> None:
    result = assess(phase, text)
    assert tuple(result.criteria) == criteria_names(phase)
    assert set(result.evidence) <= {name for name, ok in result.criteria.items() if ok}


def test_surnames_are_not_bent_into_ordinary_words() -> None:
    result = assess(
        "aabning", "Godeftermiddag, Hanne Kjær her, jobkonsulent. Ringer jeg belejligt?"
    )
    assert result.criteria["praesentation"] and result.criteria["tilladelse"]
    assert "Kjær" in result.evidence["praesentation"]


def test_capitalised_organisation_with_a_typo_is_still_recognised() -> None:
    assert assess("aabning", "Hej, det er Mads fra Jobcetner Silkeborg.").criteria["organisation"]


def test_spoken_spellings() -> None:
    assert assess("indvendinger", "Det er gratis. hva siger du til det").criteria["accept"]
    assert assess("aabning", "hva så, det er kasper fra jobcentret").criteria["hilsen"]


def test_an_exclamation_is_not_an_open_question() -> None:
    assert not assess("analyse", "Hvor lyder det spændende!").criteria["aabent_spoergsmaal"]
    assert assess("analyse", "Hvor mange skal I bruge?").criteria["aabent_spoergsmaal"]
