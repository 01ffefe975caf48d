"""Rate limits and Bot API errors: 429 honoured, a per-chat pace, failures that raise nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram import texts as adapter_texts
from bot.channels.telegram.app import ChatRateLimiter, TelegramOptions
from bot.core import texts
from tests.telegram_harness import TelegramHarness
from tests.telegram_standin import TgUser

ANNE = TgUser(4401, "Anne", "Holm")


@pytest.fixture
async def tg(tmp_path: Path) -> AsyncIterator[TelegramHarness]:
    harness = await TelegramHarness.create(tmp_path)
    yield harness
    await harness.close()


async def test_429_with_retry_after_is_honoured_and_the_reply_arrives(tg: TelegramHarness) -> None:
    tg.standin.fail_next("sendMessage", status=429, retry_after=1)
    turn = await tg.say(ANNE, "/hjaelp")
    assert texts.HELP_HEADER in turn.text
    attempts = tg.standin.calls_to("sendMessage", ok_only=False)
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].params["text"] == attempts[1].params["text"]  # the same message, resent
    # A lower bound only (sleeps never end early): the retry waited the retry_after second.
    assert attempts[1].at - attempts[0].at >= 1.0


async def test_answer_callback_failure_does_not_lose_the_press(tg: TelegramHarness) -> None:
    await tg.say(ANNE, "/slet_mig")
    tg.standin.fail_next(
        "answerCallbackQuery", status=400, description="Bad Request: query is too old"
    )
    turn = await tg.press(ANNE, texts.DELETE_NO)
    assert turn.texts == [texts.DELETE_KEPT]


async def test_a_user_who_blocked_the_bot_raises_nothing(tg: TelegramHarness) -> None:
    tg.standin.fail_next(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    turn = await tg.say(ANNE, "/hjaelp")
    assert turn.messages == []
    assert (await tg.say(ANNE, "/status")).texts  # next update works as usual


async def test_a_rejected_reply_gets_the_plain_fallback(tg: TelegramHarness) -> None:
    tg.standin.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    turn = await tg.say(ANNE, "/hjaelp")
    assert turn.texts == [adapter_texts.DELIVERY_FAILED]


async def _through(limiter: ChatRateLimiter, endpoint: str, chat_id: Any) -> None:
    async def call(*_args: Any, **_kwargs: Any) -> bool:
        return True

    await limiter.process_request(call, (), {}, endpoint, {"chat_id": chat_id}, None)


async def test_private_chats_get_their_own_pace_and_chat_actions_are_exempt() -> None:
    # 3 messages per 3 000 s: the burst is used up and stays used up for the whole test.
    limiter = ChatRateLimiter(TelegramOptions(chat_per_second=0.001, chat_burst=3))
    for _ in range(3):
        await _through(limiter, "sendMessage", 501)
    anne = limiter._chat_limiter("sendMessage", 501)
    assert anne is not None and not anne.has_capacity()  # a 4th message to 501 would wait
    bo = limiter._chat_limiter("sendMessage", 502)
    assert bo is not None and bo.has_capacity()  # another chat is not held up
    assert limiter._chat_limiter("sendChatAction", 501) is None  # "typing…" never waits
    assert limiter._chat_limiter("sendMessage", -100777) is None  # groups: the group limit
    off = ChatRateLimiter(TelegramOptions(chat_per_second=0))
    assert off._chat_limiter("sendMessage", 501) is None
