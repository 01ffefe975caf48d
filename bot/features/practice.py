"""Practice calls: pick a company, play the call turn by turn, and save it after every turn."""

from __future__ import annotations

import random
from collections.abc import Sequence

from sqlalchemy import select

from bot.core import texts
from bot.core.context import Context
from bot.core.messages import Button
from bot.core.registry import Registry
from bot.storage.models_core import PracticeSession
from dialogues.engine import PracticeCall, TurnResult, Utterance
from dialogues.feedback import rubric_text
from dialogues.scenario import Scenario, ScenarioError

FLOW_CALL = "praksis"
FLOW_SETUP = "ny_valg"
DIFFICULTIES = ("let", "mellem", "svaer")
MODES = ("coach", "exam")
_MODE_WORDS = {"coach": "coach", "eksamen": "exam", "exam": "exam"}
_DIFFICULTY_WORDS = {"let": "let", "mellem": "mellem", "svaer": "svaer", "svær": "svaer"}


# --- starting a call -------------------------------------------------------------------------


async def new_call(ctx: Context, arg: str) -> None:
    active = await _active_session(ctx)
    if active is not None:
        scenario = ctx.services.catalog.get(active.scenario_id)
        ctx.say(
            texts.CALL_IN_PROGRESS.format(contact=scenario.contact_name),
            buttons=[
                [
                    ctx.button(texts.CONTINUE_CALL, "fortsaet"),
                    ctx.button(texts.RESTART_CALL, "forfra", arg[:20]),
                ]
            ],
        )
        return
    if ctx.flow_name not in (None, FLOW_SETUP):
        ctx.say(texts.IN_OTHER_FLOW)
        return
    if arg:
        await _start_from_words(ctx, arg)
        return
    ctx.start_flow(FLOW_SETUP, {})
    _ask_scenario(ctx)


async def _start_from_words(ctx: Context, arg: str) -> None:
    """``/ny byg-smv svaer eksamen``: the shortcut for people who know the ids."""
    words = arg.lower().split()
    try:
        scenario = ctx.services.catalog.get(words[0])
    except ScenarioError:
        ctx.say(texts.SCENARIO_UNKNOWN)
        return
    difficulty, mode = "mellem", "coach"
    for word in words[1:]:
        if word in _DIFFICULTY_WORDS:
            difficulty = _DIFFICULTY_WORDS[word]
        elif word in _MODE_WORDS:
            mode = _MODE_WORDS[word]
        else:
            ctx.say(texts.DIFFICULTY_UNKNOWN)
            return
    if difficulty not in scenario.difficulties:
        ctx.say(texts.DIFFICULTY_UNKNOWN)
        return
    await _start_call(ctx, scenario, difficulty, mode)


def _ask_scenario(ctx: Context) -> None:
    rows = [[ctx.button(s.title, "scen", s.id)] for s in ctx.services.catalog.all()]
    ctx.say(texts.PICK_SCENARIO, buttons=rows)


async def on_scenario(ctx: Context, arg: str) -> None:
    try:
        scenario = ctx.services.catalog.get(arg)
    except ScenarioError:
        ctx.say(texts.SCENARIO_UNKNOWN)
        return
    ctx.start_flow(FLOW_SETUP, {"scenario": scenario.id})
    ctx.say(
        texts.PICK_DIFFICULTY.format(contact=scenario.contact_name),
        buttons=[
            [ctx.button(texts.DIFFICULTY_LABELS[d], "svaerhed", d) for d in scenario.difficulties]
        ],
    )


async def on_difficulty(ctx: Context, arg: str) -> None:
    if ctx.flow_name != FLOW_SETUP or "scenario" not in ctx.flow_data or arg not in DIFFICULTIES:
        ctx.say(texts.BUTTON_STALE)
        return
    ctx.update_flow(difficulty=arg)
    ctx.say(
        texts.PICK_MODE,
        buttons=[[ctx.button(texts.MODE_LABELS[m], "mode", m)] for m in MODES],
    )


