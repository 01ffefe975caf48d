"""``POST /api/messages`` on the project's aiohttp server.

The route lives in its own sub-application mounted at ``/api`` so the SDK's JWT check guards
only the Teams endpoint (not /healthz or the Telegram webhook) and its settings stay out of the
main app. A request without a valid token gets 401 before anything is parsed or processed.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import jwt
from aiohttp import web
from aiohttp.web_exceptions import NotAppKeyWarning
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import AgentAuthConfiguration, OutboundHostValidator

from bot.channels.teams import texts
from bot.channels.teams.app import (
    ConversationHandler,
    TeamsAgent,
    TeamsAuth,
    TokenProviderFactory,
    auth_configuration,
    build_cloud_adapter,
    connection_manager,
)
from bot.channels.teams.delivery import Outbox
from bot.channels.teams.sender import TeamsSender

if TYPE_CHECKING:
    from bot.app import App
    from bot.core.delivery import Delivery

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

MOUNT = "/api"
ENDPOINT = "/messages"  # → POST /api/messages, the path the Azure Bot's messaging endpoint uses
UNAUTHORIZED = {"error": "Invalid token or authentication failed."}
SDK_CONFIG_KEY = "agent_configuration"  # where the SDK's JWT decorator looks for its settings
SDK_USER_TOKEN_LOGGER = "microsoft_agents.hosting.core.connector.client.user_token_client"


@dataclass(frozen=True, slots=True)
class TeamsChannel:
    auth: TeamsAuth
    cloud: CloudAdapter
    agent: TeamsAgent
    sender: TeamsSender
    outbox: Outbox


def teams_enabled(settings: Any) -> bool:
    return TeamsAuth.from_settings(settings).enabled


async def install_teams(
    web_app: web.Application,
    app: App,
    *,
    token_provider: TokenProviderFactory | None = None,
    outbox: Outbox | None = None,
    service_hosts: OutboundHostValidator | None = None,
) -> Callable[[], Awaitable[None]]:
    """What ``serve`` calls: mount the endpoint, register the sender, hand back how to stop."""
    start_teams(
        web_app, app, token_provider=token_provider, outbox=outbox, service_hosts=service_hosts
    )

    async def stop() -> None:
        """Nothing to stop: the SDK opens a connector session per turn and closes it after."""

    return stop


def start_teams(
    web_app: web.Application,
    app: App,
    *,
    token_provider: TokenProviderFactory | None = None,
    outbox: Outbox | None = None,
    service_hosts: OutboundHostValidator | None = None,
) -> TeamsChannel:
    return mount_teams(
        web_app,
        app.settings,
        app.core,
        delivery=app.services.delivery,
        token_provider=token_provider,
        outbox=outbox,
        service_hosts=service_hosts,
    )


def mount_teams(
    web_app: web.Application,
    settings: Any,
    core: ConversationHandler,
    *,
    delivery: Delivery | None = None,
    token_provider: TokenProviderFactory | None = None,
    outbox: Outbox | None = None,
    service_hosts: OutboundHostValidator | None = None,
) -> TeamsChannel:
    """Add the Teams endpoint; register its proactive sender with ``delivery`` when given.

    ``token_provider`` replaces MSAL as the source of the bot's outbound token (the SDK's
    extension point for token providers); ``outbox`` replaces the default pacing and retries;
    ``service_hosts`` replaces the check of where replies may go (see ``service_url_guard``).
    """
    auth = TeamsAuth.from_settings(settings)
    auth.check()
    config = auth_configuration(auth)
    if auth.anonymous:
        log.warning(texts.ANONYMOUS_WARNING)
        # Without an app id the SDK warns on every turn that it has none: known, and noise here.
        logging.getLogger(SDK_USER_TOKEN_LOGGER).setLevel(logging.ERROR)
    guard = service_hosts if service_hosts is not None else service_url_guard(auth)
    cloud = build_cloud_adapter(connection_manager(config, token_provider), guard)
    outbox = outbox or Outbox()
    agent = TeamsAgent(core, outbox)
    channel = TeamsChannel(auth, cloud, agent, TeamsSender(cloud, outbox, auth), outbox)

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await cloud.process(request, agent)
        return response if response is not None else web.Response(status=202)

    api = web.Application()
    _store_sdk_config(api, config)
    # The SDK keeps the caller's claims under a plain string key on the request.
    warnings.filterwarnings("ignore", category=NotAppKeyWarning, module=r"microsoft_agents\.")
    validated = cast(Handler, jwt_authorization_decorator(messages))  # type: ignore[no-untyped-call]

    async def guarded(request: web.Request) -> web.StreamResponse:
        header = request.headers.get("Authorization")
        if header is not None and not token_is_well_formed(header):
            log.warning("teams request refused: malformed token")
            return web.json_response(UNAUTHORIZED, status=401)
        return await validated(request)

    api.router.add_post(ENDPOINT, guarded)
    web_app.add_subapp(MOUNT, api)
    if delivery is not None:
        delivery.register(channel.sender)
    log.info(
        "teams endpoint installed path=%s%s auth=%s",
        MOUNT,
        ENDPOINT,
        "anonymous" if auth.anonymous else "jwt",
    )
    return channel


def service_url_guard(auth: TeamsAuth) -> OutboundHostValidator:
    """Where the bot may send its replies, and with them its own access token.

    With credentials, only https URLs on Microsoft's Teams/Bot Framework hosts are accepted: an
    activity naming any other serviceUrl (a replayed token with a rewritten body, say) gets 401
    instead of receiving the bot's token. Anonymous local testing talks to localhost, so the
    check is off there.
    """
    return OutboundHostValidator(enabled=auth.has_credentials and not auth.anonymous)


def token_is_well_formed(header: str) -> bool:
    """A JWS the SDK can check: ``Bearer`` + a token whose header names an RS256 key id.

    The SDK 1.9 validator looks up ``kid`` without a guard, so a token without one (such as an
    ``alg: none`` token) would end in a 500 instead of a 401. The signature, expiry, issuer and
    audience checks stay with the SDK.
    """
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return False
    try:
        jose = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return False
    return jose.get("alg") == "RS256" and isinstance(jose.get("kid"), str) and bool(jose["kid"])


def _store_sdk_config(api: web.Application, config: AgentAuthConfiguration) -> None:
    # The SDK reads a plain string key; aiohttp prefers typed AppKeys and warns about strings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotAppKeyWarning)
        api[SDK_CONFIG_KEY] = config
