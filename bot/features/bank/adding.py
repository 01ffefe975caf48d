"""``/ny_indvending``: text → (duplicate?) → phase → themes → industry → difficulty → answer.

Every step has buttons for its fixed choices, accepts typed input too, and offers a way back
and out. The duplicate check runs as soon as the text is known (so nobody tags a duplicate)
and once more just before saving, in case a teammate added the same objection meanwhile.
"""

from __future__ import annotations

from typing import Any

from bot.core.context import Context
from bot.core.messages import Button
from bot.features.bank import store
from bot.features.bank.common import (
    FLOW_ADD,
    FLOW_ANSWER,
    may_start_flow,
    require_team,
    short,
    show_button,
    start_bank_flow,
)
from objection_bank import texts
from objection_bank.model import (
    MAX_ANSWER_CHARS,
    MAX_OBJECTION_CHARS,
    Answer,
    ValidationError,
    clean_answer_text,
    clean_objection_text,
    clean_tags,
    make_objection,
)
from objection_bank.tags import (
    Difficulty,
    Phase,
    Status,
    TagKind,
    looks_like_tag_list,
    parse_difficulty,
    parse_phase,
    resolve_tag,
    sort_tags,
    tag_label,
    tags_by_kind,
    tags_of_kind,
    theme_pages,
)

STEPS = ("tekst", "fase", "emner", "branche", "svaer", "svar")
DUPLICATE = "dublet"
SHOWN_DUPLICATES = 2
DRAFT_SHOWN_CHARS = 120


async def start(ctx: Context, arg: str) -> None:
    if require_team(ctx) is None or not may_start_flow(ctx):
        return
    start_bank_flow(ctx, FLOW_ADD, {"step": "tekst", "tags": [], "dismissed": []})
    if arg.strip():
        await on_text(ctx, arg)
    else:
        _ask(ctx, "tekst")


async def on_text(ctx: Context, raw: str) -> None:
    """Typed input at whatever step the member is on."""
    if require_team(ctx) is None:
        ctx.end_flow()
        return
    step = ctx.flow_data.get("step", "tekst")
    try:
        if step == "tekst":
            text = clean_objection_text(raw)
            ctx.update_flow(text=text)
            await _after_text(ctx, text)
        elif step == "fase":
            phase = parse_phase(raw)
            if phase is None:
                ctx.say(texts.ADD_PHASE_UNKNOWN)
                _ask(ctx, "fase")
                return
            _go(ctx, "emner", phase=phase.value)
        elif step == "emner":
            if not looks_like_tag_list(raw):
                ctx.update_flow(draft=clean_answer_text(raw))
                ctx.say(texts.ADD_THEMES_NOT_TAGS)
                _ask(ctx, "emner")
                return
            typed = clean_tags(raw)
            tags = sort_tags([*ctx.flow_data.get("tags", []), *typed])
            has_industry = bool(tags_of_kind(tags, TagKind.BRANCHE))
            _go(ctx, "svaer" if has_industry else "branche", tags=list(tags))
        elif step == "branche":
            tag = resolve_tag(raw)
            if tag is None or tag not in {t.id for t in tags_by_kind(TagKind.BRANCHE)}:
                clean_tags([raw])  # names the unknown word, with a hint
                ctx.say(texts.ADD_USE_BUTTONS)
                _ask(ctx, "branche")
                return
            await on_industry(ctx, tag, pressed=False)
        elif step == "svaer":
            difficulty = parse_difficulty(raw)
            if difficulty is None:
                ctx.say(texts.ERR_BAD_DIFFICULTY.format(value=short(raw)))
                _ask(ctx, "svaer")
                return
            _go(ctx, "svar", difficulty=difficulty.value)
        elif step == "svar":
            answer = clean_answer_text(raw)
            ctx.update_flow(answer=answer)
            await _save(ctx)
        else:
            ctx.say(texts.ADD_USE_BUTTONS)
            _ask(ctx, step)
    except ValidationError as error:
        ctx.say(error.message)
        _ask(ctx, step)