async def on_mode(ctx: Context, arg: str) -> None:
    data = ctx.flow_data
    if ctx.flow_name != FLOW_SETUP or "difficulty" not in data or arg not in MODES:
        ctx.say(texts.BUTTON_STALE)
        return
    await _start_call(ctx, ctx.services.catalog.get(data["scenario"]), data["difficulty"], arg)


async def on_setup_text(ctx: Context, text: str) -> None:
    """Typed text while choosing: a choice's number or word counts (after a restart the
    terminal has forgotten its numbers, and on a phone »svær« is quicker than a button);
    anything else shows the choices again rather than guess."""
    data = ctx.flow_data
    word = text.strip().lower().rstrip(".!")
    if "difficulty" in data:
        mode = _typed_choice(word, MODES, _MODE_WORDS)
        if mode is not None:
            await on_mode(ctx, mode)
        else:
            await on_difficulty(ctx, data["difficulty"])
    elif "scenario" in data:
        scenario = ctx.services.catalog.get(data["scenario"])
        difficulty = _typed_choice(word, scenario.difficulties, _DIFFICULTY_WORDS)
        if difficulty is not None:
            await on_difficulty(ctx, difficulty)
        else:
            await on_scenario(ctx, data["scenario"])
    else:
        ids = [s.id for s in ctx.services.catalog.all()]
        scenario_id = _typed_choice(word, ids, {i: i for i in ids})
        if scenario_id is not None:
            await on_scenario(ctx, scenario_id)
        else:
            _ask_scenario(ctx)


def _typed_choice(word: str, options: Sequence[str], words: dict[str, str]) -> str | None:
    """The option a typed number (1 = the first shown) or word names, if any."""
    if word.isdigit() and 1 <= int(word) <= len(options):
        return options[int(word) - 1]
    chosen = words.get(word)
    return chosen if chosen in options else None


