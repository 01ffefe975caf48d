"""The assessor agrees with the labelled sets well enough to coach with."""

from __future__ import annotations

import pytest

from dialogues.evaluate import OWN_SET, REQUIRED_MACRO_F1, eval_dir, load, score, typed_carelessly


def test_macro_f1_on_the_shared_dev_set() -> None:
    path = eval_dir() / "assess-dev.jsonl"
    if not path.is_file():
        pytest.skip(f"shared eval set not found at {path} (set RINGETRAENER_EVAL_DIR)")
    report = score(path.name, load(path))
    assert report.macro_f1 >= REQUIRED_MACRO_F1, report.misses


def test_macro_f1_on_the_shared_second_set() -> None:
    path = eval_dir() / "assess-dev-2.jsonl"
    if not path.is_file():
        pytest.skip(f"shared eval set not found at {path} (set RINGETRAENER_EVAL_DIR)")
    report = score(path.name, load(path))
    assert report.macro_f1 >= REQUIRED_MACRO_F1, report.misses


def test_macro_f1_on_our_own_set() -> None:
    examples = load(OWN_SET)
    assert len(examples) >= 500
    report = score(OWN_SET.name, examples)
    assert report.macro_f1 >= REQUIRED_MACRO_F1, report.misses


def test_own_set_covers_every_criterion_both_ways() -> None:
    report = score(OWN_SET.name, load(OWN_SET))
    for key, counts in report.counts.items():
        positives = counts.true_positive + counts.false_negative
        assert positives >= 5, key
        assert counts.true_positive + counts.false_positive < positives + 40, key


def test_careless_typing_costs_little() -> None:
    report = score("careless", typed_carelessly(load(OWN_SET)))
    assert report.macro_f1 >= 0.9, report.misses
