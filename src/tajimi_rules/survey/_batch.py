"""Every body's evaluation from survey answers, and the files a batch run writes.

:func:`evaluate_answers` turns :class:`~tajimi_rules.Answers` into one
:class:`~tajimi_rules.Evaluation` per body: rates come from the answers themselves
(:mod:`tajimi_rules._rates`), each answered item is graded by the rule set's
``item_grading``, each category's counts are rated by the rule set. :func:`write_batch`
writes the lot into a directory, atomically: everything goes into a temporary directory
beside the target, which is renamed into place only when every file is written.

The rank of a body (``rank`` in ``summary.csv``) is defined as follows. A body's *score* is
the sum over its categories of the rating's rank (advanced 3, good 2, partly deficient 1,
deficient 0; a category with no rating adds 0). Municipalities are ranked among the
municipalities of their prefecture, prefectural governments among the prefectural
governments; a body's rank is 1 + the number of bodies in the same scope with a strictly
higher score (standard competition ranking: equal scores share a rank, the next rank skips).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from .._convert import make_converter
from .._errors import InvalidDocumentError, OutputExistsError, Problem, pointer
from .._fractions import rate_to_json
from ..documents._loaders import load_rules
from ..model import (
    Answer,
    Catalog,
    CatalogItem,
    Category,
    Counts,
    Evaluation,
    Item,
    Level,
    Municipality,
    Rating,
    Source,
)
from ..rules._rules import ItemGrading, RuleSet
from ._answers import Answers, Body
from ._implementation import RateTable, compute_rates

__all__ = [
    "Batch",
    "BodyResult",
    "CategoryResult",
    "evaluate_answers",
    "evaluation_json",
    "write_batch",
]

_EVALUATION_SCHEMA = "urn:tajimi-rules:schema:evaluation:1"
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
    """The evaluations of every body in one set of answers under one rule set."""

    catalog: Catalog
    rules: RuleSet
    rates: RateTable
    results: tuple[BodyResult, ...]
    problems: tuple[Problem, ...] = ()

    def distribution(self) -> dict[str, Counter[Rating | None]]:
        """Per category id, how many bodies got each rating (``None``: no rating)."""
        tally: dict[str, Counter[Rating | None]] = {c.id: Counter() for c in self.catalog.categories}
        for result in self.results:
            for category in result.categories:
                tally[category.id][category.rating] += 1
        return tally


def _grading(rules: RuleSet) -> ItemGrading:
    if rules.item_grading is None:
        raise InvalidDocumentError(
            [
                Problem(
                    code="ruleset.no_item_grading",
                    message=f"rule set {rules.id!r} has no item_grading, so answers cannot be graded",
                    message_ja=f"規則集 {rules.id!r} に item_grading がなく、回答から水準を決められない",
                    pointer=pointer("item_grading"),
                    expected="an item_grading object",
                    found="none",
                )
            ],
            kind="ruleset",
        )
    return rules.item_grading


def _note(rules: RuleSet, unanswered: int, total: int) -> str:
    text = f"rating computed under rule set {rules.id} from survey answers"
    if unanswered:
        text += f"; {unanswered} of {total} items not answered"
    return text


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
            national, prefectural = rates.rates_of(body)
            pairs = [
                (source, n.rate, p.rate) for source, n, p in zip(catalog_items, national, prefectural, strict=True)
            ]
            found = tables[scope] = (
                [grade(source, True, n, p) for source, n, p in pairs],
                [grade(source, False, n, p) for source, n, p in pairs],
            )
        return found

    return table


def evaluate_answers(answers: Answers, rules: RuleSet | str | os.PathLike[str] | None = None) -> Batch:
    """Grade every answered item, count and rate every category, for every body.

    Rates are computed from ``answers`` (:func:`~tajimi_rules.compute_rates`); the rule
    set's ``item_grading`` says which rate decides and where "common" begins. Unanswered
    items are left out of a category's counts; a category with no answered item is left
    out of the body's evaluation (its summary row has n = 0 and no rating).
    """
    rule_set = load_rules(rules)
    grading = _grading(rule_set)
    catalog = answers.catalog
    rates = compute_rates(answers)
    spans: list[tuple[int, int]] = []
    start = 0
    for category in catalog.categories:
        spans.append((start, start + len(category.items)))
        start += len(category.items)

    table = _graded_items(catalog, rates, grading)
    notes: dict[tuple[int, int], Source] = {}
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
                note = notes.get((unanswered, size))
                if note is None:
                    note = notes[unanswered, size] = Source(note=_note(rule_set, unanswered, size))
                categories.append(
                    Category(
                        id=category.id,
                        group=category.group,
                        name=category.name,
                        counts=counts,
                        items=tuple(chosen),
                        computed_rating=rating,
                        source=note,
                    )
                )
        evaluation = Evaluation(
            municipality=Municipality(code=body.code, name=body.name, prefecture=body.prefecture),
            survey=survey,
            categories=tuple(categories),
            rules=rule_set.id,
        )
        results.append(BodyResult(body=body, evaluation=evaluation, categories=tuple(category_results), score=score))
    return Batch(
        catalog=catalog,
        rules=rule_set,
        rates=rates,
        results=tuple(_ranked(results)),
        problems=answers.problems,
    )


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


# -- writing -----------------------------------------------------------------------------------


@cache
def _rate_json(value: Fraction) -> float | int | str:
    return rate_to_json(value)


@cache
def _converter() -> Any:
    conv = make_converter()
    # Every body's file repeats the same few rates: write each once.
    conv.register_unstructure_hook(Fraction, _rate_json)
    return conv


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as a JSON-ready mapping (the shared converter's output, with a schema tag)."""
    data: dict[str, Any] = {"$schema": _EVALUATION_SCHEMA}
    data.update(_converter().unstructure(evaluation))
    return data


