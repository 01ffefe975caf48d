"""A local stand-in for the Telegram Bot API, so the real python-telegram-bot runs in tests.

It listens on 127.0.0.1 (ephemeral port), answers the Bot API methods the project uses the way
Telegram does (including its checks: 4 096-character limit, HTML entities, 64-byte callback
data, 409 for getUpdates while a webhook is set), records every call, lets a test inject updates
(polling) or push them to the registered webhook with its secret, and can answer a method with
an error once (429 with retry_after, 403 blocked, ...).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import aiohttp
from aiohttp import web

TOKEN = "123456:TEST-standin-token"
BOT_ID = 123456
BOT_USERNAME = "ringetraener_test_bot"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

# Parameters that are plain strings on the wire (python-telegram-bot sends every other value
# JSON-encoded, so those are decoded back to numbers, booleans, lists and dicts).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "language_code",
        "inline_message_id",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
    }
)
_ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class _HtmlChecker(HTMLParser):
    """Telegram's HTML rules: known tags only, balanced, every bare <, > and & escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.error = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.error = f'Can\'t parse entities: unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = f'Can\'t parse entities: unmatched end tag "{tag}"'

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(source: str) -> tuple[str, str]:
    """Return (plain text, error); error is "" when Telegram would accept ``source``."""
    stripped = re.sub(r"</?[a-zA-Z][a-zA-Z-]*(\s[^<>]*)?>", "", source)
    stripped = _ENTITY.sub("", stripped)
    for bad in "<>&":
        if bad in stripped:
            return "", f"Can't parse entities: unescaped {bad!r}"
    checker = _HtmlChecker()
    checker.feed(source)
    checker.close()
    if not checker.error and checker.stack:
        checker.error = f'Can\'t parse entities: unclosed start tag "{checker.stack[-1]}"'
    return "".join(checker.text), checker.error


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    status: int
    at: float  # time.monotonic() when answered
    result: Any = None  # what the stand-in answered (e.g. the stored message)


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    last_name: str = ""
    username: str = ""
    language_code: str = "da"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class _Failure:
    status: int
    description: str
    parameters: dict[str, Any] | None


@dataclass
class _State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    webhook_url: str = ""
    webhook_secret: str = ""
    commands: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    # (chat_id, message_id) -> the message as the bot sent it (edits update it)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)


