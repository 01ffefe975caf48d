"""Buddy pairs (makkerpar) in chat: cohort admin, the nudge buttons, /pause and the lead's status.

The rules live in the pure ``supervision`` package and the database work in
``bot.supervision_store``; this module only talks to people. Nudges themselves are sent by the
durable dispatcher (``bot.scheduler.dispatcher``), which calls :func:`render_nudge_row`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import texts as core_texts
from bot.core.context import Context
from bot.core.messages import Attachment, Button, Reply
from bot.core.registry import Registry
from bot.core.teams import normalise_code
from bot.core.tokens import UNBOUND_NONCE, ButtonToken
from bot.scheduler.dispatcher import Renderer
from bot.storage.models_core import Member
from bot.storage.models_supervision import (
    BuddyPair,
    Cohort,
    CohortMember,
    Nudge,
    Reflection,
    TeachingDay,
)
from bot.supervision_store import (
    CANCELLATION,
    INVITATION,
    PLANNED_KINDS,
    REFLECTION,
    PairView,
    active_members,
    add_one_off,
    auto_pairs,
    cohort_periods,
    cohort_report,
    create_cohort,
    create_groups,
    delete_member_data,
    dissolve,
    focus_hints,
    leave_cohort,
    live_pairs,
    member_data,
    memberships,
    minute_key,
    pair_members,
    pair_period,
    period_started,
    policy_from,
    progress_of,
    replan_cohort,
    replan_member,
    replan_pair,
    report_lines,
    teaching_days,
    team_cohorts,
)
from supervision import texts
from supervision.calendar import WorkingHours
from supervision.guide import full_guide
from supervision.ics import invite_uid, session_invite
from supervision.messages import (
    BOOKING_BUTTONS,
    FOLLOW_UP_BUTTONS,
    Action,
    ButtonRows,
    ButtonSpec,
    format_day,
    format_when,
    join_names,
    render_nudge,
    short_day,
)
from supervision.pairing import partner_edges, validate_groups
from supervision.parsing import parse_date, parse_time, parse_when
from supervision.plan import (
    NudgeKind,
    NudgePolicy,
    Period,
    SupervisionState,
    snooze_until,
)

FLOW_BOOKING = "sv_booking"
FLOW_REFLECTION = "sv_refleksion"
DAY_ACTION = "sv_dag"
TIME_ACTION = "sv_tid"
REFLECT_ACTION = "sv_refl"
MAX_COHORT_NAME = 120
MAX_REFLECTION = 1000
BOOKING_HORIZON_DAYS = 90
DAY_CHOICES = 6
TIME_CHOICES = (time(8), time(9), time(10), time(11), time(12), time(13), time(14), time(15))
TEACHING_DAY_PAST_DAYS = 183  # "1/4" typed in May means this April, not next year

BOOK_AGAIN_BUTTONS: ButtonRows = ((ButtonSpec(texts.BUTTON_BOOKED, Action.BOOKED),),)

HELD, BOOKED, NOT_BOOKED, CANCELLED = (
    SupervisionState.HOLDT,
    SupervisionState.BOOKET,
    SupervisionState.IKKE_BOOKET,
    SupervisionState.AFLYST,
)


def install(registry: Registry) -> None:
    registry.command("hold_ny", new_cohort, help=texts.HELP_COHORT_NEW, admin_only=True)
    registry.command("hold", show_cohort, help=texts.HELP_COHORT, admin_only=True)
    registry.command(
        "undervisningsdag", teaching_day_command, help=texts.HELP_TEACHING_DAY, admin_only=True
    )
    registry.command("makkerpar", pairs_command, help=texts.HELP_PAIRS, admin_only=True)
    registry.command("hold_fjern", remove_member, help=texts.HELP_REMOVE, admin_only=True)
    registry.command("hold_deltag", join_cohort, help=texts.HELP_JOIN)
    registry.command("sparring", my_sparring, help=texts.HELP_SPARRING)
    registry.command("sparringsguide", show_guide, help=texts.HELP_GUIDE)
    registry.command("pause", pause, help=texts.HELP_PAUSE)
    registry.button(Action.BOOKED.value, on_booked)
    registry.button(Action.SNOOZE.value, on_snooze)
    registry.button(Action.HELD_EARLY.value, on_held)
    registry.button(Action.HELD.value, on_held)
    registry.button(Action.CANCELLED.value, on_cancelled)
    registry.button(Action.MOVED.value, on_moved)
    registry.button(Action.GUIDE.value, on_guide)
    registry.button(DAY_ACTION, on_day)
    registry.button(TIME_ACTION, on_time)
    registry.button(REFLECT_ACTION, on_reflect)
    registry.flow(FLOW_BOOKING, booking_text)
    registry.flow(FLOW_REFLECTION, reflection_text)
    registry.status_section(status_section)
    registry.data_export("makkerpar", export_data)
    registry.data_deletion(delete_data)


# --- small helpers -------------------------------------------------------------------------------


def _policy(ctx: Context) -> NudgePolicy:
    return policy_from(ctx.services.settings)


def _today(ctx: Context) -> date:
    return _policy(ctx).hours.local(ctx.now).date()


async def _names(db: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await db.execute(select(Member.id, Member.display_name).where(Member.id.in_(ids)))
    return {member_id: name or f"#{member_id}" for member_id, name in rows}


def _buttons(member_id: int, rows: ButtonRows, pair_id: int) -> tuple[tuple[Button, ...], ...]:
    """Nudge buttons stay valid whatever the member does in between: unbound tokens."""
    return tuple(
        tuple(
            Button(
                spec.label,
                ButtonToken(member_id, UNBOUND_NONCE, spec.action.value, str(pair_id)).encode(),
            )
            for spec in row
        )
        for row in rows
    )


def _current_period(period_list: Sequence[Period], today: date) -> Period | None:
    """The period running today, or the next one to start."""
    return next((p for p in period_list if today < p.closes), None)


async def _pair_for(ctx: Context, arg: str) -> tuple[BuddyPair, tuple[int, ...]] | None:
    """The pair a button names, locked for this turn; a polite no for anyone outside it."""
    if not arg.isdigit():
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return None
    pair = await ctx.db.scalar(select(BuddyPair).where(BuddyPair.id == int(arg)).with_for_update())
    if pair is None:
        ctx.say(texts.PAIR_GONE)
        return None
    members = await pair_members(ctx.db, pair.id)
    if ctx.member.id not in members:
        ctx.say(texts.PAIR_GONE if pair.dissolved_at else texts.PAIR_NOT_YOURS)
        return None
    if pair.dissolved_at is not None:
        ctx.say(texts.PAIR_GONE)
        return None
    return pair, members


async def _name_of(db: AsyncSession, member_id: int | None) -> str:
    """Whoever booked or reported may have left the pair since (or deleted their data)."""
    if member_id is None:
        return ""
    return (await db.scalar(select(Member.display_name).where(Member.id == member_id))) or ""


async def _reported_by(ctx: Context, pair: BuddyPair) -> str:
    if pair.reported_by is None or pair.reported_by == ctx.member.id:
        return ""
    names = await _names(ctx.db, [pair.reported_by])
    return texts.REPORTED_BY.format(name=names.get(pair.reported_by, ""))


def _invite(
    pair: BuddyPair,
    names: Sequence[str],
    guide: str,
    now: datetime,
    policy: NudgePolicy,
    *,
    cancelled: bool = False,
) -> Attachment:
    if pair.booked_at is None:
        raise ValueError("no booked time to invite to")
    data = session_invite(
        cancelled=cancelled,
        uid=invite_uid(pair.id),
        start=pair.booked_at,
        length=policy.session_length,
        names=names,
        guide=guide,
        stamp=now,
        sequence=pair.invite_sequence,
        timezone=policy.hours.timezone,
    )
    return Attachment(texts.ICS_FILENAME, "text/calendar", data)


# --- cohort admin --------------------------------------------------------------------------------


async def _resolve_cohort(ctx: Context, arg: str, command: str) -> tuple[Cohort, str] | None:
    """The cohort an admin command is about: '#id' first, or the team's only cohort."""
    team_id = ctx.member.team_id
    if team_id is None:
        ctx.say(core_texts.TEAM_ONLY)
        return None
    words = arg.split(maxsplit=1)
    rest = arg
    cohorts = await team_cohorts(ctx.db, team_id)
    if words and words[0].startswith("#"):
        rest = words[1] if len(words) > 1 else ""
        wanted = words[0][1:]
        match = next((c for c in cohorts if str(c.id) == wanted), None)
        if match is None:
            ctx.say(texts.COHORT_UNKNOWN.format(id=wanted[:10]))
            return None
        return match, rest
    if not cohorts:
        ctx.say(texts.COHORT_NONE)
        return None
    if len(cohorts) > 1:
        ctx.say(
            texts.COHORT_PICK.format(
                command=command, example=cohorts[0].id, cohorts=await _cohort_lines(ctx, cohorts)
            )
        )
        return None
    return cohorts[0], rest


