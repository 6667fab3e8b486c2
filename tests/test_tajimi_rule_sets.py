"""The two shipped readings of the Tajimi R4 rule, as the domain brief specifies them.

a = advanced (先進的), s = standard (普通), r = needs_review (検討が必要), b = behind (遅れている), n = a+s+r+b.
The oracles below are written directly in integers, independently of the rule files.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given

from tajimi_rules import Counts, Level, Rating, load_rules

from .oracles import practised_rating
from .strategies import counts

G, A, P, D = Rating.GOOD, Rating.ADVANCED, Rating.PARTLY_DEFICIENT, Rating.DEFICIENT


def vectors(max_items: int) -> Iterator[Counts]:
    """Every count vector with 1 <= n <= max_items."""
    for n in range(1, max_items + 1):
        for a in range(n + 1):
            for s in range(n + 1 - a):
                for r in range(n + 1 - a - s):
                    yield Counts(a, s, r, n - a - s - r)


def written_conditions(c: Counts) -> set[Rating]:
    """The four written conditions, literally (an undefined share satisfies nothing)."""
    a, s, r, b = c
    n, done, undone = c.total, a + s, r + b
    holding = set()
    if 3 * done >= 2 * n and done and 3 * a >= 2 * done:
        holding.add(A)
    if 3 * done >= 2 * n and done and 3 * a < done:
        holding.add(G)
    if 3 * undone >= n:
        holding.add(P)
    if 3 * undone >= n and undone and 3 * b >= 2 * undone:
        holding.add(D)
    return holding


BRIEF = [
    # (category, counts a/s/r/b, stated rating, practised, written)
    ("組織体制", (2, 2, 2, 0), G, G, P),
    ("DX・情報化についての職員育成", (6, 7, 8, 0), G, P, P),
    ("行政手続のオンライン化の推進状況", (5, 4, 4, 0), G, G, None),
    ("住民サービス向上への取組状況", (3, 3, 0, 1), G, G, None),
    ("ホームページ等の状況", (2, 11, 6, 1), P, P, P),
    ("電子決裁の状況", (3, 0, 0, 0), A, A, A),
    ("災害時の被災者情報管理業務システムの整備状況", (0, 1, 0, 0), G, G, G),
    ("統合型地理情報システム(GIS)の整備状況", (1, 8, 5, 4), G, P, P),
    ("組織体制・規程類の整備", (0, 2, 1, 1), P, P, P),
    ("人的及び調達時・運用時の情報セキュリティ対策", (1, 4, 0, 1), G, G, G),
    ("情報セキュリティ対策の監査・点検", (1, 1, 0, 0), G, G, None),
    ("情報システムに関する業務継続計画(ICT-BCP)の策定状況", (2, 1, 1, 0), A, A, A),
    ("地方公共団体独自のデジタルデバイド対策の実施", (1, 2, 3, 0), G, P, P),
    ("テレワークの導入状況", (0, 0, 0, 1), D, D, None),
    ("AIの導入状況", (1, 0, 0, 0), A, A, A),
    ("RPAの導入状況", (1, 0, 0, 0), A, A, A),
]


@pytest.mark.parametrize(("name", "vector", "stated", "expected", "_written"), BRIEF)
def test_practised_reading_of_the_sixteen_categories(practised, name, vector, stated, expected, _written):
    """tajimi-r4 reproduces every stated rating except the three the brief says contradict the rules."""
    rating = practised.rate(Counts(*vector))
    assert rating is expected
    contradicts = name in {
        "DX・情報化についての職員育成",
        "統合型地理情報システム(GIS)の整備状況",
        "地方公共団体独自のデジタルデバイド対策の実施",
    }
    assert (rating is not stated) is contradicts


@pytest.mark.parametrize(("name", "vector", "_stated", "_practised", "expected"), BRIEF)
def test_written_reading_of_the_sixteen_categories(written, name, vector, _stated, _practised, expected):
    """tajimi-r4-written leaves the gap categories and テレワーク (an overlap) unrated."""
    assert written.rate(Counts(*vector)) is expected


@pytest.mark.parametrize(
    ("vector", "expected"),
    [
        ((2, 0, 1, 0), A),  # (a+s)/n = 2/3 exactly, a/(a+s) = 1
        ((2, 1, 0, 0), A),  # a/(a+s) = 2/3 exactly
        ((1, 1, 0, 0), G),  # a/(a+s) = 1/2: one below 2/3, practised good
        ((1, 1, 1, 0), G),  # (a+s)/n = 2/3 exactly, a/(a+s) = 1/2
        ((2, 0, 2, 0), P),  # (a+s)/n = 1/2: one item below 2/3
        ((0, 0, 1, 2), D),  # b/(r+b) = 2/3 exactly
        ((0, 0, 2, 2), P),  # b/(r+b) = 1/2
        ((0, 2, 1, 0), G),  # (r+b)/n = 1/3 exactly and (a+s)/n = 2/3: good wins by order
        ((0, 1, 1, 0), P),  # (r+b)/n = 1/2
        ((0, 5, 1, 2), D),  # (a+s)/n = 5/8 < 2/3 and b/(r+b) = 2/3 exactly
        ((0, 5, 2, 2), P),  # (a+s)/n = 5/9 < 2/3 and b/(r+b) = 1/2
    ],
)
def test_practised_boundaries(practised, vector, expected):
    """The practised reading at and next to each threshold."""
    c = Counts(*vector)
    assert practised.rate(c) is expected
    assert practised_rating(c) is expected


@pytest.mark.parametrize(
    ("vector", "holding"),
    [
        ((2, 0, 1, 0), {A, P}),  # (a+s)/n = 2/3 exactly: advanced and partly deficient overlap
        ((0, 2, 1, 0), {G, P}),  # good and partly deficient overlap at 2/3 exactly
        ((0, 3, 1, 0), {G}),  # (r+b)/n = 1/4 < 1/3
        ((1, 1, 0, 0), set()),  # a/(a+s) = 1/2: the gap
        ((1, 2, 0, 0), set()),  # a/(a+s) = 1/3 exactly: still the gap (good needs < 1/3)
        ((1, 3, 0, 0), {G}),  # a/(a+s) = 1/4 < 1/3
        ((0, 0, 1, 2), {P, D}),  # every deficient vector is also partly deficient
    ],
)
def test_written_boundaries(written, vector, holding):
    """The literal reading at each boundary: which conditions hold."""
    c = Counts(*vector)
    assert set(written.matching_ratings(c)) == holding == written_conditions(c)


@pytest.mark.slow
def test_practised_is_total_and_single_valued_up_to_60_items(practised):
    """Every vector with 1 <= n <= 60 gets exactly the rating of the practised reading."""
    seen = 0
    for c in vectors(60):
        assert practised.rate(c) is practised_rating(c)
        seen += 1
    assert seen == 635_375


@pytest.mark.slow
def test_written_has_exactly_the_briefs_gap_and_overlaps_up_to_60_items(written):
    """Up to n = 60 the literal rules leave exactly one gap and overlap exactly at the brief's places."""
    gap, boundary_overlap, deficient_overlap = [], [], []
    for c in vectors(60):
        a, s, _, _ = c
        n, done = c.total, a + s
        holding = set(written.matching_ratings(c))
        assert holding == written_conditions(c)
        in_gap = 3 * done > 2 * n and 3 * a >= done and 3 * a < 2 * done
        assert (not holding) is in_gap, c
        assert (written.rate(c) is None) is (len(holding) != 1)
        if not holding:
            gap.append(c)
        if len(holding) > 1:
            assert P in holding, c  # every overlap involves partly deficient
            assert not {A, G} <= holding, c  # advanced and good exclude each other
            if holding & {A, G}:
                assert 3 * done == 2 * n, c  # only at (a+s)/n = 2/3 exactly
                boundary_overlap.append(c)
            if D in holding:
                deficient_overlap.append(c)
    assert Counts(1, 1, 0, 0) in gap
    assert Counts(2, 0, 1, 0) in boundary_overlap
    assert Counts(0, 2, 0, 1) in boundary_overlap and Counts(0, 2, 0, 1) in deficient_overlap
    assert Counts(0, 0, 0, 1) in deficient_overlap
    # Every deficient vector of the literal text is also partly deficient.
    assert all({P, D} <= written_conditions(c) for c in deficient_overlap)


