"""Buddy pairs (makkerpar) in chat: cohort admin, the nudge buttons, /pause and the lead's status.

The rules live in the pure ``supervision`` package and the database work in
``bot.supervision_store``; this package only talks to people. Nudges themselves are sent by the
durable dispatcher (``bot.scheduler.dispatcher``), which renders them with :func:`make_renderer`.
"""

from __future__ import annotations

from bot.core.registry import Registry
from bot.features.supervision import admin, booking, privacy, reports, status
from bot.features.supervision.common import (
    DAY_ACTION,
    FLOW_BOOKING,
    FLOW_REFLECTION,
    REFLECT_ACTION,
    TIME_ACTION,
)
from bot.features.supervision.nudges import make_renderer, render_nudge_row
from supervision import texts
from supervision.messages import Action

__all__ = ["install", "make_renderer", "render_nudge_row"]


def install(registry: Registry) -> None:
    registry.command("hold_ny", admin.new_cohort, help=texts.HELP_COHORT_NEW, admin_only=True)
    registry.command("hold", admin.show_cohort, help=texts.HELP_COHORT, admin_only=True)
    registry.command(
        "undervisningsdag",
        admin.teaching_day_command,
        help=texts.HELP_TEACHING_DAY,
        admin_only=True,
    )
    registry.command("makkerpar", admin.pairs_command, help=texts.HELP_PAIRS, admin_only=True)
    registry.command("hold_fjern", admin.remove_member, help=texts.HELP_REMOVE, admin_only=True)
    registry.command("hold_deltag", admin.join_cohort, help=texts.HELP_JOIN)
    registry.command("sparring", status.my_sparring, help=texts.HELP_SPARRING)
    registry.command("sparringsguide", status.show_guide, help=texts.HELP_GUIDE)
    registry.command("pause", status.pause, help=texts.HELP_PAUSE)
    registry.button(Action.BOOKED.value, booking.on_booked)
    registry.button(Action.SNOOZE.value, reports.on_snooze)
    registry.button(Action.HELD_EARLY.value, reports.on_held)
    registry.button(Action.HELD.value, reports.on_held)
    registry.button(Action.CANCELLED.value, reports.on_cancelled)
    registry.button(Action.MOVED.value, reports.on_moved)
    registry.button(Action.GUIDE.value, status.on_guide)
    registry.button(DAY_ACTION, booking.on_day)
    registry.button(TIME_ACTION, booking.on_time)
    registry.button(REFLECT_ACTION, reports.on_reflect)
    registry.flow(FLOW_BOOKING, booking.booking_text)
    registry.flow(FLOW_REFLECTION, reports.reflection_text)
    registry.status_section(status.status_section)
    registry.data_export("makkerpar", privacy.export_data)
    registry.data_deletion(privacy.delete_data)
