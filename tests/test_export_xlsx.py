"""The spreadsheet port: workbooks written with no cached values, recalculated by LibreOffice headless.

openpyxl writes formulas without results, so every value read back was computed by LibreOffice
(a test checks that the written files hold none). Many workbooks go through one ``soffice``
process, with a private profile that recalculates every formula on load. Without LibreOffice
(Debian: ``libreoffice-calc-nogui``) the tests are skipped, saying why.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._texts import text
from tajimi_rules.export import NO_RATING, calculator_workbook, excel_formula, whatif_workbook

from .strategies import rule_sets as small_rule_sets
from .test_export_js import any_counts, conformance, wide_rule_sets

openpyxl = pytest.importorskip("openpyxl")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui)"
)
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"

# Recalculate every formula of an OOXML file on load (0: always), whatever the file caches.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


Sheets = list[list[tuple[Any, ...]]]
"""A workbook's values: for each sheet, its rows (row 1 first), each a tuple of cells (column A first)."""


def recalculate(paths: list[Path], work: Path) -> list[Sheets]:
    """Open ``paths`` in one LibreOffice process, save them recalculated, and read their values back."""
    assert SOFFICE is not None
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    out = work / "recalculated"
    out.mkdir(exist_ok=True)
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--calc",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, paths),
    ]
    subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    books = []
    for path in paths:
        workbook = openpyxl.load_workbook(out / path.name, data_only=True, read_only=True)
        books.append([list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets])
        workbook.close()
    return books


def value(sheet: list[tuple[Any, ...]], row: int, column: int) -> Any:
    """The value at a 1-based row and column (``None`` beyond the sheet's used range)."""
    if row > len(sheet) or column > len(sheet[row - 1]):
        return None
    return sheet[row - 1][column - 1]


def blank(value: object) -> bool:
    return value is None or value == ""


def calculator_with(rule_set: tr.RuleSet, vectors: list[list[int]], path: Path) -> Path:
    workbook = calculator_workbook(rule_set, "en", rows=len(vectors))
    sheet = workbook.worksheets[0]
    for row, vector in enumerate(vectors, start=2):
        for column, count in enumerate(vector, start=1):
            sheet.cell(row=row, column=column, value=count)
    workbook.save(path)
    return path


def python_id(rule_set: tr.RuleSet, vector: list[int]) -> str:
    rating = rule_set.rate(tr.Counts(*vector))
    return rating.value if rating else NO_RATING


def test_the_calculator_layout(practised):
    """The first sheet has the five headers in A1:E1 and a formula in E2..E10001, with no cached value."""
    workbook = calculator_workbook(practised, "ja")
    sheet = workbook.worksheets[0]
    assert [sheet.cell(row=1, column=c).value for c in range(1, 6)] == [
        "advanced",
        "standard",
        "needs_review",
        "behind",
        "rating",
    ]
    assert sheet["E2"].value.startswith("=IF(") and sheet["E10001"].value.startswith("=IF(")
    assert "A10001" in sheet["E10001"].value and sheet["E10002"].value is None
    assert "良好" in sheet["F2"].value
    assert excel_formula(practised, ["A2", "B2", "C2", "D2"]) == sheet["E2"].value[1:]


def column_of(sheet: Any, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r}")


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every fixed workbook of this module, written, then recalculated by one LibreOffice process."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui)")
    work = tmp_path_factory.mktemp("libreoffice")
    paths: dict[str, Path] = {}
    facts: dict[str, Any] = {}

    # The conformance suite, one calculator per shipped rule set.
    rule_sets, cases, expected = conformance()
    facts["conformance"] = []
    for index, rule_set in enumerate(rule_sets):
        mine = [(vector, want) for (i, vector), want in zip(cases, expected, strict=True) if i == index]
        paths[rule_set.id] = calculator_with(rule_set, [v for v, _ in mine], work / f"{rule_set.id}.xlsx")
        facts["conformance"].append((rule_set.id, [want or NO_RATING for _, want in mine]))
    facts["cached"] = openpyxl.load_workbook(paths["tajimi-r4"], data_only=True).worksheets[0]["E2"].value

    # The calculator as the command line writes it, with rows typed in.
    path = work / "r4-cli.xlsx"
    assert main(["export", "tajimi-r4", "--to", "xlsx", "--out", str(path), "--lang", "ja"]) == 0
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for row, vector in ((2, (1, 8, 5, 4)), (3, (0, 0, 0, 0)), (5, (1, -1, 0, 0)), (6, (2, None, None, None))):
        for column, value in zip("ABCD", vector, strict=True):
            sheet[f"{column}{row}"] = value
    workbook.save(path)
    paths["cli"] = path

    # The what-if workbook of the example, untouched and with items changed.
    paths["plan"] = work / "plan.xlsx"
    whatif_workbook(EXAMPLE, lang="ja").save(paths["plan"])
    workbook = whatif_workbook(EXAMPLE, lang="ja")
    categories, items = workbook.worksheets[0], workbook.worksheets[1]
    ids = [categories.cell(row=row, column=1).value for row in range(2, categories.max_row + 1)]
    move = column_of(categories, text("export.whatif.category.move_behind_standard", "ja"))
    categories.cell(row=ids.index("gis") + 2, column=move, value=3)
    implemented = column_of(items, text("export.whatif.item.implemented", "ja"))
    item_ids = [items.cell(row=row, column=3).value for row in range(2, items.max_row + 1)]
    facts["opinions"] = item_ids.index("website-opinions") + 2
    facts["opinions_before"] = items.cell(row=facts["opinions"], column=implemented).value
    items.cell(row=facts["opinions"], column=implemented, value="実施")
    paths["plan-changed"] = work / "plan-changed.xlsx"
    workbook.save(paths["plan-changed"])

    names = list(paths)
    books = recalculate([paths[name] for name in names], work)
    facts.update(zip(names, books, strict=True))
    return facts