@given(counts(max_total=40, min_total=1))
def test_practised_agrees_with_its_oracle(vector):
    """Random vectors: tajimi-r4 equals the integer oracle (beyond the exhaustive range too)."""
    assert load_rules("tajimi-r4").rate(vector) is practised_rating(vector)


MONOTONE_MOVES = [(Level.STANDARD, Level.ADVANCED), (Level.BEHIND, Level.NEEDS_REVIEW)]


@pytest.mark.slow
@pytest.mark.parametrize(("source", "target"), MONOTONE_MOVES)
def test_practised_never_falls_when_an_item_becomes_rarer_or_less_behind(practised, source, target):
    """Moves standard -> advanced and behind -> needs_review never lower the practised rating (n <= 40)."""
    for c in vectors(40):
        if c[source]:
            before = practised.rate(c)
            after = practised.rate(c.moved(source, target))
            assert before is not None and after is not None
            assert after.rank >= before.rank, (c, before, after)


@given(counts(max_total=40, min_total=1), counts(max_total=40, min_total=0))
def test_practised_monotone_moves_as_a_property(vector, steps):
    """Any number of standard -> advanced and behind -> needs_review moves never lowers the rating."""
    rules = load_rules("tajimi-r4")
    up = min(steps.advanced, vector.standard)
    down = min(steps.behind, vector.behind)
    moved = vector.moved(Level.STANDARD, Level.ADVANCED, up).moved(Level.BEHIND, Level.NEEDS_REVIEW, down)
    before, after = rules.rate(vector), rules.rate(moved)
    assert before is not None and after is not None
    assert after.rank >= before.rank


@pytest.mark.parametrize(
    ("before", "move", "after", "ratings"),
    [
        ((0, 0, 1, 1), (Level.NEEDS_REVIEW, Level.ADVANCED), (1, 0, 0, 1), (P, D)),
        ((2, 1, 0, 1), (Level.BEHIND, Level.STANDARD), (2, 2, 0, 0), (A, G)),
    ],
)
def test_implementing_an_item_can_lower_the_practised_rating(practised, before, move, after, ratings):
    """The method is not monotone in "doing more": the smallest witnesses, stated as fact."""
    start, end = Counts(*before), Counts(*before).moved(*move)
    assert end == Counts(*after)
    assert (practised.rate(start), practised.rate(end)) == ratings
