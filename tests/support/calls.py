"""Play a scripted call through the chat core, phase by phase, as a consultant would."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import select

from bot.storage.models_core import PracticeSession
from dialogues.script import parse_script
from tests.support.chat import ChatHarness

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> dict[str, list[str]]:
    return parse_script((SCRIPTS / name).read_text(encoding="utf-8"))


async def current_session(chat: ChatHarness) -> PracticeSession | None:
    async with chat.app.db.sessions() as db:
        return await db.scalar(select(PracticeSession).order_by(PracticeSession.id.desc()).limit(1))


async def start_call(
    chat: ChatHarness, scenario_id: str, difficulty: str, mode: str = "coach"
) -> str:
    """Start through the buttons, the way a consultant on a phone does."""
    await chat.say("/ny")
    await chat.press_data(_button_with_arg(chat, "scen", scenario_id))
    await chat.press_data(_button_with_arg(chat, "svaerhed", difficulty))
    return await chat.press_data(_button_with_arg(chat, "mode", mode))


def _button_with_arg(chat: ChatHarness, action: str, arg: str) -> str:
    for reply in chat.replies:
        for row in reply.buttons:
            for button in row:
                if button.data.endswith(f".{action}.{arg}"):
                    return button.data
    raise AssertionError(f"no {action}={arg} button among {chat.button_labels}")


async def play_script(
    chat: ChatHarness, script: Mapping[str, Sequence[str]], *, max_turns: int = 80
) -> list[str]:
    """The `practice --script` semantics, through the chat: lines of the current phase, then
    /videre when they run out. Returns every reply text in order."""
    transcript: list[str] = []
    used = {phase: 0 for phase in script}
    for _ in range(max_turns):
        session = await current_session(chat)
        assert session is not None
        if session.finished:
            return transcript
        lines = script.get(session.phase, [])
        index = used.get(session.phase, 0)
        if index < len(lines):
            used[session.phase] = index + 1
            transcript.append(await chat.say(lines[index]))
        else:
            transcript.append(await chat.say("/videre"))
    raise AssertionError("the call did not end")
