"""Improvement plans: the Tajimi example, exact minimality against brute force, costs, risks, CLI."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules import (
    Category,
    Counts,
    Evaluation,
    Item,
    Level,
    Rating,
    Rule,
    RuleSet,
    all_,
    load_evaluation,
    load_rules,
    share,
    suggest,
)
from tajimi_rules.model import IMPLEMENTING_MOVES, Municipality, Name, Survey
from tajimi_rules.rules import Predicate
from tajimi_rules.suggestions import (
    CATCH_UP_MOVES,
    LAPSE_MOVES,
    RARER_MOVES,
    BeyondKind,
    Candidate,
    CandidateOrder,
    Suggestion,
    SuggestionReason,
    _suggest,
    at_risk,
    improvement_plan,
    smallest_change,
)

from .conftest import EXAMPLE, run_cli
from .oracles import interpreted_rating
from .strategies import rule_sets

SHIPPED = ("tajimi-r4", "tajimi-r4-written")
MAX_N = 12
LEVEL_ORDER = list(Level)


def vectors(max_n: int = MAX_N) -> Iterator[Counts]:
    """Every count vector with 1 <= n <= max_n."""
    for a, s, r, b in itertools.product(range(max_n + 1), repeat=4):
        if 0 < a + s + r + b <= max_n:
            yield Counts(a, s, r, b)


ALL_VECTORS = tuple(vectors())


def meets(rating: Rating | None, target: Rating, exact: bool) -> bool:
    """Whether ``rating`` reaches ``target`` (at least it, or exactly it)."""
    if rating is None:
        return False
    return rating is target if exact else rating.rank >= target.rank


def brute_force_distances(
    rules: RuleSet, target: Rating, exact: bool, moves: tuple[tuple[Level, Level], ...] = IMPLEMENTING_MOVES
) -> Callable[[Counts], int | None]:
    """Fewest single-item moves from a vector to one that reaches ``target``, by recursion over one move at a time."""
    ratings: dict[Counts, Rating | None] = {}

    def rating(counts: Counts) -> Rating | None:
        if counts not in ratings:
            ratings[counts] = interpreted_rating(rules, counts)
        return ratings[counts]

    @cache
    def distance(counts: Counts) -> int | None:
        if meets(rating(counts), target, exact):
            return 0
        found = [distance(counts.moved(source, dest)) for source, dest in moves if counts[source] > 0]
        known = [d for d in found if d is not None]
        return 1 + min(known) if known else None

    return distance


def counts_only_evaluation(counts_list: list[Counts]) -> Evaluation:
    """An evaluation with one counts-only category per vector."""
    return Evaluation(
        municipality=Municipality(code="212041", name="多治見市", prefecture="岐阜県"),
        survey=Survey(title="test", fiscal_year=2022),
        categories=tuple(
            Category(id=f"c{i}", group=Name("g"), name=Name(f"c{i}"), counts=counts)
            for i, counts in enumerate(counts_list)
        ),
    )


def item_evaluation(items: list[Item]) -> Evaluation:
    """An evaluation with one category whose items are all named, levels stated."""
    levels = [item.level for item in items if item.level is not None]
    return Evaluation(
        municipality=Municipality(code="212041", name="多治見市", prefecture="岐阜県"),
        survey=Survey(title="test", fiscal_year=2022),
        categories=(
            Category(
                id="only",
                group=Name("g"),
                name=Name("only"),
                counts=Counts.from_levels(levels),
                items=tuple(items),
            ),
        ),
    )


def assert_plan_sound(suggestion: Suggestion, rules: RuleSet) -> None:
    """A plan's changes turn its counts into its counts after, raise levels only, and re-rate to the target."""
    after = suggestion.counts
    for change in suggestion.changes:
        assert (change.from_level, change.to_level) in IMPLEMENTING_MOVES
        assert LEVEL_ORDER.index(change.to_level) < LEVEL_ORDER.index(change.from_level)
        after = after.moved(change.from_level, change.to_level)
    for option in suggestion.beyond:
        if option.plan is not None:
            assert meets(rules.rate(option.plan.counts_after), suggestion.target, suggestion.exact)
            for move in option.plan.moves:
                assert move.from_level is None or LEVEL_ORDER.index(move.to_level) < LEVEL_ORDER.index(move.from_level)
    if suggestion.reachable:
        assert after == suggestion.counts_after
        assert rules.rate(after) is suggestion.rating_after
        assert meets(rules.rate(after), suggestion.target, suggestion.exact)


