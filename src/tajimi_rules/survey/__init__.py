"""The national survey: catalogs, answers, implementation rates, and the batch over every body."""

from ..documents._loaders import DEFAULT_CATALOG, builtin_catalogs, load_catalog, parse_catalog
from ..documents._meaning import check_digit
from ..model import Answer, AnswerVocabulary, Catalog, CatalogCategory, CatalogItem, normalize_answer
from ._answers import PREFECTURES, Answers, Body, read_answers, read_long_csv, read_wide_xlsx
from ._batch import Batch, BodyResult, CategoryResult, evaluate_answers, evaluation_json, write_batch
from ._implementation import ItemRate, RateTable, compute_rates

__all__ = [
    "DEFAULT_CATALOG",
    "PREFECTURES",
    "Answer",
    "AnswerVocabulary",
    "Answers",
    "Batch",
    "Body",
    "BodyResult",
    "Catalog",
    "CatalogCategory",
    "CatalogItem",
    "CategoryResult",
    "ItemRate",
    "RateTable",
    "builtin_catalogs",
    "check_digit",
    "compute_rates",
    "evaluate_answers",
    "evaluation_json",
    "load_catalog",
    "normalize_answer",
    "parse_catalog",
    "read_answers",
    "read_long_csv",
    "read_wide_xlsx",
    "write_batch",
]
