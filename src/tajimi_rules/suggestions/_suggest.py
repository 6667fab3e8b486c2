"""Improvement plans: the fewest item changes that lift a category's rating, and what holds it up.

A *change* moves one item between levels. The changes a body can make by itself are the
implementing moves (:data:`~tajimi_rules.IMPLEMENTING_MOVES`): an item not done becomes done,
its national rarity unchanged (``needs_review`` to ``advanced``, ``behind`` to ``standard``).

**Exact search, not climbing.** A rating depends only on the count vector, so a plan is a
number of each move, and every combination is covered: one amount is walked in *runs* on
which every share's linear form (and every count) keeps its sign, so the rating is constant
and only a run's first point needs rating; the other amounts are tried by increasing total.
Greedy climbing would be wrong: rule sets need not be monotone under implementing moves.
Under ``tajimi-r4``, for example, implementing the one ``needs_review`` item of 0/0/1/1
lowers it from ``partly_deficient`` to ``deficient``, because the share of ``behind`` items
among those not implemented rises. One search serves every target of a category.

**Bounded.** Each search of :func:`suggest` examines at most :data:`SEARCH_BUDGET` count
vectors. A search the budget stops says so (reason ``budget``, or :attr:`Beyond.complete`
false) and claims nothing; a target the rule set gives to no vector at all is answered at
once (reason ``never_given``).

**Reaching a target** means a rating *at least* as good as the target (``exact=True`` asks for
the target itself; a category already better than the target is not planned down, reason
``above``). When no plan of implementing moves reaches it, the result says so, gives
the best rating implementing can reach, and computes what else it would take: items becoming
rare nationally (``standard`` to ``advanced``, ``behind`` to ``needs_review``), or new items
the body does (up to :func:`new_item_limit` at ``advanced`` and as many at ``standard``).

**Which items.** Candidates are the items not implemented, in a configurable order
(:class:`CandidateOrder`; by default items common nationally first, then by national rate,
highest first). Where the file does not name enough items, the plan holds unnamed changes
(``item`` is ``None``). With ``minimise="cost"`` the plan minimises the total of the items'
``cost`` (an item without one, or an unnamed item, costs ``default_cost``).

>>> from tajimi_rules import suggest
>>> report = suggest("examples/tajimi-r4.json", target="good", category="website")  # doctest: +SKIP
>>> [change.item for change in report.suggestions[0].changes]  # doctest: +SKIP
['website-opinions']
"""

from __future__ import annotations

import enum
import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs

from .._convert import converter
from .._fractions import format_fraction, format_percent, rate_to_json
from ..analysis._analysis import _UNIT, _Arrangement, _rule_shares, ratings_given
from ..checks._check import category_counts, item_level
from ..documents._loaders import load_evaluation, load_rules
from ..model import IMPLEMENTING_MOVES, Category, Counts, Evaluation, Item, Level, Name, Rating
from ..rules._rules import RuleSet

__all__ = [
    "CATCH_UP_MOVES",
    "LAPSE_MOVES",
    "NEW_ITEMS",
    "RARER_MOVES",
    "SEARCH_BUDGET",
    "Beyond",
    "BeyondKind",
    "Candidate",
    "CandidateOrder",
    "CategorySuggestions",
    "CountsPlan",
    "EvaluationPlan",
    "PlannedChange",
    "PlannedMove",
    "Risk",
    "RiskKind",
    "Suggestion",
    "SuggestionReason",
    "SuggestionReport",
    "at_risk",
    "improvement_plan",
    "new_item_limit",
    "smallest_change",
    "suggest",
]

Step: TypeAlias = tuple[Level | None, Level]
"""One kind of change: an item moving from a level to another (``None``: a new item)."""

Minimise: TypeAlias = Literal["count", "cost"]

_LEVELS = tuple(Level)
_INDEX = {level: index for index, level in enumerate(_LEVELS)}

RARER_MOVES: tuple[tuple[Level, Level], ...] = tuple(
    (level, Level.of(level.implemented, False)) for level in Level if level.common
)
"""Changes of national rarity only: an item common nationally becomes rare (the body unchanged)."""

LAPSE_MOVES: tuple[tuple[Level, Level], ...] = tuple((dst, src) for src, dst in IMPLEMENTING_MOVES)
"""The reverse of implementing: an item the body does stops being done."""

CATCH_UP_MOVES: tuple[tuple[Level, Level], ...] = tuple(
    (level, Level.of(level.implemented, True)) for level in Level if not level.common
)
"""The reverse of becoming rare: other bodies catch up and an item becomes common nationally."""

NEW_ITEMS: tuple[Step, ...] = tuple((None, Level.of(True, common)) for common in (False, True))
"""New items the body does, rare or common nationally."""


def _rank(rating: Rating | None) -> int:
    """A rating's rank; no rating ranks below every rating."""
    return -1 if rating is None else rating.rank


def _meets(rating: Rating | None, target: Rating, exact: bool) -> bool:
    if rating is None:
        return False
    return rating is target if exact else rating.rank >= target.rank


def _apply(vector: Sequence[int], steps: Sequence[Step], amounts: Sequence[int]) -> Counts | None:
    """The counts after ``amounts[i]`` changes of kind ``steps[i]``; ``None`` if a count goes negative."""
    values = list(vector)
    for (source, target), amount in zip(steps, amounts, strict=True):
        if source is not None:
            values[_INDEX[source]] -= amount
        values[_INDEX[target]] += amount
    if any(value < 0 for value in values):
        return None
    return Counts(*values)


def _limits(counts: Counts, steps: Sequence[Step], new_items: int) -> list[int]:
    """How many of each step could ever apply: items at the source or able to flow into it."""
    limits = []
    for source, _target in steps:
        if source is None:
            limits.append(new_items)
            continue
        feeding = {source}
        grew = True
        while grew:
            grew = False
            for src, dst in steps:
                if src is not None and dst in feeding and src not in feeding:
                    feeding.add(src)
                    grew = True
        limits.append(counts.of(feeding))
    return limits


# --------------------------------------------------------------------------- counts-level plans


@attrs.frozen
class PlannedMove:
    """``count`` items moving from ``from_level`` to ``to_level`` (``from_level`` ``None``: new items)."""

    from_level: Level | None
    to_level: Level
    count: int

    def to_json(self) -> dict[str, Any]:
        """``{"from": ..., "to": ..., "count": ...}``."""
        return {
            "from": self.from_level.value if self.from_level is not None else None,
            "to": self.to_level.value,
            "count": self.count,
        }

    def text(self, lang: str = "en") -> str:
        """The move in words, e.g. ``implementing 3 behind items (→ standard)``."""
        return _move_text(self.from_level, self.to_level, self.count, lang)


def _moves(steps: Sequence[Step], amounts: Sequence[int]) -> tuple[PlannedMove, ...]:
    return tuple(
        PlannedMove(source, target, amount) for (source, target), amount in zip(steps, amounts, strict=True) if amount
    )


@attrs.frozen(kw_only=True)
class CountsPlan:
    """A plan over counts only: how many items make each move, and the counts and rating after."""

    moves: tuple[PlannedMove, ...]
    counts_after: Counts
    rating_after: Rating | None

    @property
    def size(self) -> int:
        """The number of one-item changes."""
        return sum(move.count for move in self.moves)


