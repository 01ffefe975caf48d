"""Teams tests as a user meets the bot: real SDK, real HTTP, the real core, loopback only.

The harness runs the project's aiohttp server with the Teams endpoint mounted, and the connector
stand-in the bot answers to. Activities are shaped like the ones Teams sends (1:1 chats have
``conversationType: personal``; channel messages carry an ``<at>`` mention entity).

    teams = await TeamsHarness.create(tmp_path)
    await teams.post(teams.make.installed(SARA))
    await teams.say(SARA, "/ny")
    await teams.press(SARA, "Byggefirma")
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from azure.core.credentials_async import AsyncTokenCredential
from jwt import PyJWKClient
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    AuthenticationConstants,
    OutboundHostValidator,
)
from microsoft_agents.hosting.core.authorization.jwt import jwt_token_validator

from bot.app import App, create_app
from bot.channels.teams.delivery import ConversationPacer, Outbox, RetryPolicy
from bot.channels.teams.route import TeamsChannel, start_teams
from bot.config import Settings
from bot.web.server import build_web_app
from tests.support.chat import Clock
from tests.support.databases import sqlite_url
from tests.teams_standin import BOT_APP_ID, TENANT_ID, Posted, TeamsConnectorStandIn

BOT_NAME = "Ringetræner"
TEAMS_CHANNEL_ID = "msteams"


@dataclass(frozen=True)
class TeamsUser:
    id: str
    name: str

    @property
    def chat_id(self) -> str:
        """The id Teams gives this user's 1:1 chat with the bot."""
        return f"a:1personal-{self.id.split(':')[-1]}"


SARA = TeamsUser("29:1sara", "Sara Holm")
JONAS = TeamsUser("29:1jonas", "Jonas Berg")
TEAM_CHANNEL = "19:standup@thread.tacv2;messageid=1700000000000"


class StandInTokenProvider:
    """The bot's outbound token from the stand-in's client-credentials endpoint.

    Plugs into the SDK's ConnectionManager where MSAL would (MSAL insists on https and on
    instance discovery at login.microsoftonline.com, which a loopback-only test cannot reach).
    """

    def __init__(self, configuration: AgentAuthConfiguration, token_url: str) -> None:
        self._configuration = configuration
        self._token_url = token_url
        self.issued: list[str] = []

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(
        self, resource_url: str, scopes: list[str], force_refresh: bool = False
    ) -> str:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._configuration.CLIENT_ID or "",
            "client_secret": self._configuration.CLIENT_SECRET or "",
            "scope": " ".join(scopes),
        }
        async with (
            aiohttp.ClientSession() as session,
            session.post(self._token_url, data=form) as response,
        ):
            response.raise_for_status()
            token = str((await response.json())["access_token"])
        self.issued.append(token)
        return token

    def get_token_credential(self) -> AsyncTokenCredential:
        raise NotImplementedError("not used by the connector client")

    async def acquire_token_on_behalf_of(self, scopes: list[str], user_assertion: str) -> str:
        raise NotImplementedError

    async def get_agentic_application_token(
        self, tenant_id: str, agent_app_instance_id: str
    ) -> str | None:
        raise NotImplementedError

    async def get_agentic_instance_token(
        self, tenant_id: str, agent_app_instance_id: str
    ) -> tuple[str, str]:
        raise NotImplementedError

    async def get_agentic_user_token(
        self, tenant_id: str, agent_app_instance_id: str, agentic_user_id: str, scopes: list[str]
    ) -> str | None:
        raise NotImplementedError


@contextmanager
def jwks_served_by(standin: TeamsConnectorStandIn) -> Iterator[None]:
    """Point the SDK's Bot Framework key lookup at the stand-in's JWKS for one test.

    The SDK hard-codes https://login.botframework.com/v1/.well-known/keys (no setting moves it),
    so this registers a PyJWKClient for that URI in the SDK's own client cache, fetching from
    the stand-in over real HTTP. Everything else (header parsing, key lookup by kid, RS256
    signature, expiry, audience) runs unchanged. Fails loudly if the SDK reorganises this.
    """
    manager = jwt_token_validator.JwtTokenValidator._jwk_client_manager
    cache = manager._cache
    uri = AuthenticationConstants.PUBLIC_ABS_JWKS_URL
    previous = cache.get(uri)
    cache[uri] = jwt_token_validator._JwkClientCacheEntry(
        PyJWKClient(standin.jwks_url, cooldown_duration=0), threading.Lock()
    )
    try:
        yield
    finally:
        if previous is None:
            cache.pop(uri, None)
        else:
            cache[uri] = previous


