"""Adaptive Cards for replies with buttons, and the file-consent card for attachments.

Text goes into RichTextBlock/TextRun elements: unlike TextBlock, a TextRun is never parsed as
Markdown, so a user's or the bank's ``**``, ``[x](y)`` or ``<at>`` shows as typed.
Version 1.5 is the highest Teams renders on desktop and mobile.
"""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Attachment

from bot.core.messages import Reply

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"


def reply_card(reply: Reply, token_key: str) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if reply.title:
        body.append(_rich_text(reply.title, bold=True, size="Medium"))
    for paragraph in reply.text.split("\n"):
        body.append(_rich_text(paragraph))
    for row in reply.buttons:
        body.append(
            {
                "type": "ActionSet",
                "actions": [
                    {
                        "type": "Action.Submit",
                        "title": button.label,
                        "data": {token_key: button.data},
                    }
                    for button in row
                ],
            }
        )
    return {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }


def _rich_text(text: str, *, bold: bool = False, size: str | None = None) -> dict[str, Any]:
    run: dict[str, Any] = {"type": "TextRun", "text": text or " "}
    if bold:
        run["weight"] = "Bolder"
    if size:
        run["size"] = size
    return {"type": "RichTextBlock", "inlines": [run], "spacing": "None"}


def as_attachment(card: dict[str, Any]) -> Attachment:
    return Attachment(content_type=ADAPTIVE_CARD, content=card)


def file_consent(filename: str, description: str, size: int, context: dict[str, Any]) -> Attachment:
    """Asks the user to let the bot put a file in their OneDrive (Teams' only way to send one)."""
    return Attachment(
        content_type=FILE_CONSENT_CARD,
        name=filename,
        content={
            "description": description,
            "sizeInBytes": size,
            "acceptContext": context,
            "declineContext": context,
        },
    )


def file_info(filename: str, content_url: str, unique_id: str, file_type: str) -> Attachment:
    """The card that shows an uploaded file in the chat, so the user can open it."""
    return Attachment(
        content_type=FILE_INFO_CARD,
        name=filename,
        content_url=content_url,
        content={"uniqueId": unique_id, "fileType": file_type},
    )
