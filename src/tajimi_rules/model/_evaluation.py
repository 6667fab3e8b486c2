"""The typed model: item levels, category ratings, counts, items, categories, evaluations.

Everything here is a frozen, slotted attrs class or an enum whose ``.value`` is the id used
in JSON files. Nothing here knows a threshold: how counts become a rating is a rule set's
business (:mod:`tajimi_rules.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

import attrs

from .._errors import UnknownCategoryError
from .._light._levels import IMPLEMENTING_MOVES, Level, Rating, short_counts
from .._texts import name_in

__all__ = [
    "IMPLEMENTING_MOVES",
    "Category",
    "Counts",
    "Evaluation",
    "Item",
    "Level",
    "Municipality",
    "Name",
    "Rating",
    "Remarks",
    "Source",
    "Survey",
]


def _non_negative(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative integer, got {value!r}")


@attrs.frozen
class Counts:
    """How many of a category's items sit at each level.

    >>> counts = Counts(advanced=2, standard=2, needs_review=2, behind=0)
    >>> counts.total
    6
    >>> counts.of([Level.ADVANCED, Level.STANDARD])
    4
    """

    advanced: int = attrs.field(default=0, validator=_non_negative)
    standard: int = attrs.field(default=0, validator=_non_negative)
    needs_review: int = attrs.field(default=0, validator=_non_negative)
    behind: int = attrs.field(default=0, validator=_non_negative)

    @property
    def total(self) -> int:
        """The number of items, ``n``."""
        return self.advanced + self.standard + self.needs_review + self.behind

    def __getitem__(self, level: Level) -> int:
        return int(getattr(self, level.value))

    def __iter__(self) -> Iterator[int]:
        """The four counts, best level first: ``a, s, r, b = counts``."""
        return iter((self.advanced, self.standard, self.needs_review, self.behind))

    def of(self, levels: Iterable[Level]) -> int:
        """The number of items at any of ``levels``."""
        return sum(self[level] for level in set(levels))

    def moved(self, source: Level, target: Level, k: int = 1) -> Counts:
        """These counts with ``k`` items moved from ``source`` to ``target``.

        Raises :class:`ValueError` if fewer than ``k`` items are at ``source``.
        """
        values = {level: self[level] for level in Level}
        values[source] -= k
        values[target] += k
        return Counts.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: dict[Level, int]) -> Counts:
        """Counts from a ``{Level: count}`` mapping (missing levels count 0)."""
        return cls(**{level.value: values.get(level, 0) for level in Level})

    @classmethod
    def from_levels(cls, levels: Iterable[Level]) -> Counts:
        """Count a sequence of item levels."""
        tally = dict.fromkeys(Level, 0)
        for level in levels:
            tally[level] += 1
        return cls.from_mapping(tally)

    def short(self) -> str:
        """``a/s/r/b``, as in the domain brief's tables."""
        return short_counts(self)


@attrs.frozen
class Name:
    """A name in Japanese, with an optional English rendering."""

    ja: str
    en: str | None = None

    def label(self, lang: str = "en") -> str:
        """The name in ``lang``, falling back to Japanese."""
        return name_in(lang, self.ja, self.en)


@attrs.frozen(kw_only=True)
class Item:
    """One survey item of a category.

    ``level`` is the item's level where the file states it. ``implemented`` and
    ``national_rate`` (an exact fraction in [0, 1]) are the facts a rule set's item
    grading turns into a level where it is not stated. ``cost`` is an optional relative
    cost of implementing the item.
    """

    id: str
    name: Name
    level: Level | None = None
    implemented: bool | None = None
    national_rate: Fraction | None = None
    prefecture_rate: Fraction | None = None
    cost: Fraction | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Source:
    """Where in the source document a category's statement is found."""

    page: int | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Remarks:
    """The prose under a category: 良い点 (good points) and 検討点 (points to consider)."""

    good: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Category:
    """One category of an evaluation: counts, items, or both, and what the document stated.

    ``counts`` is ``None`` where the file gives only items; see :meth:`counts_from_items`.
    ``stated_rating`` is the rating a document states (what a check compares with);
    ``computed_rating`` is a rating a program computed when it wrote the file (informative).
    """

    id: str
    group: Name
    name: Name
    counts: Counts | None = None
    items: tuple[Item, ...] = ()
    stated_rating: Rating | None = None
    computed_rating: Rating | None = None
    source: Source | None = None
    remarks: Remarks | None = None

    def counts_from_items(self) -> Counts | None:
        """The counts implied by the items' stated levels, or ``None`` if any level is unknown."""
        if not self.items or any(item.level is None for item in self.items):
            return None
        return Counts.from_levels(item.level for item in self.items if item.level is not None)


@attrs.frozen(kw_only=True)
class Municipality:
    """The local government evaluated: 6-digit 全国地方公共団体コード, name, prefecture."""

    code: str
    name: str
    prefecture: str
    name_en: str | None = None


@attrs.frozen(kw_only=True)
class Survey:
    """The survey the evaluation draws on, e.g. 令和4年度 = fiscal year 2022."""

    title: str
    fiscal_year: int


@attrs.frozen(kw_only=True)
class Evaluation:
    """A body's evaluation: who, which survey, which rule set, and its categories."""

    municipality: Municipality
    survey: Survey
    categories: tuple[Category, ...]
    rules: str | None = None
    title: str | None = None

    def category(self, category_id: str) -> Category:
        """The category with this id.

        Raises :class:`~tajimi_rules.errors.UnknownCategoryError` (a :class:`KeyError`) if
        there is none, listing the ids there are.
        """
        for category in self.categories:
            if category.id == category_id:
                return category
        raise UnknownCategoryError(category_id, (category.id for category in self.categories))