@dataclass
class ActivityFactory:
    """Activities shaped like the ones Teams sends to a bot."""

    service_url: str
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _base(
        self, user: TeamsUser, conversation: dict[str, Any], *, activity_id: str | None
    ) -> dict[str, Any]:
        return {
            "id": activity_id or f"1:teams-activity-{next(self._ids)}",
            "channelId": TEAMS_CHANNEL_ID,
            "serviceUrl": self.service_url,
            "timestamp": "2026-03-02T09:00:00.000Z",
            "from": {"id": user.id, "name": user.name, "aadObjectId": f"aad-{user.id}"},
            "recipient": {"id": f"28:{BOT_APP_ID}", "name": BOT_NAME},
            "conversation": conversation,
            "channelData": {"tenant": {"id": TENANT_ID}},
            "locale": "da-DK",
        }

    def personal(self, user: TeamsUser) -> dict[str, Any]:
        return {"id": user.chat_id, "conversationType": "personal", "tenantId": TENANT_ID}

    def message(
        self, user: TeamsUser, text: str, *, activity_id: str | None = None
    ) -> dict[str, Any]:
        activity = self._base(user, self.personal(user), activity_id=activity_id)
        activity.update(type="message", text=text, textFormat="plain")
        # Teams echoes what the user typed as a text/html attachment.
        activity["attachments"] = [{"contentType": "text/html", "content": f"<p>{text}</p>"}]
        return activity

    def submit(
        self, user: TeamsUser, data: dict[str, Any], *, activity_id: str | None = None
    ) -> dict[str, Any]:
        """What Teams sends when an Action.Submit button is pressed."""
        activity = self._base(user, self.personal(user), activity_id=activity_id)
        activity.update(type="message", value=data, replyToId="standin-1")
        return activity

    def invoke(self, user: TeamsUser, name: str, value: Any) -> dict[str, Any]:
        activity = self._base(user, self.personal(user), activity_id=None)
        activity.update(type="invoke", name=name, value=value)
        return activity

    def installed(self, user: TeamsUser) -> dict[str, Any]:
        activity = self._base(user, self.personal(user), activity_id=None)
        activity.update(
            type="conversationUpdate",
            membersAdded=[{"id": f"28:{BOT_APP_ID}"}],
        )
        return activity

    def reaction(self, user: TeamsUser) -> dict[str, Any]:
        activity = self._base(user, self.personal(user), activity_id=None)
        activity.update(
            type="messageReaction", reactionsAdded=[{"type": "like"}], replyToId="standin-1"
        )
        return activity

    def channel_message(
        self, user: TeamsUser, text: str, *, mention: bool = True
    ) -> dict[str, Any]:
        conversation = {
            "id": TEAM_CHANNEL,
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": TENANT_ID,
        }
        activity = self._base(user, conversation, activity_id=None)
        markup = f"<at>{BOT_NAME}</at>"
        activity.update(type="message", text=f"{markup} {text}" if mention else text)
        if mention:
            activity["entities"] = [
                {
                    "type": "mention",
                    "text": markup,
                    "mentioned": {"id": f"28:{BOT_APP_ID}", "name": BOT_NAME},
                }
            ]
        return activity


@dataclass
class Answer:
    status: int
    body: Any
    posted: list[Posted]

    @property
    def text(self) -> str:
        return "\n".join(p.shown_text() for p in self.posted)