async def _cohort_lines(ctx: Context, cohorts: Sequence[Cohort]) -> str:
    lines = []
    for cohort in cohorts:
        count = len(await active_members(ctx.db, cohort.id))
        lines.append(texts.COHORT_LINE.format(id=cohort.id, name=cohort.name, members=count))
    return "\n".join(lines)


async def new_cohort(ctx: Context, arg: str) -> None:
    name = " ".join(arg.split())
    if ctx.member.team_id is None:
        ctx.say(core_texts.TEAM_ONLY)
        return
    if not name:
        ctx.say(texts.COHORT_NAME_MISSING)
        return
    if len(name) > MAX_COHORT_NAME:
        ctx.say(texts.COHORT_NAME_TOO_LONG.format(limit=MAX_COHORT_NAME))
        return
    if any(c.name == name for c in await team_cohorts(ctx.db, ctx.member.team_id)):
        ctx.say(texts.COHORT_NAME_TAKEN.format(name=name))
        return
    cohort = await create_cohort(
        ctx.db, ctx.member.team_id, name, ctx.member.id, ctx.services.seed_source()
    )
    ctx.say(texts.COHORT_CREATED.format(name=name, id=cohort.id, code=cohort.join_code))


async def show_cohort(ctx: Context, arg: str) -> None:
    resolved = await _resolve_cohort(ctx, arg, "hold")
    if resolved is None:
        return
    cohort, _ = resolved
    days = await teaching_days(ctx.db, cohort.id)
    members = await active_members(ctx.db, cohort.id)
    paused = {
        row.member_id
        for row in await ctx.db.scalars(
            select(CohortMember).where(CohortMember.cohort_id == cohort.id, CohortMember.paused)
        )
    }
    member_lines = [
        texts.COHORT_MEMBER_LINE.format(
            number=number,
            name=m.display_name,
            organisation=f" – {m.organisation}" if m.organisation else "",
            paused=texts.COHORT_MEMBER_PAUSED if m.id in paused else "",
        )
        for number, m in enumerate(members, start=1)
    ]
    pair_lines = await _pair_lines(ctx, cohort)
    ctx.say(
        texts.COHORT_OVERVIEW.format(
            id=cohort.id,
            name=cohort.name,
            code=cohort.join_code,
            days="\n".join(texts.COHORT_DAY_LINE.format(day=format_day(d)) for d in days)
            or texts.COHORT_NO_DAYS.format(id=cohort.id),
            members="\n".join(member_lines) or texts.COHORT_NO_MEMBERS,
            pairs="\n".join(pair_lines) or texts.COHORT_NO_PAIRS.format(id=cohort.id),
        )
    )