SEARCH_BUDGET = 200_000
"""At most this many count vectors are examined by one search of :func:`suggest`.

A search the budget stops says so in its result (:attr:`SuggestionReason.BUDGET`,
:attr:`Beyond.complete` false); it never reports "impossible" for what it did not search.
"""

Key: TypeAlias = tuple[Any, ...]


@attrs.frozen
class _Hit:
    key: Key
    amounts: tuple[int, ...]
    after: Counts
    rating: Rating | None


@attrs.frozen
class _Outcome:
    """What one search found: per goal the best hit (``None``: none), and whether that is settled."""

    hits: tuple[_Hit | None, ...]
    settled: tuple[bool, ...]
    best_rank: int
    """The best rank met among the vectors examined (-1: none rated)."""
    complete: bool
    """Every combination was examined (so ``best_rank`` is the best there is)."""


@functools.lru_cache(maxsize=16)
def _forms(rules: RuleSet) -> tuple[tuple[int, int, int, int], ...]:
    """The linear forms whose signs decide the rating: the shares' forms and the four counts."""
    return _Arrangement.of(_rule_shares(rules)).forms + _UNIT


def _delta(step: Step) -> tuple[int, ...]:
    delta = [0, 0, 0, 0]
    if step[0] is not None:
        delta[_INDEX[step[0]]] -= 1
    delta[_INDEX[step[1]]] += 1
    return tuple(delta)


