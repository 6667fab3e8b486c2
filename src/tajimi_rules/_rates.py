"""Implementation rates computed from the answers themselves, exactly.

For every catalog item, the *national* rate is the share of all bodies in the answers that
implement it, and the *prefectural* rate of prefecture ``PP`` is the share among the bodies
whose code starts with ``PP`` (its municipalities and the prefectural government itself).
A body that did not answer an item is left out of that item's denominator and counted as
``unanswered``; the rate is ``None`` when nobody in the scope answered.

>>> rate = ItemRate(implemented=3, answered=4, unanswered=1)
>>> rate.rate, rate.text()
(Fraction(3, 4), '3/4')
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import attrs

from ._answers import Answers
from ._catalog import Answer

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
    """Every item's national rate and its rate in each prefecture (by two-digit code)."""

    items: tuple[str, ...]
    national: tuple[ItemRate, ...]
    prefectures: Mapping[str, tuple[ItemRate, ...]]

    def national_rate(self, item_id: str) -> ItemRate:
        """The national rate of one item; :class:`ValueError` for an unknown id."""
        return self.national[self.items.index(item_id)]

    def prefecture_rate(self, prefecture_code: str, item_id: str) -> ItemRate:
        """The rate of one item in one prefecture; :class:`KeyError` if nobody there answered."""
        return self.prefectures[prefecture_code][self.items.index(item_id)]


def _tally(rows: list[tuple[Answer, ...]], width: int) -> tuple[ItemRate, ...]:
    total = len(rows)
    columns = zip(*rows, strict=True) if rows else iter([()] * width)
    rates = []
    for column in columns:
        done, not_done = column.count(Answer.IMPLEMENTED), column.count(Answer.NOT_IMPLEMENTED)
        rates.append(ItemRate(implemented=done, answered=done + not_done, unanswered=total - done - not_done))
    return tuple(rates)


def compute_rates(answers: Answers) -> RateTable:
    """Count every item's implementation, nationally and per prefecture."""
    items = tuple(item.id for item in answers.catalog.items)
    by_prefecture: dict[str, list[tuple[Answer, ...]]] = {}
    for body, row in zip(answers.bodies, answers.answers, strict=True):
        by_prefecture.setdefault(body.prefecture_code, []).append(row)
    return RateTable(
        items=items,
        national=_tally(list(answers.answers), len(items)),
        prefectures={code: _tally(rows, len(items)) for code, rows in sorted(by_prefecture.items())},
    )
