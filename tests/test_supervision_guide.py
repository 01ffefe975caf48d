"""The sparring guide and the nudge wording."""

from __future__ import annotations

from datetime import UTC, date, datetime

from supervision import texts
from supervision.guide import FocusHint, criterion_label, full_guide, most_missed, short_guide
from supervision.messages import Action, format_when, join_names, render_nudge
from supervision.plan import NudgeKind, SupervisionState


def test_guide_has_the_three_steps_and_the_role_limits() -> None:
    guide = full_guide()
    assert guide.index("Forberedelse og forventningsafstemning") < guide.index("Observation")
    assert guide.index("Observation") < guide.index("Feedback")
    assert "lytter kun og tager noter" in guide
    assert "grænserne" in guide
    assert "ikke leder" in guide
    assert texts.GUIDE_FOCUS_TITLE not in guide  # no focus without practice data


def test_focus_names_each_partners_most_missed_criteria_in_rubric_words() -> None:
    hints = [
        FocusHint("Anna", (("aabning", "tilladelse"), ("analyse", "opsummering"))),
        FocusHint("Bo", ()),
    ]
    guide = full_guide(hints)
    assert "• Anna: Åbning: Tilladelse, Analyse: Opsummering" in guide
    assert "Bo:" not in guide
    assert "Anna: Åbning: Tilladelse" in short_guide(hints)


def test_criterion_label_falls_back_for_unknown_names() -> None:
    assert criterion_label("afslutning", "tak") == "Afslutning: Tak"
    assert criterion_label("afslutning", "ukendt") == "Afslutning: ukendt"


def test_most_missed_counts_misses_and_breaks_ties_in_call_order() -> None:
    results = [
        {"aabning": {"tilladelse": False, "hilsen": True}, "analyse": {"accept": False}},
        {"aabning": {"tilladelse": False, "hilsen": False}, "analyse": {"accept": False}},
        {"aabning": {"hilsen": False}, "afslutning": {"tak": False}},
    ]
    # tilladelse 2, accept 2, hilsen 2: hilsen and tilladelse come first in the call.
    assert most_missed(results) == (("aabning", "hilsen"), ("aabning", "tilladelse"))
    assert most_missed([{"aabning": {"hilsen": True}}]) == ()


def test_names_and_dates_read_as_danish() -> None:
    assert join_names([]) == ""
    assert join_names(["Anna"]) == "Anna"
    assert join_names(["Anna", "Bo", "Cecilie"]) == "Anna, Bo og Cecilie"
    assert (
        format_when(datetime(2026, 12, 21, 13, 5, tzinfo=UTC)) == "mandag d. 21. december kl. 14.05"
    )


def test_booking_nudge_carries_the_guide_and_the_three_buttons() -> None:
    message = render_nudge(
        NudgeKind.BOOK,
        state=SupervisionState.IKKE_BOOKET,
        recipient="Anna",
        partners=["Bo"],
        next_day=date(2026, 4, 20),
        booked_at=None,
        focus=[FocusHint("Anna", (("aabning", "tilladelse"),))],
    )
    assert message.text.startswith("Hej Anna")
    assert "inden næste undervisningsdag, mandag d. 20. april" in message.text
    assert texts.GUIDE_SHORT in message.text
    assert "Anna: Åbning: Tilladelse" in message.text
    labels = [(b.label, b.action) for row in message.buttons for b in row]
    assert labels == [
        ("Vi har booket", Action.BOOKED),
        ("Påmind mig senere", Action.SNOOZE),
        ("Vi har holdt den", Action.HELD_EARLY),
    ]


def test_follow_up_asks_held_cancelled_moved() -> None:
    message = render_nudge(
        NudgeKind.FOLLOW_UP,
        state=SupervisionState.BOOKET,
        recipient="Bo",
        partners=["Anna"],
        next_day=date(2026, 4, 20),
        booked_at=datetime(2026, 4, 14, 11, 0, tzinfo=UTC),
    )
    assert message.text == "Hvordan gik sparringen tirsdag d. 14. april kl. 13.00 med Anna?"
    assert [b.label for b in message.buttons[0]] == ["Holdt", "Aflyst", "Flyttet"]
