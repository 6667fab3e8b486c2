"""Loading rule sets and evaluations: ids, paths, mappings, and every problem with its pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr


def test_builtin_rule_sets():
    """Both readings of the Tajimi rule ship with the package."""
    assert tr.documents.builtin_rule_sets() == ("tajimi-r4", "tajimi-r4-written")
    assert tr.load_rules().id == tr.documents.DEFAULT_RULES == "tajimi-r4"
    assert tr.load_rules("tajimi-r4") is tr.load_rules("tajimi-r4")


def test_rule_set_from_path_and_mapping(tmp_path):
    """A rule set loads the same from a file path and from a mapping."""
    data = {
        "id": "mine",
        "title": "Mine",
        "description": "half advanced is advanced",
        "combine": "first_match",
        "rules": [{"rating": "advanced", "when": {"share": {"of": ["advanced"], "at_least": "1/2"}}}],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), "utf-8")
    assert tr.load_rules(path) == tr.load_rules(data) == tr.load_rules(str(path))


def test_unknown_rule_set_id():
    """An id that is neither shipped nor a path says which ids exist."""
    with pytest.raises(tr.errors.UnknownRuleSetError, match="tajimi-r4, tajimi-r4-written"):
        tr.load_rules("tajimi-r5")


def test_float_threshold_is_refused_with_its_pointer():
    """A threshold written as a float is a problem at its JSON pointer."""
    data = {
        "id": "bad",
        "title": "Bad",
        "description": "",
        "combine": "exclusive",
        "rules": [{"rating": "good", "when": {"all": [{"share": {"of": ["advanced"], "at_least": 0.5}}]}}],
    }
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_rules(data)
    assert "/rules/0/when/all/0/share/at_least" in [p.pointer for p in caught.value.problems]


def test_share_outside_its_denominator_is_refused():
    """A share whose counted levels are not in its denominator cannot be loaded."""
    data = {
        "id": "bad",
        "title": "Bad",
        "description": "",
        "combine": "exclusive",
        "rules": [{"rating": "good", "when": {"share": {"of": ["behind"], "in": ["advanced"], "at_least": "1/2"}}}],
    }
    with pytest.raises(tr.InvalidDocumentError, match="denominator"):
        tr.load_rules(data)


def _example(example_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_path.read_text("utf-8"))
    return data


def test_example_loads(example_path):
    """The Tajimi example loads with its 16 categories."""
    evaluation = tr.load_evaluation(example_path)
    assert len(evaluation.categories) == 16
    assert evaluation.municipality.code == "212041"
    assert evaluation.category("website").counts == tr.Counts(2, 11, 6, 1)


def test_counts_that_disagree_with_items_are_refused(example_path):
    """When a category gives both counts and items, they must agree."""
    data = _example(example_path)
    data["categories"][4]["counts"]["behind"] = 0  # the website names one behind item
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_evaluation(data)
    assert [p.pointer for p in caught.value.problems if p.code == "counts.mismatch"] == ["/categories/4/counts/behind"]


def test_every_problem_is_reported(example_path):
    """Several problems in one file are all reported, each with its pointer."""
    data = _example(example_path)
    data["categories"][0]["counts"]["advanced"] = -1
    data["categories"][3]["stated_rating"] = "excellent"
    del data["survey"]["fiscal_year"]
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_evaluation(data)
    pointers = {p.pointer for p in caught.value.problems}
    assert {"/survey", "/categories/0/counts/advanced", "/categories/3/stated_rating"} <= pointers
    assert str(caught.value).startswith("<document>#/survey: missing required key 'fiscal_year'")


def test_wrong_check_digit(example_path):
    """A local-government code with a wrong check digit is refused with the right one."""
    data = _example(example_path)
    data["municipality"]["code"] = "212042"
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_evaluation(data)
    (problem,) = caught.value.problems
    assert (problem.pointer, problem.expected) == ("/municipality/code", "212041")


def test_duplicate_category_id(example_path):
    """Category ids are unique."""
    data = _example(example_path)
    data["categories"][1]["id"] = data["categories"][0]["id"]
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_evaluation(data)
    assert "/categories/1/id" in [p.pointer for p in caught.value.problems]


def test_check_digit_of_tajimi():
    """The check digit of 21204 is 1 (Tajimi is 212041)."""
    assert tr.survey.check_digit("21204") == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "json.empty"),
        (b"{", "json.syntax"),
        (b"[1, 2]", "document.not_object"),
        (b'{"a": 1, "a": 2}', "json.duplicate_key"),
        (b'{"a": NaN}', "json.constant"),
        (b"\xff\xfe{}", "json.encoding"),
    ],
)
def test_broken_files_are_problems_not_crashes(tmp_path, content, code):
    """Broken JSON is reported as a problem naming the file, never raised as a crash."""
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.load_evaluation(path)
    assert caught.value.problems[0].code == code
    assert caught.value.problems[0].file == str(path)


def test_utf8_bom_is_accepted(tmp_path, example_path):
    """A UTF-8 byte-order mark does not stop a file from loading."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + example_path.read_bytes())
    assert len(tr.load_evaluation(path).categories) == 16


