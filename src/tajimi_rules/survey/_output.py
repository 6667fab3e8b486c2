"""The files a batch run writes: one evaluation per body and the tables over every body.

:func:`write_batch` writes a :class:`~tajimi_rules.survey.Batch` into a directory, atomically:
everything goes into a temporary directory beside the target, which is renamed into place only
when every file is written. CSV files are UTF-8 with a byte-order mark (so spreadsheet programs
read the Japanese), and a text cell that a spreadsheet would run as a formula gets a leading quote.

The CSV files are the data form: ids and numbers a program reads back exactly, with label columns
in the chosen language beside the ids. Rates are decimal numbers (six places) with the exact
fraction beside them, written ``"11 / 25"`` so that no spreadsheet reads it as a date; a body's
code stays digits for programs, and the ``body`` column (``"010006 札幌市"``) keeps the code's
leading zeros in any spreadsheet. ``summary.xlsx`` is the spreadsheet form: one row per body with
the code as a text cell, rates as numbers formatted as percentages. The package's JSON Schemas are
copied into ``schemas/`` and every evaluation names its schema by a relative path, so an editor
validates the files offline. A marker file, ``.tajimi-rules-batch.json``, tells a directory this
function wrote from any other: only such a directory is ever replaced.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from functools import cache
from importlib import import_module
from importlib.resources import files
from pathlib import Path
from typing import Any

from .._arguments import check_callable, check_choice, check_lang, check_source, check_type
from .._convert import make_converter
from .._errors import OutputExistsError
from .._fractions import rate_to_json
from .._sheets import sheet_text
from .._texts import Lang, text
from ..model import CatalogCategory, Category, Counts, Evaluation, Municipality, Rating
from ..rules import RATING_CODES
from ._answers import PREFECTURES
from ._batch import RANK_SCOPE_PREFECTURE, RANK_SCOPE_PREFECTURES, Batch, BodyResult, ColumnResults
from ._implementation import ItemRate

__all__ = ["MARKER", "evaluation_json", "write_batch", "write_schemas"]

_EVALUATION_SCHEMA = "urn:tajimi-rules:schema:evaluation:1"
_RELATIVE_SCHEMA = "../schemas/evaluation.schema.json"
"""What a written evaluation (in ``evaluations/``) names as its ``$schema``: the copy in ``schemas/``."""

MARKER = ".tajimi-rules-batch.json"
"""The file that marks a directory as written by :func:`write_batch` (and so replaceable)."""


@cache
def _rate_json(value: Fraction) -> float | int | str:
    return rate_to_json(value)


@cache
def _converter() -> Any:
    conv = make_converter()
    # Every body's file repeats the same few rates: write each once.
    conv.register_unstructure_hook(Fraction, _rate_json)
    return conv


def evaluation_json(evaluation: Evaluation, *, schema: str = _EVALUATION_SCHEMA) -> dict[str, Any]:
    """The evaluation as a JSON-ready mapping (the shared converter's output, with a schema tag).

    ``schema`` is the ``$schema`` value: the schema's URN by default; :func:`write_batch` writes
    the relative path of the schema copy beside its output.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_type(evaluation, Evaluation, function="evaluation_json", parameter="evaluation", expected="an Evaluation")
    check_type(schema, str, function="evaluation_json", parameter="schema", expected="a str")
    data: dict[str, Any] = {"$schema": schema}
    data.update(_converter().unstructure(evaluation))
    return data


_SUMMARY_HEADER = (
    "code",
    "body",
    "name",
    "prefecture",
    "category",
    "category_name",
    "n",
    "advanced",
    "standard",
    "needs_review",
    "behind",
    "unanswered",
    "rating",
    "rating_label",
    "score",
    "rank",
    "rank_of",
    "rank_scope",
    "rates",
)


def _rating_labels(lang: Lang) -> dict[Rating | None, str]:
    labels: dict[Rating | None, str] = {rating: text(f"rating.{rating.value}", lang) for rating in Rating}
    labels[None] = ""
    return labels


def _summary_csv(batch: Batch, lang: Lang = "en") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_SUMMARY_HEADER)
    ids = {category.id: _cell(category.id) for category in batch.catalog.categories}
    names = {category.id: _cell(category.name.label(lang)) for category in batch.catalog.categories}
    labels = _rating_labels(lang)
    source = batch.source.kind if batch.source is not None else ""
    for result in batch.results:
        body = result.body
        name, prefecture = _cell(body.name), _cell(body.prefecture)
        # Digits alone lose their leading zeros in a spreadsheet; the code with the name does not.
        label = _cell(f"{body.code} {body.name}")
        for category in result.categories:
            counts = category.counts
            writer.writerow(
                (
                    body.code,
                    label,
                    name,
                    prefecture,
                    ids[category.id],
                    names[category.id],
                    counts.total,
                    counts.advanced,
                    counts.standard,
                    counts.needs_review,
                    counts.behind,
                    category.unanswered,
                    category.rating.value if category.rating is not None else "",
                    labels[category.rating],
                    result.score,
                    result.rank,
                    result.rank_of,
                    result.rank_scope,
                    source,
                )
            )
    return out.getvalue()