async def _after_text(ctx: Context, text: str) -> None:
    if await _offer_duplicate(ctx, text, then="fase"):
        return
    _go(ctx, "fase")


async def _offer_duplicate(ctx: Context, text: str, *, then: str) -> bool:
    """Show the closest existing objection not yet waved through; True when one was shown."""
    team_id = ctx.member.team_id
    dismissed = set(ctx.flow_data.get("dismissed", []))
    index = await store.text_index(ctx.db, team_id)
    matches = [m for m in index.duplicates(text) if m.key not in dismissed][:SHOWN_DUPLICATES]
    if not matches:
        return False
    ctx.update_flow(
        step=DUPLICATE,
        then=then,
        candidates=[m.key for m in matches],
        candidate_texts=[[m.key, m.text] for m in matches],
    )
    _ask(ctx, DUPLICATE)
    return True


def _go(ctx: Context, step: str, **changes: Any) -> None:
    if step == "emner":
        changes.setdefault("theme_page", 0)  # arriving at the themes shows the common ones
    ctx.update_flow(step=step, **changes)
    _ask(ctx, step)


def _ask(ctx: Context, step: str, *, lead: str = "") -> None:
    """(Re)show a step's question with fresh buttons; older buttons turn stale.

    ``lead`` replaces the question where a short line says enough (a theme just ticked)."""
    ctx.bump_nonce()
    data = ctx.flow_data
    nav = [ctx.button(texts.BTN_BACK, "bn_back"), ctx.button(texts.BTN_CANCEL, "bn_cancel")]
    if step == "tekst":
        ctx.say(
            texts.ADD_ASK_TEXT.format(limit=MAX_OBJECTION_CHARS),
            buttons=[[ctx.button(texts.BTN_CANCEL, "bn_cancel")]],
        )
    elif step == DUPLICATE:
        ctx.say(
            "\n".join(
                texts.ADD_DUPLICATE.format(text=text, id=oid)
                for oid, text in data.get("candidate_texts", [])
            ),
            buttons=[
                *[
                    [ctx.button(f"{texts.BTN_ADD_ANSWER_THERE} (#{oid})", "bn_dup", str(oid))]
                    for oid, _ in data.get("candidate_texts", [])
                ],
                [ctx.button(texts.BTN_IT_IS_NEW, "bn_new")],
                nav,
            ],
        )
    elif step == "fase":
        phases = [ctx.button(p.label, "bn_fase", p.value) for p in Phase]
        ctx.say(
            texts.ADD_ASK_PHASE.format(text=data.get("text", "")),
            buttons=[phases[:2], phases[2:4], phases[4:], nav],
        )
    elif step == "emner":
        _ask_themes(ctx, lead or texts.ADD_ASK_THEMES, nav)
    elif step == "branche":
        industries = [
            ctx.button(t.label, "bn_branche", t.id) for t in tags_by_kind(TagKind.BRANCHE)
        ]
        rows = [industries[i : i + 2] for i in range(0, len(industries), 2)]
        ctx.say(
            texts.ADD_ASK_INDUSTRY,
            buttons=[*rows, [ctx.button(texts.BTN_ALL_INDUSTRIES, "bn_branche", "")], nav],
        )
    elif step == "svaer":
        ctx.say(
            texts.ADD_ASK_DIFFICULTY,
            buttons=[[ctx.button(d.label, "bn_svaer", d.value) for d in Difficulty], nav],
        )
    elif step == "svar":
        question = texts.ADD_ASK_ANSWER.format(limit=MAX_ANSWER_CHARS)
        choices = [ctx.button(texts.BTN_SKIP, "bn_skip_svar")]
        draft = data.get("draft")
        if draft:  # what they typed too early, at the theme step
            offer = texts.ADD_DRAFT_OFFER.format(
                text=short(draft, DRAFT_SHOWN_CHARS), button=texts.BTN_USE_DRAFT
            )
            question = f"{question}\n\n{offer}"
            choices.insert(0, ctx.button(texts.BTN_USE_DRAFT, "bn_draft"))
        ctx.say(question, buttons=[choices, nav])