# --------------------------------------------------------------------------- the Tajimi example


def test_website_needs_one_item_and_names_the_candidate() -> None:
    """ホームページ等の状況 reaches 良好 with one change, implementing ホームページ上の意見・要望の受付."""
    report = suggest(EXAMPLE, target="good", category="website")
    (suggestion,) = report.suggestions
    assert suggestion.rating is Rating.PARTLY_DEFICIENT
    assert suggestion.reason is SuggestionReason.REACHED
    assert suggestion.size == 1
    (change,) = suggestion.changes
    assert (change.item, change.from_level, change.to_level) == ("website-opinions", Level.BEHIND, Level.STANDARD)
    assert suggestion.counts_after == Counts(2, 12, 6, 0)
    assert load_rules("tajimi-r4").rate(suggestion.counts_after) is Rating.GOOD


def test_gis_needs_three_unnamed_items() -> None:
    """GIS (1/8/5/4) reaches 良好 with three changes; the file names none of the candidates."""
    report = suggest(EXAMPLE, target="good", category="gis")
    (suggestion,) = report.suggestions
    assert suggestion.size == 3
    assert all(change.item is None for change in suggestion.changes)
    assert suggestion.counts_after is not None
    assert load_rules("tajimi-r4").rate(suggestion.counts_after) is Rating.GOOD
    assert_plan_sound(suggestion, load_rules("tajimi-r4"))


@pytest.mark.parametrize("rules_id", SHIPPED)
@pytest.mark.parametrize("exact", [False, True])
def test_every_example_plan_rerates_to_its_target(rules_id: str, exact: bool) -> None:
    """Every plan for every category and target of the example re-rates to its target under the engine."""
    rules = load_rules(rules_id)
    for target in Rating:
        report = suggest(EXAMPLE, rules_id, target=target, exact=exact)
        assert len(report.suggestions) == len(load_evaluation(EXAMPLE).categories)
        for suggestion in report.suggestions:
            assert_plan_sound(suggestion, rules)


def test_written_suggestion_follows_the_document_style() -> None:
    """The plan reads "1 item more at standard would make this good: e.g. ..." in English and Japanese."""
    (suggestion,) = suggest(EXAMPLE, target="good", category="website").suggestions
    assert suggestion.text("en") == (
        "1 item more at standard would make this good: e.g. Taking opinions and requests on the website"
    )
    assert suggestion.text("ja") == "あと普通1項目で良好になります: 例「ホームページ上の意見・要望の受付」"


def test_good_points_and_points_to_consider_come_from_item_levels() -> None:
    """良い点 lists advanced items with national rates; 検討点 lists items not implemented, common ones first."""
    (category,) = suggest(EXAMPLE, category="dx-staff-development").categories
    good = category.good_points("ja")
    assert good[0] == "「資格試験の受験等に対する助成制度」は先進的（全国実施率 9.2%）"
    (resident,) = suggest(EXAMPLE, category="resident-services").categories
    assert resident.points_to_consider("en") == [
        "Certificates issued at convenience stores: behind (national rate 79%)"
    ]


def test_unreachable_target_says_what_it_would_take() -> None:
    """When implementing cannot reach a target, the result gives the best rating and computed wider plans."""
    rules = load_rules("tajimi-r4")
    (suggestion,) = suggest(EXAMPLE, target="advanced", category="website").suggestions
    assert not suggestion.reachable
    assert suggestion.best_by_implementing is Rating.GOOD
    counts = suggestion.counts
    for k1, k2 in itertools.product(range(counts.needs_review + 1), range(counts.behind + 1)):
        moved = counts.moved(Level.NEEDS_REVIEW, Level.ADVANCED, k1).moved(Level.BEHIND, Level.STANDARD, k2)
        assert rules.rate(moved) is not Rating.ADVANCED
    assert suggestion.beyond
    for option in suggestion.beyond:
        assert option.plan is not None
        assert rules.rate(option.plan.counts_after) is Rating.ADVANCED
    assert "this body's own actions (implementing its items) cannot" in suggestion.text("en")
    # What lies outside the body's control is never mixed into the plan's text, but listed apart.
    assert "rare nationally" not in suggestion.text("en")
    assert "new item" not in suggestion.text("en")
    assert len(suggestion.outside("en")) == len(suggestion.beyond)
    assert all(line.startswith("only with changes outside this body's control") for line in suggestion.outside("en"))


