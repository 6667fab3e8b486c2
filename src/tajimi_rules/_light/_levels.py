"""The two scales of the method: an item's level and a category's rating, as enums.

Each member's ``.value`` is the id used in JSON files; each has its label in English and
Japanese. They are the model's (:mod:`tajimi_rules.model` exports them) and live here, in the
standard-library core, so that what needs only the scales loads nothing else.
"""

from __future__ import annotations

import enum

from .._texts import text

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["IMPLEMENTING_MOVES", "Level", "Rating", "short_counts"]


class Level(enum.Enum):
    """How one survey item stands: does the body do it, and is it common nationally.

    Levels are listed from best to worst. ``Level.of(implemented, common)`` is the grid
    behind them: implemented and rare is ``ADVANCED``, implemented and common ``STANDARD``,
    not implemented and rare ``NEEDS_REVIEW``, not implemented and common ``BEHIND``.
    """

    ADVANCED = "advanced"
    STANDARD = "standard"
    NEEDS_REVIEW = "needs_review"
    BEHIND = "behind"

    @property
    def ja(self) -> str:
        """The Japanese label used in the source document (先進的, 普通, ...)."""
        return self.label("ja")

    @property
    def en(self) -> str:
        """The English label ("advanced", "standard", "needs review", "behind")."""
        return self.label("en")

    @property
    def implemented(self) -> bool:
        """Whether an item at this level is one the body does."""
        return self in (Level.ADVANCED, Level.STANDARD)

    @property
    def common(self) -> bool:
        """Whether an item at this level is done by most bodies nationally."""
        return self in (Level.STANDARD, Level.BEHIND)

    @classmethod
    def of(cls, implemented: bool, common: bool) -> Level:
        """The level of an item from the two facts that place it."""
        if implemented:
            return cls.STANDARD if common else cls.ADVANCED
        return cls.BEHIND if common else cls.NEEDS_REVIEW

    @property
    def when_implemented(self) -> Level:
        """The level this item would have if the body implemented it (rarity unchanged).

        ``NEEDS_REVIEW`` becomes ``ADVANCED`` and ``BEHIND`` becomes ``STANDARD``;
        an implemented level stays as it is.
        """
        return Level.of(True, self.common)

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``"ja"`` or ``"en"``)."""
        return text(f"level.{self.value}", lang)


IMPLEMENTING_MOVES: tuple[tuple[Level, Level], ...] = (
    (Level.NEEDS_REVIEW, Level.ADVANCED),
    (Level.BEHIND, Level.STANDARD),
)
"""The one-item changes that are "doing more": implementing an item, its national rarity unchanged."""


class Rating(enum.Enum):
    """A category's rating, from best (``ADVANCED``) to worst (``DEFICIENT``).

    Ratings are ordered: ``Rating.GOOD.rank > Rating.PARTLY_DEFICIENT.rank``.
    """

    ADVANCED = "advanced"
    GOOD = "good"
    PARTLY_DEFICIENT = "partly_deficient"
    DEFICIENT = "deficient"

    @property
    def ja(self) -> str:
        """The Japanese label used in the source document (先進的, 良好, ...)."""
        return self.label("ja")

    @property
    def en(self) -> str:
        """The English label ("advanced", "good", "partly deficient", "deficient")."""
        return self.label("en")

    @property
    def rank(self) -> int:
        """3 for the best rating down to 0 for the worst."""
        return _RATING_RANK[self]

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``"ja"`` or ``"en"``)."""
        return text(f"rating.{self.value}", lang)


_RATING_RANK = {rating: 3 - index for index, rating in enumerate(Rating)}


def short_counts(counts: Iterable[int]) -> str:
    """Four counts, best level first, written ``a/s/r/b`` as in the domain brief's tables.

    >>> short_counts((6, 7, 8, 0))
    '6/7/8/0'
    """
    return "/".join(map(str, counts))
