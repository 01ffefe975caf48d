"""Activity ↔ Incoming/Reply: what the Teams adapter hands the core and what it renders back."""

from __future__ import annotations

import html
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from microsoft_agents.activity import Activity, ConversationReference

from bot.channels.teams import adapter, files, texts
from bot.channels.teams.app import render_replies
from bot.core.messages import (
    Attachment,
    Button,
    Channel,
    ChatType,
    IncomingKind,
    Reply,
)
from tests.teams_harness import JONAS, SARA, TEAM_CHANNEL, ActivityFactory
from tests.teams_standin import Posted

make = ActivityFactory("http://127.0.0.1:9/")


def activity(data: dict[str, Any]) -> Activity:
    return Activity.model_validate(data)


def posted(act: Activity) -> Posted:
    """Read a rendered activity the way the stand-in records it off the wire."""
    wire = act.model_dump(mode="json", by_alias=True, exclude_none=True)
    return Posted("c", None, wire, None)


def test_personal_text_becomes_text_with_key_name_event_and_address() -> None:
    incoming = adapter.to_incoming(
        activity(make.message(SARA, "  hej med dig  ", activity_id="1:77"))
    )
    assert incoming is not None
    assert incoming.kind is IncomingKind.TEXT
    assert incoming.text == "hej med dig"
    assert incoming.key.channel is Channel.TEAMS
    assert incoming.key.chat_id == SARA.chat_id
    assert incoming.key.user_id == SARA.id
    assert incoming.display_name == "Sara Holm"
    assert incoming.chat_type is ChatType.PRIVATE
    assert incoming.event_id == "1:77"
    reference = ConversationReference.model_validate_json(incoming.address)
    assert reference.conversation.id == SARA.chat_id
    assert reference.service_url == "http://127.0.0.1:9/"
    assert reference.activity_id is None  # proactive messages are new posts, not replies
    assert reference.user is not None and reference.user.id == SARA.id
    assert "Sara" not in incoming.address  # routing needs ids, not names


def test_card_submit_becomes_button_with_the_token() -> None:
    incoming = adapter.to_incoming(activity(make.submit(SARA, {"rt": "3.7.vote.12"})))
    assert incoming is not None
    assert incoming.kind is IncomingKind.BUTTON
    assert incoming.button_data == "3.7.vote.12"
    assert incoming.text == ""


def test_submit_from_a_foreign_or_broken_card_is_ignored() -> None:
    for value in ({"other": 1}, {"rt": ""}, {"rt": 5}, {"rt": "x" * 65}, "not json", [1, 2]):
        assert adapter.to_incoming(activity(make.submit(SARA, value))) is None  # type: ignore[arg-type]


def test_submit_data_as_json_string_is_understood() -> None:
    incoming = adapter.to_incoming(activity(make.submit(SARA, json.dumps({"rt": "1.2.a.b"}))))  # type: ignore[arg-type]
    assert incoming is not None and incoming.button_data == "1.2.a.b"


def test_universal_action_invoke_becomes_button() -> None:
    value = {"action": {"type": "Action.Execute", "verb": "rt", "data": {"rt": "1.2.ok."}}}
    incoming = adapter.to_incoming(activity(make.invoke(SARA, "adaptiveCard/action", value)))
    assert incoming is not None
    assert incoming.kind is IncomingKind.BUTTON and incoming.button_data == "1.2.ok."


def test_picture_without_text_is_unsupported_but_the_html_echo_is_not_a_file() -> None:
    picture = make.message(SARA, "")
    picture["attachments"] = [
        {"contentType": "image/*", "contentUrl": "https://example.com/x.png"},
        {"contentType": "text/html", "content": "<p><img src='x'></p>"},
    ]
    incoming = adapter.to_incoming(activity(picture))
    assert incoming is not None and incoming.kind is IncomingKind.UNSUPPORTED

    typed = adapter.to_incoming(activity(make.message(SARA, "hej")))
    assert typed is not None and typed.kind is IncomingKind.TEXT


def test_bot_installed_starts_with_the_welcome_command() -> None:
    incoming = adapter.to_incoming(activity(make.installed(SARA)))
    assert incoming is not None
    assert incoming.text == texts.WELCOME_COMMAND and incoming.kind is IncomingKind.TEXT

    someone_else = make.installed(SARA)
    someone_else["membersAdded"] = [{"id": JONAS.id}]
    assert adapter.to_incoming(activity(someone_else)) is None


def test_reactions_typing_and_unknown_types_are_quiet() -> None:
    assert adapter.to_incoming(activity(make.reaction(SARA))) is None
    typing = make.message(SARA, "")
    typing["type"] = "typing"
    assert adapter.to_incoming(activity(typing)) is None
    odd = make.message(SARA, "hej")
    odd["type"] = "somethingNew"
    assert adapter.to_incoming(activity(odd)) is None
    other_invoke = make.invoke(SARA, "composeExtension/query", {"q": 1})
    assert adapter.to_incoming(activity(other_invoke)) is None


def test_channel_message_only_when_mentioned_and_mention_stripped() -> None:
    mentioned = adapter.to_incoming(activity(make.channel_message(SARA, "/ny")))
    assert mentioned is not None
    assert mentioned.chat_type is ChatType.GROUP
    assert mentioned.text == "/ny"
    assert mentioned.key.chat_id == TEAM_CHANNEL
    assert mentioned.address == ""  # a channel is never where nudges go

    assert adapter.to_incoming(activity(make.channel_message(SARA, "/ny", mention=False))) is None


