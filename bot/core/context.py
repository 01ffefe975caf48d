"""What a feature handler gets for one turn: the message, the member, the DB and a reply pad."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.messages import Attachment, Button, Incoming, Reply
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.storage.models_core import ConversationState, Member

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.core.delivery import Delivery
    from bot.core.registry import Registry
    from dialogues.scenario import ScenarioCatalog


@dataclass(slots=True)
class Services:
    """Long-lived collaborators, injected so tests control time, randomness and channels."""

    settings: Settings
    catalog: ScenarioCatalog
    registry: Registry
    delivery: Delivery
    clock: Callable[[], datetime]
    seed_source: Callable[[], int]


@dataclass(slots=True)
class FlowState:
    name: str | None
    data: dict[str, Any]
    nonce: int


@dataclass(slots=True)
class Context:
    incoming: Incoming
    member: Member
    db: AsyncSession
    state: ConversationState
    services: Services
    now: datetime
    replies: list[Reply] = field(default_factory=list)
    member_deleted: bool = False

    @property
    def flow(self) -> FlowState:
        return FlowState(self.state.flow, dict(self.state.data or {}), self.state.nonce)

    @property
    def flow_name(self) -> str | None:
        return self.state.flow

    @property
    def flow_data(self) -> dict[str, Any]:
        return dict(self.state.data or {})

    def say(
        self,
        text: str,
        *,
        buttons: Sequence[Sequence[Button]] = (),
        title: str = "",
        attachments: Sequence[Attachment] = (),
    ) -> None:
        rows = tuple(tuple(row) for row in buttons if row)
        self.replies.append(Reply(text, rows, tuple(attachments), title))

    def button(self, label: str, action: str, arg: str = "", *, flow_bound: bool = True) -> Button:
        nonce = self.state.nonce if flow_bound else UNBOUND_NONCE
        return Button(label, ButtonToken(self.member.id, nonce, action, arg).encode())

    def start_flow(self, name: str, data: dict[str, Any] | None = None) -> None:
        """Enter a flow; buttons of the previous one go stale."""
        self.state.flow = name
        self.state.data = dict(data or {})
        self.bump_nonce()

    def update_flow(self, **changes: Any) -> None:
        data = dict(self.state.data or {})
        data.update(changes)
        self.state.data = data  # reassign so SQLAlchemy sees the JSON change

    def end_flow(self) -> None:
        self.state.flow = None
        self.state.data = {}
        self.bump_nonce()

    def bump_nonce(self) -> None:
        # Nonces start above UNBOUND_NONCE so a flow-bound token is never mistaken for unbound.
        self.state.nonce = max(self.state.nonce, UNBOUND_NONCE) + 1

    @property
    def registry(self) -> Registry:
        return self.services.registry