def test_wider_plan_with_rarer_items_is_minimal() -> None:
    """The plan that also lets items become rare nationally is as small as a brute force over those moves."""
    rules = load_rules("tajimi-r4")
    moves = (*IMPLEMENTING_MOVES, *RARER_MOVES)
    distance = brute_force_distances(rules, Rating.ADVANCED, False, moves)
    for counts in (Counts(2, 11, 6, 1), Counts(1, 8, 5, 4), Counts(3, 3, 0, 1), Counts(0, 2, 1, 1)):
        plan = smallest_change(counts, rules, Rating.ADVANCED, moves=moves)
        expected = distance(counts)
        assert (plan.size if plan is not None else None) == expected


def plus_one(counts: Counts, level: Level) -> Counts:
    """``counts`` with one more item at ``level``."""
    return Counts.from_mapping({each: counts[each] + (each is level) for each in Level})


@pytest.mark.parametrize("category_id", ["website", "gis", "resident-services"])
def test_wider_plan_with_new_items_is_minimal(category_id: str) -> None:
    """The plan that also adds new implemented items is as small as a breadth-first search over those changes."""
    rules = load_rules("tajimi-r4")
    (suggestion,) = suggest(EXAMPLE, target="advanced", category=category_id).suggestions
    (option,) = [option for option in suggestion.beyond if option.kind is BeyondKind.NEW_ITEMS]
    assert option.plan is not None
    assert option.limit is not None
    frontier = {(suggestion.counts, (0, 0))}
    seen = set(frontier)
    distance = 0
    while not any(interpreted_rating(rules, counts) is Rating.ADVANCED for counts, _ in frontier):
        following = set()
        for counts, added in frontier:
            nexts = {(counts.moved(src, dst), added) for src, dst in IMPLEMENTING_MOVES if counts[src]}
            for kind, level in enumerate((Level.ADVANCED, Level.STANDARD)):
                if added[kind] < option.limit:
                    more = (added[0] + (kind == 0), added[1] + (kind == 1))
                    nexts.add((plus_one(counts, level), more))
            following |= nexts - seen
        seen |= following
        frontier = following
        distance += 1
        assert frontier
    assert option.plan.size == distance


def test_empty_plan_when_the_rating_already_reaches_the_target() -> None:
    """A category already at (or above) the target gets an empty plan, reason already."""
    (suggestion,) = suggest(EXAMPLE, target="good", category="electronic-approval").suggestions
    assert suggestion.reason is SuggestionReason.ALREADY
    assert suggestion.changes == ()


def test_default_targets_are_the_better_ratings() -> None:
    """Without a target, a category gets one plan per better rating its rule set gives, worst first."""
    (category,) = suggest(EXAMPLE, category="website").categories
    assert [s.target for s in category.suggestions] == [Rating.GOOD, Rating.ADVANCED]


def test_unknown_category_raises_key_error() -> None:
    """Asking for a category the evaluation does not have raises KeyError."""
    with pytest.raises(KeyError):
        suggest(EXAMPLE, category="no-such-category")


# --------------------------------------------------------------------------- exact minimality


def test_non_monotone_path_is_still_found() -> None:
    """0/0/1/1 reaches good in two changes although one of those changes alone lowers the rating."""
    rules = load_rules("tajimi-r4")
    counts = Counts(0, 0, 1, 1)
    assert rules.rate(counts.moved(Level.NEEDS_REVIEW, Level.ADVANCED)) is Rating.DEFICIENT
    plan = smallest_change(counts, rules, Rating.GOOD)
    assert plan is not None
    assert plan.size == 2
    assert plan.counts_after == Counts(1, 1, 0, 0)


