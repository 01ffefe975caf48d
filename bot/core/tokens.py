"""Button tokens: who may press a button, and whether it still belongs to the live flow."""

from __future__ import annotations

from dataclasses import dataclass

MAX_TOKEN_BYTES = 64  # Telegram's callback_data limit
UNBOUND_NONCE = 0


@dataclass(frozen=True, slots=True)
class ButtonToken:
    member_id: int
    nonce: int  # UNBOUND_NONCE: valid regardless of the flow (votes, nudges)
    action: str
    arg: str = ""

    def encode(self) -> str:
        token = f"{self.member_id}.{self.nonce}.{self.action}.{self.arg}"
        if len(token.encode()) > MAX_TOKEN_BYTES:
            raise ValueError(f"button token for {self.action!r} exceeds {MAX_TOKEN_BYTES} bytes")
        return token

    @classmethod
    def decode(cls, raw: str) -> ButtonToken | None:
        """None for anything malformed: buttons come from outside and are never trusted."""
        parts = raw.split(".", 3)
        if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit() or not parts[2]:
            return None
        return cls(int(parts[0]), int(parts[1]), parts[2], parts[3])