def _national_csv(batch: Batch, lang: Lang = "en") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ratings = [rating.value for rating in Rating]
    writer.writerow(("category", "name", "label", "bodies", *ratings, "unrated", "rates"))
    source = _cell(batch.source.text("en")) if batch.source is not None else ""
    distribution = batch.distribution()
    for category in batch.catalog.categories:
        tally = distribution[category.id]
        writer.writerow(
            (
                _cell(category.id),
                _cell(category.name.ja),
                _cell(category.name.label(lang)),
                sum(tally.values()),
                *(tally[rating] for rating in Rating),
                tally[None],
                source,
            )
        )
    return out.getvalue()


_RATE_PLACES = 6


def _decimal(value: Fraction) -> str:
    """``value`` as a decimal number rounded (half to even) to six places, without trailing zeros."""
    scaled = round(value * 10**_RATE_PLACES)
    whole, part = divmod(scaled, 10**_RATE_PLACES)
    digits = f"{part:0{_RATE_PLACES}d}".rstrip("0")
    return f"{whole}.{digits}" if digits else str(whole)


def _exact_text(rate: ItemRate) -> str:
    """The exact rate beside the decimal, as a spaced fraction: a published share reduced, a counted one as counted."""
    if rate.share is not None:
        return _fraction(rate.share.numerator, rate.share.denominator)
    return _fraction(rate.implemented, rate.denominator)


def _fraction(implemented: int, answered: int) -> str:
    # Spaced: "11/25" is a date to a spreadsheet, "11 / 25" is text.
    return f"{implemented} / {answered}"


_RATES_HEADER = (
    "item",
    "item_name",
    "category",
    "category_name",
    "scope",
    "scope_name",
    "bodies",
    "implemented",
    "answered",
    "unanswered",
    "rate",
    "fraction",
    "denominator",
    "source",
)


def _rate_rows(batch: Batch, lang: Lang) -> list[tuple[Any, ...]]:
    """Every item's rate in every scope: ids and labels, the scope, its bodies, and the :class:`ItemRate`."""
    rates = batch.rates
    known = {item.id: (item, category) for category in batch.catalog.categories for item in category.items}
    national = text("batch.sheet.national", lang)
    grading = batch.rules.item_grading
    scopes = [
        ("national", national, "municipalities", rates.national),
        ("national", national, "prefectural_governments", rates.prefectural_governments),
        *((("national", national, "all", rates.all_bodies),) if grading and grading.population == "all" else ()),
        *((code, PREFECTURES.get(code, code), "municipalities", table) for code, table in rates.prefectures.items()),
    ]
    heads = [
        (item.id, item.name.label(lang), owner.id, owner.name.label(lang))
        for item, owner in (known[item_id] for item_id in rates.items)
    ]
    return [
        (*head, scope, scope_name, bodies, rate)
        for scope, scope_name, bodies, table in scopes
        for head, rate in zip(heads, table, strict=True)
    ]


