"""The pieces the suggestions' sentences are built from: ratings, goals, items, rates and moves in words.

Every sentence comes from the text table (``suggestions.*`` message ids); these functions
choose the message and fill in its fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .._fractions import format_fraction, format_percent
from .._texts import text
from ..model import Item, Level, Rating

__all__ = ["examples", "goal", "item_text", "listed", "move_text", "number", "value"]


def value(rating: Rating | None) -> str | None:
    """A rating's JSON value, ``None`` for no rating."""
    return rating.value if rating is not None else None


def number(amount: Fraction) -> int | str:
    """A cost as JSON: an integer when whole, else a fraction string."""
    return amount.numerator if amount.denominator == 1 else format_fraction(amount)


def goal(target: Rating, exact: bool, lang: str) -> str:
    """The target as aimed at: ``at least good`` (「良好以上」), or ``good`` itself when ``exact``."""
    return text("suggestions.goal.exact" if exact else "suggestions.goal.at_least", lang, target=target.label(lang))


def listed(parts: Iterable[str], lang: str) -> str:
    """Parts joined as a list: ``a, b`` (「a、b」)."""
    return text("suggestions.list", lang).join(parts)


def examples(names: Iterable[str], lang: str) -> str:
    """Item names as examples: ``a, b`` (「a」「b」)."""
    return text("suggestions.examples", lang).join(text("suggestions.example", lang, name=name) for name in names)


def _rates(item: Item, lang: str) -> str:
    approx = text("suggestions.approx", lang)
    parts = []
    if item.national_rate is not None:
        parts.append(text("suggestions.rate.national", lang, rate=format_percent(item.national_rate, approx)))
    if item.prefecture_rate is not None:
        parts.append(text("suggestions.rate.prefecture", lang, rate=format_percent(item.prefecture_rate, approx)))
    return text("suggestions.rates", lang, rates=listed(parts, lang)) if parts else ""


def item_text(item: Item, level: Level, lang: str) -> str:
    """An item, its level and its rates: ``Name: advanced (national rate 9.2%)``."""
    return text(
        "suggestions.item_level", lang, name=item.name.label(lang), level=level.label(lang), rates=_rates(item, lang)
    )


def move_text(source: Level | None, target: Level, count: int, lang: str) -> str:
    """``count`` items moving from ``source`` (``None``: new items) to ``target``.

    For example ``implementing 3 behind items (→ standard)``.
    """
    if source is None:
        kind = "new"
    elif source.implemented != target.implemented:
        kind = "implement" if target.implemented else "drop"
    else:
        kind = "common" if target.common else "rarer"
    source_label = source.label(lang) if source is not None else ""
    return text(f"suggestions.move.{kind}", lang, count=count, source=source_label, target=target.label(lang))
