"""The typed model: levels, ratings, counts, items, categories, evaluations and survey catalogs."""

from ._catalog import Answer, AnswerVocabulary, Catalog, CatalogCategory, CatalogItem, normalize_answer
from ._evaluation import (
    IMPLEMENTING_MOVES,
    Category,
    Counts,
    Evaluation,
    Item,
    Level,
    Municipality,
    Name,
    Rating,
    Remarks,
    Source,
    Survey,
)

__all__ = [
    "IMPLEMENTING_MOVES",
    "Answer",
    "AnswerVocabulary",
    "Catalog",
    "CatalogCategory",
    "CatalogItem",
    "Category",
    "Counts",
    "Evaluation",
    "Item",
    "Level",
    "Municipality",
    "Name",
    "Rating",
    "Remarks",
    "Source",
    "Survey",
    "normalize_answer",
]
