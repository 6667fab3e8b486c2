"""Every body's evaluation from survey answers.

:func:`evaluate_answers` turns :class:`~tajimi_rules.survey.Answers` into one
:class:`~tajimi_rules.Evaluation` per body: implementation rates come from the answers
themselves (:mod:`._implementation`), each answered item is graded by the rule set's
``item_grading``, each category's counts are rated by the rule set. Writing the results is
:func:`~tajimi_rules.survey.write_batch`'s work (:mod:`._output`).

With numpy installed the work is done in columns (:mod:`._columns`): every body's levels, counts,
ratings, scores and ranks are arrays, and :class:`ColumnResults` builds a body's objects only when
they are asked for. Without numpy every body's objects are built at once (:func:`_evaluate`); the
results, and the files written from them, are the same.

The rank of a body (``rank`` in ``summary.csv``) is defined as follows. A body's *score* is
the sum over its categories of the rating's rank (advanced 3, good 2, partly deficient 1,
deficient 0; a category with no rating adds 0). Municipalities are ranked among the
municipalities of their prefecture, prefectural governments among the prefectural
governments; a body's rank is 1 + the number of bodies in the same scope with a strictly
higher score (standard competition ranking: equal scores share a rank, the next rank skips).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .._arguments import check_type
from .._errors import InvalidDocumentError, Problem, Severity, phrase, pointer
from .._texts import text
from ..documents._loaders import load_rules
from ..model import (
    Answer,
    Catalog,
    CatalogCategory,
    CatalogItem,
    Category,
    Counts,
    Evaluation,
    Item,
    Level,
    Municipality,
    Rating,
    Source,
    Survey,
)
from ..rules import RATING_CODES
from ..rules._rules import ItemGrading, RuleSet
from ._answers import Answers, Body, check_answers
from ._columns import Columns, available, tabulate, value_counts
from ._coverage import NATION, RATES_FROM_ANSWERS, RATES_OBSERVED, RATES_PUBLISHED, RateSource, coverage_of
from ._grouping import problem as worded
from ._implementation import ItemRate, RateTable, compute_rates
from ._problem import problem
from ._published import PublishedRates

__all__ = [
    "RANK_SCOPE_PREFECTURE",
    "RANK_SCOPE_PREFECTURES",
    "Batch",
    "BodyResult",
    "CategoryResult",
    "ColumnResults",
    "evaluate_answers",
]

RANK_SCOPE_PREFECTURE = "prefecture"
RANK_SCOPE_PREFECTURES = "prefectures"


@attrs.frozen(kw_only=True)
class CategoryResult:
    """One category of one body: its counts, how many items went unanswered, its rating."""

    id: str
    counts: Counts
    unanswered: int
    rating: Rating | None


@attrs.frozen(kw_only=True)
class BodyResult:
    """One body's evaluation, its categories' results, and its score and rank (see the module doc)."""

    body: Body
    evaluation: Evaluation
    categories: tuple[CategoryResult, ...]
    score: int
    rank: int = 0
    rank_of: int = 0
    rank_scope: str = RANK_SCOPE_PREFECTURE


@attrs.frozen(kw_only=True)
class Batch:
    """The evaluations of every body in one set of answers under one rule set.

    ``results`` is a sequence with one :class:`BodyResult` per body. With numpy installed it is a
    :class:`ColumnResults`, which holds every body's numbers as arrays and builds a body's objects
    each time they are asked for (so a batch of any size holds no object per body).
    """

    catalog: Catalog
    rules: RuleSet
    rates: RateTable
    results: Sequence[BodyResult]
    problems: tuple[Problem, ...] = ()
    source: RateSource | None = None
    """Where the rates come from and how much of the nation the answers cover."""

    def distribution(self) -> dict[str, Counter[Rating | None]]:
        """Per category id, how many bodies got each rating (``None``: no rating)."""
        tally: dict[str, Counter[Rating | None]] = {c.id: Counter() for c in self.catalog.categories}
        if isinstance(self.results, ColumnResults):
            return self.results.distribution(tally)
        for result in self.results:
            for category in result.categories:
                tally[category.id][category.rating] += 1
        return tally


def _grading(rules: RuleSet) -> ItemGrading:
    if rules.item_grading is None:
        missing = problem(
            "ruleset.no_item_grading",
            {"rules": rules.id},
            pointer=pointer("item_grading"),
            expected=phrase("survey.expected.item_grading"),
            found="none",
        )
        raise InvalidDocumentError([missing], kind="ruleset")
    return rules.item_grading


def _note(rules: RuleSet, unanswered: int, total: int, source: RateSource) -> str:
    # The note is data in the evaluation files, written in English like their other keys' values.
    if unanswered:
        note = text("survey.note_unanswered", "en", rules=rules.id, unanswered=unanswered, total=total)
    else:
        note = text("survey.note", "en", rules=rules.id)
    return text("survey.rates_note", "en", note=note, source=source.text("en"))


class _Notes:
    """A category's note by how many of its items went unanswered: one :class:`Source` per ``(unanswered, size)``."""

    def __init__(self, rules: RuleSet, source: RateSource) -> None:
        self.rules, self.source = rules, source
        self._made: dict[tuple[int, int], Source] = {}

    def __call__(self, unanswered: int, size: int) -> Source:
        note = self._made.get((unanswered, size))
        if note is None:
            note = self._made[unanswered, size] = Source(note=_note(self.rules, unanswered, size, self.source))
        return note