async def _pair_lines(ctx: Context, cohort: Cohort) -> list[str]:
    period_list = await cohort_periods(ctx.db, cohort.id)
    views = await live_pairs(ctx.db, cohort.id)
    names = await _names(ctx.db, sorted({m for v in views for m in v.members}))
    lines = []
    for period in period_list:
        groups = [v for v in views if v.pair.period_index == period.index]
        if groups:
            lines.append(
                texts.COHORT_PERIOD_PAIRS.format(
                    number=period.index + 1,
                    opens=short_day(period.opens),
                    closes=short_day(period.closes),
                    pairs="; ".join(join_names([names[m] for m in v.members]) for v in groups),
                )
            )
    return lines


async def teaching_day_command(ctx: Context, arg: str) -> None:
    resolved = await _resolve_cohort(ctx, arg, "undervisningsdag")
    if resolved is None:
        return
    cohort, rest = resolved
    words = [w for w in re.split(r"[\s,;]+", rest) if w]
    if words and words[0].lower() in _ADD_WORDS:
        words = words[1:]
    if not words:
        ctx.say(texts.DAYS_USAGE.format(id=cohort.id))
        return
    verb = words[0].lower()
    parsed = _teaching_dates(ctx, words[1:] if verb in ("flyt", "slet") else words)
    if parsed is None:
        return
    existing = set(await teaching_days(ctx.db, cohort.id))
    if verb in ("flyt", "slet") and len(parsed) != (2 if verb == "flyt" else 1):
        ctx.say(texts.DAYS_USAGE.format(id=cohort.id))
        return
    if verb in ("flyt", "slet") and parsed[0] not in existing:
        ctx.say(texts.DAYS_NOT_FOUND.format(day=format_day(parsed[0])))
        return
    if verb == "flyt" and parsed[1] in existing:
        ctx.say(texts.DAYS_EXISTS.format(day=format_day(parsed[1])))
        return
    if verb in ("flyt", "slet"):
        row = await ctx.db.scalar(
            select(TeachingDay).where(
                TeachingDay.cohort_id == cohort.id, TeachingDay.day == parsed[0]
            )
        )
        if row is not None:
            if verb == "flyt":
                row.day = parsed[1]
            else:
                await ctx.db.delete(row)
        added = parsed[1:]
    else:
        added = [d for d in dict.fromkeys(parsed) if d not in existing]
        ctx.db.add_all(TeachingDay(cohort_id=cohort.id, day=d) for d in added)
    await ctx.db.flush()
    await replan_cohort(ctx.db, cohort.id, ctx.now, _policy(ctx))
    days = await teaching_days(ctx.db, cohort.id)
    hours = _policy(ctx).hours
    notes = [
        texts.DAYS_WEEKEND.format(day=format_day(d)) for d in added if not hours.is_working_day(d)
    ]
    listing = "\n".join(texts.COHORT_DAY_LINE.format(day=format_day(d)) for d in days)
    ctx.say("\n".join([texts.DAYS_ADDED.format(days=listing), *notes]))


_ADD_WORDS = ("tilføj", "tilfoej", "tilfoj")


def _teaching_dates(ctx: Context, words: Sequence[str]) -> list[date] | None:
    """Dates typed one after another; a written date spans two words ("14. maj", "d. 1/4")."""
    today = _today(ctx)
    parsed: list[date] = []
    index = 0
    while index < len(words):
        day = parse_date(words[index], today, past_days=TEACHING_DAY_PAST_DAYS)
        step = 1
        if day is None and index + 1 < len(words):
            pair_of_words = f"{words[index]} {words[index + 1]}"
            day = parse_date(pair_of_words, today, past_days=TEACHING_DAY_PAST_DAYS)
            step = 2
        if day is None:
            ctx.say(texts.DAYS_BAD_DATE.format(text=words[index][:30]))
            return None
        parsed.append(day)
        index += step
    return parsed


_GROUP = re.compile(r"^\d+(\+\d+)+$")


async def pairs_command(ctx: Context, arg: str) -> None:
    resolved = await _resolve_cohort(ctx, arg, "makkerpar")
    if resolved is None:
        return
    cohort, rest = resolved
    words = rest.lower().split()
    period_list = await cohort_periods(ctx.db, cohort.id)
    members = await active_members(ctx.db, cohort.id)
    if not words:
        ctx.say(texts.PAIRS_USAGE.format(id=cohort.id))
        return
    if not period_list:
        ctx.say(texts.PAIRS_NO_PERIODS)
        return
    if len(members) < 2:
        ctx.say(texts.PAIRS_TOO_FEW)
        return
    chosen: Period | None = None
    if words[0] == "periode" and len(words) >= 2:
        if not words[1].isdigit() or not 1 <= int(words[1]) <= len(period_list):
            ctx.say(texts.PAIRS_BAD_PERIOD.format(number=words[1][:5], count=len(period_list)))
            return
        chosen = period_list[int(words[1]) - 1]
        words = words[2:]
    if words[:1] == ["auto"]:
        await _auto(ctx, cohort, members, period_list, chosen, all_periods=words[1:2] == ["alle"])
        return
    await _by_hand(ctx, cohort, members, period_list, chosen, " ".join(words))