@needs_soffice
def test_every_conformance_case_in_libreoffice(recalculated):
    """LibreOffice rates every conformance case of both shipped rule sets as expected, from no cached value."""
    # The written files cache no value: whatever is read back, LibreOffice computed.
    assert recalculated["cached"] is None
    passed = 0
    for rule_set_id, want in recalculated["conformance"]:
        sheet = recalculated[rule_set_id][0]
        got = [value(sheet, row, 5) for row in range(2, len(want) + 2)]
        assert got == want, rule_set_id
        passed += len(want)
    assert passed == 4064


@needs_soffice
@pytest.mark.slow
@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), rule_sets=st.lists(st.one_of(small_rule_sets(), wide_rule_sets()), min_size=16, max_size=16))
def test_generated_rule_sets_in_libreoffice(tmp_path_factory, data, rule_sets):
    """On generated rule sets (nine-digit thresholds, counts up to 100,000) LibreOffice agrees with Python."""
    work = tmp_path_factory.mktemp("generated")
    paths, wanted = [], []
    for index, rule_set in enumerate(rule_sets):
        vectors = [*data.draw(st.lists(any_counts, min_size=25, max_size=25)), [0, 0, 0, 0]]
        paths.append(calculator_with(rule_set, vectors, work / f"generated-{index}.xlsx"))
        wanted.append([python_id(rule_set, v) for v in vectors])
    for workbook, want in zip(recalculate(paths, work), wanted, strict=True):
        assert [value(workbook[0], row, 5) for row in range(2, len(want) + 2)] == want


@needs_soffice
def test_the_exported_calculator_rates_gis(recalculated):
    """``export tajimi-r4 --to xlsx``: 1/8/5/4 typed in row 2 is partly deficient; blank and bad rows say so."""
    sheet = recalculated["cli"][0]
    rows = [[value(sheet, row, column) for column in (5, 6)] for row in range(2, 7)]
    assert rows[0] == ["partly_deficient", "やや不備あり"]
    assert rows[1] == [NO_RATING, "評価なし"]
    assert all(blank(value) for value in rows[2])
    assert rows[3] == ["invalid", "件数が不正"]
    assert all(blank(value) for value in rows[4])  # a half-filled row stays blank until every count is typed
    assert all(blank(value(sheet, row, 5)) for row in (7, 10001))


@needs_soffice
def test_whatif_workbook_in_libreoffice(recalculated):
    """Recalculated, the plan rates as ``check``; three GIS behind items implemented (-> 1/11/5/1) rate GIS 良好."""
    report = tr.check(EXAMPLE)
    before, after = recalculated["plan"], recalculated["plan-changed"]
    assert recalculated["opinions_before"] == "未実施"
    opinions = recalculated["opinions"]

    def read(book: Sheets) -> dict[str, dict[str, Any]]:
        headers, *rows = book[0]
        return {row[0]: dict(zip(headers, row, strict=True)) for row in rows if row[0] is not None}

    rating = text("export.whatif.category.rating", "ja")
    label = text("export.whatif.category.label", "ja")
    agrees = text("export.whatif.category.agrees", "ja")
    counts = [text(f"export.whatif.category.{level.value}", "ja") for level in tr.Level]
    rows = read(before)
    assert {key: value[rating] for key, value in rows.items()} == {
        c.category.id: c.rating.value if c.rating else NO_RATING for c in report.categories
    }
    assert [rows["gis"][c] for c in counts] == [1, 8, 5, 4]
    assert rows["gis"][agrees] == "✗ 不一致"
    changed_rows = read(after)
    assert [changed_rows["gis"][c] for c in counts] == [1, 11, 5, 1]
    assert changed_rows["gis"][label] == "良好" and changed_rows["gis"][agrees] == "✓ 一致"
    assert tr.load_rules("tajimi-r4").rate(tr.Counts(1, 11, 5, 1)) is tr.Rating.GOOD
    assert [changed_rows["website"][c] for c in counts] == [2, 12, 6, 0]
    assert changed_rows["website"][label] == "良好"
    items_headers = after[1][0]
    level = value(after[1], opinions, items_headers.index(text("export.whatif.item.level", "ja")) + 1)
    assert level == "普通"
    unchanged = {key for key in rows if key not in ("gis", "website")}
    assert all(rows[key][rating] == changed_rows[key][rating] for key in unchanged)