@pytest.mark.slow
@pytest.mark.parametrize("rules_id", SHIPPED)
@pytest.mark.parametrize("exact", [False, True])
def test_suggest_is_minimal_on_every_vector(rules_id: str, exact: bool) -> None:
    """For every vector with n <= 12 and every target, the plan is as small as brute force finds and never lowers."""
    rules = load_rules(rules_id)
    evaluation = counts_only_evaluation(list(ALL_VECTORS))
    given = {interpreted_rating(rules, counts) for counts in ALL_VECTORS}
    for target in Rating:
        distance = brute_force_distances(rules, target, exact)
        report = suggest(evaluation, rules, target=target, exact=exact, beyond=False)
        never = not any(meets(rating, target, exact) for rating in given)
        for suggestion in report.suggestions:
            expected = distance(suggestion.counts)
            rank = suggestion.rating.rank if suggestion.rating is not None else -1
            if never:
                assert suggestion.reason is SuggestionReason.NEVER_GIVEN
            elif exact and rank > target.rank:
                assert suggestion.reason is SuggestionReason.ABOVE
                assert suggestion.changes == ()
            elif expected is None:
                assert suggestion.reason in (SuggestionReason.NOT_BY_IMPLEMENTING, SuggestionReason.NEVER_GIVEN)
            else:
                assert suggestion.reachable
                assert suggestion.size == expected
            if suggestion.reason is SuggestionReason.REACHED:
                assert suggestion.gain > 0
            assert_plan_sound(suggestion, rules)


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(rules=rule_sets(), target=st.sampled_from(list(Rating)), exact=st.booleans())
def test_smallest_change_is_minimal_for_random_rule_sets(rules: RuleSet, target: Rating, exact: bool) -> None:
    """For random rule sets and every vector with n <= 12, plans are minimal, reach the target, raise levels."""
    distance = brute_force_distances(rules, target, exact)
    for counts in ALL_VECTORS:
        plan = smallest_change(counts, rules, target, exact=exact)
        expected = distance(counts)
        if expected is None:
            assert plan is None
            continue
        assert plan is not None
        assert plan.size == expected
        assert meets(interpreted_rating(rules, plan.counts_after), target, exact)
        assert all((move.from_level, move.to_level) in IMPLEMENTING_MOVES for move in plan.moves)


@settings(max_examples=5, deadline=None)
@given(rules=rule_sets(), target=st.sampled_from(list(Rating)))
def test_suggest_matches_brute_force_for_random_rule_sets(rules: RuleSet, target: Rating) -> None:
    """Item-level plans from suggest, for random rule sets, are as small as brute force finds (n <= 12)."""
    distance = brute_force_distances(rules, target, False)
    evaluation = counts_only_evaluation(list(ALL_VECTORS))
    for suggestion in suggest(evaluation, rules, target=target, beyond=False).suggestions:
        expected = distance(suggestion.counts)
        assert (suggestion.size if suggestion.reachable else None) == expected
        assert_plan_sound(suggestion, rules)


# --------------------------------------------------------------------------- costs and order


def named(index: int, level: Level, *, cost: int | None = None, rate: str | None = None) -> Item:
    """A named item at ``level``."""
    return Item(
        id=f"i{index}",
        name=Name(f"項目{index}", f"item {index}"),
        level=level,
        cost=Fraction(cost) if cost is not None else None,
        national_rate=Fraction(rate) if rate is not None else None,
    )


