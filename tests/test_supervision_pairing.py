"""Forming makkerpar: everyone placed once, fresh partners, across organisations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervision.pairing import (
    GroupingError,
    Participant,
    form_pairs,
    partner_edges,
    repair_after_leave,
    validate_groups,
)


def people(n: int, orgs: Sequence[str] = ("",)) -> list[Participant]:
    return [Participant(i + 1, orgs[i % len(orgs)]) for i in range(n)]


def assert_valid(groups: Sequence[Sequence[int]], ids: Sequence[int]) -> None:
    placed = Counter(m for g in groups for m in g)
    assert set(placed) == set(ids)
    assert all(count == 1 for count in placed.values())
    sizes = Counter(len(g) for g in groups)
    assert set(sizes) <= {2, 3}
    assert sizes[3] == (1 if len(ids) % 2 else 0)


def all_groupings(ids: list[int]) -> Iterator[list[tuple[int, ...]]]:
    """Every way to split ids into pairs plus one trio when odd: the brute-force reference."""
    if not ids:
        yield []
        return
    if len(ids) == 3:
        yield [tuple(ids)]
    first, rest = ids[0], ids[1:]
    for partner in rest:
        remaining = [m for m in rest if m != partner]
        if len(remaining) % 2 == 0 or len(remaining) >= 3:
            for tail in all_groupings(remaining):
                yield [(first, partner), *tail]
    if len(ids) % 2 == 1 and len(ids) > 3:
        for b, c in combinations(rest, 2):
            remaining = [m for m in rest if m not in (b, c)]
            for tail in all_groupings(remaining):
                if all(len(g) == 2 for g in tail):
                    yield [(first, b, c), *tail]


def cost(
    groups: Sequence[Sequence[int]],
    participants: Sequence[Participant],
    past: frozenset[frozenset[int]],
) -> tuple[int, int]:
    org = {p.id: p.organisation for p in participants}
    multi = len(set(org.values())) > 1
    edges = [frozenset(e) for g in groups for e in combinations(g, 2)]
    return sum(e in past for e in edges), sum(
        multi and len({org[m] for m in e}) == 1 for e in edges
    )


def test_even_cohort_gives_pairs_odd_gives_one_trio() -> None:
    even = form_pairs(people(6))
    assert_valid(even.groups, range(1, 7))
    assert all(len(g) == 2 for g in even.groups)
    odd = form_pairs(people(7))
    assert_valid(odd.groups, range(1, 8))
    assert sorted(len(g) for g in odd.groups) == [2, 2, 3]


def test_tiny_cohorts() -> None:
    assert form_pairs([]).groups == ()
    alone = form_pairs(people(1))
    assert alone.groups == () and alone.unpaired == (1,)
    assert form_pairs(people(2)).groups == ((1, 2),)
    assert form_pairs(people(3)).groups == ((1, 2, 3),)


def test_duplicate_participants_are_refused() -> None:
    with pytest.raises(ValueError):
        form_pairs([Participant(1), Participant(1)])


def test_same_seed_same_pairs_and_seeds_vary_the_result() -> None:
    cohort = people(12)
    assert form_pairs(cohort, seed=7) == form_pairs(cohort, seed=7)
    results = {form_pairs(cohort, seed=seed).groups for seed in range(10)}
    assert len(results) > 1


def test_partners_come_from_different_organisations_when_possible() -> None:
    cohort = people(8, ("Jobcenter Aarhus", "Jobcenter Randers"))
    pairing = form_pairs(cohort, seed=3)
    org = {p.id: p.organisation for p in cohort}
    assert pairing.same_organisation == 0
    assert all(org[a] != org[b] for a, b in pairing.groups)


def test_organisation_names_compare_without_case_or_spaces() -> None:
    cohort = [
        Participant(1, "Jobcenter Aarhus"),
        Participant(2, " jobcenter aarhus"),
        Participant(3, "A-kasse"),
        Participant(4, "a-kasse "),
    ]
    pairing = form_pairs(cohort)
    assert pairing.same_organisation == 0
    assert set(pairing.groups) <= {(1, 3), (1, 4), (2, 3), (2, 4)}


def test_twenty_consultants_get_new_partners_for_nine_periods() -> None:
    # After k < n/2 periods a repeat-free pairing always exists (Dirac): none may repeat.
    cohort = people(20, ("Aarhus", "Randers", "Silkeborg"))
    history: list[tuple[int, ...]] = []
    for period in range(9):
        pairing = form_pairs(cohort, history, seed=period)
        assert_valid(pairing.groups, range(1, 21))
        assert pairing.repeats == 0, f"repeat in period {period}"
        assert not partner_edges(pairing.groups) & partner_edges(history)
        history.extend(pairing.groups)


def test_repeats_are_counted_when_unavoidable() -> None:
    cohort = people(3)
    first = form_pairs(cohort)
    second = form_pairs(cohort, first.groups)
    assert second.groups == ((1, 2, 3),)
    assert second.repeats == 3


cohort_strategy = st.integers(min_value=2, max_value=8).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from("ABC"), min_size=n, max_size=n),
        st.lists(
            st.tuples(st.integers(1, n), st.integers(1, n)).filter(lambda e: e[0] != e[1]),
            max_size=n * 2,
        ),
        st.integers(0, 1000),
    )
)


@settings(max_examples=80, deadline=None)
@given(cohort_strategy)
def test_pairing_is_as_good_as_brute_force(
    case: tuple[list[str], list[tuple[int, int]], int],
) -> None:
    orgs, history, seed = case
    cohort = [Participant(i + 1, org) for i, org in enumerate(orgs)]
    ids = [p.id for p in cohort]
    pairing = form_pairs(cohort, history, seed=seed)
    assert_valid(pairing.groups, ids)
    past = partner_edges(history)
    best = min(cost(groups, cohort, past) for groups in all_groupings(ids))
    assert (pairing.repeats, pairing.same_organisation) == best
    assert cost(pairing.groups, cohort, past) == best


def test_repair_when_a_trio_member_leaves() -> None:
    groups = [(1, 2), (3, 4, 5)]
    assert repair_after_leave(groups, 4, people(5)) == ((1, 2), (3, 5))


def test_repair_when_a_pair_member_leaves_without_a_trio() -> None:
    cohort = people(6, ("A", "B"))  # 1,3,5 in A; 2,4,6 in B
    groups = [(1, 2), (3, 4), (5, 6)]
    # 2 leaves: 1 (A) joins a pair; (3,4) and (5,6) both mix, so the earlier pair wins.
    assert repair_after_leave(groups, 2, cohort) == ((1, 3, 4), (5, 6))
    # with history 1–3 the orphan goes to the other pair
    assert repair_after_leave(groups, 2, cohort, [(1, 3)]) == ((1, 5, 6), (3, 4))


def test_repair_when_a_pair_member_leaves_and_a_trio_exists() -> None:
    cohort = people(7)
    groups = [(1, 2), (3, 4), (5, 6, 7)]
    repaired = repair_after_leave(groups, 1, cohort, history=[(2, 5)])
    # 2 takes a trio member it has not had before; the trio becomes a pair.
    assert_valid(repaired, [2, 3, 4, 5, 6, 7])
    assert (2, 5) not in repaired
    assert all(len(g) == 2 for g in repaired)
    assert (3, 4) in repaired


def test_repair_edge_cases() -> None:
    assert repair_after_leave([(1, 2)], 9, people(2)) == ((1, 2),)
    assert repair_after_leave([(1, 2)], 1, people(2)) == ()
    assert repair_after_leave([(1, 2, 3)], 3, people(3)) == ((1, 2),)


def test_validate_hand_made_groups() -> None:
    ids = [1, 2, 3, 4, 5]
    assert validate_groups([(1, 2), (3, 4, 5)], ids) == []
    assert validate_groups([(1, 2), (3, 4)], ids) == [GroupingError.MISSING_MEMBER]
    assert GroupingError.DUPLICATE_MEMBER in validate_groups([(1, 2), (2, 3, 4), (5, 1)], ids)
    assert GroupingError.UNKNOWN_MEMBER in validate_groups([(1, 9), (2, 3, 4, 5)], ids)
    assert GroupingError.BAD_SIZE in validate_groups([(1,), (2, 3), (4, 5)], ids)
    assert GroupingError.TOO_MANY_TRIOS in validate_groups(
        [(1, 2, 3), (4, 5, 6)], [1, 2, 3, 4, 5, 6]
    )


def test_repair_never_touches_a_group_that_has_held_its_session() -> None:
    cohort = people(5)
    # 2 leaves after holding the session with 1: that period stays exactly as it was.
    groups = [(1, 2), (3, 4, 5)]
    assert repair_after_leave(groups, 2, cohort, fixed=[(1, 2)]) == ((1, 2), (3, 4, 5))
    # 4 leaves an open pair; the only other group has held: nobody is moved into it.
    assert repair_after_leave([(1, 2), (3, 4)], 4, people(4), fixed=[(1, 2)]) == ((1, 2),)
    # With an open trio as well, the orphan takes a partner from the trio, not from the held pair.
    repaired = repair_after_leave([(1, 2), (3, 4), (5, 6, 7)], 4, people(7), fixed=[(1, 2)])
    assert (1, 2) in repaired and 3 in {m for g in repaired if len(g) == 2 for m in g}