async def _free_periods(
    ctx: Context, cohort: Cohort, period_list: Sequence[Period]
) -> list[Period]:
    today = _today(ctx)
    views = await live_pairs(ctx.db, cohort.id)
    taken = {v.pair.period_index for v in views}
    return [p for p in period_list if p.closes > today and p.index not in taken]


async def _clear_period(ctx: Context, cohort: Cohort, period: Period) -> bool:
    """Free a period for new pairs; refused once any of its pairs has booked or reported."""
    views = await live_pairs(ctx.db, cohort.id, period.index)
    if period_started(views):
        ctx.say(texts.PAIRS_PERIOD_STARTED.format(number=period.index + 1))
        return False
    await dissolve(ctx.db, [v.pair for v in views], ctx.now)
    return True


async def _auto(
    ctx: Context,
    cohort: Cohort,
    members: Sequence[Member],
    period_list: Sequence[Period],
    chosen: Period | None,
    *,
    all_periods: bool,
) -> None:
    if chosen is not None:
        targets = [chosen]
        if not await _clear_period(ctx, cohort, chosen):
            return
    else:
        free = await _free_periods(ctx, cohort, period_list)
        targets = free if all_periods else free[:1]
    if not targets:
        ctx.say(texts.PAIRS_NO_FREE_PERIOD)
        return
    messages = []
    for period in targets:
        groups = await auto_pairs(ctx.db, cohort, period.index, members)
        messages.append(await _save_groups(ctx, cohort, period, groups))
    ctx.say("\n\n".join(messages))


async def _by_hand(
    ctx: Context,
    cohort: Cohort,
    members: Sequence[Member],
    period_list: Sequence[Period],
    chosen: Period | None,
    spec: str,
) -> None:
    parts = [p for p in re.split(r"[,;\s]+", spec) if p]
    if not parts or not all(_GROUP.match(p) for p in parts):
        ctx.say(texts.PAIRS_BAD_SYNTAX + "\n\n" + texts.PAIRS_USAGE.format(id=cohort.id))
        return
    roster = {number: m.id for number, m in enumerate(members, start=1)}
    groups: list[tuple[int, ...]] = []
    for part in parts:
        numbers = [int(n) for n in part.split("+")]
        unknown = next((n for n in numbers if n not in roster), None)
        if unknown is not None:
            ctx.say(texts.PAIRS_BAD_NUMBER.format(number=unknown))
            return
        groups.append(tuple(roster[n] for n in numbers))
    errors = validate_groups(groups, roster.values())
    if errors:
        ctx.say("\n".join(texts.PAIRS_INVALID[e.value] for e in errors))
        return
    if chosen is None:
        free = await _free_periods(ctx, cohort, period_list)
        if not free:
            ctx.say(texts.PAIRS_NO_FREE_PERIOD)
            return
        chosen = free[0]
    elif not await _clear_period(ctx, cohort, chosen):
        return
    ctx.say(await _save_groups(ctx, cohort, chosen, [tuple(sorted(g)) for g in groups]))


async def _save_groups(
    ctx: Context, cohort: Cohort, period: Period, groups: Sequence[tuple[int, ...]]
) -> str:
    earlier = [
        v.members for v in await live_pairs(ctx.db, cohort.id) if v.pair.period_index < period.index
    ]
    repeats = partner_edges(groups) & partner_edges(earlier)
    pairs = await create_groups(ctx.db, cohort, period.index, groups)
    for pair in pairs:
        await replan_pair(ctx.db, pair, ctx.now, _policy(ctx))
    names = await _names(ctx.db, sorted({m for g in groups for m in g}))
    lines = [texts.PAIR_LINE.format(names=join_names([names[m] for m in g])) for g in groups]
    return texts.PAIRS_FORMED.format(
        number=period.index + 1,
        opens=short_day(period.opens),
        closes=short_day(period.closes),
        pairs="\n".join(lines),
        note=texts.PAIRS_REPEAT_NOTE if repeats else "",
    )


async def remove_member(ctx: Context, arg: str) -> None:
    resolved = await _resolve_cohort(ctx, arg, "hold_fjern")
    if resolved is None:
        return
    cohort, rest = resolved
    members = await active_members(ctx.db, cohort.id)
    number = rest.strip()
    if not number.isdigit() or not 1 <= int(number) <= len(members):
        ctx.say(texts.REMOVE_USAGE.format(id=cohort.id))
        return
    leaving = members[int(number) - 1]
    changed = await leave_cohort(ctx.db, cohort, leaving.id, ctx.now, _policy(ctx))
    if not changed:
        ctx.say(texts.REMOVED_NO_PAIRS.format(name=leaving.display_name))
        return
    names = await _names(ctx.db, sorted({m for v in changed for m in v.members}))
    lines = [
        texts.PAIR_LINE.format(names=join_names([names[m] for m in v.members])) for v in changed
    ]
    ctx.say(texts.REMOVED.format(name=leaving.display_name, pairs="\n".join(lines)))


# --- members --------------------------------------------------------------------------------------


async def join_cohort(ctx: Context, arg: str) -> None:
    code = normalise_code(arg)
    if not code:
        ctx.say(texts.JOIN_CODE_MISSING)
        return
    cohort = await ctx.db.scalar(select(Cohort).where(Cohort.join_code == code))
    if cohort is None:
        ctx.say(texts.JOIN_CODE_INVALID)
        return
    if ctx.member.team_id != cohort.team_id:
        ctx.say(texts.JOIN_OTHER_TEAM)
        return
    row = await ctx.db.get(CohortMember, (cohort.id, ctx.member.id))
    if row is not None and row.left_at is None:
        ctx.say(texts.JOINED_COHORT_ALREADY.format(name=cohort.name))
        return
    if row is None:
        ctx.db.add(CohortMember(cohort_id=cohort.id, member_id=ctx.member.id, joined_at=ctx.now))
    else:
        row.left_at = None
        row.joined_at = ctx.now
    await ctx.db.flush()
    ctx.say(texts.JOINED_COHORT.format(name=cohort.name))


