"""Bot Framework activity ↔ the core's channel-neutral messages. No coaching logic lives here.

Incoming: a 1:1 message becomes text, a card submit becomes a button press carrying the opaque
token, pictures and files without text become UNSUPPORTED (the core answers with a hint). In
group chats and channels only messages that @mention the bot reach the core, as GROUP, with the
mention stripped. Reactions, typing and other activity types yield ``None``: quietly ignored.

Outgoing: a reply without buttons is one message (HTML-escaped, so user and bank text is never
read as markup); a reply with buttons is one Adaptive Card whose Action.Submit data carries the
token as ``{"rt": token}``.
"""

from __future__ import annotations

import html
import json
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes

from bot.channels.teams import cards, texts
from bot.core.messages import (
    Channel,
    ChatType,
    ConversationKey,
    Incoming,
    IncomingKind,
    Reply,
)
from bot.core.tokens import MAX_TOKEN_BYTES

MAX_MESSAGE_CHARS = 12_000  # escaped HTML per message: well under Teams' 40 KB (UTF-16) cap
TOKEN_KEY = "rt"  # the Action.Submit data key that carries the core's button token
ADAPTIVE_CARD_ACTION = "adaptiveCard/action"
PERSONAL = "personal"
# Invoke body for a handled Action.Execute: "done, the answer follows as messages".
CARD_ACTION_DONE = {
    "statusCode": 200,
    "type": "application/vnd.microsoft.activity.message",
    "value": "",
}
# Teams copies a typed message into a text/html attachment: that is not a file the user sent.
_ECHO_CONTENT_TYPES = frozenset({"text/html", "text/plain"})


def is_personal(activity: Activity) -> bool:
    conversation = activity.conversation
    if conversation is None:
        return False
    if conversation.conversation_type:
        return conversation.conversation_type == PERSONAL
    return not conversation.is_group


def to_incoming(activity: Activity) -> Incoming | None:
    """Translate one activity, or ``None`` when it is nothing the core should see."""
    if activity.conversation is None or activity.from_property is None:
        return None
    kind = activity.type
    if kind == ActivityTypes.message:
        return _from_message(activity)
    if kind == ActivityTypes.conversation_update:
        return _from_conversation_update(activity)
    if kind == ActivityTypes.invoke and activity.name == ADAPTIVE_CARD_ACTION:
        token = _token_from(_invoke_data(activity.value))
        return _incoming(activity, IncomingKind.BUTTON, button_data=token) if token else None
    return None


def _from_message(activity: Activity) -> Incoming | None:
    personal = is_personal(activity)
    if activity.value is not None and not (activity.text or "").strip():
        token = _token_from(activity.value)
        if token is None:
            return None  # a submit from a card that is not ours
        return _incoming(activity, IncomingKind.BUTTON, button_data=token)
    if not personal:
        if not activity.is_recipient_mentioned():
            return None
        text = _clean_text(activity.remove_recipient_mention())
        return _incoming(activity, IncomingKind.TEXT, text=text, chat_type=ChatType.GROUP)
    text = _clean_text(activity.text or "")
    if text:
        return _incoming(activity, IncomingKind.TEXT, text=text)
    if any(a.content_type not in _ECHO_CONTENT_TYPES for a in activity.attachments or []):
        return _incoming(activity, IncomingKind.UNSUPPORTED)
    return _incoming(activity, IncomingKind.TEXT, text="")


def _from_conversation_update(activity: Activity) -> Incoming | None:
    """The bot itself being added (app installed) starts the conversation with a welcome."""
    bot_id = activity.recipient.id if activity.recipient else None
    added = [m.id for m in activity.members_added or []]
    if not bot_id or bot_id not in added:
        return None
    return _incoming(activity, IncomingKind.TEXT, text=texts.WELCOME_COMMAND)


