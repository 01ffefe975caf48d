"""A local stand-in for the Bot Framework connector that Teams runs, so the real SDK runs in tests.

It listens on 127.0.0.1 (ephemeral port) and:

* records every activity the bot posts to ``/v3/conversations/{id}/activities`` (new messages)
  and ``/v3/conversations/{id}/activities/{activityId}`` (replies), with the Authorization header;
* checks what Teams checks before accepting one: a message has a conversation, the payload stays
  under 40 KB, an Adaptive Card is at most version 1.5 and every action has a title (400 if not);
* answers the next N posts with an error (412/429/502/504, optionally with Retry-After);
* serves an OpenID metadata document and a JWKS for a test signing key, so tokens the tests sign
  are validated by the SDK's real JWT code, and a client-credentials token endpoint that issues
  the bot's outbound token;
* accepts the OneDrive upload a file-consent card leads to (``PUT /upload/{name}``).
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

BOT_APP_ID = "00000000-0000-0000-0000-00000000b07a"
TENANT_ID = "11111111-2222-3333-4444-555555555555"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
OUTBOUND_TOKEN_PREFIX = "standin-outbound-"
MAX_PAYLOAD_BYTES = 40 * 1024
MAX_CARD_VERSION = (1, 5)
_TAG = re.compile(r"</?(?:b|i|u|s|strong|em|p|pre|code)>")


def new_signing_key() -> RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def jwk_for(key: RSAPrivateKey, kid: str) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "kid": kid,
        "n": _b64url_uint(numbers.n),
        "e": _b64url_uint(numbers.e),
    }


def sign_token(
    key: RSAPrivateKey,
    kid: str,
    *,
    audience: str = BOT_APP_ID,
    issuer: str = BOT_FRAMEWORK_ISSUER,
    service_url: str | None = None,
    lifetime_s: int = 3600,
    issued_at: float | None = None,
) -> str:
    """A token shaped like the one the Bot Framework channel sends with every activity."""
    now = int(time.time() if issued_at is None else issued_at)
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + lifetime_s,
    }
    if service_url:
        claims["serviceurl"] = service_url
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


@dataclass
class Posted:
    """One activity the bot sent to the connector."""

    conversation_id: str
    reply_to_id: str | None
    activity: dict[str, Any]
    authorization: str | None

    @property
    def text(self) -> str:
        """The message text as the user reads it (Teams renders ``textFormat: xml`` as HTML)."""
        raw = str(self.activity.get("text") or "")
        if self.activity.get("textFormat") != "xml":
            return raw
        return html.unescape(_TAG.sub("", raw.replace("<br>", "\n")))

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [
            a["content"]
            for a in self.activity.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]

    def card_text(self) -> str:
        """Every piece of text shown by this activity's cards, in order."""
        parts: list[str] = []
        for card in self.cards:
            _collect_text(card.get("body") or [], parts)
        return "\n".join(parts)

    def shown_text(self) -> str:
        """What the user reads: message text plus card text."""
        return "\n".join(part for part in (self.text, self.card_text()) if part)

    def submit_actions(self) -> list[tuple[str, dict[str, Any]]]:
        """(title, data) of every Action.Submit in this activity's cards."""
        actions: list[tuple[str, dict[str, Any]]] = []
        for card in self.cards:
            _collect_actions(card.get("body") or [], actions)
            _collect_actions([{"type": "ActionSet", "actions": card.get("actions") or []}], actions)
        return actions


def _collect_text(elements: list[dict[str, Any]], out: list[str]) -> None:
    for element in elements:
        kind = element.get("type")
        if kind == "TextBlock":
            out.append(str(element.get("text", "")))
        elif kind == "RichTextBlock":
            out.append("".join(str(run.get("text", "")) for run in element.get("inlines") or []))
        elif kind in ("Container", "Column"):
            _collect_text(element.get("items") or [], out)
        elif kind == "ColumnSet":
            _collect_text(element.get("columns") or [], out)


def _collect_actions(elements: list[dict[str, Any]], out: list[tuple[str, dict[str, Any]]]) -> None:
    for element in elements:
        if element.get("type") == "ActionSet":
            for action in element.get("actions") or []:
                if action.get("type") == "Action.Submit":
                    out.append((str(action.get("title", "")), dict(action.get("data") or {})))
        elif element.get("type") in ("Container", "Column"):
            _collect_actions(element.get("items") or [], out)


@dataclass
class _FailurePlan:
    status: int
    remaining: int
    retry_after: str | None


@dataclass
class Upload:
    name: str
    headers: dict[str, str]
    body: bytes