async def _my_current_pair(ctx: Context) -> tuple[PairView, Period] | None:
    for membership in await memberships(ctx.db, ctx.member.id):
        period_list = await cohort_periods(ctx.db, membership.cohort_id)
        period = _current_period(period_list, _today(ctx))
        if period is None:
            continue
        for view in await live_pairs(ctx.db, membership.cohort_id, period.index):
            if ctx.member.id in view.members:
                return view, period
    return None


def _state_text(pair: BuddyPair, period: Period, members: tuple[int, ...], ctx: Context) -> str:
    policy = _policy(ctx)
    state = progress_of(pair, period, members, ctx.now, policy)
    when = format_when(pair.booked_at, policy.hours) if pair.booked_at else ""
    return texts.STATE_LABELS[state.value].format(when=when)


async def my_sparring(ctx: Context, _arg: str) -> None:
    if not await memberships(ctx.db, ctx.member.id):
        ctx.say(texts.NOT_IN_COHORT)
        return
    found = await _my_current_pair(ctx)
    if found is None:
        ctx.say(texts.SPARRING_NONE)
        return
    view, period = found
    names = await _names(ctx.db, view.members)
    partners = [names[m] for m in view.members if m != ctx.member.id]
    state = SupervisionState(view.pair.state)
    rows: ButtonRows = ()
    if state is NOT_BOOKED or state is CANCELLED:
        rows = BOOKING_BUTTONS
    elif state is BOOKED:
        rows = FOLLOW_UP_BUTTONS[:1]
    ctx.say(
        texts.SPARRING_STATUS.format(
            number=period.index + 1,
            opens=short_day(period.opens),
            closes=short_day(period.closes),
            partners=join_names(partners),
            state=_state_text(view.pair, period, view.members, ctx),
        ),
        buttons=_buttons(ctx.member.id, rows, view.pair.id),
    )


async def show_guide(ctx: Context, _arg: str) -> None:
    found = await _my_current_pair(ctx)
    members: Sequence[Member] = []
    if found is not None:
        members = list(await ctx.db.scalars(select(Member).where(Member.id.in_(found[0].members))))
    ctx.say(full_guide(await focus_hints(ctx.db, members)))


async def pause(ctx: Context, arg: str) -> None:
    rows = await memberships(ctx.db, ctx.member.id)
    if not rows:
        ctx.say(texts.NOT_IN_COHORT)
        return
    policy = _policy(ctx)
    if arg.strip():
        day = parse_date(arg, _today(ctx))
        if day is None:
            ctx.say(texts.PAUSE_BAD_DATE)
            return
        if day <= _today(ctx):
            ctx.say(texts.PAUSE_PAST)
            return
        until: datetime | None = policy.hours.opening(day)
        paused, reply = True, texts.PAUSED_UNTIL.format(day=format_day(day))
    elif any(row.paused for row in rows):
        until, paused, reply = None, False, texts.RESUMED
    else:
        until, paused, reply = None, True, texts.PAUSED
    for row in rows:
        row.paused, row.paused_until = paused, until
    await ctx.db.flush()
    await replan_member(ctx.db, ctx.member.id, ctx.now, policy)
    ctx.say(reply)


# --- nudge buttons -------------------------------------------------------------------------------


def _day_buttons(ctx: Context, hours: WorkingHours) -> list[list[Button]]:
    day = _today(ctx)
    if hours.local(ctx.now).time() >= hours.end or not hours.is_working_day(day):
        day += timedelta(days=1)
    choices: list[date] = []
    while len(choices) < DAY_CHOICES:
        if hours.is_working_day(day):
            choices.append(day)
        day += timedelta(days=1)
    buttons = [
        ctx.button(
            texts.DAY_BUTTON.format(
                weekday=texts.WEEKDAYS_SHORT[d.weekday()], day=d.day, month=d.month
            ),
            DAY_ACTION,
            d.strftime("%Y%m%d"),
        )
        for d in choices
    ]
    return [buttons[:3], buttons[3:]]


def _time_buttons(ctx: Context) -> list[list[Button]]:
    buttons = [
        ctx.button(
            texts.TIME_BUTTON.format(hour=t.hour, minute=t.minute), TIME_ACTION, t.strftime("%H%M")
        )
        for t in TIME_CHOICES
    ]
    return [buttons[:4], buttons[4:]]


def _start_booking(ctx: Context, pair: BuddyPair, question: str) -> None:
    ctx.start_flow(FLOW_BOOKING, {"pair": pair.id})
    ctx.say(question, buttons=_day_buttons(ctx, _policy(ctx).hours))


async def on_booked(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await _reported_by(ctx, pair)))
        return
    _start_booking(ctx, pair, texts.BOOK_ASK_DAY)


async def on_day(ctx: Context, arg: str) -> None:
    try:
        day = datetime.strptime(arg, "%Y%m%d").date()
    except ValueError:
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return
    await _choose_day(ctx, day)


async def on_time(ctx: Context, arg: str) -> None:
    try:
        chosen = datetime.strptime(arg, "%H%M").time()
    except ValueError:
        ctx.say(core_texts.BUTTON_UNKNOWN)
        return
    await _choose_time(ctx, chosen)


