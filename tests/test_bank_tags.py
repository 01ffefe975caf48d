"""The tag vocabulary: people type tags as they speak; the bank stores one ASCII id."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from objection_bank.tags import (
    TAGS,
    Difficulty,
    Phase,
    Status,
    TagKind,
    looks_like_tag_list,
    parse_difficulty,
    parse_phase,
    parse_status,
    parse_tags,
    resolve_tag,
    sort_tags,
    suggest_tag,
    tag_id,
    tag_label,
    tags_by_kind,
)

SCENARIOS = Path(__file__).resolve().parents[1] / "dialogues" / "scenarios"


def test_vocabulary_has_every_kind_and_danish_labels() -> None:
    for kind in TagKind:
        assert tags_by_kind(kind), kind
    assert {"tid", "oekonomi", "erfaring", "bureaukrati", "kandidaternes_kvalitet"} <= set(TAGS)
    assert "vikarbureau" in TAGS
    assert TAGS["oekonomi"].label == "Økonomi"
    assert all(tag.id == tag_id(tag.id) for tag in TAGS.values())
    assert [p.label for p in Phase] == [
        "Åbning",
        "Analyse",
        "Svar på indvendinger",
        "Forslag til løsninger",
        "Afslutning",
    ]
    assert Difficulty.SVAER.label == "Svær"
    assert Status.SKJULT.label == "Skjult"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("økonomi", "oekonomi"),
        ("OEKONOMI", "oekonomi"),
        (" Økonomi ", "oekonomi"),
        ("Kandidaternes kvalitet", "kandidaternes_kvalitet"),
        ("kandidaternes-kvalitet", "kandidaternes_kvalitet"),
        ("Bygge og anlæg", "bygge_anlaeg"),
        ("byggeri", "bygge_anlaeg"),
        ("Hotel", "hotel_restaurant"),
        ("Ældrepleje", "aeldrepleje"),
        ("SMV", "lille"),
        ("50–249 ansatte", "mellemstor"),
    ],
)
def test_resolve_tag_understands_how_people_write(typed: str, expected: str) -> None:
    assert resolve_tag(typed) == expected


def test_resolve_tag_rejects_the_unknown() -> None:
    assert resolve_tag("rumfart") is None
    assert resolve_tag("") is None


def test_parse_tags_splits_dedups_and_reports_unknown() -> None:
    check = parse_tags("tid, Tid; økonomi\nbyggeri, rumfart,, ")
    assert check.tags == ("oekonomi", "tid", "bygge_anlaeg")
    assert check.unknown == ("rumfart",)
    assert parse_tags(["stor", "vikar"]).tags == ("vikarbureau", "stor")


def test_suggest_tag_offers_the_nearest_known_tag() -> None:
    assert suggest_tag("oekonomy") == "oekonomi"
    assert suggest_tag("bureaukrati!") == "bureaukrati"
    assert suggest_tag("xyzzy") is None
    assert suggest_tag("") is None


def test_sort_tags_is_canonical_themes_then_industries_then_sizes() -> None:
    assert sort_tags(["stor", "it", "tid", "bureaukrati", "tid"]) == (
        "bureaukrati",
        "tid",
        "it",
        "stor",
    )


def test_tag_label_falls_back_to_the_id() -> None:
    assert tag_label("tid") == "Tid"
    assert tag_label("ukendt") == "ukendt"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("aabning", Phase.AABNING),
        ("Åbning", Phase.AABNING),
        ("åbning", Phase.AABNING),
        ("løsning", Phase.LOESNING),
        ("Forslag til løsninger", Phase.LOESNING),
        ("Svar på indvendinger", Phase.INDVENDINGER),
        ("indvending", Phase.INDVENDINGER),
        ("AFSLUTNING", Phase.AFSLUTNING),
        ("debrief", None),
    ],
)
def test_parse_phase(typed: str, expected: Phase | None) -> None:
    assert parse_phase(typed) is expected


def test_parse_difficulty_and_status() -> None:
    assert parse_difficulty("Svær") is Difficulty.SVAER
    assert parse_difficulty("svaer") is Difficulty.SVAER
    assert parse_difficulty("LET") is Difficulty.LET
    assert parse_difficulty("umulig") is None
    assert parse_status("Skjult") is Status.SKJULT
    assert parse_status("slettet") is None


@pytest.mark.skipif(not SCENARIOS.is_dir(), reason="dialogues/scenarios not present yet")
def test_every_scenario_speaks_the_banks_tag_vocabulary() -> None:
    """The role-play selects bank objections by the scenario's tags, so they must resolve."""
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        named = [data["industry"], data["size"], *data.get("objection_themes", [])]
        unknown = [tag for tag in named if resolve_tag(tag) is None]
        assert unknown == [], path.name


@pytest.mark.parametrize(
    ("typed", "is_tag_list"),
    [
        ("tid, økonomi", True),
        ("bygeri, sprog", True),  # a typo: named back with a hint, not waved off
        ("rumfartsindustri", True),
        ("Intet behov lige nu", True),  # a known label of four words
        ("hvad skal jeg skrive her?", False),
        ("Det forstår jeg godt, men vi kan hjælpe jer med det hele", False),
        ("vi har ikke tid", False),
        ("x" * 61, False),
    ],
)
def test_a_sentence_is_told_apart_from_a_tag_list(typed: str, is_tag_list: bool) -> None:
    assert looks_like_tag_list(typed) is is_tag_list
