"""Soundness of a rule set: gaps, overlaps, monotonicity, dead rules and boundaries, exactly.

:func:`analyze` visits every count vector ``(a, s, r, b)`` with ``1 <= n <= max_items`` and
reports:

* **gaps**: vectors where no rule's condition holds (``total`` is true when there are none);
* **overlaps**: vectors where rules of two or more ratings hold. For an ``exclusive`` rule set
  each is a defect (``exclusive`` is false); for a ``first_match`` set the order settles them,
  so ``exclusive`` is true and the overlaps the order hides are listed as information;
* **monotonicity violations**: pairs ``v -> v'`` where ``v'`` is ``v`` with one item moved by
  one of the given *moves* (default :data:`~tajimi_rules.IMPLEMENTING_MOVES`, "doing more"),
  both are rated, and ``v'`` is rated worse;
* **dead rules**: rules whose condition never holds, or never decides a rating (fully
  shadowed by earlier rules, or, in an exclusive set, always ambiguous);
* a **boundary table**: per ``n``, per rating, the least and greatest ``a + s`` and ``a``
  among the vectors given that rating.

Vectors are grouped into *regions* (the vectors where the same set of rules holds), each with
its count, its smallest witness (least ``n``, then ``a``, ``s``, ``r`` ascending) and the
conditions every vector of the region meets.

**Why the answer holds beyond** ``max_items``. A share predicate ``num/den >= p/q`` holds
exactly when ``den > 0`` and ``q*num - p*den >= 0``: the sign of a linear form with integer
coefficients. Every predicate is a boolean combination of such signs and of the signs of the
four counts. Let the *cells* be the sets of vectors on which every one of these forms (the
shares' forms and the four coordinates) has a fixed sign (negative, zero, positive). Which
rules hold, and so the rating, is constant on a cell, and each cell is a relatively open
polyhedral cone inside the orthant. Its closure is a pointed cone spanned by its extreme rays,
and each extreme ray is the solution line of three independent forms; let ``R`` be the
largest ``n`` of the primitive integer vectors of all such lines lying in the orthant. A cell
of dimension ``d`` contains the sum of ``d`` independent extreme-ray vectors, so it contains an
integer vector with ``n <= d*R <= 4*R``: the *cell bound*. Hence when ``max_items >= 4*R``
every cell is visited, and the findings on gaps, overlaps, dead rules and regions hold for
every ``n`` (:attr:`Coverage.complete`).

Moves are not scale-invariant, so monotonicity needs one more step. Let ``M`` be the largest
``|L(move)|`` over the forms ``L`` and the moves, and ``k = M + 1``. If every cell is rated and
``v -> v + move`` lowers the rating, walking the segment from ``v`` to ``v + move`` crosses a
finite chain of cells, and some consecutive pair lowers the rating; that pair is of the form
(cell of ``y``, cell of ``y + e*move``) or (cell of ``y - e*move``, cell of ``y``) for small
``e > 0``, which depends on the cell of ``y`` only. For an integer ``x`` in that cell, ``k*x``
and ``k*x + move`` (or ``k*x - move`` and ``k*x``) lie in exactly those two cells, since every
nonzero ``L(x)`` is at least 1 in size. So checking these two pairs for one vector of every cell
(``n <= k*4*R``) decides monotonicity for every ``n`` (:attr:`Coverage.monotone_for_all_n`).
It finds every drop between neighbouring cells, not every kind of violating move: a move whose
segment crosses a third cell can lower the rating from ``before`` to ``after`` while the drops
along it have other kinds, so beyond ``max_items`` the violations list is not complete by kind.
When some cell is unrated (a gap, or an ambiguous overlap) the chain argument fails and
monotonicity is established only up to ``max_items``; a violation found is a witness whatever
its size.

The analysis calls the rule set's compiled ``rate`` and ``matches`` once per cell, on the
cell's smallest vector, so a cell's rating is the rule set's own. Every vector is placed in its
cell by a loop generated from the forms' integer coefficients, which walks each row
``(a, s fixed)`` in runs of equal signs (a linear form is monotone along a row);
ratings are compared across moves in bulk on byte strings. ``benchmarks/bench_analyze.py``
measures it.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from typing import Any

from .._arguments import check_rule_set
from .._limits import MAX_SHARE_FORMS, MAX_SHARES, check_analysis
from ..model import IMPLEMENTING_MOVES, Counts, Rating
from ..rules import Combine, RuleSet
from ._arrangement import RATING_OF_CODE, Arrangement, Cell, Vector, check_max_items, rating_code, rule_shares, scan
from ._conditions import conditions
from ._moves import Move, move_delta
from ._results import Analysis, Boundary, Coverage, DeadReason, DeadRule, Region, Violation

__all__ = ["RATINGS_GIVEN_SCAN", "analyze", "ratings_given"]

_TIMES_EIGHT = bytes((value * 8) & 0xFF for value in range(256))


class _Monotonicity:
    """Per n, compares the rating of every vector with that of each moved vector, in C-speed bulk."""

    def __init__(self, moves: Sequence[Move]) -> None:
        self.moves = tuple(moves)
        self.deltas = [move_delta(move) for move in self.moves]
        self.found: dict[tuple[Move, Rating, Rating], list[Any]] = {}

    def level(self, n: int, codes: bytes, starts: list[int], rows: list[tuple[int, int]]) -> None:
        shifted = codes.translate(_TIMES_EIGHT)
        for move, (da, ds, dr, db) in zip(self.moves, self.deltas, strict=True):
            sources: list[bytes] = []
            targets: list[bytes] = []
            segments: list[tuple[int, int, int, int]] = []  # (offset, a, s, first r)
            offset = 0
            # The moved vector must have r + dr >= 0 and b + db >= 0 (b = rest - r).
            low = 1 if dr < 0 else 0
            shorter = 1 if db < 0 else 0
            for row_index, (a, s) in enumerate(rows):
                if a + da < 0 or s + ds < 0 or a + da + s + ds > n:
                    continue
                # Rows run a-major: row (a, s) is number a*(n+1) - a*(a-1)/2 + s.
                if da == 0:
                    target_row = row_index + ds
                elif da > 0:
                    target_row = row_index + n - a + 1 + ds
                else:
                    target_row = row_index - (n - a + 2) + ds
                length = n - a - s - shorter - low + 1
                if length <= 0:
                    continue
                start = starts[row_index] + low
                target = starts[target_row] + low + dr
                sources.append(shifted[start : start + length])
                targets.append(codes[target : target + length])
                segments.append((offset, a, s, low))
                offset += length
            if not offset:
                continue
            combined = (int.from_bytes(b"".join(sources), "big") | int.from_bytes(b"".join(targets), "big")).to_bytes(
                offset, "big"
            )
            for before in Rating:
                for after in Rating:
                    if after.rank >= before.rank:
                        continue
                    mark = bytes((rating_code(before) * 8 + rating_code(after),))
                    count = combined.count(mark)
                    if not count:
                        continue
                    position = combined.find(mark)
                    segment = bisect.bisect_right([seg[0] for seg in segments], position) - 1
                    base, a, s, low = segments[segment]
                    r = low + position - base
                    vector = (a, s, r, n - a - s - r)
                    self.add(move, before, after, count, vector)

    def add(self, move: Move, before: Rating, after: Rating, count: int, vector: Vector) -> None:
        entry = self.found.get((move, before, after))
        if entry is None:
            self.found[(move, before, after)] = [count, vector]
        else:
            entry[0] += count

    def violations(self) -> tuple[Violation, ...]:
        result = []
        for (move, before, after), (count, vector) in self.found.items():
            delta = move_delta(move)
            moved = tuple(x + d for x, d in zip(vector, delta, strict=True))
            result.append(Violation(move, before, after, count, (Counts(*vector), Counts(*moved))))
        order = {move: index for index, move in enumerate(self.moves)}
        result.sort(key=lambda v: (order[v.move], sum(v.witness[0]), -v.before.rank, -v.after.rank))
        return tuple(result)


class _Boundaries:
    def __init__(self) -> None:
        self.rows: list[Boundary] = []

    def level(self, n: int, codes: bytes, starts: list[int], rows: list[tuple[int, int]]) -> None:
        # For each rating code, bit k set when some vector rated so has a + s = k (resp. a = k).
        implemented: dict[int, int] = {}
        advanced: dict[int, int] = {}
        for row_index, (a, s) in enumerate(rows):
            start = starts[row_index]
            for code in set(codes[start : start + n - a - s + 1]):
                implemented[code] = implemented.get(code, 0) | 1 << (a + s)
                advanced[code] = advanced.get(code, 0) | 1 << a
        for rating in Rating:
            code = rating_code(rating)
            if code in implemented:
                self.rows.append(
                    Boundary(
                        n=n,
                        rating=rating,
                        count=codes.count(bytes((code,))),
                        implemented=_bit_range(implemented[code]),
                        advanced=_bit_range(advanced[code]),
                    )
                )


def _bit_range(bits: int) -> tuple[int, int]:
    """The lowest and highest set bit of a positive integer."""
    return (bits & -bits).bit_length() - 1, bits.bit_length() - 1


def analyze(
    rules: RuleSet,
    max_items: int = 60,
    moves: Sequence[Move] = IMPLEMENTING_MOVES,
) -> Analysis:
    """Check a rule set over every count vector with ``1 <= n <= max_items``.

    >>> from tajimi_rules import analyze, load_rules
    >>> result = analyze(load_rules("tajimi-r4-written"), max_items=12)
    >>> result.total, result.exclusive
    (False, False)
    >>> result.gaps[0].witness.short()
    '1/1/0/0'

    ``moves`` are the one-item moves that must never lower a rating (see :data:`MOVE_SETS`).
    Raises :class:`TypeError` when ``rules`` is not a loaded :class:`~tajimi_rules.RuleSet`
    (load one with :func:`~tajimi_rules.load_rules`) and :class:`ValueError` for a ``max_items``
    out of range.
    A rule set over the documented bounds (``docs/limits.md``), or a ``max_items`` whose work
    would exceed them, raises :class:`~tajimi_rules.errors.InvalidDocumentError` before any
    vector is visited.
    """
    check_rule_set(rules, "analyze")
    check_max_items(max_items)
    check_analysis(max_items, rules)
    moves = tuple(moves)
    arrangement = Arrangement.of(rule_shares(rules))
    monotonicity = _Monotonicity(moves)
    boundaries = _Boundaries()

    def on_level(n: int, codes: bytes, starts: list[int], rows: list[tuple[int, int]]) -> None:
        monotonicity.level(n, codes, starts, rows)
        boundaries.level(n, codes, starts, rows)

    cells, code_of, vectors = scan(arrangement, max_items, rules.rate, on_level)

    # Which rules hold in each cell, from the compiled matcher on the cell's smallest vector.
    bits_of = {key: rules.matches(Counts(*cell.witness)) for key, cell in cells.items()}
    rating_of = {key: RATING_OF_CODE.get(code_of[key]) for key in cells}

    regions = _regions(rules, arrangement, cells, bits_of, rating_of)
    dead = _dead_rules(rules, cells, bits_of, rating_of)

    ray_bound = arrangement.ray_bound()
    cell_bound = 4 * ray_bound  # Arrangement.cell_bound(), without computing the ray bound twice
    complete = max_items >= cell_bound
    step = arrangement.step(moves)
    monotone_for_all_n: bool | None = None
    if complete:
        _monotone_beyond(rules, cells=cells, moves=moves, step=step, max_items=max_items, monotonicity=monotonicity)
    if monotonicity.found:
        monotone_for_all_n = False
    elif complete and all(rating is not None for rating in rating_of.values()):
        monotone_for_all_n = True
    coverage = Coverage(
        cells=len(cells),
        ray_bound=ray_bound,
        cell_bound=cell_bound,
        complete=complete,
        step=step,
        monotone_for_all_n=monotone_for_all_n,
    )
    return Analysis(
        rule_set=rules,
        max_items=max_items,
        moves=moves,
        vectors=vectors,
        regions=regions,
        violations=monotonicity.violations(),
        dead_rules=dead,
        boundaries=tuple(boundaries.rows),
        coverage=coverage,
    )


RATINGS_GIVEN_SCAN = 60
"""The largest cell bound :func:`ratings_given` scans up to; beyond it the answer is not known."""


@functools.lru_cache(maxsize=16)
def ratings_given(rules: RuleSet) -> frozenset[Rating] | None:
    """Every rating ``rules`` gives to some count vector, of any size; ``None`` when not established.

    One vector of every cell decides it (module docstring), so the vectors up to the cell bound
    are scanned; ``None`` when the cell bound exceeds :data:`RATINGS_GIVEN_SCAN`, and (without
    computing the cell bound, whose cost is cubic in them) for a rule set with more distinct
    thresholds or shares than the documented bounds ``MAX_SHARE_FORMS`` and ``MAX_SHARES``.

    >>> from tajimi_rules import load_rules
    >>> sorted(rating.value for rating in ratings_given(load_rules("tajimi-r4-written")))
    ['advanced', 'good', 'partly_deficient']
    """
    shares = rule_shares(rules)
    if len(shares) > MAX_SHARES:
        return None
    arrangement = Arrangement.of(shares)
    if len(arrangement.forms) > MAX_SHARE_FORMS:
        return None
    bound = arrangement.cell_bound()
    if bound > RATINGS_GIVEN_SCAN:
        return None
    _, code_of, _ = scan(arrangement, bound, rules.rate)
    return frozenset(RATING_OF_CODE[code] for code in code_of.values() if code)


def _smallest(cells: Sequence[Cell]) -> Cell:
    return min(cells, key=lambda cell: cell.order)


def _regions(
    rules: RuleSet,
    arrangement: Arrangement,
    cells: dict[int, Cell],
    bits_of: dict[int, int],
    rating_of: dict[int, Rating | None],
) -> tuple[Region, ...]:
    groups: dict[int, list[Cell]] = {}
    for key, cell in cells.items():
        groups.setdefault(bits_of[key], []).append(cell)
    regions = []
    for bits, members in groups.items():
        indexes = tuple(i for i in range(len(rules.rules)) if bits >> i & 1)
        ratings = tuple(dict.fromkeys(rules.rules[i].rating for i in indexes))
        smallest = _smallest(members)
        regions.append(
            Region(
                rules=indexes,
                ratings=ratings,
                rating=rating_of[smallest.key],
                count=sum(cell.count for cell in members),
                witness=Counts(*smallest.witness),
                conditions=conditions(arrangement, [cell.key for cell in members]),
                cells=len(members),
            )
        )
    regions.sort(key=lambda region: (sum(region.witness), tuple(region.witness)))
    return tuple(regions)


def _dead_rules(
    rules: RuleSet,
    cells: dict[int, Cell],
    bits_of: dict[int, int],
    rating_of: dict[int, Rating | None],
) -> tuple[DeadRule, ...]:
    dead = []
    first_match = rules.combine is Combine.FIRST_MATCH
    for index, rule in enumerate(rules.rules):
        holding = [key for key in cells if bits_of[key] >> index & 1]
        if not holding:
            dead.append(DeadRule(index, rule.rating, DeadReason.NEVER_HOLDS))
            continue
        if first_match:
            earlier = (1 << index) - 1
            if any(not bits_of[key] & earlier for key in holding):
                continue
            rivals = range(index)
            reason = DeadReason.SHADOWED
        else:
            if any(rating_of[key] is not None for key in holding):
                continue
            rivals = range(len(rules.rules))
            reason = DeadReason.AMBIGUOUS
        candidates = [i for i in rivals if rules.rules[i].rating is not rule.rating or first_match]
        always = tuple(i for i in candidates if all(bits_of[key] >> i & 1 for key in holding))
        somewhere = tuple(i for i in candidates if any(bits_of[key] >> i & 1 for key in holding))
        dead.append(DeadRule(index, rule.rating, reason, always or somewhere, everywhere=bool(always)))
    return tuple(dead)


def _monotone_beyond(
    rules: RuleSet,
    *,
    cells: dict[int, Cell],
    moves: Sequence[Move],
    step: int,
    max_items: int,
    monotonicity: _Monotonicity,
) -> None:
    """For one vector x of every cell, check k*x -> k*x + move and k*x - move -> k*x (module docstring)."""
    for cell in cells.values():
        scaled = tuple(step * x for x in cell.witness)
        for move in moves:
            delta = move_delta(move)
            for low in (scaled, tuple(x - d for x, d in zip(scaled, delta, strict=True))):
                high = tuple(x + d for x, d in zip(low, delta, strict=True))
                if min(low) < 0 or min(high) < 0:
                    continue
                before = rules.rate(Counts(*low))
                after = rules.rate(Counts(*high))
                if before is None or after is None or after.rank >= before.rank:
                    continue
                key = (move, before, after)
                if key not in monotonicity.found:
                    vector = (low[0], low[1], low[2], low[3])
                    monotonicity.found[key] = [0, vector]
                    continue
                # Keep the smaller witness when the scan found this kind of pair only at larger n.
                known = monotonicity.found[key][1]
                if sum(known) > max_items and sum(low) < sum(known):
                    monotonicity.found[key][1] = (low[0], low[1], low[2], low[3])