def _ask_themes(ctx: Context, lead: str, nav: list[Button]) -> None:
    """One page of theme toggles (chosen ones ticked ✓), paging and »Færdig«: few buttons, since
    the step is re-sent on every press and a phone shows only so many."""
    data = ctx.flow_data
    chosen = set(data.get("tags", []))
    pages = theme_pages()
    page = min(max(int(data.get("theme_page", 0)), 0), len(pages) - 1)
    toggles = [
        ctx.button(
            texts.CHECKED.format(label=tag_label(tag)) if tag in chosen else tag_label(tag),
            "bn_tema",
            tag,
        )
        for tag in pages[page]
    ]
    rows = [toggles[i : i + 2] for i in range(0, len(toggles), 2)]
    following = (page + 1) % len(pages)
    paging = texts.BTN_MORE_THEMES if following else texts.BTN_FIRST_THEMES
    summary = (
        texts.ADD_THEMES_CHOSEN.format(tags=", ".join(tag_label(t) for t in sort_tags(chosen)))
        if chosen
        else texts.ADD_THEMES_NONE
    )
    lines = [line for line in (lead, summary) if line]
    if page:
        lines.append(texts.ADD_THEMES_MORE.format(page=page + 1, pages=len(pages)))
    ctx.say(
        "\n".join(lines),
        buttons=[
            *rows,
            [
                ctx.button(paging, "bn_tema_side", str(following)),
                ctx.button(texts.BTN_DONE, "bn_tema_ok"),
            ],
            nav,
        ],
    )


def _in_step(ctx: Context, *steps: str) -> bool:
    if ctx.flow_name == FLOW_ADD and ctx.flow_data.get("step") in steps:
        return True
    ctx.say(texts.STALE)
    return False


async def on_phase(ctx: Context, arg: str) -> None:
    if _in_step(ctx, "fase"):
        await on_text(ctx, arg)


async def on_theme(ctx: Context, arg: str) -> None:
    if not _in_step(ctx, "emner"):
        return
    if resolve_tag(arg) != arg:
        ctx.say(texts.STALE)
        return
    chosen = set(ctx.flow_data.get("tags", []))
    chosen ^= {arg}
    done = texts.ADD_THEME_ADDED if arg in chosen else texts.ADD_THEME_REMOVED
    ctx.update_flow(tags=list(sort_tags(chosen)))
    _ask(ctx, "emner", lead=done.format(label=tag_label(arg)))


async def on_theme_page(ctx: Context, arg: str) -> None:
    if not _in_step(ctx, "emner"):
        return
    page = int(arg) if arg.isdigit() and int(arg) < len(theme_pages()) else 0
    ctx.update_flow(theme_page=page)
    _ask(ctx, "emner", lead=texts.ADD_ASK_THEMES if page == 0 else "")


async def on_themes_done(ctx: Context, _arg: str) -> None:
    if _in_step(ctx, "emner"):
        has_industry = bool(tags_of_kind(ctx.flow_data.get("tags", []), TagKind.BRANCHE))
        _go(ctx, "svaer" if has_industry else "branche")


async def on_industry(ctx: Context, arg: str, *, pressed: bool = True) -> None:
    if pressed and not _in_step(ctx, "branche"):
        return
    industries = {t.id for t in tags_by_kind(TagKind.BRANCHE)}
    if arg and arg not in industries:
        ctx.say(texts.STALE)
        return
    tags = [t for t in ctx.flow_data.get("tags", []) if t not in industries]
    _go(ctx, "svaer", tags=list(sort_tags([*tags, *([arg] if arg else [])])))


async def on_difficulty(ctx: Context, arg: str) -> None:
    if _in_step(ctx, "svaer"):
        await on_text(ctx, arg)


