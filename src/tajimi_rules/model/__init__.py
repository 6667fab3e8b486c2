"""The typed model: levels, ratings, counts, items, categories and evaluations (frozen attrs classes)."""

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
]
