"""Proactive messages (buddy nudges) through the SDK's continue-conversation.

The core stores the serialised conversation reference of a member's 1:1 chat (``Incoming.address``)
and later hands it back here with the replies to deliver.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AuthenticationConstants, ClaimsIdentity, TurnContext
from pydantic import ValidationError

from bot.channels.teams.adapter import PERSONAL
from bot.channels.teams.app import TeamsAuth, render_replies, send_all
from bot.channels.teams.delivery import Outbox
from bot.core.messages import Channel, Reply

log = logging.getLogger(__name__)


class BadAddressError(ValueError):
    """The stored address is not a conversation reference (never retried: it cannot heal)."""


class TeamsSender:
    channel = Channel.TEAMS

    def __init__(self, cloud: CloudAdapter, outbox: Outbox, auth: TeamsAuth) -> None:
        self._cloud = cloud
        self._outbox = outbox
        self._auth = auth

    async def send(self, address: str, replies: Sequence[Reply]) -> None:
        reference = parse_address(address)
        assert reference.conversation is not None  # required by the model
        personal = reference.conversation.conversation_type in (None, PERSONAL)
        activities = render_replies(replies, personal=personal)
        if not activities:
            return

        async def deliver(context: TurnContext) -> None:
            await send_all(self._outbox, context, activities)

        continuation = reference.get_continuation_activity()
        continuation.id = None  # post as a new message, not as a reply to a made-up id
        if self._auth.has_credentials:
            assert self._auth.client_id is not None
            await self._cloud.continue_conversation(self._auth.client_id, continuation, deliver)
        else:
            await self._cloud.continue_conversation_with_claims(
                ClaimsIdentity(), continuation, deliver, AuthenticationConstants.AGENTS_SDK_SCOPE
            )
        log.info("teams proactive delivered activities=%d", len(activities))


def parse_address(address: str) -> ConversationReference:
    try:
        reference = ConversationReference.model_validate_json(address)
    except ValidationError as error:
        raise BadAddressError("not a Teams conversation reference") from error
    if not reference.service_url or not reference.conversation.id:
        raise BadAddressError("conversation reference without service url or conversation")
    return reference
