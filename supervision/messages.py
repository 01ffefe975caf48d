"""Nudge wording: what a member reads, and which choices they get, for each kind of nudge.

Kept free of any chat library: buttons are (label, action) specs that the bot turns into
channel buttons, so the words and the choices can be tested here without a chat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from supervision import texts
from supervision.calendar import DEFAULT_HOURS, WorkingHours
from supervision.guide import FocusHint, short_guide
from supervision.plan import NudgeKind, SupervisionState


class Action(StrEnum):
    """Button actions of the feature; the bot registers one handler per action."""

    BOOKED = "sv_booket"
    SNOOZE = "sv_senere"
    HELD_EARLY = "sv_holdt_nu"
    HELD = "sv_holdt"
    CANCELLED = "sv_aflyst"
    MOVED = "sv_flyttet"
    GUIDE = "sv_guide"


@dataclass(frozen=True, slots=True)
class ButtonSpec:
    label: str
    action: Action


ButtonRows = tuple[tuple[ButtonSpec, ...], ...]


@dataclass(frozen=True, slots=True)
class NudgeMessage:
    title: str
    text: str
    buttons: ButtonRows


BOOKING_BUTTONS: ButtonRows = (
    (
        ButtonSpec(texts.BUTTON_BOOKED, Action.BOOKED),
        ButtonSpec(texts.BUTTON_SNOOZE, Action.SNOOZE),
    ),
    (ButtonSpec(texts.BUTTON_HELD_EARLY, Action.HELD_EARLY),),
)
FOLLOW_UP_BUTTONS: ButtonRows = (
    (
        ButtonSpec(texts.BUTTON_HELD, Action.HELD),
        ButtonSpec(texts.BUTTON_CANCELLED, Action.CANCELLED),
        ButtonSpec(texts.BUTTON_MOVED, Action.MOVED),
    ),
    (ButtonSpec(texts.BUTTON_SNOOZE, Action.SNOOZE),),
)
REMINDER_BUTTONS: ButtonRows = ((ButtonSpec(texts.BUTTON_GUIDE, Action.GUIDE),),)


def format_day(day: date) -> str:
    return texts.DATE.format(
        weekday=texts.WEEKDAYS[day.weekday()], day=day.day, month=texts.MONTHS[day.month - 1]
    )


def short_day(day: date) -> str:
    """'14/4': compact, for listings and buttons."""
    return texts.SHORT_DATE.format(day=day.day, month=day.month)


def format_when(moment: datetime, hours: WorkingHours = DEFAULT_HOURS) -> str:
    local = hours.local(moment)
    return texts.DATE_TIME.format(
        date=format_day(local.date()), hour=local.hour, minute=local.minute
    )


def join_names(names: Sequence[str]) -> str:
    """'Anna', 'Anna og Bo', 'Anna, Bo og Carl'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {texts.AND} {names[-1]}"


def render_nudge(
    kind: NudgeKind,
    *,
    state: SupervisionState,
    recipient: str,
    partners: Sequence[str],
    next_day: date,
    booked_at: datetime | None,
    focus: Sequence[FocusHint] = (),
    hours: WorkingHours = DEFAULT_HOURS,
) -> NudgeMessage:
    """The message for one nudge, worded for the state the pair is in when it is sent."""
    values = {
        "name": recipient,
        "partners": join_names(partners),
        "next_day": format_day(next_day),
        "when": format_when(booked_at, hours) if booked_at is not None else "",
    }
    buttons: ButtonRows
    asks_for_report = kind is NudgeKind.FOLLOW_UP or (
        kind is NudgeKind.SNOOZED and state is SupervisionState.BOOKET
    )
    if kind is NudgeKind.BOOK:
        body, buttons = texts.NUDGE_BOOK, BOOKING_BUTTONS
    elif kind is NudgeKind.BOOK_AGAIN:
        body, buttons = texts.NUDGE_BOOK_AGAIN, BOOKING_BUTTONS
    elif kind is NudgeKind.REMINDER:
        body, buttons = texts.NUDGE_REMINDER, REMINDER_BUTTONS
    elif kind is NudgeKind.SNOOZED and not asks_for_report:
        body, buttons = texts.NUDGE_SNOOZED_BOOK, BOOKING_BUTTONS
    elif kind is NudgeKind.SNOOZED:
        body, buttons = texts.NUDGE_SNOOZED_FOLLOW_UP, FOLLOW_UP_BUTTONS
    else:
        body, buttons = texts.NUDGE_FOLLOW_UP, FOLLOW_UP_BUTTONS
    text = body.format(**values)
    if not asks_for_report:
        text = f"{text}\n\n{short_guide(focus)}"
    return NudgeMessage(texts.NUDGE_TITLE, text, buttons)
