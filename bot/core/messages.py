"""Channel-neutral message types.

Adapters translate platform events into :class:`Incoming` and render :class:`Reply` back, so
the coaching logic never sees a Telegram update or a Bot Framework activity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    TERMINAL = "terminal"
    TELEGRAM = "telegram"
    TEAMS = "teams"
    TEST = "test"


class IncomingKind(StrEnum):
    TEXT = "text"  # ordinary text; commands are text starting with "/"
    BUTTON = "button"  # a pressed button / card submit; ``button_data`` holds the token
    UNSUPPORTED = "unsupported"  # sticker, photo, voice, document, ...: answered with a hint


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """One small key for a conversation: which channel, which chat, which person."""

    channel: Channel
    chat_id: str
    user_id: str

    def as_str(self) -> str:
        return f"{self.channel.value}:{self.chat_id}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Incoming:
    key: ConversationKey
    kind: IncomingKind
    text: str = ""
    button_data: str = ""
    display_name: str = ""
    chat_type: ChatType = ChatType.PRIVATE
    # Platform id of the event (Telegram update_id, Teams activity id): redelivery is ignored.
    event_id: str | None = None
    # Opaque, channel-specific address for later proactive messages (Telegram chat id, a
    # serialised Teams conversation reference). The core stores the latest one per identity.
    address: str = ""


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str  # opaque token, at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the user. ``text`` is plain text: each channel escapes it for its markup."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    title: str = ""  # optional heading, shown bold where the channel can

    def with_buttons(self, *rows: tuple[Button, ...]) -> Reply:
        return Reply(self.text, tuple(rows), self.attachments, self.title)
