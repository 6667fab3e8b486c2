"""Checking an evaluation: recompute, compare with the stated rating, explain."""

from __future__ import annotations

import json
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules import Counts, Level, Rating


def test_tajimi_example_disagrees_in_exactly_three_categories(example_path):
    """Under the practised reading exactly 職員育成, GIS and デジタルデバイド対策 disagree."""
    report = tr.check(example_path)
    assert [c.category.id for c in report.disagreements] == ["dx-staff-development", "gis", "digital-divide"]
    assert all(c.rating is Rating.PARTLY_DEFICIENT and c.stated_rating is Rating.GOOD for c in report.disagreements)
    assert report.unrated == ()
    assert len(report.agreements) == 13
    assert not report.ok


def test_disagreements_carry_their_numbers(example_path):
    """Each disagreement's explanation shows the fraction that decided it."""
    report = tr.check(example_path)
    texts = {c.category.id: c.explanation.text() for c in report.disagreements if c.explanation}
    assert "(advanced+standard)/all = 13/21 >= 2/3" in texts["dx-staff-development"]
    assert "(advanced+standard)/all = 9/18 >= 2/3" in texts["gis"]
    assert "(advanced+standard)/all = 3/6 >= 2/3" in texts["digital-divide"]


def test_written_reading_leaves_gap_and_overlap_categories_unrated(example_path):
    """Under the literal reading the gap categories and テレワーク (an overlap) get no rating."""
    report = tr.check(example_path, "tajimi-r4-written")
    outcomes = {c.category.id: c.explanation.outcome for c in report.unrated if c.explanation}
    assert outcomes == {
        "online-procedures": tr.rules.Outcome.NO_RULE,
        "resident-services": tr.rules.Outcome.NO_RULE,
        "security-audit": tr.rules.Outcome.NO_RULE,
        "telework": tr.rules.Outcome.AMBIGUOUS,
    }
    telework = next(c for c in report.categories if c.category.id == "telework")
    assert telework.explanation is not None
    assert telework.explanation.matching_ratings == (Rating.PARTLY_DEFICIENT, Rating.DEFICIENT)


def test_evaluation_names_its_rule_set(example_path):
    """Without an explicit rule set, the evaluation's own ``rules`` id is used."""
    data = json.loads(example_path.read_text("utf-8"))
    data["rules"] = "tajimi-r4-written"
    assert tr.check(data).rules.id == "tajimi-r4-written"
    assert tr.check(data, "tajimi-r4").rules.id == "tajimi-r4"


def _evaluation(category: dict[str, Any]) -> dict[str, Any]:
    return {
        "municipality": {"code": "212041", "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": "t", "fiscal_year": 2022},
        "categories": [{"id": "c", "group": {"ja": "g"}, "name": {"ja": "c"}, **category}],
    }


def test_counts_come_from_items_when_not_given():
    """A category with items only is counted from the items' levels."""
    items = [
        {"id": "x", "name": {"ja": "x"}, "level": "advanced"},
        {"id": "y", "name": {"ja": "y"}, "level": "behind"},
        {"id": "z", "name": {"ja": "z"}, "level": "standard"},
    ]
    (category,) = tr.check(_evaluation({"items": items})).categories
    assert category.counts == Counts(1, 1, 0, 1)
    assert category.rating is Rating.GOOD


def test_items_are_graded_by_the_rule_sets_item_grading():
    """Items with ``implemented`` and a national rate get their level from the rule set's grading."""
    items = [
        {"id": "rare-done", "name": {"ja": "a"}, "implemented": True, "national_rate": 0.092},
        {"id": "common-missing", "name": {"ja": "b"}, "implemented": False, "national_rate": "79%"},
        {"id": "half-missing", "name": {"ja": "c"}, "implemented": False, "national_rate": "1/2"},
    ]
    (category,) = tr.check(_evaluation({"items": items})).categories
    # Exactly one half is "common" under tajimi-r4's grading (at least 1/2).
    assert category.counts == Counts(advanced=1, behind=2)
    grading = tr.load_rules("tajimi-r4").item_grading
    assert grading is not None
    assert grading.level(False, tr._fractions.parse_rate("1/2")) is Level.BEHIND
    assert grading.level(False, tr._fractions.parse_rate("49.9%")) is Level.NEEDS_REVIEW


def test_unknown_levels_leave_a_category_uncounted():
    """Items whose level cannot be known give no counts and no rating, not a guess."""
    items = [{"id": "x", "name": {"ja": "x"}, "implemented": True}]
    (category,) = tr.check(_evaluation({"items": items})).categories
    assert category.counts is None and category.rating is None
    assert category.to_json()["outcome"] == "unknown_counts"


def test_no_stated_rating_neither_agrees_nor_disagrees():
    """A category without a stated rating is rated but not compared."""
    (category,) = tr.check(
        _evaluation({"counts": {"advanced": 1, "standard": 0, "needs_review": 0, "behind": 0}})
    ).categories
    assert category.rating is Rating.ADVANCED
    assert category.agrees is None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_json_shape(example_path, lang):
    """The JSON form lists every category with id, counts, rating, matching rules, stated rating and agreement."""
    data = tr.check(example_path).to_json(lang)
    assert len(data["categories"]) == 16
    first = data["categories"][0]
    assert {"id", "counts", "rating", "matching_rules", "stated_rating", "agrees"} <= set(first)
    assert first["matching_rules"] == ["good", "partly_deficient"]
    assert data["summary"] == {
        "categories": 16,
        "agree": 13,
        "disagree": 3,
        "unrated": 0,
        "overlapping": 6,
        "no_stated_rating": 0,
    }
    json.dumps(data)
