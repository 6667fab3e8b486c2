"""The national survey: catalogs, answers, implementation rates, and the batch over every body."""

from ..documents._loaders import DEFAULT_CATALOG, builtin_catalogs, load_catalog, parse_catalog
from ..documents._meaning import check_digit
from ..documents._overlay import overlay_problems
from ..model import Answer, AnswerVocabulary, Catalog, CatalogCategory, CatalogItem, normalize_answer
from ..model._layout import (
    BUILTIN_READINGS,
    ItemColumns,
    Layout,
    LayoutFile,
    LayoutSheet,
    Meaning,
    Reading,
    builtin_layouts,
    builtin_reading,
    layout_schema,
    parse_layout,
)
from ._answers import PREFECTURES, Answers, Body
from ._batch import Batch, BodyResult, CategoryResult, evaluate_answers
from ._codes import Code, CodeFault, code_digits, normalize_code
from ._coverage import NATION, Coverage, RateSource, coverage_of, empty_categories
from ._csv import read_long_csv
from ._draft import Draft, draft, draft_layout, fiscal_year
from ._grouping import ProblemGroup, bound_groups, group_problems
from ._implementation import ItemRate, RateTable, compute_rates
from ._layout import load_layout, read_layout
from ._mapping import ColumnMapping, parse_mapping, read_mapping
from ._output import evaluation_json, write_batch
from ._overlay import OverlaidCatalog, apply_overlay, load_any_catalog, load_overlay
from ._published import PublishedRates, read_published_rates
from ._read import read_answers
from ._workbooks import SheetSummary, SkippedRow, UnmappedColumn, WorkbookRead, available_readers, read_workbooks
from ._xlsx import read_wide_xlsx

__all__ = [
    "BUILTIN_READINGS",
    "DEFAULT_CATALOG",
    "NATION",
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
    "Code",
    "CodeFault",
    "ColumnMapping",
    "Coverage",
    "Draft",
    "ItemColumns",
    "ItemRate",
    "Layout",
    "LayoutFile",
    "LayoutSheet",
    "Meaning",
    "OverlaidCatalog",
    "ProblemGroup",
    "PublishedRates",
    "RateSource",
    "RateTable",
    "Reading",
    "SheetSummary",
    "SkippedRow",
    "UnmappedColumn",
    "WorkbookRead",
    "apply_overlay",
    "available_readers",
    "bound_groups",
    "builtin_catalogs",
    "builtin_layouts",
    "builtin_reading",
    "check_digit",
    "code_digits",
    "compute_rates",
    "coverage_of",
    "draft",
    "draft_layout",
    "empty_categories",
    "evaluate_answers",
    "evaluation_json",
    "fiscal_year",
    "group_problems",
    "layout_schema",
    "load_any_catalog",
    "load_catalog",
    "load_layout",
    "load_overlay",
    "normalize_answer",
    "normalize_code",
    "overlay_problems",
    "parse_catalog",
    "parse_layout",
    "parse_mapping",
    "read_answers",
    "read_layout",
    "read_long_csv",
    "read_mapping",
    "read_published_rates",
    "read_wide_xlsx",
    "read_workbooks",
    "write_batch",
]
