"""Reading what people type: command names with or without æøå, @botname suffixes."""

from __future__ import annotations

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def fold_command(head: str) -> str:
    """'/Hjælp@RingeBot' and '/hjaelp' name the same command."""
    name = head.split("@", 1)[0]
    return name.translate(_FOLD).lower().replace("-", "_")
