"""Drafting a layout and a catalog from the published workbooks' own header rows.

:func:`draft_layout` opens every workbook of a set (a zip, a folder or one ``.xlsx``) and, sheet
by sheet, finds the code column (the column whose cells below the header are codes), the first
body row, the prefecture and name columns, and the item columns right of them with their header
texts (a two-row header block is read as a parent header over its sub-headers; a column read as
有/無 followed by one read as 済/未 is a pair). Each item column gets the reading its values fit:
``count`` for numbers, ``mark`` for ○ or blank, ``standard`` otherwise.

Items are identified by (section, sheet, header), so the prefecture file and the municipality
file of one section map to the same items. Ids are derived deterministically and readably:
``s{section}-{sheet digits}-{n}`` (``s1-1-4-01``: section 1, sheet 「1_組織体制（４）」, its first
item); the catalog item's name is the header text, its category the sheet, the category's group
the section title. The period text of cell A1 (「令和４年度実績」) gives the fiscal year.

The draft validates against the layout and catalog schemas; a person then edits it (renames ids,
fixes readings) and reads the set with it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .._arguments import check_choice, check_source, check_type
from ..errors import InvalidDocumentError, Problem
from ..model._layout import BUILTIN_READINGS, builtin_reading, column_letters
from ._answers import PREFECTURES
from ._codes import Code, code_digits, normalize_code
from ._package import Refused
from ._workbooks import READERS, Cells, ReaderName, available_readers, formula_warning, open_members

__all__ = ["Draft", "draft_layout", "fiscal_year"]

_PERIOD = re.compile(r"(令和|平成)\s*(\d+|元)\s*年度")
_POPULATION = re.compile(r"[(（]\s*(都道府県|市区町村|市町村|区市町村)\s*[)）]")
_SECTION = re.compile(r"^[(（]\s*(\d+)\s*[)）]")
_PREFECTURE_NAMES = frozenset(PREFECTURES.values())
_SCAN_ROWS = 40  # the header block and the first bodies sit in the first rows


@attrs.frozen
class Draft:
    """A drafted layout and catalog (JSON-ready mappings), and the problems met while reading."""

    layout: dict[str, Any]
    catalog: dict[str, Any]
    problems: tuple[Problem, ...] = ()


def fiscal_year(period: str) -> int | None:
    """The fiscal year (Western) a period text names: 「令和４年度実績」 is 2022.

    >>> fiscal_year("令和４年度実績"), fiscal_year("平成30年度"), fiscal_year("2022")
    (2022, 2018, None)

    A ``period`` that is no ``str`` raises :class:`TypeError` naming it.
    """
    if type(period) is not str:
        check_type(period, str, function="fiscal_year", parameter="period", expected="a str")
    match = _PERIOD.search(unicodedata.normalize("NFKC", period))
    if match is None:
        return None
    number = 1 if match.group(2) == "元" else int(match.group(2))
    return number + (2018 if match.group(1) == "令和" else 1988)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _cell(row: Sequence[object], column: int) -> object:
    value = row[column - 1] if column <= len(row) else None
    return None if value == "" else value


@attrs.frozen
class _Columns:
    code: int
    first_row: int
    name: int | None
    prefecture: int | None
    population: str


def _code_column(rows: Sequence[Sequence[object]]) -> tuple[int, int] | None:
    """The column holding the most codes in the first rows, and the first row with one."""
    best: tuple[int, int, int] | None = None
    for column in range(1, 7):
        found = [
            index
            for index, row in enumerate(rows[:_SCAN_ROWS], start=1)
            if isinstance(normalize_code(_cell(row, column), digits=5), Code)
            or isinstance(normalize_code(_cell(row, column), digits=6), Code)
        ]
        # A "No." column of small numbers also reads as codes now and then: most hits wins.
        if found and (best is None or len(found) > best[0]):
            best = (len(found), column, found[0])
    return None if best is None else (best[1], best[2])


def _identity(rows: Sequence[Sequence[object]]) -> _Columns | None:
    located = _code_column(rows)
    if located is None:
        return None
    code, first_row = located
    # A sheet read row by row has an empty row for each row without cells: skipped before any reading.
    digits = code_digits(_cell(row, code) for row in rows[first_row - 1 :] if row)
    body_rows = [
        row
        for row in rows[first_row - 1 :]
        if row and isinstance(normalize_code(_cell(row, code), digits=digits), Code)
    ]
    prefecture = name = None
    for column in range(code + 1, code + 4):
        values = [_text(_cell(row, column)) for row in body_rows[:_SCAN_ROWS]]
        texts = [v for v in values if v]
        if not texts or any(v.replace(".", "").isdigit() for v in texts):
            continue
        if prefecture is None and name is None and all(v in _PREFECTURE_NAMES for v in texts) and len(set(texts)) > 1:
            prefecture = column
        elif name is None:
            name = column
    codes = [normalize_code(_cell(row, code), digits=digits) for row in body_rows]
    kinds = {c.code[2:5] == "000" for c in codes if isinstance(c, Code)}
    population = "all" if len(kinds) > 1 else "prefectures" if kinds == {True} else "municipalities"
    if name is None and prefecture is not None and population == "prefectures":
        name, prefecture = prefecture, None
    return _Columns(code, _totals_above(rows, first_row, code, name), name, prefecture, population)


def _totals_above(rows: Sequence[Sequence[object]], first_row: int, code: int, name: int | None) -> int:
    """The first body row moved up over totals rows (a name such as 全国計, no code, no header text)."""
    start = max(code, name or code)
    while first_row > 2 and name is not None:
        row = rows[first_row - 2]
        rest = [value for value in row[start:] if value is not None and value != ""]
        if _cell(row, code) is not None or not _text(_cell(row, name)):
            break
        if any(not isinstance(value, int | float) for value in rest):
            break
        first_row -= 1
    return first_row


def _header_rows(rows: Sequence[Sequence[object]], first_row: int, start: int) -> list[int]:
    """The rows above the bodies with a text right of the identity columns (the header block)."""
    return [
        index
        for index in range(2, first_row)
        if any(_text(value) for value in rows[index - 1][start:]) and not fiscal_year(_text(_cell(rows[index - 1], 1)))
    ]


def _headers(rows: Sequence[Sequence[object]], header_rows: list[int], start: int) -> dict[int, str]:
    """Each item column's header: its own texts, under its group's text when the group spans it."""
    width = max((len(rows[r - 1]) for r in header_rows), default=0)
    texts = {column: [_text(_cell(rows[r - 1], column)) for r in header_rows] for column in range(start + 1, width + 1)}
    out: dict[int, str] = {}
    for column, own in texts.items():
        parts = list(own)
        for level in range(len(parts) - 1):
            left = column - 1
            # A blank group cell over a sub-header belongs to the group on its left (a merged cell).
            while not parts[level] and any(parts[level + 1 :]) and left in texts and any(texts[left][level + 1 :]):
                parts[level] = texts[left][level]
                left -= 1
        joined = " ".join(dict.fromkeys(p for p in parts if p))
        if joined:
            out[column] = joined
    return out


def _reading(values: list[object]) -> str:
    seen = [v for v in values if v is not None and v != ""]
    if seen and all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
        return "count"
    marks = builtin_reading("mark")
    if seen and all(marks.read(v) is not None for v in seen):
        return "mark"
    return "standard"


def _fits(values: list[object], reading: str) -> bool:
    known = builtin_reading(reading)
    seen = [v for v in values if v is not None and v != ""]
    return bool(seen) and all(known.read(v) is not None for v in seen)


@attrs.frozen
class _Item:
    key: tuple[str, str, str]
    spec: dict[str, Any]


def _sheet_items(
    rows: Sequence[Sequence[object]], found: _Columns, section: str, sheet: str
) -> tuple[list[_Item], int | None]:
    start = max(c for c in (found.code, found.name, found.prefecture) if c is not None)
    header_rows = _header_rows(rows, found.first_row, start)
    headers = _headers(rows, header_rows, start)
    data = [
        row
        for row in rows[found.first_row - 1 :]
        if row and normalize_code(_cell(row, found.code), digits=6) is not None
    ]
    columns = sorted(headers)
    items: list[_Item] = []
    skip: set[int] = set()
    for column in columns:
        if column in skip:
            continue
        values = [_cell(row, column) for row in data]
        following = [_cell(row, column + 1) for row in data]
        key = (section, sheet, headers[column])
        if _fits(values, "applies") and _fits(following, "done"):
            parent = headers[column].rsplit(" ", 1)[0] if " " in headers[column] else headers[column]
            spec = {"applies": column_letters(column), "done": column_letters(column + 1)}
            items.append(_Item((section, sheet, parent), spec))
            skip.add(column + 1)
        else:
            items.append(_Item(key, {"column": column_letters(column), "reading": _reading(values)}))
    return items, header_rows[0] if header_rows else None


def _section(file_name: str, order: int) -> tuple[str, str]:
    """The section number and title a file name gives: 「（１）自治体DXの推進体制等（市区町村）.xlsx」 is 1."""
    stem = unicodedata.normalize("NFKC", Path(file_name).stem)
    match = _SECTION.match(stem)
    number = match.group(1) if match else str(order)
    title = _POPULATION.sub("", _SECTION.sub("", stem)).strip() or stem
    return number, title


def _name(text: str) -> dict[str, str]:
    """A catalog name from a header text: the workbooks are in Japanese, so it is the Japanese name."""
    return dict(ja=text[:500])  # noqa: C408 - the key is the language of the catalog's name, as data


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", unicodedata.normalize("NFKC", name))


class _Drafter:
    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}
        self.categories: dict[tuple[str, str], dict[str, Any]] = {}
        self.groups: dict[str, str] = {}
        self.period: str | None = None

    def item_id(self, key: tuple[str, str, str]) -> str:
        if key not in self.ids:
            section, sheet, header = key
            category = self.category(section, sheet)
            digits = "-".join(re.findall(r"\d+", unicodedata.normalize("NFKC", sheet))) or "0"
            self.ids[key] = f"s{section}-{digits}-{len(category['items']) + 1:02d}"
            while self.ids[key] in {item["id"] for c in self.categories.values() for item in c["items"]}:
                self.ids[key] += "x"
            category["items"].append({"id": self.ids[key], "name": _name(header)})
        return self.ids[key]

    def category(self, section: str, sheet: str) -> dict[str, Any]:
        key = (section, sheet)
        if key not in self.categories:
            digits = "-".join(re.findall(r"\d+", unicodedata.normalize("NFKC", sheet))) or str(len(self.categories))
            ident = f"s{section}-{digits}"
            taken = {c["id"] for c in self.categories.values()}
            while ident in taken:
                ident += "x"
            group = self.groups.get(section, section)
            self.categories[key] = {"id": ident, "group": _name(group), "name": _name(sheet), "items": []}
        return self.categories[key]

    def sheet(self, name: str, section: str, rows: Sequence[Sequence[object]]) -> dict[str, Any] | None:
        found = _identity(rows)
        if found is None:
            return None
        if self.period is None and rows and _text(_cell(rows[0], 1)):
            self.period = _text(rows[0][0]) if fiscal_year(_text(rows[0][0])) else self.period
        items, header_row = _sheet_items(rows, found, section, unicodedata.normalize("NFKC", name))
        if not items:
            return None
        spec: dict[str, Any] = {"sheet": name, "population": found.population}
        if header_row is not None and header_row < found.first_row:
            spec["header_row"] = header_row
        spec.update(first_row=found.first_row, code=column_letters(found.code))
        if found.prefecture is not None:
            spec["prefecture"] = column_letters(found.prefecture)
        if found.name is not None:
            spec["name"] = column_letters(found.name)
        spec["items"] = [{"item": self.item_id(item.key), **item.spec} for item in items]
        return spec


def _catalog(drafter: _Drafter, period: str | None) -> dict[str, Any]:
    standard = BUILTIN_READINGS["standard"]
    year = fiscal_year(period or "")
    return {
        "$schema": "urn:tajimi-rules:schema:catalog:1",
        "id": "draft",
        "title": f"Draft catalog from the workbooks' headers ({period or 'period unknown'})",
        "description": "Drafted from the workbooks' own header rows: item names are the header texts. "
        "Edit ids and names.",
        "survey": {"title": period or "survey", "fiscal_year": year or 2000},
        "answers": {
            "implemented": list(standard["implemented"]),
            "not_implemented": [*standard["not_implemented"], *standard["trial"]],
            "not_answered": [*standard["not_answered"], *standard["not_applicable"]],
        },
        "categories": [c for c in drafter.categories.values() if c["items"]],
    }


def _check_draft(function: str, source: object, reader: object) -> None:
    check_source(source, function)
    check_choice(reader, (*READERS, None), function=function, parameter="reader")


def draft_layout(
    source: str | os.PathLike[str], *, reader: ReaderName | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A draft layout and a draft catalog (JSON-ready) from a set's own header rows.

    Raises :class:`~tajimi_rules.errors.InvalidDocumentError` when the set cannot be read at all
    (see :func:`draft` for the problems as values). A wrong argument raises :class:`TypeError`
    naming it (:class:`ValueError` for an unknown ``reader``).
    """
    _check_draft("draft_layout", source, reader)
    result = draft(source, reader=reader)
    if not result.layout["files"]:
        raise InvalidDocumentError(result.problems, kind="workbooks")
    return result.layout, result.catalog


