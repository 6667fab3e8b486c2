"""Column mappings: which spreadsheet column holds the code, the name, the prefecture and each item.

A mapping is a small JSON document::

    {
        "sheet": "回答",
        "first_row": 3,
        "code": "A",
        "name": "B",
        "prefecture": "C",
        "items": {"D": "cio-adviser", "E": "external-digital-talent"},
    }

:func:`parse_mapping` reads one into a :class:`ColumnMapping` and returns it with every problem
found, each with a JSON pointer into the mapping; :func:`read_mapping` first reads the JSON file.

>>> column_number("AB"), column_letters(28)
(28, 'AB')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import attrs

from .._arguments import check_source, check_type
from .._errors import Problem, pointer
from ..documents._jsonio import read_json
from ..documents._loaders import check_catalog
from ..model import Catalog
from ..model._layout import column_letters, column_number
from ._problem import problem

__all__ = ["ColumnMapping", "column_letters", "column_number", "parse_mapping", "read_mapping"]

_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_KEYS = frozenset({"$schema", "sheet", "first_row", "code", "name", "prefecture", "items"})


@attrs.frozen(kw_only=True)
class ColumnMapping:
    """Where a wide spreadsheet keeps each value: columns by their 1-based numbers, rows from ``first_row``."""

    sheet: str | None
    first_row: int
    code: int
    name: int | None
    prefecture: int | None
    items: tuple[tuple[int, str], ...]
    """Each mapped column's number with the item id it holds, in the mapping's order."""


class _Reading:
    """One mapping being read: the problems found so far, each at its pointer."""

    def __init__(self, data: Mapping[str, Any], catalog: Catalog, file: str) -> None:
        self.data = data
        self.catalog = catalog
        self.file = file
        self.problems: list[Problem] = []

    def bad(self, where: tuple[str | int, ...], code: str, fields: dict[str, Any], expected: str, found: Any) -> None:
        self.problems.append(
            problem(code, fields, file=self.file, pointer=pointer(*where), expected=expected, found=repr(found))
        )

    def keys(self) -> None:
        for key in self.data:
            if key not in _KEYS:
                self.bad((key,), "mapping.unknown_key", {"key": key}, "one of " + ", ".join(sorted(_KEYS)), key)

    def column(self, key: str, *, required: bool) -> int | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not _LETTERS.match(value):
            self.bad((key,), "mapping.bad_column", {"key": key}, "column letters such as 'A'", value)
            return None
        return column_number(value)

    def sheet(self) -> str | None:
        sheet = self.data.get("sheet")
        if sheet is not None and not isinstance(sheet, str):
            self.bad(("sheet",), "mapping.bad_sheet", {}, "a string", sheet)
            return None
        return sheet

    def first_row(self) -> int:
        first_row = self.data.get("first_row", 2)
        if type(first_row) is not int or first_row < 1:
            self.bad(("first_row",), "mapping.bad_first_row", {}, "an integer of at least 1", first_row)
            return 2
        return first_row

    def items(self) -> tuple[tuple[int, str], ...]:
        value = self.data.get("items")
        if not isinstance(value, dict) or not value:
            self.bad(("items",), "mapping.no_items", {}, '{"D": "item-id", ...}', value)
            return ()
        known = self.catalog.item_index()
        mapped: dict[str, str] = {}
        for column, item in value.items():
            where = ("items", column)
            if not _LETTERS.match(column):
                self.bad(where, "mapping.bad_item_column", {"column": column}, "column letters such as 'D'", column)
            elif not isinstance(item, str):
                self.bad(where, "mapping.item_not_id", {}, "a catalog item id (a string)", item)
            elif item not in known:
                self.bad(where, "mapping.unknown_item", {"item": item}, "a catalog item id", item)
            elif item in mapped:
                fields = {"item": item, "column": mapped[item]}
                self.bad(where, "mapping.item_twice", fields, "each item mapped from one column", item)
            else:
                mapped[item] = column
        return tuple((column_number(column), item) for item, column in mapped.items())


def parse_mapping(data: Any, catalog: Catalog, file: str = "<mapping>") -> tuple[ColumnMapping | None, list[Problem]]:
    """The column mapping in ``data`` for ``catalog``, and every problem found (``None`` if there is any).

    Problems carry ``file`` and a JSON pointer into the mapping.

    A wrong argument raises :class:`TypeError` naming it; bad content in ``data`` is a problem.
    """
    check_catalog(catalog, "parse_mapping")
    check_type(file, str, function="parse_mapping", parameter="file", expected="a str")
    if not isinstance(data, dict):
        reading = _Reading({}, catalog, file)
        reading.bad((), "mapping.not_object", {}, "a JSON object", data)
        return None, reading.problems
    reading = _Reading(data, catalog, file)
    reading.keys()
    sheet = reading.sheet()
    first_row = reading.first_row()
    code = reading.column("code", required=True)
    name = reading.column("name", required=False)
    prefecture = reading.column("prefecture", required=False)
    items = reading.items()
    if reading.problems or code is None:
        return None, reading.problems
    mapping = ColumnMapping(sheet=sheet, first_row=first_row, code=code, name=name, prefecture=prefecture, items=items)
    return mapping, reading.problems


def read_mapping(
    mapping: str | os.PathLike[str] | Mapping[str, Any], catalog: Catalog
) -> tuple[ColumnMapping | None, list[Problem]]:
    """The column mapping in a JSON file (or given as a mapping), and every problem found.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(mapping, "read_mapping", "mapping", mapping=True)
    check_catalog(catalog, "read_mapping")
    if isinstance(mapping, Mapping):
        return parse_mapping(dict(mapping), catalog)
    data, problems = read_json(mapping)
    if problems:
        return None, list(problems)
    return parse_mapping(data, catalog, os.fspath(mapping))
