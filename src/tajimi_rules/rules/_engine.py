"""The rating engine: compile a rule set once into plain Python functions over four integers.

A rule set's conditions are turned into one Python function whose body is straight-line
integer arithmetic: each share becomes a cross-multiplication such as ``3 * (a + s) >= 2 * n``,
each sum of levels is computed once, and the rules are tested in order. The generated source
is built only from integers and local names (never from text in the rule file), so compiling
it is safe. Nothing here names a threshold, a category or a rating: those come from the data.

A category with no items (n = 0) is never rated: both functions return "no rating" for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

from ..model import Counts, Level, Rating
from ._predicates import AllOf, AnyOf, Not, Predicate, Share

__all__ = ["MatchFunction", "RateFunction", "SumNames", "compile_rules"]

RateFunction: TypeAlias = Callable[[Counts], Rating | None]
MatchFunction: TypeAlias = Callable[[Counts], int]

_VARIABLE = {
    Level.ADVANCED: "a",
    Level.STANDARD: "s",
    Level.NEEDS_REVIEW: "r",
    Level.BEHIND: "b",
}
_ALL = tuple(Level)


class SumNames:
    """Names each sum of levels once (``a_s`` for advanced + standard; ``n`` for all), for generated code."""

    def __init__(self) -> None:
        self.sums: dict[tuple[Level, ...], str] = {_ALL: "n"}

    def total(self, levels: tuple[Level, ...]) -> str:
        if len(levels) == 1:
            return _VARIABLE[levels[0]]
        if levels not in self.sums:
            self.sums[levels] = "_".join(_VARIABLE[level] for level in levels)
        return self.sums[levels]

    def assignments(self) -> list[str]:
        return [
            f"{name} = {' + '.join(_VARIABLE[level] for level in levels)}"
            for levels, name in self.sums.items()
            if levels != _ALL
        ]


class _Emitter(SumNames):
    """Turns predicates into Python expressions."""

    def expression(self, predicate: Predicate) -> str:
        if isinstance(predicate, Share):
            return self._share(predicate)
        if isinstance(predicate, AllOf):
            if not predicate.predicates:
                return "True"
            return "(" + " and ".join(self.expression(p) for p in predicate.predicates) + ")"
        if isinstance(predicate, AnyOf):
            if not predicate.predicates:
                return "False"
            return "(" + " or ".join(self.expression(p) for p in predicate.predicates) + ")"
        if isinstance(predicate, Not):
            return f"(not {self.expression(predicate.predicate)})"
        raise TypeError(f"not a predicate: {predicate!r}")  # pragma: no cover

    def _share(self, share: Share) -> str:
        numerator = self.total(share.of)
        denominator = self.total(share.in_)
        p, q = share.threshold.numerator, share.threshold.denominator
        left = numerator if q == 1 else f"{q} * {numerator}"
        right = denominator if p == 1 else f"{p} * {denominator}"
        compare = f"{left} {share.comparison.symbol} {right}"
        if share.in_ == _ALL:
            # n > 0 is established before any rule is tested.
            return f"({compare})"
        return f"({denominator} > 0 and {compare})"


def compile_rules(
    combine_exclusive: bool,
    conditions: Sequence[tuple[Rating, Predicate]],
    *,
    name: str = "rules",
) -> tuple[RateFunction, MatchFunction, str]:
    """Compile ``(rating, condition)`` pairs into ``(rate, matches, source)``.

    ``rate(counts)`` gives the rating or ``None``. Under first-match combination the first
    rule whose condition holds wins; under exclusive combination exactly one rating's
    conditions may hold, and a vector matched by rules of two different ratings is
    ambiguous (``None``), like one matched by none. ``matches(counts)`` gives the bit set of
    the rules whose condition holds (bit ``i`` for rule ``i``). ``source`` is the generated
    code, for the curious and for debugging.
    """
    emitter = _Emitter()
    tests = [emitter.expression(condition) for _, condition in conditions]

    def head(empty: str) -> list[str]:
        return [
            "    a = counts.advanced",
            "    s = counts.standard",
            "    r = counts.needs_review",
            "    b = counts.behind",
            "    n = a + s + r + b",
            "    if n <= 0:",
            f"        return {empty}",
            *(f"    {line}" for line in emitter.assignments()),
        ]

    namespace: dict[str, object] = {f"R{index}": rating for index, (rating, _) in enumerate(conditions)}

    rate_body = ["def rate(counts):", *head("None")]
    if not combine_exclusive:
        for index, test in enumerate(tests):
            rate_body += [f"    if {test}:", f"        return R{index}"]
        rate_body.append("    return None")
    else:
        rate_body.append("    found = None")
        for index, test in enumerate(tests):
            rate_body += [
                f"    if {test}:",
                f"        if found is not None and found is not R{index}:",
                "            return None",
                f"        found = R{index}",
            ]
        rate_body.append("    return found")

    match_body = ["def matches(counts):", *head("0")]
    match_body.append("    bits = 0")
    for index, test in enumerate(tests):
        match_body += [f"    if {test}:", f"        bits |= {1 << index}"]
    match_body.append("    return bits")

    source = "\n".join(rate_body) + "\n\n\n" + "\n".join(match_body) + "\n"
    code = compile(source, f"<tajimi-rules {name!r}>", "exec")
    exec(code, namespace)  # noqa: S102 - source built from integers and fixed names only
    rate: RateFunction = namespace["rate"]  # type: ignore[assignment]
    matches: MatchFunction = namespace["matches"]  # type: ignore[assignment]
    return rate, matches, source
