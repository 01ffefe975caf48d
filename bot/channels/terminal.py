"""The terminal channel: the whole coach in a shell, with numbered choices for buttons."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from bot import texts
from bot.core.conversation import ConversationCore
from bot.core.messages import Button, Channel, ConversationKey, Incoming, IncomingKind, Reply


class TerminalChannel:
    """Renders replies as text; a bare number picks one of the last numbered choices."""

    def __init__(
        self, core: ConversationCore, user_id: str | None = None, out: TextIO = sys.stdout
    ) -> None:
        self.core = core
        self.key = ConversationKey(Channel.TERMINAL, "local", user_id or _local_user())
        self.out = out
        self.choices: list[Button] = []

    def to_incoming(self, line: str) -> Incoming:
        stripped = line.strip()
        if stripped.isdigit() and self.choices:
            index = int(stripped) - 1
            if 0 <= index < len(self.choices):
                return Incoming(
                    self.key,
                    IncomingKind.BUTTON,
                    button_data=self.choices[index].data,
                    display_name=self.key.user_id,
                )
        return Incoming(
            self.key, IncomingKind.TEXT, text=line, display_name=self.key.user_id, address="local"
        )

    channel = Channel.TERMINAL

    async def send(self, address: str, replies: Sequence[Reply]) -> None:
        """Proactive messages (buddy-pair nudges) are printed between the user's lines."""
        self.render(replies)

    async def send_line(self, line: str) -> list[Reply]:
        replies = await self.core.handle(self.to_incoming(line))
        self.render(replies)
        return replies

    def render(self, replies: Sequence[Reply]) -> None:
        numbered: list[Button] = []
        for reply in replies:
            if reply.title:
                self.out.write(f"\n== {reply.title} ==\n")
            self.out.write(f"\n{reply.text}\n")
            for attachment in reply.attachments:
                self.out.write(
                    texts.TERMINAL_ATTACHMENT.format(
                        name=attachment.filename, size=len(attachment.data)
                    )
                    + "\n"
                )
            for row in reply.buttons:
                for button in row:
                    numbered.append(button)
                    self.out.write(f"  [{len(numbered)}] {button.label}\n")
        if numbered:
            self.choices = numbered
            self.out.write(texts.TERMINAL_CHOOSE + "\n")
        self.out.flush()

    async def run(self, read_line: Callable[[], str] | None = None) -> None:
        reader = read_line or _read_stdin
        self.out.write(texts.TERMINAL_INTRO + "\n")
        self.render(await self.core.handle(self.to_incoming("/start")))
        loop = asyncio.get_running_loop()
        while True:
            try:
                line = await loop.run_in_executor(None, reader)
            except (EOFError, KeyboardInterrupt):
                self.out.write("\n" + texts.TERMINAL_BYE + "\n")
                return
            if line.strip().lower() in {"/afslut_program", "/quit", "/exit"}:
                self.out.write(texts.TERMINAL_BYE + "\n")
                return
            await self.send_line(line)


def _read_stdin() -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _local_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "konsulent"
