"""Translation only: Telegram updates in, channel-neutral messages out, and replies back.

No coaching decisions here. Everything the core sends is plain text; this module escapes it for
Telegram's HTML parse mode, splits what is too long and renders buttons as inline keyboards.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType as TgChatType
from telegram.constants import MessageLimit, ParseMode

from bot.core.messages import (
    Attachment,
    Button,
    Channel,
    ChatType,
    ConversationKey,
    Incoming,
    IncomingKind,
    Reply,
)

log = logging.getLogger(__name__)

MAX_MESSAGE = int(MessageLimit.MAX_TEXT_LENGTH)  # 4 096, counted in UTF-16 code units
MAX_CALLBACK_DATA = 64  # bytes
MAX_TITLE = 200
_COMMAND = re.compile(
    r"^/(?P<name>[A-Za-z0-9_]+)(?:@(?P<bot>[A-Za-z0-9_]+))?(?P<rest>\s.*)?$", re.S
)
_SEPARATORS = ("\n\n", "\n", " ")
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


# ---------------------------------------------------------------------------- inbound
def to_incoming(update: Update, bot_username: str) -> Incoming | None:
    """The neutral message for ``update``, or None for what the coach never sees.

    Edited messages, channel posts, membership changes and service messages are ignored; in
    groups only commands addressed to this bot get through (the core then invites the user to
    write privately).
    """
    if update.callback_query is not None:
        return _from_callback(update.update_id, update.callback_query)
    if update.message is not None:
        return _from_message(update.update_id, update.message, bot_username)
    return None


def _from_message(update_id: int, message: Message, bot_username: str) -> Incoming | None:
    user = message.from_user
    if user is None or user.is_bot:
        return None
    in_group = message.chat.type in (TgChatType.GROUP, TgChatType.SUPERGROUP)
    if message.chat.type == TgChatType.CHANNEL:
        return None
    if message.text is not None:
        text = message.text
        command = _COMMAND.match(text)
        if command is not None:
            addressee = command.group("bot")
            if addressee and addressee.lower() != bot_username.lower():
                return None  # "/start@other_bot": not for us
            text = "/" + command.group("name") + (command.group("rest") or "")
        elif in_group:
            return None
        kind = IncomingKind.TEXT
    elif message.effective_attachment is not None:
        if in_group:
            return None
        text, kind = "", IncomingKind.UNSUPPORTED
    else:
        return None  # service message: someone joined, a title changed, a pin, ...
    chat_id = str(message.chat.id)
    return Incoming(
        key=ConversationKey(Channel.TELEGRAM, chat_id, str(user.id)),
        kind=kind,
        text=text,
        display_name=user.full_name,
        chat_type=ChatType.GROUP if in_group else ChatType.PRIVATE,
        event_id=str(update_id),
        # A group is no place for someone's reminders: only a private chat becomes the address.
        address="" if in_group else chat_id,
    )


def _from_callback(update_id: int, query: CallbackQuery) -> Incoming | None:
    if query.data is None or query.from_user.is_bot:
        return None
    message = query.message
    chat = message.chat if message is not None else None
    in_group = chat is not None and chat.type in (TgChatType.GROUP, TgChatType.SUPERGROUP)
    chat_id = str(chat.id if chat is not None else query.from_user.id)
    return Incoming(
        key=ConversationKey(Channel.TELEGRAM, chat_id, str(query.from_user.id)),
        kind=IncomingKind.BUTTON,
        button_data=query.data,
        display_name=query.from_user.full_name,
        chat_type=ChatType.GROUP if in_group else ChatType.PRIVATE,
        event_id=str(update_id),
        address="" if in_group else chat_id,
    )


# ---------------------------------------------------------------------------- outbound
@dataclass(frozen=True, slots=True)
class TextPart:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True)
class DocumentPart:
    attachment: Attachment
    keyboard: InlineKeyboardMarkup | None = None


OutgoingPart = TextPart | DocumentPart


def render(replies: Sequence[Reply], limit: int = MAX_MESSAGE) -> list[OutgoingPart]:
    """Telegram messages for one turn: as few as possible, each within ``limit``.

    Consecutive replies without attachments share one message when they fit together (one
    practice turn, one message); a reply too long for one message is split at paragraph, line
    or word boundaries with its buttons under the last part.
    """
    parts: list[OutgoingPart] = []
    pending: list[Reply] = []
    for reply in replies:
        if reply.attachments:
            parts.extend(_render_merged(pending, limit))
            pending = []
            parts.extend(_render_one(reply, limit))
        elif pending and _cost(_merged_html([*pending, reply])) > limit:
            parts.extend(_render_merged(pending, limit))
            pending = [reply]
        else:
            pending.append(reply)
    parts.extend(_render_merged(pending, limit))
    return parts


def _render_merged(replies: list[Reply], limit: int) -> list[OutgoingPart]:
    merged = _merged_html(replies)
    if len(replies) <= 1 or not merged:
        return [p for r in replies for p in _render_one(r, limit)]
    rows = tuple(row for r in replies for row in r.buttons)
    return [TextPart(merged, keyboard(rows))]


def _merged_html(replies: Sequence[Reply]) -> str:
    return "\n\n".join(_heading(r.title) + escape(r.text) for r in replies if r.title or r.text)


def _render_one(reply: Reply, limit: int) -> list[OutgoingPart]:
    heading = _heading(reply.title)
    chunks = split_text(reply.text, limit - _cost(heading)) if reply.text.strip() else []
    texts = [escape(c) for c in chunks]
    if heading:
        texts = [heading + texts[0], *texts[1:]] if texts else [heading.rstrip()]
    markup = keyboard(reply.buttons)
    parts: list[OutgoingPart] = [TextPart(t) for t in texts]
    parts.extend(DocumentPart(a) for a in reply.attachments)
    if markup is not None:
        if not parts:
            raise ValueError("a reply with buttons needs text or an attachment")
        last = parts[-1]
        parts[-1] = (
            TextPart(last.html, markup)
            if isinstance(last, TextPart)
            else DocumentPart(last.attachment, markup)
        )
    return parts


def _heading(title: str) -> str:
    if not title.strip():
        return ""
    shown = title.strip()
    if len(shown) > MAX_TITLE:
        shown = shown[: MAX_TITLE - 1] + "…"
    return f"<b>{escape(shown)}</b>\n\n"


def escape(text: str) -> str:
    """Everything the core sends is plain text: escape it for the HTML parse mode."""
    return html.escape(text, quote=False)


def _cost(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _escaped_cost(text: str) -> int:
    return _cost(escape(text))


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Chunks whose escaped form fits ``limit``, cut at the largest boundary that works.

    Paragraphs stay whole where they can, then lines, then words; only a word longer than a
    whole message is cut inside. Whitespace at the cuts is dropped; nothing else is lost.
    """
    if limit < 8:
        raise ValueError("limit too small to split into")
    chunks = _split(text, limit, 0) if _escaped_cost(text) > limit else [text]
    return [c.strip() for c in chunks if c.strip()]