def _sheets(drafter: _Drafter, file: str, book: Cells, section: str, problems: list[Problem]) -> list[dict[str, Any]]:
    """The specs of a workbook's worksheets with codes; a sheet that cannot be read is a problem, not a spec."""
    specs = []
    for name in book.names:
        if book.kind(name) != "worksheet":
            continue
        try:
            spec = drafter.sheet(name, section, book.rows(name))
        except Refused as refused:
            problems.append(refused.problem)
            continue
        if spec is not None:
            specs.append(spec)
            part = book.package.sheet(name)
            warning = None if part is None else formula_warning(file, part, None, 1)
            if warning is not None:
                problems.append(warning)
    return specs


def draft(source: str | os.PathLike[str], *, reader: ReaderName | None = None) -> Draft:
    """Like :func:`draft_layout`, with the problems met (unreadable files) kept as values.

    A path no file can have (a NUL in it) is a ``file.unreadable`` problem; a wrong argument
    raises :class:`TypeError` naming it (:class:`ValueError` for an unknown ``reader``).
    """
    _check_draft("draft", source, reader)
    chosen = reader or (available_readers() or ("openpyxl",))[0]
    drafter = _Drafter()
    files: list[dict[str, Any]] = []
    problems: list[Problem] = []
    books, refused = open_members(Path(os.fspath(source)), chosen)
    problems.extend(refused)
    for order, (member, book) in enumerate(books, start=1):
        section, title = _section(member.key, order)
        drafter.groups.setdefault(section, title)
        try:
            sheets = _sheets(drafter, member.name, book, section, problems)
        finally:
            book.close()
        if sheets:
            files.append({"match": _glob_escape(member.key), "sheets": sheets})
    layout: dict[str, Any] = {
        "$schema": "urn:tajimi-rules:schema:layout:1",
        "id": "draft",
        "title": f"Draft layout of {Path(os.fspath(source)).name}",
        "catalog": "draft",
    }
    if drafter.period is not None:
        layout["period"] = drafter.period
    layout["assumptions"] = [
        "Drafted from the workbooks' header rows: the columns, first rows and readings are guesses from "
        "the values seen; check them, then rename the item ids."
    ]
    layout["files"] = files
    return Draft(layout, _catalog(drafter, drafter.period), tuple(problems))
