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
import enum
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .._fractions import format_fraction
from ..model import IMPLEMENTING_MOVES, Counts, Level, Rating
from ..rules._predicates import AllOf, AnyOf, Not, Predicate, Share, _level_sum
from ..rules._rules import Combine, RuleSet

__all__ = [
    "MOVE_SETS",
    "RATINGS_GIVEN_SCAN",
    "Analysis",
    "Boundary",
    "Condition",
    "Coverage",
    "DeadReason",
    "DeadRule",
    "Disagreement",
    "Region",
    "RuleSetDiff",
    "Violation",
    "analyze",
    "compare",
    "parse_moves",
    "ratings_given",
]

Move = tuple[Level, Level]
_LEVELS = tuple(Level)
_A, _S, _R, _B = _LEVELS

MOVE_SETS: dict[str, tuple[Move, ...]] = {
    "implementing": IMPLEMENTING_MOVES,
    "levels": ((_B, _R), (_R, _S), (_S, _A)),
    "upward": ((_B, _R), (_B, _S), (_B, _A), (_R, _S), (_R, _A), (_S, _A)),
}
"""Named sets of one-item moves for monotonicity.

``implementing``: implement an item, its rarity unchanged (needs_review -> advanced,
behind -> standard), the default. ``levels``: one step up the level order (behind ->
needs_review -> standard -> advanced). ``upward``: any move to a better level.
"""


def parse_moves(text: str) -> tuple[Move, ...]:
    """Moves from a name in :data:`MOVE_SETS` or a list such as ``"standard:advanced,behind:needs_review"``.

    Raises :class:`ValueError` for an unknown name or level.
    """
    if text in MOVE_SETS:
        return MOVE_SETS[text]
    moves: list[Move] = []
    for part in text.split(","):
        source, sep, target = part.strip().partition(":")
        if not sep:
            raise ValueError(f"not a move set name or SOURCE:TARGET: {part.strip()!r}")
        move = (Level(source.strip()), Level(target.strip()))
        if move[0] is move[1]:
            raise ValueError(f"a move needs two different levels: {part.strip()!r}")
        if move not in moves:
            moves.append(move)
    return tuple(moves)


# --- the arrangement of forms -------------------------------------------------------------------

Vector = tuple[int, int, int, int]
_ScanFunction = Callable[[int, dict[int, int], dict[int, int], Callable[[int, int, int, int, int], int]], bytes]
_UNIT: tuple[Vector, ...] = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1))


def _shares(predicate: Predicate) -> Iterable[Share]:
    if isinstance(predicate, Share):
        yield predicate
    elif isinstance(predicate, AllOf | AnyOf):
        for part in predicate.predicates:
            yield from _shares(part)
    elif isinstance(predicate, Not):
        yield from _shares(predicate.predicate)


def _form(share: Share) -> Vector:
    """``q*num - p*den`` as coefficients over (a, s, r, b): the share holds iff den > 0 and its sign fits."""
    p, q = share.threshold.numerator, share.threshold.denominator
    coefficients = [(q if level in share.of else 0) - (p if level in share.in_ else 0) for level in _LEVELS]
    return (coefficients[0], coefficients[1], coefficients[2], coefficients[3])


