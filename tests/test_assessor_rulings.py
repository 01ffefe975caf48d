"""The eval README's rulings, one by one, plus the everyday cases each criterion must get right."""

from __future__ import annotations

import pytest

from dialogues.assessor import assess


def met(phase: str, text: str, criterion: str) -> bool:
    return assess(phase, text).criteria[criterion]


# --- opsummering: hearsay and one's own reading are not a summary ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jeg hører fra andre virksomheder, at det er svært at finde folk.",
        "Jeg har læst i avisen, at I mangler folk.",
        "Min kollega sagde, at I skal udvide.",
        "Jeg kan se på jeres hjemmeside, at I søger en kok.",
    ],
)
def test_hearsay_is_not_a_summary(text: str) -> None:
    assert not met("analyse", text, "opsummering")


@pytest.mark.parametrize(
    "text",
    [
        "Så hvis jeg forstår dig rigtigt, mangler I to lagerfolk.",
        "Du sagde, at I har svært ved at holde på de unge.",
        "Lad mig lige opsummere: I har travlt i sæsonen.",
        "Jeg hører, at det er weekendvagterne, der er svære at dække.",
        "saa i mangler altsaa en kok til sommer",
    ],
)
def test_restating_the_contact_is_a_summary(text: str) -> None:
    assert met("analyse", text, "opsummering")


def test_announcing_ones_own_next_action_is_no_closing_summary() -> None:
    assert not met("afslutning", "Jeg sender dig tre CV'er i morgen.", "opsummering")
    assert met("afslutning", "Så vi aftaler, at jeg sender dig tre CV'er i morgen.", "opsummering")


# --- accept: any request to confirm, but not an invitation to ask questions --------------------


def test_accept_without_summary_counts() -> None:
    assert met("analyse", "Har jeg forstået det korrekt?", "accept")
    assert met("analyse", "stemmer det", "accept")


@pytest.mark.parametrize("phase", ["analyse", "indvendinger", "loesning"])
def test_inviting_questions_is_not_accept(phase: str) -> None:
    assert not met(phase, "Har du nogle spørgsmål?", "accept")


# --- afklaring: open or yes/no, as long as it explores the objection ---------------------------


def test_yes_no_question_can_explore_an_objection() -> None:
    result = assess("indvendinger", "Gælder stoppet også for elever?", "Vi har ansættelsesstop.")
    assert result.criteria["afklaring"]
    assert not result.criteria["argument"]


def test_acceptance_check_is_not_exploration() -> None:
    result = assess("indvendinger", "Det er gratis for jer. Giver det mening?")
    assert result.criteria["accept"] and result.criteria["argument"]
    assert not result.criteria["afklaring"]


def test_asking_for_the_mail_address_does_not_explore() -> None:
    assert not met("indvendinger", "Hvad er din mailadresse?", "afklaring")


# --- behov: the company's need, not the jobcentre's targets ------------------------------------


def test_jobcentre_targets_are_not_the_companys_need() -> None:
    text = "Vi skal op på flere virksomhedsaftaler i år. Kan I hjælpe os med at nå vores mål?"
    assert not met("analyse", text, "behov")
    assert met("analyse", "Hvor mange medarbejdere mangler I til sæsonen?", "behov")


def test_kobling_to_the_jobcentres_own_goal_does_not_count() -> None:
    text = "Løntilskud er vigtigt for os, så vi når vores mål for året."
    result = assess("loesning", text)
    assert result.criteria["konkret_tilbud"]
    assert not result.criteria["kobling"]


# --- praesentation and organisation -------------------------------------------------------------


def test_a_colleagues_name_is_not_a_presentation() -> None:
    text = "Goddag, jeg ringer fra Jobcenter Kolding på vegne af min kollega Lars Mikkelsen."
    result = assess("aabning", text)
    assert not result.criteria["praesentation"]
    assert result.criteria["organisation"]


def test_asking_for_the_contact_is_not_presenting_oneself() -> None:
    assert not met("aabning", "Er det Brian?", "praesentation")
    assert not met("aabning", "Hej Mette, hvordan går det?", "praesentation")


