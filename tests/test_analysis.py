"""Soundness analysis: gaps, overlaps, monotonicity, dead rules, boundaries, coverage, and the CLI."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._cli._options import MAX_ITEMS, max_items
from tajimi_rules.analysis import _soundness
from tajimi_rules.analysis._arrangement import Arrangement, rule_shares, scan

from .conftest import run_cli as run
from .oracles import holding
from .oracles import interpreted_rating as oracle_rating
from .strategies import rule_sets

A, S, R, B = tr.Level.ADVANCED, tr.Level.STANDARD, tr.Level.NEEDS_REVIEW, tr.Level.BEHIND
IMPLEMENTED = [A, S]
NOT_IMPLEMENTED = [R, B]


# --- an oracle written from the definitions, over the rule set's JSON data ---------------------


def vectors(max_items: int) -> Iterator[tr.Counts]:
    """Every vector with 1 <= n <= max_items: least n first, then a, s, r ascending."""
    for n in range(1, max_items + 1):
        for a in range(n + 1):
            for s in range(n - a + 1):
                for r in range(n - a - s + 1):
                    yield tr.Counts(a, s, r, n - a - s - r)


def moved(counts: tr.Counts, move: tuple[tr.Level, tr.Level]) -> tr.Counts | None:
    """``counts`` with one item moved, or None when there is no item to move."""
    if counts[move[0]] == 0:
        return None
    return counts.moved(move[0], move[1])


class Oracle:
    """Brute-force facts about a rule set over every vector up to ``max_items``."""

    def __init__(self, rule_set: tr.RuleSet, max_items: int, moves: Sequence[tuple[tr.Level, tr.Level]]):
        self.regions: dict[tuple[int, ...], list[tr.Counts]] = {}
        self.ratings: dict[tr.Counts, tr.Rating | None] = {}
        for counts in vectors(max_items):
            self.regions.setdefault(holding(rule_set, counts), []).append(counts)
            self.ratings[counts] = oracle_rating(rule_set, counts)
        self.violations: dict[tuple[tuple[tr.Level, tr.Level], tr.Rating, tr.Rating], list[tr.Counts]] = {}
        for counts, before in self.ratings.items():
            for move in moves:
                other = moved(counts, move)
                if other is None or before is None:
                    continue
                after = self.ratings[other]
                if after is not None and after.rank < before.rank:
                    self.violations.setdefault((move, before, after), []).append(counts)
        self.deciding: set[int] = set()
        self.hold: set[int] = set()
        for rules, members in self.regions.items():
            self.hold.update(rules)
            rating = self.ratings[members[0]]
            if rating is None:
                continue
            if rule_set.combine is tr.rules.Combine.FIRST_MATCH:
                self.deciding.add(rules[0])
            else:
                self.deciding.update(rules)


def assert_agrees(analysis: tr.analysis.Analysis, oracle: Oracle) -> None:
    """Every region, violation and dead rule of ``analysis`` is exactly what the oracle finds."""
    found = {region.rules: region for region in analysis.regions}
    assert set(found) == set(oracle.regions)
    for rules, members in oracle.regions.items():
        region = found[rules]
        assert region.count == len(members)
        assert region.witness == members[0]
        assert region.rating == oracle.ratings[members[0]]
    assert analysis.vectors == len(oracle.ratings)
    within = {(v.move, v.before, v.after): v for v in analysis.violations if v.count}
    assert set(within) == set(oracle.violations)
    for key, sources in oracle.violations.items():
        assert within[key].count == len(sources)
        assert within[key].witness[0] == sources[0]
    dead = {d.index for d in analysis.dead_rules}
    assert dead == set(range(len(analysis.rule_set.rules))) - oracle.deciding
    never = {d.index for d in analysis.dead_rules if d.reason is tr.analysis.DeadReason.NEVER_HOLDS}
    assert never == set(range(len(analysis.rule_set.rules))) - oracle.hold


def make(combine: str, *rules: tuple[str, tr.rules.Predicate]) -> tr.RuleSet:
    """A small rule set for a test."""
    return tr.RuleSet(
        id="test",
        title="test",
        description="a rule set made for a test",
        combine=combine,
        rules=tuple(tr.Rule(rating=rating, when=when) for rating, when in rules),
    )


ALWAYS = tr.share(IMPLEMENTED + NOT_IMPLEMENTED, at_least="0")


# --- the shipped rule sets --------------------------------------------------------------------


@pytest.fixture(scope="module")
def written_analysis(written: tr.RuleSet) -> tr.analysis.Analysis:
    """The literal reading analysed at the default size."""
    return tr.analyze(written)


@pytest.fixture(scope="module")
def practised_analysis(practised: tr.RuleSet) -> tr.analysis.Analysis:
    """The practised reading analysed at the default size."""
    return tr.analyze(practised)


def test_written_gap_is_found_exactly(written_analysis: tr.analysis.Analysis):
    """The written rules' gap is the set 2/3 <= (a+s)/n, 1/3 <= a/(a+s) < 2/3, (r+b)/n < 1/3, smallest 1/1/0/0."""
    (gap,) = written_analysis.gaps
    expected = [
        c
        for c in vectors(60)
        if 3 * c.of(IMPLEMENTED) >= 2 * c.total
        and 3 * c.advanced < 2 * c.of(IMPLEMENTED)
        and 3 * c.advanced >= c.of(IMPLEMENTED)
        and 3 * c.of(NOT_IMPLEMENTED) < c.total
    ]
    assert gap.count == len(expected)
    assert gap.witness == expected[0] == tr.Counts(1, 1, 0, 0)
    assert gap.describe() == (
        "(advanced+standard)/all > 2/3 and advanced/(advanced+standard) < 2/3 and advanced/(advanced+standard) >= 1/3"
    )
    assert not written_analysis.total