async def on_skip_answer(ctx: Context, _arg: str) -> None:
    if _in_step(ctx, "svar"):
        ctx.update_flow(answer=None)
        await _save(ctx)


async def on_use_draft(ctx: Context, _arg: str) -> None:
    if _in_step(ctx, "svar") and ctx.flow_data.get("draft"):
        ctx.update_flow(answer=ctx.flow_data["draft"])
        await _save(ctx)


async def on_back(ctx: Context, _arg: str) -> None:
    if not _in_step(ctx, *STEPS, DUPLICATE):
        return
    step = ctx.flow_data.get("step", "tekst")
    if step == DUPLICATE:
        previous = "tekst" if ctx.flow_data.get("then") == "fase" else "svar"
    elif step == "svaer" and tags_of_kind(ctx.flow_data.get("tags", []), TagKind.BRANCHE):
        previous = "branche"
    else:
        previous = STEPS[max(STEPS.index(step) - 1, 0)]
    _go(ctx, previous)


async def on_cancel(ctx: Context, _arg: str) -> None:
    if ctx.flow_name == FLOW_ADD:
        ctx.end_flow()
        ctx.say(texts.ADD_CANCELLED)
    else:
        ctx.say(texts.STALE)


async def on_not_duplicate(ctx: Context, _arg: str) -> None:
    if not _in_step(ctx, DUPLICATE):
        return
    data = ctx.flow_data
    dismissed = [*data.get("dismissed", []), *data.get("candidates", [])]
    ctx.update_flow(dismissed=dismissed)
    if data.get("then") == "save":
        await _save(ctx)
    else:
        _go(ctx, "fase")


async def on_use_duplicate(ctx: Context, arg: str) -> None:
    """'Add my answer there instead': to the existing objection, now or as the next step."""
    if not _in_step(ctx, DUPLICATE) or not arg.isdigit():
        return
    team_id = ctx.member.team_id
    objection = await store.visible_row(ctx.db, team_id, int(arg))
    if objection is None or int(arg) not in ctx.flow_data.get("candidates", []):
        ctx.say(texts.STALE)
        return
    answer = ctx.flow_data.get("answer")
    if answer:
        await store.add_answer(
            ctx.db, objection.id, answer, team_id=team_id, author_id=ctx.member.id, now=ctx.now
        )
        ctx.end_flow()
        ctx.say(texts.ANSWER_SAVED.format(id=objection.id))
        return
    ctx.start_flow(FLOW_ANSWER, {"objection": objection.id})
    ctx.say(
        texts.ANSWER_ASK.format(text=objection.text, limit=MAX_ANSWER_CHARS),
        buttons=[[ctx.button(texts.BTN_CANCEL, "bs_cancel")]],
    )


async def _save(ctx: Context) -> None:
    data = ctx.flow_data
    if await _offer_duplicate(ctx, data["text"], then="save"):
        return
    team_id = ctx.member.team_id
    answer = data.get("answer")
    status = Status.AKTIV if ctx.member.is_admin else Status.AFVENTER
    objection = make_objection(
        text=data["text"],
        phase=Phase(data["phase"]),
        tags=data.get("tags", []),
        difficulty=Difficulty(data.get("difficulty", Difficulty.MELLEM.value)),
        status=status,
        answers=[Answer(answer)] if answer else [],
        key=store.new_key(),
    )
    row = await store.add_objection(
        ctx.db, objection, team_id=team_id, author_id=ctx.member.id, now=ctx.now
    )
    ctx.end_flow()
    saved = texts.ADD_SAVED_ACTIVE if status is Status.AKTIV else texts.ADD_SAVED_PENDING
    lines = [saved.format(id=row.id)]
    if answer:
        lines.append(texts.ADD_SAVED_WITH_ANSWER)
    ctx.say(
        "\n".join(lines),
        buttons=[[show_button(ctx, row.id)]],
    )