def _run_starts(forms: Sequence[Sequence[int]], base: Sequence[int], delta: Sequence[int], limit: int) -> list[int]:
    """The ``k`` in ``0..limit`` where a run of ``base + k*delta`` with one sign per form begins.

    Each form is affine in ``k``, so its sign changes at most twice; between two consecutive
    starts every form, and so the rating, is constant.
    """
    cuts = {0, limit + 1}
    for form in forms:
        at = sum(c * x for c, x in zip(form, base, strict=True))
        slope = sum(c * d for c, d in zip(form, delta, strict=True))
        if slope > 0:  # first k with f >= 0, first k with f > 0
            cuts.update((-(at // slope), (-at) // slope + 1))
        elif slope < 0:  # first k with f <= 0, first k with f < 0
            cuts.update((-((-at) // -slope), at // -slope + 1))
    return sorted(c for c in cuts if 0 <= c <= limit)


def _search(
    counts: Counts,
    steps: Sequence[Step],
    limits: Sequence[int],
    rules: RuleSet,
    goals: Sequence[Callable[[Rating | None], bool]],
    *,
    key: Callable[[tuple[int, ...]], Key],
    tie: Callable[[Sequence[_Hit]], _Hit] | None = None,
    by_total: bool,
    budget: int | None,
) -> _Outcome:
    """For each goal, the combination of amounts of ``steps`` (each within its limit) with the least ``key``.

    One amount (the one with the largest limit) is walked in runs on which the rating is
    constant (:func:`_run_starts`); ``key`` must not decrease as an amount grows, so a run's
    first point is its best. The other amounts are tried by increasing total; with
    ``by_total`` (``key`` starts with the total number of changes) a goal is settled as soon as
    no larger total can beat its hit. ``tie`` picks one of the hits of equal ``key`` once the
    search is over. At most ``budget`` points are examined.
    """
    forms = _forms(rules)
    vector = tuple(counts)
    deltas = [_delta(step) for step in steps]
    walk = max(range(len(steps)), key=lambda i: limits[i])
    others = [i for i in range(len(steps)) if i != walk]
    hits: list[_Hit | None] = [None] * len(goals)
    tied: list[list[_Hit]] = [[] for _ in goals]
    settled = [False] * len(goals)

    def outcome(complete: bool) -> _Outcome:
        best = tuple(
            tie(found) if tie is not None and len(found) > 1 else hit for hit, found in zip(hits, tied, strict=True)
        )
        done = (True,) * len(goals) if complete else tuple(settled)
        return _Outcome(hits=best, settled=done, best_rank=best_rank, complete=complete)

    best_rank = -1
    examined = 0
    for row_total in range(sum(limits[i] for i in others) + 1):
        if by_total:
            for g, hit in enumerate(hits):
                if hit is not None and sum(hit.amounts) < row_total:
                    settled[g] = True
        if all(settled):
            break
        for partial in _compositions(row_total, [limits[i] for i in others]):
            base = list(vector)
            for i, amount in zip(others, partial, strict=True):
                for axis in range(4):
                    base[axis] += amount * deltas[i][axis]
            for k in _run_starts(forms, base, deltas[walk], limits[walk]):
                if budget is not None and examined >= budget:
                    return outcome(False)
                examined += 1
                point = [x + k * d for x, d in zip(base, deltas[walk], strict=True)]
                if min(point) < 0:
                    continue
                after = Counts(*point)
                rating = rules.rate(after)
                best_rank = max(best_rank, _rank(rating))
                amounts = list(partial)
                amounts.insert(walk, k)
                for g, goal in enumerate(goals):
                    if settled[g] or not goal(rating):
                        continue
                    found = key(tuple(amounts))
                    hit = hits[g]
                    if hit is None or found < hit.key:
                        better = _Hit(found, tuple(amounts), after, rating)
                        hits[g] = better
                        tied[g] = [better]
                    elif tie is not None and found == hit.key:
                        tied[g].append(_Hit(found, tuple(amounts), after, rating))
    return outcome(True)


def _counts_plan(steps: Sequence[Step], hit: _Hit) -> CountsPlan:
    return CountsPlan(moves=_moves(steps, hit.amounts), counts_after=hit.after, rating_after=hit.rating)


def _compositions(total: int, limits: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every tuple of amounts, each within its limit, that adds up to ``total``."""
    if len(limits) <= 1:
        if total == 0 and not limits:
            yield ()
        elif limits and 0 <= total <= limits[0]:
            yield (total,)
        return
    rest = sum(limits[1:])
    for first in range(max(0, total - rest), min(total, limits[0]) + 1):
        for others in _compositions(total - first, limits[1:]):
            yield (first, *others)


def _by_total(prefer: Callable[[tuple[int, ...]], Key]) -> Callable[[tuple[int, ...]], Key]:
    """A key: fewest changes in all, then ``prefer``."""
    return lambda amounts: (sum(amounts), *prefer(amounts))


def _worst_source_first(steps: Sequence[Step]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    """A tie-break: more moves from worse levels (those common nationally first)."""
    ranks = [(-(_INDEX[source] if source is not None else -1), i) for i, (source, _) in enumerate(steps)]
    ordered = [i for _, i in sorted(ranks)]
    return lambda amounts: tuple(-amounts[i] for i in ordered)


def smallest_change(
    counts: Counts,
    rules: RuleSet,
    target: Rating | str,
    *,
    exact: bool = False,
    moves: Iterable[tuple[Level, Level]] = IMPLEMENTING_MOVES,
) -> CountsPlan | None:
    """The fewest one-item ``moves`` that give ``counts`` a rating at least ``target``; ``None`` if none does.

    The search is exhaustive, with no budget (its cost grows with the counts; :func:`suggest`
    bounds its own searches). With ``exact=True`` the rating must be ``target`` itself, even
    when that is below the rating of ``counts``. An empty plan is returned when
    ``counts`` already qualifies. Ties are settled in favour of moving items from the worse
    level (``behind`` before ``needs_review``), as the default candidate order does.

    >>> from tajimi_rules import Counts, load_rules
    >>> plan = smallest_change(Counts(2, 11, 6, 1), load_rules("tajimi-r4"), "good")
    >>> plan.size, plan.counts_after.short(), plan.rating_after.value
    (1, '2/12/6/0', 'good')
    """
    wanted = Rating(target)
    steps: list[Step] = list(moves)
    outcome = _search(
        counts,
        steps,
        _limits(counts, steps, 0),
        rules,
        [lambda rating: _meets(rating, wanted, exact)],
        key=_by_total(_worst_source_first(steps)),
        by_total=True,
        budget=None,
    )
    (hit,) = outcome.hits
    return _counts_plan(steps, hit) if hit is not None else None


# --------------------------------------------------------------------------- candidates and order


class CandidateOrder(enum.Enum):
    """The order in which a plan names the candidate items (items not implemented).

    ``COMMON_FIRST``: items common nationally (``behind``: expected of the body) first, then by
    national rate, highest first (the default). ``NATIONAL_RATE``: by national rate only,
    highest first. ``COST``: cheapest first. ``FILE``: as listed in the file. Items without a
    national rate follow those with one; unnamed items come after the named ones of their level.
    """

    COMMON_FIRST = "common_first"
    NATIONAL_RATE = "national_rate"
    COST = "cost"
    FILE = "file"


@attrs.frozen(kw_only=True)
class Candidate:
    """An item that could be implemented: a named item of the file, or an unnamed one (``item`` ``None``)."""

    item: Item | None
    level: Level
    index: int
    """Position in the file's item list (unnamed items come after every named one)."""
    cost: Fraction
    """The item's cost, or the default cost where the file gives none."""

    @property
    def national_rate(self) -> Fraction | None:
        """The item's national implementation rate, if known."""
        return self.item.national_rate if self.item is not None else None


OrderKey: TypeAlias = Callable[[Candidate], Any]


def _rate_key(rate: Fraction | None) -> tuple[int, Fraction]:
    return (1, Fraction(0)) if rate is None else (0, -rate)


def _order_key(order: CandidateOrder | OrderKey) -> OrderKey:
    """A sort key over candidates: named items by ``order``, then unnamed ones, common first."""
    if not isinstance(order, CandidateOrder):
        custom = order
        return lambda c: (0, custom(c), c.index) if c.item is not None else (1, not c.level.common, c.index)

    def key(c: Candidate) -> tuple[Any, ...]:
        unnamed = c.item is None
        prefecture = c.item.prefecture_rate if c.item is not None else None
        rates = (_rate_key(c.national_rate), _rate_key(prefecture))
        if order is CandidateOrder.COMMON_FIRST:
            return (not c.level.common, unnamed, *rates, c.index)
        if order is CandidateOrder.NATIONAL_RATE:
            return (unnamed, *rates, not c.level.common, c.index)
        if order is CandidateOrder.COST:
            return (unnamed, c.cost, not c.level.common, *rates, c.index)
        return (unnamed, c.index)

    return key


def _candidates(
    category: Category,
    counts: Counts,
    rules: RuleSet,
    order: CandidateOrder | OrderKey,
    default_cost: Fraction,
) -> tuple[Candidate, ...]:
    """Every candidate (one per item at a source level of the implementing moves), in ``order``."""
    sources = [source for source, _ in IMPLEMENTING_MOVES]
    found: dict[Level, list[Candidate]] = {level: [] for level in sources}
    for index, item in enumerate(category.items):
        level = item_level(item, rules.item_grading)
        if level in found and len(found[level]) < counts[level]:
            cost = item.cost if item.cost is not None else default_cost
            found[level].append(Candidate(item=item, level=level, index=index, cost=cost))
    end = len(category.items)
    for level in sources:
        for _ in range(counts[level] - len(found[level])):
            found[level].append(Candidate(item=None, level=level, index=end, cost=default_cost))
    return tuple(sorted((c for level in sources for c in found[level]), key=_order_key(order)))


# --------------------------------------------------------------------------- results


class SuggestionReason(enum.Enum):
    """Why a suggestion holds what it holds."""

    ALREADY = "already"
    """The rating already reaches the target: nothing to change."""
    REACHED = "reached"
    """The plan's changes reach the target."""
    NOT_BY_IMPLEMENTING = "not_by_implementing"
    """No combination of implementing items reaches the target (every combination was tried)."""
    ABOVE = "above"
    """With ``exact``: the rating is already better than the target, and a plan never lowers it."""
    NEVER_GIVEN = "never_given"
    """The rule set gives the target (or, without ``exact``, any rating at least as good) to no count vector."""
    BUDGET = "budget"
    """The search stopped at :data:`SEARCH_BUDGET` before it found a plan or ruled one out."""


@attrs.frozen(kw_only=True)
class PlannedChange:
    """One item changing level: ``item`` is the item's id, or ``None`` for an item the file does not name."""

    item: str | None
    name: Name | None
    from_level: Level
    to_level: Level
    national_rate: Fraction | None = None
    cost: Fraction | None = None

    def label(self, lang: str = "en") -> str:
        """The item's name, or a description of an unnamed one."""
        if self.name is not None:
            return self.name.label(lang)
        if lang == "ja":
            return f"（記載のない「{self.from_level.ja}」の項目）"
        return f"(an unnamed {self.from_level.en} item)"

    def to_json(self) -> dict[str, Any]:
        """``{"item", "name", "from", "to", "national_rate", "cost"}``."""
        return {
            "item": self.item,
            "name": converter.unstructure(self.name) if self.name is not None else None,
            "from": self.from_level.value,
            "to": self.to_level.value,
            "national_rate": rate_to_json(self.national_rate) if self.national_rate is not None else None,
            "cost": _number(self.cost) if self.cost is not None else None,
        }


class BeyondKind(enum.Enum):
    """What else a plan may use when implementing items is not enough."""

    RARER = "rarer"
    """Items also becoming rare nationally (``standard`` to ``advanced``, ``behind`` to ``needs_review``)."""
    NEW_ITEMS = "new_items"
    """New items the body does, at ``advanced`` or ``standard``."""


@attrs.frozen(kw_only=True)
class Beyond:
    """What it would take to reach a target implementing alone cannot: the fewest changes of a wider kind.

    ``plan`` is ``None`` when no such plan was found: when ``complete``, none exists (new
    items are tried up to ``limit`` at ``advanced`` and up to ``limit`` at ``standard``);
    otherwise the search stopped at :data:`SEARCH_BUDGET` first, and nothing is claimed.
    """

    kind: BeyondKind
    plan: CountsPlan | None
    limit: int | None = None
    complete: bool = True

    def to_json(self) -> dict[str, Any]:
        """The option as a JSON-ready mapping."""
        plan = self.plan
        return {
            "kind": self.kind.value,
            "reachable": plan is not None,
            "size": plan.size if plan is not None else None,
            "moves": [move.to_json() for move in plan.moves] if plan is not None else [],
            "counts_after": converter.unstructure(plan.counts_after) if plan is not None else None,
            "rating_after": _value(plan.rating_after) if plan is not None else None,
            "limit": self.limit,
            "complete": self.complete,
        }

    def _what(self, lang: str) -> str:
        """The kind of changes tried, in words."""
        if self.kind is BeyondKind.RARER:
            return "全国的に少数になる項目を加えて" if lang == "ja" else "items becoming rare nationally"
        if lang == "ja":
            return f"「先進的」「普通」の項目をそれぞれ{self.limit}件まで追加して"
        return f"up to {self.limit} new items at advanced and up to {self.limit} at standard"

    def text(self, lang: str = "en") -> str:
        """The option in words."""
        ja = lang == "ja"
        if self.plan is None:
            if not self.complete:
                if ja:
                    return (
                        f"{self._what(lang)}届く計画は探索の上限（{SEARCH_BUDGET:,}件）までに見つからなかった（未確定）"
                    )
                return (
                    f"no plan with {self._what(lang)} was found before the search stopped at its budget "
                    f"of {SEARCH_BUDGET:,} count vectors (not settled)"
                )
            return f"{self._what(lang)}も届かない" if ja else f"not even with {self._what(lang)}"
        joiner = "、" if ja else ", "
        moves = joiner.join(move.text(lang) for move in self.plan.moves)
        after = _rating_label(self.plan.rating_after, lang)
        counts = self.plan.counts_after.short()
        if ja:
            return f"計{self.plan.size}件の変更: {moves}、結果 {counts} で{after}"
        changes = "change" if self.plan.size == 1 else "changes"
        return f"{self.plan.size} {changes}: {moves}, giving {counts}, {after}"


@attrs.frozen(kw_only=True)
class Suggestion:
    """The smallest plan that takes one category to (at least) one target rating."""

    category: Category
    counts: Counts
    rating: Rating | None
    target: Rating
    exact: bool
    reason: SuggestionReason
    changes: tuple[PlannedChange, ...] = ()
    counts_after: Counts | None = None
    rating_after: Rating | None = None
    best_by_implementing: Rating | None = None
    """The best rating some combination of implementing moves gives (set when the target is unreachable)."""
    beyond: tuple[Beyond, ...] = ()
    minimise: Minimise = "count"

    @property
    def reachable(self) -> bool:
        """Whether implementing items (or nothing at all) reaches the target: the reason is already or reached."""
        return self.reason in (SuggestionReason.ALREADY, SuggestionReason.REACHED)

    @property
    def size(self) -> int:
        """The number of item changes in the plan."""
        return len(self.changes)

    @property
    def cost(self) -> Fraction:
        """The plan's total cost."""
        return sum((change.cost or Fraction(0) for change in self.changes), Fraction(0))

    @property
    def moves(self) -> tuple[PlannedMove, ...]:
        """The changes summed by kind, in the order of :data:`~tajimi_rules.IMPLEMENTING_MOVES`."""
        tally: dict[tuple[Level, Level], int] = {}
        for change in self.changes:
            pair = (change.from_level, change.to_level)
            tally[pair] = tally.get(pair, 0) + 1
        ordered = [pair for pair in IMPLEMENTING_MOVES if pair in tally]
        ordered += [pair for pair in tally if pair not in ordered]
        return tuple(PlannedMove(src, dst, tally[(src, dst)]) for src, dst in ordered)

    @property
    def gain(self) -> int:
        """How many rating steps the plan climbs (an unrated category counts as one below the worst)."""
        if self.rating_after is None or self.reason is not SuggestionReason.REACHED:
            return 0
        return _rank(self.rating_after) - _rank(self.rating)

    @property
    def gain_per_item(self) -> Fraction:
        """:attr:`gain` divided by the number of changes (0 for an empty plan)."""
        return Fraction(self.gain, self.size) if self.size else Fraction(0)

    def text(self, lang: str = "en") -> str:
        """The plan as one sentence, e.g. ``1 item more at standard would make this good: e.g. ...``."""
        ja = lang == "ja"
        target = self.target.label(lang)
        if self.reason is SuggestionReason.ALREADY:
            now = _rating_label(self.rating, lang)
            if ja:
                return f"すでに{now}（目標: {target}{'' if self.exact else '以上'}）"
            return f"already {now} (target: {'' if self.exact else 'at least '}{target})"
        if self.reason is SuggestionReason.NOT_BY_IMPLEMENTING:
            return self._unreachable_text(lang)
        if self.reason is SuggestionReason.ABOVE:
            now = _rating_label(self.rating, lang)
            if ja:
                return f"すでに目標の{target}より上の{now}（目標ちょうどを求める指定のため、下げる計画は立てない）"
            return f"already above the target: {now}, better than exactly {target} (a plan never lowers a rating)"
        if self.reason is SuggestionReason.NEVER_GIVEN:
            if ja:
                at_least = "" if self.exact else "以上"
                return f"この規則集はどの件数にも{target}{at_least}の評価を出さない（どの計画でも届かない）"
            wanted = target if self.exact else f"{target} or better"
            return f"unreachable: the rule set never gives {wanted} to any counts"
        if self.reason is SuggestionReason.BUDGET:
            if ja:
                return f"探索の上限（{SEARCH_BUDGET:,}件の件数ベクトル）に達し、計画の有無を確定できなかった"
            return (
                f"not settled: the search stopped at its budget of {SEARCH_BUDGET:,} count vectors "
                "before it found a plan or ruled one out"
            )
        after = _rating_label(self.rating_after, lang)
        joiner = "・" if ja else " and "
        more = joiner.join(_more_text(move, lang, first=i == 0) for i, move in enumerate(self.moves))
        named = [change for change in self.changes if change.item is not None]
        unnamed = _tally_unnamed(self.changes)
        examples = ("、" if ja else ", ").join(change.label(lang) for change in named)
        rest = ("、" if ja else ", ").join(_unnamed_text(level, count, lang) for level, count in unnamed)
        cost = ""
        if self.minimise == "cost":
            cost = f"（費用 計{format_fraction(self.cost)}）" if ja else f" (total cost {format_fraction(self.cost)})"
        if ja:
            sentence = f"あと{more}で{after}になる{cost}"
            if named:
                sentence += f": 例「{'」「'.join(change.label(lang) for change in named)}」"
                if rest:
                    sentence += f"、ほかに{rest}"
            elif rest:
                sentence += f"（{rest}）"
            return sentence
        sentence = f"{more} would make this {after}{cost}"
        if named:
            sentence += f": e.g. {examples}"
            if rest:
                sentence += f", and {rest}"
        elif rest:
            sentence += f" ({rest})"
        return sentence

    def _unreachable_text(self, lang: str) -> str:
        ja = lang == "ja"
        target = self.target.label(lang)
        best = _rating_label(self.best_by_implementing, lang)
        found = [option for option in self.beyond if option.plan is not None]
        missing = [option for option in self.beyond if option.plan is None]
        if ja:
            at_least = "" if self.exact else "以上"
            head = f"項目の実施だけでは{target}{at_least}に届かない（実施で届く最良: {best}）"
            if found:
                head += "。必要なもの: " + "、または ".join(option.text(lang) for option in found)
            if missing:
                head += "。" + "。".join(option.text(lang) for option in missing)
            return head
        head = (
            f"implementing items alone cannot make this {'' if self.exact else 'at least '}{target} "
            f"(the best implementing can reach: {best})"
        )
        if found:
            head += ". It would take " + "; or ".join(option.text(lang) for option in found)
        if missing:
            tried = "; ".join(option.text(lang) for option in missing)
            head += ". " + tried[0].upper() + tried[1:]
        return head

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The suggestion as a JSON-ready mapping (an entry of ``suggest --format json``)."""
        return {
            "category": self.category.id,
            "from": _value(self.rating),
            "to": self.target.value,
            "exact": self.exact,
            "reachable": self.reachable,
            "reason": self.reason.value,
            "changes": [change.to_json() for change in self.changes],
            "moves": [move.to_json() for move in self.moves],
            "counts": converter.unstructure(self.counts),
            "counts_after": (converter.unstructure(self.counts_after) if self.counts_after is not None else None),
            "rating_after": _value(self.rating_after),
            "cost": _number(self.cost),
            "best_by_implementing": _value(self.best_by_implementing),
            "beyond": [option.to_json() for option in self.beyond],
            "text": self.text(lang),
        }


class RiskKind(enum.Enum):
    """How an item can slip one level."""

    LAPSE = "lapse"
    """The body stops doing it (``advanced`` to ``needs_review``, ``standard`` to ``behind``)."""
    CATCH_UP = "catch_up"
    """Other bodies catch up, so it becomes common nationally (``advanced`` to ``standard``, ...)."""


@attrs.frozen(kw_only=True)
class Risk:
    """A one-item slip that would lower today's rating: any one of ``items`` (or an unnamed item) moving."""

    kind: RiskKind
    from_level: Level
    to_level: Level
    rating_after: Rating | None
    items: tuple[Item, ...]
    unnamed: int

    def to_json(self) -> dict[str, Any]:
        """The risk as a JSON-ready mapping."""
        return {
            "kind": self.kind.value,
            "from": self.from_level.value,
            "to": self.to_level.value,
            "rating_after": _value(self.rating_after),
            "items": [item.id for item in self.items],
            "unnamed": self.unnamed,
        }

    def text(self, lang: str = "en") -> str:
        """The risk in words."""
        ja = lang == "ja"
        after = _rating_label(self.rating_after, lang)
        names = ("、" if ja else ", ").join(item.name.label(lang) for item in self.items)
        count = len(self.items) + self.unnamed
        level = self.from_level.label(lang)
        if ja:
            what = "実施しなくなる" if self.kind is RiskKind.LAPSE else "全国的に普及する"
            who = f"「{'」「'.join(item.name.label(lang) for item in self.items)}」" if self.items else ""
            extra = f"（ほか記載なし{self.unnamed}件）" if self.items and self.unnamed else ""
            if not self.items:
                who = f"記載のない{self.unnamed}件"
            which = f"「{level}」の{count}項目のうち1つでも" if count > 1 else f"「{level}」の1項目が"
            return f"{which}{what}と{after}になる: {who}{extra}"
        what = "stopped being done" if self.kind is RiskKind.LAPSE else "became common nationally"
        which = f"any one of the {count} {level} items" if count > 1 else f"the one {level} item"
        text = f"if {which} {what}, the rating would fall to {after}"
        if self.items:
            text += f": {names}"
            if self.unnamed:
                text += f" (and {self.unnamed} not named in the file)"
        return text


@attrs.frozen(kw_only=True)
class CategorySuggestions:
    """One category: its counts and rating, the plans to each target, and what holds the rating up."""

    category: Category
    counts: Counts | None
    rating: Rating | None
    suggestions: tuple[Suggestion, ...]
    risks: tuple[Risk, ...]
    candidates: tuple[Candidate, ...] = ()
    advanced_items: tuple[Item, ...] = ()

    def good_points(self, lang: str = "en") -> list[str]:
        """良い点: the ``advanced`` items, with their national rates."""
        ja = lang == "ja"
        if self.counts is None:
            return []
        lines = [_item_text(item, Level.ADVANCED, lang) for item in self.advanced_items]
        rest = self.counts.advanced - len(self.advanced_items)
        if rest:
            level = Level.ADVANCED.label(lang)
            if ja:
                lines.append(f"{'ほかに' if lines else ''}「{level}」の項目が{rest}件（項目名の記載なし）")
            else:
                lines.append(
                    f"{rest}{' more' if lines else ''} {level} item{'s' if rest != 1 else ''} (not named in the file)"
                )
        return lines

    def points_to_consider(self, lang: str = "en") -> list[str]:
        """検討点: the items not implemented (``behind``, ``needs_review``), with their national rates."""
        ja = lang == "ja"
        lines = [_item_text(c.item, c.level, lang) for c in self.candidates if c.item is not None]
        tally: dict[Level, int] = {}
        for c in self.candidates:
            if c.item is None:
                tally[c.level] = tally.get(c.level, 0) + 1
        for level, count in tally.items():
            label = level.label(lang)
            if ja:
                lines.append(f"「{label}」の項目が{count}件（項目名の記載なし）")
            else:
                lines.append(f"{count} {label} item{'s' if count != 1 else ''} (not named in the file)")
        return lines

    def lines(self, lang: str = "en") -> list[str]:
        """The written suggestions: headline, 良い点, 検討点, plans, and what holds the rating up."""
        ja = lang == "ja"
        name = f"{self.category.id} {self.category.name.label(lang)}"
        if self.counts is None:
            unknown = "件数も全項目の水準も分からない" if ja else "neither counts nor every item's level is known"
            return [f"{name}: {unknown}"]
        counts = f"{self.counts.short()}, n={self.counts.total}"
        lines = [f"{name}: {_rating_label(self.rating, lang)} ({counts})"]
        sections = (
            ("良い点" if ja else "Good points", self.good_points(lang)),
            ("検討点" if ja else "Points to consider", self.points_to_consider(lang)),
            ("改善案" if ja else "Plan", [_plan_line(s, lang) for s in self.suggestions]),
            ("この評価を支える項目" if ja else "What holds this rating up", self._risk_lines(lang)),
        )
        for title, entries in sections:
            if entries:
                lines.append(f"  {title}:")
                lines.extend(f"    - {entry}" for entry in entries)
        return lines

    def _risk_lines(self, lang: str) -> list[str]:
        if self.rating is None:
            return []
        if not self.risks:
            return ["1項目の変化では下がらない" if lang == "ja" else "no single item slipping would lower it"]
        return [risk.text(lang) for risk in self.risks]

    def text(self, lang: str = "en") -> str:
        """:meth:`lines` joined by newlines."""
        return "\n".join(self.lines(lang))

    def to_json(self) -> dict[str, Any]:
        """The category's risks as a JSON-ready mapping (``at_risk`` entries of ``suggest --format json``)."""
        return {
            "category": self.category.id,
            "rating": _value(self.rating),
            "counts": converter.unstructure(self.counts) if self.counts is not None else None,
            "risks": [risk.to_json() for risk in self.risks],
        }


@attrs.frozen(kw_only=True)
class EvaluationPlan:
    """A plan to bring every category to at least ``target`` (``exact``: to ``target`` itself): the smallest in total.

    Categories are independent, so the sum of each category's smallest plan is the smallest
    total. ``steps`` are the categories that need changes, best gain per item first;
    ``unreachable`` those no plan reaches (implementing cannot, or the rule set never gives
    the target); ``not_searched`` those whose search stopped at :data:`SEARCH_BUDGET`;
    ``above`` (with ``exact``) those already better than the target, which a plan never lowers.
    """

    target: Rating
    steps: tuple[Suggestion, ...]
    already: tuple[Suggestion, ...]
    unreachable: tuple[Suggestion, ...]
    unknown: tuple[Category, ...]
    exact: bool = False
    above: tuple[Suggestion, ...] = ()
    not_searched: tuple[Suggestion, ...] = ()

    @property
    def size(self) -> int:
        """The number of item changes in the whole plan."""
        return sum(step.size for step in self.steps)

    @property
    def cost(self) -> Fraction:
        """The whole plan's total cost."""
        return sum((step.cost for step in self.steps), Fraction(0))

    @property
    def complete(self) -> bool:
        """Whether every category reaches the target (none unreachable, not searched, or of unknown counts).

        With ``exact``, a category above the target counts as having reached it: it needs no change.
        """
        return not self.unreachable and not self.unknown and not self.not_searched

    def lines(self, lang: str = "en") -> list[str]:
        """The plan in words, one line per category."""
        ja = lang == "ja"
        target = self.target.label(lang)
        if ja:
            goal = f"ちょうど{target}" if self.exact else f"{target}以上"
            lines = [f"全カテゴリを{goal}にする計画: 計{self.size}件の変更（1件あたりの向上が大きい順）"]
        else:
            goal = f"exactly {target}" if self.exact else f"at least {target}"
            lines = [
                f"Plan to bring every category to {goal}: {self.size} changes in all (largest gain per item first)"
            ]
        for number, step in enumerate(self.steps, 1):
            name = step.category.name.label(lang)
            lines.append(f"  {number}. {step.category.id} {name}: {step.text(lang)}")
        for step in self.unreachable:
            lines.append(f"  ✗ {step.category.id} {step.category.name.label(lang)}: {step.text(lang)}")
        for step in self.not_searched:
            lines.append(f"  ? {step.category.id} {step.category.name.label(lang)}: {step.text(lang)}")
        for category in self.unknown:
            unknown = "件数不明" if ja else "unknown counts"
            lines.append(f"  ? {category.id} {category.name.label(lang)}: {unknown}")
        if self.already:
            ids = ", ".join(step.category.id for step in self.already)
            lines.append(f"  {'達成済み' if ja else 'already there'}: {ids}")
        if self.above:
            ids = ", ".join(step.category.id for step in self.above)
            lines.append(f"  {'目標より上（下げない）' if ja else 'already above the target (not lowered)'}: {ids}")
        return lines

    def to_json(self) -> dict[str, Any]:
        """The plan as a JSON-ready mapping (``plan`` of ``suggest --format json``)."""
        return {
            "target": self.target.value,
            "exact": self.exact,
            "size": self.size,
            "cost": _number(self.cost),
            "complete": self.complete,
            "order": [step.category.id for step in self.steps],
            "unreachable": [step.category.id for step in self.unreachable],
            "unknown": [category.id for category in self.unknown],
            "already": [step.category.id for step in self.already],
            "above": [step.category.id for step in self.above],
            "not_searched": [step.category.id for step in self.not_searched],
        }


@attrs.frozen(kw_only=True)
class SuggestionReport:
    """Suggestions for the categories of an evaluation under one rule set."""

    evaluation: Evaluation
    rules: RuleSet
    target: Rating | None
    exact: bool
    minimise: Minimise
    categories: tuple[CategorySuggestions, ...]

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """Every suggestion, category by category, targets best last."""
        return tuple(s for category in self.categories for s in category.suggestions)

    def plan(self) -> EvaluationPlan:
        """The whole-evaluation plan to :attr:`target` (``ValueError`` without a target)."""
        if self.target is None:
            raise ValueError("a whole-evaluation plan needs a target rating")
        found = [s for s in self.suggestions if s.target is self.target]
        steps = sorted(
            (s for s in found if s.reason is SuggestionReason.REACHED),
            key=lambda s: (-s.gain_per_item, s.size, s.cost),
        )
        never = (SuggestionReason.NOT_BY_IMPLEMENTING, SuggestionReason.NEVER_GIVEN)
        return EvaluationPlan(
            target=self.target,
            exact=self.exact,
            steps=tuple(steps),
            already=tuple(s for s in found if s.reason is SuggestionReason.ALREADY),
            unreachable=tuple(s for s in found if s.reason in never),
            unknown=tuple(c.category for c in self.categories if c.counts is None),
            above=tuple(s for s in found if s.reason is SuggestionReason.ABOVE),
            not_searched=tuple(s for s in found if s.reason is SuggestionReason.BUDGET),
        )

    def to_json(self, lang: str = "en", file: str | None = None) -> dict[str, Any]:
        """The report as one JSON-ready object (the output of ``suggest --format json``)."""
        return {
            "file": file,
            "rules": {"id": self.rules.id, "combine": self.rules.combine.value},
            "target": _value(self.target),
            "exact": self.exact,
            "minimise": self.minimise,
            "suggestions": [s.to_json(lang) for s in self.suggestions],
            "at_risk": [c.to_json() for c in self.categories if c.counts is not None],
            "unknown_counts": [c.category.id for c in self.categories if c.counts is None],
            "plan": self.plan().to_json() if self.target is not None else None,
        }


# --------------------------------------------------------------------------- text helpers


def _value(rating: Rating | None) -> str | None:
    return rating.value if rating is not None else None


def _rating_label(rating: Rating | None, lang: str) -> str:
    if rating is not None:
        return rating.label(lang)
    return "評価なし" if lang == "ja" else "no rating"


def _number(value: Fraction) -> int | str:
    return value.numerator if value.denominator == 1 else format_fraction(value)


def _percent(rate: Fraction, lang: str = "en") -> str:
    return format_percent(rate, "約" if lang == "ja" else "about ")


def _rates(item: Item, lang: str) -> str:
    ja = lang == "ja"
    parts = []
    if item.national_rate is not None:
        parts.append(("全国実施率 " if ja else "national rate ") + _percent(item.national_rate, lang))
    if item.prefecture_rate is not None:
        parts.append(("県内実施率 " if ja else "in the prefecture ") + _percent(item.prefecture_rate, lang))
    if not parts:
        return ""
    return f"（{'、'.join(parts)}）" if ja else f" ({', '.join(parts)})"


def _item_text(item: Item, level: Level, lang: str) -> str:
    if lang == "ja":
        return f"「{item.name.label(lang)}」は{level.ja}{_rates(item, lang)}"
    return f"{item.name.label(lang)}: {level.en}{_rates(item, lang)}"


def _move_text(source: Level | None, target: Level, count: int, lang: str) -> str:
    ja = lang == "ja"
    items = "item" if count == 1 else "items"
    if source is None:
        return f"「{target.ja}」の項目を{count}件追加" if ja else f"{count} new {items} at {target.en}"
    if source.implemented != target.implemented:
        verb_ja = "実施" if target.implemented else "廃止"
        verb_en = "implementing" if target.implemented else "dropping"
        if ja:
            return f"「{source.ja}」の{count}項目を{verb_ja}（→{target.ja}）"
        return f"{verb_en} {count} {source.en} {items} (→ {target.en})"
    if ja:
        spread = "全国的に少数になる" if not target.common else "全国的に普及する"
        return f"「{source.ja}」の{count}項目が{spread}（→{target.ja}）"
    spread = "becoming rare nationally" if not target.common else "becoming common nationally"
    return f"{count} {source.en} {items} {spread} (→ {target.en})"


def _more_text(move: PlannedMove, lang: str, *, first: bool) -> str:
    """``1 item more at standard`` / ``普通1項目``."""
    if lang == "ja":
        return f"{move.to_level.ja}{move.count}項目"
    items = "item" if move.count == 1 else "items"
    if first:
        return f"{move.count} {items} more at {move.to_level.en}"
    return f"{move.count} more at {move.to_level.en}"


def _tally_unnamed(changes: Iterable[PlannedChange]) -> list[tuple[Level, int]]:
    tally: dict[Level, int] = {}
    for change in changes:
        if change.item is None:
            tally[change.from_level] = tally.get(change.from_level, 0) + 1
    return list(tally.items())


def _unnamed_text(level: Level, count: int, lang: str) -> str:
    if lang == "ja":
        return f"「{level.ja}」の{count}項目を実施。項目名の記載なし"
    items = "item" if count == 1 else "items"
    return f"{count} {level.en} {items} not named in the file"


def _plan_line(suggestion: Suggestion, lang: str) -> str:
    target = suggestion.target.label(lang)
    if lang == "ja":
        return f"{target}{'' if suggestion.exact else '以上'}へ: {suggestion.text(lang)}"
    return f"to {'' if suggestion.exact else 'at least '}{target}: {suggestion.text(lang)}"


# --------------------------------------------------------------------------- building suggestions


def new_item_limit(counts: Counts) -> int:
    """How many new items of each kind (at ``advanced``, at ``standard``) the wider search tries: ``max(12, 2n)``."""
    return max(12, 2 * counts.total)


def _never_given(rules: RuleSet, target: Rating, exact: bool) -> bool:
    """Whether the rule set gives the target (or, not exact, a rating at least as good) to no count vector."""
    given = ratings_given(rules)
    if given is None:
        return False
    return not any(_meets(rating, target, exact) for rating in given)


def _implementing_key(
    candidates: Sequence[Candidate], minimise: Minimise
) -> tuple[
    Callable[[tuple[int, ...]], Key], Callable[[Sequence[_Hit]], _Hit], dict[Level, list[Candidate]], dict[int, int]
]:
    """The order of plans of implementing moves, and the items each takes: the cheapest of each level.

    ``count``: fewest items, then cheapest, then items first in the candidate order; ``cost``:
    cheapest, then fewest, then first in order. Among the items of one level the cheapest are
    taken (ties in candidate order), which is the least cost for a given number of each move.
    """
    rank = {id(c): i for i, c in enumerate(candidates)}
    pools = {
        src: sorted((c for c in candidates if c.level is src), key=lambda c: (c.cost, rank[id(c)]))
        for src, _ in IMPLEMENTING_MOVES
    }
    prefix = {
        src: list(itertools.accumulate((c.cost for c in pool), initial=Fraction(0))) for src, pool in pools.items()
    }

    def key(amounts: tuple[int, ...]) -> Key:
        size = sum(amounts)
        cost = sum((prefix[src][k] for (src, _), k in zip(IMPLEMENTING_MOVES, amounts, strict=True)), Fraction(0))
        return (size, cost) if minimise == "count" else (cost, size)

    first, second = ([rank[id(c)] for c in pools[src]] for src, _ in IMPLEMENTING_MOVES)

    def earliest(tied: Sequence[_Hit]) -> _Hit:
        """Of plans equal in size and cost, the one whose items, sorted, come first in the candidate order.

        Two such plans differ only in how many items each level gives: one takes the extra
        items X of one level, the other the extra items Y of the other level, and the sorted
        lists first differ at the earliest item of X or Y. So walking the plans by their
        first amount needs only running minima of the items passed over.
        """
        ordered = sorted(tied, key=lambda hit: hit.amounts[0])
        best = ordered[0]
        taken, left = best.amounts[0], best.amounts[1]
        least_first = least_second = len(candidates)
        for hit in ordered[1:]:
            k1, k2 = hit.amounts
            least_first = min(least_first, *first[taken:k1], len(candidates))
            least_second = min(least_second, *second[k2:left], len(candidates))
            taken, left = k1, k2
            if least_first < least_second:
                best = hit
                least_first = least_second = len(candidates)
        return best

    return key, earliest, pools, rank


def _plans(
    category: Category,
    counts: Counts,
    rating: Rating | None,
    rules: RuleSet,
    targets: Sequence[Rating],
    *,
    exact: bool,
    minimise: Minimise,
    candidates: Sequence[Candidate],
    beyond: bool,
) -> tuple[Suggestion, ...]:
    """One suggestion per target, from one search of implementing moves serving every target."""

    def base(target: Rating) -> Suggestion:
        return Suggestion(
            category=category,
            counts=counts,
            rating=rating,
            target=target,
            exact=exact,
            minimise=minimise,
            reason=SuggestionReason.ALREADY,
            counts_after=counts,
            rating_after=rating,
        )

    results: dict[Rating, Suggestion] = {}
    open_targets: list[Rating] = []
    for target in targets:
        if _meets(rating, target, exact):
            results[target] = base(target)
        elif _never_given(rules, target, exact):
            results[target] = attrs.evolve(
                base(target), reason=SuggestionReason.NEVER_GIVEN, counts_after=None, rating_after=None
            )
        elif exact and _rank(rating) > target.rank:
            results[target] = attrs.evolve(base(target), reason=SuggestionReason.ABOVE)
        else:
            open_targets.append(target)
    if open_targets:
        key, earliest, pools, rank = _implementing_key(candidates, minimise)
        steps: list[Step] = list(IMPLEMENTING_MOVES)
        outcome = _search(
            counts,
            steps,
            [counts[src] for src, _ in IMPLEMENTING_MOVES],
            rules,
            [functools.partial(_meets, target=target, exact=exact) for target in open_targets],
            key=key,
            tie=earliest,
            by_total=minimise == "count",
            budget=SEARCH_BUDGET,
        )
        best_rating = next((r for r in Rating if r.rank == outcome.best_rank), None)
        unreached: list[Rating] = []
        for target, hit, settled in zip(open_targets, outcome.hits, outcome.settled, strict=True):
            if not settled:
                results[target] = attrs.evolve(
                    base(target), reason=SuggestionReason.BUDGET, counts_after=None, rating_after=None
                )
            elif hit is not None:
                chosen = sorted(
                    (
                        (c, dst)
                        for (src, dst), k in zip(IMPLEMENTING_MOVES, hit.amounts, strict=True)
                        for c in pools[src][:k]
                    ),
                    key=lambda pair: rank[id(pair[0])],
                )
                changes = tuple(
                    PlannedChange(
                        item=c.item.id if c.item is not None else None,
                        name=c.item.name if c.item is not None else None,
                        from_level=c.level,
                        to_level=dst,
                        national_rate=c.national_rate,
                        cost=c.cost,
                    )
                    for c, dst in chosen
                )
                results[target] = attrs.evolve(
                    base(target),
                    reason=SuggestionReason.REACHED,
                    changes=changes,
                    counts_after=hit.after,
                    rating_after=hit.rating,
                )
            else:
                results[target] = attrs.evolve(
                    base(target),
                    reason=SuggestionReason.NOT_BY_IMPLEMENTING,
                    counts_after=None,
                    rating_after=None,
                    best_by_implementing=best_rating,
                )
                unreached.append(target)
        if beyond and unreached:
            for target, options in zip(unreached, _beyond(counts, rules, unreached, exact), strict=True):
                results[target] = attrs.evolve(results[target], beyond=options)
    return tuple(results[target] for target in targets)


def _beyond(counts: Counts, rules: RuleSet, targets: Sequence[Rating], exact: bool) -> list[tuple[Beyond, ...]]:
    """For each target, the fewest changes with items becoming rare, and with new items (one search each)."""
    goals = [functools.partial(_meets, target=target, exact=exact) for target in targets]
    limit = new_item_limit(counts)
    rarer: list[Step] = [*IMPLEMENTING_MOVES, *RARER_MOVES]
    added: list[Step] = [*IMPLEMENTING_MOVES, *NEW_ITEMS]
    found = []
    for kind, steps, new_items in ((BeyondKind.RARER, rarer, 0), (BeyondKind.NEW_ITEMS, added, limit)):
        outcome = _search(
            counts,
            steps,
            _limits(counts, steps, new_items),
            rules,
            goals,
            key=_by_total(_fewer_extra(steps)),
            by_total=True,
            budget=SEARCH_BUDGET,
        )
        found.append(
            [
                Beyond(
                    kind=kind,
                    plan=_counts_plan(steps, hit) if hit is not None and settled else None,
                    limit=limit if kind is BeyondKind.NEW_ITEMS else None,
                    complete=settled,
                )
                for hit, settled in zip(outcome.hits, outcome.settled, strict=True)
            ]
        )
    return [tuple(pair) for pair in zip(*found, strict=True)]


def _fewer_extra(steps: Sequence[Step]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    """A tie-break: fewer changes beyond implementing, then more from worse levels."""
    extra = [i for i, step in enumerate(steps) if step not in IMPLEMENTING_MOVES]
    worse = _worst_source_first(steps)
    return lambda amounts: (sum(amounts[i] for i in extra), *worse(amounts))


def _risks(category: Category, counts: Counts, rating: Rating | None, rules: RuleSet) -> tuple[Risk, ...]:
    if rating is None:
        return ()
    found = []
    for kind, moves in ((RiskKind.LAPSE, LAPSE_MOVES), (RiskKind.CATCH_UP, CATCH_UP_MOVES)):
        for source, target in moves:
            if counts[source] == 0:
                continue
            after = rules.rate(counts.moved(source, target))
            if _rank(after) >= rating.rank:
                continue
            items = tuple(item for item in category.items if item_level(item, rules.item_grading) is source)[
                : counts[source]
            ]
            found.append(
                Risk(
                    kind=kind,
                    from_level=source,
                    to_level=target,
                    rating_after=after,
                    items=items,
                    unnamed=counts[source] - len(items),
                )
            )
    return tuple(found)


def _targets(rating: Rating | None, rules: RuleSet, target: Rating | None) -> tuple[Rating, ...]:
    """The target, or every better rating the rule set gives (its rules' ratings where that is not known)."""
    if target is not None:
        return (target,)
    given = ratings_given(rules)
    better = [r for r in (given if given is not None else rules.ratings) if _rank(r) > _rank(rating)]
    return tuple(sorted(better, key=lambda r: r.rank))


def _category(
    category: Category,
    rules: RuleSet,
    target: Rating | None,
    *,
    exact: bool,
    order: CandidateOrder | OrderKey,
    minimise: Minimise,
    default_cost: Fraction,
    beyond: bool,
) -> CategorySuggestions:
    counts = category_counts(category, rules.item_grading)
    if counts is None:
        return CategorySuggestions(category=category, counts=None, rating=None, suggestions=(), risks=())
    rating = rules.rate(counts)
    candidates = _candidates(category, counts, rules, order, default_cost)
    suggestions = _plans(
        category,
        counts,
        rating,
        rules,
        _targets(rating, rules, target),
        exact=exact,
        minimise=minimise,
        candidates=candidates,
        beyond=beyond,
    )
    advanced = tuple(item for item in category.items if item_level(item, rules.item_grading) is Level.ADVANCED)[
        : counts.advanced
    ]
    return CategorySuggestions(
        category=category,
        counts=counts,
        rating=rating,
        suggestions=suggestions,
        risks=_risks(category, counts, rating, rules),
        candidates=candidates,
        advanced_items=advanced,
    )


def suggest(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    target: Rating | str | None = None,
    category: str | None = None,
    exact: bool = False,
    order: CandidateOrder | OrderKey = CandidateOrder.COMMON_FIRST,
    minimise: Minimise = "count",
    default_cost: Fraction | int = 1,
    beyond: bool = True,
) -> SuggestionReport:
    """The smallest plans that lift each category (or only ``category``) to ``target``.

    ``target`` ``None`` gives one plan for every rating better than the category's own that
    the rule set can give. A plan reaches a rating *at least* as good as the target, or the
    target itself with ``exact=True`` (a category already better is not planned down: reason
    ``above``). Each search examines at most :data:`SEARCH_BUDGET` count vectors, and one the
    budget stops says so (reason ``budget``). ``order`` names the candidates (an :class:`CandidateOrder`, or
    a key function over :class:`Candidate` for the named ones); ``minimise="cost"`` minimises
    the items' total ``cost`` (``default_cost`` for an item without one, and for unnamed
    items) instead of their number. Where implementing cannot reach a target, ``beyond``
    (default true) also computes what it would take (:class:`Beyond`). ``rules`` defaults to
    the evaluation's own ``rules`` id, else ``tajimi-r4``. Raises :class:`KeyError` for an
    unknown ``category``.
    """
    if minimise not in ("count", "cost"):
        raise ValueError(f"minimise must be 'count' or 'cost', not {minimise!r}")
    loaded = load_evaluation(evaluation)
    rule_set = load_rules(rules if rules is not None else loaded.rules)
    wanted = Rating(target) if target is not None else None
    chosen = (loaded.category(category),) if category is not None else loaded.categories
    return SuggestionReport(
        evaluation=loaded,
        rules=rule_set,
        target=wanted,
        exact=exact,
        minimise=minimise,
        categories=tuple(
            _category(
                item,
                rule_set,
                wanted,
                exact=exact,
                order=order,
                minimise=minimise,
                default_cost=Fraction(default_cost),
                beyond=beyond,
            )
            for item in chosen
        ),
    )


def improvement_plan(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    target: Rating | str,
    exact: bool = False,
    order: CandidateOrder | OrderKey = CandidateOrder.COMMON_FIRST,
    minimise: Minimise = "count",
    default_cost: Fraction | int = 1,
) -> EvaluationPlan:
    """A plan to bring every category to at least ``target``, smallest in total, best gain per item first."""
    return suggest(
        evaluation,
        rules,
        target=target,
        exact=exact,
        order=order,
        minimise=minimise,
        default_cost=default_cost,
    ).plan()


def at_risk(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    category: str | None = None,
) -> tuple[CategorySuggestions, ...]:
    """What holds each category's rating up: the one-item slips that would lower it today.

    Each entry's :attr:`~CategorySuggestions.risks` lists, per kind of slip (an item no longer
    done; an item becoming common nationally), the items whose slip lowers the rating.
    """
    report = suggest(evaluation, rules, category=category, beyond=False)
    return report.categories
