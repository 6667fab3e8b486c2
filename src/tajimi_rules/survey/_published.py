r"""Published implementation rates: the nation's rates as MIC publishes them, read from a file.

A batch over answers that do not cover the nation can still grade items nationally when the
national rates are given (``tajimi-rules batch --rates FILE``). The file is a CSV (UTF-8 with or
without a byte-order mark, or cp932) with a header, or JSON (a list of objects, or an object
with a ``rates`` list). Each row names an ``item`` (a catalog id), a ``population``
(``municipalities``, ``prefectures`` or ``all``; Japanese 市区町村, 都道府県, 全団体 accepted) and
either ``numerator`` and ``denominator`` (whole numbers) or a ``percentage`` (``70.2``, ``70.2%``).
Values are read exactly: ``70.2%`` is 351/500. Every problem names the row (the header is line 1)
and column, or the JSON pointer.

>>> from tajimi_rules.survey import load_catalog
>>> rates, problems = read_published_rates(
...     b"item,population,percentage\ncio-adviser,municipalities,45.8%\n", load_catalog("r4")
... )
>>> problems, rates.rate("cio-adviser", "municipalities")
([], Fraction(229, 500))
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from .._arguments import check_optional_str, check_source
from .._errors import Problem, phrase, pointer
from ..documents._loaders import check_catalog
from ..model import Catalog
from ._csv import decode
from ._grouping import problem
from ._implementation import ItemRate

__all__ = ["POPULATIONS", "PublishedRates", "read_published_rates"]

POPULATIONS: Mapping[str, str] = {
    "municipalities": "municipalities",
    "市区町村": "municipalities",
    "市町村": "municipalities",
    "prefectures": "prefectures",
    "都道府県": "prefectures",
    "all": "all",
    "全団体": "all",
    "全体": "all",
}
"""The populations a published rate may be over, by the names a file may use."""

_COLUMNS = {
    "item": "item",
    "項目": "item",
    "population": "population",
    "母集団": "population",
    "numerator": "numerator",
    "分子": "numerator",
    "実施団体数": "numerator",
    "denominator": "denominator",
    "分母": "denominator",
    "団体数": "denominator",
    "percentage": "percentage",
    "実施率": "percentage",
    "率": "percentage",
}
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@attrs.frozen
class PublishedRates:
    """Rates by (item id, population), each an :class:`ItemRate` (counts, or a share), and the file."""

    rates: Mapping[tuple[str, str], ItemRate]
    file: str | None = None

    def rate(self, item: str, population: str) -> Fraction | None:
        """The published rate of ``item`` over ``population``, exactly; ``None`` when not given."""
        found = self.rates.get((item, population))
        return None if found is None else found.rate

    def of(self, item: str, population: str) -> ItemRate | None:
        """The published rate of ``item`` over ``population`` (or over all bodies), as an :class:`ItemRate`."""
        return self.rates.get((item, population)) or self.rates.get((item, "all"))


class _Row:
    """One row's problems, located by line and column (CSV) or pointer (JSON)."""

    def __init__(self, file: str | None, line: int | None, columns: Mapping[str, int], at: str) -> None:
        self.file, self.line, self.columns, self.at = file, line, columns, at
        self.problems: list[Problem] = []

    def bad(self, key: str, expected: str, found: str, **fields: object) -> None:
        self.problems.append(
            problem(
                "rates.bad_value",
                file=self.file,
                line=self.line,
                column=self.columns.get(key),
                pointer=self.at + pointer(key) if self.at else "",
                expected=phrase(expected, **fields),
                found=found,
                key=key,
                value=found,
            )
        )


def _whole(row: _Row, values: Mapping[str, Any], key: str) -> int | None:
    value = values.get(key)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "") if value is not None else ""
    if isinstance(value, bool) or not text.isdigit():
        row.bad(key, "rates.words.whole", repr(value))
        return None
    return int(text)


def _percentage(row: _Row, value: Any) -> Fraction | None:
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("%").strip()
    if isinstance(value, bool) or not _NUMBER.match(text) or Fraction(text) > 100:
        row.bad("percentage", "rates.words.percentage", repr(value))
        return None
    return Fraction(text) / 100


