"""Forming makkerpar: who observes whom in a period.

The training wants fresh eyes each period (no repeat partners where avoidable) and
collaboration across organisations (different jobcentre/a-kasse preferred when the cohort
spans several). Both are soft goals, so pairing is a small optimisation: a repeat costs more
than every same-organisation pair together, and a seeded branch-and-bound search finds the
cheapest grouping within a fixed node budget. A fixed budget (not a time limit) keeps the
result deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

Group = tuple[int, ...]  # sorted member ids: a pair, or one trio when the count is odd

_DEFAULT_BUDGET = 20_000


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Pairing:
    groups: tuple[Group, ...]
    unpaired: tuple[int, ...] = ()  # only a cohort of one leaves someone alone
    repeats: int = 0  # partner edges that already occurred in an earlier period
    same_organisation: int = 0  # partner edges inside one organisation (multi-org cohorts)


class GroupingError(StrEnum):
    """Why a hand-made grouping was refused; the feature maps each to a Danish text."""

    UNKNOWN_MEMBER = "ukendt_medlem"
    DUPLICATE_MEMBER = "dobbelt_medlem"
    BAD_SIZE = "forkert_stoerrelse"
    MISSING_MEMBER = "mangler_medlem"
    TOO_MANY_TRIOS = "for_mange_trioer"


def partner_edges(groups: Iterable[Iterable[int]]) -> frozenset[frozenset[int]]:
    """Every pair of people who were in the same group: what 'repeat partner' means."""
    edges: set[frozenset[int]] = set()
    for group in groups:
        edges.update(frozenset(edge) for edge in combinations(sorted(set(group)), 2))
    return frozenset(edges)


class _Costs:
    """Edge costs: a repeat outweighs any number of same-organisation pairs."""

    def __init__(self, participants: Sequence[Participant], history: Iterable[Iterable[int]]):
        self.org = {p.id: p.organisation.strip().casefold() for p in participants}
        self.multi_org = len(set(self.org.values())) > 1
        self.past = partner_edges(history)
        self.repeat_weight = len(participants) ** 2 + 1

    def edge(self, a: int, b: int) -> int:
        cost = self.repeat_weight if frozenset((a, b)) in self.past else 0
        if self.multi_org and self.org[a] == self.org[b]:
            cost += 1
        return cost

    def group(self, group: Sequence[int]) -> int:
        return sum(self.edge(a, b) for a, b in combinations(group, 2))

    def split(self, groups: Sequence[Group]) -> tuple[int, int]:
        repeats = same_org = 0
        for group in groups:
            for a, b in combinations(group, 2):
                repeats += frozenset((a, b)) in self.past
                same_org += self.multi_org and self.org[a] == self.org[b]
        return repeats, same_org


def form_pairs(
    participants: Sequence[Participant],
    history: Iterable[Iterable[int]] = (),
    *,
    seed: int = 0,
    budget: int = _DEFAULT_BUDGET,
) -> Pairing:
    """Group ``participants`` into pairs (one trio when the count is odd), cheapest first.

    ``history`` holds the groups of earlier periods. Same participants, history and seed give
    the same result.
    """
    ids = [p.id for p in participants]
    if len(set(ids)) != len(ids):
        raise ValueError("participants must be unique")
    if len(ids) < 2:
        return Pairing(groups=(), unpaired=tuple(ids))
    costs = _Costs(participants, history)
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    search = _Search(order, costs, budget)
    groups = search.run()
    repeats, same_org = costs.split(groups)
    return Pairing(groups=_canonical(groups), repeats=repeats, same_organisation=same_org)


def _canonical(groups: Iterable[Sequence[int]]) -> tuple[Group, ...]:
    return tuple(sorted(tuple(sorted(group)) for group in groups))


class _Search:
    """Branch and bound over 'the most constrained person picks a partner'.

    With an odd count the last person left joins the cheapest pair, making the one trio.
    """

    def __init__(self, order: list[int], costs: _Costs, budget: int) -> None:
        self.costs = costs
        self.rank = {member: index for index, member in enumerate(order)}
        self.budget = budget
        self.nodes = 0
        self.best_cost: int | None = None
        self.best: list[Group] = []
        self.lower_bound = self._organisation_lower_bound(order)
        self.free = {a: {b for b in order if b != a and costs.edge(a, b) == 0} for a in order}

    def _organisation_lower_bound(self, order: list[int]) -> int:
        if not self.costs.multi_org:
            return 0
        largest = max(Counter(self.costs.org[m] for m in order).values())
        excess = largest - (len(order) - largest)
        return max(0, excess // 2)

    def run(self) -> list[Group]:
        remaining = sorted(self.rank, key=self.rank.__getitem__)
        self._greedy(remaining)
        if self.best_cost is not None and self.best_cost > self.lower_bound:
            self._branch(remaining, [], 0, None)
        return self.best

    def _done(self) -> bool:
        return self.best_cost is not None and (
            self.best_cost <= self.lower_bound or self.nodes >= self.budget
        )

    def _candidates(self, person: int, remaining: Sequence[int]) -> list[int]:
        others = [m for m in remaining if m != person]
        return sorted(others, key=lambda m: (self.costs.edge(person, m), self.rank[m]))

    def _most_constrained(self, remaining: Sequence[int]) -> int:
        left = set(remaining)

        def free_partners(person: int) -> tuple[int, int]:
            return len(self.free[person] & left), self.rank[person]

        return min(remaining, key=free_partners)

    def _finish(self, groups: list[Group], cost: int, leftover: int | None) -> None:
        final = list(groups)
        if leftover is not None:
            index = min(
                range(len(final)),
                key=lambda i: (
                    self.costs.group((*final[i], leftover)) - self.costs.group(final[i]),
                    i,
                ),
            )
            cost += self.costs.group((*final[index], leftover)) - self.costs.group(final[index])
            final[index] = (*final[index], leftover)
        if self.best_cost is None or cost < self.best_cost:
            self.best_cost = cost
            self.best = final

    def _greedy(self, remaining: list[int]) -> None:
        groups: list[Group] = []
        cost = 0
        left = list(remaining)
        while len(left) >= 2:
            person = self._most_constrained(left)
            partner = self._candidates(person, left)[0]
            cost += self.costs.edge(person, partner)
            groups.append((person, partner))
            left = [m for m in left if m not in (person, partner)]
        self._finish(groups, cost, left[0] if left else None)

    def _branch(
        self, remaining: list[int], groups: list[Group], cost: int, leftover: int | None
    ) -> None:
        if self._done() or (self.best_cost is not None and cost >= self.best_cost):
            return
        self.nodes += 1
        if len(remaining) < 2:
            last = remaining[0] if remaining else leftover
            self._finish(groups, cost, last)
            return
        person = self._most_constrained(remaining)
        for partner in self._candidates(person, remaining):
            rest = [m for m in remaining if m not in (person, partner)]
            groups.append((person, partner))
            self._branch(rest, groups, cost + self.costs.edge(person, partner), leftover)
            groups.pop()
            if self._done():
                return
        if leftover is None and len(remaining) % 2 == 1:
            # The trio's third member: set aside now, joins the cheapest pair at the end.
            self._branch([m for m in remaining if m != person], groups, cost, person)


def repair_after_leave(
    groups: Sequence[Sequence[int]],
    leaving: int,
    participants: Sequence[Participant],
    history: Iterable[Iterable[int]] = (),
    fixed: Iterable[Sequence[int]] = (),
) -> tuple[Group, ...]:
    """Regroup after ``leaving`` drops out, moving as few people as possible.

    A trio that loses someone becomes a pair. A pair that loses someone leaves an orphan, who
    either joins a pair as the (new) trio, or, when a trio exists, takes one of its members as
    a new partner. Among the options the cheapest (repeats, then same organisation) wins.
    ``fixed`` groups have already held their supervision: they are history and never change,
    so nobody joins them and, when ``leaving`` is in one, nothing changes at all.
    """
    current = [tuple(sorted(g)) for g in groups]
    done = {tuple(sorted(g)) for g in fixed}
    own = [g for g in current if leaving in g]
    if not own or own[0] in done:
        return _canonical(current)
    group = own[0]
    rest = [g for g in current if g is not group]
    survivors = tuple(m for m in group if m != leaving)
    if len(survivors) >= 2:
        return _canonical([*rest, survivors])
    if not survivors:
        return _canonical(rest)
    open_groups = [g for g in rest if g not in done]
    if not open_groups:
        return _canonical(rest)  # nobody left to pair with this period: the orphan sits out
    orphan = survivors[0]
    costs = _Costs(participants, history)
    options: list[tuple[int, int, list[Group]]] = []
    trio_index = next((i for i, g in enumerate(open_groups) if len(g) == 3), None)
    if trio_index is None:
        for i, pair in enumerate(open_groups):
            regrouped = [g for g in rest if g is not pair] + [(*pair, orphan)]
            options.append((costs.group((*pair, orphan)), i, regrouped))
    else:
        trio = open_groups[trio_index]
        for j, taken in enumerate(trio):
            kept = tuple(m for m in trio if m != taken)
            regrouped = [g for g in rest if g is not trio] + [kept, (orphan, taken)]
            options.append((costs.edge(orphan, taken) + costs.group(kept), j, regrouped))
    options.sort(key=lambda option: (option[0], option[1]))
    return _canonical(options[0][2])


def validate_groups(
    groups: Sequence[Sequence[int]], member_ids: Iterable[int]
) -> list[GroupingError]:
    """Check a hand-made grouping: everyone exactly once, pairs, at most one trio."""
    members = set(member_ids)
    errors: list[GroupingError] = []
    seen: Counter[int] = Counter(m for g in groups for m in g)
    if any(m not in members for m in seen):
        errors.append(GroupingError.UNKNOWN_MEMBER)
    if any(count > 1 for count in seen.values()):
        errors.append(GroupingError.DUPLICATE_MEMBER)
    if any(len(g) not in (2, 3) for g in groups):
        errors.append(GroupingError.BAD_SIZE)
    if members - set(seen) and len(members) >= 2:
        errors.append(GroupingError.MISSING_MEMBER)
    if sum(1 for g in groups if len(g) == 3) > 1:
        errors.append(GroupingError.TOO_MANY_TRIOS)
    return errors
