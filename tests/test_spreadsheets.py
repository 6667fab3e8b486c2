"""What a spreadsheet makes of the batch outputs: summary.xlsx and the CSVs, opened by LibreOffice.

The files are converted with LibreOffice headless (the CSVs with "detect special numbers" on,
as a spreadsheet opening a file by double-click does) and read back with openpyxl: codes keep
their leading zeros, rates stay numbers, labels are in the chosen language and no text became a
date.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tests.synthetic import synthetic_answers, write_long_csv

openpyxl = pytest.importorskip("openpyxl")

# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from line 1, standard columns,
# English (US) number recognition (1033), quoted fields not forced to text, special numbers
# (dates) detected: what a spreadsheet does when the file is opened as it is.
_CSV_FILTER = "CSV:44,34,76,1,,1033,false,true"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A batch of Hokkaido's and Gifu's bodies (codes starting with 0), written in Japanese."""
    folder = tmp_path_factory.mktemp("sheets")
    catalog = tr.survey.load_catalog("r4")
    answers = synthetic_answers(catalog, seed=12)
    keep = [index for index, body in enumerate(answers.bodies) if body.code[:2] in ("01", "21")]
    subset = attrs.evolve(
        answers,
        bodies=tuple(answers.bodies[index] for index in keep),
        answers=tuple(answers.answers[index] for index in keep),
    )
    source = write_long_csv(subset, folder / "answers.csv", encoding="utf-8-sig", seed=3)
    out = folder / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(
        ["batch", str(source), "--catalog", "r4", "--out", str(out), "--lang", "ja", "--grade-within-observed"],
        out=Output(stdout, stderr),
    )
    assert (status, stderr.getvalue()) == (0, ""), stderr.getvalue()
    return {"out": out, "folder": folder, "catalog": catalog, "bodies": len(keep)}


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    return found


def _convert(source: Path, folder: Path, infilter: str | None = None) -> Any:
    """``source`` opened by LibreOffice and saved as .xlsx, loaded with openpyxl."""
    soffice = _soffice()
    profile = folder / "lo-profile"
    target = folder / "converted"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    if infilter is not None:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", "xlsx", "--outdir", str(target), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return openpyxl.load_workbook(target / f"{source.stem}.xlsx")


def _rows(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    head = [str(cell) for cell in rows[0]]
    return [dict(zip(head, row, strict=True)) for row in rows[1:]]


def _no_dates(workbook: Any) -> None:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not isinstance(cell.value, (datetime.date, datetime.time)), (sheet.title, cell.coordinate)
                assert not cell.is_date, (sheet.title, cell.coordinate, cell.number_format)


def test_workbook_as_written_has_text_codes_labels_and_percentages(written: dict[str, Any]):
    """summary.xlsx has one row per body, codes as text, Japanese rating labels, rates as percentages."""
    workbook = openpyxl.load_workbook(written["out"] / "summary.xlsx")
    bodies, rates = workbook.worksheets
    assert (bodies.title, rates.title) == ("団体別", "実施率")
    assert (bodies.freeze_panes, rates.freeze_panes) == ("A2", "A2")
    assert bodies.auto_filter.ref == bodies.dimensions and rates.auto_filter.ref == rates.dimensions
    table = _rows(bodies)
    assert len(table) == written["bodies"]
    categories = [category.name.ja for category in written["catalog"].categories]
    assert list(table[0])[: 3 + len(categories)] == ["団体コード", "都道府県", "団体名", *categories]
    labels = {"先進的", "良好", "やや不備あり", "不備あり", ""}
    for row in table:
        assert isinstance(row["団体コード"], str) and len(row["団体コード"]) == 6
        assert {row[name] or "" for name in categories} <= labels
    assert table[0]["団体コード"] == "010006"
    for cell in rates["K"][1:]:
        if cell.value is not None:
            assert isinstance(cell.value, (int, float)) and cell.number_format == "0.0%"


def test_libreoffice_reads_the_workbook_back(written: dict[str, Any], tmp_path: Path):
    """LibreOffice keeps the codes' zeros, the labels and the rates as numbers equal to the fractions."""
    workbook = _convert(written["out"] / "summary.xlsx", tmp_path)
    _no_dates(workbook)
    bodies, rates = workbook.worksheets
    codes = [row["団体コード"] for row in _rows(bodies)]
    assert codes[0] == "010006" and all(isinstance(code, str) and len(code) == 6 for code in codes)
    for row in _rows(rates):
        if row["実施率"] is None:
            continue
        numerator, denominator = (int(part) for part in row["分数（正確な値）"].split(" / "))
        assert isinstance(row["実施率"], (int, float))
        assert abs(Fraction(row["実施率"]) - Fraction(numerator, denominator)) < Fraction(1, 10**12)


def test_libreoffice_reads_the_csvs_back(written: dict[str, Any], tmp_path: Path):
    """Opened as they are, the CSVs keep codes with zeros (body column), numeric rates and no dates."""
    summary = _convert(written["out"] / "summary.csv", tmp_path, _CSV_FILTER)
    _no_dates(summary)
    rows = _rows(summary.active)
    with (written["out"] / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        originals = list(csv.DictReader(stream))
    assert len(rows) == len(originals)
    for row, original in zip(rows, originals, strict=True):
        assert row["body"] == original["body"] and row["body"].startswith(original["code"] + " ")
        assert row["rating_label"] in ("先進的", "良好", "やや不備あり", "不備あり", None)
    assert rows[0]["body"].startswith("010006 ")
    rates = _convert(written["out"] / "rates.csv", tmp_path, _CSV_FILTER)
    _no_dates(rates)
    numbers = 0
    for row in _rows(rates.active):
        if row["rate"] is None:
            continue
        numerator, denominator = (int(part) for part in row["fraction"].split(" / "))
        assert isinstance(row["rate"], (int, float))
        assert abs(Fraction(row["rate"]) - Fraction(numerator, denominator)) <= Fraction(1, 2 * 10**6)
        numbers += 1
    assert numbers > 100


def test_csv_labels_follow_the_language(written: dict[str, Any]):
    """With --lang ja the label columns hold Japanese category names and rating labels beside the ids."""
    with (written["out"] / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    names = {category.id: category.name.ja for category in written["catalog"].categories}
    ratings = {"advanced": "先進的", "good": "良好", "partly_deficient": "やや不備あり", "deficient": "不備あり"}
    ratings[""] = ""
    for row in rows:
        assert row["category_name"] == names[row["category"]]
        assert row["rating_label"] == ratings[row["rating"]]