def test_written_overlaps_are_found_exactly(written_analysis: tr.analysis.Analysis):
    """Both overlaps: good with partly_deficient at (a+s)/n = 2/3, and every deficient vector with partly_deficient."""
    good = tr.Rating.GOOD
    partly, deficient = tr.Rating.PARTLY_DEFICIENT, tr.Rating.DEFICIENT
    pairs = {(region.ratings, region.witness.short()) for region in written_analysis.overlaps}
    assert ((good, partly), "0/2/1/0") in pairs
    assert ((partly, deficient), "0/0/0/1") in pairs
    good_partly = sum(region.count for region in written_analysis.overlaps if {good, partly} <= set(region.ratings))
    assert good_partly == sum(
        1 for c in vectors(60) if 3 * c.of(IMPLEMENTED) == 2 * c.total and 3 * c.advanced < c.of(IMPLEMENTED)
    )
    deficient_partly = sum(
        region.count for region in written_analysis.overlaps if {partly, deficient} <= set(region.ratings)
    )
    assert deficient_partly == sum(
        1 for c in vectors(60) if 3 * c.of(NOT_IMPLEMENTED) >= c.total and 3 * c.behind >= 2 * c.of(NOT_IMPLEMENTED)
    )
    assert all(region.rating is None for region in written_analysis.overlaps)
    assert not written_analysis.exclusive


def test_written_deficient_rule_never_decides(written_analysis: tr.analysis.Analysis):
    """Under exclusive combination the written deficient rule always meets partly_deficient, so it is dead."""
    (dead,) = written_analysis.dead_rules
    assert (dead.index, dead.rating, dead.reason) == (3, tr.Rating.DEFICIENT, tr.analysis.DeadReason.AMBIGUOUS)
    assert dead.by == (2,)
    assert dead.everywhere


def test_practised_is_total_exclusive_and_has_no_dead_rule(practised_analysis: tr.analysis.Analysis):
    """The practised reading rates every vector, once, and every rule decides somewhere."""
    assert practised_analysis.total
    assert practised_analysis.exclusive
    assert not practised_analysis.dead_rules
    assert practised_analysis.coverage.complete