def _category(
    category: CatalogCategory, counts: Counts, items: tuple[Item, ...], rating: Rating | None, note: Source
) -> Category:
    """A body's category of the catalog's ``category``: the items it answered, their counts and rating."""
    return Category(
        id=category.id,
        group=category.group,
        name=category.name,
        counts=counts,
        items=items,
        computed_rating=rating,
        source=note,
    )


def _evaluation(body: Body, survey: Survey, categories: list[Category], rules: RuleSet) -> Evaluation:
    """A body's evaluation under ``rules``."""
    return Evaluation(
        municipality=Municipality(code=body.code, name=body.name, prefecture=body.prefecture),
        survey=survey,
        categories=tuple(categories),
        rules=rules.id,
    )


def _published_table(rates: RateTable, published: PublishedRates) -> tuple[RateTable, list[Problem]]:
    """``rates`` with its national rates (each population's) replaced by the published ones.

    An answered item with no published rate is left ungraded, with a warning.
    """
    unknown = ItemRate(implemented=0, answered=0, unanswered=0)
    populations = {"municipalities": rates.national, "prefectures": rates.prefectural_governments}
    replaced: dict[str, tuple[ItemRate, ...]] = {}
    warnings: list[Problem] = []
    for population in (*populations, "all"):
        row = tuple(published.of(item, population) or unknown for item in rates.items)
        replaced[population] = row
        observed = populations.get(population, rates.all_bodies)
        for item, given, seen in zip(rates.items, row, observed, strict=True):
            if given is unknown and seen.answered and population in populations:
                warnings.append(
                    worded(
                        "survey.no_published_rate",
                        file=published.file,
                        severity=Severity.WARNING,
                        found="-",
                        item=item,
                        population=population,
                    )
                )
    table = attrs.evolve(
        rates,
        national=replaced["municipalities"],
        prefectural_governments=replaced["prefectures"],
        all_bodies=replaced["all"],
    )
    return table, warnings


def _rates(
    answers: Answers, grading: ItemGrading, published: PublishedRates | None, nation: Mapping[str, int]
) -> tuple[RateTable, RateSource, list[Problem]]:
    sizes = nation if grading.denominator == "population" else None
    rates = compute_rates(answers, population_sizes=sizes)
    coverage = coverage_of(answers, nation)
    if published is not None:
        table, warnings = _published_table(rates, published)
        return table, RateSource(kind=RATES_PUBLISHED, coverage=coverage, file=published.file), warnings
    if coverage.national:
        return rates, RateSource(kind=RATES_FROM_ANSWERS, coverage=coverage), []
    return rates, RateSource(kind=RATES_OBSERVED, coverage=coverage), []