def _rate(row: _Row, values: Mapping[str, Any]) -> ItemRate | None:
    """The row's rate from its numerator and denominator, else its percentage."""
    given = {key for key in ("numerator", "denominator", "percentage") if values.get(key) not in (None, "")}
    if {"numerator", "denominator"} <= given:
        numerator, denominator = _whole(row, values, "numerator"), _whole(row, values, "denominator")
        if numerator is None or denominator is None:
            return None
        if denominator == 0 or numerator > denominator:
            row.bad("numerator", "rates.words.numerator", str(numerator), denominator=denominator)
            return None
        return ItemRate(implemented=numerator, answered=denominator, unanswered=0)
    if "percentage" in given:
        share = _percentage(row, values["percentage"])
        return None if share is None else ItemRate(implemented=0, answered=0, unanswered=0, share=share)
    row.bad("percentage", "rates.words.rate", ", ".join(sorted(given)) or "-")
    return None


def _entry(row: _Row, values: Mapping[str, Any], known: Mapping[str, int]) -> tuple[str, str, ItemRate] | None:
    item = str(values.get("item") or "").strip()
    if item not in known:
        row.bad("item", "rates.words.item", repr(item))
    population = POPULATIONS.get(unicodedata.normalize("NFKC", str(values.get("population") or "")).strip().lower())
    if population is None:
        row.bad("population", "rates.words.population", repr(values.get("population")))
    rate = _rate(row, values)
    if row.problems or population is None or rate is None:
        return None
    return item, population, rate


def _csv_rows(text: str, file: str | None) -> Iterator[tuple[_Row, dict[str, Any]]] | Problem:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    names = [_COLUMNS.get(unicodedata.normalize("NFKC", cell).strip().lower()) for cell in header or []]
    missing = [key for key in ("item", "population") if key not in names]
    if header is None or missing:
        found = ", ".join(header or []) or "-"
        return problem("rates.header", file=file, line=1, expected=phrase("rates.words.header"), found=found)
    columns = {name: index for index, name in enumerate(names, start=1) if name is not None}

    def rows() -> Iterator[tuple[_Row, dict[str, Any]]]:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {name: cells[index - 1] for name, index in columns.items() if index <= len(cells)}
            yield _Row(file, line, columns, ""), values

    return rows()


def _json_rows(data: Any, file: str | None) -> Iterator[tuple[_Row, dict[str, Any]]] | Problem:
    rows = data.get("rates") if isinstance(data, Mapping) else data
    at = "/rates" if isinstance(data, Mapping) else ""
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        expected = phrase("rates.words.list")
        return problem("rates.header", file=file, pointer=at, expected=expected, found=type(rows).__name__)
    return ((_Row(file, None, {}, f"{at}/{index}"), dict(row)) for index, row in enumerate(rows))


def _rows(data: bytes, file: str | None, encoding: str | None) -> Iterator[tuple[_Row, dict[str, Any]]] | Problem:
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"[", b"{")):
        try:
            return _json_rows(json.loads(data.decode("utf-8-sig")), file)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return problem("rates.not_json", file=file, expected="JSON", found=str(error), error=str(error))
    text = decode(data, encoding, file or "-")
    return text if isinstance(text, Problem) else _csv_rows(text, file)


def read_published_rates(
    source: str | os.PathLike[str] | bytes, catalog: Catalog, *, encoding: str | None = None
) -> tuple[PublishedRates | None, list[Problem]]:
    """Read published rates (CSV or JSON) for ``catalog``'s items; ``None`` and the problems when any is wrong.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "read_published_rates", data=True)
    check_catalog(catalog, "read_published_rates")
    check_optional_str(encoding, "read_published_rates", "encoding")
    file = None if isinstance(source, bytes) else os.fspath(source)
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as error:
        return None, [problem("rates.unreadable", file=file, found=type(error).__name__, error=error.strerror or "")]
    rows = _rows(data, file, encoding)
    if isinstance(rows, Problem):
        return None, [rows]
    known = catalog.item_index()
    found: dict[tuple[str, str], ItemRate] = {}
    problems: list[Problem] = []
    for row, values in rows:
        entry = _entry(row, values, known)
        problems.extend(row.problems)
        if entry is None:
            continue
        item, population, rate = entry
        if (item, population) in found:
            row.bad("item", "rates.words.once", f"{item} {population}")
            problems.extend(row.problems)
        found[item, population] = rate
    if not found and not problems:
        problems.append(problem("rates.empty", file=file, expected=phrase("rates.words.one"), found="-"))
    return (None, problems) if problems else (PublishedRates(found, file), [])