def test_practised_is_not_monotone_under_implementing_moves(practised_analysis: tr.analysis.Analysis):
    """Implementing can lower the practised rating: 0/0/1/1 -> 1/0/0/1 and 2/1/0/1 -> 2/2/0/0."""
    witnesses = {
        (v.move, v.before, v.after): (v.witness[0].short(), v.witness[1].short()) for v in practised_analysis.violations
    }
    assert witnesses == {
        ((R, A), tr.Rating.PARTLY_DEFICIENT, tr.Rating.DEFICIENT): ("0/0/1/1", "1/0/0/1"),
        ((B, S), tr.Rating.ADVANCED, tr.Rating.GOOD): ("2/1/0/1", "2/2/0/0"),
    }
    assert not practised_analysis.sound
    assert practised_analysis.coverage.monotone_for_all_n is False


def test_practised_is_monotone_under_rarity_moves(practised: tr.RuleSet):
    """Standard -> advanced and behind -> needs_review never lower the practised rating, for every n."""
    analysis = tr.analyze(
        practised, max_items=40, moves=tr.analysis.parse_moves("standard:advanced,behind:needs_review")
    )
    assert analysis.monotone
    assert analysis.coverage.monotone_for_all_n is True
    assert analysis.sound


def test_shipped_rule_sets_agree_with_the_oracle(practised: tr.RuleSet, written: tr.RuleSet):
    """The analysis and a brute-force oracle over .holds agree on both shipped rule sets, for every move."""
    for rule_set in (practised, written):
        moves = tr.analysis.MOVE_SETS["upward"]
        assert_agrees(tr.analyze(rule_set, max_items=18, moves=moves), Oracle(rule_set, 18, moves))


def test_findings_do_not_change_beyond_the_cell_bound(practised: tr.RuleSet, written: tr.RuleSet):
    """Past the cell bound no new region appears and every smallest witness stays the same."""
    for rule_set in (practised, written):
        at_bound = tr.analyze(rule_set, max_items=36)
        assert at_bound.coverage.cell_bound == 36
        larger = tr.analyze(rule_set, max_items=60)
        assert [(r.rules, r.witness) for r in at_bound.regions] == [(r.rules, r.witness) for r in larger.regions]
        assert at_bound.coverage.cells == larger.coverage.cells


