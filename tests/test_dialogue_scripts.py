"""Scripted whole calls: the script format, the runner's rules, and the method regression."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dialogues.engine import PracticeCall
from dialogues.rubric import PHASES
from dialogues.scenario import load_catalog
from dialogues.script import ScriptError, parse_script, run_script

SCRIPTS = Path(__file__).parent / "scripts"
SCENARIOS = [s.id for s in load_catalog().all()]
SUCCESS = {"moede_booket", "aftale"}
FAILURE = {"afslag", "afbrudt"}


def script(name: str) -> dict[str, list[str]]:
    return parse_script((SCRIPTS / f"{name}.txt").read_text(encoding="utf-8"))


def play(name: str, scenario: str, difficulty: str, seed: int = 1) -> dict[str, Any]:
    call, _ = PracticeCall.start(load_catalog().get(scenario), difficulty=difficulty, seed=seed)
    return run_script(call, script(name)).to_json()


def said(result: dict[str, Any]) -> list[str]:
    return [t["text"] for t in result["turns"] if t["speaker"] == "konsulent"]


# --- the format ----------------------------------------------------------------------------------


def test_sections_comments_and_blank_lines() -> None:
    parsed = parse_script(
        "# a comment\n\n[aabning]\nHej, det er Sara.\n  # indented comment\n"
        "Har du tid?\n\n[Løsning]\nVi sender kandidater # not a comment here\n"
        "[åbning]\nOg en til.\n"
    )
    assert parsed["aabning"] == ["Hej, det er Sara.", "Har du tid?", "Og en til."]
    assert parsed["loesning"] == ["Vi sender kandidater # not a comment here"]
    assert set(parsed) == set(PHASES)
    assert parsed["analyse"] == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Hej uden afsnit\n[aabning]\n", 1),
        ("[aabning]\nHej\n\n[salg]\nKøb!\n", 4),
        ("# ok\n[aabning\nHej\n", 2),
        ("[aabning]\nHej\n[]\n", 3),
    ],
)
def test_garbage_is_reported_with_its_line_number(text: str, line: int) -> None:
    with pytest.raises(ScriptError) as caught:
        parse_script(text)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"Linje {line}:")


def test_every_shipped_script_parses() -> None:
    for path in SCRIPTS.glob("*.txt"):
        assert any(parse_script(path.read_text(encoding="utf-8")).values()), path.name


# --- the runner ----------------------------------------------------------------------------------


def test_runner_sends_videre_when_a_section_is_used_up() -> None:
    call, _ = PracticeCall.start(load_catalog().get("hotel_fjordgaarden"), seed=2)
    result = run_script(call, {"aabning": ["Hej, har du et øjeblik?"]}).to_json()
    assert said(result) == ["Hej, har du et øjeblik?"]
    assert result["outcome"] in FAILURE | {"opfoelgning"}
    assert call.finished


def test_lines_left_when_the_call_has_moved_on_are_not_sent() -> None:
    lines = {
        "aabning": [
            "Goddag, det er Sara fra Jobcenter Midtby. Jeg ringer, fordi I måske mangler folk. "
            "Har du et par minutter?",
            "Denne linje sendes aldrig.",
        ],
        "analyse": ["Hvordan ser jeres behov for medarbejdere ud?"],
    }
    call, _ = PracticeCall.start(load_catalog().get("byggeri_holm"), seed=2)
    result = run_script(call, lines).to_json()
    assert "Denne linje sendes aldrig." not in said(result)
    assert said(result)[1] == "Hvordan ser jeres behov for medarbejdere ud?"


def test_a_section_keeps_its_place_when_the_call_comes_back_to_it() -> None:
    """At mellem the solution is interrupted by an objection: the 2nd objection line answers it."""
    good = script("god_metode")
    result = play("god_metode", "byggeri_holm", "mellem")
    sent = said(result)
    first, second = good["indvendinger"][:2]
    assert sent.index(first) < sent.index(good["loesning"][0]) < sent.index(second)
    assert sent.index(second) < sent.index(good["loesning"][1])
    phases = [t["phase"] for t in result["turns"] if t["speaker"] == "konsulent"]
    assert phases.count("indvendinger") == 2


def test_stop_and_videre_lines_act_as_commands() -> None:
    call, _ = PracticeCall.start(load_catalog().get("it_kodekraft"), seed=2)
    result = run_script(call, {"aabning": ["/videre"], "analyse": ["/stop"]}).to_json()
    assert result["outcome"] == "afbrudt"
    assert said(result) == []


# --- the method regression -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["god_metode", "god_uden_aeoeaa"])
@pytest.mark.parametrize("difficulty", ["let", "mellem"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_following_the_method_books_a_meeting(scenario: str, difficulty: str, name: str) -> None:
    result = play(name, scenario, difficulty)
    assert result["outcome"] in SUCCESS
    assert result["bala"] == {
        "behov": True,
        "accept_behov": True,
        "loesning": True,
        "accept_loesning": True,
    }


@pytest.mark.parametrize("difficulty", ["let", "mellem", "svaer"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_skipping_the_method_ends_in_refusal_or_a_hang_up(scenario: str, difficulty: str) -> None:
    result = play("springer_metoden_over", scenario, difficulty)
    assert result["outcome"] in FAILURE
    assert not any(result["bala"].values())


@pytest.mark.parametrize("name", ["ja_nej_spoergsmaal", "modsiger_indvendinger", "uden_aftale"])
@pytest.mark.parametrize("difficulty", ["let", "mellem", "svaer"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_skipping_one_part_of_the_method_books_no_meeting(
    scenario: str, difficulty: str, name: str
) -> None:
    assert play(name, scenario, difficulty)["outcome"] not in SUCCESS


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_yes_no_questions_never_find_the_need(scenario: str) -> None:
    result = play("ja_nej_spoergsmaal", scenario, "mellem")
    assert result["bala"]["behov"] is False


@pytest.mark.parametrize("seed", range(5))
def test_the_good_script_holds_for_other_seeds(seed: int) -> None:
    for scenario in SCENARIOS:
        assert play("god_metode", scenario, "mellem", seed=seed)["outcome"] in SUCCESS