def test_group_chat_counts_as_group() -> None:
    data = make.channel_message(JONAS, "hej")
    data["conversation"] = {"id": "19:group@thread.v2", "conversationType": "groupChat"}
    incoming = adapter.to_incoming(activity(data))
    assert incoming is not None and incoming.chat_type is ChatType.GROUP


def test_plain_reply_is_escaped_html_with_line_breaks() -> None:
    reply = Reply("Linje 1 <b>ikke fed</b> & **heller ikke**\nLinje 2", title="Øvelse <1>")
    [act] = adapter.render(reply)
    assert act.text_format == "xml"
    assert act.text == (
        "<b>Øvelse &lt;1&gt;</b><br>Linje 1 &lt;b&gt;ikke fed&lt;/b&gt; &amp; **heller ikke**"
        "<br>Linje 2"
    )


@given(st.text(min_size=1, max_size=300))
def test_any_text_survives_html_rendering(text: str) -> None:
    [act] = adapter.render(Reply(text))
    assert act.text is not None
    assert html.unescape(act.text.replace("<br>", "\n")) == text


def test_very_long_reply_is_split_between_lines_and_keeps_its_buttons() -> None:
    lines = [f"Linje {n}: " + "æ<&>" * 40 for n in range(400)]
    reply = Reply("\n".join(lines), buttons=((Button("OK", "1.1.ok."),),), title="Lang")
    acts = adapter.render(reply)
    assert len(acts) > 1
    shown = [posted(act) for act in acts]
    assert all(len(act.text or "") <= adapter.MAX_MESSAGE_CHARS for act in acts[:-1])
    assert shown[0].text.startswith("Lang\nLinje 0:")
    assert shown[-1].submit_actions() == [("OK", {"rt": "1.1.ok."})]
    rebuilt = "\n".join([p.text for p in shown[:-1]] + [shown[-1].card_text()])
    assert rebuilt == "Lang\n" + reply.text

    one_line = "x" * 50_000
    parts = adapter.split_text(one_line)
    assert "".join(parts) == one_line and all(len(p) <= adapter.MAX_MESSAGE_CHARS for p in parts)


def test_buttons_become_one_adaptive_card_with_tokens() -> None:
    reply = Reply(
        "Vælg en virksomhed\n[link](javascript:x) <at>x</at>",
        buttons=(
            (Button("Byggefirma", "1.1.pick.byg"), Button("Rengøring", "1.1.pick.ren")),
            (Button("Annullér", "1.1.cancel."),),
        ),
        title="Ny samtale",
    )
    [act] = adapter.render(reply)
    shown = posted(act)
    assert shown.submit_actions() == [
        ("Byggefirma", {"rt": "1.1.pick.byg"}),
        ("Rengøring", {"rt": "1.1.pick.ren"}),
        ("Annullér", {"rt": "1.1.cancel."}),
    ]
    card = shown.cards[0]
    assert card["version"] == "1.5"
    # Text is carried by TextRuns, which Teams never parses as Markdown.
    assert all(block["type"] in ("RichTextBlock", "ActionSet") for block in card["body"])
    assert shown.card_text() == "Ny samtale\nVælg en virksomhed\n[link](javascript:x) <at>x</at>"
    assert act.summary == "Ny samtale"


def test_small_attachment_in_a_personal_chat_asks_for_file_consent() -> None:
    ics = Attachment("sparring.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    acts = render_replies([Reply("Her er invitationen", attachments=(ics,))], personal=True)
    assert len(acts) == 2
    consent = acts[1].attachments[0]
    assert consent.content_type == "application/vnd.microsoft.teams.card.file.consent"
    assert consent.name == "sparring.ics"
    content = consent.content
    assert isinstance(content, dict) and content["sizeInBytes"] == len(ics.data)
    answer = files.parse_consent(
        {"action": "accept", "context": content["acceptContext"], "uploadInfo": {}}
    )
    assert answer is not None and answer.data == ics.data and answer.filename == "sparring.ics"


def test_attachment_outside_personal_chat_or_too_big_is_shown_inline() -> None:
    guide = Attachment("ringeguide.md", "text/markdown", "# Min guide\n**Åbning**".encode())
    [text, inline] = render_replies([Reply("Din guide", attachments=(guide,))], personal=False)
    assert text.text == "Din guide"
    assert "ringeguide.md" in (inline.text or "")
    assert "# Min guide<br>**Åbning**" in (inline.text or "")

    big = Attachment("mine_data.json", "application/json", b"x" * (files.MAX_CONSENT_BYTES + 1))
    parts = render_replies([Reply("", attachments=(big,))], personal=True)
    assert len(parts) == 2  # 12 001 characters in chunks of 12 000
    assert "del 1 af 2" in (parts[0].text or "") and "del 2 af 2" in (parts[1].text or "")
    joined = "".join(html.unescape((p.text or "").split("<br>", 1)[1]) for p in parts)
    assert joined == "x" * (files.MAX_CONSENT_BYTES + 1)

    binary = Attachment(
        "billede.png", "image/png", b"\x89PNG" + b"\x00" * (files.MAX_CONSENT_BYTES)
    )
    [note] = render_replies([Reply("", attachments=(binary,))], personal=True)
    assert "billede.png" in (note.text or "") and "kan jeg ikke vise" in (note.text or "")


def test_tampered_consent_context_is_ignored() -> None:
    assert files.parse_consent({"action": "accept", "context": {"f": "x", "d": "%%%"}}) is None
    assert files.parse_consent({"action": "accept"}) is None
    assert files.parse_consent("nope") is None
