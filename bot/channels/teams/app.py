"""Wiring of the Microsoft 365 Agents SDK: auth configuration, CloudAdapter and the agent.

The SDK validates every inbound token (JWKS signature, audience = our client id, issuer) before
the agent runs and fetches the bot's outbound token with MSAL. Anonymous mode exists only for
local testing and is switched on by one explicit setting.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    ConnectionManager,
    Connections,
    OutboundHostValidator,
    TurnContext,
)
from microsoft_agents.hosting.core.authorization import AuthTypes

from bot.channels.teams import adapter, files, texts
from bot.channels.teams.delivery import DeliveryError, Outbox
from bot.core.messages import Incoming, Reply

log = logging.getLogger(__name__)

SERVICE_CONNECTION = "SERVICE_CONNECTION"  # the SDK's name for the bot's own connection

TokenProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


class ConversationHandler(Protocol):
    async def handle(self, incoming: Incoming) -> list[Reply]: ...


class TeamsConfigError(ValueError):
    """Settings that would leave the endpoint open or unable to answer."""


@dataclass(frozen=True, slots=True)
class TeamsAuth:
    client_id: str | None
    client_secret: str | None
    tenant_id: str | None
    anonymous: bool

    @classmethod
    def from_settings(cls, settings: Any) -> TeamsAuth:
        secret = getattr(settings, "teams_client_secret", None)
        if secret is not None and hasattr(secret, "get_secret_value"):
            secret = secret.get_secret_value()
        return cls(
            client_id=getattr(settings, "teams_client_id", None) or None,
            client_secret=secret or None,
            tenant_id=getattr(settings, "teams_tenant_id", None) or None,
            anonymous=bool(getattr(settings, "teams_anonymous", False)),
        )

    @property
    def enabled(self) -> bool:
        return bool(self.client_id) or self.anonymous

    @property
    def has_credentials(self) -> bool:
        return bool(self.client_id and self.client_secret and self.tenant_id)

    def check(self) -> None:
        if not self.enabled:
            raise TeamsConfigError(
                "Teams is not configured: set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and "
                "TEAMS_TENANT_ID (or TEAMS_ANONYMOUS=true for local testing only)."
            )
        if self.client_id and not self.has_credentials and not self.anonymous:
            missing = [
                name
                for name, value in (
                    ("TEAMS_CLIENT_SECRET", self.client_secret),
                    ("TEAMS_TENANT_ID", self.tenant_id),
                )
                if not value
            ]
            raise TeamsConfigError(f"Teams is missing {', '.join(missing)}.")


def auth_configuration(auth: TeamsAuth) -> AgentAuthConfiguration:
    """The SDK's connection settings; also what its JWT middleware validates against."""
    return AgentAuthConfiguration(
        auth_type=AuthTypes.client_secret,
        client_id=auth.client_id,
        tenant_id=auth.tenant_id,
        client_secret=auth.client_secret,
        connection_name=SERVICE_CONNECTION,
        anonymous_allowed=auth.anonymous,
    )


def connection_manager(
    config: AgentAuthConfiguration, token_provider: TokenProviderFactory | None = None
) -> Connections:
    """MSAL fetches the bot's outbound token unless another provider is given."""
    configurations = {SERVICE_CONNECTION: config}
    if token_provider is None:
        return MsalConnectionManager(connections_configurations=configurations)
    return ConnectionManager(token_provider, connections_configurations=configurations)


def build_cloud_adapter(
    connections: Connections, service_hosts: OutboundHostValidator | None = None
) -> CloudAdapter:
    cloud = CloudAdapter(connection_manager=connections, host_validator=service_hosts)
    cloud.on_turn_error = _reraise
    return cloud


async def _reraise(context: TurnContext, error: Exception) -> None:
    """The SDK's default sends the exception text to the user; ours never leaks internals.

    Reactive turns catch their own errors (see ``TeamsAgent``); what arrives here comes from a
    proactive send, whose caller must learn that it failed.
    """
    raise error


class TeamsAgent:
    """The SDK ``Agent``: hands each activity to the core and renders what comes back."""

    def __init__(self, core: ConversationHandler, outbox: Outbox) -> None:
        self.core = core
        self._outbox = outbox

    async def on_turn(self, context: TurnContext) -> None:
        activity = context.activity
        try:
            if activity.type == ActivityTypes.invoke:
                await self._on_invoke(context)
                return
            incoming = adapter.to_incoming(activity)
            if incoming is None:
                log.debug("teams activity ignored type=%s", activity.type)
                return
            await self._answer(context, incoming)
        except DeliveryError:
            log.exception("teams reply not delivered activity=%s", activity.id)
        except Exception:
            log.exception("teams turn failed activity=%s", activity.id)
            await self._apologise(context)

    async def _on_invoke(self, context: TurnContext) -> None:
        activity = context.activity
        if activity.name == files.FILE_CONSENT_INVOKE:
            await context.send_activity(adapter.invoke_ok())
            answer = files.parse_consent(activity.value)
            if answer is not None:
                await send_all(self._outbox, context, await files.complete_consent(answer))
            return
        incoming = adapter.to_incoming(activity)
        if incoming is None:
            return  # no invoke response: the SDK answers 501, which Teams handles quietly
        await context.send_activity(adapter.invoke_ok(adapter.CARD_ACTION_DONE))
        await self._answer(context, incoming)

    async def _answer(self, context: TurnContext, incoming: Incoming) -> None:
        replies = await self.core.handle(incoming)
        personal = adapter.is_personal(context.activity)
        await send_all(self._outbox, context, render_replies(replies, personal=personal))

    async def _apologise(self, context: TurnContext) -> None:
        try:
            await send_all(self._outbox, context, adapter.render(Reply(texts.TURN_FAILED)))
        except Exception:
            log.warning("teams apology not delivered activity=%s", context.activity.id)


def render_replies(replies: Sequence[Reply], *, personal: bool) -> list[Activity]:
    activities: list[Activity] = []
    for reply in replies:
        activities.extend(adapter.render(reply))
        for attachment in reply.attachments:
            activities.extend(files.render_attachment(attachment, personal=personal))
    return activities


async def send_all(outbox: Outbox, context: TurnContext, activities: Sequence[Activity]) -> None:
    """In order, one at a time: Teams shows messages in the order they arrive."""
    conversation = context.activity.conversation
    conversation_id = conversation.id if conversation else ""
    for activity in activities:
        await outbox.send(conversation_id, functools.partial(context.send_activity, activity))
