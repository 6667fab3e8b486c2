"""The model: levels, ratings, counts and names."""

from __future__ import annotations

import pytest

import tajimi_rules as tr
from tajimi_rules import Counts, Level, Rating


def test_level_values_are_the_json_ids():
    """Each level's value is its JSON id, in order from best to worst."""
    assert [level.value for level in Level] == ["advanced", "standard", "needs_review", "behind"]


def test_level_japanese_labels():
    """Levels carry the document's Japanese labels."""
    assert [level.ja for level in Level] == ["先進的", "普通", "検討が必要", "遅れている"]


@pytest.mark.parametrize(
    ("implemented", "common", "level"),
    [
        (True, False, Level.ADVANCED),
        (True, True, Level.STANDARD),
        (False, False, Level.NEEDS_REVIEW),
        (False, True, Level.BEHIND),
    ],
)
def test_level_of_implemented_and_common(implemented, common, level):
    """A level is the pair (implemented, common nationally)."""
    assert Level.of(implemented, common) is level
    assert (level.implemented, level.common) == (implemented, common)


def test_implementing_keeps_rarity():
    """Implementing an item moves needs_review to advanced and behind to standard."""
    assert Level.NEEDS_REVIEW.when_implemented is Level.ADVANCED
    assert Level.BEHIND.when_implemented is Level.STANDARD
    assert Level.ADVANCED.when_implemented is Level.ADVANCED
    assert dict(tr.model.IMPLEMENTING_MOVES) == {Level.NEEDS_REVIEW: Level.ADVANCED, Level.BEHIND: Level.STANDARD}


def test_rating_labels_and_order():
    """Ratings carry Japanese labels and rank best (3) to worst (0)."""
    assert [r.ja for r in Rating] == ["先進的", "良好", "やや不備あり", "不備あり"]
    assert [r.rank for r in Rating] == [3, 2, 1, 0]
    assert Rating.PARTLY_DEFICIENT.label("en") == "partly deficient"


def test_counts_total_and_subsets():
    """Counts add up per level and over sets of levels."""
    counts = Counts(advanced=2, standard=11, needs_review=6, behind=1)
    assert counts.total == 20
    assert counts.of([Level.ADVANCED, Level.STANDARD]) == 13
    assert counts[Level.BEHIND] == 1
    assert tuple(counts) == (2, 11, 6, 1)
    assert counts.short() == "2/11/6/1"


@pytest.mark.parametrize("bad", [-1, True, 1.0, "2"])
def test_counts_reject_non_counts(bad):
    """A count must be a non-negative int: negatives, bools, floats and strings are refused."""
    with pytest.raises(ValueError, match="non-negative integer"):
        Counts(advanced=bad)


def test_counts_moved():
    """Moving items between levels keeps the total and refuses to go below zero."""
    counts = Counts(0, 0, 1, 1)
    assert counts.moved(Level.NEEDS_REVIEW, Level.ADVANCED) == Counts(1, 0, 0, 1)
    with pytest.raises(ValueError, match="non-negative"):
        counts.moved(Level.STANDARD, Level.ADVANCED)


def test_counts_from_levels():
    """Counting a sequence of levels gives the counts."""
    assert Counts.from_levels([Level.BEHIND, Level.ADVANCED, Level.BEHIND]) == Counts(1, 0, 0, 2)


def test_name_falls_back_to_japanese():
    """A name without English renders in Japanese in both languages."""
    assert tr.model.Name("組織体制").label("en") == "組織体制"
    assert tr.model.Name("組織体制", "Organisation").label("en") == "Organisation"
    assert tr.model.Name("組織体制", "Organisation").label("ja") == "組織体制"


def test_category_counts_from_items():
    """A category's items give counts only when every item's level is known."""
    item = tr.Item(id="x", name=tr.model.Name("x"), level=Level.BEHIND)
    unknown = tr.Item(id="y", name=tr.model.Name("y"), implemented=True)
    category = tr.Category(id="c", group=tr.model.Name("g"), name=tr.model.Name("c"), items=(item,))
    assert category.counts_from_items() == Counts(0, 0, 0, 1)
    assert (
        tr.Category(
            id="c", group=tr.model.Name("g"), name=tr.model.Name("c"), items=(item, unknown)
        ).counts_from_items()
        is None
    )


def test_unknown_category_is_an_unknown_id_error(example_path):
    """Asking an evaluation for a category it lacks raises UnknownCategoryError, a KeyError listing the ids."""
    example_evaluation = tr.load_evaluation(example_path)
    with pytest.raises(tr.errors.UnknownCategoryError, match="unknown category 'nope'") as caught:
        example_evaluation.category("nope")
    assert isinstance(caught.value, KeyError)
    assert caught.value.known == tuple(sorted(category.id for category in example_evaluation.categories))


def test_unknown_catalog_item_is_an_unknown_id_error():
    """Asking a catalog for the category of an item it lacks raises UnknownItemError, a KeyError."""
    catalog = tr.documents.load_catalog("r4")
    with pytest.raises(tr.errors.UnknownItemError, match="unknown item 'nope'") as caught:
        catalog.category_of("nope")
    assert isinstance(caught.value, KeyError)
    assert catalog.category_of(catalog.items[0].id) is catalog.categories[0]


def test_level_and_rating_labels_come_from_the_text_table():
    """Level and rating labels in both languages are those of the source document."""
    assert [level.label("ja") for level in Level] == ["先進的", "普通", "検討が必要", "遅れている"]
    assert Level.NEEDS_REVIEW.en == "needs review"
    assert [rating.ja for rating in Rating] == ["先進的", "良好", "やや不備あり", "不備あり"]
    assert Rating.PARTLY_DEFICIENT.label("en") == "partly deficient"
