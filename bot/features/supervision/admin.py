"""The lead's cohort commands: creating a cohort, its teaching days, pairing people up and
taking someone off the roster – plus /hold_deltag, a member's way onto it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from bot.core import texts as core_texts
from bot.core.context import Context
from bot.core.teams import normalise_code
from bot.features.supervision.common import display_names, policy_of, today_of
from bot.storage.models_core import Member
from bot.storage.models_supervision import Cohort, CohortMember, TeachingDay
from bot.supervision_store import (
    active_members,
    auto_pairs,
    cohort_periods,
    create_cohort,
    create_groups,
    dissolve,
    leave_cohort,
    live_pairs,
    period_started,
    replan_cohort,
    replan_pair,
    teaching_days,
    team_cohorts,
)
from supervision import texts
from supervision.messages import format_day, join_names, short_day
from supervision.pairing import partner_edges, validate_groups
from supervision.parsing import parse_date
from supervision.plan import Period

MAX_COHORT_NAME = 120
TEACHING_DAY_PAST_DAYS = 183  # "1/4" typed in May means this April, not next year
_ADD_WORDS = ("tilføj", "tilfoej", "tilfoj")
_GROUP = re.compile(r"^\d+(\+\d+)+$")


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
    names = await display_names(ctx.db, sorted({m for v in views for m in v.members}))
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
    await replan_cohort(ctx.db, cohort.id, ctx.now, policy_of(ctx))
    days = await teaching_days(ctx.db, cohort.id)
    hours = policy_of(ctx).hours
    notes = [
        texts.DAYS_WEEKEND.format(day=format_day(d)) for d in added if not hours.is_working_day(d)
    ]
    listing = "\n".join(texts.COHORT_DAY_LINE.format(day=format_day(d)) for d in days)
    ctx.say("\n".join([texts.DAYS_ADDED.format(days=listing), *notes]))


def _teaching_dates(ctx: Context, words: Sequence[str]) -> list[date] | None:
    """Dates typed one after another; a written date spans two words ("14. maj", "d. 1/4")."""
    today = today_of(ctx)
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
    today = today_of(ctx)
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
        await replan_pair(ctx.db, pair, ctx.now, policy_of(ctx))
    names = await display_names(ctx.db, sorted({m for g in groups for m in g}))
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
    changed = await leave_cohort(ctx.db, cohort, leaving.id, ctx.now, policy_of(ctx))
    if not changed:
        ctx.say(texts.REMOVED_NO_PAIRS.format(name=leaving.display_name))
        return
    names = await display_names(ctx.db, sorted({m for v in changed for m in v.members}))
    lines = [
        texts.PAIR_LINE.format(names=join_names([names[m] for m in v.members])) for v in changed
    ]
    ctx.say(texts.REMOVED.format(name=leaving.display_name, pairs="\n".join(lines)))


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