@dataclass
class TeamsHarness:
    app: App
    standin: TeamsConnectorStandIn
    channel: TeamsChannel
    runner: web.AppRunner
    client: aiohttp.ClientSession
    url: str
    make: ActivityFactory
    token_provider: StandInTokenProvider | None = None

    @classmethod
    async def create(
        cls,
        tmp_path: Path,
        *,
        authenticated: bool = False,
        anonymous: bool | None = None,
        database_url: str | None = None,
        clock: Clock | None = None,
        standin: TeamsConnectorStandIn | None = None,
        outbox: Outbox | None = None,
        seed: int = 7,
        settings_overrides: Mapping[str, Any] | None = None,
        service_url_check: bool = False,
    ) -> TeamsHarness:
        standin = standin or TeamsConnectorStandIn()
        if not standin.port:
            await standin.start()
        values: dict[str, Any] = {
            "database_url": database_url or sqlite_url(tmp_path),
            "teams_anonymous": (not authenticated) if anonymous is None else anonymous,
        }
        if authenticated:
            values.update(
                teams_client_id=BOT_APP_ID,
                teams_client_secret="standin-secret",
                teams_tenant_id=TENANT_ID,
            )
        values.update(settings_overrides or {})
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        app = await create_app(settings, clock=clock or Clock(), seed_source=lambda: seed)
        web_app = build_web_app(app.db)
        providers: list[StandInTokenProvider] = []

        def token_provider(config: AgentAuthConfiguration) -> StandInTokenProvider:
            provider = StandInTokenProvider(config, standin.token_url)
            providers.append(provider)
            return provider

        # Tests wait for nothing: backoff and pacing sleep for a millisecond at most.
        outbox = outbox or Outbox(
            RetryPolicy(base_delay=0.001, max_delay=0.002, max_retry_after=0.002),
            ConversationPacer(windows=((1.0, 1000),)),
        )
        # The stand-in lives on http://127.0.0.1, which the production service-URL check refuses
        # by design (tests/test_teams_auth.py shows it); other tests switch that check off.
        hosts = None if service_url_check else OutboundHostValidator(enabled=False)
        channel = start_teams(
            web_app, app, token_provider=token_provider, outbox=outbox, service_hosts=hosts
        )
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = int(runner.addresses[0][1])
        return cls(
            app=app,
            standin=standin,
            channel=channel,
            runner=runner,
            client=aiohttp.ClientSession(),
            url=f"http://127.0.0.1:{port}/api/messages",
            make=ActivityFactory(standin.service_url),
            token_provider=providers[0] if providers else None,
        )

    async def close(self, *, stop_standin: bool = True) -> None:
        """Stop the bot process; keep the stand-in (Teams itself) running when asked."""
        await self.client.close()
        await self.runner.cleanup()
        await self.app.close()
        if stop_standin:
            await self.standin.stop()

    # -- sending ----------------------------------------------------------------------------

    async def post(
        self,
        activity: Mapping[str, Any],
        *,
        token: str | None = None,
        authorization: str | None = None,
    ) -> Answer:
        """POST one activity; the turn is complete when the response arrives."""
        before = len(self.standin.posted)
        headers = {}
        if authorization is not None:
            headers["Authorization"] = authorization
        elif token is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with self.client.post(self.url, json=activity, headers=headers) as response:
            raw = await response.text()
            body: Any = None
            if raw and response.content_type == "application/json":
                body = await response.json()
            return Answer(response.status, body, self.standin.posted[before:])

    async def say(self, user: TeamsUser, text: str, **kwargs: Any) -> Answer:
        answer = await self.post(self.make.message(user, text), **kwargs)
        assert answer.status in (200, 201, 202), answer
        return answer

    def actions(self, user: TeamsUser) -> list[tuple[str, dict[str, Any]]]:
        """The buttons of the newest card in the user's 1:1 chat."""
        for posted in reversed(self.standin.to(user.chat_id)):
            actions = posted.submit_actions()
            if actions:
                return actions
        return []

    def find_action(self, user: TeamsUser, label: str) -> dict[str, Any]:
        actions = self.actions(user)
        for title, data in actions:
            if label.lower() in title.lower():
                return data
        raise AssertionError(f"no button {label!r} among {[t for t, _ in actions]}")

    async def press(self, user: TeamsUser, label: str, **kwargs: Any) -> Answer:
        answer = await self.post(self.make.submit(user, self.find_action(user, label)), **kwargs)
        assert answer.status in (200, 201, 202), answer
        return answer