def test_a_job_title_is_not_an_organisation() -> None:
    result = assess("aabning", "Hej, jeg hedder Kasper og er virksomhedskonsulent.")
    assert result.criteria["praesentation"]
    assert not result.criteria["organisation"]


@pytest.mark.parametrize(
    "text",
    [
        "Jeg hedder Sara.",
        "Mit navn er Hanne Kjær.",
        "Det er Martin fra jobcentret.",
        "Peter her.",
        "Lone Bech hedder jeg.",
        "det er sanne fra jobcenter vejen",
    ],
)
def test_own_name_is_a_presentation(text: str) -> None:
    assert met("aabning", text, "praesentation")


# --- naeste_skridt must be concrete --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jeg vender tilbage.",
        "Jeg giver lyd.",
        "Jeg følger op en af dagene.",
        "Vi snakkes ved.",
        "Jeg kigger gerne forbi, hvis det bliver relevant.",
    ],
)
def test_vague_steps_are_not_concrete(text: str) -> None:
    assert not met("afslutning", text, "naeste_skridt")


def test_a_date_does_not_make_a_vague_step_concrete() -> None:
    result = assess("afslutning", "Jeg vender tilbage på mandag.")
    assert result.criteria["tidspunkt"]
    assert not result.criteria["naeste_skridt"]


def test_a_conditional_visit_with_a_date_is_still_not_concrete() -> None:
    result = assess("afslutning", "Jeg kommer gerne forbi på mandag, hvis I får brug for det.")
    assert result.criteria["tidspunkt"]
    assert not result.criteria["naeste_skridt"]


@pytest.mark.parametrize(
    "text",
    [
        "Jeg sender dig tre CV'er i morgen.",
        "Kan vi mødes torsdag klokken 13?",
        "Jeg opretter jobordren i dag.",
        "Jeg ringer dig op på fredag.",
    ],
)
def test_concrete_steps(text: str) -> None:
    assert met("afslutning", text, "naeste_skridt")


# --- tak ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Nej tak, vi klarer os.", "Takket være jer kom vi i gang.", "Vi måtte takke nej til opgaver."],
)
def test_refusals_and_takket_vaere_are_not_thanks(text: str) -> None:
    assert not met("afslutning", text, "tak")


@pytest.mark.parametrize(
    "text", ["Tak for snakken!", "tka for snakken", "Tusind tak 🙏", "Jeg takker for samtalen."]
)
def test_thanks_count_also_when_misspelled(text: str) -> None:
    assert met("afslutning", text, "tak")


# --- open questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hvordan rekrutterer I i dag?",
        "hvad er jeres største udfordring",
        "Fortæl mig om jeres sæson.",
        "Kan du beskrive en typisk dag?",
        "Må jeg spørge, hvor mange I skal bruge?",
    ],
)
def test_open_questions(text: str) -> None:
    assert met("analyse", text, "aabent_spoergsmaal")


@pytest.mark.parametrize(
    "text", ["Har I brug for folk?", "Bruger I LinkedIn?", "Er der perioder, hvor I mangler folk?"]
)
def test_yes_no_questions_are_not_open(text: str) -> None:
    assert not met("analyse", text, "aabent_spoergsmaal")


def test_a_condition_in_front_also_makes_a_visit_vague() -> None:
    text = "Hvis det bliver aktuelt, kan jeg sagtens komme ud og besøge jer i næste uge."
    result = assess("afslutning", text)
    assert result.criteria["tidspunkt"]
    assert not result.criteria["naeste_skridt"]


def test_a_fallback_call_with_a_day_is_concrete() -> None:
    text = "Så du vender tilbage, og jeg ringer fredag, hvis jeg ikke har hørt fra dig."
    result = assess("afslutning", text)
    assert result.criteria["naeste_skridt"] and result.criteria["opsummering"]


def test_staff_numbers_alone_are_no_need() -> None:
    assert not met("analyse", "Så I har 12 ansatte og kører på to skift.", "behov")
    assert met("analyse", "Hvor mange regner I med at ansætte i år?", "behov")
