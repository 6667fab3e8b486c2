"""Workbooks that rate with formulas: the calculator of a rule set, and the what-if plan of an evaluation.

Both are written with openpyxl (the ``xlsx`` or ``export`` extra) and compute everything with the
formulas of :func:`~tajimi_rules.export.excel_formula`: no macro, no cached value that could go
stale. Excel and LibreOffice recompute them whenever a cell changes.

*The calculator* (:func:`calculator_workbook`): the first sheet has the headers ``advanced``,
``standard``, ``needs_review``, ``behind``, ``rating`` in A1:E1; rows 2 to 10001 rate the counts
typed in A:D (column E, the rating id; column F, its label in the chosen language).

*The what-if workbook* (:func:`whatif_workbook`): a sheet of the evaluation's named items, each
with an editable implemented / not implemented cell and its level computed from the rule set's
item grading, and a sheet of categories whose counts add the named items' levels (``COUNTIFS``)
to the items the file only counts, with editable cells for how many of those move between levels;
each category's rating is the compiled formula over those counts, beside the stated rating.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .._arguments import check_lang, check_rule_set
from .._fractions import format_percent
from .._sheets import sheet_text
from .._texts import Lang, text
from ..checks import item_level
from ..documents import resolve
from ..model import Category, Counts, Evaluation, Item, Level, Rating
from ..rules import ItemGrading, RuleSet
from ._bounds import MAX_COUNT, Target
from ._compile import COLUMNS, NO_RATING, excel_formula

__all__ = [
    "CALCULATOR_ROWS",
    "MOVES",
    "WhatIfCategory",
    "WhatIfItem",
    "calculator_workbook",
    "plan",
    "whatif_workbook",
]

CALCULATOR_ROWS = 10_000
"""The rows of counts the calculator rates (rows 2 to 10001)."""

MOVES: tuple[tuple[Level, Level], ...] = (
    (Level.NEEDS_REVIEW, Level.ADVANCED),
    (Level.BEHIND, Level.STANDARD),
    (Level.ADVANCED, Level.NEEDS_REVIEW),
    (Level.STANDARD, Level.BEHIND),
)
"""The moves of items a file only counts: implementing one (rarity unchanged), or giving one up."""

INVALID = "invalid"
"""What a formula writes where a count is not a whole number from 0 to 100,000."""


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as error:  # pragma: no cover - exercised where the extra is missing
        raise ImportError("workbooks need openpyxl: pip install 'tajimi-rules[export]'") from error


def _label_formula(cell: str, lang: Lang) -> str:
    """A formula giving the label of the rating id in ``cell``."""
    names = [*(rating.value for rating in Rating), NO_RATING, INVALID]
    formula = '""'
    for name in reversed(names):
        formula = f'IF({cell}="{name}","{text(f"export.rating.{name}", lang)}",{formula})'
    return formula


def _whole_numbers(openpyxl: Any, top: int, lang: Lang) -> Any:
    validation = openpyxl.worksheet.datavalidation.DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(top), allow_blank=True
    )
    validation.error = text("export.validation.count", lang, top=top)
    validation.showErrorMessage = True
    return validation


class _Input(str):
    """A text from the input (a name, a title): written as text, never read as a formula."""

    __slots__ = ()


def _append(sheet: Any, values: Sequence[object]) -> None:
    """Append a row; each :class:`_Input` is a plain text cell, its illegal characters written as escapes.

    openpyxl would take a text starting with ``=`` for a formula: a name such as
    ``=HYPERLINK(...)`` must stay the name it is.
    """
    sheet.append([sheet_text(v) if isinstance(v, _Input) else v for v in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, _Input):
            sheet.cell(row=row, column=column).data_type = "s"


def _about(sheet: Any, rules: RuleSet, lang: Lang) -> None:
    sheet.append([text("export.about.rule_set", lang), rules.id])
    _append(sheet, [text("export.about.title", lang), _Input(rules.title)])
    sheet.append([text("export.about.combine", lang), text(f"export.combine.{rules.combine.value}", lang)])
    for index, rule in enumerate(rules.rules):
        label = text(f"export.rating.{rule.rating.value}", lang)
        sheet.append([text("export.about.rule", lang, number=index + 1, rating=label), rule.when.describe(lang)])
    sheet.append([text("export.about.exact", lang)])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90


def calculator_workbook(rules: RuleSet, lang: Lang = "en", *, rows: int = CALCULATOR_ROWS) -> Any:
    """An openpyxl workbook whose first sheet rates the counts typed in A:D, rows 2 to ``rows + 1``.

    Raises :class:`~tajimi_rules.errors.InvalidDocumentError` for a rule set whose products could
    leave the exact range of spreadsheet numbers, :class:`TypeError` for ``rules`` that are no
    loaded rule set, :class:`ValueError` for a ``lang`` other than ``"en"`` or ``"ja"``.
    """
    check_rule_set(rules, "calculator_workbook")
    check_lang(lang, "calculator_workbook")
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = text("export.sheet.calculator", lang)
    sheet.append([*COLUMNS, "rating", text("export.header.label", lang)])
    formula = excel_formula(rules, ("A{row}", "B{row}", "C{row}", "D{row}"))
    for row in range(2, rows + 2):
        sheet.cell(row=row, column=5, value="=" + formula.replace("{row}", str(row)))
        sheet.cell(row=row, column=6, value="=" + _label_formula(f"E{row}", lang))
    validation = _whole_numbers(openpyxl, MAX_COUNT, lang)
    validation.add(f"A2:D{rows + 1}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    for column in "ABCDEF":
        sheet.column_dimensions[column].width = 16
    _about(workbook.create_sheet(text("export.sheet.about", lang)), rules, lang)
    return workbook


# --------------------------------------------------------------------------- the what-if plan


@attrs.frozen(kw_only=True)
class WhatIfItem:
    """A named item as the what-if workbook and page show it.

    ``common`` is whether the item is common (by the grading's rate, else by its stated level);
    ``None`` when neither tells or when whether it is implemented is unknown, and the item then
    cannot be toggled: it stays among the counted items.
    """

    category: str
    item: Item
    implemented: bool | None
    common: bool | None
    rate: Fraction | None

    @property
    def level(self) -> Level | None:
        """The item's level as the file gives it (implemented as stated)."""
        if self.common is None or self.implemented is None:
            return None
        return Level.of(self.implemented, self.common)


@attrs.frozen(kw_only=True)
class WhatIfCategory:
    """A category of the plan: the counts of the items the file only counts, and its named items."""

    category: Category
    items: tuple[WhatIfItem, ...]
    counted: Counts | None
    """The items counted but not named (or not placeable), by level; ``None`` when the counts are unknown."""

    @property
    def counts(self) -> Counts | None:
        """The counts as the file gives them: the counted items plus the named ones at their levels."""
        if self.counted is None:
            return None
        named = Counts.from_levels(item.level for item in self.items if item.level is not None)
        return Counts(*(x + y for x, y in zip(self.counted, named, strict=True)))


def _common(item: Item, grading: ItemGrading | None) -> tuple[bool | None, Fraction | None]:
    if grading is not None:
        rate = grading.rate_of(item.national_rate, item.prefecture_rate)
        if rate is not None:
            return grading.is_common(rate), rate
    level = item_level(item, grading)
    return (level.common if level is not None else None), None


def plan(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
) -> tuple[Evaluation, RuleSet, tuple[WhatIfCategory, ...]]:
    """The evaluation and rule set resolved, and every category split into named and counted items."""
    loaded, rule_set = resolve(evaluation, rules)
    categories = []
    for category in loaded.categories:
        items = []
        for item in category.items:
            common, rate = _common(item, rule_set.item_grading)
            level = item_level(item, rule_set.item_grading)
            implemented = item.implemented if item.implemented is not None else (level.implemented if level else None)
            if implemented is None:
                common = None  # an item whose state is unknown stays among the counted items
            items.append(WhatIfItem(category=category.id, item=item, implemented=implemented, common=common, rate=rate))
        placed = [item for item in items if item.level is not None]
        counted: Counts | None
        if category.counts is None:
            unknown = not items or len(placed) < len(items)
            counted = None if unknown else Counts()
        else:
            named = Counts.from_levels(item.level for item in placed if item.level is not None)
            rest = [x - y for x, y in zip(category.counts, named, strict=True)]
            if min(rest) < 0:
                # The named items do not fit the stated counts: keep the counts and leave the items fixed.
                items = [attrs.evolve(item, common=None) for item in items]
                counted = category.counts
            else:
                counted = Counts(*rest)
        categories.append(WhatIfCategory(category=category, items=tuple(items), counted=counted))
    return loaded, rule_set, tuple(categories)


def _rate_cells(rate: Fraction | None, grading: ItemGrading | None) -> tuple[int | None, int | None]:
    """The rate as numerator and denominator cells, where the grading's comparison stays exact."""
    if rate is None or grading is None:
        return None, None
    p, q = grading.threshold.numerator, grading.threshold.denominator
    if max(rate.numerator * q, p * rate.denominator) >= Target.XLSX.limit:
        return None, None
    return rate.numerator, rate.denominator


def _level_names(lang: Lang) -> dict[Level, str]:
    return {level: text(f"export.level.{level.value}", lang) for level in Level}


_ITEM_COLUMNS = (
    "category",
    "category_name",
    "item",
    "item_name",
    "national_rate",
    "prefecture_rate",
    "implemented",
    "rate_numerator",
    "rate_denominator",
    "common",
    "level",
)


def _items_sheet(sheet: Any, openpyxl: Any, rule_set: RuleSet, categories: Sequence[WhatIfCategory], lang: Lang) -> int:
    """Write the items sheet; return its last row."""
    sheet.append([text(f"export.whatif.item.{name}", lang) for name in _ITEM_COLUMNS])
    yes, no = text("export.implemented.yes", lang), text("export.implemented.no", lang)
    names = _level_names(lang)
    grading = rule_set.item_grading
    row = 1
    for entry in categories:
        for item in entry.items:
            row += 1
            numerator, denominator = _rate_cells(item.rate, grading)
            if item.common is None:
                common: object = ""
            elif numerator is not None and grading is not None:
                p, q = grading.threshold.numerator, grading.threshold.denominator
                symbol = grading.comparison.symbol
                common = f"=H{row}*{q}{symbol}{p}*I{row}"
            else:
                common = item.common
            level: object = "—"
            if item.common is not None:
                standard, advanced = names[Level.STANDARD], names[Level.ADVANCED]
                behind, review = names[Level.BEHIND], names[Level.NEEDS_REVIEW]
                level = (
                    f'=IF(G{row}="{yes}",IF(J{row},"{standard}","{advanced}"),'
                    f'IF(G{row}="{no}",IF(J{row},"{behind}","{review}"),"—"))'
                )
            national, prefecture = item.item.national_rate, item.item.prefecture_rate
            _append(
                sheet,
                [
                    entry.category.id,
                    _Input(entry.category.name.label(lang)),
                    item.item.id,
                    _Input(item.item.name.label(lang)),
                    format_percent(national) if national is not None else "",
                    format_percent(prefecture) if prefecture is not None else "",
                    "" if item.implemented is None else (yes if item.implemented else no),
                    numerator,
                    denominator,
                    common,
                    level,
                ],
            )
    if row > 1:
        choice = openpyxl.worksheet.datavalidation.DataValidation(
            type="list", formula1=f'"{yes},{no}"', allow_blank=True
        )
        choice.add(f"G2:G{row}")
        sheet.add_data_validation(choice)
    for column, width in zip("ABCDEFGHIJK", (22, 30, 26, 40, 12, 12, 14, 10, 10, 8, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return row


def _category_columns() -> list[str]:
    counted = [f"counted_{level.value}" for level in Level]
    moves = [f"move_{source.value}_{target.value}" for source, target in MOVES]
    counts = [level.value for level in Level]
    return ["category", "category_name", *counted, *moves, *counts, "n", "rating", "label", "stated", "agrees"]


@attrs.frozen
class _Sheets:
    """Where the categories sheet finds what it refers to."""

    letter: Mapping[str, str]
    items: str
    last: int
    names: Mapping[Level, str]

    def cell(self, name: str, row: int) -> str:
        return f"{self.letter[name]}{row}"

    def count(self, level: Level, row: int) -> str:
        """The formula of a count: the counted items, the named ones at this level, and the moves."""
        items, last = self.items, self.last
        terms = [
            self.cell(f"counted_{level.value}", row),
            f'COUNTIFS({items}!$A$2:$A${last},$A{row},{items}!$K$2:$K${last},"{self.names[level]}")',
        ]
        for source, target in MOVES:
            cell = self.cell(f"move_{source.value}_{target.value}", row)
            if target is level:
                terms.append("+" + cell)
            if source is level:
                terms.append("-" + cell)
        return "=" + terms[0] + "+" + "".join(terms[1:])


def _category_row(entry: WhatIfCategory, row: int, sheets: _Sheets, rule_set: RuleSet, lang: Lang) -> list[object]:
    values: list[object] = [entry.category.id, _Input(entry.category.name.label(lang))]
    counted = entry.counted
    known = counted is not None
    values += [counted[level] if counted is not None else None for level in Level]
    values += [0 if known else None for _ in MOVES]
    values += [sheets.count(level, row) if known else None for level in Level]
    count_cells = [sheets.cell(level.value, row) for level in Level]
    values.append(f"={'+'.join(count_cells)}" if known else None)
    values.append("=" + excel_formula(rule_set, count_cells))
    values.append("=" + _label_formula(sheets.cell("rating", row), lang))
    stated = entry.category.stated_rating
    if stated is None:
        values += [None, None]
    else:
        agree, differ = text("export.agrees", lang), text("export.differs", lang)
        values.append(text(f"export.rating.{stated.value}", lang))
        values.append(f'=IF({sheets.cell("rating", row)}="{stated.value}","{agree}","{differ}")')
    return values


def _move_validations(sheet: Any, openpyxl: Any, row: int, sheets: _Sheets, lang: Lang) -> None:
    """Each move cell takes a whole number from 0 to the items counted at the level it moves from."""
    for source, target in MOVES:
        bound = openpyxl.worksheet.datavalidation.DataValidation(
            type="whole", operator="between", formula1="0", formula2=sheets.cell(f"counted_{source.value}", row)
        )
        bound.error = text("export.validation.move", lang)
        bound.showErrorMessage = True
        bound.add(sheets.cell(f"move_{source.value}_{target.value}", row))
        sheet.add_data_validation(bound)


def whatif_workbook(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> Any:
    """An openpyxl workbook in which changing an item or a count recomputes every category's rating.

    ``rules`` defaults to the evaluation's own rule set. Raises
    :class:`~tajimi_rules.errors.InvalidDocumentError` for an invalid evaluation, or a rule set
    that cannot be compiled to exact spreadsheet formulas.
    """
    openpyxl = _openpyxl()
    _loaded, rule_set, categories = plan(evaluation, rules)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = text("export.sheet.categories", lang)
    items = workbook.create_sheet(text("export.sheet.items", lang))
    last = _items_sheet(items, openpyxl, rule_set, categories, lang)
    columns = _category_columns()
    sheet.append([text(f"export.whatif.category.{name}", lang) for name in columns])
    sheets = _Sheets(
        letter={name: openpyxl.utils.get_column_letter(index + 1) for index, name in enumerate(columns)},
        items="'" + items.title.replace("'", "''") + "'",
        last=max(last, 2),
        names=_level_names(lang),
    )
    for row, entry in enumerate(categories, start=2):
        _append(sheet, _category_row(entry, row, sheets, rule_set, lang))
        if entry.counted is not None:
            _move_validations(sheet, openpyxl, row, sheets, lang)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 36
    _about(workbook.create_sheet(text("export.sheet.about", lang)), rule_set, lang)
    return workbook
