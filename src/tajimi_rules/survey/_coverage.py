"""Coverage: how much of the nation a set of answers covers, and where its rates come from.

A rate called *national* must be over the nation. MIC reports 47 prefectural governments and
1,741 municipalities (:data:`NATION`); answers that hold fewer bodies of a population can only
give rates *within the observed bodies*. :func:`coverage_of` counts what the answers hold,
:class:`RateSource` records where a batch's rates come from (the answers, covering the nation;
the observed bodies only, as asked; or published rates read from a file), and every output of a
batch states both.

>>> from tajimi_rules.survey import Answers, Body, load_catalog
>>> gifu = Body(code="212041", name="多治見市", prefecture="岐阜県")
>>> answers = Answers(catalog=load_catalog("r4"), bodies=(gifu,), answers=((),))
>>> print(coverage_of(answers).text("en"))
1 of 1,788 bodies, 1 of 47 prefectures (1 of 1,741 municipalities, 0 of 47 prefectural governments)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

import attrs

from .._arguments import check_count, check_type
from .._texts import Lang, text
from ..errors import Problem, Severity, phrase
from ..model import Answer
from ._answers import Answers, check_answers
from ._grouping import problem

__all__ = [
    "NATION",
    "RATES_FROM_ANSWERS",
    "RATES_OBSERVED",
    "RATES_PUBLISHED",
    "Coverage",
    "RateSource",
    "coverage_of",
    "empty_categories",
]

NATION: Mapping[str, int] = MappingProxyType({"prefectures": 47, "municipalities": 1741})
"""The bodies of the nation by population, as MIC's survey reports them (R4: 47 prefectural
governments, 1,741 municipalities including Tokyo's 23 special wards; 1,788 in all)."""

RateKind = Literal["answers", "observed", "published"]
"""Where rates come from: answers covering the nation, the observed bodies only, or a published file."""

RATES_FROM_ANSWERS: Final = "answers"
RATES_OBSERVED: Final = "observed"
RATES_PUBLISHED: Final = "published"


@attrs.frozen(kw_only=True)
class Coverage:
    """How many bodies of each population the answers hold, out of the nation's."""

    municipalities: int
    prefectural_governments: int
    prefectures: int
    """Prefectures with at least one body (a government or a municipality) in the answers."""
    nation: Mapping[str, int] = NATION

    @property
    def bodies(self) -> int:
        """Bodies in the answers."""
        return self.municipalities + self.prefectural_governments

    @property
    def all_bodies(self) -> int:
        """Bodies of the nation."""
        return self.nation["municipalities"] + self.nation["prefectures"]

    def covers(self, population: str) -> bool:
        """Whether every body of ``population`` (``municipalities``, ``prefectures`` or ``all``) is present."""
        municipalities = self.municipalities >= self.nation["municipalities"]
        governments = self.prefectural_governments >= self.nation["prefectures"]
        if population == "municipalities":
            return municipalities
        if population == "prefectures":
            return governments
        return municipalities and governments

    @property
    def national(self) -> bool:
        """Whether each population the answers hold bodies of is complete (its rates are national)."""
        return (not self.municipalities or self.covers("municipalities")) and (
            not self.prefectural_governments or self.covers("prefectures")
        )

    def text(self, lang: Lang | str = "en") -> str:
        """``43 of 1,788 bodies, 1 of 47 prefectures (42 of 1,741 municipalities, 1 of 47 prefectural governments)``."""
        return text(
            "coverage.text",
            lang,
            bodies=self.bodies,
            all_bodies=self.all_bodies,
            prefectures=self.prefectures,
            all_prefectures=self.nation["prefectures"],
            municipalities=self.municipalities,
            all_municipalities=self.nation["municipalities"],
            governments=self.prefectural_governments,
        )


def coverage_of(answers: Answers, nation: Mapping[str, int] = NATION) -> Coverage:
    """Count the bodies of each population in ``answers``, against ``nation``.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_answers(answers, "coverage_of")
    check_type(nation, Mapping, function="coverage_of", parameter="nation", expected="a Mapping of population sizes")
    governments = sum(1 for body in answers.bodies if body.is_prefecture)
    return Coverage(
        municipalities=len(answers.bodies) - governments,
        prefectural_governments=governments,
        prefectures=len({body.prefecture_code for body in answers.bodies}),
        nation=nation,
    )


@attrs.frozen(kw_only=True)
class RateSource:
    """Where a batch's implementation rates come from, and the coverage of its answers.

    ``kind``: ``answers`` (computed from answers that cover the nation), ``observed`` (computed
    within the observed bodies only, as asked), ``published`` (read from ``file``).
    """

    kind: RateKind
    coverage: Coverage
    file: str | None = None

    @property
    def national(self) -> bool:
        """Whether the rates are over the nation (published, or from answers covering it)."""
        return self.kind == RATES_PUBLISHED or (self.kind == RATES_FROM_ANSWERS and self.coverage.national)

    def text(self, lang: Lang | str = "en") -> str:
        """One line for an output: where the rates come from and the answers' coverage."""
        return text(f"coverage.source.{self.kind}", lang, coverage=self.coverage.text(lang), file=self.file or "")


def empty_categories(answers: Answers, *, shown: int = 8) -> tuple[Problem, ...]:
    """One warning naming the categories in which no body answered any item (left out of every evaluation).

    Nothing when every category has an answer, or when there are no answers at all.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_answers(answers, "empty_categories")
    check_count(shown, function="empty_categories", parameter="shown")
    if not answers.bodies:
        return ()
    empty = []
    start = 0
    rows = answers.answers
    for category in answers.catalog.categories:
        span = range(start, start + len(category.items))
        start += len(category.items)
        if not any(row[index] is not Answer.NOT_ANSWERED for row in rows for index in span):
            empty.append(category.id)
    if not empty:
        return ()
    named = ", ".join(empty[:shown]) + (", …" if len(empty) > shown else "")
    warning = problem(
        "survey.empty_category",
        file=answers.file,
        severity=Severity.WARNING,
        expected=phrase("survey.words.answered_item"),
        found="0",
        count=len(empty),
        total=len(answers.catalog.categories),
        categories=named,
    )
    return (warning,)