def test_boundary_table_of_the_practised_rules(practised_analysis: tr.analysis.Analysis):
    """Per n, advanced and good start at the least a+s with 3(a+s) >= 2n; the others end just below."""
    for n in range(1, 61):
        rows = {b.rating: b for b in practised_analysis.boundaries if b.n == n}
        least = -(-2 * n // 3)
        assert rows[tr.Rating.GOOD].implemented == (least, n)
        assert rows[tr.Rating.ADVANCED].implemented == (least, n)
        assert rows[tr.Rating.PARTLY_DEFICIENT].implemented[1] == least - 1
        assert sum(b.count for b in rows.values()) == (n + 1) * (n + 2) * (n + 3) // 6


# --- hand-made broken rule sets -----------------------------------------------------------------


def test_shadowed_rule_is_dead():
    """A rule whose every vector an earlier rule already takes is reported shadowed by that rule."""
    rules = make(
        "first_match",
        ("good", tr.share(IMPLEMENTED, at_least="1/2")),
        ("advanced", tr.share(IMPLEMENTED, at_least="2/3")),
        ("deficient", ALWAYS),
    )
    analysis = tr.analyze(rules, max_items=20)
    assert analysis.dead_rules == (tr.analysis.DeadRule(1, tr.Rating.ADVANCED, tr.analysis.DeadReason.SHADOWED, (0,)),)
    assert analysis.total
    assert not analysis.sound


def test_rule_that_never_holds_is_dead():
    """A condition no vector meets is reported as never holding."""
    rules = make(
        "first_match",
        ("advanced", tr.share([A], in_=IMPLEMENTED, more_than="1")),
        ("good", ALWAYS),
    )
    analysis = tr.analyze(rules, max_items=10)
    assert analysis.dead_rules == (tr.analysis.DeadRule(0, tr.Rating.ADVANCED, tr.analysis.DeadReason.NEVER_HOLDS),)


def test_non_monotone_threshold_is_caught_with_its_witness():
    """Rating good on a high share of unimplemented items is caught by the smallest implementing pair."""
    rules = make(
        "first_match",
        ("good", tr.share(NOT_IMPLEMENTED, at_least="1/2")),
        ("deficient", ALWAYS),
    )
    analysis = tr.analyze(rules, max_items=12)
    witnesses = {v.move: (v.witness[0].short(), v.witness[1].short()) for v in analysis.violations}
    assert witnesses == {(R, A): ("0/0/1/0", "1/0/0/0"), (B, S): ("0/0/0/1", "0/1/0/0")}
    assert analysis.total and analysis.exclusive and not analysis.dead_rules
    assert not analysis.monotone
    assert_agrees(analysis, Oracle(rules, 12, tr.model.IMPLEMENTING_MOVES))


def test_gap_at_one_boundary_is_caught():
    """Rules that miss (a+s)/n = 1/2 exactly leave a gap there, smallest 0/1/0/1."""
    rules = make(
        "exclusive",
        ("advanced", tr.share(IMPLEMENTED, more_than="1/2")),
        ("deficient", tr.share(IMPLEMENTED, less_than="1/2")),
    )
    analysis = tr.analyze(rules, max_items=30)
    (gap,) = analysis.gaps
    assert gap.witness == tr.Counts(0, 1, 0, 1)
    assert gap.describe() == "(advanced+standard)/all = 1/2"
    assert gap.count == sum(1 for c in vectors(30) if 2 * c.of(IMPLEMENTED) == c.total)
    assert analysis.exclusive and not analysis.overlaps
    assert analysis.coverage.monotone_for_all_n is None


def test_no_claim_beyond_max_items_below_the_cell_bound(practised: tr.RuleSet):
    """Below the cell bound nothing is claimed for every n: no "sound" verdict, and lint-rules exits 1."""
    analysis = tr.analyze(practised, max_items=10, moves=tr.analysis.parse_moves("standard:advanced"))
    assert analysis.coverage.cell_bound == 36
    assert not analysis.coverage.complete
    assert analysis.monotone
    assert analysis.sound
    assert not analysis.sound_for_all_n
    assert analysis.to_json()["sound_for_all_n"] is False
    assert analysis.coverage.monotone_for_all_n is None
    status, out, _ = run("lint-rules", "tajimi-r4", "--max-items", "10", "--moves", "standard:advanced")
    assert status == 1
    assert "not established" in out
    assert "result: no defect found for n <= 10; not proved beyond (not shown sound)" in out
    assert "result: sound" not in out


def test_lint_below_the_cell_bound_gives_the_real_reason():
    """lint-rules tajimi-r4 --max-items 1 exits 1, blames the incomplete coverage, not unrated cells."""
    status, out, _ = run("lint-rules", "tajimi-r4", "--max-items", "1")
    assert status == 1
    assert "monotonicity established for n <= 1 only (the check stops below the cell bound)." in out
    assert "some cells are unrated" not in out
    assert "result: sound" not in out
    assert "rerun with --max-items 36" in out


def test_max_items_has_an_upper_bound_on_the_command_line():
    """--max-items above MAX_ITEMS (180) is a usage error (exit 2) for lint-rules and diff-rules, 180 is accepted."""
    assert MAX_ITEMS == 180
    assert max_items("180") == 180
    for argv in (
        ("lint-rules", "tajimi-r4", "--max-items", "241"),
        ("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", "100000"),
    ):
        status, out, err = run(*argv)
        assert status == 2, argv
        assert out == ""
        assert "must be from 1 to 180" in err


def test_unreachable_cell_bound_is_said_plainly(tmp_path: Path):
    """A cell bound beyond --max-items' limit gives no impossible rerun hint, and says the claim covers n <= N only."""
    path = tmp_path / "fine.json"
    path.write_text(
        json.dumps(
            {
                "id": "fine",
                "title": "fine",
                "description": "a threshold with a huge denominator",
                "combine": "first_match",
                "rules": [
                    {
                        "rating": "advanced",
                        "when": {"share": {"of": ["advanced", "standard"], "at_least": "99999999/100000000"}},
                    },
                    {"rating": "deficient", "when": {"share": {"of": ["advanced", "standard"], "at_least": "0"}}},
                ],
            }
        ),
        encoding="utf-8",
    )
    for argv in (("lint-rules", str(path)), ("diff-rules", str(path), "tajimi-r4")):
        status, out, _ = run(*argv, "--max-items", "5")
        assert status == 1, argv
        assert "--max-items 400000000" not in out and "--max-items 1200000000" not in out
        assert "beyond what the exhaustive check can reach (--max-items at most 180)" in out
        assert "the findings cover n <= 5 only" in out


def test_describe_falls_back_to_any_for_regions_and_disagreements():
    """A region or disagreement with no common condition is described as (any), never as an empty string."""
    always_good = make("first_match", ("good", tr.all_()))
    always_deficient = make("first_match", ("deficient", tr.all_()))
    (disagreement,) = tr.analysis.compare(always_good, always_deficient, max_items=4).disagreements
    assert disagreement.describe() == "(any)"
    assert disagreement.describe("ja") == "（全体）"
    (region,) = tr.analyze(always_good, max_items=4).regions
    assert region.describe() == "(any)"
    status, out, _ = run("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", "8")
    assert status == 1
    assert "where \n" not in out and not out.rstrip().endswith("where")


def test_cell_bound_is_one_value_everywhere(practised: tr.RuleSet, written: tr.RuleSet):
    """The cell bound of analyze, compare and the arrangement is one value, four times the ray bound."""
    arrangement = Arrangement.of(rule_shares(practised))
    assert arrangement.cell_bound() == 4 * arrangement.ray_bound() == 36
    assert tr.analyze(practised, max_items=5).coverage.cell_bound == arrangement.cell_bound()
    both = Arrangement.of(rule_shares(practised) + rule_shares(written))
    assert tr.analysis.compare(practised, written, max_items=5).coverage.cell_bound == both.cell_bound()


def test_ratings_given_are_those_of_some_vector(practised: tr.RuleSet, written: tr.RuleSet):
    """ratings_given lists exactly the ratings some vector gets; the written deficient rule never decides."""
    for rule_set in (practised, written):
        seen = {rating for counts in vectors(36) if (rating := oracle_rating(rule_set, counts)) is not None}
        assert tr.analysis.ratings_given(rule_set) == frozenset(seen)
    assert tr.Rating.DEFICIENT not in (tr.analysis.ratings_given(written) or set())


def beyond_kinds(rule_set: tr.RuleSet, moves: Sequence[tuple[tr.Level, tr.Level]]) -> set[object]:
    """The kinds of violation the check beyond max_items finds on its own, from one vector per cell."""
    arrangement = Arrangement.of(rule_shares(rule_set))
    cells, _, _ = scan(arrangement, arrangement.cell_bound())
    found = _soundness._Monotonicity(moves)
    _soundness._monotone_beyond(
        rule_set,
        cells=cells,
        moves=moves,
        step=arrangement.step(moves),
        max_items=0,
        monotonicity=found,
    )
    return set(found.found)


def drops_along(rule_set: tr.RuleSet, move: tuple[tr.Level, tr.Level], low: tr.Counts, high: tr.Counts) -> set[object]:
    """The kinds of the rating drops between neighbouring rated cells on the segment from ``low`` to ``high``.

    A share's form L changes sign on the segment only at t = -L(low)/(L(high) - L(low)), so with
    ``m`` twice the lcm of those denominators the points (m - j)*low + j*high, j = 0..m, meet every
    crossing and a point between each two: every cell on the segment, in order.
    """

    def form(share: tr.rules.Share, counts: tr.Counts) -> int:
        return share.threshold.denominator * counts.of(share.of) - share.threshold.numerator * counts.of(share.in_)

    changes = {abs(form(share, high) - form(share, low)) for share in rule_shares(rule_set)} - {0}
    m = 2 * math.lcm(1, *changes)
    ratings = [
        rule_set.rate(tr.Counts(*((m - j) * x + j * y for x, y in zip(low, high, strict=True)))) for j in range(m + 1)
    ]
    return {
        (move, before, after)
        for before, after in itertools.pairwise(ratings)
        if before is not None and after is not None and after.rank < before.rank
    }


# needs_review -> advanced at 0/0/1/0 lowers advanced to good, across the partly_deficient cell
# a > 0, r > 0; once through shares with empty denominators, once through shares of all items.
ACROSS_UNDEFINED = make(
    "first_match",
    ("good", tr.not_(tr.share([R], in_=[R], at_least="0"))),
    ("partly_deficient", tr.share([A], in_=[A], at_least="0")),
    ("advanced", tr.all_()),
)
ACROSS_DEFINED = make(
    "first_match",
    ("good", tr.share([R], at_most="0")),
    ("partly_deficient", tr.share([A], more_than="0")),
    ("advanced", tr.all_()),
)


@pytest.mark.parametrize("rule_set", [ACROSS_UNDEFINED, ACROSS_DEFINED], ids=["empty-denominators", "all-items"])
def test_check_beyond_finds_the_drop_between_neighbouring_cells(rule_set: tr.RuleSet):
    """A move lowering a rating across a third cell is caught beyond the bound by its drop into that cell."""
    moves = tr.model.IMPLEMENTING_MOVES
    advanced, good, partly = tr.Rating.ADVANCED, tr.Rating.GOOD, tr.Rating.PARTLY_DEFICIENT
    analysis = tr.analyze(rule_set, max_items=4, moves=moves)
    assert analysis.coverage.cell_bound == 4
    assert analysis.coverage.monotone_for_all_n is False
    witnesses = {(v.move, v.before, v.after): (v.witness[0].short(), v.witness[1].short()) for v in analysis.violations}
    assert witnesses == {
        ((R, A), advanced, good): ("0/0/1/0", "1/0/0/0"),
        ((R, A), advanced, partly): ("0/0/2/0", "1/0/1/0"),
    }
    assert drops_along(rule_set, (R, A), tr.Counts(0, 0, 1, 0), tr.Counts(1, 0, 0, 0)) == {((R, A), advanced, partly)}
    assert beyond_kinds(rule_set, moves) == {((R, A), advanced, partly)}


def test_check_beyond_finds_every_kind_of_violation_of_the_practised_rules(practised: tr.RuleSet):
    """One vector per cell, scaled, shows every kind of violation the full scan finds."""
    moves = tr.analysis.MOVE_SETS["upward"]
    scanned = {(v.move, v.before, v.after) for v in tr.analyze(practised, max_items=40, moves=moves).violations}
    assert scanned
    assert beyond_kinds(practised, moves) == scanned


def test_max_items_must_be_positive(practised: tr.RuleSet):
    """max_items below 1 is refused."""
    with pytest.raises(ValueError, match="max_items"):
        tr.analyze(practised, max_items=0)


def test_parse_moves_names_and_lists():
    """Move sets are read by name or as SOURCE:TARGET lists; nonsense is refused."""
    assert tr.analysis.parse_moves("implementing") == tr.model.IMPLEMENTING_MOVES
    assert tr.analysis.parse_moves("levels") == ((B, R), (R, S), (S, A))
    assert tr.analysis.parse_moves("behind:standard, behind:standard") == ((B, S),)
    for bad, message in (("sideways", "SOURCE:TARGET"), ("behind:behind", "two different"), ("behind:best", "best")):
        with pytest.raises(ValueError, match=message):
            tr.analysis.parse_moves(bad)


# --- generated rule sets ------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_set=rule_sets(), moves=st.sampled_from(sorted(tr.analysis.MOVE_SETS)))
def test_generated_rule_sets_agree_with_the_oracle(rule_set: tr.RuleSet, moves: str):
    """On generated rule sets, analyze finds exactly the oracle's regions, violations and dead rules."""
    chosen = tr.analysis.MOVE_SETS[moves]
    assert_agrees(tr.analyze(rule_set, max_items=7, moves=chosen), Oracle(rule_set, 7, chosen))


@st.composite
def threshold_rule_sets(draw: st.DrawFn) -> tr.RuleSet:
    """Rule sets of two to four rules, each one or two shares with thresholds of small denominator."""
    levels = st.sampled_from(list(tr.Level))

    def one_share() -> tr.rules.Share:
        denominator = draw(st.sets(levels, min_size=2))
        numerator = draw(st.sets(st.sampled_from(sorted(denominator, key=list(tr.Level).index)), min_size=1))
        return tr.rules.Share(
            of=tuple(numerator),
            in_=tuple(denominator),
            comparison=draw(st.sampled_from(list(tr.rules.Comparison))),
            threshold=draw(st.sampled_from(["1/4", "1/3", "1/2", "2/3", "3/4"])),
        )

    rules = []
    for _ in range(draw(st.integers(2, 4))):
        parts = [one_share() for _ in range(draw(st.integers(1, 2)))]
        rules.append(tr.Rule(rating=draw(st.sampled_from(list(tr.Rating))), when=tr.all_(*parts)))
    if draw(st.booleans()):
        rules.append(tr.Rule(rating=draw(st.sampled_from(list(tr.Rating))), when=ALWAYS))
    return tr.RuleSet(
        id="generated",
        title="generated",
        description="a generated rule set",
        combine=draw(st.sampled_from(list(tr.rules.Combine))),
        rules=tuple(rules),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_set=st.one_of(rule_sets(), threshold_rule_sets()))
@example(rule_set=ACROSS_UNDEFINED)
def test_generated_rule_sets_keep_their_regions_past_the_cell_bound(rule_set: tr.RuleSet):
    """When the cell bound is reached, a larger scan finds no new region and no new kind of violation."""
    arrangement = Arrangement.of(rule_shares(rule_set))
    bound = arrangement.cell_bound()
    if bound > 40:
        return
    first = tr.analyze(rule_set, max_items=bound)
    assert first.coverage.complete
    larger = tr.analyze(rule_set, max_items=bound + 8)
    assert {r.rules for r in first.regions} == {r.rules for r in larger.regions}
    kinds = {(v.move, v.before, v.after) for v in first.violations}
    assert {(v.move, v.before, v.after) for v in larger.violations} <= kinds
    if first.coverage.monotone_for_all_n is True:
        assert larger.monotone
    if all(region.rating is not None for region in first.regions):
        # The check beyond the bound finds every drop between neighbouring cells, so one on the
        # segment of each violation; a move across a third cell may drop by another kind overall.
        beyond = beyond_kinds(rule_set, first.moves)
        for violation in larger.violations:
            drops = drops_along(rule_set, violation.move, *violation.witness)
            assert drops
            assert drops <= beyond


# --- comparing rule sets ------------------------------------------------------------------------


def test_compare_shipped_readings_agrees_with_the_oracle(practised: tr.RuleSet, written: tr.RuleSet):
    """The practised and written readings disagree exactly where the oracle's ratings differ."""
    diff = tr.analysis.compare(practised, written, max_items=20)
    expected: dict[tuple[tr.Rating | None, tr.Rating | None], list[tr.Counts]] = {}
    for counts in vectors(20):
        pair = (oracle_rating(practised, counts), oracle_rating(written, counts))
        if pair[0] is not pair[1]:
            expected.setdefault(pair, []).append(counts)
    found = {(d.first, d.second): d for d in diff.disagreements}
    assert set(found) == set(expected)
    for pair, members in expected.items():
        assert found[pair].count == len(members)
        assert found[pair].witness == members[0]
    assert found[(tr.Rating.GOOD, None)].witness == tr.Counts(1, 1, 0, 0)
    assert not diff.same


def test_compare_a_rule_set_with_itself(practised: tr.RuleSet):
    """A rule set never disagrees with itself."""
    assert tr.analysis.compare(practised, practised, max_items=10).same


# --- the command line ---------------------------------------------------------------------------


def test_cli_lint_practised_reports_the_violations():
    """lint-rules tajimi-r4 exits 1 and names both implementing moves that lower a rating."""
    status, out, _ = run("lint-rules", "tajimi-r4")
    assert status == 1
    assert "needs_review->advanced: partly_deficient -> deficient" in out
    assert "0/0/1/1 -> 1/0/0/1" in out
    assert "2/1/0/1 -> 2/2/0/0" in out
    assert "result: not sound" in out


def test_cli_lint_practised_with_rarity_moves_passes():
    """lint-rules exits 0 for the practised reading when the moves are standard->advanced and behind->needs_review."""
    status, out, _ = run("lint-rules", "tajimi-r4", "--moves", "standard:advanced,behind:needs_review")
    assert status == 0
    assert "result: sound" in out


def test_cli_lint_written_names_the_gap_and_the_overlaps():
    """lint-rules tajimi-r4-written exits 1 naming the gap region and both overlaps."""
    status, out, _ = run("lint-rules", "tajimi-r4-written")
    assert status == 1
    assert "smallest 1/1/0/0" in out
    assert "rules 2,3 (good, partly_deficient): 1,379 vectors, smallest 0/2/1/0" in out
    assert "rules 3,4 (partly_deficient, deficient)" in out


def test_cli_lint_json_has_the_required_keys():
    """lint-rules --format json gives total, exclusive, monotone, gaps, overlaps, dead_rules, max_items."""
    status, out, _ = run("lint-rules", "tajimi-r4-written", "--format", "json", "--max-items", "12")
    document = json.loads(out)
    assert status == 1
    assert {"total", "exclusive", "monotone", "gaps", "overlaps", "dead_rules", "max_items"} <= set(document)
    assert document["max_items"] == 12
    assert document["gaps"][0]["witness"] == {"advanced": 1, "standard": 1, "needs_review": 0, "behind": 0}
    assert all(overlap["defect"] for overlap in document["overlaps"])


def test_cli_lint_reads_a_rule_set_file(tmp_path: Path):
    """lint-rules accepts a rule set file, and a sound one exits 0."""
    path = tmp_path / "split.json"
    path.write_text(
        json.dumps(
            {
                "id": "split",
                "title": "split",
                "description": "advanced when most items are implemented, deficient otherwise",
                "combine": "exclusive",
                "rules": [
                    {"rating": "advanced", "when": {"share": {"of": ["advanced", "standard"], "more_than": "1/2"}}},
                    {"rating": "deficient", "when": {"share": {"of": ["advanced", "standard"], "at_most": "1/2"}}},
                ],
            }
        ),
        encoding="utf-8",
    )
    status, out, _ = run("lint-rules", str(path), "--moves", "upward")
    assert status == 0, out
    assert "monotone for every n" in out


def test_cli_lint_bad_input_exits_2(tmp_path: Path):
    """An unknown rule set, a bad file, a bad --moves or --max-items exits 2 with a message saying what is wrong."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    for argv, message in (
        (("lint-rules", "no-such-rules"), "unknown rule set 'no-such-rules'"),
        (("lint-rules", str(bad)), "bad.json#: missing required key 'combine'"),
        (("lint-rules", "tajimi-r4", "--moves", "sideways"), "not a move set name or SOURCE:TARGET: 'sideways'"),
        (("lint-rules", "tajimi-r4", "--max-items", "0"), "must be from 1 to 180, got 0"),
    ):
        status, out, err = run(*argv)
        assert status == 2, argv
        assert out == ""
        assert message in err, argv


def test_cli_diff_rules():
    """diff-rules exits 1 for the two readings with the gap among the disagreements, 0 for one set with itself."""
    status, out, _ = run("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", "20")
    assert status == 1
    assert "tajimi-r4 good, tajimi-r4-written none" in out
    status, out, _ = run("diff-rules", "tajimi-r4", "tajimi-r4", "--max-items", "10", "--format", "json")
    assert status == 0
    assert json.loads(out)["same"] is True