async def booking_text(ctx: Context, text: str) -> None:
    """The day, the time, or both at once ("tirsdag kl 10") – whichever is still missing."""
    chosen = parse_time(text) if "day" in ctx.flow_data else None
    if chosen is not None:
        await _choose_time(ctx, chosen)
        return
    day, chosen = parse_when(text, _today(ctx))
    if day is None:
        if "day" in ctx.flow_data:
            ctx.say(texts.BOOK_BAD_TIME, buttons=_time_buttons(ctx))
        else:
            ctx.say(texts.BOOK_BAD_DAY, buttons=_day_buttons(ctx, _policy(ctx).hours))
        return
    if await _choose_day(ctx, day, ask_time=chosen is None) and chosen is not None:
        await _choose_time(ctx, chosen)


async def _choose_day(ctx: Context, day: date, *, ask_time: bool = True) -> bool:
    today = _today(ctx)
    if day < today:
        ctx.say(texts.BOOK_PAST, buttons=_day_buttons(ctx, _policy(ctx).hours))
        return False
    if day > today + timedelta(days=BOOKING_HORIZON_DAYS):
        ctx.say(
            texts.BOOK_TOO_FAR.format(days=BOOKING_HORIZON_DAYS),
            buttons=_day_buttons(ctx, _policy(ctx).hours),
        )
        return False
    ctx.update_flow(day=day.isoformat())
    if ask_time:
        ctx.say(texts.BOOK_ASK_TIME.format(day=format_day(day)), buttons=_time_buttons(ctx))
    return True


async def _choose_time(ctx: Context, chosen: time) -> None:
    data = ctx.flow_data
    if "day" not in data or "pair" not in data:
        ctx.say(core_texts.BUTTON_STALE)
        return
    hours = _policy(ctx).hours
    when = datetime.combine(date.fromisoformat(data["day"]), chosen, tzinfo=hours.zone)
    if when <= ctx.now:
        ctx.say(texts.BOOK_PAST, buttons=_time_buttons(ctx))
        return
    ctx.end_flow()
    await _book(ctx, str(data["pair"]), when)


async def _book(ctx: Context, pair_arg: str, when: datetime) -> None:
    found = await _pair_for(ctx, pair_arg)
    if found is None:
        return
    pair, members = found
    policy = _policy(ctx)
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await _reported_by(ctx, pair)))
        return
    names = await _names(ctx.db, members)
    partners = [names[m] for m in members if m != ctx.member.id]
    guide_members = list(await ctx.db.scalars(select(Member).where(Member.id.in_(members))))
    guide = full_guide(await focus_hints(ctx.db, guide_members))
    names_in_order = [names[m] for m in members]
    if pair.state == BOOKED and pair.booked_at == when:
        ctx.say(
            texts.BOOKED_SAME,
            attachments=[_invite(pair, names_in_order, guide, ctx.now, policy)],
        )
        return
    notes: list[str] = []
    if pair.state == BOOKED and pair.booked_at is not None and pair.booked_by != ctx.member.id:
        who = (await _names(ctx.db, [pair.booked_by]))[pair.booked_by] if pair.booked_by else ""
        notes.append(
            texts.BOOKED_MOVED.format(
                name=who,
                old=format_when(pair.booked_at, policy.hours),
                new=format_when(when, policy.hours),
            )
        )
    if pair.booked_by is not None:
        pair.invite_sequence += 1  # a moved session updates the calendar event
    pair.state = BOOKED.value
    pair.booked_at = when
    pair.booked_on = ctx.now
    pair.booked_by = ctx.member.id
    pair.snoozed = {}
    pair.updated_at = ctx.now
    await ctx.db.flush()
    await replan_pair(ctx.db, pair, ctx.now, policy)
    partner_ids = [m for m in members if m != ctx.member.id]
    await add_one_off(ctx.db, pair, INVITATION, partner_ids, minute_key(when), ctx.now, policy)
    if not _within_hours(when, policy.hours):
        notes.append(
            texts.BOOK_OUTSIDE_HOURS.format(
                start=policy.hours.start.strftime("%H.%M"), end=policy.hours.end.strftime("%H.%M")
            )
        )
    view = await pair_period(ctx.db, pair)
    if view is not None and policy.hours.local(when).date() >= view.period.closes:
        notes.append(texts.BOOK_AFTER_TEACHING.format(day=format_day(view.period.closes)))
    text = texts.BOOKED.format(when=format_when(when, policy.hours), partners=join_names(partners))
    ctx.say(
        "\n\n".join([text, *notes]),
        attachments=[_invite(pair, names_in_order, guide, ctx.now, policy)],
    )


def _within_hours(when: datetime, hours: WorkingHours) -> bool:
    """An evening or weekend booking is allowed (their call), but likely a typo worth flagging."""
    local = hours.local(when)
    return hours.is_working_day(local.date()) and hours.start <= local.time() < hours.end


