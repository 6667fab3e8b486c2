"""Implementation rates computed from the answers themselves, exactly.

Rates compare like with like. A municipality is compared with municipalities: its *national*
rate of an item is the share of all municipalities in the answers that implement it, and its
*prefectural* rate the share among the municipalities of its own prefecture (the prefectural
government is not one of them). A prefectural government is compared with the prefectural
governments: its national rate is the share among the prefectural governments in the answers;
having no narrower peer group, its prefectural rate is that same share (so a rule set that
grades by the prefectural rate still grades it, against its peers). A body that did not answer
an item is left out of that item's denominator and counted as ``unanswered``; the rate is
``None`` when nobody in the scope answered.

>>> rate = ItemRate(implemented=3, answered=4, unanswered=1)
>>> rate.rate, rate.text()
(Fraction(3, 4), '3/4')
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import attrs

from .._arguments import check_type
from ..model import Answer
from ._answers import Answers, Body, check_answers

__all__ = ["ItemRate", "RateTable", "compute_rates"]


@attrs.frozen
class ItemRate:
    """How many bodies of a scope implement one item, out of how many answered.

    ``of``, when given, is the denominator instead of ``answered``: every body of the population
    (a rule set whose grading divides by the population). ``share`` is a published rate given
    only as a percentage; it is the rate, and the counts are then zero.
    """

    implemented: int
    answered: int
    unanswered: int
    of: int | None = None
    share: Fraction | None = None

    @property
    def denominator(self) -> int:
        """What the rate divides by: ``of`` when given, else ``answered``."""
        return self.answered if self.of is None else self.of

    @property
    def rate(self) -> Fraction | None:
        """``implemented / answered`` (or ``/ of``) exactly, or the published share; ``None`` when unknown."""
        if self.share is not None:
            return self.share
        return Fraction(self.implemented, self.denominator) if self.denominator else None

    def text(self) -> str:
        """``"implemented/answered"`` (unreduced, so the denominator stays visible); a share as a percentage."""
        if self.share is not None:
            tenths = round(self.share * 1000)  # exact rounding of a fraction, for display only
            return f"{tenths // 10}.{tenths % 10}%"
        return f"{self.implemented}/{self.denominator}"


@attrs.frozen(kw_only=True)
class RateTable:
    """Every item's rate in each scope of comparison.

    ``national``: over all municipalities; ``prefectures``: over the municipalities of each
    prefecture (by two-digit code); ``prefectural_governments``: over the prefectural
    governments. Each tuple follows ``items``.
    """

    items: tuple[str, ...]
    national: tuple[ItemRate, ...]
    prefectures: Mapping[str, tuple[ItemRate, ...]]
    prefectural_governments: tuple[ItemRate, ...] = ()
    all_bodies: tuple[ItemRate, ...] = ()

    def national_rate(self, item_id: str) -> ItemRate:
        """The rate of one item over all municipalities; :class:`ValueError` for an unknown id."""
        return self.national[self.items.index(item_id)]

    def prefecture_rate(self, prefecture_code: str, item_id: str) -> ItemRate:
        """The rate of one item over the municipalities of one prefecture; :class:`KeyError` if none answered."""
        return self.prefectures[prefecture_code][self.items.index(item_id)]

    def prefectural_government_rate(self, item_id: str) -> ItemRate:
        """The rate of one item over the prefectural governments."""
        return self.prefectural_governments[self.items.index(item_id)]

    def rates_of(self, body: Body, population: str = "peers") -> tuple[tuple[ItemRate, ...], tuple[ItemRate, ...]]:
        """The (national, prefectural) rates a body is compared by, per item (see the module doc).

        ``population`` (an item grading's) chooses the national rate: the body's ``peers``,
        ``municipalities``, ``prefectures`` (prefectural governments) or ``all`` bodies.
        """
        local = self.prefectural_governments if body.is_prefecture else self.prefectures[body.prefecture_code]
        if population == "municipalities":
            return self.national, local
        if population == "prefectures":
            return self.prefectural_governments, local
        if population == "all":
            return self.all_bodies, local
        return (self.prefectural_governments if body.is_prefecture else self.national), local


def _tally(rows: list[tuple[Answer, ...]], width: int, of: int | None = None) -> tuple[ItemRate, ...]:
    total = len(rows)
    columns = zip(*rows, strict=True) if rows else iter([()] * width)
    rates = []
    for column in columns:
        done, not_done = column.count(Answer.IMPLEMENTED), column.count(Answer.NOT_IMPLEMENTED)
        rates.append(ItemRate(implemented=done, answered=done + not_done, unanswered=total - done - not_done, of=of))
    return tuple(rates)


_SIZES = "a Mapping of population sizes or None"


def compute_rates(answers: Answers, *, population_sizes: Mapping[str, int] | None = None) -> RateTable:
    """Count every item's implementation: municipalities nationally and per prefecture, prefectural governments.

    With ``population_sizes`` (``{"municipalities": 1741, "prefectures": 47}``) the national
    rates divide by every body of their population instead of the bodies that answered.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_answers(answers, "compute_rates")
    if population_sizes is not None:
        check_type(population_sizes, Mapping, function="compute_rates", parameter="population_sizes", expected=_SIZES)
    items = tuple(item.id for item in answers.catalog.items)
    municipalities: list[tuple[Answer, ...]] = []
    governments: list[tuple[Answer, ...]] = []
    by_prefecture: dict[str, list[tuple[Answer, ...]]] = {}
    for body, row in zip(answers.bodies, answers.answers, strict=True):
        if body.is_prefecture:
            governments.append(row)
        else:
            municipalities.append(row)
            by_prefecture.setdefault(body.prefecture_code, []).append(row)
    sizes = population_sizes or {}
    every = sizes.get("municipalities", 0) + sizes.get("prefectures", 0) if sizes else None
    return RateTable(
        items=items,
        national=_tally(municipalities, len(items), sizes.get("municipalities")),
        prefectures={code: _tally(rows, len(items)) for code, rows in sorted(by_prefecture.items())},
        prefectural_governments=_tally(governments, len(items), sizes.get("prefectures")),
        all_bodies=_tally([*municipalities, *governments], len(items), every),
    )
