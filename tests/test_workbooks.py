"""Reading MIC-shaped workbooks through a layout: answers per body, problems located, bad files refused."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import Any

import pytest

from tajimi_rules.survey import Answer, Meaning, load_catalog, load_layout, parse_catalog
from tajimi_rules.survey._draft import draft_layout
from tajimi_rules.survey._grouping import bound_groups, group_problems
from tajimi_rules.survey._workbooks import available_readers, read_workbooks
from tests.mic_workbooks import expected_meanings, write_set

openpyxl = pytest.importorskip("openpyxl")
READERS = available_readers()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """A generated MIC-shaped zip, its record, and the layout and catalog drafted from it."""
    path = tmp_path_factory.mktemp("mic") / "r4.zip"
    written = write_set(path, municipalities=30)
    layout, catalog = draft_layout(path)
    return written, load_layout(layout), parse_catalog(catalog)


@pytest.mark.parametrize("reader", READERS)
def test_every_body_gets_the_answers_its_cells_say(drafted, reader):
    """Draft then read gives, for every body and item, the meaning the generator's own record gives."""
    written, layout, catalog = drafted
    read = read_workbooks(written.path, layout, catalog, reader=reader)
    assert read.errors == ()
    by_name = {(c.name.ja, item.name.ja): item.id for c in catalog.categories for item in c.items}
    index = catalog.item_index()
    expected = expected_meanings(written)
    assert [body.code for body in read.answers.bodies] == sorted(written.bodies)
    for body, meanings in zip(read.answers.bodies, read.meanings, strict=True):
        got = {key: meanings[index[by_name[nfkc(key[0]), key[1]]]].value for key in expected[body.code]}
        assert got == expected[body.code]
        assert body.name == written.bodies[body.code]


def test_trial_and_not_applicable_count_as_the_layout_says(drafted):
    """In the answers, trial counts as not implemented and not applicable as not answered."""
    written, layout, catalog = drafted
    read = read_workbooks(written.path, layout, catalog)
    pairs = {
        (m, a)
        for row, answers in zip(read.meanings, read.answers.answers, strict=True)
        for m, a in zip(row, answers, strict=True)
    }
    assert (Meaning.TRIAL, Answer.NOT_IMPLEMENTED) in pairs
    assert (Meaning.NOT_APPLICABLE, Answer.NOT_ANSWERED) in pairs
    assert {a for m, a in pairs if m is Meaning.TRIAL} == {Answer.NOT_IMPLEMENTED}


def test_totals_rows_are_skipped_and_codes_completed(drafted):
    """Totals and note rows are skipped and counted; 5-digit codes are completed and counted."""
    written, layout, catalog = drafted
    read = read_workbooks(written.path, layout, catalog)
    sheets = len(read.sheets)
    assert len(read.skipped) == written.totals_rows + sheets
    assert {row.text for row in read.skipped} >= {"全国計"}
    bodies_in_five_digit_sheets = sum(s.bodies for s in read.sheets if "（２）" in s.file)
    assert read.completed == bodies_in_five_digit_sheets > 0
    assert read.restored > 0
    assert "skipped" in read.summary("en") and "飛ばし" in read.summary("ja")


def test_unmapped_items_are_listed(drafted):
    """Catalog items no column maps to are listed and warned about."""
    written, layout, _ = drafted
    catalog = load_catalog("r4")
    layout_r4 = load_layout(
        {
            "id": "partial",
            "files": [
                {
                    "match": "*（１）*市区町村*",
                    "sheets": [
                        {
                            "sheet": layout.files[1].sheets[0].sheet,
                            "population": "municipalities",
                            "header_row": 6,
                            "first_row": 8,
                            "code": "B",
                            "name": "D",
                            "items": [{"item": "cio-adviser", "column": "E"}],
                        }
                    ],
                }
            ],
        }
    )
    read = read_workbooks(written.path, layout_r4, catalog)
    assert len(read.unmapped_items) == len(catalog.items) - 1
    assert {c.column for c in read.unmapped_columns} >= {"F", "H", "I"}
    assert "workbook.unmapped_item" in {p.code for p in read.problems}
    assert read.errors == ()