async def on_snooze(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    state = SupervisionState(pair.state)
    if state.is_done:
        ctx.say(texts.NOTHING_TO_SNOOZE.format(state=state.value))
        return
    policy = _policy(ctx)
    if state is BOOKED and pair.booked_at is not None and pair.booked_at > ctx.now:
        # An old "book your session" nudge pressed after the pair booked: nothing to chase.
        ctx.say(texts.SNOOZE_ALREADY_BOOKED.format(when=format_when(pair.booked_at, policy.hours)))
        return
    until = snooze_until(ctx.now, policy)
    pair.snoozed = {**(pair.snoozed or {}), str(ctx.member.id): until.isoformat()}
    pair.updated_at = ctx.now
    planned = await replan_pair(ctx.db, pair, ctx.now, policy)
    mine = [n for n in planned if n.member_id == ctx.member.id and n.kind is NudgeKind.SNOOZED]
    if mine:
        ctx.say(texts.SNOOZED.format(when=format_when(mine[0].due_at, policy.hours)))
        return
    view = await pair_period(ctx.db, pair)
    closes = view.period.closes if view is not None else _today(ctx)
    ctx.say(texts.SNOOZE_TOO_LATE.format(day=format_day(closes)))


async def _ask_reflection(ctx: Context, pair: BuddyPair) -> None:
    existing = await ctx.db.scalar(
        select(Reflection.id).where(
            Reflection.pair_id == pair.id, Reflection.member_id == ctx.member.id
        )
    )
    if existing is not None:
        ctx.say(texts.REFLECTION_ALREADY)
        return
    ctx.start_flow(FLOW_REFLECTION, {"pair": pair.id})
    ctx.say(texts.REFLECTION_QUESTION)


async def on_held(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    pair, members = found
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await _reported_by(ctx, pair)))
        await _ask_reflection(ctx, pair)
        return
    policy = _policy(ctx)
    pair.state = HELD.value
    pair.reported_by = ctx.member.id
    pair.updated_at = ctx.now
    await replan_pair(ctx.db, pair, ctx.now, policy)
    partners = [m for m in members if m != ctx.member.id]
    await add_one_off(ctx.db, pair, REFLECTION, partners, "holdt", ctx.now, policy)
    await _ask_reflection(ctx, pair)


async def on_cancelled(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    pair, members = found
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await _reported_by(ctx, pair)))
        return
    if pair.state == CANCELLED:
        ctx.say(texts.ALREADY_CANCELLED.format(by=await _reported_by(ctx, pair)))
        return
    pair.state = CANCELLED.value
    pair.reported_by = ctx.member.id
    pair.updated_at = ctx.now
    policy = _policy(ctx)
    await replan_pair(ctx.db, pair, ctx.now, policy)
    buttons = _buttons(ctx.member.id, BOOK_AGAIN_BUTTONS, pair.id)
    if pair.booked_at is None or pair.booked_by is None:
        ctx.say(texts.MARKED_CANCELLED, buttons=buttons)
        return
    # The event is in both calendars: a higher SEQUENCE under the same UID removes it.
    pair.invite_sequence += 1
    await ctx.db.flush()
    partners = [m for m in members if m != ctx.member.id]
    key = f"s{pair.invite_sequence}"
    await add_one_off(ctx.db, pair, CANCELLATION, partners, key, ctx.now, policy)
    names = await _names(ctx.db, members)
    ics = await _pair_invite(ctx.db, pair, members, ctx.now, policy, cancelled=True)
    ctx.say(
        texts.MARKED_CANCELLED_ICS.format(
            partners=join_names([names[m] for m in partners]),
            when=format_when(pair.booked_at, policy.hours),
        ),
        buttons=buttons,
        attachments=[ics],
    )


async def _pair_invite(
    db: AsyncSession,
    pair: BuddyPair,
    members: Sequence[int],
    now: datetime,
    policy: NudgePolicy,
    *,
    cancelled: bool = False,
) -> Attachment:
    rows = list(await db.scalars(select(Member).where(Member.id.in_(members))))
    names = {m.id: m.display_name for m in rows}
    guide = full_guide(await focus_hints(db, rows))
    return _invite(pair, [names[m] for m in members], guide, now, policy, cancelled=cancelled)