@settings(max_examples=40, deadline=None)
@given(
    items=st.lists(st.tuples(st.sampled_from(LEVEL_ORDER), st.integers(0, 5)), min_size=1, max_size=8),
    target=st.sampled_from(list(Rating)),
)
def test_cost_plan_is_cheapest_over_all_item_subsets(items: list[tuple[Level, int]], target: Rating) -> None:
    """With minimise="cost", the plan costs the least of every subset of items whose implementing reaches the target."""
    rules = load_rules("tajimi-r4")
    evaluation = item_evaluation([named(i, level, cost=cost) for i, (level, cost) in enumerate(items)])
    (suggestion,) = suggest(evaluation, rules, target=target, minimise="cost", beyond=False).suggestions
    open_items = [(level, cost) for level, cost in items if not level.implemented]
    counts = Counts.from_levels(level for level, _ in items)
    best: Fraction | None = None
    for mask in range(1 << len(open_items)):
        chosen = [open_items[i] for i in range(len(open_items)) if mask >> i & 1]
        after = counts
        for level, _ in chosen:
            after = after.moved(level, level.when_implemented)
        if meets(rules.rate(after), target, False):
            cost = Fraction(sum(cost for _, cost in chosen))
            best = cost if best is None or cost < best else best
    if best is None:
        assert not suggestion.reachable
    else:
        assert suggestion.reachable
        assert suggestion.cost == best
        assert_plan_sound(suggestion, rules)


def test_cost_plan_can_differ_from_count_plan() -> None:
    """Minimising cost picks two cheap items over one dear one when both reach the target."""
    rules = load_rules("tajimi-r4")
    items = [
        named(0, Level.STANDARD),
        named(1, Level.STANDARD),
        named(2, Level.STANDARD),
        named(3, Level.BEHIND, cost=10),
        named(4, Level.BEHIND, cost=1),
        named(5, Level.BEHIND, cost=1),
    ]
    evaluation = item_evaluation(items)
    # 0/3/0/3: one behind item implemented gives 4/6 >= 2/3, good.
    (by_count,) = suggest(evaluation, rules, target="good").suggestions
    (by_cost,) = suggest(evaluation, rules, target="good", minimise="cost").suggestions
    assert by_count.size == 1
    assert by_cost.size == 1
    assert by_cost.cost == 1
    assert by_cost.changes[0].item in {"i4", "i5"}


def test_order_decides_which_items_are_named() -> None:
    """The default order names the item most common nationally; FILE and a custom key name others."""
    items = [
        named(0, Level.STANDARD),
        named(1, Level.STANDARD),
        named(2, Level.STANDARD),
        named(3, Level.BEHIND, rate="3/5"),
        named(4, Level.BEHIND, rate="9/10"),
        named(5, Level.BEHIND, rate="4/5"),
    ]
    evaluation = item_evaluation(items)

    def first(order: CandidateOrder | Callable[[Candidate], object] = CandidateOrder.COMMON_FIRST) -> str | None:
        (suggestion,) = suggest(evaluation, target="good", order=order).suggestions
        return suggestion.changes[0].item

    assert first() == "i4"
    assert first(CandidateOrder.FILE) == "i3"
    assert first(lambda candidate: candidate.item.id if candidate.item else "") == "i3"
    assert first(lambda candidate: -candidate.index) == "i5"


# --------------------------------------------------------------------------- at risk and whole plan


@pytest.mark.parametrize("rules_id", SHIPPED)
def test_risks_are_exactly_the_slips_that_lower_the_rating(rules_id: str) -> None:
    """A slip is listed as a risk exactly when moving one item that way lowers today's rating."""
    rules = load_rules(rules_id)
    for category in at_risk(EXAMPLE, rules_id):
        if category.rating is None or category.counts is None:
            assert category.risks == ()
            continue
        listed = {(risk.from_level, risk.to_level) for risk in category.risks}
        for source, dest in (*LAPSE_MOVES, *CATCH_UP_MOVES):
            if category.counts[source] == 0:
                continue
            after = rules.rate(category.counts.moved(source, dest))
            lowers = after is None or after.rank < category.rating.rank
            assert ((source, dest) in listed) == lowers
        for risk in category.risks:
            assert len(risk.items) + risk.unnamed == category.counts[risk.from_level]


def test_at_risk_names_the_items_holding_a_rating_up() -> None:
    """AI's one advanced item holds its 先進的 rating up: dropping it lowers the rating."""
    (category,) = at_risk(EXAMPLE, category="ai")
    lapse = [risk for risk in category.risks if risk.to_level is Level.NEEDS_REVIEW]
    assert [item.id for risk in lapse for item in risk.items] == ["ai-chatbot"]