class BotApiStandIn:
    """The Bot API on loopback; ``base_url`` goes to ``ApplicationBuilder().base_url``."""

    def __init__(self, token: str = TOKEN, bot_username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_username = bot_username
        self.calls: list[ApiCall] = []
        self.ok_counts: Counter[str] = Counter()  # successful calls per method, kept cheap
        self._state = _State()
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0
        self._closing = False

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None)
        assert sockets
        self.port = sockets[0].getsockname()[1]

    async def close(self) -> None:
        async with self._changed:
            self._closing = True  # releases pending long polls at once
            self._changed.notify_all()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> BotApiStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ------------------------------------------------------------------ test controls
    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        description: str = "",
        retry_after: int | None = 1,
    ) -> None:
        """Answer the next call of ``method`` with an error (default: 429, retry after 1 s)."""
        parameters = {"retry_after": retry_after} if status == 429 and retry_after else None
        text = description or (
            f"Too Many Requests: retry after {retry_after}" if status == 429 else "Error"
        )
        self._state.failures.setdefault(method, []).append(_Failure(status, text, parameters))

    def calls_to(self, method: str, *, ok_only: bool = True) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of successful sendMessage calls (optionally to one chat), HTML as sent."""
        return [
            str(c.params["text"])
            for c in self.calls_to("sendMessage")
            if chat_id is None or int(c.params["chat_id"]) == chat_id
        ]

    def last_message(self, chat_id: int) -> dict[str, Any]:
        """The latest message the bot sent to ``chat_id`` (as stored, edits applied)."""
        own = [m for (cid, _), m in self._state.messages.items() if cid == chat_id]
        if not own:
            raise AssertionError(f"the bot has sent nothing to chat {chat_id}")
        return max(own, key=lambda m: int(m["message_id"]))

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return self._state.messages[(chat_id, message_id)]

    @property
    def webhook_url(self) -> str:
        return self._state.webhook_url

    @property
    def webhook_secret(self) -> str:
        return self._state.webhook_secret

    @property
    def commands(self) -> list[dict[str, Any]]:
        return list(self._state.commands)

    @property
    def pending_updates(self) -> int:
        return len(self._state.updates)

    async def wait_for(
        self, predicate: Callable[[], bool], *, timeout: float = 10.0, what: str = ""
    ) -> None:
        """Wait until ``predicate()`` holds (checked after every API call); a safety net only."""

        async def _wait() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(_wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"stand-in: timed out waiting for {what or predicate}") from None

    async def wait_calls(self, method: str, count: int, *, timeout: float = 10.0) -> list[ApiCall]:
        await self.wait_for(
            lambda: self.ok_counts[method] >= count,
            timeout=timeout,
            what=f"{count} x {method}",
        )
        return self.calls_to(method)

    # ------------------------------------------------------------------ updates
    def _register_chat(self, chat: dict[str, Any]) -> None:
        self._chats[int(chat["id"])] = chat

    def new_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Wrap one update body (e.g. ``{"message": {...}}``) with a fresh update_id."""
        return {"update_id": next(self._update_ids), **payload}

    async def inject(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (polling); returns its update_id."""
        async with self._changed:
            self._state.updates.append(update)
            self._changed.notify_all()
        return int(update["update_id"])

    async def push_webhook(
        self, update: dict[str, Any], *, secret: str | None = None
    ) -> tuple[int, str]:
        """Deliver ``update`` to the registered webhook as Telegram would (status, body)."""
        if not self._state.webhook_url:
            raise AssertionError("no webhook registered with setWebhook")
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"Content-Type": "application/json"}
        token = self._state.webhook_secret if secret is None else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with self._session.post(
            self._state.webhook_url, data=json.dumps(update), headers=headers
        ) as response:
            return response.status, await response.text()

    def private_chat(self, user: TgUser) -> dict[str, Any]:
        chat = {"id": user.id, "type": "private", "first_name": user.first_name}
        if user.username:
            chat["username"] = user.username
        self._register_chat(chat)
        return chat

    def group_chat(self, chat_id: int, title: str = "Jobcenter-holdet") -> dict[str, Any]:
        chat = {"id": chat_id, "type": "supergroup", "title": title}
        self._register_chat(chat)
        return chat

    def _message_body(
        self, user: TgUser, chat: dict[str, Any] | None, **content: Any
    ) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or self.private_chat(user),
            "from": user.as_dict(),
            **content,
        }

    def text_update(
        self, user: TgUser, text: str, *, chat: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        return self.new_update({"message": self._message_body(user, chat, **content)})

    def media_update(
        self, user: TgUser, kind: str, *, chat: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A sticker, photo, voice or document message."""
        file_ids = {"file_id": f"F{kind}", "file_unique_id": f"U{kind}"}
        payloads: dict[str, dict[str, Any]] = {
            "sticker": {
                "sticker": {
                    **file_ids,
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "👍",
                }
            },
            "photo": {"photo": [{**file_ids, "width": 90, "height": 90}]},
            "voice": {"voice": {**file_ids, "duration": 3, "mime_type": "audio/ogg"}},
            "document": {"document": {**file_ids, "file_name": "noter.pdf"}},
        }
        return self.new_update({"message": self._message_body(user, chat, **payloads[kind])})

    def edited_message_update(self, user: TgUser, text: str) -> dict[str, Any]:
        body = self._message_body(user, None, text=text, edit_date=int(time.time()))
        return self.new_update({"edited_message": body})

    def channel_post_update(self, chat_id: int, text: str) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "channel", "title": "Nyheder"}
        body = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
        return self.new_update({"channel_post": body})

    def my_chat_member_update(self, user: TgUser, status: str = "kicked") -> dict[str, Any]:
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "Ringetræner"}
        return self.new_update(
            {
                "my_chat_member": {
                    "chat": self.private_chat(user),
                    "from": user.as_dict(),
                    "date": int(time.time()),
                    "old_chat_member": {"status": "member", "user": bot},
                    "new_chat_member": {"status": status, "user": bot, "until_date": 0},
                }
            }
        )

    def new_members_update(self, user: TgUser, chat: dict[str, Any]) -> dict[str, Any]:
        """A service message in a group: someone joined."""
        body = self._message_body(user, chat, new_chat_members=[user.as_dict()])
        return self.new_update({"message": body})

    def callback_update(self, user: TgUser, message: dict[str, Any], data: str) -> dict[str, Any]:
        """``user`` presses the button with ``data`` under the bot's ``message``."""
        return self.new_update(
            {
                "callback_query": {
                    "id": f"cq{next(self._update_ids)}",
                    "from": user.as_dict(),
                    "message": message,
                    "chat_instance": f"ci{message['chat']['id']}",
                    "data": data,
                }
            }
        )

    # ------------------------------------------------------------------ the HTTP side
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        params, files = await self._read_params(request)
        failures = self._state.failures.get(method)
        if failures:
            failure = failures.pop(0)
            await self._record(method, params, files, failure.status)
            return self._error(failure.status, failure.description, failure.parameters)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            await self._record(method, params, files, 404)
            return self._error(404, "Not Found: method not found")
        if method == "getUpdates":
            status, result = await self._api_getUpdates(params)
        else:
            status, result = handler(params, files)
        await self._record(method, params, files, status, result)
        if status != 200:
            return self._error(status, str(result))
        return web.json_response({"ok": True, "result": result})

    async def _record(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        status: int,
        result: Any = None,
    ) -> None:
        async with self._changed:
            call = ApiCall(method, params, files, status, time.monotonic(), result)
            self.calls.append(call)
            if status == 200:
                self.ok_counts[method] += 1
            self._changed.notify_all()

    @staticmethod
    async def _read_params(
        request: web.Request,
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json":
            body = await request.json()
            return dict(body), files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(value.filename, value.content_type, value.file.read())
                continue
            text = str(value)
            if name in _STRING_PARAMS:
                params[name] = text
            else:
                try:
                    params[name] = json.loads(text)
                except ValueError:
                    params[name] = text
        return params, files

    @staticmethod
    def _error(
        status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=status)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Ringetræner",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        cid = int(chat_id)
        return self._chats.get(cid) or {"id": cid, "type": "private" if cid > 0 else "group"}

    def _check_text(self, params: dict[str, Any], key: str = "text") -> str:
        """The Bot API's checks on a text: "" when fine, else the description of a 400."""
        text = str(params.get(key, ""))
        plain = text
        if params.get("parse_mode") == "HTML":
            plain, error = check_html(text)
            if error:
                return f"Bad Request: {error}"
        if not plain.strip() and key == "text":
            return "Bad Request: message text is empty"
        if utf16_len(plain) > MAX_TEXT:
            return "Bad Request: message is too long"
        return self._check_markup(params.get("reply_markup"))

    @staticmethod
    def _check_markup(markup: Any) -> str:
        if not markup:
            return ""
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                    return "Bad Request: BUTTON_DATA_INVALID"
                if not str(button.get("text", "")).strip():
                    return "Bad Request: BUTTON_TEXT_INVALID"
        return ""

    def _store_message(self, chat_id: Any, **content: Any) -> dict[str, Any]:
        chat = self._chat(chat_id)
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._bot_user(),
            **{k: v for k, v in content.items() if v is not None},
        }
        self._state.messages[(int(chat["id"]), int(message["message_id"]))] = message
        return message

    # Bot API methods: (status, result or error description). Names follow the API.
    def _api_getMe(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, self._bot_user()

    def _api_logOut(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, True

    def _api_close(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, True

    async def _api_getUpdates(self, params: dict[str, Any]) -> tuple[int, Any]:
        if self._state.webhook_url:
            return 409, "Conflict: can't use getUpdates method while webhook is active"
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)

        def confirm_and_pick() -> list[dict[str, Any]]:
            if offset:
                self._state.updates = [
                    u for u in self._state.updates if int(u["update_id"]) >= offset
                ]
            return self._state.updates[:limit]

        async with self._changed:
            picked = confirm_and_pick()
            if not picked and timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: self._closing or bool(confirm_and_pick())),
                        timeout,
                    )
                picked = confirm_and_pick()
        return 200, picked

    def _api_setWebhook(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        url = str(params.get("url", ""))
        secret = str(params.get("secret_token", ""))
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            return 400, "Bad Request: secret token contains unallowed characters"
        self._state.webhook_url = url
        self._state.webhook_secret = secret
        if params.get("drop_pending_updates"):
            self._state.updates.clear()
        return 200, True

    def _api_deleteWebhook(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        self._state.webhook_url = ""
        self._state.webhook_secret = ""
        if params.get("drop_pending_updates"):
            self._state.updates.clear()
        return 200, True

    def _api_getWebhookInfo(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, {
            "url": self._state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._state.updates),
        }

    def _api_setMyCommands(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                return 400, "Bad Request: BOT_COMMAND_INVALID"
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                return 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
        self._state.commands = list(commands)
        return 200, True

    def _api_getMyCommands(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, self._state.commands

    def _api_deleteMyCommands(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        self._state.commands = []
        return 200, True

    def _api_sendChatAction(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        return 200, True

    def _api_sendMessage(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        error = self._check_text(params)
        if error:
            return 400, error
        return 200, self._store_message(
            params["chat_id"], text=params["text"], reply_markup=params.get("reply_markup")
        )

    def _find_message(self, params: dict[str, Any]) -> dict[str, Any] | None:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        return self._state.messages.get(key)

    def _api_editMessageText(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        message = self._find_message(params)
        if message is None:
            return 400, "Bad Request: message to edit not found"
        error = self._check_text(params)
        if error:
            return 400, error
        if message.get("text") == params["text"] and message.get("reply_markup") == params.get(
            "reply_markup"
        ):
            return 400, "Bad Request: message is not modified"
        message["text"] = params["text"]
        message["edit_date"] = int(time.time())
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return 200, message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        message = self._find_message(params)
        if message is None:
            return 400, "Bad Request: message to edit not found"
        markup = params.get("reply_markup")
        if message.get("reply_markup") == markup or (not markup and "reply_markup" not in message):
            return 400, "Bad Request: message is not modified"
        error = self._check_markup(markup)
        if error:
            return 400, error
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return 200, message

    def _api_answerCallbackQuery(self, params: dict[str, Any], files: Any) -> tuple[int, Any]:
        if not params.get("callback_query_id"):
            return 400, "Bad Request: query is too old and response timeout expired"
        if len(str(params.get("text", ""))) > 200:
            return 400, "Bad Request: MESSAGE_TOO_LONG"
        return 200, True

    def _api_sendDocument(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> tuple[int, Any]:
        upload = files.get("document")
        if upload is None:
            return 400, "Bad Request: there is no document in the request"
        if params.get("caption"):
            error = self._check_text(params, "caption")
            if error:
                return 400, error
        document = {
            "file_id": f"doc{len(self.calls)}",
            "file_unique_id": f"udoc{len(self.calls)}",
            "file_name": upload.filename,
            "mime_type": upload.content_type,
            "file_size": len(upload.data),
        }
        return 200, self._store_message(
            params["chat_id"], document=document, caption=params.get("caption")
        )


def button_data(message: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """(label, callback_data) rows of a stored bot message's inline keyboard."""
    rows: Iterable[list[dict[str, Any]]] = (message.get("reply_markup") or {}).get(
        "inline_keyboard", []
    )
    return [[(str(b["text"]), str(b.get("callback_data", ""))) for b in row] for row in rows]