@dataclass
class TeamsConnectorStandIn:
    """Start with ``await standin.start()``; ``service_url`` then points the bot here."""

    signing_key: RSAPrivateKey = field(default_factory=new_signing_key)
    kid: str = "standin-key-1"
    posted: list[Posted] = field(default_factory=list)
    rejected: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    jwks_fetches: int = 0
    _failures: list[_FailurePlan] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return f"{self.base_url}/"

    @property
    def jwks_url(self) -> str:
        return f"{self.base_url}/keys"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth2/v2.0/token"

    def upload_url(self, name: str) -> str:
        return f"{self.base_url}/upload/{name}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation_id}/activities", self._on_send)
        app.router.add_post(
            "/v3/conversations/{conversation_id}/activities/{activity_id}", self._on_send
        )
        app.router.add_get("/.well-known/openid-configuration", self._on_openid)
        app.router.add_get("/keys", self._on_jwks)
        app.router.add_post("/oauth2/v2.0/token", self._on_token)
        app.router.add_put("/upload/{name}", self._on_upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- test controls -------------------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1, *, retry_after: str | None = None) -> None:
        """Answer the next ``times`` activity posts with ``status`` instead of accepting them."""
        self._failures.append(_FailurePlan(status, times, retry_after))

    def sign(self, **kwargs: Any) -> str:
        return sign_token(self.signing_key, self.kid, **kwargs)

    def to(self, conversation_id: str) -> list[Posted]:
        return [p for p in self.posted if p.conversation_id == conversation_id]

    def clear(self) -> None:
        self.posted.clear()
        self.rejected.clear()

    # -- handlers ------------------------------------------------------------------------------

    async def _on_send(self, request: web.Request) -> web.Response:
        body = await request.read()
        if self._failures:
            plan = self._failures[0]
            plan.remaining -= 1
            if plan.remaining <= 0:
                self._failures.pop(0)
            headers = {"Retry-After": plan.retry_after} if plan.retry_after else {}
            self.rejected.append((plan.status, json.loads(body or b"{}")))
            return web.json_response(
                {"error": {"code": "Throttled", "message": "stand-in failure"}},
                status=plan.status,
                headers=headers,
            )
        if len(body) > MAX_PAYLOAD_BYTES:
            return _bad_request("MessageSizeTooBig", status=413)
        activity = json.loads(body)
        problem = _check_activity(activity)
        if problem:
            self.rejected.append((400, activity))
            return _bad_request(problem)
        self.posted.append(
            Posted(
                conversation_id=request.match_info["conversation_id"],
                reply_to_id=request.match_info.get("activity_id"),
                activity=activity,
                authorization=request.headers.get("Authorization"),
            )
        )
        return web.json_response({"id": f"standin-{next(self._ids)}"}, status=201)

    async def _on_openid(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": BOT_FRAMEWORK_ISSUER,
                "jwks_uri": self.jwks_url,
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def _on_jwks(self, request: web.Request) -> web.Response:
        self.jwks_fetches += 1
        return web.json_response({"keys": [jwk_for(self.signing_key, self.kid)]})

    async def _on_token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.token_requests.append(form)
        if form.get("grant_type") != "client_credentials" or not form.get("client_id"):
            return web.json_response({"error": "invalid_request"}, status=400)
        return web.json_response(
            {
                "token_type": "Bearer",
                "expires_in": 3600,
                "access_token": f"{OUTBOUND_TOKEN_PREFIX}{uuid.uuid4().hex}",
            }
        )

    async def _on_upload(self, request: web.Request) -> web.Response:
        self.uploads.append(
            Upload(request.match_info["name"], dict(request.headers), await request.read())
        )
        return web.json_response({"id": "drive-item-1"}, status=201)


def _bad_request(code: str, *, status: int = 400) -> web.Response:
    return web.json_response({"error": {"code": code, "message": code}}, status=status)


def _check_activity(activity: dict[str, Any]) -> str | None:
    if not activity.get("type"):
        return "MissingActivityType"
    if not (activity.get("conversation") or {}).get("id"):
        return "MissingConversation"
    if activity["type"] == "message" and not (activity.get("text") or activity.get("attachments")):
        return "EmptyMessage"
    if activity.get("textFormat") == "xml":
        # Only the markup the bot means may reach the client: anything else is unescaped text.
        stray = _TAG.sub("", str(activity.get("text", "")).replace("<br>", ""))
        if "<" in stray or ">" in stray:
            return "UnescapedMarkup"
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") != "application/vnd.microsoft.card.adaptive":
            continue
        card = attachment.get("content") or {}
        if card.get("type") != "AdaptiveCard":
            return "NotAnAdaptiveCard"
        major, _, minor = str(card.get("version", "")).partition(".")
        if not (major.isdigit() and minor.isdigit()):
            return "CardVersionMissing"
        if (int(major), int(minor)) > MAX_CARD_VERSION:
            return "CardVersionUnsupported"
        actions: list[tuple[str, dict[str, Any]]] = []
        _collect_actions(card.get("body") or [], actions)
        if any(not title for title, _ in actions):
            return "ActionWithoutTitle"
    return None
