"""Workbooks shaped like MIC's published per-body results, with a record of every cell written.

:func:`write_set` writes a zip of section files (one per survey section and population, named
like 「（１）自治体DXの推進体制等（市区町村）.xlsx」), several sheets per file (「1_組織体制（４）」),
each with the period text in A1 (「令和４年度実績」), a title, an item header block around row 6
(a two-row block where an item is a pair of columns 有無/済未), the first body at row 8 or 9, a
totals row (全国計) without a code, and a note row at the end. Column B holds the code: 6 digits as
text in some sections, 5 digits without the check digit as numbers in others (so Hokkaido's lose
their leading zero). Column C the prefecture, D the name, in some sections prefixed with the
prefecture (「大阪府大阪市」). Cells hold every answer form the survey uses, ○ marks, counts, and
有/無 + 済/未 pairs.

:class:`Written` records what went into each cell; :func:`expected_meanings` reads those records
with its own table (not the library's) to give, per body, the meaning of each (sheet, header).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

from tajimi_rules.survey import PREFECTURES, check_digit

openpyxl = pytest.importorskip("openpyxl")

PERIOD = "令和４年度実績"

STANDARD_FORMS = (
    "任命している",
    "策定している",
    "整備している",
    "構築している",
    "任用している",
    "既に導入済み",
    "導入済み",
    "令和5年度中に導入予定",
    "令和５年度中に導入予定",
    "令和6年度以降に導入予定",
    "実証中",
    "実証実験中",
    "予定なし",
    "",
)

# The oracle: what each written form means, written here independently of the library's readings.
ORACLE = {
    **dict.fromkeys(STANDARD_FORMS[:7], "implemented"),
    **dict.fromkeys(STANDARD_FORMS[7:11], "not_implemented"),
    "実証中": "trial",
    "実証実験中": "trial",
    "予定なし": "not_implemented",
    "": "not_answered",
}


@attrs.frozen
class Column:
    """One item of a sheet: its header and its kind (standard, mark, count or pair)."""

    header: str
    kind: str


@attrs.frozen
class Sheet:
    """One question's sheet: its name and item columns."""

    name: str
    columns: tuple[Column, ...]


@attrs.frozen
class Section:
    """One survey section: its number and title, its sheets, and how its files write codes and names."""

    number: int
    title: str
    sheets: tuple[Sheet, ...]
    five_digits: bool = False
    prefixed: bool = False
    first_row: int = 8


@attrs.frozen
class Written:
    """What was written: the zip, the bodies, and each body's cells by (sheet, header)."""

    path: Path
    bodies: dict[str, str]
    cells: dict[str, dict[tuple[str, str], tuple[object, ...]]]
    totals_rows: int
    files: tuple[str, ...]


