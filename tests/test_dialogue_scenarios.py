"""The shipped scenarios, and clear errors for a scenario file with a mistake in it."""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any

import pytest
import yaml

from dialogues.assessor import assess
from dialogues.rubric import RUBRIC
from dialogues.scenario import (
    INDUSTRIES,
    OFFERS,
    SIZES,
    THEMES,
    Scenario,
    ScenarioCatalog,
    ScenarioError,
    load_catalog,
    mentions,
    parse_scenario,
    parse_scenario_text,
    topic_pattern,
)
from objection_bank.tags import TAGS, TagKind


def shipped(name: str = "byggeri_holm.yaml") -> dict[str, Any]:
    text = resources.files("dialogues").joinpath("scenarios", name).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_at_least_six_scenarios_across_industries_and_sizes() -> None:
    scenarios = load_catalog().all()
    assert len(scenarios) >= 6
    assert len({s.industry for s in scenarios}) >= 6
    assert len({s.size for s in scenarios}) >= 2
    for s in scenarios:
        assert s.contact_name and s.contact_role and s.company.name
        assert len(s.company.facts) >= 2 and s.hidden_needs and len(s.objections) >= 3
        assert set(s.meeting_conditions.offers) <= set(OFFERS)
        assert s.difficulties == ("let", "mellem", "svaer")


def test_every_hint_points_at_its_need() -> None:
    """At svaer a general question only earns a hint; following the hint must reveal the need."""
    for s in load_catalog().all():
        for need in s.hidden_needs:
            assert mentions(need.hint, need.topics), (s.id, need.id)


COMPANY_PHRASINGS = {
    "analyse": ("aabent_spoergsmaal", "behov", "opsummering"),
    "loesning": ("konkret_tilbud", "kobling"),
}


@pytest.mark.parametrize("scenario", [s.id for s in load_catalog().all()])
def test_every_scenario_has_company_phrasings_that_meet_their_criterion(scenario: str) -> None:
    """The »Prøv fx« lines must fit the company and pass the very rubric they illustrate."""
    s = load_catalog().get(scenario)
    suggestions = s.suggestions
    for phase, names in COMPANY_PHRASINGS.items():
        for name in names:
            phrasing = suggestions[phase][name]
            assert assess(phase, phrasing).criteria[name], (scenario, phase, name, phrasing)
    generic = {c.better for phase in COMPANY_PHRASINGS for c in RUBRIC[phase]}
    assert not any(p in g for g in generic for p in suggestions["analyse"].values())


def test_company_phrasings_are_optional() -> None:
    data = shipped()
    data.pop("better_phrasings")
    scenario = parse_scenario(data, "uden.yaml")
    assert scenario.better_phrasings == () and scenario.suggestions == {}


def test_catalog_is_cached_and_looks_up_by_id() -> None:
    assert load_catalog() is load_catalog()
    scenario = load_catalog().get("it_kodekraft")
    assert isinstance(scenario, Scenario) and scenario.contact_name == "Anders Bech"


def test_unknown_id_is_a_scenario_error_listing_known_ids() -> None:
    with pytest.raises(ScenarioError, match="findes ikke") as caught:
        load_catalog().get("tandlaege")
    assert "byggeri_holm" in str(caught.value)


def test_duplicate_ids_are_refused() -> None:
    scenario = load_catalog().get("byggeri_holm")
    with pytest.raises(ScenarioError, match="samme id"):
        ScenarioCatalog([scenario, scenario])


def test_a_valid_file_parses() -> None:
    scenario = parse_scenario(shipped(), "byggeri_holm.yaml")
    assert scenario == load_catalog().get("byggeri_holm")


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(shipped())
    change(data)
    return data


