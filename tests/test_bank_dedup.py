"""Fuzzy duplicates: the same objection written another way is caught; a different one is not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from objection_bank.dedup import FILLER_WORDS, TextIndex, fold, normalize, tokens, tokens_match
from objection_bank.formats import load_seed

SEED = load_seed()


@pytest.fixture(scope="module")
def index() -> TextIndex[str]:
    return TextIndex((o.key, o.text) for o in SEED)


def test_fold_spells_out_danish_letters_and_drops_noise() -> None:
    assert fold("Økonomi på Ærø – ÅH 😅!") == "oekonomi paa aeroe aah"
    assert fold("Café") == "cafe"


def test_tokens_drop_fillers_and_stem() -> None:
    assert tokens("Altså, vi har jo bare ikke tid lige nu") == ("vi", "har", "ikke", "tid")
    assert tokens("Jeres kandidater") == tokens("jeres kandidaterne")
    assert tokens("jo bare") == ("jo", "bar")  # all filler: keep the words rather than nothing


def test_tokens_match_allows_typos_in_proportion_to_length() -> None:
    assert tokens_match("kvalificered", "kvalifisered")
    assert tokens_match("vikarbureau", "vikarbuerau")
    assert not tokens_match("tid", "rad")
    assert not tokens_match("tid", "tud")
    assert tokens_match("vikar", "vikarbureau", inside=True)
    assert not tokens_match("vikar", "vikarbureau")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        # word order
        ("Tid har jeg ikke lige nu", "seed-aab-01"),
        ("Det fungerer fint med vikarbureauet, vi bruger", "seed-ind-01"),
        # case
        ("JERES KANDIDATER ER IKKE KVALIFICEREDE", "seed-ind-02"),
        # missing æøå
        ("Vi har daarlige erfaringer med folk fra jobcentret", "seed-ind-06"),
        ("Det er for meget bureaukrati og papirarbejde paa", "seed-ind-03"),
        ("vores folk skal kunne tale dansk det er et krav", "seed-ind-07"),
        ("Plejesektoren kraever uddannede folk, vi kan ikke bruge ufaglaerte", "seed-ind-16"),
        # typos
        ("Jeres kandidaater er ikke kvalifiserede", "seed-ind-02"),
        ("Vi bruger et vikarbuerau og det funggerer fint", "seed-ind-01"),
        ("Chaufførene skal have kørrekort til lastbil og det har ingen ledige", "seed-ind-19"),
        # filler words
        ("Altså, vi har jo bare ikke råd til at ansætte nogen lige nu", "seed-ind-05"),
        ("Øh, send mig nu bare lige en mail", "seed-aab-04"),
        # everything at once, plus emoji and inflection
        ("altsaa JEG skal jo lige tale med min chef foerst 🙄", "seed-afs-02"),
        ("ledige gider altså bare ikke at arbejde", "seed-ind-08"),
    ],
)
def test_variants_find_their_objection_first(index: TextIndex[str], written: str, key: str) -> None:
    found = index.duplicates(written)
    assert found, f"no duplicate found for {written!r}"
    assert found[0].key == key


@pytest.mark.parametrize(
    "different",
    [
        "Vi flytter til nye lokaler til sommer.",
        "Vi har travlt med en ny ordre.",
        "Hvad koster det?",
        "Vores kantine er lukket om fredagen.",
        "Jeg har ikke tid til at snakke med dig om en lastbil.",
    ],
)
def test_different_objections_are_not_called_duplicates(
    index: TextIndex[str], different: str
) -> None:
    assert index.duplicates(different) == []


def test_time_is_not_money() -> None:
    small = TextIndex([(1, "Jeg har ikke tid"), (2, "Vi bruger et vikarbureau")])
    assert [m.key for m in small.duplicates("Jeg har ikke råd")] == []
    assert [m.key for m in small.duplicates("jeg har ik tid")] == [1]


def test_no_two_seed_objections_are_duplicates(index: TextIndex[str]) -> None:
    clashes = {o.key: [m.key for m in index.duplicates(o.text) if m.key != o.key] for o in SEED}
    assert {k: v for k, v in clashes.items() if v} == {}


def test_nothing_to_compare_gives_nothing() -> None:
    assert TextIndex[int]().duplicates("Vi har ikke tid") == []
    index = TextIndex([(1, "Vi har ikke tid")])
    assert index.duplicates("") == []
    assert index.duplicates("🙄 !!!") == []
    assert index.search("   ") == []


def test_add_and_stored_normal_forms_agree() -> None:
    index = TextIndex[int]()
    index.add(1, "Vi har ikke tid lige nu")
    index.add(2, "Det er for dyrt", normalized=normalize("Det er for dyrt"))
    assert len(index) == 2
    assert [m.key for m in index.duplicates("det er altså for dyrt")] == [2]
    assert normalize("nu lige tid ikke har vi") == normalize("Vi har ikke tid")


def test_search_finds_words_inside_compounds_and_misspelt(index: TextIndex[str]) -> None:
    assert [m.key for m in index.search("vikarbureau")][:1] == ["seed-ind-01"]
    assert "seed-ind-01" in [m.key for m in index.search("vikar")]
    assert [m.key for m in index.search("koerekort")][:1] == ["seed-ind-19"]
    assert [m.key for m in index.search("kørekrot lastbil")][:1] == ["seed-ind-19"]
    assert index.search("rumfart") == []
    assert len(index.search("ikke", limit=3)) <= 3


_fillers = sorted(FILLER_WORDS & {"altsaa", "jo", "bare", "lige", "nu", "egentlig", "faktisk"})


@settings(max_examples=60, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(SEED) - 1),
    filler=st.lists(st.sampled_from(_fillers), max_size=3),
    upper=st.booleans(),
    ascii_only=st.booleans(),
    shift=st.integers(min_value=0, max_value=10),
)
def test_any_seed_objection_survives_fillers_case_rotation_and_ascii(
    position: int, filler: list[str], upper: bool, ascii_only: bool, shift: int
) -> None:
    objection = SEED[position]
    words = objection.text.split()
    cut = shift % len(words)
    variant = " ".join([*filler, *words[cut:], *words[:cut]])
    variant = variant.upper() if upper else variant
    if ascii_only:
        variant = fold(variant)
    index = TextIndex((o.key, o.text) for o in SEED)
    found = index.duplicates(variant)
    assert found and found[0].key == objection.key
