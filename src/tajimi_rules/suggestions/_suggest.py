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
vectors, and all the searches of one call together at most its ``budget`` (default
:data:`SUGGEST_BUDGET`); a rule set over the documented bounds (``docs/limits.md``) is refused
before any search. A search a budget stops says so (reason ``budget``, or :attr:`Beyond.complete`
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

The search is in ``_search``, the candidates and their order in ``_candidates``, the result
values in ``_results``; this module puts them together.

>>> from tajimi_rules import suggest
>>> report = suggest("examples/tajimi-r4.json", target="good", category="website")  # doctest: +SKIP
>>> [change.item for change in report.suggestions[0].changes]  # doctest: +SKIP
['website-opinions']
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .._arguments import check_choice, check_count, check_rule_set, check_type, wrong_type, wrong_value
from .._errors import UnknownCategoryError
from .._limits import SUGGEST_BUDGET, check_rule_sets, check_suggest_items
from ..analysis import ratings_given
from ..checks._check import category_counts, item_level
from ..documents import resolve
from ..model import IMPLEMENTING_MOVES, Category, Counts, Evaluation, Level, Rating
from ..rules import RuleSet
from ._candidates import Candidate, CandidateOrder, Minimise, OrderKey, candidates, implementing_key
from ._moves import CATCH_UP_MOVES, LAPSE_MOVES, NEW_ITEMS, RARER_MOVES, Step, limits
from ._results import (
    Beyond,
    BeyondKind,
    CategorySuggestions,
    CountsPlan,
    EvaluationPlan,
    PlannedChange,
    PlannedMove,
    Risk,
    RiskKind,
    Suggestion,
    SuggestionReason,
    SuggestionReport,
)
from ._search import SEARCH_BUDGET, Budget, Hit, by_total, meets, rank, search, worst_source_first

__all__ = ["at_risk", "improvement_plan", "new_item_limit", "smallest_change", "suggest"]


def _moves(steps: Sequence[Step], amounts: Sequence[int]) -> tuple[PlannedMove, ...]:
    return tuple(
        PlannedMove(source, target, amount) for (source, target), amount in zip(steps, amounts, strict=True) if amount
    )


def _counts_plan(steps: Sequence[Step], hit: Hit) -> CountsPlan:
    return CountsPlan(moves=_moves(steps, hit.amounts), counts_after=hit.after, rating_after=hit.rating)


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

    Raises :class:`TypeError` when ``counts`` is not :class:`~tajimi_rules.Counts` or ``rules``
    not a loaded :class:`~tajimi_rules.RuleSet`, and :class:`ValueError` for a ``target`` that names no rating.
    """
    check_type(counts, Counts, function="smallest_change", parameter="counts", expected="a Counts")
    check_rule_set(rules, "smallest_change")
    if not isinstance(target, Rating):
        ratings = tuple(rating.value for rating in Rating)
        check_choice(target, ratings, function="smallest_change", parameter="target")
    wanted = Rating(target)
    steps: list[Step] = list(moves)
    outcome = search(
        counts,
        steps,
        limits(counts, steps, 0),
        rules,
        [lambda rating: meets(rating, wanted, exact)],
        key=by_total(worst_source_first(steps)),
        by_total=True,
        budget=None,
    )
    (hit,) = outcome.hits
    return _counts_plan(steps, hit) if hit is not None else None


def new_item_limit(counts: Counts) -> int:
    """How many new items of each kind (at ``advanced``, at ``standard``) the wider search tries: ``max(12, 2n)``."""
    return max(12, 2 * counts.total)


def _never_given(rules: RuleSet, target: Rating, exact: bool) -> bool:
    """Whether the rule set gives the target (or, not exact, a rating at least as good) to no count vector."""
    given = ratings_given(rules)
    if given is None:
        return False
    return not any(meets(rating, target, exact) for rating in given)


def _chosen_changes(
    pools: Mapping[Level, Sequence[Candidate]], order: Mapping[int, int], hit: Hit
) -> tuple[PlannedChange, ...]:
    """The items a plan of implementing moves takes (the first of each level's pool), in candidate order."""
    chosen = sorted(
        ((c, dst) for (src, dst), k in zip(IMPLEMENTING_MOVES, hit.amounts, strict=True) for c in pools[src][:k]),
        key=lambda pair: order[id(pair[0])],
    )
    return tuple(
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


def _answered_at_once(base: Suggestion, rules: RuleSet) -> Suggestion | None:
    """The suggestion when no search is needed (already there, never given, above the target), else ``None``."""
    target, exact = base.target, base.exact
    if meets(base.rating, target, exact):
        return base
    if _never_given(rules, target, exact):
        return attrs.evolve(base, reason=SuggestionReason.NEVER_GIVEN, counts_after=None, rating_after=None)
    if exact and rank(base.rating) > target.rank:
        return attrs.evolve(base, reason=SuggestionReason.ABOVE)
    return None


def _plans(
    bases: Sequence[Suggestion],
    rules: RuleSet,
    *,
    candidates_of: Sequence[Candidate],
    beyond: bool,
    shared: Budget,
) -> tuple[Suggestion, ...]:
    """One suggestion per target (one base each), from one search of implementing moves serving every target."""
    results = {base.target: _answered_at_once(base, rules) for base in bases}
    open_bases = [base for base in bases if results[base.target] is None]
    if not open_bases:
        return tuple(result for result in results.values() if result is not None)
    first = open_bases[0]
    counts, exact, minimise = first.counts, first.exact, first.minimise
    key, earliest, pools, order = implementing_key(candidates_of, minimise)
    outcome = search(
        counts,
        list(IMPLEMENTING_MOVES),
        [counts[src] for src, _ in IMPLEMENTING_MOVES],
        rules,
        [functools.partial(meets, target=base.target, exact=exact) for base in open_bases],
        key=key,
        tie=earliest,
        by_total=minimise == "count",
        budget=SEARCH_BUDGET,
        shared=shared,
    )
    best_rating = next((r for r in Rating if r.rank == outcome.best_rank), None)
    unreached: list[Suggestion] = []
    for base, hit, settled in zip(open_bases, outcome.hits, outcome.settled, strict=True):
        if not settled:
            results[base.target] = attrs.evolve(
                base, reason=SuggestionReason.BUDGET, counts_after=None, rating_after=None
            )
        elif hit is not None:
            results[base.target] = attrs.evolve(
                base,
                reason=SuggestionReason.REACHED,
                changes=_chosen_changes(pools, order, hit),
                counts_after=hit.after,
                rating_after=hit.rating,
            )
        else:
            unreached.append(
                attrs.evolve(
                    base,
                    reason=SuggestionReason.NOT_BY_IMPLEMENTING,
                    counts_after=None,
                    rating_after=None,
                    best_by_implementing=best_rating,
                )
            )
    targets = [s.target for s in unreached]
    wider = _beyond(counts, rules, targets, exact, shared) if beyond and unreached else None
    for index, suggestion in enumerate(unreached):
        results[suggestion.target] = attrs.evolve(suggestion, beyond=wider[index]) if wider else suggestion
    return tuple(result for result in results.values() if result is not None)


def _beyond(
    counts: Counts, rules: RuleSet, targets: Sequence[Rating], exact: bool, shared: Budget
) -> list[tuple[Beyond, ...]]:
    """For each target, the fewest changes with items becoming rare, and with new items (one search each)."""
    goals = [functools.partial(meets, target=target, exact=exact) for target in targets]
    limit = new_item_limit(counts)
    rarer: list[Step] = [*IMPLEMENTING_MOVES, *RARER_MOVES]
    added: list[Step] = [*IMPLEMENTING_MOVES, *NEW_ITEMS]
    found = []
    for kind, steps, new_items in ((BeyondKind.RARER, rarer, 0), (BeyondKind.NEW_ITEMS, added, limit)):
        outcome = search(
            counts,
            steps,
            limits(counts, steps, new_items),
            rules,
            goals,
            key=by_total(_fewer_extra(steps)),
            by_total=True,
            budget=SEARCH_BUDGET,
            shared=shared,
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
    worse = worst_source_first(steps)
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
            if rank(after) >= rating.rank:
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
    better = [r for r in (given if given is not None else rules.ratings) if rank(r) > rank(rating)]
    return tuple(sorted(better, key=lambda r: r.rank))


def _category(  # noqa: PLR0913 - the options of suggest(), passed through unchanged
    category: Category,
    rules: RuleSet,
    target: Rating | None,
    *,
    exact: bool,
    order: CandidateOrder | OrderKey,
    minimise: Minimise,
    default_cost: Fraction,
    beyond: bool,
    shared: Budget,
) -> CategorySuggestions:
    counts = category_counts(category, rules.item_grading)
    if counts is None:
        return CategorySuggestions(category=category, counts=None, rating=None, suggestions=(), risks=())
    rating = rules.rate(counts)
    found = candidates(category, counts, rules, order, default_cost)
    bases = [
        Suggestion(
            category=category,
            counts=counts,
            rating=rating,
            target=wanted,
            exact=exact,
            minimise=minimise,
            reason=SuggestionReason.ALREADY,
            counts_after=counts,
            rating_after=rating,
        )
        for wanted in _targets(rating, rules, target)
    ]
    suggestions = _plans(bases, rules, candidates_of=found, beyond=beyond, shared=shared)
    advanced = tuple(item for item in category.items if item_level(item, rules.item_grading) is Level.ADVANCED)[
        : counts.advanced
    ]
    return CategorySuggestions(
        category=category,
        counts=counts,
        rating=rating,
        suggestions=suggestions,
        risks=_risks(category, counts, rating, rules),
        candidates=found,
        advanced_items=advanced,
    )


def _size(category: Category, rules: RuleSet) -> int:
    """The category's number of items (0 when its counts are not known)."""
    counts = category_counts(category, rules.item_grading)
    return counts.total if counts is not None else 0


def _category_of(evaluation: Evaluation, category_id: str) -> Category:
    """The evaluation's category with this id; :class:`UnknownCategoryError` if there is none."""
    for category in evaluation.categories:
        if category.id == category_id:
            return category
    raise UnknownCategoryError(category_id, (category.id for category in evaluation.categories))


def _options(
    function: str,
    target: object,
    category: object,
    order: object,
    minimise: object,
    default_cost: object,
) -> tuple[Rating | None, CandidateOrder | OrderKey]:
    """The target and the order :func:`suggest` was given, checked; a wrong one raises naming itself."""
    ratings = tuple(rating.value for rating in Rating)
    if target is not None and not isinstance(target, Rating):
        check_choice(target, (*ratings, None), function=function, parameter="target")
    check_type(
        category, (str, type(None)), function=function, parameter="category", expected="a category id (str) or None"
    )
    check_choice(minimise, ("count", "cost"), function=function, parameter="minimise")
    check_type(
        default_cost, (int, Fraction), function=function, parameter="default_cost", expected="an int or a Fraction"
    )
    if default_cost < 0:  # type: ignore[operator]
        raise wrong_value(function, "default_cost", "at least 0", default_cost)
    orders = ", ".join(repr(choice.value) for choice in CandidateOrder)
    expected = f"a CandidateOrder ({orders}) or a key function over Candidate"
    if isinstance(order, str):
        if order not in {choice.value for choice in CandidateOrder}:
            raise wrong_value(function, "order", expected, order)
        order = CandidateOrder(order)
    elif not isinstance(order, CandidateOrder) and not callable(order):
        raise wrong_type(function, "order", expected, order)
    return (Rating(target) if target is not None else None), order


def suggest(  # noqa: PLR0913 - keyword-only options, each with a default
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
    budget: int = SUGGEST_BUDGET,
) -> SuggestionReport:
    """The smallest plans that lift each category (or only ``category``) to ``target``.

    ``target`` ``None`` gives one plan for every rating better than the category's own that
    the rule set can give. A plan reaches a rating *at least* as good as the target, or the
    target itself with ``exact=True`` (a category already better is not planned down: reason
    ``above``). Each search examines at most :data:`SEARCH_BUDGET` count vectors, all of them
    together at most ``budget`` (categories are searched in order, so a later one may find the
    total spent), and one a budget stops says so (reason ``budget``). ``order`` names the
    candidates (an :class:`CandidateOrder`, or a key function over :class:`Candidate` for the
    named ones); ``minimise="cost"`` minimises the items' total ``cost`` (``default_cost`` for
    an item without one, and for unnamed items) instead of their number. Where implementing
    cannot reach a target, ``beyond`` (default true) also computes what it would take
    (:class:`Beyond`). ``rules`` defaults to
    the evaluation's own ``rules`` id, else ``tajimi-r4``; the evaluation is read under that
    rule set (:func:`~tajimi_rules.documents.resolve`, as ``check`` reads it). Raises
    :class:`~tajimi_rules.errors.UnknownCategoryError` for an unknown ``category``, what
    :func:`~tajimi_rules.load_evaluation` and :func:`~tajimi_rules.load_rules` raise for the
    documents, :class:`ValueError` for a ``target``, ``order`` or ``minimise`` that names
    nothing (``order`` may be a :class:`CandidateOrder` value such as ``"cost"``) or a negative
    ``default_cost``, and :class:`TypeError` for an argument of the wrong type.
    """
    wanted, order = _options("suggest", target, category, order, minimise, default_cost)
    check_count(budget, function="suggest", parameter="budget", minimum=1)
    loaded, rule_set = resolve(evaluation, rules)
    check_rule_sets(rule_set)
    shared = Budget(budget)
    chosen = (_category_of(loaded, category),) if category is not None else loaded.categories
    check_suggest_items(sum(_size(item, rule_set) for item in chosen))
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
                shared=shared,
            )
            for item in chosen
        ),
    )


def improvement_plan(  # noqa: PLR0913 - keyword-only options, each with a default
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

    The evaluation and rule set are resolved as :func:`suggest` resolves them.

    Each entry's :attr:`~CategorySuggestions.risks` lists, per kind of slip (an item no longer
    done; an item becoming common nationally), the items whose slip lowers the rating.
    """
    report = suggest(evaluation, rules, category=category, beyond=False)
    return report.categories
