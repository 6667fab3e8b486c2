"""Checking evaluations against their rule set, and comparing two evaluations."""

from ._check import CategoryCheck, CheckReport, category_counts, check, item_level
from ._diff import CategoryChange, ChangeCause, EvaluationDiff, ItemChange, diff_evaluations

__all__ = [
    "CategoryChange",
    "CategoryCheck",
    "ChangeCause",
    "CheckReport",
    "EvaluationDiff",
    "ItemChange",
    "category_counts",
    "check",
    "diff_evaluations",
    "item_level",
]