def _canonical(form: Vector) -> tuple[Vector, int]:
    """The form scaled to coprime integers with its first nonzero coefficient positive, and the sign used."""
    divisor = math.gcd(*form)
    sign = 1 if next(c for c in form if c) > 0 else -1
    scaled = tuple(sign * c // divisor for c in form)
    return (scaled[0], scaled[1], scaled[2], scaled[3]), sign


@attrs.frozen
class _Arrangement:
    """The distinct hyperplanes of a family of shares, and how each share reads its form."""

    forms: tuple[Vector, ...]
    shares: tuple[tuple[Share, int, int], ...]  # (share, form index or -1, orientation)

    @classmethod
    def of(cls, shares: Iterable[Share]) -> _Arrangement:
        forms: list[Vector] = []
        placed: list[tuple[Share, int, int]] = []
        for share in dict.fromkeys(shares):
            form = _form(share)
            if not any(form):
                placed.append((share, -1, 1))
                continue
            canonical, sign = _canonical(form)
            if canonical not in forms:
                forms.append(canonical)
            placed.append((share, forms.index(canonical), sign))
        return cls(tuple(forms), tuple(placed))

    def ray_bound(self) -> int:
        """The largest n of a primitive vector on a line cut out by three forms, inside the orthant."""
        rows = list(self.forms) + list(_UNIT)
        bound = 1
        for u, v, w in itertools.combinations(rows, 3):
            kernel = _kernel(u, v, w)
            if not any(kernel):
                continue
            if all(c >= 0 for c in kernel) or all(c <= 0 for c in kernel):
                divisor = math.gcd(*kernel)
                bound = max(bound, sum(abs(c) for c in kernel) // divisor)
        return bound

    def cell_bound(self) -> int:
        """``4 * ray_bound``: every cell holds a vector with ``n`` at most this (module docstring)."""
        return 4 * self.ray_bound()

    def step(self, moves: Sequence[Move]) -> int:
        """``1 + max |L(move)|`` over the forms and the coordinates."""
        largest = 1
        for source, target in moves:
            delta = [0, 0, 0, 0]
            delta[_LEVELS.index(source)] -= 1
            delta[_LEVELS.index(target)] += 1
            for form in self.forms:
                largest = max(largest, abs(sum(c * d for c, d in zip(form, delta, strict=True))))
        return largest + 1

    def scanner(self) -> _ScanFunction:
        """A generated function placing every vector of size n in its cell, in (a, s, r) order.

        ``scan(n, tally, code_of, new)`` adds each cell's number of vectors to ``tally``, calls
        ``new(key, n, a, s, r)`` on the first vector of a cell not in ``code_of`` (which returns
        the cell's code), and returns the codes of all the vectors as bytes. A cell's key has
        bits 0-3 set for the positive counts, then two bits per form: 0 negative, 1 zero,
        2 positive. The source is built from integers and fixed names only.
        """
        lines = [
            "def scan(n, tally, code_of, new):",
            "    parts = []",
            "    append = parts.append",
            "    for a in range(n + 1):",
            "        ka = 1 if a else 0",
            "        for s in range(n - a + 1):",
            "            ks = ka | 2 if s else ka",
            "            rest = n - a - s",
        ]
        # Along a row (a, s fixed, r = 0..rest, b = rest - r) each form is base + slope * r,
        # so its sign changes at most twice: the row is a few runs of equal keys. A form with
        # slope 0 is constant on the row; the others give the points where a run may end.
        row_parts = ["ks"]
        run_parts = ["row", "(4 if r else 0)", "(8 if r != rest else 0)"]
        run_lines = []
        cuts = ["0", "1", "rest", "rest + 1"]
        for index, (ca, cs, cr, cb) in enumerate(self.forms):
            base = f"{ca} * a + {cs} * s + {cb} * rest"
            shift = 4 + 2 * index
            slope = cr - cb
            if slope == 0:
                lines.append(f"            f{index} = {base}")
                row_parts.append(f"((f{index} >= 0) + (f{index} > 0) << {shift})")
                continue
            lines.append(f"            base{index} = {base}")
            run_lines.append(f"                f{index} = base{index} + {slope} * r")
            run_parts.append(f"((f{index} >= 0) + (f{index} > 0) << {shift})")
            if slope > 0:  # first r with f >= 0, first r with f > 0
                cuts += [f"-(base{index} // {slope})", f"(-base{index}) // {slope} + 1"]
            else:  # first r with f <= 0, first r with f < 0
                cuts += [f"-((-base{index}) // {-slope})", f"base{index} // {-slope} + 1"]
        lines.append("            row = " + " | ".join(row_parts))
        lines.append(f"            points = sorted({{c for c in ({', '.join(cuts)}) if 0 <= c <= rest + 1}})")
        lines.append("            for i in range(len(points) - 1):")
        lines.append("                r = points[i]")
        lines.extend(run_lines)
        lines += [
            "                key = " + " | ".join(run_parts),
            "                length = points[i + 1] - r",
            "                code = code_of.get(key)",
            "                if code is None:",
            "                    code = new(key, n, a, s, r)",
            "                tally[key] = tally.get(key, 0) + length",
            "                append(BYTES[code] * length)",
            '    return b"".join(parts)',
        ]
        namespace: dict[str, Any] = {"BYTES": [bytes((value,)) for value in range(256)]}
        exec(compile("\n".join(lines), "<tajimi-rules analysis>", "exec"), namespace)  # noqa: S102
        scan: _ScanFunction = namespace["scan"]
        return scan

    def sign(self, key: int, index: int) -> int:
        """The sign (-1, 0, 1) of form ``index`` in the cell with ``key``."""
        return (key >> (4 + 2 * index) & 3) - 1


def _kernel(u: Vector, v: Vector, w: Vector) -> Vector:
    """A vector orthogonal to three vectors of Z^4 (its 3x3 minors); zero when they are dependent."""

    def minor(skip: int) -> int:
        cols = [c for c in range(4) if c != skip]
        m = [[row[c] for c in cols] for row in (u, v, w)]
        return (
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        )

    return (minor(0), -minor(1), minor(2), -minor(3))


# --- results -----------------------------------------------------------------------------------

_RELATION = {
    frozenset({1}): ">",
    frozenset({0}): "=",
    frozenset({-1}): "<",
    frozenset({0, 1}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({-1, 1}): "!=",
}
_MATH = {">": ">", "=": "=", "<": "<", ">=": "≥", "<=": "≤", "!=": "≠"}


@attrs.frozen
class Condition:
    """A relation every vector of a region meets: a share against a threshold, or a count of 0.

    ``share`` is ``None`` for "the count of ``level`` is 0".
    """

    relation: str
    share: Share | None = None
    level: Level | None = None
    threshold: Fraction | None = None

    def describe(self, lang: str = "en") -> str:
        """``(advanced+standard)/all = 2/3`` or ``behind = 0``."""
        op = _MATH[self.relation] if lang == "ja" else self.relation
        if self.share is None:
            assert self.level is not None
            name = self.level.label(lang) if lang == "ja" else self.level.value
            return f"{name} {op} 0"
        assert self.threshold is not None
        share = self.share
        return f"{_level_sum(share.of, lang)}/{_level_sum(share.in_, lang)} {op} {format_fraction(self.threshold)}"


def _counts(vector: Vector) -> Counts:
    return Counts(*vector)


def _describe(conditions: Sequence[Condition], lang: str) -> str:
    """Conditions joined by "and" (「かつ」), or ``(any)`` (「（全体）」) when there is none."""
    joiner = " かつ " if lang == "ja" else " and "
    return joiner.join(c.describe(lang) for c in conditions) or ("（全体）" if lang == "ja" else "(any)")


def _vector_json(counts: Counts) -> dict[str, int]:
    return {level.value: counts[level] for level in Level}


@attrs.frozen
class Region:
    """The vectors (``1 <= n <= max_items``) where exactly the rules ``rules`` hold.

    ``rating`` is what the rule set gives there (``None`` in a gap or an ambiguous overlap),
    ``witness`` the smallest such vector, ``conditions`` relations every vector of the region
    meets (the region may be a union of several cells, so they describe it, not define it),
    ``cells`` how many cells it spans.
    """

    rules: tuple[int, ...]
    ratings: tuple[Rating, ...]
    rating: Rating | None
    count: int
    witness: Counts
    conditions: tuple[Condition, ...]
    cells: int

    def describe(self, lang: str = "en") -> str:
        """The conditions joined by "and"; ``(any)`` when none is common to the whole region."""
        return _describe(self.conditions, lang)

    def to_json(self) -> dict[str, Any]:
        """The region as JSON (rule numbers count from 1)."""
        return {
            "rules": [index + 1 for index in self.rules],
            "ratings": [rating.value for rating in self.ratings],
            "rating": self.rating.value if self.rating is not None else None,
            "count": self.count,
            "witness": _vector_json(self.witness),
            "conditions": [c.describe() for c in self.conditions],
            "cells": self.cells,
        }


@attrs.frozen
class Violation:
    """Moving one item by ``move`` lowers the rating from ``before`` to ``after``.

    ``count`` is the number of such pairs with ``n <= max_items`` (0 when the pair was found
    only by the check beyond ``max_items``); ``witness`` the smallest pair found.
    """

    move: Move
    before: Rating
    after: Rating
    count: int
    witness: tuple[Counts, Counts]

    def to_json(self) -> dict[str, Any]:
        """The violation as JSON."""
        return {
            "move": [self.move[0].value, self.move[1].value],
            "before": self.before.value,
            "after": self.after.value,
            "count": self.count,
            "witness": [_vector_json(self.witness[0]), _vector_json(self.witness[1])],
        }


class DeadReason(enum.Enum):
    """Why a rule never gives its rating."""

    NEVER_HOLDS = "never_holds"
    """Its condition holds for no vector."""
    SHADOWED = "shadowed"
    """Wherever it holds, an earlier rule holds too (first_match)."""
    AMBIGUOUS = "ambiguous"
    """Wherever it holds, a rule of another rating holds too (exclusive)."""


@attrs.frozen
class DeadRule:
    """A rule that never decides a rating, and the rules that take its place.

    ``by`` are the rules (earlier ones for ``SHADOWED``, ones of another rating for
    ``AMBIGUOUS``) that hold wherever this rule holds; ``everywhere`` is false when no single
    rule does, and ``by`` then lists every rule that takes its place somewhere.
    """

    index: int
    rating: Rating
    reason: DeadReason
    by: tuple[int, ...] = ()
    everywhere: bool = True

    def to_json(self) -> dict[str, Any]:
        """The dead rule as JSON (rule numbers count from 1)."""
        return {
            "rule": self.index + 1,
            "rating": self.rating.value,
            "reason": self.reason.value,
            "by": [index + 1 for index in self.by],
            "everywhere": self.everywhere,
        }


@attrs.frozen
class Boundary:
    """For one ``n`` and one rating: how many vectors get it, and the range of ``a + s`` and of ``a``."""

    n: int
    rating: Rating
    count: int
    implemented: tuple[int, int]
    advanced: tuple[int, int]

    def to_json(self) -> dict[str, Any]:
        """The boundary row as JSON."""
        return {
            "n": self.n,
            "rating": self.rating.value,
            "count": self.count,
            "implemented": list(self.implemented),
            "advanced": list(self.advanced),
        }


@attrs.frozen
class Coverage:
    """How far the findings reach beyond ``max_items`` (see the module docstring for the proof).

    ``cell_bound`` (4 × ``ray_bound``): every cell holds a vector with ``n`` at most this.
    ``complete``: ``max_items >= cell_bound``, so gaps, overlaps, dead rules and regions are
    exact for every ``n``. ``step``: the multiplier of the monotonicity check beyond
    ``max_items``, whose pairs have ``n`` up to ``step * cell_bound``. ``monotone_for_all_n``:
    true or false when proved for every ``n``, ``None`` when not established.
    """

    cells: int
    ray_bound: int
    cell_bound: int
    complete: bool
    step: int
    monotone_for_all_n: bool | None

    def to_json(self) -> dict[str, Any]:
        """The coverage as JSON."""
        return {
            "cells": self.cells,
            "ray_bound": self.ray_bound,
            "cell_bound": self.cell_bound,
            "complete": self.complete,
            "step": self.step,
            "pair_bound": self.step * self.cell_bound,
            "monotone_for_all_n": self.monotone_for_all_n,
        }


@attrs.frozen(kw_only=True)
class Analysis:
    """What :func:`analyze` found about a rule set; ``sound`` when total, exclusive, monotone, no dead rule."""

    rule_set: RuleSet = attrs.field(eq=False)
    max_items: int
    moves: tuple[Move, ...]
    vectors: int
    regions: tuple[Region, ...]
    violations: tuple[Violation, ...]
    dead_rules: tuple[DeadRule, ...]
    boundaries: tuple[Boundary, ...]
    coverage: Coverage

    @property
    def gaps(self) -> tuple[Region, ...]:
        """Regions where no rule holds."""
        return tuple(region for region in self.regions if not region.rules)

    @property
    def overlaps(self) -> tuple[Region, ...]:
        """Regions where rules of two or more ratings hold."""
        return tuple(region for region in self.regions if len(region.ratings) > 1)

    @property
    def total(self) -> bool:
        """Some rule holds for every vector."""
        return not self.gaps

    @property
    def exclusive(self) -> bool:
        """No vector gets two ratings: by order for first_match, by having no overlap for exclusive."""
        return self.rule_set.combine is Combine.FIRST_MATCH or not self.overlaps

    @property
    def monotone(self) -> bool:
        """No move of :attr:`moves` lowers a rating (among the pairs checked)."""
        return not self.violations

    @property
    def sound(self) -> bool:
        """Total, exclusive, monotone, and every rule can decide, among the vectors checked (``n <= max_items``)."""
        return self.total and self.exclusive and self.monotone and not self.dead_rules

    @property
    def sound_for_all_n(self) -> bool:
        """:attr:`sound`, and proved so for every ``n``: the check reached the cell bound.

        (A sound rule set rates every cell, so with complete coverage its monotonicity is
        proved for every ``n`` too.)
        """
        return self.sound and self.coverage.complete

    def to_json(self) -> dict[str, Any]:
        """Everything found, as JSON."""
        return {
            "rule_set": self.rule_set.id,
            "combine": self.rule_set.combine.value,
            "max_items": self.max_items,
            "vectors": self.vectors,
            "moves": [[source.value, target.value] for source, target in self.moves],
            "sound": self.sound,
            "sound_for_all_n": self.sound_for_all_n,
            "total": self.total,
            "exclusive": self.exclusive,
            "monotone": self.monotone,
            "gaps": [region.to_json() for region in self.gaps],
            "overlaps": [
                region.to_json() | {"defect": self.rule_set.combine is Combine.EXCLUSIVE} for region in self.overlaps
            ],
            "violations": [violation.to_json() for violation in self.violations],
            "dead_rules": [dead.to_json() for dead in self.dead_rules],
            "regions": [region.to_json() for region in self.regions],
            "boundaries": [boundary.to_json() for boundary in self.boundaries],
            "coverage": self.coverage.to_json(),
        }


@attrs.frozen
class Disagreement:
    """The vectors (``1 <= n <= max_items``) rated ``first`` by one rule set and ``second`` by the other."""

    first: Rating | None
    second: Rating | None
    count: int
    witness: Counts
    conditions: tuple[Condition, ...]
    cells: int

    def describe(self, lang: str = "en") -> str:
        """The conditions joined by "and"; ``(any)`` when none is common to the whole region."""
        return _describe(self.conditions, lang)

    def to_json(self) -> dict[str, Any]:
        """The disagreement as JSON."""
        return {
            "first": self.first.value if self.first is not None else None,
            "second": self.second.value if self.second is not None else None,
            "count": self.count,
            "witness": _vector_json(self.witness),
            "conditions": [c.describe() for c in self.conditions],
            "cells": self.cells,
        }


@attrs.frozen(kw_only=True)
class RuleSetDiff:
    """Where two rule sets rate differently; ``complete`` when that holds for every ``n``."""

    first: RuleSet = attrs.field(eq=False)
    second: RuleSet = attrs.field(eq=False)
    max_items: int
    vectors: int
    disagreements: tuple[Disagreement, ...]
    coverage: Coverage

    @property
    def same(self) -> bool:
        """No vector is rated differently."""
        return not self.disagreements

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON."""
        return {
            "first": self.first.id,
            "second": self.second.id,
            "max_items": self.max_items,
            "vectors": self.vectors,
            "same": self.same,
            "disagreements": [d.to_json() for d in self.disagreements],
            "coverage": self.coverage.to_json(),
        }


# --- the scan ----------------------------------------------------------------------------------


@attrs.define
class _Cell:
    key: int
    count: int
    order: tuple[int, int, int, int]  # (n, a, s, r) of the witness: the enumeration order
    witness: Vector


def _rows(n: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Start index of each row (a, s) in the enumeration of vectors of size n, and the rows."""
    starts: list[int] = []
    rows: list[tuple[int, int]] = []
    position = 0
    for a in range(n + 1):
        for s in range(n - a + 1):
            starts.append(position)
            rows.append((a, s))
            position += n - a - s + 1
    return starts, rows


def _scan(
    arrangement: _Arrangement,
    max_items: int,
    rate: Callable[[Counts], Rating | None] | None = None,
    on_level: Callable[[int, bytes, list[int], list[tuple[int, int]]], None] | None = None,
) -> tuple[dict[int, _Cell], dict[int, int], int]:
    """Place every vector with 1 <= n <= max_items in its cell; call ``on_level`` once per n.

    Returns the cells by key, each cell's code (0 unrated, else rank + 1, from ``rate`` on
    the cell's smallest vector; 0 throughout without ``rate``), and the number of vectors.
    """
    scan = arrangement.scanner()
    cells: dict[int, _Cell] = {}
    tally: dict[int, int] = {}
    code_of: dict[int, int] = {}

    def new(key: int, n: int, a: int, s: int, r: int) -> int:
        vector = (a, s, r, n - a - s - r)
        code = _code(rate(_counts(vector))) if rate is not None else 0
        code_of[key] = code
        cells[key] = _Cell(key, 0, (n, a, s, r), vector)
        return code

    vectors = 0
    for n in range(1, max_items + 1):
        codes = scan(n, tally, code_of, new)
        vectors += len(codes)
        if on_level is not None:
            starts, rows = _rows(n)
            on_level(n, codes, starts, rows)
    for key, cell in cells.items():
        cell.count = tally[key]
    return cells, code_of, vectors


def _conditions(arrangement: _Arrangement, keys: Sequence[int]) -> tuple[Condition, ...]:
    """Relations that hold in every cell of ``keys``: zero counts, then each form's relation."""
    found: list[Condition] = []
    for bit, level in enumerate(_LEVELS):
        if all(not key >> bit & 1 for key in keys):
            found.append(Condition("=", level=level))
    described: set[int] = set()
    for share, index, orientation in arrangement.shares:
        if index < 0 or index in described:
            continue
        described.add(index)
        mask = sum(1 << _LEVELS.index(level) for level in share.in_)
        if any(not key & mask for key in keys):
            continue  # the share is undefined somewhere in the region
        signs = frozenset(orientation * arrangement.sign(key, index) for key in keys)
        relation = _RELATION.get(signs)
        if relation is not None:
            found.append(Condition(relation, share=share, threshold=share.threshold))
    return _tightest(found)


def _tightest(conditions: list[Condition]) -> tuple[Condition, ...]:
    """Drop a bound on a share that a stricter bound on the same share implies."""

    def strength(condition: Condition) -> tuple[Fraction, bool]:
        assert condition.threshold is not None
        return condition.threshold, condition.relation in ("<", ">")

    kept: list[Condition] = []
    for condition in conditions:
        share = condition.share
        if share is None or condition.relation in ("=", "!="):
            kept.append(condition)
            continue
        same = [
            other
            for other in conditions
            if other.share is not None
            and (other.share.of, other.share.in_) == (share.of, share.in_)
            and other is not condition
        ]
        if any(other.relation == "=" for other in same):
            continue
        lower = condition.relation in (">", ">=")
        rivals = [other for other in same if (other.relation in (">", ">=")) == lower and other.relation != "!="]
        if lower and any(strength(other) > strength(condition) for other in rivals):
            continue
        if not lower and any(
            (strength(other)[0], -strength(other)[1]) < (strength(condition)[0], -strength(condition)[1])
            for other in rivals
        ):
            continue
        kept.append(condition)
    return tuple(kept)


def _move_delta(move: Move) -> tuple[int, int, int, int]:
    delta = [0, 0, 0, 0]
    delta[_LEVELS.index(move[0])] -= 1
    delta[_LEVELS.index(move[1])] += 1
    return (delta[0], delta[1], delta[2], delta[3])


def _code(rating: Rating | None) -> int:
    return 0 if rating is None else rating.rank + 1


_RATING_OF_CODE = {rating.rank + 1: rating for rating in Rating}
_TIMES_EIGHT = bytes((value * 8) & 0xFF for value in range(256))


class _Monotonicity:
    """Per n, compares the rating of every vector with that of each moved vector, in C-speed bulk."""

    def __init__(self, moves: Sequence[Move]) -> None:
        self.moves = tuple(moves)
        self.deltas = [_move_delta(move) for move in self.moves]
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
                    mark = bytes((_code(before) * 8 + _code(after),))
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
            delta = _move_delta(move)
            moved = tuple(x + d for x, d in zip(vector, delta, strict=True))
            result.append(Violation(move, before, after, count, (_counts(vector), Counts(*moved))))
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
            code = _code(rating)
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


def _check_max_items(max_items: int) -> None:
    if type(max_items) is not int or max_items < 1:
        raise ValueError(f"max_items must be a positive integer, got {max_items!r}")


def _rule_shares(rule_set: RuleSet) -> list[Share]:
    return [share for rule in rule_set.rules for share in _shares(rule.when)]


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
    """
    _check_max_items(max_items)
    moves = tuple(moves)
    arrangement = _Arrangement.of(_rule_shares(rules))
    monotonicity = _Monotonicity(moves)
    boundaries = _Boundaries()

    def on_level(n: int, codes: bytes, starts: list[int], rows: list[tuple[int, int]]) -> None:
        monotonicity.level(n, codes, starts, rows)
        boundaries.level(n, codes, starts, rows)

    cells, code_of, vectors = _scan(arrangement, max_items, rules.rate, on_level)

    # Which rules hold in each cell, from the compiled matcher on the cell's smallest vector.
    bits_of = {key: rules.matches(_counts(cell.witness)) for key, cell in cells.items()}
    rating_of = {key: _RATING_OF_CODE.get(code_of[key]) for key in cells}

    regions = _regions(rules, arrangement, cells, bits_of, rating_of)
    dead = _dead_rules(rules, cells, bits_of, rating_of)

    ray_bound = arrangement.ray_bound()
    cell_bound = arrangement.cell_bound()
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
    are scanned; ``None`` when the cell bound exceeds :data:`RATINGS_GIVEN_SCAN`.

    >>> from tajimi_rules import load_rules
    >>> sorted(rating.value for rating in ratings_given(load_rules("tajimi-r4-written")))
    ['advanced', 'good', 'partly_deficient']
    """
    arrangement = _Arrangement.of(_rule_shares(rules))
    bound = arrangement.cell_bound()
    if bound > RATINGS_GIVEN_SCAN:
        return None
    _, code_of, _ = _scan(arrangement, bound, rules.rate)
    return frozenset(_RATING_OF_CODE[code] for code in code_of.values() if code)


def _smallest(cells: Sequence[_Cell]) -> _Cell:
    return min(cells, key=lambda cell: cell.order)


def _regions(
    rules: RuleSet,
    arrangement: _Arrangement,
    cells: dict[int, _Cell],
    bits_of: dict[int, int],
    rating_of: dict[int, Rating | None],
) -> tuple[Region, ...]:
    groups: dict[int, list[_Cell]] = {}
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
                witness=_counts(smallest.witness),
                conditions=_conditions(arrangement, [cell.key for cell in members]),
                cells=len(members),
            )
        )
    regions.sort(key=lambda region: (sum(region.witness), tuple(region.witness)))
    return tuple(regions)


def _dead_rules(
    rules: RuleSet,
    cells: dict[int, _Cell],
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
    cells: dict[int, _Cell],
    moves: Sequence[Move],
    step: int,
    max_items: int,
    monotonicity: _Monotonicity,
) -> None:
    """For one vector x of every cell, check k*x -> k*x + move and k*x - move -> k*x (module docstring)."""
    for cell in cells.values():
        scaled = tuple(step * x for x in cell.witness)
        for move in moves:
            delta = _move_delta(move)
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


def compare(first: RuleSet, second: RuleSet, max_items: int = 60) -> RuleSetDiff:
    """The vectors with ``1 <= n <= max_items`` that two rule sets rate differently, by region.

    >>> from tajimi_rules import compare, load_rules
    >>> diff = compare(load_rules("tajimi-r4"), load_rules("tajimi-r4-written"), max_items=6)
    >>> [(d.first.value, d.second) for d in diff.disagreements][:1]
    [('deficient', None)]
    """
    _check_max_items(max_items)
    arrangement = _Arrangement.of(_rule_shares(first) + _rule_shares(second))
    cells, _, vectors = _scan(arrangement, max_items)
    groups: dict[tuple[Rating | None, Rating | None], list[_Cell]] = {}
    for cell in cells.values():
        counts = _counts(cell.witness)
        pair = (first.rate(counts), second.rate(counts))
        if pair[0] is not pair[1]:
            groups.setdefault(pair, []).append(cell)
    disagreements = []
    for (one, other), members in groups.items():
        smallest = _smallest(members)
        disagreements.append(
            Disagreement(
                first=one,
                second=other,
                count=sum(cell.count for cell in members),
                witness=_counts(smallest.witness),
                conditions=_conditions(arrangement, [cell.key for cell in members]),
                cells=len(members),
            )
        )
    disagreements.sort(key=lambda d: (sum(d.witness), tuple(d.witness)))
    cell_bound = arrangement.cell_bound()
    coverage = Coverage(
        cells=len(cells),
        ray_bound=arrangement.ray_bound(),
        cell_bound=cell_bound,
        complete=max_items >= cell_bound,
        step=1,
        monotone_for_all_n=None,
    )
    return RuleSetDiff(
        first=first,
        second=second,
        max_items=max_items,
        vectors=vectors,
        disagreements=tuple(disagreements),
        coverage=coverage,
    )