def test_whole_plan_is_the_sum_of_minimal_plans_ordered_by_gain_per_item() -> None:
    """The whole-evaluation plan to 良好 adds up each category's minimal plan, best gain per item first."""
    plan = improvement_plan(EXAMPLE, target="good")
    rules = load_rules("tajimi-r4")
    expected = 0
    for category in load_evaluation(EXAMPLE).categories:
        assert category.counts is not None
        found = smallest_change(category.counts, rules, Rating.GOOD)
        assert found is not None
        expected += found.size
    assert plan.size == expected
    assert plan.complete
    gains = [step.gain_per_item for step in plan.steps]
    assert gains == sorted(gains, reverse=True)
    assert {step.category.id for step in plan.steps} >= {"website", "gis", "dx-staff-development"}
    for step in plan.steps:
        assert_plan_sound(step, rules)


# --------------------------------------------------------------------------- command line


def test_cli_json_lists_suggestions_with_changes_and_counts_after() -> None:
    """``suggest --format json`` holds per category and target: category, from, to, changes, counts_after."""
    status, out, _ = run_cli("suggest", str(EXAMPLE), "--category", "website", "--target", "good", "--format", "json")
    assert status == 0
    data = json.loads(out)
    (entry,) = data["suggestions"]
    assert (entry["category"], entry["from"], entry["to"]) == ("website", "partly_deficient", "good")
    assert [(c["item"], c["from"], c["to"]) for c in entry["changes"]] == [("website-opinions", "behind", "standard")]
    assert entry["counts_after"] == {"advanced": 2, "standard": 12, "needs_review": 6, "behind": 0}


def test_cli_text_in_both_languages_names_the_candidate() -> None:
    """The text output names the candidate item in English and Japanese."""
    status, out, _ = run_cli("suggest", str(EXAMPLE), "--category", "website")
    assert status == 0
    assert "e.g. Taking opinions and requests on the website" in out
    status, out, _ = run_cli("suggest", str(EXAMPLE), "--category", "website", "--lang", "ja")
    assert status == 0
    assert "例「ホームページ上の意見・要望の受付」" in out


def test_cli_with_target_prints_the_whole_plan() -> None:
    """``suggest --target good`` over every category ends with the whole-evaluation plan."""
    status, out, _ = run_cli("suggest", str(EXAMPLE), "--target", "good")
    assert status == 0
    assert "Plan to bring every category to at least good: 8 changes in all" in out


def test_cli_unknown_category_is_a_usage_error() -> None:
    """An unknown --category exits 2 with a message naming the known ids."""
    status, out, err = run_cli("suggest", str(EXAMPLE), "--category", "nope")
    assert status == 2
    assert out == ""
    assert "website" in err


def test_cli_bad_file_is_a_usage_error(tmp_path: Path) -> None:
    """An invalid evaluation file exits 2 with problems on stderr and nothing on stdout."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"categories": 3}', encoding="utf-8")
    status, out, err = run_cli("suggest", str(bad))
    assert status == 2
    assert out == ""
    assert "bad.json" in err


def test_cli_bad_target_is_a_usage_error() -> None:
    """A --target that is not a rating id exits 2."""
    status, _, _ = run_cli("suggest", str(EXAMPLE), "--target", "excellent")
    assert status == 2


# --------------------------------------------------------------------------- bounded searches and exact targets


def make_rules(*rules: tuple[str, Predicate]) -> RuleSet:
    """A small first_match rule set for a test, from (rating, predicate) pairs."""
    return RuleSet(
        id="test",
        title="test",
        description="a rule set made for a test",
        combine="first_match",
        rules=tuple(Rule(rating=rating, when=when) for rating, when in rules),
    )


IMPLEMENTED = [Level.ADVANCED, Level.STANDARD]


def test_large_category_is_answered_within_the_budget() -> None:
    """0/100/0/100 gets exact implementing plans, and a wider search the budget stops says so, claiming nothing."""
    rules = load_rules("tajimi-r4")
    evaluation = counts_only_evaluation([Counts(0, 100, 0, 100)])
    category = suggest(evaluation, rules).categories[0]
    good = next(s for s in category.suggestions if s.target is Rating.GOOD)
    assert good.size == 34
    assert rules.rate(Counts(0, 133, 0, 67)) is not Rating.GOOD
    advanced = next(s for s in category.suggestions if s.target is Rating.ADVANCED)
    assert advanced.reason is SuggestionReason.NOT_BY_IMPLEMENTING
    assert advanced.best_by_implementing is Rating.GOOD
    rarer, added = advanced.beyond
    assert rarer.kind is BeyondKind.RARER
    assert rarer.plan is None
    assert not rarer.complete
    assert "budget" in rarer.text() and "not even" not in rarer.text()
    assert "budget" in " ".join(advanced.outside())
    assert added.plan is not None and added.complete
    assert added.plan.size == 200
    assert rules.rate(added.plan.counts_after) is Rating.ADVANCED


def test_budget_stopped_search_is_not_called_impossible(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search the budget stops gives reason budget, never unreachable, and the whole plan is not complete."""
    monkeypatch.setattr(_suggest, "SEARCH_BUDGET", 2)
    report = suggest(EXAMPLE, target="good", category="gis")
    (suggestion,) = report.suggestions
    assert suggestion.reason is SuggestionReason.BUDGET
    assert not suggestion.reachable
    assert "not settled" in suggestion.text("en")
    assert "implementing items alone cannot" not in suggestion.text("en")
    plan = suggest(EXAMPLE, target="good").plan()
    assert not plan.complete
    assert plan.not_searched
    assert not plan.unreachable