_Graded = tuple[list[tuple[Item, int] | None], list[tuple[Item, int] | None]]


def _graded_items(catalog: Catalog, rates: RateTable, grading: ItemGrading) -> Callable[[Body], _Graded]:
    """Per scope of comparison, each item graded as implemented and as not implemented, with its level's position.

    Items are shared by every body of a scope (the municipalities of one prefecture, or the
    prefectural governments): they depend only on the answer and the rates. An item whose
    deciding rate is unknown (nobody answered) is ``None``.
    """
    catalog_items = catalog.items
    tables: dict[str, _Graded] = {}
    level_index = {level: position for position, level in enumerate(Level)}
    # The prefectural rate goes into the items only where it decides their level; every
    # prefecture's rates are in rates.csv either way.
    by_prefecture = grading.rate == "prefecture"

    made: dict[tuple[str, bool, Fraction | None, Fraction | None], tuple[Item, int] | None] = {}

    def grade(
        source: CatalogItem, implemented: bool, national_rate: Fraction | None, prefecture_rate: Fraction | None
    ) -> tuple[Item, int] | None:
        local = prefecture_rate if by_prefecture else None
        key = (source.id, implemented, national_rate, local)
        if key not in made:
            basis = grading.rate_of(national_rate, prefecture_rate)
            if basis is None:
                made[key] = None
            else:
                level = grading.level(implemented, basis)
                item = Item(
                    id=source.id,
                    name=source.name,
                    level=level,
                    implemented=implemented,
                    national_rate=national_rate,
                    prefecture_rate=local,
                )
                made[key] = (item, level_index[level])
        return made[key]

    def table(body: Body) -> _Graded:
        scope = _scope(body)
        found = tables.get(scope)
        if found is None:
            national, prefectural = rates.rates_of(body, grading.population)
            pairs = [
                (source, n.rate, p.rate) for source, n, p in zip(catalog_items, national, prefectural, strict=True)
            ]
            found = tables[scope] = (
                [grade(source, True, n, p) for source, n, p in pairs],
                [grade(source, False, n, p) for source, n, p in pairs],
            )
        return found

    return table


_RATES = "PublishedRates or None (read them with read_published_rates())"


def evaluate_answers(
    answers: Answers,
    rules: RuleSet | str | os.PathLike[str] | None = None,
    *,
    rates: PublishedRates | None = None,
    nation: Mapping[str, int] = NATION,
) -> Batch:
    """Grade every answered item, count and rate every category, for every body.

    Rates are computed from ``answers`` (:func:`~tajimi_rules.compute_rates`), or taken from
    published ``rates`` where given; the rule set's ``item_grading`` says which rate decides,
    over which population, and where "common" begins. The batch's :attr:`Batch.source` says
    where the rates come from and how much of ``nation`` the answers cover: rates computed
    from answers that do not cover it are *observed*, not national (``tajimi-rules batch``
    refuses to grade with them unless asked). Unanswered items are left out of a category's
    counts; a category with no answered item is left out of the body's evaluation (its
    summary row has n = 0 and no rating).

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_answers(answers, "evaluate_answers")
    if rates is not None:
        check_type(rates, PublishedRates, function="evaluate_answers", parameter="rates", expected=_RATES)
    check_type(
        nation, Mapping, function="evaluate_answers", parameter="nation", expected="a Mapping of population sizes"
    )
    rule_set = load_rules(rules)
    grading = _grading(rule_set)
    rates_table, source, warnings = _rates(answers, grading, rates, nation)
    evaluate = _evaluate_columns if available() else _evaluate
    batch = evaluate(answers, rule_set, grading, rates_table, source)
    return attrs.evolve(batch, problems=(*answers.problems, *warnings))


def _spans(catalog: Catalog) -> list[tuple[int, int]]:
    """Each category's items as ``(first, last)`` positions in the catalog's item order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for category in catalog.categories:
        spans.append((start, start + len(category.items)))
        start += len(category.items)
    return spans


