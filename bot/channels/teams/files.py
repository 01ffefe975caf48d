"""Attachments (.ics invites, .md call guides, data exports) in Teams.

A bot cannot simply attach a file in Teams: in a 1:1 chat it sends a file-consent card, the user
accepts, Teams hands the bot an upload URL in the user's OneDrive, and the bot then shows the
file with a file-info card. The file travels inside the card's context (small files only), so
no server state is needed and an accept after a restart still works. Larger text files, and any
file outside a 1:1 chat, are shown inline as text.
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from urllib.parse import urlparse

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes

from bot.channels.teams import adapter, cards, texts
from bot.core.messages import Attachment, Reply

log = logging.getLogger(__name__)

FILE_CONSENT_INVOKE = "fileConsent/invoke"
MAX_CONSENT_BYTES = 12_000  # base64 in the card context stays well under Teams' 40 KB message cap
INLINE_CHUNK_CHARS = 8_000  # raw text; its escaped HTML stays under one message
_TEXT_TYPES = ("text/", "application/json", "application/x-yaml", "application/yaml")
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def render_attachment(attachment: Attachment, *, personal: bool) -> list[Activity]:
    if personal and len(attachment.data) <= MAX_CONSENT_BYTES:
        context = {
            "f": attachment.filename,
            "t": attachment.content_type,
            "d": base64.b64encode(attachment.data).decode("ascii"),
        }
        consent = cards.file_consent(
            attachment.filename,
            texts.FILE_CONSENT_DESCRIPTION.format(filename=attachment.filename),
            len(attachment.data),
            context,
        )
        return [Activity(type=ActivityTypes.message, attachments=[consent])]
    return _inline(attachment)


def _inline(attachment: Attachment) -> list[Activity]:
    if not attachment.content_type.startswith(_TEXT_TYPES):
        text = texts.FILE_NOT_TEXT.format(filename=attachment.filename)
        return adapter.render(Reply(text))
    content = attachment.data.decode("utf-8", errors="replace")
    chunks = [
        content[i : i + INLINE_CHUNK_CHARS] for i in range(0, len(content), INLINE_CHUNK_CHARS)
    ] or [""]
    activities: list[Activity] = []
    for number, chunk in enumerate(chunks, start=1):
        title = (
            texts.FILE_INLINE_TITLE.format(filename=attachment.filename)
            if len(chunks) == 1
            else texts.FILE_INLINE_PART_TITLE.format(
                filename=attachment.filename, part=number, parts=len(chunks)
            )
        )
        activities.extend(adapter.render(Reply(chunk, title=title)))
    return activities


@dataclass(frozen=True, slots=True)
class ConsentAnswer:
    accepted: bool
    filename: str
    data: bytes
    upload_url: str
    content_url: str
    unique_id: str
    file_type: str


def parse_consent(value: object) -> ConsentAnswer | None:
    """The user's answer to a consent card; ``None`` for anything not shaped like ours."""
    if not isinstance(value, dict):
        return None
    context = value.get("context")
    if not isinstance(context, dict):
        return None
    filename, encoded = context.get("f"), context.get("d")
    if not isinstance(filename, str) or not isinstance(encoded, str):
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    info = value.get("uploadInfo") if isinstance(value.get("uploadInfo"), dict) else {}
    assert isinstance(info, dict)
    return ConsentAnswer(
        accepted=value.get("action") == "accept",
        filename=filename,
        data=data,
        upload_url=str(info.get("uploadUrl") or ""),
        content_url=str(info.get("contentUrl") or ""),
        unique_id=str(info.get("uniqueId") or ""),
        file_type=str(info.get("fileType") or ""),
    )


def _upload_allowed(url: str) -> bool:
    """Teams hands out https OneDrive URLs; plain http only to loopback (local test connector)."""
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname:
        return True
    return parsed.scheme == "http" and parsed.hostname in _LOOPBACK


async def complete_consent(answer: ConsentAnswer) -> list[Activity]:
    """Upload on accept and show the file; say so on decline or failure."""
    if not answer.accepted:
        return adapter.render(Reply(texts.FILE_DECLINED.format(filename=answer.filename)))
    if not _upload_allowed(answer.upload_url):
        log.warning("file upload refused: unexpected upload url scheme")
        return adapter.render(Reply(texts.FILE_UPLOAD_FAILED.format(filename=answer.filename)))
    size = len(answer.data)
    headers = {
        "Content-Length": str(size),
        "Content-Range": f"bytes 0-{max(size - 1, 0)}/{size}",
    }
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session,
            session.put(answer.upload_url, data=answer.data, headers=headers) as response,
        ):
            ok = response.status in (200, 201)
    except (aiohttp.ClientError, TimeoutError):
        ok = False
    if not ok:
        log.warning("file upload failed")
        return adapter.render(Reply(texts.FILE_UPLOAD_FAILED.format(filename=answer.filename)))
    info = cards.file_info(answer.filename, answer.content_url, answer.unique_id, answer.file_type)
    saved = Activity(
        type=ActivityTypes.message,
        attachments=[info],
        text=adapter.to_html(Reply(texts.FILE_SAVED.format(filename=answer.filename))),
        text_format="xml",
    )
    return [saved]
