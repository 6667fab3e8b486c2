"""Reading the wide spreadsheets the survey is published as: one row per body, one column per item.

A column mapping (:mod:`._mapping`) says which column holds what. Workbooks are read through
openpyxl, the ``xlsx`` extra, imported only when one is read. Every problem carries the row
number and the 1-based column number, and its message names the cell (``cell D12``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._errors import Problem, Severity, phrase
from ..model import Catalog
from ._answers import Answers
from ._collect import Collector, Place, unreadable
from ._mapping import ColumnMapping, column_letters, read_mapping
from ._problem import problem

__all__ = ["cell_text", "load_openpyxl", "read_rows", "read_wide_xlsx"]


def load_openpyxl() -> Any:
    """The openpyxl module, or ``None`` where the ``xlsx`` extra is not installed."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        return None


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV would hold (a whole number without ``.0``, a boolean as 1 or 0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _code_text(value: object) -> str:
    """A code cell's text; a code typed as a number lost its leading zero (11002 or 11002.0 for 011002)."""
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and float(value).is_integer()
        and 0 <= value < 1_000_000
    ):
        return f"{int(value):06d}"
    return cell_text(value)


def _cell_place(line: int) -> Place:
    return Place(line, lambda column: f"cell {column_letters(column)}{line}")


def _row(values: tuple[object, ...], place: Place, layout: ColumnMapping, collector: Collector) -> None:
    """Record one body's row."""

    def cell(column: int | None) -> str:
        return cell_text(values[column - 1]) if column is not None and column <= len(values) else ""

    code_value = values[layout.code - 1] if layout.code <= len(values) else None
    code = collector.code(_code_text(code_value), place, layout.code)
    if code is None:
        return
    if code in collector.rows or code in collector.refused:
        collector.problem(
            "answers.duplicate_row",
            {"at": place.at(layout.code), "code": code},
            line=place.line,
            column=layout.code,
            expected=phrase("survey.expected.one_row"),
            found="a second row",
        )
        return
    if not collector.body(code, cell(layout.name), cell(layout.prefecture), place, (layout.name, layout.prefecture)):
        return
    for column, item in layout.items:
        collector.record(code, item, cell(column), place, (column, column))


def read_rows(rows: Iterable[tuple[object, ...]], layout: ColumnMapping, catalog: Catalog, file: str) -> Answers:
    """The answers in a sheet's rows (``rows`` starts at ``layout.first_row``); empty rows are skipped."""
    collector = Collector(catalog, file)
    for line, values in enumerate(rows, start=layout.first_row):
        if values is None or all(value is None for value in values):
            continue
        _row(values, _cell_place(line), layout, collector)
    return collector.result()


def read_wide_xlsx(
    source: str | os.PathLike[str],
    catalog: Catalog,
    mapping: str | os.PathLike[str] | Mapping[str, Any],
) -> Answers:
    """Read a wide ``.xlsx`` (one row per body, one column per item) through a column mapping.

    ``mapping`` is a path to a JSON file, or the mapping itself::

        {
            "sheet": "回答",
            "first_row": 3,
            "code": "A",
            "name": "B",
            "prefecture": "C",
            "items": {"D": "cio-adviser", "E": "external-digital-talent"},
        }

    ``first_row`` is the first row of answers (default 2); ``name`` and ``prefecture`` are
    optional. A numeric code cell that lost its leading zero (``11002``) is read as ``011002``.
    Needs openpyxl: ``pip install 'tajimi-rules[xlsx]'``.
    """
    file = os.fspath(source)
    layout, problems = read_mapping(mapping, catalog)
    if layout is None:
        return Answers.unread(catalog, file, problems)
    openpyxl = load_openpyxl()
    if openpyxl is None:
        return Answers.unread(catalog, file, (problem("answers.xlsx_unavailable", file=file),))
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError as error:
        return unreadable(catalog, file, error)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        fault = problem(
            "answers.not_xlsx",
            {"error": str(error)},
            file=file,
            expected=phrase("survey.expected.workbook"),
            found=type(error).__name__,
        )
        return Answers.unread(catalog, file, (fault,))
    try:
        if layout.sheet is not None and layout.sheet not in workbook.sheetnames:
            fault = problem(
                "answers.missing_sheet",
                {"sheet": layout.sheet},
                file=file,
                expected=phrase("survey.expected.one_of", names=", ".join(repr(name) for name in workbook.sheetnames)),
                found=repr(layout.sheet),
            )
            return Answers.unread(catalog, file, (fault,))
        sheet = workbook[layout.sheet] if layout.sheet is not None else workbook.active
        answers = read_rows(sheet.iter_rows(min_row=layout.first_row, values_only=True), layout, catalog, file)
    finally:
        workbook.close()
    return attrs.evolve(answers, problems=(*answers.problems, *_unmapped(layout, catalog, file)))


def _unmapped(layout: ColumnMapping, catalog: Catalog, file: str, shown: int = 8) -> tuple[Problem, ...]:
    """One warning naming the catalog items no column of the mapping is read as."""
    mapped = {item for _, item in layout.items}
    missing = [item.id for item in catalog.items if item.id not in mapped]
    if not missing:
        return ()
    named = ", ".join(missing[:shown]) + (", …" if len(missing) > shown else "")
    warning = problem(
        "answers.unmapped_items",
        {"count": len(missing), "total": len(catalog.items), "items": named},
        file=file,
        severity=Severity.WARNING,
        expected=phrase("survey.words.every_item"),
        found=str(len(missing)),
    )
    return (warning,)