def _evaluate(answers: Answers, rule_set: RuleSet, grading: ItemGrading, rates: RateTable, source: RateSource) -> Batch:
    """The batch body by body, with objects: the path without numpy, and the reference for the columns."""
    catalog = answers.catalog
    spans = _spans(catalog)
    table = _graded_items(catalog, rates, grading)
    notes = _Notes(rule_set, source)
    # Count vectors repeat across bodies: each is built and rated once.
    ratings: dict[tuple[int, ...], tuple[Counts, Rating | None]] = {}
    implemented, not_implemented = Answer.IMPLEMENTED, Answer.NOT_IMPLEMENTED
    survey = catalog.survey
    layout = [(category, first, last) for category, (first, last) in zip(catalog.categories, spans, strict=True)]
    results: list[BodyResult] = []
    for body, row in zip(answers.bodies, answers.answers, strict=True):
        done, not_done = table(body)
        categories: list[Category] = []
        category_results: list[CategoryResult] = []
        score = 0
        for category, first, last in layout:
            tally = [0, 0, 0, 0]
            chosen: list[Item] = []
            for index in range(first, last):
                answer = row[index]
                entry = done[index] if answer is implemented else not_done[index] if answer is not_implemented else None
                if entry is not None:
                    tally[entry[1]] += 1
                    chosen.append(entry[0])
            key = tuple(tally)
            rated = ratings.get(key)
            if rated is None:
                counts = Counts(*tally)
                rated = ratings[key] = (counts, rule_set.rate(counts) if chosen else None)
            counts, rating = rated
            size = last - first
            unanswered = size - len(chosen)
            if rating is not None:
                score += rating.rank
            category_results.append(CategoryResult(id=category.id, counts=counts, unanswered=unanswered, rating=rating))
            if chosen:
                categories.append(_category(category, counts, tuple(chosen), rating, notes(unanswered, size)))
        evaluation = _evaluation(body, survey, categories, rule_set)
        results.append(BodyResult(body=body, evaluation=evaluation, categories=tuple(category_results), score=score))
    return Batch(
        catalog=catalog,
        rules=rule_set,
        rates=rates,
        results=tuple(_ranked(results)),
        problems=answers.problems,
        source=source,
    )


def _evaluate_columns(
    answers: Answers, rule_set: RuleSet, grading: ItemGrading, rates: RateTable, source: RateSource
) -> Batch:
    """The batch as columns (:mod:`._columns`): the same results as :func:`_evaluate`, without an object per body."""
    catalog = answers.catalog
    graded = _graded_items(catalog, rates, grading)
    scopes = [_scope(body) for body in answers.bodies]
    first_of: dict[str, Body] = {}
    for body, scope in zip(answers.bodies, scopes, strict=True):
        first_of.setdefault(scope, body)

    def positions(scope: str) -> tuple[list[int], list[int]]:
        done, not_done = graded(first_of[scope])
        return [-1 if e is None else e[1] for e in done], [-1 if e is None else e[1] for e in not_done]

    spans = _spans(catalog)
    columns = tabulate(answers.answers, scopes, positions, spans, rule_set.rate_many)
    results = ColumnResults(
        catalog=catalog, rules=rule_set, source=source, bodies=answers.bodies, graded=graded, columns=columns
    )
    return Batch(
        catalog=catalog, rules=rule_set, rates=rates, results=results, problems=answers.problems, source=source
    )


def _item(entry: tuple[Item, int] | None) -> Item:
    assert entry is not None
    return entry[0]