def _split(text: str, limit: int, level: int) -> list[str]:
    if level == len(_SEPARATORS):
        return _hard_cut(text, limit)
    separator = _SEPARATORS[level]
    separator_cost = _escaped_cost(separator)
    chunks: list[str] = []
    current: list[str] = []
    current_cost = 0
    for piece in text.split(separator):
        cost = _escaped_cost(piece)
        joined_cost = current_cost + separator_cost + cost if current else cost
        if joined_cost <= limit:
            current.append(piece)
            current_cost = joined_cost
            continue
        if current:
            chunks.append(separator.join(current))
        if cost <= limit:
            current, current_cost = [piece], cost
        else:
            smaller = _split(piece, limit, level + 1)
            chunks.extend(smaller[:-1])
            current, current_cost = [smaller[-1]], _escaped_cost(smaller[-1])
    if current:
        chunks.append(separator.join(current))
    return chunks


def _hard_cut(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    start, cost = 0, 0
    for index, char in enumerate(text):
        char_cost = _escaped_cost(char)
        if cost + char_cost > limit:
            chunks.append(text[start:index])
            start, cost = index, 0
        cost += char_cost
    chunks.append(text[start:])
    return chunks


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Buttons as an inline keyboard; each token travels as callback_data and comes back."""
    built = []
    for row in rows:
        cells = []
        for button in row:
            if not 0 < len(button.data.encode()) <= MAX_CALLBACK_DATA:
                raise ValueError(f"button token of {len(button.data.encode())} bytes")
            cells.append(InlineKeyboardButton(button.label, callback_data=button.data))
        if cells:
            built.append(cells)
    return InlineKeyboardMarkup(built) if built else None


async def send_parts(bot: Bot, chat_id: int | str, parts: Sequence[OutgoingPart]) -> None:
    """Send in order; an API error propagates so the caller can log it or retry."""
    for part in parts:
        if isinstance(part, TextPart):
            await bot.send_message(
                chat_id=chat_id,
                text=part.html,
                parse_mode=ParseMode.HTML,
                reply_markup=part.keyboard,
                link_preview_options=_NO_PREVIEW,
            )
        else:
            document = InputFile(part.attachment.data, filename=part.attachment.filename)
            document.mimetype = part.attachment.content_type or document.mimetype
            await bot.send_document(chat_id=chat_id, document=document, reply_markup=part.keyboard)


async def send_replies(bot: Bot, chat_id: int | str, replies: Sequence[Reply]) -> None:
    await send_parts(bot, chat_id, render(replies))
