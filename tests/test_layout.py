"""Layout documents: schema, meaning, pointer-precise problems, readings, and the shipped layout."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from tajimi_rules.errors import InvalidDocumentError
from tajimi_rules.survey import (
    Answer,
    Meaning,
    builtin_layouts,
    builtin_reading,
    layout_schema,
    load_catalog,
    load_layout,
    parse_layout,
    read_layout,
)

GOOD: dict[str, Any] = {
    "$schema": "urn:tajimi-rules:schema:layout:1",
    "id": "test",
    "readings": {"local": {"extends": "standard", "implemented": ["やってます"]}},
    "files": [
        {
            "match": "*.xlsx",
            "sheets": [
                {
                    "sheet": "1_組織体制（４）",
                    "population": "municipalities",
                    "header_row": 6,
                    "first_row": 8,
                    "code": "B",
                    "name": "D",
                    "items": [
                        {"item": "cio-adviser", "column": "E", "reading": "local"},
                        {"item": "ciso", "applies": "F", "done": "G"},
                        {"item": "csirt", "column": "H", "texts": {"implemented": ["済"], "not_implemented": ["未"]}},
                    ],
                }
            ],
        }
    ],
}


def _with(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def test_the_schema_is_valid_and_documented():
    """The layout schema is valid Draft 2020-12, and every property carries a description."""
    schema = layout_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "urn:tajimi-rules:schema:layout:1"

    def properties(node: Any) -> Any:
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                yield name, value
            for value in node.values():
                yield from properties(value)
        elif isinstance(node, list):
            for value in node:
                yield from properties(value)

    undocumented = [name for name, value in properties(schema) if "description" not in value]
    assert undocumented == []


def test_a_good_layout_parses_without_problems():
    """A valid layout gives a layout and no problem; its items and readings are built."""
    layout, problems = parse_layout(GOOD)
    assert problems == []
    assert layout is not None
    sheet = layout.files[0].sheets[0]
    assert [item.item for item in sheet.items] == ["cio-adviser", "ciso", "csirt"]
    reading = sheet.items[0].reading
    assert reading is not None
    assert reading.read("やってます") is Meaning.IMPLEMENTED
    assert reading.read("実証中") is Meaning.TRIAL
    assert sheet.items[1].columns == (6, 7)


@pytest.mark.parametrize(
    ("path", "value", "code", "pointer"),
    [
        (("files", 0, "sheets", 0, "code"), "b", "layout.value", "/files/0/sheets/0/code"),
        (("files", 0, "sheets", 0, "first_row"), "8", "layout.type", "/files/0/sheets/0/first_row"),
        (("files", 0, "sheets", 0, "colour"), "red", "layout.unknown_key", "/files/0/sheets/0/colour"),
        (("files", 0, "sheets", 0, "items", 1, "column"), "Z", "layout.item_columns", "/files/0/sheets/0/items/1"),
        (
            ("files", 0, "sheets", 0, "items", 0, "reading"),
            "nope",
            "layout.unknown_reading",
            "/files/0/sheets/0/items/0/reading",
        ),
        (
            ("files", 0, "sheets", 0, "items", 2, "column"),
            "F",
            "layout.column_twice",
            "/files/0/sheets/0/items/2/column",
        ),
        (("files", 0, "sheets", 0, "items", 2, "item"), "ciso", "layout.item_twice", "/files/0/sheets/0/items/2/item"),
        (("files", 0, "sheets", 0, "first_row"), 6, "layout.rows", "/files/0/sheets/0/first_row"),
        (
            ("readings", "local", "not_implemented"),
            ["やってます"],
            "layout.ambiguous_text",
            "/readings/local/not_implemented/0",
        ),
        (("readings", "local", "extends"), "local", "layout.reading_cycle", "/readings/local/extends"),
    ],
)
def test_a_bad_layout_gets_pointer_precise_problems(path, value, code, pointer):
    """Each fault is refused with a problem whose code and JSON pointer say what and where."""
    layout, problems = parse_layout(_with(path, value), file="bad.json")
    assert layout is None
    assert (code, pointer) in {(p.code, p.pointer) for p in problems}
    assert all(p.file == "bad.json" and p.message_ja for p in problems)


def test_a_missing_key_is_named():
    """A missing required key is named at the object that lacks it."""
    document = copy.deepcopy(GOOD)
    del document["files"][0]["sheets"][0]["code"]
    _, problems = parse_layout(document)
    assert [(p.code, p.pointer, p.found) for p in problems] == [("layout.required", "/files/0/sheets/0", "-")]


def test_not_json_gets_a_line_and_column(tmp_path):
    """A layout file that is not JSON is one problem with its line and column."""
    path = tmp_path / "layout.json"
    path.write_text('{"id": "x",\n  "files": [}\n', "utf-8")
    layout, problems = read_layout(path)
    assert layout is None
    assert [(p.code, p.line) for p in problems] == [("layout.not_json", 2)]


def test_load_layout_raises_the_problems():
    """``load_layout`` raises InvalidDocumentError holding every problem."""
    with pytest.raises(InvalidDocumentError) as caught:
        load_layout(_with(("id",), "bad id"))
    assert caught.value.kind == "layout"
    assert caught.value.problems[0].pointer == "/id"


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("任命している", Meaning.IMPLEMENTED),
        ("策定している", Meaning.IMPLEMENTED),
        ("整備している", Meaning.IMPLEMENTED),
        ("構築している", Meaning.IMPLEMENTED),
        ("任用している", Meaning.IMPLEMENTED),
        ("既に導入済み", Meaning.IMPLEMENTED),
        ("導入済み", Meaning.IMPLEMENTED),
        ("令和5年度中に導入予定", Meaning.NOT_IMPLEMENTED),
        ("令和５年度中に導入予定", Meaning.NOT_IMPLEMENTED),
        ("令和6年度以降に導入予定", Meaning.NOT_IMPLEMENTED),
        ("実証中", Meaning.TRIAL),
        ("実証実験中", Meaning.TRIAL),
        ("予定なし", Meaning.NOT_IMPLEMENTED),
        ("○", Meaning.IMPLEMENTED),
        ("", Meaning.NOT_ANSWERED),
        (None, Meaning.NOT_ANSWERED),
    ],
)
def test_the_standard_reading_knows_every_answer_form(text, meaning):
    """The standard reading reads every form the survey uses, whatever the character width."""
    assert builtin_reading("standard").read(text) is meaning


def test_yu_is_not_a_global_implemented():
    """「有」 is unknown to the standard reading: it means 'applies' in a pair, or 'implemented' only where said."""
    assert builtin_reading("standard").read("有") is None
    assert builtin_reading("applies").read("有") is Meaning.IMPLEMENTED
    assert builtin_reading("present").read("有") is Meaning.IMPLEMENTED


def test_counts_read_numbers():
    """The count reading reads more than zero as implemented and zero as not implemented."""
    reading = builtin_reading("count")
    assert [reading.read(v) for v in (3, 0, 2.0, "1", None)] == [
        Meaning.IMPLEMENTED,
        Meaning.NOT_IMPLEMENTED,
        Meaning.IMPLEMENTED,
        Meaning.IMPLEMENTED,
        Meaning.NOT_ANSWERED,
    ]


@pytest.mark.parametrize("counts_as", ["implemented", "not_implemented", "not_answered"])
def test_trial_counts_as_configured(counts_as):
    """A trial answer counts as the layout's trial_counts_as says; not applicable counts as not answered."""
    layout = load_layout({**GOOD, "trial_counts_as": counts_as})
    assert layout.answer(Meaning.TRIAL) is Answer(counts_as)
    assert layout.answer(Meaning.NOT_APPLICABLE) is Answer.NOT_ANSWERED
    assert load_layout(GOOD).answer(Meaning.TRIAL) is Answer.NOT_IMPLEMENTED


def test_the_shipped_layout_is_valid_and_says_what_is_confirmed():
    """mic-r4 validates, names catalog items of r4, and lists its confirmed facts and its assumptions."""
    assert "mic-r4" in builtin_layouts()
    layout = load_layout("mic-r4")
    assert layout.confirmed and layout.assumptions
    assert layout.item_ids <= set(load_catalog("r4").item_index())
    document = json.loads(json.dumps(layout_schema()))
    assert document["properties"]["confirmed"]["description"]