async def _start_call(ctx: Context, scenario: Scenario, difficulty: str, mode: str) -> None:
    seed = ctx.services.seed_source()
    registry = ctx.registry
    objections = (
        await registry.objection_source(ctx, scenario, difficulty, random.Random(seed))
        if registry.objection_source
        else ()
    )
    guide = await registry.guide_source(ctx) if registry.guide_source else {}
    call, turn = PracticeCall.start(
        scenario, difficulty=difficulty, seed=seed, mode=mode, objections=objections, guide=guide
    )
    session = PracticeSession(
        member_id=ctx.member.id,
        scenario_id=scenario.id,
        difficulty=difficulty,
        seed=seed,
        mode=mode,
        phase=call.phase,
        state=call.to_dict(),
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    ctx.db.add(session)
    await ctx.db.flush()
    ctx.start_flow(FLOW_CALL, {"session": session.id})
    header = texts.CALL_STARTED.format(
        contact=scenario.contact_name, role=scenario.contact_role, company=scenario.company.name
    )
    await _finish_turn(ctx, session, call, turn, header=header)


# --- during a call ---------------------------------------------------------------------------


async def on_call_text(ctx: Context, text: str) -> None:
    loaded = await _load_call(ctx)
    if loaded is not None:
        session, call = loaded
        await _finish_turn(ctx, session, call, call.say(text))


async def advance(ctx: Context, _arg: str) -> None:
    loaded = await _load_call(ctx)
    if loaded is not None:
        session, call = loaded
        await _finish_turn(ctx, session, call, call.advance())


async def stop(ctx: Context, _arg: str) -> None:
    loaded = await _load_call(ctx)
    if loaded is not None:
        session, call = loaded
        await _finish_turn(ctx, session, call, call.stop())


async def resume(ctx: Context, _arg: str) -> None:
    loaded = await _load_call(ctx)
    if loaded is not None:
        session, call = loaded
        ctx.start_flow(FLOW_CALL, {"session": session.id})
        ctx.say(
            texts.CONTINUING.format(phase=call.status_text()),
            buttons=[_call_buttons(ctx)],
        )


async def restart(ctx: Context, arg: str) -> None:
    session = await _active_session(ctx)
    if session is not None:
        session.finished = True
        session.outcome = "ufuldendt"
        session.updated_at = ctx.now
    ctx.end_flow()
    await new_call(ctx, arg)


async def _load_call(ctx: Context) -> tuple[PracticeSession, PracticeCall] | None:
    session = await _active_session(ctx)
    if session is None:
        if ctx.flow_name == FLOW_CALL:
            ctx.end_flow()
        ctx.say(texts.NOT_IN_CALL)
        return None
    return session, PracticeCall.from_dict(session.state, ctx.services.catalog)


async def _active_session(ctx: Context) -> PracticeSession | None:
    return await ctx.db.scalar(
        select(PracticeSession)
        .where(PracticeSession.member_id == ctx.member.id, PracticeSession.finished.is_(False))
        .order_by(PracticeSession.id.desc())
        .limit(1)
    )


async def _finish_turn(
    ctx: Context, session: PracticeSession, call: PracticeCall, turn: TurnResult, header: str = ""
) -> None:
    """Save the call, then answer in one message: a practice turn is one reply where it can be."""
    session.state = call.to_dict()
    session.phase = call.phase
    session.updated_at = ctx.now
    if call.finished:
        session.finished = True
        session.outcome = call.outcome
        if ctx.registry.objection_outcome_sink and call.objection_outcomes:
            await ctx.registry.objection_outcome_sink(ctx, list(call.objection_outcomes))
        ctx.end_flow()
    buttons: list[list[Button]] = []
    if call.finished:
        buttons = [[ctx.button(texts.CMD_NEW, "nyt_opkald", flow_bound=False)]]
    elif turn.can_advance:
        buttons = [_call_buttons(ctx)]
    scenario = ctx.services.catalog.get(session.scenario_id)
    body = render_utterances(turn.utterances, scenario)
    ctx.say("\n\n".join(part for part in (header, body) if part), buttons=buttons)


def _call_buttons(ctx: Context) -> list[Button]:
    return [ctx.button(texts.NEXT_BUTTON, "videre"), ctx.button(texts.STOP_BUTTON, "stop")]


def render_utterances(utterances: Sequence[Utterance], scenario: Scenario) -> str:
    parts = []
    for utterance in utterances:
        speaker = (
            texts.SPEAKER_COMPANY.format(name=scenario.contact_name)
            if utterance.speaker == "virksomhed"
            else texts.SPEAKER_COACH
        )
        parts.append(f"{speaker}: {utterance.text}")
    return "\n\n".join(parts)


async def show_rubric(ctx: Context, _arg: str) -> None:
    ctx.say(rubric_text())


async def practice_status(ctx: Context) -> str | None:
    session = await _active_session(ctx)
    if session is None:
        return texts.STATUS_NOTHING
    return PracticeCall.from_dict(session.state, ctx.services.catalog).status_text()


async def on_new_button(ctx: Context, _arg: str) -> None:
    await new_call(ctx, "")


def install(registry: Registry) -> None:
    registry.command("ny", new_call, help=texts.CMD_NEW)
    registry.command("videre", advance, help=texts.CMD_NEXT)
    registry.command("stop", stop, help=texts.CMD_STOP)
    registry.command("rubrik", show_rubric, help=texts.CMD_RUBRIC)
    registry.flow(FLOW_CALL, on_call_text, reprompt=resume)
    registry.flow(FLOW_SETUP, on_setup_text, reprompt=on_setup_text)  # "" shows the choices
    registry.button("scen", on_scenario)
    registry.button("svaerhed", on_difficulty)
    registry.button("mode", on_mode)
    registry.button("videre", advance)
    registry.button("stop", stop)
    registry.button("fortsaet", resume)
    registry.button("forfra", restart)
    registry.button("nyt_opkald", on_new_button)
    registry.status_section(practice_status)
