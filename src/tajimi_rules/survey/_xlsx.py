"""Reading the wide spreadsheets the survey is published as: one row per body, one column per item.

A column mapping (:mod:`._mapping`) says which column holds what. Workbooks are read through
openpyxl, the ``xlsx`` extra, imported only when one is read, after the package checks of
:mod:`._package` (a malformed, hostile or oversized workbook is one problem, never an exception);
only the rows that hold cells are read, as far as the last column the mapping reads. Every problem carries the row
number and the 1-based column number, and its message names the cell (``cell D12``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._arguments import check_source
from .._errors import Problem, Severity, phrase
from ..documents._jsonio import path_problem
from ..documents._loaders import check_catalog
from ..model import Catalog
from ._answers import Answers
from ._collect import Collector, Place, unreadable
from ._csv import MAX_ANSWERS_BYTES
from ._mapping import ColumnMapping, column_letters, read_mapping
from ._package import Refused, inspect_package
from ._problem import problem
from ._workbooks import Cells, damaged, formula_warning, not_worksheet

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


def _row(values: Sequence[object], place: Place, layout: ColumnMapping, collector: Collector) -> None:
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


def read_rows(rows: Iterable[Sequence[object]], layout: ColumnMapping, catalog: Catalog, file: str) -> Answers:
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

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "read_wide_xlsx")
    check_catalog(catalog, "read_wide_xlsx")
    check_source(mapping, "read_wide_xlsx", "mapping", mapping=True)
    file = os.fspath(source)
    layout, problems = read_mapping(mapping, catalog)
    if layout is None:
        return Answers.unread(catalog, file, problems)
    if load_openpyxl() is None:
        return Answers.unread(catalog, file, (problem("answers.xlsx_unavailable", file=file),))
    book = _open(file, catalog)
    if not isinstance(book, Cells):
        return Answers.unread(catalog, file, (book,))
    try:
        answers = _read_sheet(book, layout, catalog, file)
    finally:
        book.close()
    if answers.errors and not answers.bodies:
        return answers
    return attrs.evolve(answers, problems=(*answers.problems, *_unmapped(layout, catalog, file)))


def _open(file: str, catalog: Catalog) -> Cells | Problem:
    """The workbook at ``file`` opened after the package checks, or the one problem that refuses it."""
    # A fifo would wait for a writer and a device never ends: only regular files of a bounded size are read.
    fault = path_problem(Path(file), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file")
    if fault is not None and fault.code != "file.missing":
        return fault
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        return unreadable(catalog, file, error).problems[0]
    try:
        return Cells("openpyxl", data, inspect_package(file, data), file)
    except Refused as refused:
        return _not_xlsx(file, refused.problem)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        return _not_xlsx(file, error)


def _not_xlsx(file: str, cause: Problem | Exception) -> Problem:
    """A file that is no workbook at all is the reader's own problem; a refused workbook keeps its own."""
    if isinstance(cause, Problem):
        if cause.code != "workbook.not_zip":
            return cause
        error, found = str(cause.fields.get("error", "")), cause.found
    else:
        error, found = str(cause), type(cause).__name__
    return problem(
        "answers.not_xlsx",
        {"error": error},
        file=file,
        expected=phrase("survey.expected.workbook"),
        found=found,
    )


def _read_sheet(book: Cells, layout: ColumnMapping, catalog: Catalog, file: str) -> Answers:
    """The answers of the mapping's sheet (the active one when it names none), every fault a problem."""
    try:
        name = layout.sheet if layout.sheet is not None else book.active()
    except Exception as error:  # openpyxl reads the workbook's views lazily
        return Answers.unread(catalog, file, (damaged(file, "xl/workbook.xml", error),))
    if name not in book.names:
        fault = problem(
            "answers.missing_sheet",
            {"sheet": name},
            file=file,
            expected=phrase("survey.expected.one_of", names=", ".join(repr(name) for name in book.names)),
            found=repr(name),
        )
        return Answers.unread(catalog, file, (fault,))
    other = not_worksheet(file, book, name)
    if other is not None:
        return Answers.unread(catalog, file, (other,))
    columns = {layout.code, *(c for c in (layout.name, layout.prefecture) if c is not None)}
    columns.update(column for column, _ in layout.items)
    try:
        rows = book.rows(name, max(columns))
    except Refused as refused:
        return Answers.unread(catalog, file, (refused.problem,))
    answers = read_rows(rows[layout.first_row - 1 :], layout, catalog, file)
    part = book.package.sheet(name)
    warning = None if part is None else formula_warning(file, part, columns, layout.first_row)
    if warning is None:
        return answers
    return attrs.evolve(answers, problems=(*answers.problems, warning))


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