def test_target_the_rule_set_never_gives_is_answered_at_once() -> None:
    """A target the rule set gives to no vector is unreachable at once, with that reason and no wider search."""
    written = load_rules("tajimi-r4-written")
    evaluation = counts_only_evaluation([Counts(0, 12, 12, 12)])
    (suggestion,) = suggest(evaluation, written, target="deficient", exact=True).suggestions
    assert suggestion.reason is SuggestionReason.NEVER_GIVEN
    assert suggestion.beyond == ()
    assert suggestion.text() == "unreachable: the rule set never gives deficient to any counts"
    capped = make_rules(
        ("good", share(IMPLEMENTED, at_least="1/2")),
        ("advanced", share(IMPLEMENTED, at_least="2/3")),
        ("deficient", all_()),
    )
    (at_least,) = suggest(counts_only_evaluation([Counts(0, 0, 0, 3)]), capped, target="advanced").suggestions
    assert at_least.reason is SuggestionReason.NEVER_GIVEN
    (category,) = suggest(counts_only_evaluation([Counts(0, 0, 0, 3)]), capped).categories
    assert [s.target for s in category.suggestions] == [Rating.GOOD]


def test_exact_plan_never_lowers_a_rating() -> None:
    """With exact, categories above the target are left out of the plan, which stays complete and says exact."""
    report = suggest(EXAMPLE, target="good", exact=True)
    plan = report.plan()
    above = {s.category.id for s in plan.above}
    assert above == {
        s.category.id for s in report.suggestions if s.rating is not None and s.rating.rank > Rating.GOOD.rank
    }
    assert above
    assert all(s.reason is SuggestionReason.ABOVE and s.changes == () for s in plan.above)
    assert plan.complete
    assert all(step.gain > 0 for step in plan.steps)
    assert plan.lines()[0].startswith("Plan to bring every category to exactly good:")
    assert plan.to_json()["exact"] is True
    assert plan.to_json()["above"] == sorted(above, key=[s.category.id for s in plan.above].index)
    assert suggest(EXAMPLE, target="good").plan().to_json()["exact"] is False


def test_new_items_are_limited_per_kind_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """The new-items limit is per kind (L at advanced and L at standard), and the text says exactly that."""
    monkeypatch.setattr(_suggest, "new_item_limit", lambda counts: 1)
    both = make_rules(
        ("advanced", all_(share([Level.ADVANCED], at_least="1/3"), share([Level.STANDARD], at_least="1/3"))),
        ("deficient", all_()),
    )
    (suggestion,) = suggest(counts_only_evaluation([Counts(0, 0, 0, 0)]), both, target="advanced").suggestions
    (added,) = [option for option in suggestion.beyond if option.kind is BeyondKind.NEW_ITEMS]
    assert added.plan is not None
    assert sorted((move.to_level.value, move.count) for move in added.plan.moves) == [("advanced", 1), ("standard", 1)]
    (website,) = suggest(EXAMPLE, target="advanced", category="website").suggestions
    (none,) = [option for option in website.beyond if option.kind is BeyondKind.NEW_ITEMS]
    assert none.plan is None and none.complete
    assert none.text() == "not even with up to 1 new item at advanced and up to 1 at standard"