_SUMMARY_HEADER = (
    "code",
    "name",
    "prefecture",
    "category",
    "n",
    "advanced",
    "standard",
    "needs_review",
    "behind",
    "unanswered",
    "rating",
    "score",
    "rank",
    "rank_of",
    "rank_scope",
)


def _summary_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_SUMMARY_HEADER)
    ids = {category.id: _cell(category.id) for category in batch.catalog.categories}
    for result in batch.results:
        body = result.body
        name, prefecture = _cell(body.name), _cell(body.prefecture)
        for category in result.categories:
            counts = category.counts
            writer.writerow(
                (
                    body.code,
                    name,
                    prefecture,
                    ids[category.id],
                    counts.total,
                    counts.advanced,
                    counts.standard,
                    counts.needs_review,
                    counts.behind,
                    category.unanswered,
                    category.rating.value if category.rating is not None else "",
                    result.score,
                    result.rank,
                    result.rank_of,
                    result.rank_scope,
                )
            )
    return out.getvalue()


def _national_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("category", "name", "bodies", *(rating.value for rating in Rating), "unrated"))
    distribution = batch.distribution()
    for category in batch.catalog.categories:
        tally = distribution[category.id]
        writer.writerow(
            (
                _cell(category.id),
                _cell(category.name.ja),
                sum(tally.values()),
                *(tally[rating] for rating in Rating),
                tally[None],
            )
        )
    return out.getvalue()


def _rates_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("item", "category", "scope", "bodies", "implemented", "answered", "unanswered", "rate"))
    rates = batch.rates
    owners = [_cell(category.id) for category in batch.catalog.categories for _ in category.items]
    items = [_cell(item_id) for item_id in rates.items]
    scopes = [
        ("national", "municipalities", rates.national),
        ("national", "prefectural_governments", rates.prefectural_governments),
        *((code, "municipalities", table) for code, table in rates.prefectures.items()),
    ]
    for scope, bodies, table in scopes:
        for item_id, owner, rate in zip(items, owners, table, strict=True):
            writer.writerow(
                (
                    item_id,
                    owner,
                    scope,
                    bodies,
                    rate.implemented,
                    rate.answered,
                    rate.unanswered,
                    rate.text() if rate.answered else "",
                )
            )
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A text cell that a spreadsheet program will not run as a formula (a leading quote, where needed)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _write_text(path: Path, text: str) -> None:
    # UTF-8 with a byte-order mark, so that spreadsheet programs read the Japanese correctly.
    path.write_text(text, encoding="utf-8-sig", newline="")


_RATING_JSON = {rating: f', "computed_rating": "{rating.value}"'.encode() for rating in Rating}