def test_builtin_rule_set_ids_are_read_once():
    """The shipped ids are listed once and the same tuple is given each time."""
    assert tr.documents.builtin_rule_sets() is tr.documents.builtin_rule_sets()


def test_rules_path_the_system_refuses_is_a_problem(tmp_path):
    """A --rules name too long for the file system gives a problem naming the reason, not an OSError."""
    for name in ("r" * 300, str(tmp_path / ("r" * 300 + ".json"))):
        with pytest.raises(tr.InvalidDocumentError) as raised:
            tr.load_rules(name)
        (problem,) = raised.value.problems
        assert problem.code == "file.unreadable"
        assert "File name too long" in problem.message
    with pytest.raises(tr.InvalidDocumentError) as raised:
        tr.load_evaluation(tmp_path / ("e" * 300 + ".json"))
    assert [p.code for p in raised.value.problems] == ["file.unreadable"]


def _strict_grading_case(tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """A copy of tajimi-r4 calling a rate common only from 19/20, and an evaluation graded under it."""
    rules = json.loads(Path(tr.__file__).parent.joinpath("rulesets", "tajimi-r4.json").read_text("utf-8"))
    rules["id"] = "strict-grading"
    rules["item_grading"] = {"common": {"at_least": "19/20"}}
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(rules), "utf-8")
    evaluation = {
        "municipality": {"code": "212041", "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": "令和4年度", "fiscal_year": 2022},
        "categories": [
            {
                "id": "services",
                "group": {"ja": "群"},
                "name": {"ja": "行政サービス"},
                "items": [
                    {
                        "id": "done",
                        "name": {"ja": "済"},
                        "implemented": True,
                        "national_rate": 0.9,
                        "level": "advanced",
                    },
                    {
                        "id": "open",
                        "name": {"ja": "未"},
                        "implemented": False,
                        "national_rate": 0.9,
                        "level": "needs_review",
                    },
                ],
            }
        ],
    }
    return evaluation, path


def test_evaluation_resolves_under_the_rule_set_it_was_graded_with(tmp_path: Path):
    """An evaluation graded under a custom item grading loads under that rule set and is rated by it."""
    evaluation, custom = _strict_grading_case(tmp_path)
    loaded, rule_set = tr.documents.resolve(evaluation, custom)
    assert rule_set.id == "strict-grading"
    assert tr.validate(evaluation, rules=custom) == []
    report = tr.check(evaluation, custom)
    (category,) = report.categories
    assert category.counts == tr.Counts(advanced=1, needs_review=1)
    assert category.explanation is not None
    assert report.rules == rule_set
    assert loaded.categories[0].items[0].level is tr.Level.ADVANCED


def test_the_same_evaluation_contradicts_the_default_grading(tmp_path: Path):
    """Under the default grading (common from 1/2) the same levels contradict the rates."""
    evaluation, _custom = _strict_grading_case(tmp_path)
    problems = tr.validate(evaluation)
    assert [(p.code, p.pointer) for p in problems] == [
        ("item.level_contradicts_grading", "/categories/0/items/0/level"),
        ("item.level_contradicts_grading", "/categories/0/items/1/level"),
    ]


def test_unknown_ids_of_every_kind_raise_the_same_family():
    """An unknown catalog id fails as an unknown rule-set id does: an UnknownIdError listing the ids."""
    with pytest.raises(tr.errors.UnknownCatalogError, match="expected one of r4") as catalog:
        tr.documents.load_catalog("nope")
    with pytest.raises(tr.errors.UnknownRuleSetError) as rules:
        tr.load_rules("nope")
    assert isinstance(catalog.value, tr.errors.UnknownIdError)
    assert isinstance(rules.value, tr.errors.UnknownIdError)
    assert catalog.value.known == tr.documents.builtin_catalogs()
    assert rules.value.known == tr.documents.builtin_rule_sets()


def test_a_missing_catalog_path_is_a_problem(tmp_path: Path):
    """A catalog path that names nothing is an invalid document with a file.missing problem."""
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.documents.load_catalog(tmp_path / "absent.json")
    assert [p.code for p in caught.value.problems] == ["file.missing"]
