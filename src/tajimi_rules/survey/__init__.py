"""The national survey: catalogs, answers, implementation rates, and the batch over every body."""

from ..documents._loaders import DEFAULT_CATALOG, builtin_catalogs, load_catalog, parse_catalog
from ..documents._meaning import check_digit
from ..model import Answer, AnswerVocabulary, Catalog, CatalogCategory, CatalogItem, normalize_answer
from ._answers import PREFECTURES, Answers, Body
from ._batch import Batch, BodyResult, CategoryResult, evaluate_answers
from ._csv import read_long_csv
from ._implementation import ItemRate, RateTable, compute_rates
from ._mapping import ColumnMapping, parse_mapping, read_mapping
from ._output import evaluation_json, write_batch
from ._read import read_answers
from ._xlsx import read_wide_xlsx

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
    "ColumnMapping",
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
    "parse_mapping",
    "read_answers",
    "read_long_csv",
    "read_mapping",
    "read_wide_xlsx",
    "write_batch",
]
