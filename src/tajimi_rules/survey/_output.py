"""The files a batch run writes: one evaluation per body and the tables over every body.

:func:`write_batch` writes a :class:`~tajimi_rules.survey.Batch` into a directory, atomically:
everything goes into a temporary directory beside the target, which is renamed into place only
when every file is written. CSV files are UTF-8 with a byte-order mark (so spreadsheet programs
read the Japanese), and a text cell that a spreadsheet would run as a formula gets a leading quote.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from .._convert import make_converter
from .._errors import OutputExistsError
from .._fractions import rate_to_json
from ..model import Category, Evaluation, Rating
from ._batch import Batch

__all__ = ["evaluation_json", "write_batch"]

_EVALUATION_SCHEMA = "urn:tajimi-rules:schema:evaluation:1"


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
    "rates",
)


def _summary_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_SUMMARY_HEADER)
    ids = {category.id: _cell(category.id) for category in batch.catalog.categories}
    source = batch.source.kind if batch.source is not None else ""
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
                    source,
                )
            )
    return out.getvalue()


def _national_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("category", "name", "bodies", *(rating.value for rating in Rating), "unrated", "rates"))
    source = _cell(batch.source.text("en")) if batch.source is not None else ""
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
                source,
            )
        )
    return out.getvalue()


def _rates_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        (
            "item",
            "category",
            "scope",
            "bodies",
            "implemented",
            "answered",
            "unanswered",
            "rate",
            "denominator",
            "source",
        )
    )
    source = batch.source.kind if batch.source is not None else ""
    rates = batch.rates
    owners = [_cell(category.id) for category in batch.catalog.categories for _ in category.items]
    items = [_cell(item_id) for item_id in rates.items]
    scopes = [
        ("national", "municipalities", rates.national),
        ("national", "prefectural_governments", rates.prefectural_governments),
        *(
            (("national", "all", rates.all_bodies),)
            if batch.rules.item_grading and batch.rules.item_grading.population == "all"
            else ()
        ),
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
                    rate.text() if rate.rate is not None else "",
                    "published" if rate.share is not None else "population" if rate.of is not None else "answered",
                    source,
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
