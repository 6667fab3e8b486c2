"""Survey catalogs: the shipped R4 catalog, the answer vocabulary, and invalid catalogs."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tajimi_rules as tr

from .conftest import EXAMPLE


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("tajimi_rules").joinpath("catalogs", "r4.json").read_text("utf-8"))
    return data


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def test_shipped_catalog_is_schema_valid():
    """The shipped R4 catalog satisfies catalog.schema.json, checked with jsonschema directly."""
    schema = json.loads(files("tajimi_rules").joinpath("schemas", "catalog.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_shipped())


def test_builtin_catalogs_lists_r4():
    """``builtin_catalogs`` names the shipped catalog, and it is the default."""
    assert "r4" in tr.survey.builtin_catalogs()
    assert tr.survey.load_catalog().id == tr.survey.DEFAULT_CATALOG == "r4"


def test_r4_has_the_documents_categories_and_item_totals():
    """Each of the 16 categories has as many items as the document counts (n = a+s+r+b)."""
    catalog = tr.survey.load_catalog("r4")
    example = _example()
    expected = {c["id"]: sum(c["counts"].values()) for c in example["categories"]}
    assert [c.id for c in catalog.categories] == [c["id"] for c in example["categories"]]
    assert {c.id: len(c.items) for c in catalog.categories} == expected
    assert len(catalog.items) == 114


def test_r4_keeps_the_named_items_of_the_example():
    """Every item the example names is in the catalog under the same category, id and name."""
    catalog = tr.survey.load_catalog("r4")
    for category in _example()["categories"]:
        shipped = {item.id: item for item in next(c for c in catalog.categories if c.id == category["id"]).items}
        for item in category.get("items", []):
            assert shipped[item["id"]].name == tr.model.Name(**item["name"])


def test_r4_item_ids_are_unique_across_the_catalog():
    """Item ids are unique in the whole catalog, so a long CSV can name an item by id alone."""
    ids = [item.id for item in tr.survey.load_catalog("r4").items]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("導入済み", tr.survey.Answer.IMPLEMENTED),
        ("済", tr.survey.Answer.IMPLEMENTED),
        (" 済 ", tr.survey.Answer.IMPLEMENTED),
        ("○", tr.survey.Answer.IMPLEMENTED),
        ("令和5年度中に導入予定", tr.survey.Answer.NOT_IMPLEMENTED),
        ("令和５年度中に導入予定", tr.survey.Answer.NOT_IMPLEMENTED),
        ("予定なし", tr.survey.Answer.NOT_IMPLEMENTED),
        ("未", tr.survey.Answer.NOT_IMPLEMENTED),
        ("", tr.survey.Answer.NOT_ANSWERED),
        (None, tr.survey.Answer.NOT_ANSWERED),
        ("無回答", tr.survey.Answer.NOT_ANSWERED),
        ("YES", tr.survey.Answer.IMPLEMENTED),
    ],
)
def test_r4_vocabulary_reads_survey_answers(text: str | None, meaning: tr.survey.Answer):
    """Survey answer texts, full-width or half-width, read as implemented / not / not answered."""
    assert tr.survey.load_catalog("r4").answers.read(text) is meaning


def test_vocabulary_does_not_guess_unknown_texts():
    """A text the vocabulary does not list reads as ``None``, not as some meaning."""
    assert tr.survey.load_catalog("r4").answers.read("たぶん") is None


def test_answer_implemented_property():
    """``Answer.implemented`` is True, False, or None for no answer."""
    assert tr.survey.Answer.IMPLEMENTED.implemented is True
    assert tr.survey.Answer.NOT_IMPLEMENTED.implemented is False
    assert tr.survey.Answer.NOT_ANSWERED.implemented is None


def _small() -> dict[str, Any]:
    return {
        "id": "small",
        "survey": {"title": "test survey", "fiscal_year": 2023},
        "answers": {"implemented": ["済"], "not_implemented": ["未"], "not_answered": [""]},
        "categories": [
            {
                "id": "one",
                "group": {"ja": "群"},
                "name": {"ja": "一"},
                "items": [{"id": "a", "name": {"ja": "A"}}, {"id": "b", "name": {"ja": "B"}}],
            }
        ],
    }


def test_catalog_from_mapping_and_path(tmp_path: Path):
    """A catalog loads from a mapping and from a JSON file, to the same value."""
    path = tmp_path / "small.json"
    path.write_text(json.dumps(_small(), ensure_ascii=False), encoding="utf-8")
    assert tr.survey.load_catalog(path) == tr.survey.load_catalog(_small()) == tr.survey.parse_catalog(_small())
    assert tr.survey.load_catalog(_small()).category_of("b").id == "one"


def test_missing_answer_vocabulary_is_a_schema_problem():
    """A catalog without its answer vocabulary is invalid, with a pointer to the missing key."""
    data = _small()
    del data["answers"]
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.survey.parse_catalog(data, file="small.json")
    problem = caught.value.problems[0]
    assert (problem.code, problem.pointer, problem.file) == ("schema.required", "", "small.json")
    assert "answers" in problem.message


def test_answer_text_with_two_meanings_is_rejected():
    """An answer text listed under two meanings (after normalisation) is a problem at its pointer."""
    data = _small()
    data["answers"]["not_implemented"] = ["未", "済"]
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.survey.parse_catalog(data)
    assert [(p.code, p.pointer) for p in caught.value.problems] == [("answers.ambiguous", "/answers/not_implemented/1")]


def test_duplicate_item_id_is_rejected():
    """The same item id in two categories is a problem pointing at the second one."""
    data = _small()
    data["categories"].append(
        {"id": "two", "group": {"ja": "群"}, "name": {"ja": "二"}, "items": [{"id": "a", "name": {"ja": "A"}}]}
    )
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.survey.parse_catalog(data)
    assert [(p.code, p.pointer) for p in caught.value.problems] == [("item.duplicate_id", "/categories/1/items/0/id")]


def test_duplicate_category_id_is_rejected():
    """Two categories with one id are a problem at the second id."""
    data = _small()
    data["categories"].append(
        {"id": "one", "group": {"ja": "群"}, "name": {"ja": "二"}, "items": [{"id": "c", "name": {"ja": "C"}}]}
    )
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.survey.parse_catalog(data)
    assert [(p.code, p.pointer) for p in caught.value.problems] == [("category.duplicate_id", "/categories/1/id")]


def test_broken_catalog_file_reports_line_and_column(tmp_path: Path):
    """A catalog file with a syntax error is reported with its line and column, not a traceback."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.survey.load_catalog(path)
    problem = caught.value.problems[0]
    assert (problem.code, problem.line, problem.column) == ("json.syntax", 3, 3)


def test_normalize_answer_folds_width_and_case():
    """Answer texts compare after NFKC, trimming and case folding."""
    assert tr.survey.normalize_answer("　ＹＥＳ　") == tr.survey.normalize_answer("yes") == "yes"
