"""Proactive messages: reach a member on the channel(s) they use, for nudges and reminders."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import select

from bot.core.messages import Channel, Reply
from bot.storage.db import Database
from bot.storage.models_core import Identity

log = logging.getLogger(__name__)


class ChannelSender(Protocol):
    channel: Channel

    async def send(self, address: str, replies: Sequence[Reply]) -> None:
        """Deliver or raise; the caller retries."""


class NoReachableChannelError(RuntimeError):
    """The member has no identity on any channel that is running now."""


class Delivery:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._senders: dict[Channel, ChannelSender] = {}

    def register(self, sender: ChannelSender) -> None:
        self._senders[sender.channel] = sender

    @property
    def channels(self) -> frozenset[Channel]:
        return frozenset(self._senders)

    async def send_to_member(self, member_id: int, replies: Sequence[Reply]) -> Channel:
        """Send on the most recently used channel that is running; raise if none can take it."""
        async with self._db.sessions() as session:
            rows = await session.scalars(
                select(Identity)
                .where(Identity.member_id == member_id)
                .order_by(Identity.updated_at.desc())
            )
            identities = [(Channel(i.channel), i.address) for i in rows if i.address]
        for channel, address in identities:
            sender = self._senders.get(channel)
            if sender is not None:
                await sender.send(address, replies)
                log.info(
                    "delivered member=%s channel=%s replies=%d", member_id, channel, len(replies)
                )
                return channel
        raise NoReachableChannelError(f"member {member_id} has no reachable channel")
