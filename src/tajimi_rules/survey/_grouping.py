"""Problems a person can read: built from a code and fields, grouped when they repeat, bounded.

A national file with a systematic fault (every code in the wrong form, one column misread) gives
the same problem on every row. :func:`group_problems` folds identical problems into one
:class:`ProblemGroup` that keeps the first and the count and the first few places;
:func:`bound_groups` keeps at most ``max_problems`` of them. Two problems are identical when they
have the same code, severity and file, and the same *shape* of ``expected`` and ``found``: the
texts with every digit read as ``9`` (so ``'12017'`` and ``'13101'``, both five digits, are alike).

>>> from tajimi_rules.errors import Problem
>>> rows = [Problem(code="x", message=f"row {n}", line=n, found=f"'{n}'", file="f") for n in (10, 11, 12)]
>>> [group.count for group in group_problems(rows)]
[3]
>>> print(group_problems(rows)[0].text("en"))
f:10:1: row 10 (found '10') — and 2 more like it (f:11:1, f:12:1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from .._arguments import check_count, check_type, wrong_type
from .._errors import Problem, Severity, problem
from .._texts import Lang, text

__all__ = ["DEFAULT_PLACES", "ProblemGroup", "bound_groups", "group_problems", "left_off_text", "problem"]

DEFAULT_PLACES = 3
"""How many places of a group are named (the first problem and the next ones)."""

_DIGIT = re.compile(r"[0-9]")


def _shape(value: str | None) -> str | None:
    return None if value is None else _DIGIT.sub("9", value)


def _key(item: Problem) -> tuple[object, ...]:
    return (item.code, item.severity, item.file, _shape(item.expected), _shape(item.found))


@attrs.frozen
class ProblemGroup:
    """Identical problems: the first, how many there are, and the first few of them (the first included)."""

    first: Problem
    count: int
    places: tuple[Problem, ...]

    @property
    def severity(self) -> Severity:
        """The severity the group's problems share."""
        return self.first.severity

    def text(self, lang: Lang | str = "en") -> str:
        """One line: the first problem, then how many more there are and where the next ones are."""
        first = self.first.text(lang)
        if self.count == 1:
            return first
        shown = ", ".join(p.location for p in self.places[1:])
        etc = text("grouped.etc", lang) if self.count > len(self.places) else ""
        return text("grouped.more", lang, first=first, more=self.count - 1, places=shown, etc=etc)


def group_problems(problems: Iterable[Problem], *, places: int = DEFAULT_PLACES) -> tuple[ProblemGroup, ...]:
    """Identical problems folded into groups, in the order each group first occurs.

    A wrong argument raises :class:`TypeError` naming it (:class:`ValueError` for a negative ``places``).
    """
    if not isinstance(problems, Iterable):
        raise wrong_type("group_problems", "problems", "an iterable of Problem", problems)
    check_count(places, function="group_problems", parameter="places")
    firsts: dict[tuple[object, ...], Problem] = {}
    counts: dict[tuple[object, ...], int] = {}
    kept: dict[tuple[object, ...], list[Problem]] = {}
    for item in problems:
        key = _key(item)
        if key not in firsts:
            firsts[key], counts[key], kept[key] = item, 0, []
        counts[key] += 1
        if len(kept[key]) < max(places, 1):
            kept[key].append(item)
    return tuple(ProblemGroup(firsts[key], counts[key], tuple(kept[key])) for key in firsts)


def bound_groups(groups: Sequence[ProblemGroup], max_problems: int | None) -> tuple[tuple[ProblemGroup, ...], int]:
    """At most ``max_problems`` groups, errors before warnings, and how many problems were left off.

    ``None`` keeps every group. The count left off counts problems, not groups.

    A wrong argument raises :class:`TypeError` naming it (:class:`ValueError` for a negative ``max_problems``).
    """
    check_type(groups, Sequence, function="bound_groups", parameter="groups", expected="a sequence of ProblemGroup")
    if max_problems is not None:
        check_count(max_problems, function="bound_groups", parameter="max_problems")
    ordered = sorted(groups, key=lambda group: group.severity is Severity.WARNING)
    if max_problems is None or len(ordered) <= max_problems:
        return tuple(ordered), 0
    kept = tuple(ordered[: max(max_problems, 0)])
    return kept, sum(group.count for group in ordered[len(kept) :])


def left_off_text(count: int, bound: int, lang: Lang | str = "en") -> str:
    """The closing line of a bounded list: how many problems were not shown."""
    return text("grouped.left_off", lang, count=count, bound=bound)