class ColumnResults(Sequence[BodyResult]):
    """Every body's :class:`BodyResult`, built from the batch's columns when asked for (never kept).

    The writer reads the columns themselves: :attr:`columns`, :meth:`graded` (a body's scope's
    items, each as implemented and as not) and :meth:`note`.
    """

    def __init__(
        self,
        *,
        catalog: Catalog,
        rules: RuleSet,
        source: RateSource,
        bodies: tuple[Body, ...],
        graded: Callable[[Body], _Graded],
        columns: Columns,
    ) -> None:
        self.catalog, self.rules, self.source, self.bodies = catalog, rules, source, bodies
        self.graded, self.columns = graded, columns
        self.spans = _spans(catalog)
        self.note = _Notes(rules, source)
        """The note of a category with ``unanswered`` of its ``size`` items unanswered (one object per pair)."""

    def __len__(self) -> int:
        return len(self.bodies)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._result(position) for position in range(len(self))[index]]
        return self._result(range(len(self))[index])

    def _result(self, position: int) -> BodyResult:
        body, columns = self.bodies[position], self.columns
        done, not_done = self.graded(body)
        answered = columns.answered[position].tolist()
        levels = columns.levels[position].tolist()
        ratings = columns.ratings[position].tolist()
        categories: list[Category] = []
        category_results: list[CategoryResult] = []
        for category, (first, last), tally, code in zip(
            self.catalog.categories, self.spans, columns.counts[position].tolist(), ratings, strict=True
        ):
            # A graded level means an answer and a known rate: the scope's item for it is there.
            chosen = tuple(
                _item((done if answered[index] == 1 else not_done)[index])
                for index in range(first, last)
                if levels[index] >= 0
            )
            counts = Counts(*tally)
            rating = RATING_CODES[code] if code >= 0 else None
            unanswered = last - first - len(chosen)
            category_results.append(CategoryResult(id=category.id, counts=counts, unanswered=unanswered, rating=rating))
            if chosen:
                categories.append(_category(category, counts, chosen, rating, self.note(unanswered, last - first)))
        evaluation = _evaluation(body, self.catalog.survey, categories, self.rules)
        return BodyResult(
            body=body,
            evaluation=evaluation,
            categories=tuple(category_results),
            score=int(columns.scores[position]),
            rank=int(columns.ranks[position]),
            rank_of=int(columns.rank_of[position]),
            rank_scope=RANK_SCOPE_PREFECTURES if body.is_prefecture else RANK_SCOPE_PREFECTURE,
        )

    def distribution(self, tally: dict[str, Counter[Rating | None]]) -> dict[str, Counter[Rating | None]]:
        """``tally`` filled with how many bodies got each rating per category (``None``: no rating)."""
        codes = self.columns.ratings
        for column, category in enumerate(self.catalog.categories):
            for code, count in value_counts(codes[:, column]):
                tally[category.id][RATING_CODES[code] if code >= 0 else None] += count
        return tally


def _ranked(results: list[BodyResult]) -> Iterator[BodyResult]:
    scopes: dict[str, list[int]] = {}
    for result in results:
        scopes.setdefault(_scope(result.body), []).append(result.score)
    for scores in scopes.values():
        scores.sort(reverse=True)
    for result in results:
        scores = scopes[_scope(result.body)]
        yield attrs.evolve(
            result,
            rank=1 + _higher(scores, result.score),
            rank_of=len(scores),
            rank_scope=RANK_SCOPE_PREFECTURES if result.body.is_prefecture else RANK_SCOPE_PREFECTURE,
        )


def _scope(body: Body) -> str:
    return RANK_SCOPE_PREFECTURES if body.is_prefecture else body.prefecture_code


def _higher(descending: list[int], score: int) -> int:
    """How many scores in a descending list are strictly higher than ``score``."""
    low, high = 0, len(descending)
    while low < high:
        middle = (low + high) // 2
        if descending[middle] > score:
            low = middle + 1
        else:
            high = middle
    return low
