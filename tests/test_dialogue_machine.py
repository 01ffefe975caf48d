"""The call's state table: complete, consistent, and shared by every call without holding them."""

from __future__ import annotations

import pytest

from dialogues.machine import FINAL, INITIAL, MACHINE, STATES, TABLE, CallModel, Signals, fire
from dialogues.rubric import PHASES


def test_every_state_belongs_to_a_phase_and_every_phase_has_a_state() -> None:
    assert set(STATES.values()) == {*PHASES, FINAL}
    assert STATES[INITIAL] == "aabning"


def test_every_guard_in_the_table_is_a_method_of_the_model() -> None:
    for _trigger, _source, _dest, guards in TABLE:
        for guard in guards:
            assert callable(getattr(CallModel, guard)), guard


def test_every_state_is_reachable_and_can_move_on_or_stop() -> None:
    reachable = {INITIAL}
    for _ in STATES:
        reachable |= {dest for _t, source, dest, _g in TABLE if source in reachable}
    assert reachable == set(STATES)
    for state in STATES:
        if state == FINAL:
            continue
        assert any(t == "videre" and s == state for t, s, _d, _g in TABLE), state
        for event in ("stop", "opgiv"):
            model = CallModel(state=state)
            assert fire(model, event) and model.state == FINAL


@pytest.mark.parametrize(
    ("state", "model_facts", "signals", "expected"),
    [
        ("aabning", {}, Signals(), "aabning"),
        ("aabning", {}, Signals(opening_granted=True), "analyse"),
        ("analyse", {"need_found": True}, Signals(), "analyse_behov"),
        (
            "analyse_behov",
            {"need_accepted": True, "objections_waiting": 1},
            Signals(),
            "indvendinger",
        ),
        ("analyse_behov", {"need_accepted": True}, Signals(), "loesning"),
        (
            "indvendinger",
            {"objections_waiting": 1},
            Signals(objection_settled=True),
            "indvendinger",
        ),
        ("indvendinger", {}, Signals(objection_settled=True), "loesning"),
        (
            "loesning",
            {},
            Signals(solution_proposed=True, objection_in_solution=True),
            "loesning_indvending",
        ),
        ("loesning", {}, Signals(solution_proposed=True, solution_accepted=True), "afslutning"),
        ("loesning", {}, Signals(solution_proposed=True), "loesning_forslag"),
        ("loesning_indvending", {}, Signals(objection_settled=True), "loesning_forslag"),
        ("loesning_forslag", {}, Signals(solution_accepted=True), "afslutning"),
        ("afslutning", {}, Signals(agreed=True), "afslutning_aftale"),
        ("afslutning", {}, Signals(agreed=True, rounded_off=True), "debrief"),
        ("afslutning", {}, Signals(call_over=True), "debrief"),
        ("afslutning_aftale", {}, Signals(rounded_off=True), "debrief"),
    ],
)
def test_guards_choose_the_transition(
    state: str, model_facts: dict[str, object], signals: Signals, expected: str
) -> None:
    model = CallModel(state=state, signals=signals)
    for name, value in model_facts.items():
        setattr(model, name, value)
    fire(model, "svar")
    assert model.state == expected


def test_the_shared_machine_keeps_no_calls_alive() -> None:
    models = [CallModel() for _ in range(100)]
    for model in models:
        fire(model, "videre")
    assert all(m.state == "analyse" for m in models)
    assert MACHINE.models == []


def test_a_finished_call_ignores_events() -> None:
    model = CallModel(state=FINAL)
    assert not fire(model, "videre") and not fire(model, "stop")
    assert model.state == FINAL
