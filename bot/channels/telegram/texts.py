"""The Telegram adapter's own Danish texts; everything the coach says comes from the core."""

from __future__ import annotations

# Sent only when the adapter itself fails to deliver the core's answer (the turn is saved).
DELIVERY_FAILED = (
    "Beklager, jeg kunne ikke vise mit svar. Dit seneste svar er gemt – skriv /status for at se, "
    "hvor du er."
)

# Shown in Telegram's command menu when a command has no description of its own.
COMMAND_FALLBACK_DESCRIPTION = "Ringetræner-kommando"
