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

from ..model import Answer
from ._answers import Answers, Body

__all__ = ["ItemRate", "RateTable", "compute_rates"]


@attrs.frozen
class ItemRate:
    """How many bodies of a scope implement one item, out of how many answered."""

    implemented: int
    answered: int
    unanswered: int

    @property
    def rate(self) -> Fraction | None:
        """``implemented / answered`` exactly; ``None`` when nobody answered."""
        return Fraction(self.implemented, self.answered) if self.answered else None

    def text(self) -> str:
        """``"implemented/answered"`` (unreduced, so the denominator stays visible)."""
        return f"{self.implemented}/{self.answered}"


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

    def national_rate(self, item_id: str) -> ItemRate:
        """The rate of one item over all municipalities; :class:`ValueError` for an unknown id."""
        return self.national[self.items.index(item_id)]

    def prefecture_rate(self, prefecture_code: str, item_id: str) -> ItemRate:
        """The rate of one item over the municipalities of one prefecture; :class:`KeyError` if none answered."""
        return self.prefectures[prefecture_code][self.items.index(item_id)]

    def prefectural_government_rate(self, item_id: str) -> ItemRate:
        """The rate of one item over the prefectural governments."""
        return self.prefectural_governments[self.items.index(item_id)]

    def rates_of(self, body: Body) -> tuple[tuple[ItemRate, ...], tuple[ItemRate, ...]]:
        """The (national, prefectural) rates a body is compared by, per item (see the module doc)."""
        if body.is_prefecture:
            return self.prefectural_governments, self.prefectural_governments
        return self.national, self.prefectures[body.prefecture_code]


def _tally(rows: list[tuple[Answer, ...]], width: int) -> tuple[ItemRate, ...]:
    total = len(rows)
    columns = zip(*rows, strict=True) if rows else iter([()] * width)
    rates = []
    for column in columns:
        done, not_done = column.count(Answer.IMPLEMENTED), column.count(Answer.NOT_IMPLEMENTED)
        rates.append(ItemRate(implemented=done, answered=done + not_done, unanswered=total - done - not_done))
    return tuple(rates)


def compute_rates(answers: Answers) -> RateTable:
    """Count every item's implementation: municipalities nationally and per prefecture, prefectural governments."""
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
    return RateTable(
        items=items,
        national=_tally(municipalities, len(items)),
        prefectures={code: _tally(rows, len(items)) for code, rows in sorted(by_prefecture.items())},
        prefectural_governments=_tally(governments, len(items)),
    )
