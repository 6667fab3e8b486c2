"""Bulk rating: compile a rule set once into numpy code that rates whole arrays of counts.

The same rule data that :mod:`._engine` turns into per-vector Python is turned here into array
expressions: each share becomes the cross-multiplication ``q * num >= p * den`` over ``int64``
arrays (masked by ``den > 0`` where the denominator is not every level), ``all`` / ``any`` /
``not`` become ``&`` / ``|`` / ``~``, and the combination picks, per vector, the first rule
that holds or the one rating that holds alone. The semantics are ``rate``'s exactly: an
undefined share satisfies no comparison, a vector with ``n = 0`` is never rated, and an
exclusive rule set gives no rating where rules of two ratings hold.

Every product is exact: counts are at most 100,000 per level (the schema's bound, so sums are at
most 400,000) and fraction parts at most 9 digits, so ``|q * num|`` < 10^9 * 4 * 10^5 = 4 * 10^14,
far inside ``int64``. Counts outside those bounds are refused before anything is computed.

The generated source is built from integers and fixed names only, never from text in the rule file.
numpy is imported when a bulk function is first compiled, not when the package is imported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from ..model import Level, Rating
from ._engine import SumNames
from ._predicates import AllOf, AnyOf, Not, Predicate, Share

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["MAX_COUNT", "RATING_CODES", "BulkRateFunction", "compile_bulk", "ratings_of"]

MAX_COUNT = 100_000
"""The largest count of one level the schemas allow: the bulk functions and every exported port accept it."""

RATING_CODES: tuple[Rating, ...] = tuple(Rating)
"""What the codes of a bulk rating mean: code ``i`` is ``RATING_CODES[i]``; ``-1`` is no rating."""

BulkRateFunction: TypeAlias = Callable[..., "npt.NDArray[np.int8]"]

_ALL = tuple(Level)


class _ArrayEmitter(SumNames):
    """Turns predicates into numpy expressions."""

    def expression(self, predicate: Predicate) -> str:
        if isinstance(predicate, Share):
            return self._share(predicate)
        if isinstance(predicate, AllOf | AnyOf):
            if not predicate.predicates:
                return "TRUE" if isinstance(predicate, AllOf) else "FALSE"
            joiner = " & " if isinstance(predicate, AllOf) else " | "
            return "(" + joiner.join(self.expression(p) for p in predicate.predicates) + ")"
        if isinstance(predicate, Not):
            return f"(~{self.expression(predicate.predicate)})"
        raise TypeError(f"not a predicate: {predicate!r}")  # pragma: no cover

    def _share(self, share: Share) -> str:
        numerator = self.total(share.of)
        denominator = self.total(share.in_)
        p, q = share.threshold.numerator, share.threshold.denominator
        compare = f"({q} * {numerator} {share.comparison.symbol} {p} * {denominator})"
        if share.in_ == _ALL:
            return compare  # n > 0 is applied to the result as a whole
        return f"(({denominator} > 0) & {compare})"


def compile_bulk(combine_exclusive: bool, conditions: Sequence[tuple[Rating, Predicate]]) -> BulkRateFunction:
    """Compile ``(rating, condition)`` pairs into ``rate_many(a, s, r, b)`` over integer arrays.

    The result is an ``int8`` array of rating codes (:data:`RATING_CODES`; ``-1`` for no rating).
    """
    import numpy as np  # noqa: PLC0415 - numpy is optional and loaded on first use

    emitter = _ArrayEmitter()
    tests = [emitter.expression(condition) for _, condition in conditions]
    codes = [RATING_CODES.index(rating) for rating, _ in conditions]
    lines = [
        "def rate_many(a, s, r, b):",
        "    n = a + s + r + b",
        "    TRUE = np.ones(n.shape, dtype=bool)",
        "    FALSE = np.zeros(n.shape, dtype=bool)",
        *(f"    {line}" for line in emitter.assignments()),
        "    out = np.full(n.shape, -1, dtype=np.int8)",
    ]
    if not combine_exclusive:
        # Assign in reverse order so the first rule that holds is the one left standing.
        for test, code in reversed(list(zip(tests, codes, strict=True))):
            lines.append(f"    out[{test}] = {code}")
    else:
        by_code: dict[int, list[str]] = {}
        for test, code in zip(tests, codes, strict=True):
            by_code.setdefault(code, []).append(test)
        lines.append("    held = FALSE.astype(np.int8)")
        for code, code_tests in by_code.items():
            lines += [f"    h{code} = {' | '.join(code_tests)}", f"    held += h{code}", f"    out[h{code}] = {code}"]
        lines.append("    out[held != 1] = -1")
    lines += ["    out[n <= 0] = -1", "    return out"]
    namespace: dict[str, Any] = {"np": np}
    exec(compile("\n".join(lines) + "\n", "<tajimi-rules bulk>", "exec"), namespace)  # noqa: S102 - integers only
    inner: Callable[..., npt.NDArray[np.int8]] = namespace["rate_many"]

    def rate_many(advanced: Any, standard: Any, needs_review: Any, behind: Any) -> npt.NDArray[np.int8]:
        arrays = [np.asarray(x, dtype=np.int64) for x in (advanced, standard, needs_review, behind)]
        shape = np.broadcast_shapes(*(x.shape for x in arrays))
        for array in arrays:
            if array.size and (array.min() < 0 or array.max() > MAX_COUNT):
                raise ValueError(f"counts must be integers from 0 to {MAX_COUNT:,}")
        return inner(*(np.broadcast_to(x, shape) for x in arrays))

    return rate_many


def ratings_of(codes: Any) -> list[Rating | None]:
    """The ratings a bulk rating's codes stand for (``None`` for ``-1``)."""
    return [RATING_CODES[code] if code >= 0 else None for code in (int(c) for c in codes)]
