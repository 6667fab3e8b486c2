"""Reading every document kind: strict JSON, schemas, structure, meaning, and loading.

Evaluations, rule sets and survey catalogs all go through one pipeline (read, kind, schema,
structure, meaning); :data:`KINDS` is the table of the kinds it knows.
"""

from ._kinds import KINDS, Context, DocumentKind, detect_kind
from ._loaders import (
    DEFAULT_CATALOG,
    DEFAULT_RULES,
    builtin_catalogs,
    builtin_rule_sets,
    load_catalog,
    load_evaluation,
    load_rules,
    parse_catalog,
    parse_evaluation,
    parse_rules,
    resolve,
)
from ._pipeline import Validated
from ._schemas import schema
from ._validate import validate, validated

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_RULES",
    "KINDS",
    "Context",
    "DocumentKind",
    "Validated",
    "builtin_catalogs",
    "builtin_rule_sets",
    "detect_kind",
    "load_catalog",
    "load_evaluation",
    "load_rules",
    "parse_catalog",
    "parse_evaluation",
    "parse_rules",
    "resolve",
    "schema",
    "validate",
    "validated",
]
