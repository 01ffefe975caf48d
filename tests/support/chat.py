"""Transcript-style testing: say something as a consultant, read what the coach answers.

chat = await ChatHarness.create(tmp_path)
await chat.say("/ny")
await chat.press("Byggefirma")
assert "Hvor svær" in chat.text
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import App, create_app
from bot.config import Settings
from bot.core.messages import (
    Button,
    Channel,
    ChatType,
    ConversationKey,
    Incoming,
    IncomingKind,
    Reply,
)
from tests.support.databases import sqlite_url


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class ChatHarness:
    app: App
    user_id: str = "u1"
    channel: Channel = Channel.TEST
    display_name: str = "Test Konsulent"
    replies: list[Reply] = field(default_factory=list)
    _events: list[int] = field(default_factory=lambda: [0])
    said: list[str] = field(default_factory=list)

    @classmethod
    async def create(
        cls,
        tmp_path: Path | None = None,
        *,
        database_url: str | None = None,
        clock: Callable[[], datetime] | None = None,
        seed: int = 7,
        user_id: str = "u1",
    ) -> ChatHarness:
        if database_url is None:
            if tmp_path is None:
                raise ValueError("give tmp_path or database_url")
            database_url = sqlite_url(tmp_path)
        settings = Settings(database_url=database_url, _env_file=None)  # type: ignore[call-arg]
        app = await create_app(settings, clock=clock or Clock(), seed_source=lambda: seed)
        return cls(app, user_id=user_id)

    def as_user(self, user_id: str, display_name: str | None = None) -> ChatHarness:
        return ChatHarness(
            self.app,
            user_id=user_id,
            channel=self.channel,
            display_name=display_name or f"Konsulent {user_id}",
            _events=self._events,
        )

    @property
    def key(self) -> ConversationKey:
        return ConversationKey(self.channel, f"chat-{self.user_id}", self.user_id)

    async def send(self, incoming: Incoming) -> list[Reply]:
        self.replies = await self.app.core.handle(incoming)
        return self.replies

    async def say(
        self, text: str, *, event_id: str | None = None, chat_type: ChatType = ChatType.PRIVATE
    ) -> str:
        self.said.append(text)
        await self.send(
            Incoming(
                self.key,
                IncomingKind.TEXT,
                text=text,
                display_name=self.display_name,
                chat_type=chat_type,
                event_id=event_id,
                address=f"addr-{self.user_id}",
            )
        )
        return self.text

    async def send_text_raw(self, text: str) -> list[Reply]:
        """Send exactly what was typed, even an empty or odd string."""
        return await self.send(
            Incoming(self.key, IncomingKind.TEXT, text=text, display_name=self.display_name)
        )

    async def press(self, label: str, *, among: Sequence[Reply] | None = None) -> str:
        button = self.find_button(label, among)
        return await self.press_data(button.data)

    async def press_data(self, data: str) -> str:
        await self.send(
            Incoming(
                self.key, IncomingKind.BUTTON, button_data=data, display_name=self.display_name
            )
        )
        return self.text

    async def send_unsupported(self) -> str:
        await self.send(
            Incoming(self.key, IncomingKind.UNSUPPORTED, display_name=self.display_name)
        )
        return self.text

    def find_button(self, label: str, among: Sequence[Reply] | None = None) -> Button:
        for reply in among if among is not None else self.replies:
            for row in reply.buttons:
                for button in row:
                    if label.lower() in button.label.lower():
                        return button
        raise AssertionError(f"no button {label!r} in: {self.button_labels}")

    @property
    def button_labels(self) -> list[str]:
        return [b.label for r in self.replies for row in r.buttons for b in row]

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.replies)

    async def close(self) -> None:
        await self.app.close()
