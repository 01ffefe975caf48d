"""The rubric speaks the eval README's language: same phases, same criterion names, same order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialogues.evaluate import eval_dir
from dialogues.rubric import PHASE_LABELS, PHASES, RUBRIC, UnknownPhaseError, criteria_names

README_CRITERIA = {
    "aabning": ("hilsen", "praesentation", "organisation", "formaal", "tilladelse"),
    "analyse": ("aabent_spoergsmaal", "behov", "opsummering", "accept"),
    "indvendinger": ("anerkendelse", "afklaring", "argument", "accept"),
    "loesning": ("konkret_tilbud", "kobling", "accept"),
    "afslutning": ("naeste_skridt", "tidspunkt", "opsummering", "tak"),
}


def test_phases_and_criteria_match_the_eval_readme() -> None:
    assert PHASES == ("aabning", "analyse", "indvendinger", "loesning", "afslutning")
    for phase in PHASES:
        assert criteria_names(phase) == README_CRITERIA[phase]


def test_criteria_names_follow_the_shared_readme_itself() -> None:
    readme = eval_dir() / "README.md"
    if not readme.is_file():
        pytest.skip(f"shared eval README not found at {readme}")
    text = readme.read_text("utf-8")
    for phase in PHASES:
        section = text.split(f"### {phase}", 1)[1].split("\n#", 1)[0]
        names = tuple(re.findall(r"^- `([a-z_]+)`", section, flags=re.MULTILINE))
        assert names == criteria_names(phase), phase


def test_every_criterion_explains_itself_in_danish() -> None:
    for phase in PHASES:
        assert PHASE_LABELS[phase]
        for criterion in RUBRIC[phase]:
            assert criterion.label and criterion.meaning.endswith((".", "«", "…"))
            assert criterion.better, criterion.name
            assert criterion.name.isascii()


def test_phase_labels_are_proper_danish() -> None:
    assert PHASE_LABELS["aabning"] == "Åbning"
    assert PHASE_LABELS["indvendinger"] == "Svar på indvendinger"
    assert PHASE_LABELS["loesning"] == "Forslag til løsninger"


def test_unknown_phase_is_a_value_error() -> None:
    with pytest.raises(UnknownPhaseError):
        criteria_names("debrief")
    assert issubclass(UnknownPhaseError, ValueError)


def test_eval_dir_can_be_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RINGETRAENER_EVAL_DIR", str(tmp_path))
    assert eval_dir() == tmp_path