CASES = [
    (lambda d: d.pop("contact_name"), "contact_name", "mangler"),
    (lambda d: d.update(patience="høj"), "patience", "heltal"),
    (lambda d: d.update(patience=500), "patience", "mellem 3 og 30"),
    (lambda d: d.update(industry="rumfart"), "industry", "ikke tilladt"),
    (lambda d: d.update(size=""), "size", "tekst"),
    (lambda d: d.update(difficulties=["let", "umulig"]), "difficulties[1]", "ikke tilladt"),
    (lambda d: d.update(objections=d["objections"][:2]), "objections", "mindst 3"),
    (lambda d: d["objections"][1].update(phase="kaffe"), "objections[1].phase", "ikke tilladt"),
    (lambda d: d["objections"][2].update(id="ingen_tid"), "objections[2].id", "findes allerede"),
    (
        lambda d: d["hidden_needs"][0].update(offers=["gaver"]),
        "hidden_needs[0].offers[0]",
        "ikke tilladt",
    ),
    (lambda d: d["hidden_needs"][1].update(hint="Nej."), "hidden_needs[1].hint", "emneord"),
    (lambda d: d["hidden_needs"][0].pop("reveal"), "hidden_needs[0].reveal", "mangler"),
    (lambda d: d["company"].update(employees=0), "company.employees", "mellem"),
    (lambda d: d["company"].update(facts="én ting"), "company.facts", "liste"),
    (lambda d: d["meeting_conditions"].update(needs=9), "meeting_conditions.needs", "mellem"),
    (lambda d: d.update(tålmodighed=3), "tålmodighed", "kendt felt"),
    (lambda d: d.update(id="byg holm!"), "id", "a-z"),
    (lambda d: d.update(hidden_needs={"a": 1}), "hidden_needs", "liste"),
    (
        lambda d: d["better_phrasings"].update(kaffe={"behov": "Hvor mange?"}),
        "better_phrasings.kaffe",
        "ikke tilladt",
    ),
    (
        lambda d: d["better_phrasings"]["analyse"].update(kobling="Da du nævnte …"),
        "better_phrasings.analyse.kobling",
        "ikke tilladt",
    ),
    (
        lambda d: d["better_phrasings"]["loesning"].update(kobling="  "),
        "better_phrasings.loesning.kobling",
        "tekst",
    ),
    (lambda d: d.update(better_phrasings=["Hvor mange?"]), "better_phrasings", "samling af felter"),
]


@pytest.mark.parametrize(("change", "field", "problem"), CASES)
def test_mistakes_name_the_file_and_the_field(change: Any, field: str, problem: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(broken(change), "min_virksomhed.yaml")
    message = str(caught.value)
    assert message.startswith(f"min_virksomhed.yaml: feltet '{field}'"), message
    assert problem in message


def test_broken_yaml_and_wrong_top_level_are_clear() -> None:
    with pytest.raises(ScenarioError, match=r"^x\.yaml: filen er ikke gyldig YAML"):
        parse_scenario_text("id: [unclosed", "x.yaml")
    with pytest.raises(ScenarioError, match=r"^x\.yaml: feltet '\(roden\)'"):
        parse_scenario_text("- bare en liste", "x.yaml")


def test_scenario_error_is_a_value_error() -> None:
    assert issubclass(ScenarioError, ValueError)


def test_scenario_vocabulary_is_the_objection_banks() -> None:
    """The core matches bank objections to a scenario by these ids, so they must agree."""

    def kind(k: TagKind) -> set[str]:
        return {tag.id for tag in TAGS.values() if tag.kind == k}

    assert set(INDUSTRIES) == kind(TagKind.BRANCHE)
    assert set(SIZES) == kind(TagKind.STOERRELSE)
    assert set(THEMES) == kind(TagKind.TEMA)


def test_topics_match_word_beginnings_and_short_topics_only_themselves() -> None:
    assert mentions("Hvad sker der i foråret?", ["forar"])
    assert mentions("Hvordan går året?", ["ar"])
    assert not mentions("Hvordan er arbejdet?", ["ar"])
    assert not mentions("Vi har en virksomhedspraktik.", ["praktik"])
    assert topic_pattern(("praktik",), inside_words=True).search(" virksomhedspraktik ")
    assert not topic_pattern(("elev",), inside_words=True).search(" television ")