def test_unreachable_text_says_every_search_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreachable target lists, apart from its plan, the wider plans found and the searches that found none."""
    monkeypatch.setattr(_suggest, "new_item_limit", lambda counts: 1)
    (suggestion,) = suggest(EXAMPLE, target="advanced", category="website").suggestions
    found, missing = suggestion.outside("en")
    assert found.startswith("only with changes outside this body's control: 8 changes")
    assert missing == "not even with up to 1 new item at advanced and up to 1 at standard"
    assert "「先進的」「普通」の項目をそれぞれ1件まで追加しても届きません" in suggestion.outside("ja")[1]
    assert "8 changes" not in suggestion.text("en")


def test_count_plan_takes_the_cheapest_items_of_a_level() -> None:
    """Minimising the number of items, a tie within one level goes to the cheaper item, not the first listed."""
    items = [
        named(0, Level.STANDARD),
        named(1, Level.STANDARD),
        named(2, Level.STANDARD),
        named(3, Level.BEHIND, cost=10),
        named(4, Level.BEHIND, cost=1),
        named(5, Level.BEHIND, cost=10),
    ]
    (suggestion,) = suggest(item_evaluation(items), target="good", order=CandidateOrder.FILE).suggestions
    assert [change.item for change in suggestion.changes] == ["i4"]
    assert suggestion.cost == 1


def strict_grading_case(tmp_path: Path) -> tuple[dict[str, object], Path]:
    """An evaluation whose item levels hold only when a rate is common from 19/20, and a rule set saying so."""
    document = json.loads(
        (Path(__file__).resolve().parent.parent / "src/tajimi_rules/rulesets/tajimi-r4.json").read_text()
    )
    document["id"] = "strict"
    document["item_grading"] = {"common": {"at_least": "19/20"}}
    rules_path = tmp_path / "strict.json"
    rules_path.write_text(json.dumps(document), encoding="utf-8")
    evaluation = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    evaluation["categories"] = [
        {
            "id": "only",
            "group": {"ja": "g"},
            "name": {"ja": "only"},
            "items": [
                {"id": "done", "name": {"ja": "実施"}, "implemented": True, "national_rate": 0.9, "level": "advanced"},
                {
                    "id": "open",
                    "name": {"ja": "未実施"},
                    "implemented": False,
                    "national_rate": 0.9,
                    "level": "needs_review",
                },
            ],
        }
    ]
    return evaluation, rules_path


def test_suggest_reads_the_evaluation_under_the_chosen_rule_set(tmp_path: Path) -> None:
    """suggest, at_risk and improvement_plan judge item levels by the given rule set's grading, as check does."""
    evaluation, rules_path = strict_grading_case(tmp_path)
    strict = load_rules(rules_path)
    (category,) = suggest(evaluation, rules=strict).categories
    assert category.counts == Counts(1, 0, 1, 0)
    assert category.rating is tr.check(evaluation, rules=strict).categories[0].rating
    (risky,) = at_risk(evaluation, rules_path)
    assert risky.rating is category.rating
    assert improvement_plan(evaluation, strict, target="advanced").target is Rating.ADVANCED
    with pytest.raises(tr.errors.InvalidDocumentError) as raised:
        suggest(evaluation)
    assert {problem.code for problem in raised.value.errors} == {"item.level_contradicts_grading"}


def test_unknown_category_raises_the_unknown_id_error() -> None:
    """suggest(category=...) with an id the evaluation lacks raises UnknownCategoryError, naming the known ids."""
    with pytest.raises(tr.errors.UnknownCategoryError, match="nope") as raised:
        suggest(EXAMPLE, category="nope")
    assert "website" in raised.value.known
    with pytest.raises(tr.errors.UnknownCategoryError):
        at_risk(EXAMPLE, category="nope")
