"""The arrangement kernel: the linear forms whose signs decide every rating, and the scan of their cells.

A share predicate ``num/den >= p/q`` holds exactly when ``den > 0`` and ``q*num - p*den >= 0``:
the sign of a linear form with integer coefficients over the count vector ``(a, s, r, b)``. An
:class:`Arrangement` holds the distinct forms of a family of shares; its *cells* are the sets of
vectors on which every form and every count keeps one sign, so a rule set's rating is constant
on each cell. :func:`scan` places every vector up to a size in its cell. Soundness
(:func:`~tajimi_rules.analysis.analyze`), rule-set comparison and the suggestion search are
built on this module; the argument that one vector per cell suffices is in
:mod:`tajimi_rules.analysis._soundness`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

import attrs

from ..model import Counts, Level, Rating
from ..rules import AllOf, AnyOf, Not, Predicate, RuleSet, Share
from ._moves import Move, move_delta

__all__ = [
    "RATING_OF_CODE",
    "UNIT",
    "Arrangement",
    "Cell",
    "Vector",
    "check_max_items",
    "rating_code",
    "rows",
    "rule_shares",
    "scan",
]

Vector: TypeAlias = tuple[int, int, int, int]
"""A count vector (a, s, r, b), or a linear form's coefficients over it."""

_ScanFunction = Callable[[int, dict[int, int], dict[int, int], Callable[[int, int, int, int, int], int]], bytes]
_LEVELS = tuple(Level)

UNIT: tuple[Vector, ...] = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1))
"""The four coordinate forms: the counts themselves, whose signs also split cells."""


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
class Arrangement:
    """The distinct hyperplanes of a family of shares, and how each share reads its form."""

    forms: tuple[Vector, ...]
    shares: tuple[tuple[Share, int, int], ...]  # (share, form index or -1, orientation)

    @classmethod
    def of(cls, shares: Iterable[Share]) -> Arrangement:
        forms: dict[Vector, int] = {}  # each form's index, in order of first appearance
        placed: list[tuple[Share, int, int]] = []
        for share in dict.fromkeys(shares):
            form = _form(share)
            if not any(form):
                placed.append((share, -1, 1))
                continue
            canonical, sign = _canonical(form)
            placed.append((share, forms.setdefault(canonical, len(forms)), sign))
        return cls(tuple(forms), tuple(placed))

    def ray_bound(self) -> int:
        """The largest n of a primitive vector on a line cut out by three forms, inside the orthant.

        Every three forms are tried (``F^3 / 6`` for ``F`` forms, which the documented bound
        ``MAX_SHARE_FORMS`` keeps small); the 2x2 minors of each pair are computed once, and the
        line of a triple is its 3x3 minors, each expanded along the third form.
        """
        rows = list(self.forms) + list(UNIT)
        bound = 1
        for i, (u0, u1, u2, u3) in enumerate(rows):
            for j in range(i + 1, len(rows)):
                v0, v1, v2, v3 = rows[j]
                p01, p02, p03 = u0 * v1 - u1 * v0, u0 * v2 - u2 * v0, u0 * v3 - u3 * v0
                p12, p13, p23 = u1 * v2 - u2 * v1, u1 * v3 - u3 * v1, u2 * v3 - u3 * v2
                for w0, w1, w2, w3 in rows[j + 1 :]:
                    k0 = w1 * p23 - w2 * p13 + w3 * p12
                    k1 = -(w0 * p23 - w2 * p03 + w3 * p02)
                    k2 = w0 * p13 - w1 * p03 + w3 * p01
                    k3 = -(w0 * p12 - w1 * p02 + w2 * p01)
                    if (k0 >= 0 and k1 >= 0 and k2 >= 0 and k3 >= 0) or (k0 <= 0 and k1 <= 0 and k2 <= 0 and k3 <= 0):
                        total = abs(k0 + k1 + k2 + k3)
                        if total > bound:  # a primitive vector's n is total / gcd, never more than total
                            bound = max(bound, total // math.gcd(k0, k1, k2, k3))
        return bound

    def cell_bound(self) -> int:
        """``4 * ray_bound``: every cell holds a vector with ``n`` at most this (module docstring)."""
        return 4 * self.ray_bound()

    def step(self, moves: Sequence[Move]) -> int:
        """``1 + max |L(move)|`` over the forms and the coordinates."""
        largest = 1
        for source, target in moves:
            delta = move_delta((source, target))
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


def rule_shares(rule_set: RuleSet) -> list[Share]:
    """Every share of every rule's condition, in rule order (repeats kept)."""
    return [share for rule in rule_set.rules for share in _shares(rule.when)]


def rating_code(rating: Rating | None) -> int:
    """A rating as one byte: 0 for no rating, else its rank + 1."""
    return 0 if rating is None else rating.rank + 1


RATING_OF_CODE: dict[int, Rating] = {rating.rank + 1: rating for rating in Rating}
"""The rating of each nonzero :func:`rating_code`."""


def check_max_items(max_items: int) -> None:
    """Refuse a ``max_items`` that is not a positive integer (``ValueError``)."""
    if type(max_items) is not int or max_items < 1:
        raise ValueError(f"max_items must be a positive integer, got {max_items!r}")


@attrs.define
class Cell:
    key: int
    count: int
    order: tuple[int, int, int, int]  # (n, a, s, r) of the witness: the enumeration order
    witness: Vector


def rows(n: int) -> tuple[list[int], list[tuple[int, int]]]:
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


def scan(
    arrangement: Arrangement,
    max_items: int,
    rate: Callable[[Counts], Rating | None] | None = None,
    on_level: Callable[[int, bytes, list[int], list[tuple[int, int]]], None] | None = None,
) -> tuple[dict[int, Cell], dict[int, int], int]:
    """Place every vector with 1 <= n <= max_items in its cell; call ``on_level`` once per n.

    Returns the cells by key, each cell's code (0 unrated, else rank + 1, from ``rate`` on
    the cell's smallest vector; 0 throughout without ``rate``), and the number of vectors.
    """
    scan = arrangement.scanner()
    cells: dict[int, Cell] = {}
    tally: dict[int, int] = {}
    code_of: dict[int, int] = {}

    def new(key: int, n: int, a: int, s: int, r: int) -> int:
        vector = (a, s, r, n - a - s - r)
        code = rating_code(rate(Counts(*vector))) if rate is not None else 0
        code_of[key] = code
        cells[key] = Cell(key, 0, (n, a, s, r), vector)
        return code

    vectors = 0
    for n in range(1, max_items + 1):
        codes = scan(n, tally, code_of, new)
        vectors += len(codes)
        if on_level is not None:
            starts, row_list = rows(n)
            on_level(n, codes, starts, row_list)
    for key, cell in cells.items():
        cell.count = tally[key]
    return cells, code_of, vectors