def _workbook(rows: Sequence[Sequence[object]], sheet: str = "Q1") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws["A1"] = "令和４年度実績"
    ws["E6"] = "CIO補佐官"
    for number, row in enumerate(rows, start=8):
        for column, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(number, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _layout(**sheet: object) -> dict[str, Any]:
    spec = {
        "sheet": "Q1",
        "population": "municipalities",
        "header_row": 6,
        "first_row": 8,
        "code": "B",
        "name": "D",
        "items": [{"item": "cio-adviser", "column": "E"}],
    }
    spec.update(sheet)
    return {"id": "t", "files": [{"match": "*.xlsx", "sheets": [spec]}]}


@pytest.mark.parametrize("reader", READERS)
def test_a_bad_code_names_file_sheet_cell_expected_found(tmp_path, reader):
    """A malformed code is a problem with the file, the sheet and cell, what was expected and found."""
    path = tmp_path / "one.xlsx"
    path.write_bytes(
        _workbook([(1, "212041", None, "多治見市", "任命している"), (2, "212042", None, "x市", "予定なし")])
    )
    read = read_workbooks(path, _layout(), load_catalog("r4"), reader=reader)
    [fault] = read.errors
    assert (fault.code, fault.file, fault.line, fault.column) == ("workbook.code_check_digit", "one.xlsx", 9, 2)
    assert (fault.expected, fault.found) == ("212041", "'212042'")
    assert "sheet 'Q1' cell B9" in fault.message
    assert "シート「Q1」セル B9" in (fault.message_ja or "")
    assert read.answers.of("212041")["cio-adviser"] is Answer.IMPLEMENTED


def test_conflicts_name_both_places(tmp_path):
    """The same body and item answered differently in two sheets is a conflict naming both cells."""
    book = openpyxl.Workbook()
    for title, answer in (("Q1", "任命している"), ("Q2", "予定なし")):
        ws = book.create_sheet(title)
        ws.cell(8, 2, "212041")
        ws.cell(8, 5, answer)
    path = tmp_path / "two.xlsx"
    book.save(path)
    layout = _layout()
    layout["files"][0]["sheets"].append({**layout["files"][0]["sheets"][0], "sheet": "Q2"})
    read = read_workbooks(path, layout, load_catalog("r4"))
    [conflict] = read.errors
    assert conflict.code == "workbook.conflict"
    assert "Q2" in conflict.message and "'Q1' cell E8" in conflict.message
    assert read.answers.of("212041")["cio-adviser"] is Answer.IMPLEMENTED


def test_a_body_of_the_other_population_is_refused(tmp_path):
    """A prefectural government on a municipalities sheet is a problem, not an answer."""
    path = tmp_path / "one.xlsx"
    path.write_bytes(_workbook([(1, "210005", None, "岐阜県", "任命している")]))
    read = read_workbooks(path, _layout(), load_catalog("r4"))
    assert [p.code for p in read.errors] == ["workbook.population"]
    assert read.answers.bodies == ()


def test_an_unknown_answer_is_located(tmp_path):
    """An answer text the column's reading does not know is a problem at its cell."""
    path = tmp_path / "one.xlsx"
    path.write_bytes(_workbook([(1, "212041", None, "多治見市", "たぶん")]))
    [problem] = read_workbooks(path, _layout(), load_catalog("r4")).errors
    assert (problem.code, problem.line, problem.column, problem.found) == ("workbook.unknown_answer", 8, 5, "'たぶん'")


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"not a zip at all", "workbook.not_zip"), (None, "workbook.unreadable")],
)
def test_malformed_sets_are_refused_with_problems(tmp_path, content, code):
    """A file that is no zip, and a zip whose workbook is cut short, are problems, never exceptions."""
    path = tmp_path / "set.zip"
    if content is None:
        data = _workbook([(1, "212041", None, "多治見市", "任命している")])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("a.xlsx", data)
        whole = path.read_bytes()
        path.write_bytes(whole[: len(whole) // 2] + b"\0" * 64 + whole[len(whole) // 2 + 64 :])
    else:
        path.write_bytes(content)
    read = read_workbooks(path, _layout(), load_catalog("r4"))
    assert code in {p.code for p in read.errors}
    assert read.answers.bodies == ()


def test_a_missing_sheet_is_a_problem(tmp_path):
    """A sheet the layout names and the workbook lacks is a problem naming the sheets there are."""
    path = tmp_path / "one.xlsx"
    path.write_bytes(_workbook([(1, "212041", None, "多治見市", "任命している")]))
    [problem] = read_workbooks(path, _layout(sheet="Q9"), load_catalog("r4")).errors
    assert (problem.code, problem.expected) == ("workbook.missing_sheet", "Q1")


def test_xml_entities_are_never_expanded(tmp_path):
    """A workbook whose XML declares a DOCTYPE (entity expansion) is refused before any parser reads it."""
    data = _workbook([(1, "212041", None, "多治見市", "任命している")])
    source = zipfile.ZipFile(io.BytesIO(data))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                part = bomb + (part.split(b"?>", 1)[1] if part.startswith(b"<?xml") else part)
            out.writestr(info, part)
    read = read_workbooks(path, _layout(), load_catalog("r4"))
    assert [p.code for p in read.errors] == ["workbook.xml_entities"]


def test_identical_problems_group_into_one_line(tmp_path):
    """1,788 identical problems print as one grouped line with the count and the first places."""
    rows = [(n, f"9{n:05d}", None, "x", "任命している") for n in range(1788)]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_workbook(rows))
    read = read_workbooks(path, _layout(code_digits=6), load_catalog("r4"))
    assert len(read.errors) == 1788
    [group] = group_problems(read.errors)
    assert group.count == 1788
    assert "1787 more like it" in group.text("en") and "1787 件" in group.text("ja")
    kept, left_off = bound_groups(group_problems([*read.errors, *read.problems[-1:]]), 0)
    assert (kept, left_off) == ((), 1789)
