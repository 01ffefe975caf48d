"""The adapter's translation, without a network: Telegram updates in, Telegram messages out."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Update

from bot.channels.telegram.adapter import (
    MAX_MESSAGE,
    DocumentPart,
    TextPart,
    render,
    split_text,
    to_incoming,
)
from bot.core.messages import (
    Attachment,
    Button,
    Channel,
    ChatType,
    IncomingKind,
    Reply,
)
from tests.telegram_standin import BOT_USERNAME, BotApiStandIn, TgUser, check_html, utf16_len

ANNE = TgUser(4201, "Anne", "Holm", "anneh")
factory = BotApiStandIn()  # used only for its update builders: nothing is started


def incoming_for(update: dict[str, Any]) -> Any:
    return to_incoming(Update.de_json(update, None), BOT_USERNAME)


def test_private_text_becomes_text_with_ids_and_address() -> None:
    update = factory.text_update(ANNE, "Goddag, jeg ringer fra Jobcenter Aarhus")
    incoming = incoming_for(update)
    assert incoming.kind is IncomingKind.TEXT
    assert incoming.text == "Goddag, jeg ringer fra Jobcenter Aarhus"
    assert incoming.key.channel is Channel.TELEGRAM
    assert incoming.key.chat_id == "4201" and incoming.key.user_id == "4201"
    assert incoming.event_id == str(update["update_id"])
    assert incoming.address == "4201"
    assert incoming.display_name == "Anne Holm"
    assert incoming.chat_type is ChatType.PRIVATE


def test_deep_link_start_reaches_the_core_as_text() -> None:
    incoming = incoming_for(factory.text_update(ANNE, "/start HOLD7X2Q"))
    assert incoming.kind is IncomingKind.TEXT
    assert incoming.text == "/start HOLD7X2Q"


def test_command_addressed_to_this_bot_is_stripped_of_the_mention() -> None:
    text = f"/status@{BOT_USERNAME.upper()}"
    assert incoming_for(factory.text_update(ANNE, text)).text == "/status"
    with_arg = incoming_for(factory.text_update(ANNE, f"/start@{BOT_USERNAME} KODE1"))
    assert with_arg.text == "/start KODE1"


def test_command_for_another_bot_is_ignored() -> None:
    assert incoming_for(factory.text_update(ANNE, "/start@some_other_bot")) is None


def test_group_only_lets_commands_through_as_group_messages() -> None:
    group = factory.group_chat(-100777)
    command = incoming_for(factory.text_update(ANNE, f"/ny@{BOT_USERNAME}", chat=group))
    assert command.chat_type is ChatType.GROUP
    assert command.text == "/ny"
    assert command.key.chat_id == "-100777" and command.key.user_id == "4201"
    assert command.address == ""  # a group is never where someone's reminders go
    assert incoming_for(factory.text_update(ANNE, "hej alle sammen", chat=group)) is None
    assert incoming_for(factory.media_update(ANNE, "sticker", chat=group)) is None
    assert incoming_for(factory.new_members_update(ANNE, group)) is None


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "document"])
def test_media_in_private_is_unsupported(kind: str) -> None:
    incoming = incoming_for(factory.media_update(ANNE, kind))
    assert incoming.kind is IncomingKind.UNSUPPORTED
    assert incoming.text == ""


def test_edits_channel_posts_and_membership_are_ignored() -> None:
    assert incoming_for(factory.edited_message_update(ANNE, "rettet")) is None
    assert incoming_for(factory.channel_post_update(-100999, "nyhed")) is None
    assert incoming_for(factory.my_chat_member_update(ANNE)) is None


def test_button_press_carries_the_token_back() -> None:
    bot_message = {
        "message_id": 77,
        "date": 0,
        "chat": {"id": ANNE.id, "type": "private"},
        "text": "Vælg",
    }
    incoming = incoming_for(factory.callback_update(ANNE, bot_message, "12.3.scen.byg"))
    assert incoming.kind is IncomingKind.BUTTON
    assert incoming.button_data == "12.3.scen.byg"
    assert incoming.key.user_id == "4201" and incoming.key.chat_id == "4201"


# ---------------------------------------------------------------------------- rendering
def test_text_is_escaped_and_title_bold() -> None:
    (part,) = render([Reply("Svar: <b>ikke fed</b> & A/S > 5", title="Feedback <1>")])
    assert isinstance(part, TextPart)
    assert part.html == (
        "<b>Feedback &lt;1&gt;</b>\n\nSvar: &lt;b&gt;ikke fed&lt;/b&gt; &amp; A/S &gt; 5"
    )
    plain, error = check_html(part.html)
    assert error == ""
    assert plain == "Feedback <1>\n\nSvar: <b>ikke fed</b> & A/S > 5"


def test_buttons_become_an_inline_keyboard() -> None:
    reply = Reply("Vælg", buttons=((Button("Let", "1.2.diff.let"), Button("Svær", "1.2.diff.s")),))
    (part,) = render([reply])
    assert isinstance(part, TextPart) and part.keyboard is not None
    rows = part.keyboard.to_dict()["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in rows] == [["1.2.diff.let", "1.2.diff.s"]]


def test_too_long_button_token_is_refused() -> None:
    with pytest.raises(ValueError):
        render([Reply("x", buttons=((Button("x", "9" * 65),),))])


def test_one_turn_becomes_one_message_when_it_fits() -> None:
    replies = [
        Reply("Godt spurgt.", title="Coach"),
        Reply("Vi har faktisk svært ved at finde folk.", buttons=((Button("Videre", "t"),),)),
    ]
    (part,) = render(replies)
    assert isinstance(part, TextPart)
    assert part.html.startswith("<b>Coach</b>\n\nGodt spurgt.\n\nVi har faktisk")
    assert part.keyboard is not None


def test_long_message_is_split_at_paragraphs_with_buttons_on_the_last_part() -> None:
    paragraphs = [f"Afsnit {i}: " + " ".join(["ord"] * 150) for i in range(12)]
    text = "\n\n".join(paragraphs)
    reply = Reply(text, buttons=((Button("Næste fase", "1.5.next."),),), title="Debrief")
    parts = render([reply])
    assert len(parts) > 1
    assert all(isinstance(p, TextPart) for p in parts)
    texts = [p.html for p in parts if isinstance(p, TextPart)]
    for chunk in texts:
        plain, error = check_html(chunk)
        assert error == "" and utf16_len(plain) <= MAX_MESSAGE
        assert not chunk.endswith(" ") and not chunk.startswith("\n")
    # Each part ends where a paragraph ends: nothing is cut inside a paragraph.
    for chunk in texts:
        assert chunk.endswith("ord")
    assert [p.keyboard is not None for p in parts if isinstance(p, TextPart)][-1]
    assert all(p.keyboard is None for p in parts[:-1] if isinstance(p, TextPart))
    assert texts[0].startswith("<b>Debrief</b>")
    rejoined = "\n\n".join(check_html(t)[0] for t in texts)
    assert rejoined == "Debrief\n\n" + text


def test_attachments_follow_the_text_as_documents() -> None:
    invite = Attachment("sparring.ics", "text/calendar", b"BEGIN:VCALENDAR")
    parts = render([Reply("Her er invitationen", attachments=(invite,))])
    assert isinstance(parts[0], TextPart)
    assert isinstance(parts[1], DocumentPart) and parts[1].attachment == invite


# Words and lines with characters that grow when escaped (&, <) and that count double in
# UTF-16 (emoji), so the limit is checked where it is hardest.
_words = st.text(alphabet=st.sampled_from(list("abæøå&<> 😀\n")), min_size=0, max_size=60)


@given(st.lists(_words, min_size=1, max_size=60), st.integers(min_value=16, max_value=300))
def test_split_never_exceeds_the_limit_and_loses_no_words(parts: list[str], limit: int) -> None:
    text = "\n\n".join(parts)
    chunks = split_text(text, limit)
    for chunk in chunks:
        assert utf16_len(html.escape(chunk, quote=False)) <= limit
        assert chunk == chunk.strip() and chunk
    assert "".join("".join(chunks).split()) == "".join(text.split())