def _full_width(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def bodies(municipalities: int, *, prefectures: int = 47, seed: int = 0) -> dict[str, str]:
    """Valid codes and names: ``prefectures`` prefectural governments and ``municipalities`` others."""
    rng = random.Random(seed)
    out: dict[str, str] = {}
    pref_codes = sorted(PREFECTURES)[:prefectures]
    for pref in pref_codes:
        out[f"{pref}000{check_digit(pref + '000')}"] = PREFECTURES[pref]
    for index in range(municipalities):
        pref = pref_codes[index % len(pref_codes)]
        body = f"{pref}{100 + index // len(pref_codes) * 3 + rng.randrange(3):03d}"
        out[f"{body}{check_digit(body)}"] = f"第{index}市"
    return dict(sorted(out.items()))


def sections(*, sheets_per_section: Sequence[int] = (2, 2, 1), columns: int = 4) -> tuple[Section, ...]:
    """Survey sections with their sheets; each sheet has ``columns`` items of every kind in turn."""
    kinds = ("standard", "pair", "mark", "count")
    titles = ("自治体DXの推進体制等", "行政手続のオンライン化", "情報セキュリティ対策")
    out = []
    for number, count in enumerate(sheets_per_section, start=1):
        title = titles[(number - 1) % len(titles)] + ("" if number <= len(titles) else str(number))
        sheets = tuple(
            Sheet(
                f"{index}_質問{number}（{_full_width(index + 3)}）",
                tuple(Column(f"質問{number}-{index}の項目{c}", kinds[c % len(kinds)]) for c in range(columns)),
            )
            for index in range(1, count + 1)
        )
        out.append(
            Section(
                number,
                title,
                sheets,
                five_digits=number % 2 == 0,
                prefixed=number % 3 == 1,
                first_row=8 if number % 2 else 9,
            )
        )
    return tuple(out)


def _value(kind: str, rng: random.Random) -> tuple[object, ...]:
    if kind == "standard":
        return (rng.choice(STANDARD_FORMS),)
    if kind == "mark":
        return (rng.choice(("○", "〇", None)),)
    if kind == "count":
        return (rng.choice((0, 0, 1, 2, 7, None)),)
    applies = rng.choice(("有", "有", "無", None))
    done = rng.choice(("済", "未")) if applies == "有" else None
    return (applies, done)


def _code_cell(code: str, five_digits: bool) -> object:
    return int(code[:5]) if five_digits else code


def _write_sheet(ws, section: Section, sheet: Sheet, rows: list[tuple[str, str]], rng, cells) -> None:
    ws["A1"] = PERIOD
    ws["A3"] = sheet.name.replace("_", " ")
    ws["A6"], ws["B6"], ws["C6"], ws["D6"] = "No.", "団体コード", "都道府県名", "団体名"
    column = 5
    places = []
    for item in sheet.columns:
        ws.cell(6, column, item.header)
        if item.kind == "pair":
            ws.merge_cells(start_row=6, start_column=column, end_row=6, end_column=column + 1)
            ws.cell(7, column, "有無")
            ws.cell(7, column + 1, "済未")
        places.append((item, column))
        column += 2 if item.kind == "pair" else 1
    row = section.first_row
    if rows and rows[0][0][2:5] != "000":
        ws.cell(row, 4, "全国計")
        row += 1
    for number, (code, name) in enumerate(rows, start=1):
        ws.cell(row, 1, number)
        ws.cell(row, 2, _code_cell(code, section.five_digits))
        ws.cell(row, 3, PREFECTURES[code[:2]])
        shown = name if code[2:5] == "000" or not section.prefixed else PREFECTURES[code[:2]] + name
        ws.cell(row, 4, shown)
        for item, at in places:
            values = _value(item.kind, rng)
            for offset, value in enumerate(values):
                if value is not None:
                    ws.cell(row, at + offset, value)
            cells.setdefault(code, {})[(sheet.name, item.header)] = (item.kind, *values)
        row += 1
    ws.cell(row + 1, 1, "（注）回答のない団体は空欄")


def workbook_bytes(section: Section, population: str, rows: list[tuple[str, str]], rng, cells) -> bytes:
    """One section file for one population, as .xlsx bytes."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in section.sheets:
        _write_sheet(book.create_sheet(sheet.name), section, sheet, rows, rng, cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(section: Section, population: str) -> str:
    """The published file name: 「（１）自治体DXの推進体制等（市区町村）.xlsx」."""
    return f"（{_full_width(section.number)}）{section.title}（{population}）.xlsx"


def write_set(
    path: Path, *, municipalities: int = 40, prefectures: int = 47, seed: int = 0, layout: tuple[Section, ...] = ()
) -> Written:
    """Write a MIC-shaped zip at ``path`` and record every cell."""
    rng = random.Random(seed)
    known = bodies(municipalities, prefectures=prefectures, seed=seed)
    prefs = [(code, name) for code, name in known.items() if code[2:5] == "000"]
    munis = [(code, name) for code, name in known.items() if code[2:5] != "000"]
    cells: dict[str, dict[tuple[str, str], tuple[object, ...]]] = {}
    names = []
    totals = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in layout or sections():
            for population, rows in (("都道府県", prefs), ("市区町村", munis)):
                name = file_name(section, population)
                archive.writestr(name, workbook_bytes(section, population, rows, rng, cells))
                names.append(name)
                totals += len(section.sheets) if population == "市区町村" else 0
    return Written(path, known, cells, totals, tuple(names))


def meaning_of(cell: tuple[object, ...]) -> str:
    """The meaning of a recorded cell, by the oracle (trial kept apart; see :data:`ORACLE`)."""
    kind, *values = cell
    if kind == "standard":
        return ORACLE[str(values[0] or "")]
    if kind == "mark":
        return "implemented" if values[0] else "not_implemented"
    if kind == "count":
        return "not_answered" if values[0] is None else "implemented" if int(str(values[0])) > 0 else "not_implemented"
    applies, done = values
    if applies is None:
        return "not_answered"
    if applies == "無":
        return "not_applicable"
    return "implemented" if done == "済" else "not_implemented"


def expected_meanings(written: Written) -> dict[str, dict[tuple[str, str], str]]:
    """Each body's meaning of each (sheet, header), from the recorded cells alone."""
    return {code: {key: meaning_of(cell) for key, cell in row.items()} for code, row in written.cells.items()}