async def on_moved(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    pair, _ = found
    if pair.state == HELD:
        ctx.say(texts.ALREADY_HELD.format(by=await _reported_by(ctx, pair)))
        return
    pair.state = NOT_BOOKED.value
    pair.booked_at = None
    pair.booked_on = None
    pair.reported_by = None
    pair.updated_at = ctx.now
    await replan_pair(ctx.db, pair, ctx.now, _policy(ctx))
    _start_booking(ctx, pair, texts.MOVED_ASK_DAY)


async def on_guide(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    _, members = found
    rows = list(await ctx.db.scalars(select(Member).where(Member.id.in_(members))))
    ctx.say(full_guide(await focus_hints(ctx.db, rows)))


async def on_reflect(ctx: Context, arg: str) -> None:
    found = await _pair_for(ctx, arg)
    if found is None:
        return
    await _ask_reflection(ctx, found[0])


async def reflection_text(ctx: Context, text: str) -> None:
    answer = text.strip()
    if not answer:
        ctx.say(texts.REFLECTION_EMPTY)
        return
    if len(answer) > MAX_REFLECTION:
        ctx.say(texts.REFLECTION_TOO_LONG.format(length=len(answer), limit=MAX_REFLECTION))
        return
    pair_id = int(ctx.flow_data.get("pair", 0))
    ctx.end_flow()
    existing = await ctx.db.scalar(
        select(Reflection).where(
            Reflection.pair_id == pair_id, Reflection.member_id == ctx.member.id
        )
    )
    if existing is not None:
        ctx.say(texts.REFLECTION_ALREADY)
        return
    if await ctx.db.get(BuddyPair, pair_id) is None:
        ctx.say(texts.PAIR_GONE)
        return
    ctx.db.add(
        Reflection(pair_id=pair_id, member_id=ctx.member.id, text=answer, created_at=ctx.now)
    )
    await ctx.db.flush()
    ctx.say(texts.REFLECTION_SAVED)


# --- what the dispatcher sends -----------------------------------------------------------------


def make_renderer(policy: NudgePolicy) -> Renderer:
    """The dispatcher's renderer for this deployment's working hours and time zone."""

    async def render(db: AsyncSession, nudge: Nudge, now: datetime) -> Sequence[Reply] | None:
        return await render_nudge_row(db, nudge, now, policy)

    return render


async def render_nudge_row(
    db: AsyncSession, nudge: Nudge, now: datetime, policy: NudgePolicy
) -> Sequence[Reply] | None:
    """The message for a due nudge as things stand now; None when it no longer applies."""
    if nudge.pair_id is None:
        return None
    pair = await db.get(BuddyPair, nudge.pair_id)
    if pair is None or pair.dissolved_at is not None:
        return None
    members = await pair_members(db, pair.id)
    membership = await db.get(CohortMember, (pair.cohort_id, nudge.member_id))
    if nudge.member_id not in members or membership is None or membership.left_at is not None:
        return None
    if membership.paused and (membership.paused_until is None or membership.paused_until > now):
        return None
    view = await pair_period(db, pair)
    if view is None:
        return None
    member_rows = list(await db.scalars(select(Member).where(Member.id.in_(members))))
    names = {m.id: m.display_name for m in member_rows}
    partners = [names[m] for m in members if m != nudge.member_id]
    state = SupervisionState(pair.state)
    if nudge.kind in PLANNED_KINDS:
        if state.is_done:
            return None
        message = render_nudge(
            NudgeKind(nudge.kind),
            state=state,
            recipient=names[nudge.member_id],
            partners=partners,
            next_day=view.period.closes,
            booked_at=pair.booked_at,
            focus=await focus_hints(db, member_rows),
            hours=policy.hours,
        )
        return [
            Reply(
                message.text,
                _buttons(nudge.member_id, message.buttons, pair.id),
                title=message.title,
            )
        ]
    if nudge.kind == INVITATION:
        if state is not BOOKED or pair.booked_at is None:
            return None
        if not nudge.key.endswith(minute_key(pair.booked_at)):
            return None  # moved again since: a newer invitation is on its way
        booker = await _name_of(db, pair.booked_by)
        guide = full_guide(await focus_hints(db, member_rows))
        attachment = _invite(pair, [names[m] for m in members], guide, now, policy)
        when = format_when(pair.booked_at, policy.hours)
        text = (
            texts.INVITATION.format(name=booker, when=when)
            if booker
            else texts.INVITATION_NO_NAME.format(when=when)
        )
        return [Reply(text, attachments=(attachment,), title=texts.NUDGE_TITLE)]
    if nudge.kind == CANCELLATION:
        if state is not CANCELLED or pair.booked_at is None:
            return None  # booked again since: the new invitation replaces the event
        if not nudge.key.endswith(f"s{pair.invite_sequence}"):
            return None
        canceller = await _name_of(db, pair.reported_by)
        when = format_when(pair.booked_at, policy.hours)
        text = (
            texts.CANCELLATION.format(name=canceller, when=when)
            if canceller
            else texts.CANCELLATION_NO_NAME.format(when=when)
        )
        guide = full_guide(await focus_hints(db, member_rows))
        attachment = _invite(pair, [names[m] for m in members], guide, now, policy, cancelled=True)
        return [
            Reply(
                text,
                _buttons(nudge.member_id, BOOK_AGAIN_BUTTONS, pair.id),
                title=texts.NUDGE_TITLE,
                attachments=(attachment,),
            )
        ]
    if nudge.kind == REFLECTION:
        answered = await db.scalar(
            select(Reflection.id).where(
                Reflection.pair_id == pair.id, Reflection.member_id == nudge.member_id
            )
        )
        if state is not HELD or answered is not None:
            return None
        reporter = await _name_of(db, pair.reported_by)
        button = Button(
            texts.BUTTON_REFLECT,
            ButtonToken(nudge.member_id, UNBOUND_NONCE, REFLECT_ACTION, str(pair.id)).encode(),
        )
        prompt = (
            texts.REFLECTION_PROMPT.format(name=reporter)
            if reporter
            else texts.REFLECTION_PROMPT_NO_NAME
        )
        return [Reply(prompt, ((button,),))]
    return None


# --- the lead's view, privacy -------------------------------------------------------------------


async def status_section(ctx: Context) -> str | None:
    parts: list[str] = []
    policy = _policy(ctx)
    if ctx.member.is_admin and ctx.member.team_id is not None:
        for cohort in await team_cohorts(ctx.db, ctx.member.team_id):
            parts.append(await _cohort_status(ctx, cohort, policy))
    found = await _my_current_pair(ctx)
    if found is not None:
        view, period = found
        names = await _names(ctx.db, view.members)
        partners = join_names([names[m] for m in view.members if m != ctx.member.id])
        state = _state_text(view.pair, period, view.members, ctx)
        parts.append(texts.STATUS_MEMBER.format(text=f"med {partners} – {state}"))
    return "\n\n".join(parts) or None


async def _cohort_status(ctx: Context, cohort: Cohort, policy: NudgePolicy) -> str:
    rows = await cohort_report(ctx.db, cohort, ctx.now, policy)
    lines = report_lines(rows, policy) or [texts.STATUS_NO_PERIODS]
    return "\n".join([texts.STATUS_TITLE.format(name=cohort.name), *lines])


async def export_data(ctx: Context) -> Mapping[str, Any]:
    """Everything the buddy-pair feature keeps that is about this person (GDPR art. 15)."""
    return await member_data(ctx.db, ctx.member.id, _policy(ctx))


async def delete_data(ctx: Context) -> None:
    await delete_member_data(ctx.db, ctx.member.id, ctx.now, _policy(ctx))