def _rates_csv(batch: Batch, lang: Lang = "en") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_RATES_HEADER)
    source = batch.source.kind if batch.source is not None else ""
    for *head, rate in _rate_rows(batch, lang):
        exact = rate.rate
        shown = ("", "") if exact is None else (_decimal(exact), _exact_text(rate))
        denominator = "published" if rate.share is not None else "population" if rate.of is not None else "answered"
        writer.writerow(
            (
                *map(_cell, head[:4]),
                *head[4:],
                rate.implemented,
                rate.answered,
                rate.unanswered,
                *shown,
                denominator,
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

    def __init__(self, schema: str = _EVALUATION_SCHEMA) -> None:
        self.schema = schema
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
        head: dict[str, Any] = {"$schema": self.schema}
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


class _ColumnWriter(_Writer):
    """Writes each body's evaluation and summary rows straight from a batch's columns.

    The bytes are :class:`_Writer`'s for the same evaluation (the tests hold the two equal): the
    pieces (a scope's graded items, a category's head, a count vector, a note) are encoded once
    and each body's file is joined from them; no object is built per body.
    """

    def __init__(self, results: ColumnResults, schema: str, lang: Lang, source: str) -> None:
        super().__init__(schema)
        self.results = results
        self.items: dict[str, tuple[list[bytes | None], list[bytes | None]]] = {}
        self.counts: dict[tuple[int, ...], bytes] = {}
        self.notes: dict[tuple[int, int], bytes] = {}
        # Indexed by rating code; the last entry (index -1) is no rating.
        self.rating_json = [_RATING_JSON[rating] for rating in RATING_CODES] + [b""]
        catalog = results.catalog
        self.category_heads = [self._head(category) for category in catalog.categories]
        self.survey = self.encode(self.converter.unstructure(catalog.survey))
        self.rules = self.encode(results.rules.id)
        self.schema_text = self.encode(schema)
        labels = _rating_labels(lang)
        self.rating_cells = [_csv_line((rating.value, labels[rating])) for rating in RATING_CODES]
        self.no_rating = _csv_line(("", labels[None]))
        self.category_cells = [
            _csv_line((_cell(category.id), _cell(category.name.label(lang)))) for category in catalog.categories
        ]
        self.source = source

    def _head(self, category: CatalogCategory) -> bytes:
        group = self.encode(self.converter.unstructure(category.group))
        name = self.encode(self.converter.unstructure(category.name))
        return f'{{"id": {self.encode(category.id)}, "group": {group}, "name": {name}'.encode()

    def _pieces(self, position: int) -> tuple[list[bytes | None], list[bytes | None]]:
        body = self.results.bodies[position]
        scope = self.results.columns.scopes[int(self.results.columns.scope_of[position])]
        found = self.items.get(scope)
        if found is None:
            done, not_done = self.results.graded(body)
            found = self.items[scope] = (
                [None if entry is None else self.piece(entry[0]) for entry in done],
                [None if entry is None else self.piece(entry[0]) for entry in not_done],
            )
        return found

    def _counts(self, tally: list[int]) -> bytes:
        """The counts' JSON, up to the items' opening bracket (one text per count vector)."""
        key = tuple(tally)
        found = self.counts.get(key)
        if found is None:
            counts = self.encode(self.converter.unstructure(Counts(*tally)))
            found = self.counts[key] = f', "counts": {counts}, "items": [\n    '.encode()
        return found

    def _note(self, unanswered: int, size: int) -> bytes:
        """The category's closing text: its note and closing brace (one text per pair)."""
        found = self.notes.get((unanswered, size))
        if found is None:
            note = self.piece(self.results.note(unanswered, size))
            found = self.notes[unanswered, size] = b', "source": ' + note + b"}"
        return found

    def body(self, position: int) -> tuple[bytes, str]:
        """One body's evaluation file (bytes) and its summary.csv rows (text)."""
        results, columns = self.results, self.results.columns
        body = results.bodies[position]
        done, not_done = self._pieces(position)
        answered = columns.answered[position].tolist()
        levels = columns.levels[position].tolist()
        ratings = columns.ratings[position].tolist()
        municipality = self.encode(
            self.converter.unstructure(Municipality(code=body.code, name=body.name, prefecture=body.prefecture))
        )
        score, rank, rank_of = (int(columns.scores[position]), int(columns.ranks[position]),
                                int(columns.rank_of[position]))  # fmt: skip
        scope = RANK_SCOPE_PREFECTURES if body.is_prefecture else RANK_SCOPE_PREFECTURE
        head = _csv_line((body.code, _cell(f"{body.code} {body.name}"), _cell(body.name), _cell(body.prefecture)))
        tail = f"{score},{rank},{rank_of},{scope},{self.source}\n"
        parts: list[bytes] = []
        lines: list[str] = []
        for index, ((first, last), tally, code) in enumerate(
            zip(results.spans, columns.counts[position].tolist(), ratings, strict=True)
        ):
            total = sum(tally)
            unanswered = last - first - total
            lines.append(
                f"{head},{self.category_cells[index]},{total},{tally[0]},{tally[1]},{tally[2]},{tally[3]},"
                f"{unanswered},{self.rating_cells[code] if code >= 0 else self.no_rating},{tail}"
            )
            if total:
                items = b",\n    ".join(
                    [
                        (done if answered[at] == 1 else not_done)[at] or b""
                        for at in range(first, last)
                        if levels[at] >= 0
                    ]
                )
                parts.append(
                    b"".join((self.category_heads[index], self._counts(tally), items, b"\n  ]",
                              self.rating_json[code], self._note(unanswered, last - first)))
                )  # fmt: skip
        first_part = (
            f'{{"$schema": {self.schema_text},\n "municipality": {municipality},\n "survey": {self.survey},'
            f'\n "rules": {self.rules}'
        )
        text = b"".join((first_part.encode(), b',\n "categories": [\n  ', b",\n  ".join(parts), b"\n ]\n}\n"))
        return text, "".join(lines)


def _csv_line(fields: tuple[object, ...]) -> str:
    """The fields as one CSV line (as ``csv.writer`` quotes them), without its line end."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()[:-1]


def _write_columns(
    batch: Batch, results: ColumnResults, folder: Path, progress: Callable[[int, int], None] | None, lang: Lang
) -> None:
    """Each body's evaluation file and summary rows, written as each is built."""
    source = _csv_line((batch.source.kind,)) if batch.source is not None else ""
    writer = _ColumnWriter(results, _RELATIVE_SCHEMA, lang, source)
    evaluations = folder / "evaluations"
    total = len(results)
    with (folder / "summary.csv").open("w", encoding="utf-8-sig", newline="") as summary:
        summary.write(_csv_line(_SUMMARY_HEADER) + "\n")
        for position, body in enumerate(results.bodies):
            text, lines = writer.body(position)
            with open(evaluations / f"{body.code}.json", "wb") as stream:
                stream.write(text)
            summary.write(lines)
            if progress is not None:
                progress(position + 1, total)


def _write_all(batch: Batch, folder: Path, progress: Callable[[int, int], None] | None, lang: Lang, xlsx: bool) -> None:
    write_schemas(folder / "schemas")
    evaluations = folder / "evaluations"
    evaluations.mkdir()
    if isinstance(batch.results, ColumnResults):
        _write_columns(batch, batch.results, folder, progress, lang)
    else:
        total = len(batch.results)
        writer = _Writer(_RELATIVE_SCHEMA)
        for done, result in enumerate(batch.results, start=1):
            with open(evaluations / f"{result.body.code}.json", "wb") as stream:
                stream.write(writer.text(result.evaluation))
            if progress is not None:
                progress(done, total)
        _write_text(folder / "summary.csv", _summary_csv(batch, lang))
    _write_text(folder / "national.csv", _national_csv(batch, lang))
    _write_text(folder / "rates.csv", _rates_csv(batch, lang))
    if batch.problems:
        _write_text(folder / "problems.csv", _problems_csv(batch))
    if xlsx:
        _summary_xlsx(batch, lang).save(folder / "summary.xlsx")


def write_schemas(folder: str | os.PathLike[str]) -> list[Path]:
    """Copy the package's JSON Schemas (``evaluation.schema.json``, ...) into ``folder``; return the files.

    The copies are byte for byte the package's own, so a document naming one by a relative
    ``$schema`` path is validated by an editor without a network, and by this package as before.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(files("tajimi_rules").joinpath("schemas").iterdir(), key=lambda entry: entry.name):
        if source.name.endswith(".schema.json"):
            path = target / source.name
            path.write_bytes(source.read_bytes())
            written.append(path)
    return written


# -- summary.xlsx ---------------------------------------------------------------------------------

_PERCENT = "0.0%"


def _openpyxl() -> Any:
    return import_module("openpyxl")


def _xlsx_available() -> bool:
    try:
        _openpyxl()
    except ImportError:
        return False
    return True


def _sheet(workbook: Any, title: str, header: list[str], first: bool = False) -> Any:
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    _append(sheet, header)
    font = _openpyxl().styles.Font(bold=True)
    for cell in sheet[1]:
        cell.font = font
        cell.data_type = "s"  # a name starting with "=" is text, never a formula
    sheet.freeze_panes = "A2"
    return sheet


def _append(sheet: Any, values: list[Any]) -> None:
    """Append a row, each text with the characters a worksheet cannot hold written as escapes."""
    sheet.append([sheet_text(value) if isinstance(value, str) else value for value in values])


def _filter(sheet: Any) -> None:
    sheet.auto_filter.ref = sheet.dimensions


def _text_cells(sheet: Any, columns: tuple[int, ...]) -> None:
    # "@": the cells are text, so a code keeps its zeros and a name is never read as a number.
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            row[index].number_format = "@"
            if row[index].data_type == "f":
                row[index].data_type = "s"


def _body_row(result: BodyResult, labels: dict[Rating | None, str], order: list[str]) -> list[Any]:
    body = result.body
    ratings = {category.id: category.rating for category in result.categories}
    totals = [0, 0, 0, 0, 0]
    for category in result.categories:
        counts = category.counts
        for index, value in enumerate(
            (counts.advanced, counts.standard, counts.needs_review, counts.behind, category.unanswered)
        ):
            totals[index] += value
    cells = [body.code, body.prefecture, body.name]
    cells += [labels[ratings[category]] if category in ratings else "" for category in order]
    return [*cells, *totals, result.score, result.rank, result.rank_of]


def _summary_xlsx(batch: Batch, lang: Lang) -> Any:
    """The workbook: a row per body with a column per category, and every rate as a percentage."""
    workbook = _openpyxl().Workbook()
    order = [category.id for category in batch.catalog.categories]
    head = [text(f"batch.sheet.{key}", lang) for key in ("code", "prefecture", "name")]
    head += [category.name.label(lang) for category in batch.catalog.categories]
    head += [text(f"level.{level}", lang) for level in ("advanced", "standard", "needs_review", "behind")]
    head += [text(f"batch.sheet.{key}", lang) for key in ("unanswered", "score", "rank", "rank_of")]
    bodies = _sheet(workbook, text("batch.sheet.bodies", lang), head, first=True)
    labels = _rating_labels(lang)
    for result in batch.results:
        _append(bodies, _body_row(result, labels, order))
    _text_cells(bodies, tuple(range(3 + len(order))))
    _filter(bodies)
    keys = ["item", "item_name", "category", "category_name", "scope", "scope_name", "bodies_of"]
    keys += ["implemented", "answered", "unanswered", "rate", "fraction"]
    rates = _sheet(workbook, text("batch.sheet.rates", lang), [text(f"batch.sheet.{key}", lang) for key in keys])
    for *head_cells, rate in _rate_rows(batch, lang):
        # A number a spreadsheet computes with (shown as a percentage), the exact fraction beside it.
        exact = rate.rate
        shown = [None, None] if exact is None else [float(exact), _exact_text(rate)]
        _append(rates, [*head_cells, rate.implemented, rate.answered, rate.unanswered, *shown])
    for row in rates.iter_rows(min_row=2, min_col=11, max_col=11):  # the rate column
        row[0].number_format = _PERCENT
    _text_cells(rates, (0, 1, 2, 3, 4, 5, 6, 11))
    _filter(rates)
    return workbook


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


def _check_write(  # noqa: PLR0913 - the arguments of write_batch(), checked together
    function: str, batch: object, out: object, *, replace: object, progress: object, lang: object, xlsx: object
) -> None:
    check_type(batch, Batch, function=function, parameter="batch", expected="a Batch (made by evaluate_answers())")
    check_source(out, function, "out")
    check_type(replace, bool, function=function, parameter="replace", expected="True or False")
    check_callable(progress, function, "progress")
    check_lang(lang, function)
    check_choice(xlsx, (True, False, None), function=function, parameter="xlsx")


def write_batch(
    batch: Batch,
    out: str | os.PathLike[str],
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
    lang: Lang = "en",
    xlsx: bool | None = None,
) -> Path:
    """Write every file of ``batch`` into the directory ``out``, all or nothing.

    Writes ``evaluations/CODE.json`` per body, ``summary.csv``, ``national.csv``,
    ``rates.csv``, ``summary.xlsx`` (when ``xlsx`` is true; by default when openpyxl is
    installed), ``schemas/`` (the JSON Schemas the evaluations name by relative path),
    the marker :data:`MARKER` and, when the answers had problems or warnings,
    ``problems.csv`` into a temporary directory beside ``out``, then renames it to ``out``.
    Label columns and the workbook's headings are in ``lang``.

    ``out`` must not exist or be an empty directory, unless ``replace`` is true; even then
    only a directory holding the marker (one this function wrote) is replaced: anything
    else, a regular file above all, raises :class:`OutputExistsError` and is left alone.
    If anything fails, nothing is left behind (not even parent directories this call
    created) and ``out`` is as it was; the :class:`OSError` is raised.
    ``progress(done, total)`` is called after each evaluation file.

    The directory gets the permissions a plain ``mkdir`` would give it (``0o777`` less the
    umask). Replacing keeps the old directory until the new one is complete: the old one is
    renamed aside, the new one renamed in, then the old one removed. Between those two renames
    (two system calls) ``out`` does not exist; a reader at that instant finds nothing rather
    than a mix of old and new files. A run killed part way leaves at most a temporary
    ``.OUT.*.tmp`` directory beside ``out``, never a partial ``out``; the next run removes
    such leftovers when their marker shows a writer that is no longer running. ``replace``
    raises :class:`OutputExistsError` too for anything but a directory holding the marker.

    A wrong argument raises :class:`TypeError` naming it (:class:`ValueError` for an unknown ``lang``).
    """
    _check_write("write_batch", batch, out, replace=replace, progress=progress, lang=lang, xlsx=xlsx)
    target = Path(out)
    exists = target.exists()
    if exists and not (target.is_dir() and not any(target.iterdir())):
        if not replace:
            raise OutputExistsError(os.fspath(target))
        if not _ours(target):
            raise OutputExistsError(os.fspath(target))  # with replace: not a directory this package wrote
    created = _make_parents(target.parent)
    _remove_leftovers(target)
    try:
        # The writer's pid is in the name too: a run killed before its marker was complete can be told apart.
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent))
    except BaseException:
        _remove_made(created)
        raise
    try:
        _mark(staging)
        os.chmod(staging, 0o777 & ~_umask())
        _write_all(batch, staging, progress, lang, _xlsx_available() if xlsx is None else xlsx)
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


def _mark(folder: Path) -> None:
    # Written first: a leftover temporary directory without it is at most empty.
    record = {"written_by": "tajimi-rules batch", "pid": os.getpid(), "host": os.uname().nodename}
    (folder / MARKER).write_text(json.dumps(record), encoding="utf-8")


def _marker(folder: Path) -> dict[str, Any] | None:
    """The marker's record, or ``None`` when ``folder`` is not a real directory holding a readable one."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    marker = folder / MARKER
    try:
        if marker.is_symlink() or not marker.is_file():
            return None
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("written_by") != "tajimi-rules batch":
        return None
    return record


def _ours(folder: Path) -> bool:
    return _marker(folder) is not None


def _running(pid: object, host: object) -> bool:
    """Whether the writer named by a marker may still be at work (always, if it ran on another host)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0 or host != os.uname().nodename:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


_STALE_SECONDS = 60


def _stale(folder: Path) -> bool:
    # An empty temporary directory this young may be another run's, about to get its marker.
    return time.time() - folder.stat().st_mtime > _STALE_SECONDS


def _remove_leftovers(target: Path) -> None:
    """Remove ``.OUT.*.tmp`` directories that runs killed part way left beside ``target``.

    Only directories that hold this package's marker from a writer no longer running, or that
    are empty, are removed; anything else is left as it is.
    """
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    prefix = f".{target.name}."
    for entry in entries:
        # A ".old" directory is a previous output a killed replace set aside: it is left to the user.
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        record = _marker(entry)
        try:
            if record is not None and not _running(record.get("pid"), record.get("host")):
                shutil.rmtree(entry)
            elif record is None and _unmarked_leftover(entry, prefix):
                shutil.rmtree(entry)  # a run killed before its marker was complete: nothing else in it
        except OSError:
            continue


def _unmarked_leftover(entry: Path, prefix: str) -> bool:
    """Whether ``entry`` is a temporary directory killed before its marker was written whole.

    It holds nothing but (at most) a partial marker, and either its writer, named in it by pid, is no
    longer running on this host, or it is old enough that no run can still be about to mark it.
    """
    if entry.is_symlink() or not entry.is_dir() or any(path.name != MARKER for path in entry.iterdir()):
        return False
    pid_text = entry.name.removeprefix(prefix).partition("-")[0]
    if pid_text.isdigit() and not _running(int(pid_text), os.uname().nodename):
        return True
    return _stale(entry)


def _remove_made(created: list[Path]) -> None:
    for folder in created:
        try:
            folder.rmdir()
        except OSError:
            break
