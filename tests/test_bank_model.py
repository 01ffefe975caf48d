"""Objection and answer values and the input limits every entry point shares."""

from __future__ import annotations

import pytest

from objection_bank.model import (
    MAX_ANSWER_CHARS,
    MAX_OBJECTION_CHARS,
    Answer,
    Objection,
    ValidationError,
    clean_answer_text,
    clean_key,
    clean_objection_text,
    clean_tags,
    derive_key,
    make_objection,
)
from objection_bank.tags import MAX_TAGS, TAGS, Difficulty, Phase, Status


def test_objection_text_is_one_clean_line() -> None:
    assert clean_objection_text("  Vi har\tikke\n tid  ") == "Vi har ikke tid"
    assert clean_objection_text("Vi har ikke tid\x00 nu") == "Vi har ikke tid nu"


def test_objection_text_limits_speak_danish_with_the_numbers() -> None:
    with pytest.raises(ValidationError) as empty:
        clean_objection_text("   \n ")
    assert "tom" in empty.value.message
    assert clean_objection_text("x" * MAX_OBJECTION_CHARS) == "x" * MAX_OBJECTION_CHARS
    with pytest.raises(ValidationError) as too_long:
        clean_objection_text("x" * (MAX_OBJECTION_CHARS + 1))
    assert "501" in too_long.value.message and "500" in too_long.value.message


def test_answer_keeps_line_breaks_but_not_clutter() -> None:
    raw = "Det forstår jeg godt.  \r\n\r\n\r\n\r\n  Hvad skete der?\n"
    assert clean_answer_text(raw) == "Det forstår jeg godt.\n\nHvad skete der?"
    with pytest.raises(ValidationError):
        clean_answer_text(" \n\t")
    assert len(clean_answer_text("a" * MAX_ANSWER_CHARS)) == MAX_ANSWER_CHARS
    with pytest.raises(ValidationError) as too_long:
        clean_answer_text("a" * (MAX_ANSWER_CHARS + 1))
    assert "1001" in too_long.value.message


def test_unknown_tags_are_named_with_a_hint() -> None:
    with pytest.raises(ValidationError) as error:
        clean_tags(["tid", "oekonomy", "rumfart"])
    message = error.value.message
    assert "»oekonomy« (mente du »oekonomi«?)" in message
    assert "»rumfart«" in message
    with pytest.raises(ValidationError):
        clean_tags(sorted(TAGS)[: MAX_TAGS + 1])
    assert len(clean_tags(sorted(TAGS)[:MAX_TAGS])) == MAX_TAGS


def test_keys_are_validated_and_derived_keys_ignore_spelling_noise() -> None:
    assert clean_key(" Seed-aab-01 ") == "seed-aab-01"
    for bad in ("", "-x", "has space", "æble", "x" * 65):
        with pytest.raises(ValidationError):
            clean_key(bad)
    assert derive_key("Vi har ikke tid!") == derive_key("vi  har ikke tid")
    assert derive_key("Vi har ikke tid") != derive_key("Vi har ikke råd")


def test_make_objection_validates_everything_at_once() -> None:
    objection = make_objection(
        text="  Det er for dyrt ",
        phase=Phase.INDVENDINGER,
        tags=["Økonomi", "byggeri"],
        answers=[Answer(" Det forstår jeg godt. ")],
    )
    assert objection.text == "Det er for dyrt"
    assert objection.tags == ("oekonomi", "bygge_anlaeg")
    assert objection.themes == {"oekonomi"} and objection.industries == {"bygge_anlaeg"}
    assert objection.sizes == frozenset()
    assert objection.key == derive_key("Det er for dyrt")
    assert objection.answers == (Answer("Det forstår jeg godt."),)
    assert objection.difficulty is Difficulty.MELLEM and objection.status is Status.AKTIV


def test_best_answers_rank_by_votes_then_order_and_skip_hidden() -> None:
    objection = Objection(
        key="k",
        text="x",
        phase=Phase.AABNING,
        answers=(
            Answer("første", votes=1),
            Answer("skjult", status=Status.SKJULT, votes=9),
            Answer("anden", votes=3),
            Answer("tredje", votes=1),
        ),
    )
    assert [a.text for a in objection.best_answers()] == ["anden", "første", "tredje"]
    assert [a.text for a in objection.best_answers(1)] == ["anden"]