def _incoming(
    activity: Activity,
    kind: IncomingKind,
    *,
    text: str = "",
    button_data: str = "",
    chat_type: ChatType | None = None,
) -> Incoming:
    assert activity.conversation is not None and activity.from_property is not None
    personal = is_personal(activity)
    if chat_type is None:
        chat_type = ChatType.PRIVATE if personal else ChatType.GROUP
    return Incoming(
        key=ConversationKey(Channel.TEAMS, activity.conversation.id, activity.from_property.id),
        kind=kind,
        text=text,
        button_data=button_data,
        display_name=activity.from_property.name or "",
        chat_type=chat_type,
        event_id=activity.id,
        # Only a 1:1 chat is where a member wants nudges later; never a channel.
        address=conversation_address(activity) if personal else "",
    )


def _clean_text(text: str) -> str:
    return text.replace("\u00a0", " ").replace("&nbsp;", " ").strip()


def _invoke_data(value: object) -> object:
    if isinstance(value, dict):
        action = value.get("action")
        if isinstance(action, dict):
            return action.get("data")
    return None


def _token_from(value: object) -> str | None:
    if isinstance(value, str):  # some clients send the submit data as a JSON string
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict):
        return None
    token = value.get(TOKEN_KEY)
    if not isinstance(token, str) or not token:
        return None
    if len(token.encode("utf-8")) > MAX_TOKEN_BYTES:
        return None
    return token


def conversation_address(activity: Activity) -> str:
    """The serialised conversation reference the core stores for proactive messages.

    Only what routing needs: ids, the service URL and the tenant; never the user's name.
    """
    assert activity.conversation is not None and activity.from_property is not None
    conversation = activity.conversation
    reference: dict[str, Any] = {
        "channelId": str(activity.channel_id) if activity.channel_id else "msteams",
        "serviceUrl": activity.service_url,
        "conversation": {
            "id": conversation.id,
            "conversationType": conversation.conversation_type or PERSONAL,
            "tenantId": conversation.tenant_id,
        },
        "user": {"id": activity.from_property.id},
        "bot": {"id": activity.recipient.id} if activity.recipient else None,
        "locale": activity.locale,
    }
    reference["conversation"] = {k: v for k, v in reference["conversation"].items() if v}
    return json.dumps(
        {k: v for k, v in reference.items() if v}, separators=(",", ":"), sort_keys=True
    )


def render(reply: Reply) -> list[Activity]:
    """One reply → the activities that show it (attachments are handled by ``files``).

    A text too long for one Teams message (40 KB) goes out in several, split between lines;
    the buttons stay with the last part.
    """
    parts = split_text(reply.text)
    activities = [
        Activity(type=ActivityTypes.message, text=to_html(Reply(part)), text_format="xml")
        for part in parts[:-1]
    ]
    last = Reply(parts[-1], reply.buttons, (), reply.title if len(parts) == 1 else "")
    if len(parts) > 1 and reply.title:
        activities[0].text = to_html(Reply(parts[0], title=reply.title))
    if last.buttons:
        card = cards.reply_card(last, TOKEN_KEY)
        activities.append(
            Activity(
                type=ActivityTypes.message,
                attachments=[cards.as_attachment(card)],
                summary=_summary(reply),
            )
        )
    elif last.text or last.title:
        activities.append(
            Activity(type=ActivityTypes.message, text=to_html(last), text_format="xml")
        )
    return activities


def split_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Parts whose escaped HTML stays under ``limit``, cut at line ends where possible."""
    if len(_escape(text)) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(_escape(line)) > limit:  # one enormous line: cut it hard
            cut = limit // 6  # even if every character escapes to 6 ("&quot;" is the longest)
            head, line = line[:cut], line[cut:]
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
        candidate = f"{current}\n{line}" if current else line
        if current and len(_escape(candidate)) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    parts.append(current)
    return parts


def to_html(reply: Reply) -> str:
    body = _escape(reply.text)
    if reply.title:
        heading = f"<b>{_escape(reply.title)}</b>"
        return f"{heading}<br>{body}" if body else heading
    return body


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _summary(reply: Reply) -> str:
    """Shown in notifications, where a card has no text of its own."""
    first = (reply.title or reply.text).strip().splitlines()
    return first[0][:120] if first else texts.APP_SHORT_NAME


def invoke_ok(body: dict[str, Any] | None = None) -> Activity:
    """The HTTP answer to an invoke; Teams shows an error if it does not get one."""
    return Activity(
        type=ActivityTypes.invoke_response,
        value={"status": 200, "body": body or {}},
    )
