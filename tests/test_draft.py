"""Drafting a layout and a catalog from the workbooks' own header rows."""

from __future__ import annotations

import unicodedata

import jsonschema
import pytest

from tajimi_rules.errors import InvalidDocumentError
from tajimi_rules.survey import layout_schema, parse_catalog, parse_layout
from tajimi_rules.survey._draft import draft_layout, fiscal_year
from tests.mic_workbooks import write_set

pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """A generated set and its draft."""
    path = tmp_path_factory.mktemp("draft") / "r4.zip"
    written = write_set(path, municipalities=12)
    return written, *draft_layout(path)


def test_the_draft_validates(drafted):
    """The draft layout is valid against its schema and parses; the draft catalog parses."""
    _, layout, catalog = drafted
    jsonschema.validate(layout, layout_schema())
    assert parse_layout(layout)[1] == []
    assert parse_catalog(catalog).items


def test_item_names_are_the_header_texts(drafted):
    """Every header the generator wrote is an item name of the draft catalog, under its sheet."""
    written, _, catalog = drafted
    headers = {(unicodedata.normalize("NFKC", s), h) for row in written.cells.values() for s, h in row}
    named = {(c["name"]["ja"], i["name"]["ja"]) for c in catalog["categories"] for i in c["items"]}
    assert named == headers


def test_ids_are_deterministic_and_shared_by_both_populations(drafted, tmp_path):
    """The same set drafts the same ids twice; a prefecture sheet and a municipality sheet share their items."""
    _, layout, _ = drafted
    again = tmp_path / "again.zip"
    write_set(again, municipalities=12)
    assert draft_layout(again)[0]["files"] == layout["files"]
    first, second = layout["files"][0]["sheets"][0], layout["files"][1]["sheets"][0]
    assert {first["population"], second["population"]} == {"prefectures", "municipalities"}
    assert [i["item"] for i in first["items"]] == [i["item"] for i in second["items"]]


def test_the_draft_finds_rows_columns_readings_and_period(drafted):
    """Header row, first row (totals included), code/prefecture/name columns, pairs and readings are found."""
    _, layout, catalog = drafted
    sheet = layout["files"][1]["sheets"][0]
    assert (sheet["header_row"], sheet["first_row"], sheet["code"], sheet["prefecture"], sheet["name"]) == (
        6,
        8,
        "B",
        "C",
        "D",
    )
    kinds = [item.get("reading", "pair") for item in sheet["items"]]
    assert kinds == ["standard", "pair", "mark", "count"]
    assert layout["period"] == "令和4年度実績"
    assert catalog["survey"]["fiscal_year"] == 2022 == fiscal_year("令和４年度実績")


def test_an_unreadable_set_is_refused(tmp_path):
    """A source that is no workbook set raises InvalidDocumentError with its problems."""
    path = tmp_path / "x.zip"
    path.write_bytes(b"nope")
    with pytest.raises(InvalidDocumentError) as caught:
        draft_layout(path)
    assert caught.value.problems[0].code == "workbook.not_zip"
