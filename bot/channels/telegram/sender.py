"""Proactive messages (nudges, reminders) to a Telegram chat, through the same rate limiter."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot

from bot.channels.telegram.adapter import send_replies
from bot.core.messages import Channel, Reply


class TelegramSender:
    """The core's ChannelSender for Telegram; the address is the private chat id."""

    channel: Channel = Channel.TELEGRAM

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, address: str, replies: Sequence[Reply]) -> None:
        """Deliver or raise (blocked bot, unknown chat, network): the caller retries or gives up."""
        if not address.lstrip("-").isdigit():
            raise ValueError("a Telegram address is a numeric chat id")
        await send_replies(self._bot, int(address), replies)
