"""The conversation core: one entry point that every channel calls with a neutral message."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from rapidfuzz import process
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts
from bot.core.context import Context, Services
from bot.core.messages import ChatType, Incoming, IncomingKind, Reply
from bot.core.text_input import fold_command
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.storage.db import Database
from bot.storage.models_core import ConversationState, Identity, Member, ProcessedEvent

log = logging.getLogger(__name__)

IDENTITY_TOUCH_INTERVAL = timedelta(hours=1)
MAX_ATTEMPTS = 3  # retries for races (two first messages at once) and deadlocks


class ConversationCore:
    def __init__(self, db: Database, services: Services) -> None:
        self.db = db
        self.services = services

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Process one message in one transaction; the state is saved before the reply leaves."""
        if incoming.chat_type is ChatType.GROUP:
            return [Reply(texts.GROUP_INVITE)]
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return await self._handle_once(incoming)
            except (IntegrityError, DBAPIError) as error:
                if attempt == MAX_ATTEMPTS or not _is_retryable(error):
                    log.exception("turn failed key=%s", incoming.key.as_str())
                    return [Reply(texts.INTERNAL_ERROR)]
                log.warning("turn retried key=%s attempt=%d", incoming.key.as_str(), attempt)
            except Exception:
                log.exception("turn failed key=%s", incoming.key.as_str())
                return [Reply(texts.INTERNAL_ERROR)]
        raise AssertionError("unreachable")

    async def _handle_once(self, incoming: Incoming) -> list[Reply]:
        async with self.db.transaction() as db:
            if incoming.event_id and not await self._claim_event(db, incoming):
                log.info(
                    "duplicate event channel=%s id=%s", incoming.key.channel, incoming.event_id
                )
                return []
            member, state = await self._member_and_state(db, incoming)
            now = self.services.clock()
            ctx = Context(incoming, member, db, state, self.services, now)
            await self._dispatch(ctx)
            if not ctx.member_deleted and db.is_modified(state):
                state.updated_at = now
            return ctx.replies

    async def _claim_event(self, db: AsyncSession, incoming: Incoming) -> bool:
        """Insert the event id; False when it was already there (a redelivery)."""
        insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(ProcessedEvent)
            .values(
                channel=incoming.key.channel.value,
                event_id=str(incoming.event_id)[:200],
                processed_at=self.services.clock(),
            )
            .on_conflict_do_nothing()
            .returning(ProcessedEvent.event_id)
        )
        return (await db.execute(statement)).first() is not None

    async def _member_and_state(
        self, db: AsyncSession, incoming: Incoming
    ) -> tuple[Member, ConversationState]:
        """Who is writing, with their conversation row locked: one query on the hot path.

        The row lock serialises one person's turns across processes on PostgreSQL; SQLite has
        a single writer anyway.
        """
        key = incoming.key
        row = (
            await db.execute(
                select(Member, Identity, ConversationState)
                .join(Identity, Identity.member_id == Member.id)
                .join(ConversationState, ConversationState.member_id == Member.id)
                .where(
                    Identity.channel == key.channel.value, Identity.external_user_id == key.user_id
                )
                .with_for_update(of=ConversationState)
            )
        ).first()
        if row is None:
            member = await self._member_for(db, incoming)
            return member, await self._lock_state(db, member.id)
        member, identity, state = row
        self._touch_identity(identity, incoming)
        return member, state

    async def _member_for(self, db: AsyncSession, incoming: Incoming) -> Member:
        key = incoming.key
        row = (
            await db.execute(
                select(Member, Identity)
                .join(Identity, Identity.member_id == Member.id)
                .where(
                    Identity.channel == key.channel.value, Identity.external_user_id == key.user_id
                )
            )
        ).first()
        if row is None:
            now = self.services.clock()
            member = Member(display_name=incoming.display_name[:120], created_at=now)
            db.add(member)
            await db.flush()
            db.add(
                Identity(
                    channel=key.channel.value,
                    external_user_id=key.user_id,
                    member_id=member.id,
                    address=incoming.address,
                    updated_at=now,
                )
            )
            await db.flush()
            return member
        member, identity = row
        self._touch_identity(identity, incoming)
        return member

    def _touch_identity(self, identity: Identity, incoming: Incoming) -> None:
        if incoming.address and identity.address != incoming.address:
            identity.address = incoming.address
        now = self.services.clock()
        if now - identity.updated_at > IDENTITY_TOUCH_INTERVAL:
            identity.updated_at = now  # "last used channel" for nudges; no write every turn

    async def _lock_state(self, db: AsyncSession, member_id: int) -> ConversationState:
        """Serialise turns per member across processes (row lock on PostgreSQL)."""
        state = await db.scalar(
            select(ConversationState)
            .where(ConversationState.member_id == member_id)
            .with_for_update()
        )
        if state is None:
            state = ConversationState(member_id=member_id, flow=None, data={}, nonce=1)
            db.add(state)
            await db.flush()
        return state

    async def _dispatch(self, ctx: Context) -> None:
        incoming = ctx.incoming
        if incoming.kind is IncomingKind.UNSUPPORTED:
            ctx.say(texts.UNSUPPORTED)
        elif incoming.kind is IncomingKind.BUTTON:
            await self._on_button(ctx, incoming.button_data)
        else:
            await self._on_text(ctx, incoming.text)

    async def _on_button(self, ctx: Context, raw: str) -> None:
        token = ButtonToken.decode(raw)
        registry = self.services.registry
        if token is None or token.action not in registry.buttons:
            ctx.say(texts.BUTTON_UNKNOWN)
            return
        if token.member_id != ctx.member.id:
            ctx.say(texts.BUTTON_NOT_YOURS)
            return
        if token.nonce != UNBOUND_NONCE:
            if token.nonce != ctx.state.nonce:
                ctx.say(texts.BUTTON_STALE)
                return
            ctx.bump_nonce()  # flow-bound buttons are single use: a double press is stale
        await registry.buttons[token.action](ctx, token.arg)

    async def _on_text(self, ctx: Context, raw: str) -> None:
        text = raw.strip()
        if not text:
            ctx.say(texts.EMPTY)
            return
        if len(text) > texts.MAX_TEXT_CHARS:
            ctx.say(texts.TOO_LONG.format(length=len(text), limit=texts.MAX_TEXT_CHARS))
            return
        if text.startswith("/") and len(text) > 1:
            await self._on_command(ctx, text)
            return
        flow = ctx.state.flow
        handler = self.services.registry.flows.get(flow) if flow else None
        if handler is None:
            ctx.say(texts.NO_FLOW)
            return
        await handler(ctx, text)

    async def _on_command(self, ctx: Context, text: str) -> None:
        head, _, arg = text[1:].partition(" ")
        name = fold_command(head)
        registry = self.services.registry
        name = registry.aliases.get(name, name)
        command = registry.commands.get(name)
        if command is None:
            ctx.say(_unknown_command(name, list(registry.commands)))
            return
        if command.admin_only and not ctx.member.is_admin:
            ctx.say(texts.ADMIN_ONLY)
            return
        await command.handler(ctx, arg.strip())


def _unknown_command(name: str, known: Sequence[str]) -> str:
    shown = name[:40]
    match = process.extractOne(name, known, score_cutoff=70) if name else None
    if match is not None:
        return texts.UNKNOWN_COMMAND_SUGGEST.format(name=shown, suggestion=match[0])
    return f"{texts.UNKNOWN_COMMAND.format(name=shown)} {texts.UNKNOWN_COMMAND_HINT}"


def _is_retryable(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        return True
    message = str(error.orig).lower()
    return any(word in message for word in ("deadlock", "locked", "serializ", "could not obtain"))