class _Writer:
    """Writes evaluations as UTF-8 JSON, one item per line.

    The text is that of :func:`evaluation_json` (the same keys and values, so it reads back
    equal), assembled from pieces that each go through the converter and ``json.dumps``
    once: the items, names, counts and notes that many bodies share are encoded once, not
    once per body.
    """

    def __init__(self) -> None:
        self.converter = _converter()
        self.encode = json.JSONEncoder(ensure_ascii=False).encode
        self.pieces: dict[int, bytes] = {}
        self.heads: dict[str, tuple[object, object, bytes]] = {}
        self.keep: list[object] = []

    def piece(self, value: object) -> bytes:
        """The JSON text of a shared value, encoded once (``keep`` keeps its id in use)."""
        text = self.pieces.get(id(value))
        if text is None:
            text = self.pieces[id(value)] = self.encode(self.converter.unstructure(value)).encode()
            self.keep.append(value)
        return text

    def category(self, category: Category) -> bytes:
        """One category's JSON text: its head, counts, items one per line, rating and note."""
        head = self.heads.get(category.id)
        if head is None or head[0] is not category.group or head[1] is not category.name:
            group = self.encode(self.converter.unstructure(category.group))
            name = self.encode(self.converter.unstructure(category.name))
            text = f'{{"id": {self.encode(category.id)}, "group": {group}, "name": {name}'
            head = self.heads[category.id] = (category.group, category.name, text.encode())
        parts = [head[2]]
        if category.counts is not None:
            parts += (b', "counts": ', self.piece(category.counts))
        get, piece = self.pieces.get, self.piece
        items = [get(id(item)) or piece(item) for item in category.items]
        parts += (b', "items": [\n    ', b",\n    ".join(items), b"\n  ]")
        if category.computed_rating is not None:
            parts.append(_RATING_JSON[category.computed_rating])
        if category.source is not None:
            parts += (b', "source": ', piece(category.source))
        parts.append(b"}")
        return b"".join(parts)

    def text(self, evaluation: Evaluation) -> bytes:
        """The evaluation's JSON document, as UTF-8 bytes ending in a newline."""
        head: dict[str, Any] = {"$schema": _EVALUATION_SCHEMA}
        head["municipality"] = self.converter.unstructure(evaluation.municipality)
        head["survey"] = self.converter.unstructure(evaluation.survey)
        if evaluation.rules is not None:
            head["rules"] = evaluation.rules
        if evaluation.title is not None:
            head["title"] = evaluation.title
        encode = self.encode
        first = "{" + ",\n ".join(f"{encode(key)}: {encode(value)}" for key, value in head.items())
        categories = b",\n  ".join([self.category(category) for category in evaluation.categories])
        return b"".join((first.encode(), b',\n "categories": [\n  ', categories, b"\n ]\n}\n"))


def _write_all(batch: Batch, folder: Path, progress: Callable[[int, int], None] | None) -> None:
    evaluations = folder / "evaluations"
    evaluations.mkdir()
    total = len(batch.results)
    writer = _Writer()
    for done, result in enumerate(batch.results, start=1):
        with open(evaluations / f"{result.body.code}.json", "wb") as stream:
            stream.write(writer.text(result.evaluation))
        if progress is not None:
            progress(done, total)
    _write_text(folder / "summary.csv", _summary_csv(batch))
    _write_text(folder / "national.csv", _national_csv(batch))
    _write_text(folder / "rates.csv", _rates_csv(batch))
    if batch.problems:
        _write_text(folder / "problems.csv", _problems_csv(batch))


def _problems_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("file", "line", "column", "pointer", "severity", "code", "message", "expected", "found"))
    for problem in batch.problems:
        writer.writerow(
            (
                _cell(problem.file or ""),
                problem.line or "",
                problem.column or "",
                _cell(problem.pointer),
                problem.severity.value,
                problem.code,
                _cell(problem.message),
                _cell(problem.expected or ""),
                _cell(problem.found or ""),
            )
        )
    return out.getvalue()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, deepest first."""
    missing = []
    while not folder.exists() and not folder.is_symlink():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
    return missing


def write_batch(
    batch: Batch,
    out: str | os.PathLike[str],
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write every file of ``batch`` into the directory ``out``, all or nothing.

    Writes ``evaluations/CODE.json`` per body, ``summary.csv``, ``national.csv``,
    ``rates.csv`` and, when the answers had problems or warnings, ``problems.csv`` into a
    temporary directory beside ``out``, then renames it to ``out``. ``out`` must not exist
    or be empty, unless ``replace`` is true. If anything fails, nothing is left behind
    (not even parent directories this call created) and ``out`` is as it was; the
    :class:`OSError` is raised. ``progress(done, total)`` is called after each evaluation file.

    The directory gets the permissions a plain ``mkdir`` would give it (``0o777`` less the
    umask). Replacing keeps the old directory until the new one is complete: the old one is
    renamed aside, the new one renamed in, then the old one removed. Between those two renames
    (two system calls) ``out`` does not exist; a reader at that instant finds nothing rather
    than a mix of old and new files.
    """
    target = Path(out)
    exists = target.exists()
    if exists and not (replace or (target.is_dir() and not any(target.iterdir()))):
        raise OutputExistsError(os.fspath(target))
    created = _make_parents(target.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except BaseException:
        _remove_made(created)
        raise
    try:
        os.chmod(staging, 0o777 & ~_umask())
        _write_all(batch, staging, progress)
        if exists:
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            retired.rmdir()
            target.rename(retired)
            try:
                staging.rename(target)
            except BaseException:
                retired.rename(target)
                raise
            shutil.rmtree(retired) if retired.is_dir() else retired.unlink()
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_made(created)
        raise
    return target


def _remove_made(created: list[Path]) -> None:
    for folder in created:
        try:
            folder.rmdir()
        except OSError:
            break
